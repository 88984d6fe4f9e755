/**
 * Working calendars (a staff member's or a customer's) and business days. Instants are UTC `Date`s; working weeks,
 * hours, holidays and whole-day time off are read on the calendar's own wall clock, in its IANA time zone.
 */
import { SchedulingInputError } from './errors';
import { assertHolidayRegion, publicHolidayDays, type HolidayRegion } from './holidays';
import {
  formatLocalDate,
  isoWeekdayOfDay,
  millisecondsPerDay,
  millisecondsPerMinute,
  parseLocalDate,
  parseWallClock,
  yearOfDay,
  type IsoWeekday,
} from './local-date';
import { ZoneOffsets } from './zone-offsets';

/** Wall-clock hours on one day, 'HH:mm' to 'HH:mm' (end after start; '24:00' is the end of the day). */
export interface WallClockInterval {
  readonly start: string;
  readonly end: string;
}

/** A stretch of UTC time. */
export interface TimeInterval {
  readonly start: Date;
  readonly end: Date;
}

/** Time off: either a UTC interval (an afternoon at the dentist) or whole local days, first and last included. */
export type TimeOff =
  | { readonly kind: 'interval'; readonly start: Date; readonly end: Date }
  | { readonly kind: 'days'; readonly firstDay: string; readonly lastDay: string };

/** What business days are counted on: a zone, a working week and the public holidays of a region. */
export interface BusinessCalendar {
  /** IANA zone, e.g. 'Europe/Rome'. */
  readonly timeZone: string;
  /** The working week as a set of ISO weekdays (1 = Monday … 7 = Sunday); order and repeats do not matter. */
  readonly workingDays: readonly IsoWeekday[];
  /** Whose public holidays are days off; null for none. */
  readonly holidays: HolidayRegion | null;
}

/** A staff member's calendar. */
export interface WorkingCalendar extends BusinessCalendar {
  /** Working hours of each working day, e.g. 09:00–13:00 and 14:00–17:30 for a lunch break. */
  readonly workingHours: readonly WallClockInterval[];
  readonly timeOff: readonly TimeOff[];
}

/** A customer's calendar: when sessions may take place on their side. */
export interface CustomerCalendar extends BusinessCalendar {
  readonly businessHours: readonly WallClockInterval[];
}

export const mondayToFriday: readonly IsoWeekday[] = [1, 2, 3, 4, 5];
/** The working week of most of the Middle East (UAE until 2022, Saudi Arabia, Qatar, Kuwait, Israel …). */
export const sundayToThursday: readonly IsoWeekday[] = [7, 1, 2, 3, 4];
export const defaultBusinessHours: readonly WallClockInterval[] = [{ start: '09:00', end: '18:00' }];

/** A customer's calendar, by default Monday to Friday, 09:00–18:00 local time. */
export function createCustomerCalendar(input: {
  timeZone: string;
  holidays: HolidayRegion | null;
  workingDays?: readonly IsoWeekday[];
  businessHours?: readonly WallClockInterval[];
}): CustomerCalendar {
  return {
    timeZone: input.timeZone,
    holidays: input.holidays,
    workingDays: input.workingDays ?? mondayToFriday,
    businessHours: input.businessHours ?? defaultBusinessHours,
  };
}

/** A working interval of one local day, in UTC milliseconds, with the zone's offset during it. */
export interface WorkingPiece {
  readonly start: number;
  readonly end: number;
  readonly offsetMinutes: number;
}

export interface NumericInterval {
  start: number;
  end: number;
}

const maximumDaysWithoutBusinessDay = 366;

/**
 * A calendar validated and turned into numbers: a weekday mask, working hours in minutes, time off as day ranges
 * and merged UTC intervals, each local day's working pieces computed once and kept.
 */
