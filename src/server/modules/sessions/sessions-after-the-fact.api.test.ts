import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestEngage, isTestDatabaseAvailable, sessionCookieOf, type TestEngage } from '../../test/harness';
import { apiFixtures } from '../../test/fixtures';
import { projectAtDesignQuestionnaire } from '../../test/portal';
import { startTestSmtpServer, type TestSmtpServer } from '../../test/smtp';

// Monday 22 March 2027, 09:00 in Rome (CET): the projects are created then.
const monday = new Date('2027-03-22T08:00:00Z');
// Wednesday 24 March 2027, 16:00 in Rome: the engineer records what happened on Tuesday.
const wednesday = new Date('2027-03-24T15:00:00Z');

interface SessionLike {
  id: string;
  state: string;
  stepKey: string;
  start: string;
  end: string;
  durationMinutes: number;
  heldAt: string | null;
  heldNote: string | null;
  confirmedAt: string | null;
  reminderDueAt: string | null;
  attendees: { email: string }[];
}
interface SessionsLike {
  schedule: { firstSessionAt: string | null };
  sessions: SessionLike[];
}
interface WorkLogLike {
  entries: {
    sessionId: string | null;
    stepKey: string;
    workDate: string;
    durationMinutes: number;
    description: string;
    lineIndex: number | null;
  }[];
  effort: { lines: { index: number; used: number }[] };
}
interface ProjectLike {
  currentStep: { key: string } | null;
  process: { timeline: { key: string; display: string; criteria: { key: string; holds: boolean }[] }[] };
}

function rowsOf<T>(result: unknown): T[] {
  return (result as { rows: T[] }).rows;
}

