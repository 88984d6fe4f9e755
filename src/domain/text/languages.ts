/**
 * The languages Engage speaks: one list for the staff app, the portal, emails, PDFs and the content library. Adding a
 * language adds it here, then its resources (src/domain/text/locales, src/web/i18n) and its content files; the tests
 * name every key, template and content item still missing (docs/common-tasks.md, "Add a language").
 */
export const languages = ['en', 'it', 'de'] as const;
export type Language = (typeof languages)[number];

/** The locale each language formats dates and numbers with. */
export const localeTags: Readonly<Record<Language, string>> = { en: 'en-GB', it: 'it-IT', de: 'de-DE' };

/** The language texts fall back to when one is missing, and the one of anybody whose language is unknown. */
export const defaultLanguage: Language = 'en';

export function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (languages as readonly string[]).includes(value);
}

/**
 * The first supported language of an Accept-Language header (`de-CH,de;q=0.9,en;q=0.8`), in the order given (the
 * q-values of real browsers only decrease), else the default.
 */
export function languageOfHeader(header: string | undefined): Language {
  for (const part of (header ?? '').split(',')) {
    const base = part.trim().split(/[-;]/)[0]?.toLowerCase();
    if (isLanguage(base)) return base;
  }
  return defaultLanguage;
}

/** A text in the reader's language, or in English where that language is still missing (content an admin edited). */
export function pick<T>(texts: { readonly en: T } & Readonly<Partial<Record<Language, T>>>, language: Language): T {
  return texts[language] ?? texts.en;
}

/** One value per language, made by the function given: a text written in every language from one recipe. */
export function inEveryLanguage<T>(make: (language: Language) => T): Record<Language, T> {
  return Object.fromEntries(languages.map((language) => [language, make(language)])) as Record<Language, T>;
}
