/**
 * How Engage's PDFs print numbers, durations and dates. Dates are printed as calendar days in UTC, so that the same
 * input renders the same bytes on any machine.
 */
import { localeTags } from '../../domain/text/languages';
import type { DocumentLanguage } from './fonts';

const locale = (language: DocumentLanguage) => localeTags[language];

/** Minutes as "h:mm", e.g. 90 → "1:30". */
export function formatMinutes(minutes: number): string {
  const rounded = Math.max(0, Math.round(minutes));
  return `${Math.floor(rounded / 60)}:${String(rounded % 60).padStart(2, '0')}`;
}

export function formatNumber(value: number, language: DocumentLanguage): string {
  return new Intl.NumberFormat(locale(language), { maximumFractionDigits: 2 }).format(value);
}

/** An instant as its long written day ("14 March 2026"). */
export function formatDate(date: Date, language: DocumentLanguage): string {
  return new Intl.DateTimeFormat(locale(language), {
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    timeZone: 'UTC',
  }).format(date);
}

/** A YYYY-MM-DD day as a short written date ("14 Mar 2026"); anything else is printed as it is. */
export function formatDay(day: string, language: DocumentLanguage): string {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day)) return day;
  return new Intl.DateTimeFormat(locale(language), {
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    timeZone: 'UTC',
  }).format(new Date(`${day}T00:00:00Z`));
}
