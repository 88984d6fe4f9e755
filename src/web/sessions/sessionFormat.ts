import { localeOf, localTimeZone } from '../lib/format';

/** The day and start time of an instant in the viewer's zone, without the zone: "Tue 1 Dec 2026, 09:00". */
function dayAndTime(date: Date, language: string): string {
  return new Intl.DateTimeFormat(localeOf(language), {
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).format(date);
}

function timeOnly(date: Date, language: string): string {
  return new Intl.DateTimeFormat(localeOf(language), { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(
    date,
  );
}

function calendarDay(date: Date): string {
  return `${date.getFullYear()}-${date.getMonth()}-${date.getDate()}`;
}

/**
 * A session's or slot's time in the viewer's time zone, the zone named: "Tue 1 Dec 2026, 09:00–11:00 (Europe/Rome)".
 * An end on another day is written in full.
 */
export function formatTimeRange(startIso: string, endIso: string, language: string): string {
  const start = new Date(startIso);
  const end = new Date(endIso);
  if (Number.isNaN(start.getTime()) || Number.isNaN(end.getTime())) return `${startIso} – ${endIso}`;
  const endText = calendarDay(start) === calendarDay(end) ? timeOnly(end, language) : dayAndTime(end, language);
  return `${dayAndTime(start, language)}–${endText} (${localTimeZone()})`;
}

/** The value of a `datetime-local` input (the viewer's wall-clock time) as an ISO instant in UTC; null when incomplete. */
export function localInputToIso(value: string): string | null {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(value)) return null;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? null : date.toISOString();
}

/** An instant as the value of a `datetime-local` input, in the viewer's wall-clock time. */
export function isoToLocalInput(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return '';
  const pad = (value: number) => String(value).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

/** Whether a location is a link that can be opened. */
export function isWebLink(location: string): boolean {
  return /^https:\/\/\S+$/i.test(location.trim());
}

/** The durations offered for a session, in minutes: 1 hour, 2 hours, 4 hours, a full day. */
export const durationChoices = [60, 120, 240, 480] as const;

/** The durations offered for a session that took place: what really happened, a short call included. */
export const pastDurationChoices = [15, 30, 45, 60, 90, 120, 180, 240, 360, 480] as const;

/** A day (`yyyy-MM-dd`) and a time (`HH:mm`) of the viewer's wall clock as an ISO instant in UTC; null when incomplete. */
export function localDayAndTimeToIso(day: string, time: string): string | null {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day) || !/^\d{2}:\d{2}$/.test(time)) return null;
  return localInputToIso(`${day}T${time}`);
}

/** Today in the viewer's wall clock, as the value of a `date` input. */
export function localToday(now: number = Date.now()): string {
  return isoToLocalInput(new Date(now).toISOString()).slice(0, 10);
}
