import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import {
  createCustomerCalendar,
  findEarliestSlots,
  findEarliestSlotsForTeam,
  mondayToFriday,
  SchedulingInputError,
  sundayToThursday,
  type BusySession,
  type SlotSearch,
  type WorkingCalendar,
} from './index';

const local = (iso: string, zone: string) => DateTime.fromISO(iso, { zone }).toJSDate();
const starts = (slots: readonly { start: Date }[]) => slots.map((slot) => slot.start.toISOString());
const romeTime = (iso: string) => local(iso, 'Europe/Rome').toISOString();

const engineerInRome: WorkingCalendar = {
  timeZone: 'Europe/Rome',
  workingDays: mondayToFriday,
  holidays: { country: 'IT' },
  workingHours: [
    { start: '09:00', end: '13:00' },
    { start: '14:00', end: '17:30' },
  ],
  timeOff: [],
};
const customerInRome = createCustomerCalendar({ timeZone: 'Europe/Rome', holidays: { country: 'IT' } });
const customerInNewYork = createCustomerCalendar({ timeZone: 'America/New_York', holidays: { country: 'US' } });

const search = (overrides: Partial<SlotSearch>): SlotSearch => ({
  engineer: engineerInRome,
  customer: customerInRome,
  durationMinutes: 60,
  notBefore: local('2027-03-25T10:00', 'Europe/Rome'),
  busy: [],
  priority: 'normal',
  ...overrides,
});