export class CompiledCalendar {
  readonly zone: ZoneOffsets;
  private readonly weekdayMask: number;
  private readonly hours: readonly NumericInterval[];
  private readonly holidays: HolidayRegion | null;
  private readonly daysOff: readonly NumericInterval[];
  /** Time off given as UTC intervals, sorted and merged. */
  readonly timeOffIntervals: readonly NumericInterval[];
  private readonly pieces = new Map<number, readonly WorkingPiece[]>();
  private readonly holidayDays = new Map<number, ReadonlySet<number>>();

  constructor(calendar: BusinessCalendar, hours: readonly WallClockInterval[] = [], timeOff: readonly TimeOff[] = []) {
    this.zone = ZoneOffsets.of(calendar.timeZone);
    let mask = 0;
    for (const weekday of calendar.workingDays) {
      if (!Number.isInteger(weekday) || weekday < 1 || weekday > 7)
        throw new SchedulingInputError(`${String(weekday)} is not an ISO weekday (1–7)`);
      mask |= 1 << weekday;
    }
    if (mask === 0) throw new SchedulingInputError('a working week needs at least one working day');
    this.weekdayMask = mask;
    if (calendar.holidays !== null) assertHolidayRegion(calendar.holidays);
    this.holidays = calendar.holidays;
    this.hours = mergeIntervals(
      hours.map(({ start, end }) => {
        const interval = { start: parseWallClock(start), end: parseWallClock(end) };
        if (interval.end <= interval.start)
          throw new SchedulingInputError(`working hours ${start}–${end} end before they start`);
        return interval;
      }),
    );
    const daysOff: NumericInterval[] = [];
    const intervals: NumericInterval[] = [];
    for (const entry of timeOff) {
      if (entry.kind === 'days') {
        const first = parseLocalDate(entry.firstDay);
        const last = parseLocalDate(entry.lastDay);
        if (last < first)
          throw new SchedulingInputError(`time off ${entry.firstDay}–${entry.lastDay} ends before it starts`);
        daysOff.push({ start: first, end: last + 1 });
      } else {
        const start = entry.start.getTime();
        const end = entry.end.getTime();
        if (!(end > start)) throw new SchedulingInputError('a time-off interval must end after it starts');
        intervals.push({ start, end });
      }
    }
    this.daysOff = mergeIntervals(daysOff);
    this.timeOffIntervals = mergeIntervals(intervals);
  }

  /** On the calendar's working week and not a public holiday (personal time off does not change business days). */
  isBusinessDay(day: number): boolean {
    if ((this.weekdayMask & (1 << isoWeekdayOfDay(day))) === 0) return false;
    return this.holidays === null || !this.holidaysOfYear(yearOfDay(day)).has(day);
  }

  /** A business day that is not a whole day of time off. */
  isAvailableDay(day: number): boolean {
    return this.isBusinessDay(day) && !this.daysOff.some((range) => day >= range.start && day < range.end);
  }

  private holidaysOfYear(year: number): ReadonlySet<number> {
    let days = this.holidayDays.get(year);
    if (days === undefined) {
      days = publicHolidayDays(this.holidays as HolidayRegion, year);
      this.holidayDays.set(year, days);
    }
    return days;
  }

  nextBusinessDay(day: number): number {
    for (let next = day + 1; next <= day + maximumDaysWithoutBusinessDay; next += 1)
      if (this.isBusinessDay(next)) return next;
    throw new SchedulingInputError(`no business day within a year after ${formatLocalDate(day)}`);
  }

  previousBusinessDay(day: number): number {
    for (let previous = day - 1; previous >= day - maximumDaysWithoutBusinessDay; previous -= 1)
      if (this.isBusinessDay(previous)) return previous;
    throw new SchedulingInputError(`no business day within a year before ${formatLocalDate(day)}`);
  }

  /** The local date (day number) of a UTC instant. */
  localDayOf(instant: number): number {
    return Math.floor((instant + this.zone.offsetAt(instant) * millisecondsPerMinute) / millisecondsPerDay);
  }

  /** Milliseconds since local midnight of the wall clock at a UTC instant. */
  wallTimeOfDay(instant: number): number {
    const wall = instant + this.zone.offsetAt(instant) * millisecondsPerMinute;
    return wall - Math.floor(wall / millisecondsPerDay) * millisecondsPerDay;
  }

