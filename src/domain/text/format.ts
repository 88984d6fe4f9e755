/**
 * Dates, times and durations written for a reader: in their language's locale (Intl) and words (the `words`
 * resources), in the time zone given. One place, so an email, a PDF and a page say a date the same way.
 */
import { translate } from './i18n';
import { localeTags, type Language } from './languages';

/** "21 March 2025", "21 marzo 2025", "21. März 2025". */
export function longDate(instant: Date, language: Language, timeZone: string): string {
  return new Intl.DateTimeFormat(localeTags[language], { dateStyle: 'long', timeZone }).format(instant);
}

/** "Friday 21 March 2025", with the weekday. */
export function dayWithWeekday(instant: Date, language: Language, timeZone: string): string {
  return new Intl.DateTimeFormat(localeTags[language], {
    weekday: 'long',
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    timeZone,
  }).format(instant);
}

/** "09:00–12:30", on a 24-hour clock. */
export function timeRange(start: Date, end: Date, language: Language, timeZone: string): string {
  const format = new Intl.DateTimeFormat(localeTags[language], {
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
    timeZone,
  });
  return `${format.format(start)}–${format.format(end)}`;
}

/** "1 hour and 30 minutes", "2 ore", "45 Minuten". */
export function duration(minutes: number, language: Language): string {
  const hours = Math.floor(minutes / 60);
  const rest = minutes % 60;
  const hourPart = hours === 0 ? '' : translate(language, 'words', 'duration.hours', { count: hours });
  const minutePart = rest === 0 ? '' : translate(language, 'words', 'duration.minutes', { count: rest });
  if (hourPart === '' || minutePart === '') return hourPart + minutePart;
  return translate(language, 'words', 'duration.both', { hours: hourPart, minutes: minutePart });
}
