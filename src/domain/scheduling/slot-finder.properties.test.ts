import fc from 'fast-check';
import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import {
  addBusinessDays,
  businessDaysBetween,
  findEarliestSlots,
  isBlockingFor,
  isBusinessDay,
  listPublicHolidays,
  projectPriorities,
  type BusinessCalendar,
  type BusySession,
  type CustomerCalendar,
  type HolidayRegion,
  type IsoWeekday,
  type SlotSearch,
  type TimeOff,
  type WallClockInterval,
  type WorkingCalendar,
} from './index';

// Every boundary the generators make (offsets, DST changes, hours, time off, sessions, now) falls on a quarter hour,
// so the brute force below only needs to look at each quarter hour.
const quarter = 15 * 60_000;
const day = 86_400_000;
const runs = { numRuns: 150 };

const zones = [
  'Europe/Rome',
  'America/New_York',
  'Asia/Dubai',
  'Asia/Kolkata',
  'Australia/Lord_Howe',
  'Pacific/Chatham',
  'UTC',
];
// Just before the 2027 DST changes of those zones, and across a new year.
const bases = ['2027-03-10', '2027-03-25', '2027-03-31', '2027-09-22', '2027-10-28', '2027-11-04', '2027-12-27'].map(
  (date) => Date.parse(`${date}T00:00:00Z`),
);
const regions: readonly (HolidayRegion | null)[] = [null, { country: 'IT' }, { country: 'US' }, { country: 'AE' }];

const hhmm = (halfHours: number) =>
  `${String(Math.floor(halfHours / 2)).padStart(2, '0')}:${halfHours % 2 === 0 ? '00' : '30'}`;
const minutesOf = (time: string) => Number(time.slice(0, 2)) * 60 + Number(time.slice(3, 5));

const randomHours: fc.Arbitrary<WallClockInterval[]> = fc
  .uniqueArray(fc.integer({ min: 0, max: 48 }), { minLength: 2, maxLength: 4 })
  .map((boundaries) => {
    const sorted = [...boundaries].sort((left, right) => left - right);
    const intervals: WallClockInterval[] = [];
    for (let index = 0; index + 1 < sorted.length; index += 2)
      intervals.push({ start: hhmm(sorted[index] ?? 0), end: hhmm(sorted[index + 1] ?? 0) });
    return intervals;
  });
// Mostly long days, so that two zones often overlap; sometimes the whole day or random pieces (night hours, which
// DST changes skip or repeat).
const hoursArbitrary: fc.Arbitrary<readonly WallClockInterval[]> = fc.oneof(
  {
    arbitrary: fc
      .record({ start: fc.integer({ min: 0, max: 20 }), length: fc.integer({ min: 12, max: 28 }) })
      .map(({ start, length }) => [{ start: hhmm(start), end: hhmm(start + length) }]),
    weight: 4,
  },
  { arbitrary: fc.constant([{ start: '00:00', end: '24:00' }]), weight: 1 },
  // A night shift: free time runs on through midnight.
  {
    arbitrary: fc.constant([
      { start: '00:00', end: '03:00' },
      { start: '20:00', end: '24:00' },
    ]),
    weight: 1,
  },
  { arbitrary: randomHours, weight: 3 },
);
const weekArbitrary: fc.Arbitrary<IsoWeekday[]> = fc.oneof(
  fc.constant<IsoWeekday[]>([1, 2, 3, 4, 5]),
  fc.constant<IsoWeekday[]>([7, 1, 2, 3, 4]),
  fc.constant<IsoWeekday[]>([1, 2, 3, 4, 5, 6, 7]),
  fc.subarray<IsoWeekday>([1, 2, 3, 4, 5, 6, 7], { minLength: 1 }),
);

