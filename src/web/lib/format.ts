import { useTranslation } from 'react-i18next';
import type { LocalizedText } from '../api/types';

/** The IANA name of the browser's time zone, e.g. "Europe/Rome". */
export function localTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
}

function locale(language: string): string {
  return language === 'it' ? 'it-IT' : 'en-GB';
}

/** A date and time in the user's time zone, with the zone's short name (e.g. "3 Mar 2027, 14:05 CET"). */
export function formatDateTime(iso: string, language: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return new Intl.DateTimeFormat(locale(language), {
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
  return new Intl.DateTimeFormat(locale(language), { dateStyle: 'medium' }).format(date);
}

/** Picks the text for the current language from an API `{ en, it }` pair. */
export function useLocalized(): (text: LocalizedText | null | undefined) => string {
  const { i18n } = useTranslation();
  const language = i18n.resolvedLanguage === 'it' ? 'it' : 'en';
  return (text) => (text ? text[language] || text.en : '');
}

/** A file size for people: "812 bytes", "14 kB", "2.3 MB". */
export function formatFileSize(bytes: number, language: string): string {
  const units = [
    { unit: 'megabyte', size: 1_000_000 },
    { unit: 'kilobyte', size: 1_000 },
  ] as const;
  const match = units.find((candidate) => bytes >= candidate.size);
  if (!match)
    return new Intl.NumberFormat(locale(language), { style: 'unit', unit: 'byte', unitDisplay: 'long' }).format(bytes);
  return new Intl.NumberFormat(locale(language), {
    style: 'unit',
    unit: match.unit,
    maximumFractionDigits: match.unit === 'megabyte' ? 1 : 0,
  }).format(bytes / match.size);
}

/** A calendar date written YYYY-MM-DD (no time, no zone), shown as the same day wherever the viewer is. */
export function formatCalendarDate(isoDate: string, language: string): string {
  const date = new Date(`${isoDate}T00:00:00Z`);
  if (Number.isNaN(date.getTime())) return isoDate;
  return new Intl.DateTimeFormat(locale(language), { dateStyle: 'medium', timeZone: 'UTC' }).format(date);
}

/** An amount the API sends as decimal text ("4800.00") in its currency, e.g. "€4,800.00" or "4.800,00 €". */
export function formatMoney(amount: string, currency: string, language: string): string {
  const value = Number(amount);
  if (!Number.isFinite(value)) return `${amount} ${currency}`;
  try {
    return new Intl.NumberFormat(locale(language), { style: 'currency', currency }).format(value);
  } catch {
    // Not an ISO 4217 code the browser knows: show the number and the code as they are.
    return `${new Intl.NumberFormat(locale(language), { minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(value)} ${currency}`;
  }
}

/** A plain number in the viewer's locale ("2.5" or "2,5"). */
export function formatNumber(value: number, language: string): string {
  return new Intl.NumberFormat(locale(language), { maximumFractionDigits: 2 }).format(value);
}

/** The decimal and thousands separators of the viewer's locale, for number inputs. */
export function numberSeparators(language: string): { decimal: string; thousands: string } {
  const parts = new Intl.NumberFormat(locale(language)).formatToParts(12345.6);
  return {
    decimal: parts.find((part) => part.type === 'decimal')?.value ?? '.',
    thousands: parts.find((part) => part.type === 'group')?.value ?? ',',
  };
}
