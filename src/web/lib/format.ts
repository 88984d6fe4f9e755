import { useTranslation } from 'react-i18next';
import { defaultLanguage, isLanguage, languages, localeTags, pick, type Language } from '../../domain/text/languages';
import type { LocalizedText } from '../api/types';

/** The IANA name of the browser's time zone, e.g. "Europe/Rome". */
export function localTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
}

/** The language Engage speaks that an i18next language or a browser tag (`de`, `de-CH`) names, else the default. */
export function languageOf(tag: string | undefined): Language {
  const base = tag?.toLowerCase().split('-')[0];
  return isLanguage(base) ? base : defaultLanguage;
}

/** The locale (en-GB, it-IT, de-DE) dates and numbers are written in for a language. */
export function localeOf(language: string | undefined): string {
  return localeTags[languageOf(language)];
}

/** A date and time in the user's time zone, with the zone's short name (e.g. "3 Mar 2027, 14:05 CET"). */
export function formatDateTime(iso: string, language: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return new Intl.DateTimeFormat(localeOf(language), {
    year: 'numeric',
    month: 'short',
    day: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    timeZoneName: 'short',
  }).format(date);
}

/** A calendar date in the user's time zone. */
export function formatDate(iso: string, language: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return new Intl.DateTimeFormat(localeOf(language), { dateStyle: 'medium' }).format(date);
}

/** Picks the text for the current language from an API LocalizedText, English where that language is missing. */
export function useLocalized(): (text: LocalizedText | null | undefined) => string {
  const { i18n } = useTranslation();
  const language = languageOf(i18n.resolvedLanguage);
  return (text) => (text ? pick(text, language) || text.en : '');
}

/**
 * A text in every language read from content of unknown shape (a team's name in teams.yaml): each language it lacks
 * reads the English, and `fallback` stands in for a missing English.
 */
export function localizedTextOf(value: unknown, fallback: string): LocalizedText {
  const texts = typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : {};
  const textIn = (language: Language) => {
    const text = texts[language];
    return typeof text === 'string' ? text : undefined;
  };
  const en = textIn('en') ?? fallback;
  return Object.fromEntries(languages.map((language) => [language, textIn(language) ?? en])) as LocalizedText;
}

/** A file size for people: "812 bytes", "14 kB", "2.3 MB". */
export function formatFileSize(bytes: number, language: string): string {
  const units = [
    { unit: 'megabyte', size: 1_000_000 },
    { unit: 'kilobyte', size: 1_000 },
  ] as const;
  const match = units.find((candidate) => bytes >= candidate.size);
  if (!match)
    return new Intl.NumberFormat(localeOf(language), { style: 'unit', unit: 'byte', unitDisplay: 'long' }).format(
      bytes,
    );
  return new Intl.NumberFormat(localeOf(language), {
    style: 'unit',
    unit: match.unit,
    maximumFractionDigits: match.unit === 'megabyte' ? 1 : 0,
  }).format(bytes / match.size);
}

/** A calendar date written YYYY-MM-DD (no time, no zone), shown as the same day wherever the viewer is. */
export function formatCalendarDate(isoDate: string, language: string): string {
  const date = new Date(`${isoDate}T00:00:00Z`);
  if (Number.isNaN(date.getTime())) return isoDate;
  return new Intl.DateTimeFormat(localeOf(language), { dateStyle: 'medium', timeZone: 'UTC' }).format(date);
}

/** An amount the API sends as decimal text ("4800.00") in its currency, e.g. "€4,800.00" or "4.800,00 €". */
export function formatMoney(amount: string, currency: string, language: string): string {
  const value = Number(amount);
  if (!Number.isFinite(value)) return `${amount} ${currency}`;
  try {
    return new Intl.NumberFormat(localeOf(language), { style: 'currency', currency }).format(value);
  } catch {
    // Not an ISO 4217 code the browser knows: show the number and the code as they are.
    return `${new Intl.NumberFormat(localeOf(language), { minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(value)} ${currency}`;
  }
}

/** A plain number in the viewer's locale ("2.5" or "2,5"). */
export function formatNumber(value: number, language: string): string {
  return new Intl.NumberFormat(localeOf(language), { maximumFractionDigits: 2 }).format(value);
}

/** The decimal and thousands separators of the viewer's locale, for number inputs. */
export function numberSeparators(language: string): { decimal: string; thousands: string } {
  const parts = new Intl.NumberFormat(localeOf(language)).formatToParts(12345.6);
  return {
    decimal: parts.find((part) => part.type === 'decimal')?.value ?? '.',
    thousands: parts.find((part) => part.type === 'group')?.value ?? ',',
  };
}