function timeOffArbitrary(base: number): fc.Arbitrary<TimeOff[]> {
  const days = fc
    .record({ first: fc.integer({ min: 0, max: 14 }), length: fc.integer({ min: 0, max: 3 }) })
    .map(({ first, length }): TimeOff => ({
      kind: 'days',
      firstDay: new Date(base + first * day).toISOString().slice(0, 10),
      lastDay: new Date(base + (first + length) * day).toISOString().slice(0, 10),
    }));
  const interval = fc
    .record({ start: fc.integer({ min: 0, max: 14 * 96 }), length: fc.integer({ min: 1, max: 300 }) })
    .map(({ start, length }): TimeOff => ({
      kind: 'interval',
      start: new Date(base + start * quarter),
      end: new Date(base + (start + length) * quarter),
    }));
  return fc.array(fc.oneof(days, interval), { maxLength: 2 });
}

function busyArbitrary(base: number): fc.Arbitrary<BusySession[]> {
  return fc.array(
    fc
      .record({
        start: fc.integer({ min: 0, max: 5 * 96 }),
        length: fc.integer({ min: 1, max: 24 }),
        state: fc.constantFrom('proposed' as const, 'confirmed' as const),
        priority: fc.constantFrom(...projectPriorities),
      })
      .map(({ start, length, state, priority }) => ({
        start: new Date(base + start * quarter),
        end: new Date(base + (start + length) * quarter),
        state,
        priority,
      })),
    { maxLength: 24 },
  );
}

const searchArbitrary: fc.Arbitrary<SlotSearch> = fc.constantFrom(...bases).chain((base) =>
  fc.record({
    engineer: fc.record({
      timeZone: fc.oneof(fc.constant('Europe/Rome'), fc.constantFrom(...zones)),
      workingDays: weekArbitrary,
      holidays: fc.constantFrom(...regions),
      workingHours: hoursArbitrary,
      timeOff: timeOffArbitrary(base),
    }),
    customer: fc.record({
      timeZone: fc.oneof(fc.constant('Europe/Rome'), fc.constantFrom(...zones)),
      workingDays: weekArbitrary,
      holidays: fc.constantFrom(...regions),
      businessHours: fc.oneof(hoursArbitrary, fc.constant([{ start: '00:00', end: '24:00' }])),
    }),
    durationMinutes: fc.constantFrom(15, 30, 60, 90, 150),
    notBefore: fc.integer({ min: 0, max: 4 * 96 }).map((quarters) => new Date(base + quarters * quarter)),
    minimumNoticeBusinessDays: fc.integer({ min: 0, max: 2 }),
    busy: busyArbitrary(base),
    priority: fc.constantFrom(...projectPriorities),
    horizonDays: fc.integer({ min: 2, max: 12 }),
    count: fc.integer({ min: 1, max: 6 }),
    granularityMinutes: fc.constantFrom(15, 30, 60),
    onePerDay: fc.boolean(),
  }),
);

// ---------------------------------------------------------------------------------------------------------------
// The brute force: reads every quarter hour on both wall clocks with luxon and checks each rule literally.

const holidayDates = new Map<string, Set<string>>();
function isPublicHoliday(region: HolidayRegion | null, date: string): boolean {
  if (region === null) return false;
  const year = Number(date.slice(0, 4));
  const key = `${region.country}/${year}`;
  let dates = holidayDates.get(key);
  if (dates === undefined) {
    dates = new Set(
      [...listPublicHolidays(region, year - 1), ...listPublicHolidays(region, year)].map((holiday) => holiday.date),
    );
    holidayDates.set(key, dates);
  }
  return dates.has(date);
}

const isBusinessDate = (calendar: BusinessCalendar, date: string, weekday: number) =>
  calendar.workingDays.includes(weekday as IsoWeekday) && !isPublicHoliday(calendar.holidays, date);

