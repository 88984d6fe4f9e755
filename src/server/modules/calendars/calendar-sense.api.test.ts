import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiFixtures } from '../../test/fixtures';
import { createTestEngage, isTestDatabaseAvailable, type TestEngage } from '../../test/harness';

describe.skipIf(!isTestDatabaseAvailable)('calendars refuse dates and hours that make no sense', () => {
  let engage: TestEngage;
  let engineer: { cookie: string; id: string };
  let manager: string;

  const send = (method: 'GET' | 'PUT' | 'POST', url: string, cookie: string, payload?: unknown) =>
    engage.request({
      method,
      url,
      headers: { cookie },
      ...(payload === undefined ? {} : { payload: payload as Record<string, unknown> }),
    });
  const week = { timeZone: 'Europe/Rome', workingDays: [1, 2, 3, 4, 5], holidays: { country: 'IT' } };
  /** The refused fields and the first message, or the status when it was not a 400. */
  const refusal = (response: Awaited<ReturnType<typeof send>>) =>
    response.statusCode === 400
      ? {
          paths: response.json<{ details: { path: string }[] }>().details.map((detail) => detail.path),
          message: response.json<{ message: string }>().message,
        }
      : response.statusCode;

  beforeAll(async () => {
    engage = await createTestEngage();
    const created = await engage.staff('engineer');
    engineer = { cookie: created.cookie, id: created.user.id };
    manager = (await engage.staff('manager')).cookie;
  });
  afterAll(async () => {
    await engage?.close();
  });

  it('refuses time off outside 2000–2100, naming the field, and keeps none of it', async () => {
    const url = `/api/users/${engineer.id}/time-off`;
    expect(
      refusal(
        await send('POST', url, engineer.cookie, { kind: 'days', firstDay: '0202-03-01', lastDay: '2026-03-02' }),
      ),
    ).toEqual({
      paths: ['body.firstDay'],
      message: 'body.firstDay: Give a date between 2000 and 2100.',
    });
    expect(
      refusal(
        await send('POST', url, engineer.cookie, { kind: 'days', firstDay: '2027-03-01', lastDay: '9999-12-31' }),
      ),
    ).toMatchObject({ paths: ['body.lastDay'] });
    expect(
      refusal(
        await send('POST', url, engineer.cookie, {
          kind: 'interval',
          start: '2027-03-01T09:00:00Z',
          end: '2207-03-01T18:00:00Z',
        }),
      ),
    ).toMatchObject({ paths: ['body.end'] });
    expect(
      refusal(
        await send('POST', url, engineer.cookie, {
          kind: 'interval',
          start: '1970-01-01T00:00:00Z',
          end: '2027-03-01T18:00:00Z',
        }),
      ),
    ).toMatchObject({ paths: ['body.start'] });
    expect(
      (await send('GET', `/api/users/${engineer.id}/calendar`, engineer.cookie)).json<{ timeOff: unknown[] }>().timeOff,
    ).toEqual([]);
    // The bounds themselves are fine.
    expect(
      (await send('POST', url, engineer.cookie, { kind: 'days', firstDay: '2100-12-30', lastDay: '2100-12-31' }))
        .statusCode,
    ).toBe(200);
  });

  it('refuses working hours that overlap or end before they start, naming the span, and changes nothing', async () => {
    const url = `/api/users/${engineer.id}/calendar`;
    const before = (await send('GET', url, engineer.cookie)).json<{ workingHours: unknown[] }>().workingHours;
    const overlapping = await send('PUT', url, engineer.cookie, {
      ...week,
      workingHours: [
        { start: '09:00', end: '13:00' },
        { start: '12:00', end: '17:00' },
      ],
    });
    expect(refusal(overlapping)).toEqual({
      paths: ['body.workingHours.1.start'],
      message: 'body.workingHours.1.start: 12:00–17:00 overlaps 09:00–13:00; give each hour once.',
    });
    // Written in any order, the later span is the one named.
    const unordered = await send('PUT', url, engineer.cookie, {
      ...week,
      workingHours: [
        { start: '14:00', end: '18:00' },
        { start: '08:00', end: '15:00' },
      ],
    });
    expect(refusal(unordered)).toMatchObject({ paths: ['body.workingHours.0.start'] });
    const backwards = await send('PUT', url, engineer.cookie, {
      ...week,
      workingHours: [
        { start: '09:00', end: '13:00' },
        { start: '17:00', end: '14:00' },
      ],
    });
    expect(refusal(backwards)).toEqual({
      paths: ['body.workingHours.1.end'],
      message: 'body.workingHours.1.end: 17:00–14:00 must end after it starts.',
    });
    const customer = await apiFixtures(engage, manager).customer();
    const business = await send('PUT', `/api/organisations/${customer.id}/calendar`, manager, {
      timeZone: 'Europe/Rome',
      businessDays: [1, 2, 3, 4, 5],
      businessHours: [
        { start: '08:30', end: '12:30' },
        { start: '08:30', end: '12:30' },
      ],
      holidays: { country: 'IT' },
    });
    expect(refusal(business)).toMatchObject({ paths: ['body.businessHours.1.start'] });
    expect((await send('GET', url, engineer.cookie)).json<{ workingHours: unknown[] }>().workingHours).toEqual(before);

    // Spans that touch are two parts of one day, as before.
    const touching = await send('PUT', url, engineer.cookie, {
      ...week,
      workingHours: [
        { start: '13:00', end: '17:00' },
        { start: '09:00', end: '13:00' },
      ],
    });
    expect(touching.statusCode).toBe(200);
  });
});