describe.skipIf(!isTestDatabaseAvailable)(
  'sessions after the fact: recorded with their past date, held at once',
  () => {
    let smtp: TestSmtpServer;
    let engage: TestEngage;
    let manager: string;
    let support: string;
    let otherEngineer: string;
    const people: { email: string; password: string; signedIn: (cookie: string) => void }[] = [];

    /** A project of the tests: its own engineer (so no other test's session takes their time), its customer's contact. */
    interface Project {
      projectId: string;
      customerContact: { id: string; email: string };
      engineer: { id: string; cookie: string };
    }

    const call = (method: 'GET' | 'POST', url: string, cookie?: string, payload?: Record<string, unknown>) =>
      engage.request({
        method,
        url,
        headers: cookie === undefined ? {} : { cookie },
        ...(payload === undefined ? {} : { payload }),
      });
    const record = (
      project: Project,
      payload: Record<string, unknown>,
      cookie: string | undefined = project.engineer.cookie,
    ) => call('POST', `/api/projects/${project.projectId}/past-sessions`, cookie, payload);
    const sessionsOf = async (project: Project) =>
      (await call('GET', `/api/projects/${project.projectId}/sessions`, project.engineer.cookie)).json<SessionsLike>();
    const workLogOf = async (project: Project) =>
      (await call('GET', `/api/projects/${project.projectId}/work-log`, project.engineer.cookie)).json<WorkLogLike>();
    const projectOf = async (project: Project) =>
      (await call('GET', `/api/projects/${project.projectId}`, manager)).json<ProjectLike>();
    /** What a refusal must leave as it was: the sessions, the work log, the outbox, the audit trail and the step. */
    const everything = async (project: Project) => ({
      sessions: (await sessionsOf(project)).sessions,
      workLog: (await workLogOf(project)).entries,
      mail: rowsOf<{ count: number }>(
        await engage.context.db.execute(
          sql`select count(*)::int as count from mail_messages where project_id = ${project.projectId}`,
        ),
      )[0]?.count,
      audit: rowsOf<{ count: number }>(
        await engage.context.db.execute(
          sql`select count(*)::int as count from audit_events where project_id = ${project.projectId}`,
        ),
      )[0]?.count,
      step: (await projectOf(project)).currentStep?.key,
    });
    const kickOff = (project: Project, overrides: Record<string, unknown> = {}) => ({
      title: 'Kick-off by phone',
      start: '2027-03-23T08:00:00Z',
      durationMinutes: 90,
      mode: 'remote',
      attendeeContactIds: [project.customerContact.id],
      note: 'Agreed the installation plan; the customer prepares the VM by Friday',
      ...overrides,
    });

    /** Moves the clock, and signs everyone in again: staff sessions expire after 12 idle hours. */
    async function travelTo(date: Date) {
      engage.setNow(date);
      for (const person of people) person.signedIn(sessionCookieOf(await engage.login(person.email, person.password)));
    }

    /**
     * A project created on Monday with a new engineer (of the recording-analytics team) assigned and E4–E6 waived, so E7
     * is current; the clock then moves to Wednesday, when the engineer records what happened.
     */
    async function projectAtSchedule(): Promise<Project> {
      await travelTo(monday);
      const staff = await engage.staff('engineer', { name: 'Elena Engineer' });
      const engineer = { id: staff.user.id, cookie: staff.cookie };
      people.push({
        email: staff.user.email,
        password: staff.password,
        signedIn: (cookie) => (engineer.cookie = cookie),
      });
      await engage.context.db.execute(
        sql`update users set teams = '["recording-analytics"]'::jsonb where id = ${engineer.id}`,
      );
      const setup = await projectAtDesignQuestionnaire(engage, manager);
      const projectId = setup.projectId;
      await setup.fixtures.post(`/api/projects/${projectId}/engineer`, { engineerId: engineer.id }, 200);
      for (const stepKey of ['design-questionnaire', 'requirements-refining', 'requirements-fulfilment']) {
        await setup.fixtures.post(
          `/api/projects/${projectId}/actions`,
          { type: 'waive', stepKey, reason: 'Done on paper' },
          200,
        );
      }
      await travelTo(wednesday);
      return { projectId, customerContact: setup.customerContact, engineer };
    }

    /** Records Tuesday's kick-off after the fact (E7 and E8 complete); returns the held session's id. */
    async function kickOffRecorded(project: Project): Promise<string> {
      const recorded = await record(project, kickOff(project));
      expect(recorded.statusCode).toBe(200);
      return (recorded.json<SessionsLike>().sessions[0] as SessionLike).id;
    }

    beforeAll(async () => {
      smtp = await startTestSmtpServer();
      engage = await createTestEngage({ mail: { smtpUrl: smtp.url } });
      engage.setNow(monday);
      const managerStaff = await engage.staff('manager');
      const supportStaff = await engage.staff('support');
      const otherStaff = await engage.staff('engineer');
      manager = managerStaff.cookie;
      support = supportStaff.cookie;
      otherEngineer = otherStaff.cookie;
      people.push(
        { email: managerStaff.user.email, password: managerStaff.password, signedIn: (cookie) => (manager = cookie) },
        { email: supportStaff.user.email, password: supportStaff.password, signedIn: (cookie) => (support = cookie) },
        { email: otherStaff.user.email, password: otherStaff.password, signedIn: (cookie) => (otherEngineer = cookie) },
      );
    });
    afterAll(async () => {
      await engage?.close();
      await smtp?.close();
    });

    it('refuses anyone who may not act on the project, and changes nothing', async () => {
      const project = await projectAtSchedule();
      const { projectId } = project;
      expect((await projectOf(project)).currentStep?.key).toBe('activity-schedule');
      const before = await everything(project);
      expect(
        (await call('POST', `/api/projects/${projectId}/past-sessions`, undefined, kickOff(project))).statusCode,
      ).toBe(401);
      expect((await record(project, kickOff(project), support)).statusCode).toBe(403);
      const stranger = await record(project, kickOff(project), otherEngineer);
      expect(stranger.statusCode).toBe(403);
      expect(stranger.json().message).toMatch(/engineer assigned to this project/);
      expect(await everything(project)).toEqual(before);
    });

    it('refuses a start still to come, an end before the start, more than 12 hours and impossible dates in words, and changes nothing', async () => {
      const project = await projectAtSchedule();
      const before = await everything(project);
      const future = await record(project, kickOff(project, { start: '2027-03-24T15:01:00Z' }));
      expect(future.statusCode).toBe(400);
      expect(future.json().message).toMatch(/recorded after the fact must have started already/);
      expect(future.json().details).toEqual([expect.objectContaining({ path: 'body.start' })]);

      const backwards = await record(
        project,
        kickOff(project, { durationMinutes: undefined, end: '2027-03-23T07:00:00Z' }),
      );
      expect(backwards.statusCode).toBe(400);
      expect(backwards.json().message).toMatch(/end must come after the start/);
      const longEnd = await record(
        project,
        kickOff(project, { durationMinutes: undefined, end: '2027-03-23T20:01:00Z' }),
      );
      expect(longEnd.statusCode).toBe(400);
      expect(longEnd.json().message).toMatch(/at most 12 hours/);
      const longDuration = await record(project, kickOff(project, { durationMinutes: 12 * 60 + 15 }));
      expect(longDuration.statusCode).toBe(400);
      expect(longDuration.json().message).toMatch(/at most 12 hours/);
      const both = await record(project, kickOff(project, { end: '2027-03-23T09:30:00Z' }));
      expect(both.statusCode).toBe(400);
      expect(both.json().message).toMatch(/either the duration or the end/);

      const ancient = await record(project, kickOff(project, { start: '1999-12-31T08:00:00Z' }));
      expect(ancient.statusCode).toBe(400);
      expect(ancient.json().message).toMatch(/from the year 2000 on/);
      expect((await record(project, kickOff(project, { start: 'yesterday' }))).statusCode).toBe(400);
      expect((await record(project, kickOff(project, { attendeeContactIds: [] }))).statusCode).toBe(400);
      expect(await everything(project)).toEqual(before);
    });

    it('records the kick-off held on Tuesday: E7 and E8 complete at once, nobody is emailed, the work is E8’s', async () => {
      const project = await projectAtSchedule();
      const { projectId, customerContact, engineer } = project;
      const mailBefore = (await everything(project)).mail;
      const recorded = await record(project, kickOff(project));
      expect(recorded.statusCode).toBe(200);
      const body = recorded.json<SessionsLike>();
      expect(body.sessions).toEqual([
        expect.objectContaining({
          state: 'held',
          stepKey: 'activity-schedule',
          start: '2027-03-23T08:00:00.000Z',
          end: '2027-03-23T09:30:00.000Z',
          durationMinutes: 90,
          heldAt: wednesday.toISOString(),
          heldNote: 'Agreed the installation plan; the customer prepares the VM by Friday',
          reminderDueAt: null,
          attendees: [expect.objectContaining({ email: customerContact.email })],
        }),
      ]);
      expect(body.schedule.firstSessionAt).toBe('2027-03-23T08:00:00.000Z');
      const session = body.sessions[0] as SessionLike;

      // The held session is the proof that the date was agreed: E7 needs no invitation for it, and E8 completes too.
      const state = await projectOf(project);
      expect(state.currentStep?.key).toBe('environment');
      const step = (key: string) => state.process.timeline.find((entry) => entry.key === key);
      expect(step('activity-schedule')).toMatchObject({
        display: 'done',
        criteria: [
          { key: 'first-session-confirmed', holds: true },
          { key: 'invitation-sent', holds: true },
        ],
      });
      expect(step('activity-start')).toMatchObject({
        display: 'done',
        criteria: [{ key: 'first-session-held', holds: true }],
      });

      // It already happened: no invitation, no reminder, no email of any kind enters the outbox.
      expect((await everything(project)).mail).toBe(mailBefore);
      expect(smtp.received.filter((mail) => mail.envelopeTo.includes(customerContact.email))).toEqual([]);

      // Its work is the start of activities (E8), on the engineer's day, charged to the line paying for E8.
      const workLog = await workLogOf(project);
      expect(workLog.entries).toEqual([
        expect.objectContaining({
          sessionId: session.id,
          stepKey: 'activity-start',
          workDate: '2027-03-23',
          durationMinutes: 90,
          description: 'Kick-off by phone: Agreed the installation plan; the customer prepares the VM by Friday',
          lineIndex: 0,
        }),
      ]);
      // 90 minutes of an 8-hour day, rounded to hundredths of a day.
      expect(workLog.effort.lines[0]?.used).toBe(0.19);

      const audit = rowsOf<{ action: string; actorId: string | null }>(
        await engage.context.db.execute(
          sql`select action, actor_user_id as "actorId" from audit_events where project_id = ${projectId} and subject_id = ${session.id}`,
        ),
      );
      expect(audit).toEqual([{ action: 'session.recorded', actorId: engineer.id }]);
    });

    it('refuses a past session overlapping one the engineer already held or booked, in words, and changes nothing', async () => {
      const project = await projectAtSchedule();
      const { engineer } = project;
      await kickOffRecorded(project);
      const before = await everything(project);
      const overlapping = await record(
        project,
        kickOff(project, { title: 'Follow-up', start: '2027-03-23T09:00:00Z', durationMinutes: 60 }),
      );
      expect(overlapping.statusCode).toBe(409);
      expect(overlapping.json().message).toMatch(/already has a session booked or held at that time/);
      expect(await everything(project)).toEqual(before);

      // A session of another project, booked on Thursday and not yet marked held, holds the engineer's time too.
      const setup = await projectAtDesignQuestionnaire(engage, manager);
      await setup.fixtures.post(`/api/projects/${setup.projectId}/engineer`, { engineerId: engineer.id }, 200);
      await setup.fixtures.post(`/api/projects/${setup.projectId}/scheduling-override`, { reason: 'Test' }, 200);
      await setup.fixtures.post(
        `/api/projects/${setup.projectId}/sessions`,
        {
          stepKey: 'activity-schedule',
          start: '2027-03-25T08:00:00Z',
          durationMinutes: 120,
          mode: 'remote',
          location: 'https://meet.example.com/b',
          attendeeContactIds: [setup.customerContact.id],
        },
        200,
      );
      await travelTo(new Date('2027-03-25T12:00:00Z'));
      try {
        const overBooked = await record(
          project,
          kickOff(project, { title: 'Checks', start: '2027-03-25T09:00:00Z', durationMinutes: 60 }),
        );
        expect(overBooked.statusCode).toBe(409);
        expect(await everything(project)).toEqual(before);
        // Right after it, the engineer's time is free.
        expect(
          (
            await record(
              project,
              kickOff(project, {
                title: 'Checks',
                start: '2027-03-25T10:00:00Z',
                durationMinutes: 60,
                stepKey: 'environment',
                note: undefined,
              }),
            )
          ).statusCode,
        ).toBe(200);
      } finally {
        await travelTo(wednesday);
      }
      const checks = (await workLogOf(project)).entries.find((entry) => entry.description === 'Checks');
      expect(checks).toMatchObject({ stepKey: 'environment', workDate: '2027-03-25', durationMinutes: 60 });
    });

    it('marks a booked session held from its start time on, not a minute before', async () => {
      const project = await projectAtSchedule();
      const { projectId, customerContact, engineer } = project;
      await kickOffRecorded(project);
      const booked = await call('POST', `/api/projects/${projectId}/sessions`, engineer.cookie, {
        stepKey: 'environment',
        title: 'Appliance deployment',
        start: '2027-03-26T08:00:00Z',
        durationMinutes: 240,
        mode: 'remote',
        location: 'https://meet.example.com/c',
        attendeeContactIds: [customerContact.id],
      });
      expect(booked.statusCode).toBe(200);
      const session = booked
        .json<SessionsLike>()
        .sessions.find((candidate) => candidate.start === '2027-03-26T08:00:00.000Z') as SessionLike;
      const markHeld = () =>
        call('POST', `/api/projects/${projectId}/sessions/${session.id}/held`, engineer.cookie, {});
      try {
        await travelTo(new Date('2027-03-26T07:59:00Z'));
        const early = await markHeld();
        expect(early.statusCode).toBe(409);
        expect(early.json().message).toMatch(/once it has started/);
        engage.setNow(new Date('2027-03-26T08:00:00Z'));
        const held = await markHeld();
        expect(held.statusCode).toBe(200);
        expect(held.json<SessionsLike>().sessions.find((candidate) => candidate.id === session.id)).toMatchObject({
          state: 'held',
          heldAt: '2027-03-26T08:00:00.000Z',
        });
      } finally {
        await travelTo(wednesday);
      }
      expect((await workLogOf(project)).entries.find((entry) => entry.sessionId === session.id)).toMatchObject({
        stepKey: 'environment',
        durationMinutes: 240,
      });
    });
  },
);