function isWorkingAt(
  calendar: BusinessCalendar,
  hours: readonly WallClockInterval[],
  timeOff: readonly TimeOff[],
  at: number,
): boolean {
  const local = DateTime.fromMillis(at, { zone: calendar.timeZone });
  const date = local.toISODate() ?? '';
  if (!isBusinessDate(calendar, date, local.weekday)) return false;
  if (timeOff.some((entry) => entry.kind === 'days' && date >= entry.firstDay && date <= entry.lastDay)) return false;
  if (timeOff.some((entry) => entry.kind === 'interval' && at >= entry.start.getTime() && at < entry.end.getTime()))
    return false;
  const minute = local.hour * 60 + local.minute;
  return hours.some((interval) => minute >= minutesOf(interval.start) && minute < minutesOf(interval.end));
}

/** The first quarter hour at or after `notBefore` that is `notice` of the engineer's business days later, literally. */
function noticeEnd(calendar: BusinessCalendar, notBefore: number, notice: number): number {
  const start = DateTime.fromMillis(notBefore, { zone: calendar.timeZone });
  let date = DateTime.fromISO(start.toISODate() ?? '', { zone: 'UTC' });
  let time = start.toFormat('HH:mm');
  const isBusiness = (candidate: DateTime) => isBusinessDate(calendar, candidate.toISODate() ?? '', candidate.weekday);
  if (!isBusiness(date)) {
    do date = date.plus({ days: 1 });
    while (!isBusiness(date));
    time = '00:00';
  }
  for (let counted = 0; counted < notice; counted += 1) {
    do date = date.plus({ days: 1 });
    while (!isBusiness(date));
  }
  const wall = `${date.toISODate() ?? ''}T${time}`;
  let at = notBefore;
  while (DateTime.fromMillis(at, { zone: calendar.timeZone }).toFormat("yyyy-MM-dd'T'HH:mm") < wall) at += quarter;
  return at;
}

function bruteForce(search: SlotSearch): string[] {
  const engineer = search.engineer;
  const customer = search.customer;
  const notBefore = search.notBefore.getTime();
  const horizonEnd = notBefore + (search.horizonDays ?? 60) * day;
  const duration = search.durationMinutes * 60_000;
  const granularity = search.granularityMinutes ?? 30;
  const from = noticeEnd(engineer, notBefore, search.minimumNoticeBusinessDays ?? 2);
  const rank = (priority: string) => projectPriorities.indexOf(priority as (typeof projectPriorities)[number]);
  const blocking = search.busy.filter(
    (session) => session.state === 'confirmed' || rank(session.priority) >= rank(search.priority),
  );
  const isFree = new Map<number, boolean>();
  const freeAt = (at: number) => {
    let free = isFree.get(at);
    if (free === undefined) {
      free =
        isWorkingAt(engineer, engineer.workingHours, engineer.timeOff, at) &&
        isWorkingAt(customer, customer.businessHours, [], at) &&
        !blocking.some((session) => at >= session.start.getTime() && at < session.end.getTime());
      isFree.set(at, free);
    }
    return free;
  };
  const found: string[] = [];
  let lastDate = '';
  for (let start = from; start + duration <= horizonEnd && found.length < (search.count ?? 3); start += quarter) {
    const local = DateTime.fromMillis(start, { zone: engineer.timeZone });
    if ((local.hour * 60 + local.minute) % granularity !== 0) continue;
    let fits = true;
    for (let at = start; at < start + duration && fits; at += quarter) fits = freeAt(at);
    if (!fits) continue;
    if (search.onePerDay === true) {
      if (local.toISODate() === lastDate) continue;
      lastDate = local.toISODate() ?? '';
    }
    found.push(new Date(start).toISOString());
  }
  return found;
}

