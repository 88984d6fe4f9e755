import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestEngage, eventually, isTestDatabaseAvailable, type TestEngage } from '../../test/harness';
import { projectAtDesignQuestionnaire, signInContact } from '../../test/portal';
import { lockEngineerTime } from './sessions.repository';

// Monday 22 March 2027, 09:00 in Rome.
const monday = new Date('2027-03-22T08:00:00Z');

describe.skipIf(!isTestDatabaseAvailable)(
  'two acceptances of the same engineer’s time through two processes on one PostgreSQL database',
  () => {
    let first: TestEngage;
    let second: TestEngage;
    let manager: string;
    let engineerId: string;

    beforeAll(async () => {
      first = await createTestEngage();
      second = await createTestEngage({ sameDatabaseAs: first });
      first.setNow(monday);
      second.setNow(monday);
      manager = (await first.staff('manager')).cookie;
      engineerId = (await first.staff('engineer')).user.id;
      await first.context.db.execute(
        sql`update users set teams = '["recording-analytics"]'::jsonb where id = ${engineerId}`,
      );
    });
    afterAll(async () => {
      await second?.close();
      await first?.close();
    });

    /** A project whose customer was offered one date of the engineer; its contact is signed in to the portal. */
    async function offered(start: string) {
      const setup = await projectAtDesignQuestionnaire(first, manager);
      await setup.fixtures.post(`/api/projects/${setup.projectId}/engineer`, { engineerId }, 200);
      await setup.fixtures.post(`/api/projects/${setup.projectId}/scheduling-override`, { reason: 'Race test' }, 200);
      const sessions = await setup.fixtures.post<{ proposals: { id: string; slots: { id: string }[] }[] }>(
        `/api/projects/${setup.projectId}/proposals`,
        {
          stepKey: 'activity-schedule',
          durationMinutes: 120,
          mode: 'remote',
          location: 'https://meet.example.com/race',
          attendeeContactIds: [setup.customerContact.id],
          slots: [{ start }],
        },
        200,
      );
      const cookie = await signInContact(first, manager, setup.projectId, setup.customerContact);
      const proposal = sessions.proposals[0];
      return {
        url: `/api/portal/projects/${setup.projectId}/proposals/${proposal?.id}/accept`,
        cookie,
        sessionId: proposal?.slots[0]?.id ?? '',
      };
    }

    /** True once a connection to this database waits for a lock: the request has reached the engineer's time. */
    async function isWaitingOnLock(): Promise<boolean> {
      const result = await second.context.db.execute<{ count: number }>(
        sql`select count(*)::int as count from pg_stat_activity where datname = current_database() and wait_event_type = 'Lock'`,
      );
      return ((result as { rows: { count: number }[] }).rows[0]?.count ?? 0) > 0;
    }

    // Twelve rounds: before the engineer's time was locked, about one race in a hundred ended in a deadlock (a 500), so
    // these rounds rarely catch that regression; the next test checks the lock itself.
    const rounds = 12;

    it('books exactly one; the other is told the time is gone, whatever the order', async () => {
      for (let round = 0; round < rounds; round += 1) {
        // Overlapping, not identical: 09:00–11:00 and 10:00–12:00 on the same day, a day in April per round.
        const day = `2027-04-${String(1 + round).padStart(2, '0')}`;
        const one = await offered(`${day}T08:00:00Z`);
        const two = await offered(`${day}T09:00:00Z`);
        const answers = await Promise.all([
          first.request({
            method: 'POST',
            url: one.url,
            headers: { cookie: one.cookie },
            payload: { sessionId: one.sessionId },
          }),
          second.request({
            method: 'POST',
            url: two.url,
            headers: { cookie: two.cookie },
            payload: { sessionId: two.sessionId },
          }),
        ]);
        expect(answers.map((answer) => answer.statusCode).sort()).toEqual([200, 409]);
        const lost = answers.find((answer) => answer.statusCode === 409);
        expect(lost?.json().message).toMatch(/booked a moment ago/);
      }
      const booked = await first.context.db.execute<{ count: number }>(
        sql`select count(*)::int as count from project_sessions where engineer_id = ${engineerId} and state in ('confirmed', 'rescheduled', 'held')`,
      );
      expect((booked as { rows: { count: number }[] }).rows[0]?.count).toBe(rounds);
    });

    it('makes a confirmation wait while another process holds the engineer’s time, and then books it', async () => {
      const one = await offered('2027-05-03T08:00:00Z');
      let release = () => {};
      const released = new Promise<void>((resolve) => (release = resolve));
      let holding = () => {};
      const isHolding = new Promise<void>((resolve) => (holding = resolve));
      const holder = second.context.db.transaction(async (tx) => {
        await lockEngineerTime(tx, engineerId);
        holding();
        await released;
      });
      await isHolding;
      let answered = false;
      const accepting = first
        .request({
          method: 'POST',
          url: one.url,
          headers: { cookie: one.cookie },
          payload: { sessionId: one.sessionId },
        })
        .then((answer) => {
          answered = true;
          return answer;
        });
      try {
        // Without the lock the acceptance would be answered, never seen waiting for one.
        expect(await eventually(isWaitingOnLock, 10_000)).toBe(true);
        expect(answered).toBe(false);
      } finally {
        // Released whatever the outcome, so that a failure does not leave the other process's transaction open.
        release();
      }
      await holder;
      expect((await accepting).statusCode).toBe(200);
    });

    it('makes a session recorded after the fact wait for the engineer’s time too, and then records it', async () => {
      const setup = await projectAtDesignQuestionnaire(first, manager);
      await setup.fixtures.post(`/api/projects/${setup.projectId}/engineer`, { engineerId }, 200);
      await setup.fixtures.post(`/api/projects/${setup.projectId}/scheduling-override`, { reason: 'Lock test' }, 200);
      first.setNow(new Date('2027-03-22T15:00:00Z'));
      let release = () => {};
      const released = new Promise<void>((resolve) => (release = resolve));
      let holding = () => {};
      const isHolding = new Promise<void>((resolve) => (holding = resolve));
      const holder = second.context.db.transaction(async (tx) => {
        await lockEngineerTime(tx, engineerId);
        holding();
        await released;
      });
      await isHolding;
      let answered = false;
      const recording = first
        .request({
          method: 'POST',
          url: `/api/projects/${setup.projectId}/past-sessions`,
          headers: { cookie: manager },
          payload: {
            start: '2027-03-22T12:00:00Z',
            durationMinutes: 60,
            mode: 'remote',
            attendeeContactIds: [setup.customerContact.id],
          },
        })
        .then((answer) => {
          answered = true;
          return answer;
        });
      try {
        expect(await eventually(isWaitingOnLock, 10_000)).toBe(true);
        expect(answered).toBe(false);
      } finally {
        release();
        first.setNow(monday);
      }
      await holder;
      expect((await recording).statusCode).toBe(200);
    });
  },
);