describe('findEarliestSlots', () => {
  it('waits two business days of notice, skipping the weekend and Italian Easter Monday', () => {
    // Thursday 25 March 10:00 + 2 business days = Tuesday 30 March 10:00 (29 March is Easter Monday).
    expect(starts(findEarliestSlots(search({})))).toEqual([
      romeTime('2027-03-30T10:00'),
      romeTime('2027-03-30T10:30'),
      romeTime('2027-03-30T11:00'),
    ]);
  });

  it('does not overlap a confirmed session and respects the lunch break', () => {
    const busy: BusySession[] = [
      {
        start: local('2027-03-30T10:00', 'Europe/Rome'),
        end: local('2027-03-30T12:00', 'Europe/Rome'),
        state: 'confirmed',
        priority: 'low',
      },
    ];
    expect(starts(findEarliestSlots(search({ busy, priority: 'urgent' })))).toEqual([
      romeTime('2027-03-30T12:00'),
      romeTime('2027-03-30T14:00'),
      romeTime('2027-03-30T14:30'),
    ]);
  });

  it('lets a higher-priority project claim a slot only proposed to a lower-priority one, and says which', () => {
    const proposed: BusySession = {
      start: local('2027-03-30T10:00', 'Europe/Rome'),
      end: local('2027-03-30T12:00', 'Europe/Rome'),
      state: 'proposed',
      priority: 'normal',
    };
    const forHigh = findEarliestSlots(search({ busy: [proposed], priority: 'high' }));
    expect(starts(forHigh)).toEqual([
      romeTime('2027-03-30T10:00'),
      romeTime('2027-03-30T10:30'),
      romeTime('2027-03-30T11:00'),
    ]);
    expect(forHigh.map((slot) => slot.claims)).toEqual([[proposed], [proposed], [proposed]]);
    // Same priority: the proposal holds.
    expect(starts(findEarliestSlots(search({ busy: [proposed], priority: 'normal' })))[0]).toBe(
      romeTime('2027-03-30T12:00'),
    );
  });

  it('across the DST change of the US (14 March) before Europe’s (28 March): Rome and New York overlap 3½ hours only in between', () => {
    const across = (notBefore: string, count: number) =>
      findEarliestSlots(
        search({
          customer: customerInNewYork,
          durationMinutes: 210,
          notBefore: local(notBefore, 'Europe/Rome'),
          count,
          horizonDays: 30,
        }),
      );
    // Before 14 March New York is UTC−5 and Rome UTC+1: 09:00 New York is 15:00 in Rome, 2½ hours before 17:30.
    // From 14 March New York is UTC−4: 09:00 there is 14:00 in Rome, 13:00 UTC, until 16:30 UTC (17:30 in Rome).
    expect(starts(across('2027-03-10T09:00', 1))).toEqual(['2027-03-15T13:00:00.000Z']);
    // From 28 March Rome is UTC+2 too: 17:30 in Rome is 15:30 UTC; the last 3½-hour overlap is Friday 26 March.
    const lastOnes = across('2027-03-24T09:00', 3);
    expect(starts(lastOnes)).toEqual(['2027-03-26T13:00:00.000Z']);
    // A 2½-hour session fits on both sides of Europe's change, always at 09:00 in New York (13:00 UTC): 14:00 in
    // Rome before it, 15:00 after it; Monday 29 March is Easter Monday in Italy.
    const short = findEarliestSlots(
      search({
        customer: customerInNewYork,
        durationMinutes: 150,
        notBefore: local('2027-03-24T09:00', 'Europe/Rome'),
        count: 3,
        onePerDay: true,
      }),
    );
    expect(starts(short)).toEqual(['2027-03-26T13:00:00.000Z', '2027-03-30T13:00:00.000Z', '2027-03-31T13:00:00.000Z']);
  });

  it('a Sunday–Thursday engineer in Dubai: notice counts Sunday, and Eid al-Fitr is skipped', () => {
    const engineerInDubai: WorkingCalendar = {
      timeZone: 'Asia/Dubai',
      workingDays: sundayToThursday,
      holidays: { country: 'AE' },
      workingHours: [{ start: '08:00', end: '16:00' }],
      timeOff: [],
    };
    const customerInDubai = createCustomerCalendar({
      timeZone: 'Asia/Dubai',
      holidays: { country: 'AE' },
      workingDays: sundayToThursday,
    });
    const slots = findEarliestSlots(
      search({
        engineer: engineerInDubai,
        customer: customerInDubai,
        notBefore: local('2027-03-04T10:00', 'Asia/Dubai'),
        count: 3,
        onePerDay: true,
      }),
    );
    // Thursday 4 March + Sunday 7 (1) + Monday 8 (2); Eid al-Fitr 9–11 March; Friday and Saturday off.
    expect(starts(slots)).toEqual(
      [
        local('2027-03-08T10:00', 'Asia/Dubai'),
        local('2027-03-14T09:00', 'Asia/Dubai'),
        local('2027-03-15T09:00', 'Asia/Dubai'),
      ].map((date) => date.toISOString()),
    );
  });

  it('a Sunday–Thursday engineer and a Monday–Friday customer meet Monday to Thursday', () => {
    const engineerInDubai: WorkingCalendar = {
      timeZone: 'Asia/Dubai',
      workingDays: sundayToThursday,
      holidays: null,
      workingHours: [{ start: '09:00', end: '17:00' }],
      timeOff: [],
    };
    const slots = findEarliestSlots(
      search({
        engineer: engineerInDubai,
        notBefore: local('2027-04-15T12:00', 'Asia/Dubai'),
        minimumNoticeBusinessDays: 1,
        count: 2,
        onePerDay: true,
      }),
    );
    // Thursday 15 April 12:00 + 1 business day = Sunday 18, 12:00, but Sunday is the customer's weekend. Monday
    // 19: Dubai (UTC+4) 09:00–17:00 is 07:00–15:00 in Rome (UTC+2); Rome's 09:00 is 11:00 in Dubai.
    expect(starts(slots)).toEqual(['2027-04-19T07:00:00.000Z', '2027-04-20T07:00:00.000Z']);
  });

  it('time off over a weekend: Friday and Monday off leaves the first slot on Tuesday', () => {
    const onHoliday: WorkingCalendar = {
      ...engineerInRome,
      timeOff: [{ kind: 'days', firstDay: '2027-04-09', lastDay: '2027-04-12' }],
    };
    const slots = findEarliestSlots(
      search({ engineer: onHoliday, notBefore: local('2027-04-07T10:00', 'Europe/Rome') }),
    );
    expect(starts(slots)[0]).toBe(romeTime('2027-04-13T09:00'));
  });

  it('time off from Friday noon to Monday noon leaves Friday morning and Monday afternoon', () => {
    const away: WorkingCalendar = {
      ...engineerInRome,
      timeOff: [
        {
          kind: 'interval',
          start: local('2027-04-09T12:00', 'Europe/Rome'),
          end: local('2027-04-12T12:00', 'Europe/Rome'),
        },
      ],
    };
    const slots = findEarliestSlots(
      search({ engineer: away, notBefore: local('2027-04-07T08:00', 'Europe/Rome'), count: 6 }),
    );
    expect(starts(slots)).toEqual(
      [
        '2027-04-09T09:00',
        '2027-04-09T09:30',
        '2027-04-09T10:00',
        '2027-04-09T10:30',
        '2027-04-09T11:00',
        '2027-04-12T12:00',
      ].map(romeTime),
    );
  });

  it('a day without local 02:00–03:00 still works: slots step from 01:30 CET to 03:00 CEST', () => {
    const nightOwl: WorkingCalendar = {
      ...engineerInRome,
      workingDays: [1, 2, 3, 4, 5, 6, 7],
      holidays: null,
      workingHours: [{ start: '01:00', end: '04:00' }],
    };
    const allDay = createCustomerCalendar({
      timeZone: 'UTC',
      holidays: null,
      workingDays: [1, 2, 3, 4, 5, 6, 7],
      businessHours: [{ start: '00:00', end: '24:00' }],
    });
    const slots = findEarliestSlots(
      search({
        engineer: nightOwl,
        customer: allDay,
        durationMinutes: 30,
        notBefore: new Date('2027-03-27T23:00:00Z'),
        minimumNoticeBusinessDays: 0,
        count: 5,
      }),
    );
    expect(starts(slots)).toEqual([
      '2027-03-28T00:00:00.000Z',
      '2027-03-28T00:30:00.000Z',
      '2027-03-28T01:00:00.000Z',
      '2027-03-28T01:30:00.000Z',
      '2027-03-28T23:00:00.000Z',
    ]);
    // 01:00 CET to 04:00 CEST is two real hours: a 90-minute session fits from 01:00 and 01:30 CET only.
    const long = findEarliestSlots(
      search({
        engineer: nightOwl,
        customer: allDay,
        durationMinutes: 90,
        notBefore: new Date('2027-03-27T23:00:00Z'),
        minimumNoticeBusinessDays: 0,
        count: 2,
      }),
    );
    expect(starts(long)).toEqual(['2027-03-28T00:00:00.000Z', '2027-03-28T00:30:00.000Z']);
  });

  it('a session may run through midnight when both sides work through it', () => {
    const nightShift: WorkingCalendar = {
      ...engineerInRome,
      holidays: null,
      workingHours: [
        { start: '00:00', end: '02:00' },
        { start: '22:00', end: '24:00' },
      ],
    };
    const allDay = createCustomerCalendar({
      timeZone: 'Europe/Rome',
      holidays: null,
      businessHours: [{ start: '00:00', end: '24:00' }],
    });
    const slots = findEarliestSlots(
      search({
        engineer: nightShift,
        customer: allDay,
        durationMinutes: 180,
        notBefore: local('2027-04-12T12:00', 'Europe/Rome'),
        minimumNoticeBusinessDays: 0,
        count: 2,
      }),
    );
    // Monday 22:00 to Tuesday 01:00, then 22:30 to 01:30.
    expect(starts(slots)).toEqual([romeTime('2027-04-12T22:00'), romeTime('2027-04-12T22:30')]);
  });

  it('returns fewer slots, or none, when the horizon holds fewer', () => {
    const busy: BusySession[] = [
      {
        start: new Date('2027-03-01T00:00:00Z'),
        end: new Date('2027-06-01T00:00:00Z'),
        state: 'confirmed',
        priority: 'urgent',
      },
    ];
    expect(findEarliestSlots(search({ busy }))).toEqual([]);
  });

  it('refuses a granularity that does not divide the day and a zero duration', () => {
    expect(() => findEarliestSlots(search({ granularityMinutes: 7 }))).toThrow(SchedulingInputError);
    expect(() => findEarliestSlots(search({ durationMinutes: 0 }))).toThrow(SchedulingInputError);
  });
});

