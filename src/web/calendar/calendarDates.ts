import { DateTime } from 'luxon';
import { localeOf } from '../lib/format';

export type CalendarView = 'week' | 'month';

/** The first hour and the end hour the week view shows. */
export const dayStartHour = 7;
export const dayEndHour = 20;

/** Today in `zone`, as YYYY-MM-DD. */
export function todayIn(zone: string): string {
  return DateTime.now().setZone(zone).toISODate() ?? '';
}

/** Parses a YYYY-MM-DD anchor date, falling back to today in `zone`. */
export function parseAnchor(value: string | null, zone: string): DateTime {
  const parsed = value ? DateTime.fromISO(value, { zone }) : null;
  return parsed?.isValid ? parsed.startOf('day') : DateTime.now().setZone(zone).startOf('day');
}

/** The days a view shows: the Monday-to-Sunday week of the anchor, or whole weeks covering its month. */
export function visibleDays(view: CalendarView, anchor: DateTime): DateTime[] {
  const first = view === 'week' ? anchor.startOf('week') : anchor.startOf('month').startOf('week');
  const last = view === 'week' ? anchor.endOf('week') : anchor.endOf('month').endOf('week');
  const days: DateTime[] = [];
  for (let day = first; day <= last; day = day.plus({ days: 1 })) days.push(day);
  return days;
}

/** The instants the API is asked for: from the first visible midnight to the midnight after the last day. */
export function rangeOf(days: DateTime[]): { from: string; to: string } {
  const first = days[0] ?? DateTime.now();
  const last = days.at(-1) ?? first;
  return { from: first.toUTC().toISO() ?? '', to: last.plus({ days: 1 }).startOf('day').toUTC().toISO() ?? '' };
}

/** Moves the anchor by one week or one month. */
export function shiftAnchor(view: CalendarView, anchor: DateTime, direction: 1 | -1): DateTime {
  return view === 'week' ? anchor.plus({ weeks: direction }) : anchor.plus({ months: direction }).startOf('month');
}

/** The heading of a view: "30 Nov – 6 Dec 2026" or "December 2026". */
export function viewTitle(view: CalendarView, days: DateTime[], anchor: DateTime, language: string): string {
  if (view === 'month') return anchor.setLocale(localeOf(language)).toLocaleString({ month: 'long', year: 'numeric' });
  const first = days[0] ?? anchor;
  const last = days.at(-1) ?? anchor;
  const start = first
    .setLocale(localeOf(language))
    .toLocaleString({ day: 'numeric', month: 'short', ...(first.year === last.year ? {} : { year: 'numeric' }) });
  const end = last.setLocale(localeOf(language)).toLocaleString({ day: 'numeric', month: 'short', year: 'numeric' });
  return `${start} – ${end}`;
}

/** "Mon 30 Nov" for a column heading. */
export function dayHeading(day: DateTime, language: string): string {
  return day.setLocale(localeOf(language)).toLocaleString({ weekday: 'short', day: 'numeric', month: 'short' });
}

/** "Monday 30 November 2026" for a day's accessible name. */
export function dayLongName(day: DateTime, language: string): string {
  return day
    .setLocale(localeOf(language))
    .toLocaleString({ weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' });
}

/** "09:00–11:00" in `zone`. */
export function timeRange(start: string, end: string, zone: string): string {
  const format = (iso: string) => DateTime.fromISO(iso, { zone }).toFormat('HH:mm');
  return `${format(start)}–${format(end)}`;
}

/** The hour labels of the week view's time axis. */
export function hourLabels(): string[] {
  return Array.from(
    { length: dayEndHour - dayStartHour },
    (_, index) => `${String(dayStartHour + index).padStart(2, '0')}:00`,
  );
}

/**
 * Where an interval sits in a day column of the week view, as percentages of the 07–20 band; null when it does not
 * touch that band on that day. Intervals reaching outside the band are clipped to its edges.
 */
export function placeInDay(startIso: string, endIso: string, day: DateTime): { top: number; height: number } | null {
  const bandStart = day.set({ hour: dayStartHour, minute: 0, second: 0, millisecond: 0 });
  const bandEnd = day.set({ hour: dayEndHour, minute: 0, second: 0, millisecond: 0 });
  const start = DateTime.fromISO(startIso).setZone(day.zone);
  const end = DateTime.fromISO(endIso).setZone(day.zone);
  if (end <= bandStart || start >= bandEnd) return null;
  const band = bandEnd.toMillis() - bandStart.toMillis();
  const from = Math.max(start.toMillis(), bandStart.toMillis());
  const to = Math.min(end.toMillis(), bandEnd.toMillis());
  return { top: ((from - bandStart.toMillis()) / band) * 100, height: Math.max(((to - from) / band) * 100, 2) };
}

/** Whether an interval overlaps a calendar day (midnight to midnight in the day's zone). */
export function touchesDay(startIso: string, endIso: string, day: DateTime): boolean {
  const dayStart = day.startOf('day').toMillis();
  const dayEnd = day.plus({ days: 1 }).startOf('day').toMillis();
  return Date.parse(startIso) < dayEnd && Date.parse(endIso) > dayStart;
}

/**
 * Side-by-side lanes for overlapping sessions of one day: each gets a lane index and the number of lanes of its
 * cluster, so two sessions at the same time are drawn next to each other rather than on top.
 */
export function assignLanes<T extends { start: string; end: string }>(
  items: T[],
): { item: T; lane: number; lanes: number }[] {
  const sorted = [...items].sort((a, b) => a.start.localeCompare(b.start) || b.end.localeCompare(a.end));
  const placed: { item: T; lane: number; lanes: number }[] = [];
  let cluster: { item: T; lane: number; lanes: number }[] = [];
  let clusterEnd = 0;
  const laneEnds: number[] = [];
  for (const item of sorted) {
    const start = Date.parse(item.start);
    const end = Date.parse(item.end);
    if (cluster.length > 0 && start >= clusterEnd) {
      for (const entry of cluster) entry.lanes = laneEnds.length;
      cluster = [];
      laneEnds.length = 0;
    }
    let lane = laneEnds.findIndex((laneEnd) => laneEnd <= start);
    if (lane === -1) lane = laneEnds.length;
    laneEnds[lane] = end;
    const entry = { item, lane, lanes: 1 };
    cluster.push(entry);
    placed.push(entry);
    clusterEnd = Math.max(clusterEnd, end);
  }
  for (const entry of cluster) entry.lanes = laneEnds.length;
  return placed;
}

/** The Monday of the week containing `date` (YYYY-MM-DD), or of this week in `zone`. */
export function mondayOf(date: string | null, zone: string): string {
  const parsed = date ? DateTime.fromISO(date, { zone }) : DateTime.now().setZone(zone);
  const valid = parsed.isValid ? parsed : DateTime.now().setZone(zone);
  return valid.startOf('week').toISODate() ?? '';
}

/** Adds whole weeks to a YYYY-MM-DD date. */
export function plusWeeks(date: string, weeks: number): string {
  return DateTime.fromISO(date, { zone: 'UTC' }).plus({ weeks }).toISODate() ?? date;
}

/** "30 Nov" for a capacity column, read as a calendar date. */
export function weekHeading(date: string, language: string): string {
  return DateTime.fromISO(date, { zone: 'UTC' })
    .setLocale(localeOf(language))
    .toLocaleString({ day: 'numeric', month: 'short', year: 'numeric' });
}