describe.skipIf(!isTestDatabaseAvailable)('a kick-off booked in advance while E7 was current, held later', () => {
  it('is charged to E8; E7 still waits for its invitation, which only a session recorded after the fact stands in for', async () => {
    // The booked session's invitation is written but never accepted: the mail worker is not started.
    const smtp = await startTestSmtpServer();
    const engage = await createTestEngage({ mail: { smtpUrl: smtp.url, startWorker: false } });
    try {
      engage.setNow(monday);
      const manager = (await engage.staff('manager')).cookie;
      const engineer = await engage.staff('engineer');
      await engage.context.db.execute(
        sql`update users set teams = '["recording-analytics"]'::jsonb where id = ${engineer.user.id}`,
      );
      const setup = await projectAtDesignQuestionnaire(engage, manager);
      await setup.fixtures.post(`/api/projects/${setup.projectId}/engineer`, { engineerId: engineer.user.id }, 200);
      await setup.fixtures.post(`/api/projects/${setup.projectId}/scheduling-override`, { reason: 'Test' }, 200);
      const booked = await setup.fixtures.post<SessionsLike>(
        `/api/projects/${setup.projectId}/sessions`,
        {
          stepKey: 'activity-schedule',
          start: '2027-03-22T14:00:00Z',
          durationMinutes: 120,
          mode: 'remote',
          location: 'https://meet.example.com/e',
          attendeeContactIds: [setup.customerContact.id],
        },
        200,
      );
      engage.setNow(new Date('2027-03-22T14:00:00Z'));
      await setup.fixtures.post(
        `/api/projects/${setup.projectId}/sessions/${booked.sessions[0]?.id}/held`,
        { note: 'Started' },
        200,
      );
      const workLog = (
        await engage.request({
          method: 'GET',
          url: `/api/projects/${setup.projectId}/work-log`,
          headers: { cookie: manager },
        })
      ).json<WorkLogLike>();
      expect(workLog.entries).toEqual([
        expect.objectContaining({
          sessionId: booked.sessions[0]?.id,
          stepKey: 'activity-start',
          durationMinutes: 120,
          lineIndex: 0,
        }),
      ]);
      const project = (
        await engage.request({ method: 'GET', url: `/api/projects/${setup.projectId}`, headers: { cookie: manager } })
      ).json<ProjectLike>();
      expect(project.process.timeline.find((entry) => entry.key === 'activity-schedule')?.criteria).toEqual([
        expect.objectContaining({ key: 'first-session-confirmed', holds: true }),
        expect.objectContaining({ key: 'invitation-sent', holds: false }),
      ]);
    } finally {
      await engage.close();
      await smtp.close();
    }
  });
});

