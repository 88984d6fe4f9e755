import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiFixtures } from '../../test/fixtures';
import { createTestEngage, isTestDatabaseAvailable, type TestEngage } from '../../test/harness';

describe.skipIf(!isTestDatabaseAvailable)('working calendars of staff and organisations', () => {
  let engage: TestEngage;
  let manager: { cookie: string; id: string };
  let engineer: { cookie: string; id: string };
  let other: { cookie: string; id: string };

  const send = (method: 'GET' | 'PUT' | 'POST' | 'DELETE', url: string, cookie: string, payload?: unknown) =>
    engage.request({
      method,
      url,
      headers: { cookie },
      ...(payload === undefined ? {} : { payload: payload as Record<string, unknown> }),
    });
  const dubai = {
    timeZone: 'Asia/Dubai',
    workingDays: [7, 1, 2, 3, 4],
    workingHours: [{ start: '08:00', end: '16:00' }],
    holidays: { country: 'AE' },
  };
  const newYork = {
    timeZone: 'America/New_York',
    businessDays: [1, 2, 3, 4, 5],
    businessHours: [{ start: '08:30', end: '17:00' }],
    holidays: { country: 'US', region: 'NY' },
  };

  /** A member of staff of their own, on the default calendar, for a test that changes it. */
  async function staffMember(role: 'manager' | 'engineer') {
    const created = await engage.staff(role);
    return { cookie: created.cookie, id: created.user.id };
  }
  /** The person's week set to Dubai's, by themselves or by a manager. */
  async function weekInDubai(person: { id: string; cookie: string }, by = person) {
    expect((await send('PUT', `/api/users/${person.id}/calendar`, by.cookie, dubai)).statusCode).toBe(200);
  }
  /** A fresh customer whose business calendar a manager set to New York's. */
  async function customerInNewYork() {
    const customer = await apiFixtures(engage, manager.cookie).customer();
    expect((await send('PUT', `/api/organisations/${customer.id}/calendar`, manager.cookie, newYork)).statusCode).toBe(
      200,
    );
    return customer;
  }
  /** Two entries of time off (days, then an interval) added by the person, the first removed again. */
  async function timeOffTakenAndOneRemoved(person: { id: string; cookie: string }) {
    expect(
      (
        await send('POST', `/api/users/${person.id}/time-off`, person.cookie, {
          kind: 'days',
          firstDay: '2027-04-02',
          lastDay: '2027-04-05',
        })
      ).statusCode,
    ).toBe(200);
    const interval = await send('POST', `/api/users/${person.id}/time-off`, person.cookie, {
      kind: 'interval',
      start: '2027-04-07T10:00:00Z',
      end: '2027-04-07T12:00:00Z',
    });
    expect(interval.statusCode).toBe(200);
    const [first] = interval.json().timeOff as { id: string }[];
    expect((await send('DELETE', `/api/users/${person.id}/time-off/${first?.id}`, person.cookie)).statusCode).toBe(200);
  }

  beforeAll(async () => {
    engage = await createTestEngage();
    engage.setNow(new Date('2027-03-01T09:00:00Z'));
    const staff = async (role: 'manager' | 'engineer') => {
      const created = await engage.staff(role);
      return { cookie: created.cookie, id: created.user.id };
    };
    manager = await staff('manager');
    engineer = await staff('engineer');
    other = await staff('engineer');
  });
  afterAll(async () => {
    engage?.setNow(null);
    await engage?.close();
  });

  it('starts from an Italian office week and lists the coming public holidays', async () => {
    const calendar = (await send('GET', `/api/users/${engineer.id}/calendar`, engineer.cookie)).json();
    expect(calendar).toMatchObject({
      timeZone: 'Europe/Rome',
      workingDays: [1, 2, 3, 4, 5],
      holidays: { country: 'IT', region: null },
      timeOff: [],
    });
    // Named in the reader's language (English here), not the country's.
    expect(calendar.upcomingHolidays).toContainEqual({ date: '2027-03-29', name: 'Easter Monday' });
    expect(calendar.upcomingHolidays[0].date >= '2027-03-01').toBe(true);
  });

  it('lets a person set their own week (a Sunday–Thursday week in Dubai), and a manager set anyone’s, but not a colleague', async () => {
    const own = await send('PUT', `/api/users/${engineer.id}/calendar`, engineer.cookie, dubai);
    expect(own.statusCode).toBe(200);
    expect(own.json()).toMatchObject({
      timeZone: 'Asia/Dubai',
      workingDays: [1, 2, 3, 4, 7],
      holidays: { country: 'AE' },
    });
    const colleague = await send('PUT', `/api/users/${other.id}/calendar`, engineer.cookie, dubai);
    expect(colleague.statusCode).toBe(403);
    expect((await send('GET', `/api/users/${other.id}/calendar`, manager.cookie)).json().timeZone).toBe('Europe/Rome');
    expect(
      (
        await send('PUT', `/api/users/${other.id}/calendar`, manager.cookie, {
          ...dubai,
          holidays: { country: 'IT', region: '32' },
        })
      ).statusCode,
    ).toBe(200);
  });

  it('refuses a zone, a country or hours it cannot use, saying which, and changes nothing', async () => {
    const person = await staffMember('engineer');
    await weekInDubai(person);
    const zone = await send('PUT', `/api/users/${person.id}/calendar`, person.cookie, {
      ...dubai,
      timeZone: 'Europe/Atlantis',
    });
    expect(zone.statusCode).toBe(400);
    expect(zone.json().message).toMatch(/Europe\/Atlantis/);
    const country = await send('PUT', `/api/users/${person.id}/calendar`, person.cookie, {
      ...dubai,
      holidays: { country: 'XQ' },
    });
    expect(country.statusCode).toBe(400);
    expect(country.json().message).toMatch(/XQ/);
    const hours = await send('PUT', `/api/users/${person.id}/calendar`, person.cookie, {
      ...dubai,
      workingHours: [{ start: '17:00', end: '09:00' }],
    });
    expect(hours.statusCode).toBe(400);
    const malformed = await send('PUT', `/api/users/${person.id}/calendar`, person.cookie, {
      ...dubai,
      workingHours: [{ start: '9am', end: '17:00' }],
    });
    expect(malformed.statusCode).toBe(400);
    expect(malformed.json().details[0].path).toBe('body.workingHours.0.start');
    expect((await send('GET', `/api/users/${person.id}/calendar`, person.cookie)).json()).toMatchObject({
      timeZone: 'Asia/Dubai',
      holidays: { country: 'AE' },
    });
  });

  it('records time off as whole days or a stretch of time, and removes it', async () => {
    const days = await send('POST', `/api/users/${engineer.id}/time-off`, engineer.cookie, {
      kind: 'days',
      firstDay: '2027-04-02',
      lastDay: '2027-04-05',
      note: 'Family',
    });
    expect(days.statusCode).toBe(200);
    const interval = await send('POST', `/api/users/${engineer.id}/time-off`, engineer.cookie, {
      kind: 'interval',
      start: '2027-04-07T10:00:00Z',
      end: '2027-04-07T12:00:00Z',
    });
    const entries = interval.json().timeOff as { id: string; kind: string }[];
    expect(entries.map((entry) => entry.kind)).toEqual(['days', 'interval']);
    expect(
      (
        await send('POST', `/api/users/${engineer.id}/time-off`, engineer.cookie, {
          kind: 'days',
          firstDay: '2027-04-05',
          lastDay: '2027-04-02',
        })
      ).statusCode,
    ).toBe(400);
    expect(
      (
        await send('POST', `/api/users/${engineer.id}/time-off`, engineer.cookie, {
          kind: 'interval',
          start: '2027-04-07T12:00:00Z',
          end: '2027-04-07T10:00:00Z',
        })
      ).statusCode,
    ).toBe(400);
    expect(
      (
        await send('POST', `/api/users/${other.id}/time-off`, engineer.cookie, {
          kind: 'days',
          firstDay: '2027-04-02',
          lastDay: '2027-04-02',
        })
      ).statusCode,
    ).toBe(403);
    expect((await send('DELETE', `/api/users/${other.id}/time-off/${entries[0]?.id}`, manager.cookie)).statusCode).toBe(
      404,
    );
    const removed = await send('DELETE', `/api/users/${engineer.id}/time-off/${entries[0]?.id}`, engineer.cookie);
    expect(removed.json().timeOff.map((entry: { kind: string }) => entry.kind)).toEqual(['interval']);
  });

  it('keeps each organisation’s business calendar, set by managers only', async () => {
    const customer = await apiFixtures(engage, manager.cookie).customer();
    expect((await send('PUT', `/api/organisations/${customer.id}/calendar`, engineer.cookie, newYork)).statusCode).toBe(
      403,
    );
    const set = await send('PUT', `/api/organisations/${customer.id}/calendar`, manager.cookie, newYork);
    expect(set.statusCode).toBe(200);
    expect(set.json()).toMatchObject({ timeZone: 'America/New_York', holidays: { country: 'US', region: 'NY' } });
    expect(set.json().upcomingHolidays.map((holiday: { date: string }) => holiday.date)).toContain('2027-07-05');
    expect(
      (await send('GET', `/api/organisations/${customer.id}/calendar`, engineer.cookie)).json().businessHours,
    ).toEqual([{ start: '08:30', end: '17:00' }]);
  });

  it('audits every change of a calendar and of time off', async () => {
    // Two weeks changed (one by its owner, one by a manager), an organisation's calendar, time off added and removed.
    const [person, colleague] = [await staffMember('engineer'), await staffMember('engineer')];
    await weekInDubai(person);
    await weekInDubai(colleague, manager);
    const customer = await customerInNewYork();
    await timeOffTakenAndOneRemoved(person);
    const subjects = sql.join(
      [person.id, colleague.id, customer.id].map((id) => sql`${id}`),
      sql`, `,
    );
    const result = await engage.context.db.execute<{ action: string; count: number }>(
      sql`select action, count(*)::int as count from audit_events where action in ('calendar.updated', 'time-off.added', 'time-off.removed') and subject_id in (${subjects}) group by action order by action`,
    );
    expect((result as { rows: unknown[] }).rows).toEqual([
      { action: 'calendar.updated', count: 3 },
      { action: 'time-off.added', count: 2 },
      { action: 'time-off.removed', count: 1 },
    ]);
  });
});
