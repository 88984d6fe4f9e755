/**
 * Texts a person reads, looked up in the language resources (src/domain/text/locales) with i18next: the server's pages,
 * emails' framing, PDFs' labels, the portal's plain words. Keys are checked against the English resources at compile
 * time; a missing text falls back to English at run time (and fails the resources test long before).
 */
import i18next from 'i18next';
import { defaultLanguage, languages, type Language } from './languages';
import { englishResources, resourcesByLanguage, type Namespace } from './locales';

/** A plural form's key is looked up by its base with a count: `hours_one` and `hours_other` are `hours`. */
type PluralBase<K extends string> = K extends `${infer Base}_${'zero' | 'one' | 'two' | 'few' | 'many' | 'other'}`
  ? Base
  : K;

/** The dotted paths of a resource's leaves: `steps.handover.title`. */
type Leaves<T> = T extends string
  ? ''
  : {
      [K in keyof T & string]: Leaves<T[K]> extends '' ? PluralBase<K> : `${K}.${Leaves<T[K]>}`;
    }[keyof T & string];

export type TextKey<N extends Namespace> = Leaves<(typeof englishResources)[N]>;

/** A text in every language, as the API hands it to the web app (which shows the reader's). */
export type Localized = Readonly<Record<Language, string>>;

const instance = i18next.createInstance();
void instance.init({
  resources: Object.fromEntries(
    Object.entries(resourcesByLanguage).map(([language, namespaces]) => [language, namespaces]),
  ) as Record<string, Record<string, object>>,
  lng: defaultLanguage,
  fallbackLng: defaultLanguage,
  initAsync: false,
  interpolation: { escapeValue: false },
  returnNull: false,
  returnEmptyString: false,
});

// The web app's typed resources (src/web/i18n/i18next.d.ts) type i18next's `t` for the whole program; the server's keys
// are typed by TextKey instead, so this instance's `t` is used untyped underneath.
const lookup = instance.t.bind(instance) as unknown as (key: string, options: Record<string, unknown>) => string;

type Values = Readonly<Record<string, string | number>>;

/** The text of one key in one language (English when that language lacks it). */
export function translate<N extends Namespace>(
  language: Language,
  namespace: N,
  key: TextKey<N>,
  values: Values = {},
): string {
  return lookup(key, { ...values, lng: language, ns: namespace });
}

/** The translator of one namespace in one language, for code that writes many texts for one reader. */
export function translatorFor<N extends Namespace>(language: Language, namespace: N) {
  return (key: TextKey<N>, values: Values = {}) => translate(language, namespace, key, values);
}

/** The text of one key in every language. */
export function localized<N extends Namespace>(namespace: N, key: TextKey<N>, values: Values = {}): Localized {
  return Object.fromEntries(
    languages.map((language) => [language, translate(language, namespace, key, values)]),
  ) as Localized;
}

/** Whether a key exists in the English resources (for keys built at run time, like a step's key). */
export function hasText(namespace: Namespace, key: string): boolean {
  return instance.exists(`${namespace}:${key}`, { lng: defaultLanguage });
}

function mergeOver(base: unknown, over: unknown): unknown {
  if (typeof base !== 'object' || base === null) return typeof over === typeof base ? over : base;
  const other = (typeof over === 'object' && over !== null ? over : {}) as Record<string, unknown>;
  return Object.fromEntries(Object.entries(base).map(([key, value]) => [key, mergeOver(value, other[key])]));
}

/**
 * A whole namespace in one language, its missing texts taken from English: for label tables read as properties
 * (`labels.uat.passed`). Texts with placeholders go through `translate`, which fills them.
 */
export function resourceOf<N extends Namespace>(language: Language, namespace: N): (typeof englishResources)[N] {
  return mergeOver(
    englishResources[namespace],
    resourcesByLanguage[language]?.[namespace],
  ) as (typeof englishResources)[N];
}
