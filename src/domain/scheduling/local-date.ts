/**
 * Local dates ('YYYY-MM-DD', a day on someone's wall calendar) and wall-clock times ('HH:mm'), as plain numbers: a
 * local date is a day number (days since 1970-01-01), a wall-clock time is minutes since local midnight.
 */
import { SchedulingInputError } from './errors';

/** ISO weekday: 1 = Monday … 7 = Sunday. */
export type IsoWeekday = 1 | 2 | 3 | 4 | 5 | 6 | 7;

export const millisecondsPerMinute = 60_000;
export const millisecondsPerDay = 86_400_000;

const localDatePattern = /^(\d{4})-(\d{2})-(\d{2})$/;
const wallClockPattern = /^(\d{2}):(\d{2})$/;

/** 'YYYY-MM-DD' → day number; throws SchedulingInputError on a malformed or impossible date. */
export function parseLocalDate(localDate: string): number {
  const match = localDatePattern.exec(localDate);
  if (match === null) throw new SchedulingInputError(`"${localDate}" is not a date of the form YYYY-MM-DD`);
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const milliseconds = Date.UTC(year, month - 1, day);
  const check = new Date(milliseconds);
  if (check.getUTCFullYear() !== year || check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day) {
    throw new SchedulingInputError(`"${localDate}" is not a day of the calendar`);
  }
  return milliseconds / millisecondsPerDay;
}

/** Day number → 'YYYY-MM-DD'. */
export function formatLocalDate(dayNumber: number): string {
  return new Date(dayNumber * millisecondsPerDay).toISOString().slice(0, 10);
}

export function yearOfDay(dayNumber: number): number {
  return new Date(dayNumber * millisecondsPerDay).getUTCFullYear();
}

export function isoWeekdayOfDay(dayNumber: number): IsoWeekday {
  // 1970-01-01 was a Thursday (ISO weekday 4).
  return (((((dayNumber + 3) % 7) + 7) % 7) + 1) as IsoWeekday;
}

/** 'HH:mm' (00:00–24:00) → minutes since midnight. */
export function parseWallClock(time: string): number {
  const match = wallClockPattern.exec(time);
  const hours = Number(match?.[1]);
  const minutes = Number(match?.[2]);
  if (match === null || minutes > 59 || hours * 60 + minutes > 24 * 60) {
    throw new SchedulingInputError(`"${time}" is not a wall-clock time of the form HH:mm between 00:00 and 24:00`);
  }
  return hours * 60 + minutes;
}