describe('findEarliestSlotsForTeam', () => {
  it('orders engineers by their earliest slot; an engineer with none comes last', () => {
    const busyAllWeek: BusySession[] = [
      {
        start: new Date('2027-03-29T00:00:00Z'),
        end: new Date('2027-04-03T00:00:00Z'),
        state: 'confirmed',
        priority: 'normal',
      },
    ];
    const alwaysAway: WorkingCalendar = {
      ...engineerInRome,
      timeOff: [{ kind: 'days', firstDay: '2027-03-01', lastDay: '2027-12-31' }],
    };
    const results = findEarliestSlotsForTeam({
      engineers: [
        { id: 'away', calendar: alwaysAway, busy: [] },
        { id: 'busy', calendar: engineerInRome, busy: busyAllWeek },
        { id: 'free', calendar: engineerInRome, busy: [] },
      ],
      customer: customerInRome,
      durationMinutes: 60,
      notBefore: local('2027-03-25T10:00', 'Europe/Rome'),
      priority: 'normal',
      count: 1,
    });
    expect(results.map((result) => [result.engineerId, starts(result.slots)])).toEqual([
      ['free', [romeTime('2027-03-30T10:00')]],
      ['busy', [romeTime('2027-04-05T09:00')]],
      ['away', []],
    ]);
  });
});