describe('findEarliestSlots (properties)', () => {
  it('finds exactly the slots a brute force over every quarter hour finds, in order', () => {
    fc.assert(
      fc.property(searchArbitrary, (search) => {
        const slots = findEarliestSlots(search);
        expect(slots.map((slot) => slot.start.toISOString())).toEqual(bruteForce(search));
      }),
      runs,
    );
  }, 120_000);

  it('returns sorted slots of the asked duration that overlap no blocking session, and names every session they claim', () => {
    fc.assert(
      fc.property(searchArbitrary, (search) => {
        const slots = findEarliestSlots(search);
        expect(slots.length).toBeLessThanOrEqual(search.count ?? 3);
        slots.forEach((slot, index) => {
          const start = slot.start.getTime();
          const end = slot.end.getTime();
          expect(end - start).toBe(search.durationMinutes * 60_000);
          expect(start).toBeGreaterThanOrEqual(search.notBefore.getTime());
          if (index > 0) expect(start).toBeGreaterThan((slots[index - 1] as { start: Date }).start.getTime());
          const overlapping = search.busy.filter(
            (session) => session.start.getTime() < end && session.end.getTime() > start,
          );
          expect(overlapping.filter((session) => isBlockingFor(session, search.priority))).toEqual([]);
          expect(new Set(slot.claims)).toEqual(new Set(overlapping));
          for (const session of slot.claims) expect(session.state).toBe('proposed');
        });
      }),
      runs,
    );
  }, 120_000);
});

describe('priority claiming (properties)', () => {
  it('a proposal of a lower-priority project over the first slot leaves the slots as they were, claimed; confirmed, it moves them', () => {
    const higherPriority = searchArbitrary.filter((search) => search.priority !== 'low');
    fc.assert(
      fc.property(higherPriority, fc.constantFrom(...projectPriorities), (search, lowerPick) => {
        const before = findEarliestSlots(search);
        const first = before[0];
        if (first === undefined) return;
        const lower =
          projectPriorities.indexOf(lowerPick) < projectPriorities.indexOf(search.priority) ? lowerPick : 'low';
        const proposal: BusySession = { start: first.start, end: first.end, state: 'proposed', priority: lower };
        const after = findEarliestSlots({ ...search, busy: [...search.busy, proposal] });
        expect(after.map((slot) => slot.start.getTime())).toEqual(before.map((slot) => slot.start.getTime()));
        expect(after[0]?.claims).toContain(proposal);
        const confirmed = findEarliestSlots({ ...search, busy: [...search.busy, { ...proposal, state: 'confirmed' }] });
        expect(confirmed.every((slot) => slot.end <= first.start || slot.start >= first.end)).toBe(true);
      }),
      runs,
    );
  }, 60_000);
});

describe('business days (properties)', () => {
  const calendarArbitrary: fc.Arbitrary<WorkingCalendar | CustomerCalendar> = fc.record({
    timeZone: fc.constantFrom(...zones),
    workingDays: weekArbitrary,
    holidays: fc.constantFrom(...regions),
    businessHours: fc.constant([]),
  });
  const instantArbitrary = fc
    .integer({ min: Date.UTC(2026, 11, 1), max: Date.UTC(2028, 1, 1) })
    .map((at) => new Date(at));

  it('addBusinessDays lands on a business day, later for each day more, and businessDaysBetween counts it back', () => {
    fc.assert(
      fc.property(calendarArbitrary, instantArbitrary, fc.integer({ min: 0, max: 15 }), (calendar, from, n) => {
        const later = addBusinessDays(calendar, from, n);
        const laterDate = DateTime.fromJSDate(later, { zone: calendar.timeZone }).toISODate() ?? '';
        expect(isBusinessDay(calendar, laterDate)).toBe(true);
        expect(later.getTime()).toBeGreaterThanOrEqual(from.getTime());
        expect(addBusinessDays(calendar, from, n + 1).getTime()).toBeGreaterThan(later.getTime());
        expect(businessDaysBetween(calendar, from, later)).toBe(n);
        expect(businessDaysBetween(calendar, later, from)).toBe(n === 0 ? 0 : -n);
      }),
      { numRuns: 300 },
    );
  });
});
