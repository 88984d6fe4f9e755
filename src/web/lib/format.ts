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
  if (!match) return new Intl.NumberFormat(locale(language), { style: 'unit', unit: 'byte', unitDisplay: 'long' }).format(bytes);
  return new Intl.NumberFormat(locale(language), { style: 'unit', unit: match.unit, maximumFractionDigits: match.unit === 'megabyte' ? 1 : 0 }).format(
    bytes / match.size,
  );
}
