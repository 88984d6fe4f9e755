import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import {
  addBusinessDays,
  businessDaysBefore,
  businessDaysBetween,
  businessHoursIntervals,
  createCustomerCalendar,
  isBusinessDay,
  listPublicHolidays,
  mondayToFriday,
  SchedulingInputError,
  sundayToThursday,
  workingIntervals,
  type WorkingCalendar,
} from './index';

const rome: WorkingCalendar = {
  timeZone: 'Europe/Rome',
  workingDays: mondayToFriday,
  holidays: { country: 'IT' },
  workingHours: [
    { start: '09:00', end: '13:00' },
    { start: '14:00', end: '17:30' },
  ],
  timeOff: [],
};
const dubai: WorkingCalendar = {
  timeZone: 'Asia/Dubai',
  workingDays: sundayToThursday,
  holidays: { country: 'AE' },
  workingHours: [{ start: '08:00', end: '16:00' }],
  timeOff: [],
};

/** A UTC Date from a local wall-clock time in a zone (test helper, straight from luxon). */
const local = (iso: string, zone: string) => DateTime.fromISO(iso, { zone }).toJSDate();
const iso = (date: Date) => date.toISOString();

describe('public holidays', () => {
  it('Italy 2027 has 13 public holidays, Easter Monday on 29 March', () => {
    const holidays = listPublicHolidays({ country: 'IT' }, 2027);
    expect(holidays).toHaveLength(13);
    expect(holidays.map((holiday) => holiday.date)).toContain('2027-03-29');
  });

  it('a holiday of several days (Eid al-Fitr in the UAE) is off on each of its days', () => {
    expect(['2027-03-09', '2027-03-10', '2027-03-11'].map((date) => isBusinessDay(dubai, date))).toEqual([
      false,
      false,
      false,
    ]);
    expect(isBusinessDay(dubai, '2027-03-14')).toBe(true);
  });

  it('a region adds its own holidays: Whit Monday in Alto Adige (region 32), not in the rest of Italy', () => {
    const southTyrol: WorkingCalendar = { ...rome, holidays: { country: 'IT', region: '32' } };
    // Whit Monday 2027 is 17 May.
    expect(isBusinessDay(rome, '2027-05-17')).toBe(true);
    expect(isBusinessDay(southTyrol, '2027-05-17')).toBe(false);
  });
});

describe('isBusinessDay', () => {
  it('Italian Easter Monday 2027 is not a business day; the Tuesday after is', () => {
    expect(isBusinessDay(rome, '2027-03-29')).toBe(false);
    expect(isBusinessDay(rome, '2027-03-30')).toBe(true);
    expect(isBusinessDay(rome, '2027-03-27')).toBe(false);
  });

  it('a Sunday–Thursday week works on Sunday and rests on Friday and Saturday', () => {
    expect(isBusinessDay(dubai, '2027-03-28')).toBe(true); // Sunday
    expect(isBusinessDay(dubai, '2027-03-25')).toBe(true); // Thursday
    expect(isBusinessDay(dubai, '2027-03-26')).toBe(false); // Friday
    expect(isBusinessDay(dubai, '2027-03-27')).toBe(false); // Saturday
  });

  it('personal time off does not change business days', () => {
    expect(
      isBusinessDay(
        { ...rome, timeOff: [{ kind: 'days', firstDay: '2027-04-05', lastDay: '2027-04-09' }] } as WorkingCalendar,
        '2027-04-06',
      ),
    ).toBe(true);
  });

  it('refuses malformed dates, unknown zones and countries', () => {
    expect(() => isBusinessDay(rome, '2027-02-30')).toThrow(SchedulingInputError);
    expect(() => isBusinessDay(rome, '29/03/2027')).toThrow(SchedulingInputError);
    expect(() => isBusinessDay({ ...rome, timeZone: 'Europe/Atlantis' }, '2027-03-29')).toThrow(SchedulingInputError);
    expect(() => isBusinessDay({ ...rome, holidays: { country: 'XX' } }, '2027-03-29')).toThrow(SchedulingInputError);
    expect(() => isBusinessDay({ ...rome, holidays: { country: 'IT', region: 'ZZ' } }, '2027-03-29')).toThrow(
      SchedulingInputError,
    );
    expect(() => isBusinessDay({ ...rome, workingDays: [] }, '2027-03-29')).toThrow(SchedulingInputError);
  });
});

