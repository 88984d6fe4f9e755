import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestEngage, isTestDatabaseAvailable, type TestEngage } from '../../test/harness';
import { projectAtDesignQuestionnaire } from '../../test/portal';

describe.skipIf(!isTestDatabaseAvailable)('sessions refuse dates that make no sense', () => {
  let engage: TestEngage;
  let engineer: { cookie: string; id: string };
  let projectId: string;
  let contactId: string;

  const post = (url: string, payload: Record<string, unknown>) =>
    engage.request({ method: 'POST', url, headers: { cookie: engineer.cookie }, payload });
  const session = {
    stepKey: 'environment',
    title: 'Appliance deployment',
    durationMinutes: 240,
    mode: 'remote',
    location: 'https://meet.example.com/x',
  };

  beforeAll(async () => {
    engage = await createTestEngage();
    engage.setNow(new Date('2027-03-01T09:00:00Z'));
    const manager = await engage.staff('manager');
    const created = await engage.staff('engineer');
    engineer = { cookie: created.cookie, id: created.user.id };
    await engage.context.db.execute(
      sql`update users set teams = '["recording-analytics"]'::jsonb where id = ${engineer.id}`,
    );
    const setup = await projectAtDesignQuestionnaire(engage, manager.cookie);
    projectId = setup.projectId;
    contactId = setup.customerContact.id;
    await setup.fixtures.post(`/api/projects/${projectId}/engineer`, { engineerId: engineer.id }, 200);
    // Scheduled before E6 is done, so that only the date decides.
    await setup.fixtures.post(
      `/api/projects/${projectId}/scheduling-override`,
      { reason: 'The customer asked for an early start' },
      200,
    );
  });
  afterAll(async () => {
    engage?.setNow(null);
    await engage?.close();
  });

  it('refuses a booking, a proposal or a new date after the year 2100 (a typing mistake), naming the field, and books nothing', async () => {
    const booked = await post(`/api/projects/${projectId}/sessions`, {
      ...session,
      start: '2207-04-01T07:00:00Z',
      attendeeContactIds: [contactId],
    });
    expect(booked.statusCode).toBe(400);
    expect(booked.json()).toMatchObject({
      message: 'body.start: Give a date before the year 2101.',
      details: [{ path: 'body.start' }],
    });
    const proposed = await post(`/api/projects/${projectId}/proposals`, {
      ...session,
      slots: [{ start: '2027-04-01T07:00:00Z' }, { start: '9999-04-01T07:00:00Z' }],
      attendeeContactIds: [contactId],
    });
    expect(proposed.statusCode).toBe(400);
    expect(proposed.json().details).toEqual([expect.objectContaining({ path: 'body.slots.1.start' })]);
    const moved = await post(`/api/projects/${projectId}/sessions/${randomUUID()}/reschedule`, {
      start: '3027-04-01T07:00:00Z',
    });
    expect(moved.statusCode).toBe(400);
    expect(moved.json().details).toEqual([expect.objectContaining({ path: 'body.start' })]);
    // Longer than 12 hours was already refused, in words.
    const long = await post(`/api/projects/${projectId}/sessions`, {
      ...session,
      durationMinutes: 13 * 60,
      start: '2027-04-01T07:00:00Z',
      attendeeContactIds: [contactId],
    });
    expect(long.json()).toMatchObject({ details: [{ path: 'body.durationMinutes' }] });

    const sessions = await engage.request({
      method: 'GET',
      url: `/api/projects/${projectId}/sessions`,
      headers: { cookie: engineer.cookie },
    });
    expect(sessions.json<{ sessions: unknown[] }>().sessions).toEqual([]);
    // The same booking in 2027 is taken.
    expect(
      (
        await post(`/api/projects/${projectId}/sessions`, {
          ...session,
          start: '2027-04-01T07:00:00Z',
          attendeeContactIds: [contactId],
        })
      ).statusCode,
    ).toBe(200);
  });
});