describe.skipIf(!isTestDatabaseAvailable)('a project entered in Engage after its kick-off took place', () => {
  it('records a session held before the project was created, but none before the purchase order’s date', async () => {
    const engage = await createTestEngage();
    try {
      engage.setNow(monday);
      const manager = (await engage.staff('manager')).cookie;
      const engineer = await engage.staff('engineer');
      await engage.context.db.execute(
        sql`update users set teams = '["recording-analytics"]'::jsonb where id = ${engineer.user.id}`,
      );
      const fixtures = apiFixtures(engage, manager);
      const customer = await fixtures.customer();
      const contact = await fixtures.post<{ id: string }>(`/api/organisations/${customer.id}/contacts`, {
        name: 'Giulia Rossi',
        email: 'giulia@customer.example',
        language: 'en',
        role: 'technical-reference',
      });
      const order = await fixtures.post<{ id: string }>('/api/purchase-orders', {
        number: 'PO-LATE-1',
        orderDate: '2027-03-10',
        customerId: customer.id,
        currency: 'EUR',
        amount: 1000,
        lines: [{ serviceKey: 'installation-remote', quantity: 2 }],
        applications: ['call-recording'],
        deployment: 'virtual-appliance',
      });
      const approved = await fixtures.post<{ project: { id: string } }>(
        `/api/purchase-orders/${order.id}/approve`,
        {},
        200,
      );
      const project = approved.project.id;
      await fixtures.post(`/api/projects/${project}/engineer`, { engineerId: engineer.user.id }, 200);
      await fixtures.post(
        `/api/projects/${project}/scheduling-override`,
        { reason: 'Kick-off held before the order reached us' },
        200,
      );
      const call = (start: string) =>
        engage.request({
          method: 'POST',
          url: `/api/projects/${project}/past-sessions`,
          headers: { cookie: manager },
          payload: { title: 'Kick-off', start, durationMinutes: 60, mode: 'remote', attendeeContactIds: [contact.id] },
        });
      const beforeOrder = await call('2027-03-09T08:00:00Z');
      expect(beforeOrder.statusCode).toBe(400);
      expect(beforeOrder.json().message).toMatch(/before its purchase order's date, 2027-03-10/);
      expect(beforeOrder.json().details).toEqual([expect.objectContaining({ path: 'body.start' })]);
      const beforeProject = await call('2027-03-12T08:00:00Z');
      expect(beforeProject.statusCode, beforeProject.body).toBe(200);
      expect(beforeProject.json<SessionsLike>().sessions.map((session) => [session.start, session.state])).toEqual([
        ['2027-03-12T08:00:00.000Z', 'held'],
      ]);
    } finally {
      await engage.close();
    }
  });
});