describe('addBusinessDays', () => {
  it('keeps the local time and skips the weekend and Easter Monday, across the European DST change', () => {
    // Thursday 25 March 15:00 CET + 2 business days: Friday (1), Tuesday 30 (2), 15:00 CEST.
    expect(iso(addBusinessDays(rome, local('2027-03-25T15:00', 'Europe/Rome'), 2))).toBe('2027-03-30T13:00:00.000Z');
  });

  it('from a weekend, counts from the start of the next business day', () => {
    expect(iso(addBusinessDays(rome, local('2027-04-10T11:00', 'Europe/Rome'), 2))).toBe(
      iso(local('2027-04-14T00:00', 'Europe/Rome')),
    );
    expect(iso(addBusinessDays(rome, local('2027-04-10T11:00', 'Europe/Rome'), 0))).toBe(
      iso(local('2027-04-12T00:00', 'Europe/Rome')),
    );
  });

  it('a Sunday–Thursday week goes from Thursday to Sunday', () => {
    expect(iso(addBusinessDays(dubai, local('2027-04-01T10:00', 'Asia/Dubai'), 1))).toBe(
      iso(local('2027-04-04T10:00', 'Asia/Dubai')),
    );
  });

  it('refuses a negative or fractional count', () => {
    expect(() => addBusinessDays(rome, new Date(), -1)).toThrow(SchedulingInputError);
    expect(() => addBusinessDays(rome, new Date(), 1.5)).toThrow(SchedulingInputError);
  });
});

describe('businessDaysBefore', () => {
  it('reminds a session on the Tuesday after Easter Monday on the Friday before, at the same local time across the DST change', () => {
    // Tuesday 30 March 2027 10:00 CEST; Monday 29 is Easter Monday; Friday 26 March is still CET.
    expect(iso(businessDaysBefore(rome, local('2027-03-30T10:00', 'Europe/Rome'), 1))).toBe('2027-03-26T09:00:00.000Z');
  });

  it('goes from Sunday back to Thursday on a Sunday–Thursday week', () => {
    expect(iso(businessDaysBefore(dubai, local('2027-04-04T10:00', 'Asia/Dubai'), 1))).toBe(
      iso(local('2027-04-01T10:00', 'Asia/Dubai')),
    );
  });

  it('is the inverse of addBusinessDays on business days', () => {
    const start = local('2027-05-12T09:30', 'Europe/Rome');
    expect(iso(addBusinessDays(rome, businessDaysBefore(rome, start, 3), 3))).toBe(iso(start));
    expect(() => businessDaysBefore(rome, start, -1)).toThrow(SchedulingInputError);
  });
});

describe('businessDaysBetween', () => {
  it('counts the SLA: ready on Monday 22 March, first session on Tuesday 6 April is 10 business days in Italy', () => {
    expect(
      businessDaysBetween(rome, local('2027-03-22T16:00', 'Europe/Rome'), local('2027-04-06T10:00', 'Europe/Rome')),
    ).toBe(10);
  });

  it('is 0 on the same day and negative backwards', () => {
    expect(
      businessDaysBetween(rome, local('2027-03-22T09:00', 'Europe/Rome'), local('2027-03-22T17:00', 'Europe/Rome')),
    ).toBe(0);
    expect(
      businessDaysBetween(rome, local('2027-03-24T09:00', 'Europe/Rome'), local('2027-03-22T09:00', 'Europe/Rome')),
    ).toBe(-2);
  });

  it('reads dates in the calendar’s zone: 23:30 UTC on Wednesday is Thursday in Dubai', () => {
    expect(businessDaysBetween(dubai, new Date('2027-04-07T23:30:00Z'), local('2027-04-11T09:00', 'Asia/Dubai'))).toBe(
      1,
    );
  });
});