  /** The first instant of a local date. */
  dayStart(day: number): number {
    return this.zone.firstInstantAtOrAfterWallTime(day * millisecondsPerDay);
  }

  /**
   * The working intervals of a local date: the instants whose local date is that day and whose wall-clock time lies
   * in the working hours; none on a non-working day, a public holiday or a whole day off. On a day with a DST change
   * the hours are wall-clock hours (a 09:00–17:00 day is still 09:00–17:00), and hours that the change skips are
   * simply not there.
   */
  workingPieces(day: number): readonly WorkingPiece[] {
    let result = this.pieces.get(day);
    if (result === undefined) {
      result = this.isAvailableDay(day) ? this.computePieces(day) : [];
      this.pieces.set(day, result);
    }
    return result;
  }

  private computePieces(day: number): WorkingPiece[] {
    const midnightAsUtc = day * millisecondsPerDay;
    const result: WorkingPiece[] = [];
    for (const segment of this.zone.segmentsBetween(this.dayStart(day), this.dayStart(day + 1))) {
      const shift = segment.offsetMinutes * millisecondsPerMinute;
      for (const hours of this.hours) {
        const start = Math.max(segment.start, midnightAsUtc + hours.start * millisecondsPerMinute - shift);
        const end = Math.min(segment.end, midnightAsUtc + hours.end * millisecondsPerMinute - shift);
        if (start < end) result.push({ start, end, offsetMinutes: segment.offsetMinutes });
      }
    }
    return result;
  }
}

/** Sorts intervals by start and merges those that overlap or touch. */
export function mergeIntervals(intervals: readonly NumericInterval[]): NumericInterval[] {
  const sorted = [...intervals].sort((left, right) => left.start - right.start);
  const merged: NumericInterval[] = [];
  for (const interval of sorted) {
    const last = merged[merged.length - 1];
    if (last !== undefined && interval.start <= last.end) last.end = Math.max(last.end, interval.end);
    else merged.push({ start: interval.start, end: interval.end });
  }
  return merged;
}

export function compileWorkingCalendar(calendar: WorkingCalendar): CompiledCalendar {
  return new CompiledCalendar(calendar, calendar.workingHours, calendar.timeOff);
}

export function compileCustomerCalendar(calendar: CustomerCalendar): CompiledCalendar {
  return new CompiledCalendar(calendar, calendar.businessHours);
}

/** Whether a local date ('YYYY-MM-DD') is a business day of the calendar: in its working week and not a public holiday. */
export function isBusinessDay(calendar: BusinessCalendar, localDate: string): boolean {
  return new CompiledCalendar(calendar).isBusinessDay(parseLocalDate(localDate));
}

/**
 * The instant `n` business days after `from`, at the same local wall-clock time: Monday 15:00 + 2 is Wednesday
 * 15:00, Friday 15:00 + 2 is Tuesday 15:00. From a day that is not a business day, counting starts at 00:00 of the
 * next business day (Saturday + 2 is Wednesday 00:00), so no weekend or holiday counts as notice.
 */
export function addBusinessDays(calendar: BusinessCalendar, from: Date, n: number): Date {
  if (!Number.isInteger(n) || n < 0)
    throw new SchedulingInputError(`business days to add must be a whole number ≥ 0 (got ${n})`);
  const compiled = new CompiledCalendar(calendar);
  return new Date(addBusinessDaysTo(compiled, from.getTime(), n));
}

export function addBusinessDaysTo(compiled: CompiledCalendar, from: number, n: number): number {
  let day = compiled.localDayOf(from);
  let timeOfDay = compiled.wallTimeOfDay(from);
  if (!compiled.isBusinessDay(day)) {
    day = compiled.nextBusinessDay(day);
    timeOfDay = 0;
  }
  for (let counted = 0; counted < n; counted += 1) day = compiled.nextBusinessDay(day);
  return compiled.zone.firstInstantAtOrAfterWallTime(day * millisecondsPerDay + timeOfDay);
}