describe('working intervals', () => {
  const everyDay: WorkingCalendar = {
    ...rome,
    workingDays: [1, 2, 3, 4, 5, 6, 7],
    holidays: null,
    workingHours: [{ start: '01:00', end: '04:00' }],
  };

  it('a lunch break splits the day into two intervals', () => {
    const intervals = workingIntervals(
      rome,
      local('2027-04-06T00:00', 'Europe/Rome'),
      local('2027-04-07T00:00', 'Europe/Rome'),
    );
    expect(intervals.map(({ start, end }) => [iso(start), iso(end)])).toEqual([
      ['2027-04-06T07:00:00.000Z', '2027-04-06T11:00:00.000Z'],
      ['2027-04-06T12:00:00.000Z', '2027-04-06T15:30:00.000Z'],
    ]);
  });

  it('on the night 02:00–03:00 does not exist, 01:00–04:00 is two hours; on the night it repeats, four', () => {
    const hours = (from: string, to: string) =>
      workingIntervals(everyDay, new Date(from), new Date(to)).reduce(
        (sum, { start, end }) => sum + (end.getTime() - start.getTime()),
        0,
      ) / 3_600_000;
    expect(hours('2027-03-27T23:00:00Z', '2027-03-28T22:00:00Z')).toBe(2);
    expect(hours('2027-10-30T22:00:00Z', '2027-10-31T23:00:00Z')).toBe(4);
    expect(hours('2027-03-20T23:00:00Z', '2027-03-21T23:00:00Z')).toBe(3);
  });

  it('whole days and intervals of time off are cut out', () => {
    const calendar: WorkingCalendar = {
      ...rome,
      timeOff: [
        { kind: 'days', firstDay: '2027-04-07', lastDay: '2027-04-07' },
        {
          kind: 'interval',
          start: local('2027-04-08T10:00', 'Europe/Rome'),
          end: local('2027-04-08T15:00', 'Europe/Rome'),
        },
      ],
    };
    const intervals = workingIntervals(
      calendar,
      local('2027-04-07T00:00', 'Europe/Rome'),
      local('2027-04-09T00:00', 'Europe/Rome'),
    );
    expect(intervals.map(({ start, end }) => [iso(start), iso(end)])).toEqual([
      ['2027-04-08T07:00:00.000Z', '2027-04-08T08:00:00.000Z'],
      ['2027-04-08T13:00:00.000Z', '2027-04-08T15:30:00.000Z'],
    ]);
  });

  it('a customer has Monday to Friday 09:00–18:00 by default', () => {
    const customer = createCustomerCalendar({ timeZone: 'America/New_York', holidays: { country: 'US' } });
    const intervals = businessHoursIntervals(
      customer,
      new Date('2027-03-12T00:00:00Z'),
      new Date('2027-03-16T00:00:00Z'),
    );
    // EST on Friday 12 March, EDT from Sunday 14 March.
    expect(intervals.map(({ start, end }) => [iso(start), iso(end)])).toEqual([
      ['2027-03-12T14:00:00.000Z', '2027-03-12T23:00:00.000Z'],
      ['2027-03-15T13:00:00.000Z', '2027-03-15T22:00:00.000Z'],
    ]);
  });

  it('refuses working hours that end before they start or are not HH:mm', () => {
    const from = new Date('2027-04-06T00:00:00Z');
    const to = new Date('2027-04-07T00:00:00Z');
    expect(() => workingIntervals({ ...rome, workingHours: [{ start: '17:00', end: '09:00' }] }, from, to)).toThrow(
      SchedulingInputError,
    );
    expect(() => workingIntervals({ ...rome, workingHours: [{ start: '9:00', end: '17:00' }] }, from, to)).toThrow(
      SchedulingInputError,
    );
    expect(() => workingIntervals({ ...rome, workingHours: [{ start: '09:00', end: '24:30' }] }, from, to)).toThrow(
      SchedulingInputError,
    );
  });
});