/**
 * The instant `n` business days before `at`, at the same local wall-clock time: a session on Monday 10:00 is reminded
 * on Friday 10:00 (one business day before), a session on the Tuesday after Easter Monday on the Friday before.
 */
export function businessDaysBefore(calendar: BusinessCalendar, at: Date, n: number): Date {
  if (!Number.isInteger(n) || n < 0)
    throw new SchedulingInputError(`business days to go back must be a whole number ≥ 0 (got ${n})`);
  const compiled = new CompiledCalendar(calendar);
  let day = compiled.localDayOf(at.getTime());
  const timeOfDay = compiled.wallTimeOfDay(at.getTime());
  for (let counted = 0; counted < n; counted += 1) day = compiled.previousBusinessDay(day);
  return new Date(compiled.zone.firstInstantAtOrAfterWallTime(day * millisecondsPerDay + timeOfDay));
}

/**
 * Business days from `from` to `to`: the business days on or after `from`'s local date and before `to`'s (negative
 * when `to` is earlier). Ready to schedule on Monday, first session on Monday two weeks later: 10. It is the inverse
 * of addBusinessDays: businessDaysBetween(c, t, addBusinessDays(c, t, n)) === n.
 */
export function businessDaysBetween(calendar: BusinessCalendar, from: Date, to: Date): number {
  const compiled = new CompiledCalendar(calendar);
  const fromDay = compiled.localDayOf(from.getTime());
  const toDay = compiled.localDayOf(to.getTime());
  const [first, last, sign] = fromDay <= toDay ? [fromDay, toDay, 1] : [toDay, fromDay, -1];
  let count = 0;
  for (let day = first; day < last; day += 1) if (compiled.isBusinessDay(day)) count += 1;
  return count === 0 ? 0 : sign * count;
}

/**
 * The intervals within [from, to) when a staff member is working: working hours of available days, less time off
 * given as intervals. For capacity views and checks.
 */
export function workingIntervals(calendar: WorkingCalendar, from: Date, to: Date): TimeInterval[] {
  const compiled = compileWorkingCalendar(calendar);
  return availableIntervals(compiled, from.getTime(), to.getTime()).map(({ start, end }) => ({
    start: new Date(start),
    end: new Date(end),
  }));
}

/** A customer's business hours within [from, to), as UTC intervals. */
export function businessHoursIntervals(calendar: CustomerCalendar, from: Date, to: Date): TimeInterval[] {
  const compiled = compileCustomerCalendar(calendar);
  return availableIntervals(compiled, from.getTime(), to.getTime()).map(({ start, end }) => ({
    start: new Date(start),
    end: new Date(end),
  }));
}

function availableIntervals(compiled: CompiledCalendar, from: number, to: number): NumericInterval[] {
  const pieces: NumericInterval[] = [];
  for (let day = compiled.localDayOf(from); compiled.dayStart(day) < to; day += 1) {
    for (const piece of compiled.workingPieces(day)) {
      const start = Math.max(piece.start, from);
      const end = Math.min(piece.end, to);
      if (start < end) pieces.push({ start, end });
    }
  }
  return subtractSorted(mergeIntervals(pieces), compiled.timeOffIntervals);
}

/** `intervals` less `removed`, both sorted and disjoint. */
export function subtractSorted(
  intervals: readonly NumericInterval[],
  removed: readonly NumericInterval[],
): NumericInterval[] {
  const result: NumericInterval[] = [];
  let index = 0;
  for (const interval of intervals) {
    let start = interval.start;
    while (index < removed.length && (removed[index] as NumericInterval).end <= start) index += 1;
    for (
      let scan = index;
      scan < removed.length && (removed[scan] as NumericInterval).start < interval.end;
      scan += 1
    ) {
      const cut = removed[scan] as NumericInterval;
      if (cut.start > start) result.push({ start, end: cut.start });
      start = Math.max(start, cut.end);
    }
    if (start < interval.end) result.push({ start, end: interval.end });
  }
  return result;
}
