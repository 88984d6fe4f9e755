import { sql } from 'drizzle-orm';
import ICAL from 'ical.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createTestEngage,
  eventually,
  isTestDatabaseAvailable,
  sessionCookieOf,
  type TestEngage,
} from '../../test/harness';
import { latestLinkTo, pathOf, projectAtDesignQuestionnaire, signInContact } from '../../test/portal';
import { startTestSmtpServer, type TestSmtpServer, type ReceivedMail } from '../../test/smtp';
import { sendDueSessionReminders } from './sessions.service';

// Monday 22 March 2027, 09:00 in Rome (CET). Easter Monday is 29 March; Europe moves to summer time on 28 March.
const monday = new Date('2027-03-22T08:00:00Z');

function rowsOf<T>(result: unknown): T[] {
  return (result as { rows: T[] }).rows;
}

interface SessionLike {
  id: string;
  state: string;
  start: string;
  end: string;
  sequence: number;
  proposalId: string | null;
}
interface SessionsLike {
  gate: { requirementsVerified: boolean; canSchedule: boolean; override: { reason: string } | null };
  schedule: {
    readyAt: string | null;
    dueAt: string | null;
    firstSessionAt: string | null;
    businessDays: number | null;
    isLate: boolean;
  };
  proposals: { id: string; state: string; note: string | null; slots: SessionLike[] }[];
  sessions: SessionLike[];
}

/** The invitation a message carries (its invite.ics), parsed by ical.js; throws when it carries none. */
function calendarOf(mail: ReceivedMail): ICAL.Component {
  const part = mail.parsed.attachments.find((attachment) => attachment.filename === 'invite.ics');
  if (part === undefined) throw new Error(`no invitation in "${mail.parsed.subject ?? ''}"`);
  return new ICAL.Component(ICAL.parse(part.content.toString('utf8')) as unknown[]);
}

/** The METHOD of the invitation a message carries, or null for a message without one. */
function methodOf(mail: ReceivedMail): string | null {
  return mail.parsed.attachments.some((attachment) => attachment.filename === 'invite.ics')
    ? String(calendarOf(mail).getFirstPropertyValue('method'))
    : null;
}

function eventOf(calendar: ICAL.Component): ICAL.Component {
  const events = calendar.getAllSubcomponents('vevent');
  expect(events).toHaveLength(1);
  return events[0] as ICAL.Component;
}

interface World {
  smtp: TestSmtpServer;
  engage: TestEngage;
  manager: string;
  /** The only engineer kept in the recording-analytics team, assigned to none of the projects: every project's alternative. */
  colleague: { id: string; cookie: string };
}

/** An SMTP server, an Engage instance sending through it with its clock on Monday, a manager and the colleague. */
async function startWorld(): Promise<World> {
  const smtp = await startTestSmtpServer();
  const engage = await createTestEngage({ mail: { smtpUrl: smtp.url } });
  engage.setNow(monday);
  const manager = (await engage.staff('manager')).cookie;
  const colleagueStaff = await engage.staff('engineer', { name: 'Carlo Colleague' });
  await engage.context.db.execute(
    sql`update users set teams = '["recording-analytics"]'::jsonb where id = ${colleagueStaff.user.id}`,
  );
  return { smtp, engage, manager, colleague: { id: colleagueStaff.user.id, cookie: colleagueStaff.cookie } };
}

async function stopWorld(world: World | undefined) {
  await world?.engage.close();
  await world?.smtp.close();
}

/** A project of the tests: its own engineer (so no other test's session takes their time), its customer's contact. */
interface Project {
  projectId: string;
  customerContact: { id: string; email: string };
  customerCookie: string;
  engineer: { id: string; cookie: string; email: string; password: string };
}

/** The calls, and the stages a fresh project is taken through, on the instance `current()` gives once started. */
function scheduling(current: () => World) {
  const call = (
    method: 'GET' | 'POST' | 'DELETE' | 'PUT',
    url: string,
    cookie?: string,
    payload?: Record<string, unknown>,
  ) =>
    current().engage.request({
      method,
      url,
      headers: cookie === undefined ? {} : { cookie },
      ...(payload === undefined ? {} : { payload }),
    });
  const sessionsOf = async (project: Project) =>
    (await call('GET', `/api/projects/${project.projectId}/sessions`, project.engineer.cookie)).json<SessionsLike>();
  const mailTo = (email: string) => current().smtp.received.filter((mail) => mail.envelopeTo.includes(email));
  /** The messages of a project: to its customer's contact or to its engineer (both its own). */
  const mailOf = (project: Project) =>
    current().smtp.received.filter(
      (mail) =>
        mail.envelopeTo.includes(project.customerContact.email) || mail.envelopeTo.includes(project.engineer.email),
    );
  const projectStep = async (project: Project) =>
    (await call('GET', `/api/projects/${project.projectId}`, current().manager)).json<{
      currentStep: { key: string } | null;
    }>().currentStep?.key;

  /** A fresh project at E4 (design questionnaires), a new engineer assigned, the customer's contact signed in. */
  async function projectAtDesign(): Promise<Project> {
    const { engage, manager } = current();
    const staff = await engage.staff('engineer', { name: 'Elena Engineer' });
    const engineer = { id: staff.user.id, cookie: staff.cookie, email: staff.user.email, password: staff.password };
    const setup = await projectAtDesignQuestionnaire(engage, manager);
    // Only a member of the application's team can be assigned; once assigned, the engineer leaves the team again, or
    // they would be every other test's alternative.
    const teams = (members: string) =>
      engage.context.db.execute(sql`update users set teams = ${members}::jsonb where id = ${engineer.id}`);
    await teams('["recording-analytics"]');
    await setup.fixtures.post(`/api/projects/${setup.projectId}/engineer`, { engineerId: engineer.id }, 200);
    await teams('[]');
    const customerCookie = await signInContact(engage, manager, setup.projectId, setup.customerContact);
    return { projectId: setup.projectId, customerContact: setup.customerContact, customerCookie, engineer };
  }

  /** Waives E4–E6 on Monday: the requirements are verified and E7 (the activity schedule) is current. */
  async function requirementsVerified(project: Project) {
    for (const stepKey of ['design-questionnaire', 'requirements-refining', 'requirements-fulfilment']) {
      const waived = await call('POST', `/api/projects/${project.projectId}/actions`, current().manager, {
        type: 'waive',
        stepKey,
        reason: 'Done on paper',
      });
      expect(waived.statusCode).toBe(200);
    }
    expect(await projectStep(project)).toBe('activity-schedule');
  }

  /**
   * The engineer proposes Wednesday, Thursday and Friday 09:00 CET (two hours, remote); the contact chooses Thursday in
   * the portal; the invitations are delivered and E7 completes. Returns the confirmed session's id.
   */
  async function sessionAccepted(project: Project): Promise<string> {
    const { projectId, customerContact, customerCookie, engineer } = project;
    const proposed = await call('POST', `/api/projects/${projectId}/proposals`, engineer.cookie, {
      stepKey: 'activity-schedule',
      title: 'Call Recording installation',
      durationMinutes: 120,
      mode: 'remote',
      location: 'https://meet.example.com/j/8841',
      attendeeContactIds: [customerContact.id],
      slots: ['2027-03-24T08:00:00Z', '2027-03-25T08:00:00Z', '2027-03-26T08:00:00Z'].map((start) => ({ start })),
    });
    expect(proposed.statusCode).toBe(200);
    const proposal = proposed.json<SessionsLike>().proposals[0];
    const chosen = proposal?.slots[1]?.id ?? '';
    const accepted = await call(
      'POST',
      `/api/portal/projects/${projectId}/proposals/${proposal?.id}/accept`,
      customerCookie,
      { sessionId: chosen },
    );
    expect(accepted.statusCode).toBe(200);
    expect(
      await eventually(
        () =>
          mailTo(customerContact.email).some((mail) => methodOf(mail) === 'REQUEST') &&
          mailTo(engineer.email).some((mail) => methodOf(mail) === 'REQUEST'),
        5000,
      ),
    ).toBe(true);
    expect(await eventually(async () => (await projectStep(project)) === 'activity-start', 5000)).toBe(true);
    return chosen;
  }

  /** Moves the session to Wednesday 31 March 14:00 CEST; its updated invitations are delivered. */
  async function sessionRescheduled(project: Project, sessionId: string) {
    const before = mailOf(project).length;
    const moved = await call(
      'POST',
      `/api/projects/${project.projectId}/sessions/${sessionId}/reschedule`,
      project.engineer.cookie,
      { start: '2027-03-31T12:00:00Z', reason: 'The customer’s network team is away on Thursday' },
    );
    expect(moved.statusCode).toBe(200);
    expect(await eventually(() => mailOf(project).length >= before + 2, 5000)).toBe(true);
  }

  /** The engineer marks the (rescheduled) session held on 31 March, signed in again then; the clock returns to Monday. */
  async function sessionHeld(project: Project, sessionId: string) {
    const { engage } = current();
    engage.setNow(new Date('2027-03-31T14:30:00Z'));
    try {
      const cookie = sessionCookieOf(await engage.login(project.engineer.email, project.engineer.password));
      const held = await call('POST', `/api/projects/${project.projectId}/sessions/${sessionId}/held`, cookie, {
        note: 'Appliance reachable, licence activated',
      });
      expect(held.statusCode).toBe(200);
    } finally {
      engage.setNow(monday);
    }
  }

  return {
    call,
    sessionsOf,
    mailTo,
    mailOf,
    projectStep,
    projectAtDesign,
    requirementsVerified,
    sessionAccepted,
    sessionRescheduled,
    sessionHeld,
  };
}

describe.skipIf(!isTestDatabaseAvailable)('sessions: suggesting, proposing, accepting, invitations, E7 and E8', () => {
  let world: World;
  const {
    call,
    sessionsOf,
    mailTo,
    mailOf,
    projectStep,
    projectAtDesign,
    requirementsVerified,
    sessionAccepted,
    sessionRescheduled,
    sessionHeld,
  } = scheduling(() => world);

  beforeAll(async () => {
    world = await startWorld();
  });
  afterAll(async () => {
    await stopWorld(world);
  });

  it('refuses to suggest dates before the requirements are verified, until a manager allows it with a reason', async () => {
    const { manager } = world;
    const { projectId, engineer } = await projectAtDesign();
    const refused = await call('GET', `/api/projects/${projectId}/slot-suggestions`, engineer.cookie);
    expect(refused.statusCode).toBe(409);
    expect(refused.json().message).toMatch(/requirements/);
    expect(
      (await call('POST', `/api/projects/${projectId}/scheduling-override`, engineer.cookie, { reason: 'Urgent' }))
        .statusCode,
    ).toBe(403);
    expect(
      (await call('POST', `/api/projects/${projectId}/scheduling-override`, manager, { reason: '' })).statusCode,
    ).toBe(400);
    const allowed = await call('POST', `/api/projects/${projectId}/scheduling-override`, manager, {
      reason: 'The customer needs the recorder before the audit',
    });
    expect(allowed.statusCode).toBe(200);
    expect(allowed.json<SessionsLike>().gate).toMatchObject({
      requirementsVerified: false,
      canSchedule: true,
      override: { reason: 'The customer needs the recorder before the audit' },
    });
    expect((await call('GET', `/api/projects/${projectId}/slot-suggestions`, engineer.cookie)).statusCode).toBe(200);
  });

  it('starts the scheduling clock when E7 becomes current: due 10 business days later', async () => {
    const project = await projectAtDesign();
    for (const stepKey of ['design-questionnaire', 'requirements-refining', 'requirements-fulfilment']) {
      const waived = await call('POST', `/api/projects/${project.projectId}/actions`, world.manager, {
        type: 'waive',
        stepKey,
        reason: 'Done on paper',
      });
      expect(waived.statusCode).toBe(200);
    }
    expect(await projectStep(project)).toBe('activity-schedule');
    const { schedule, gate } = await sessionsOf(project);
    expect(gate.requirementsVerified).toBe(true);
    expect(schedule.readyAt).toBe(monday.toISOString());
    // Ten business days after Monday 22 March 09:00 CET, skipping Easter Monday: Tuesday 6 April 09:00 CEST.
    expect(schedule.dueAt).toBe('2027-04-06T07:00:00.000Z');
    expect(schedule.isLate).toBe(false);
  });

  it('suggests the earliest dates after two business days’ notice, inside both calendars, and the team’s alternatives', async () => {
    const { colleague } = world;
    const project = await projectAtDesign();
    await requirementsVerified(project);
    const { projectId, engineer } = project;
    const response = await call(
      'GET',
      `/api/projects/${projectId}/slot-suggestions?durationMinutes=120&count=3&onePerDay=true`,
      engineer.cookie,
    );
    expect(response.statusCode).toBe(200);
    const body = response.json<{
      engineer: { id: string; slots: { start: string; end: string }[] };
      alternatives: { id: string; slots: { start: string }[] }[];
    }>();
    expect(body.engineer.id).toBe(engineer.id);
    // Wednesday 24 March 09:00 CET is the first start after two business days; one per day: Thursday, Friday.
    expect(body.engineer.slots.map((slot) => slot.start)).toEqual([
      '2027-03-24T08:00:00.000Z',
      '2027-03-25T08:00:00.000Z',
      '2027-03-26T08:00:00.000Z',
    ]);
    expect(body.engineer.slots[0]?.end).toBe('2027-03-24T10:00:00.000Z');
    expect(body.alternatives.map((alternative) => alternative.id)).toEqual([colleague.id]);
    expect((await call('GET', `/api/projects/${projectId}/slot-suggestions`, colleague.cookie)).statusCode).toBe(403);
  });

  it('refuses proposals a person can correct, naming the field, and writes nothing', async () => {
    const project = await projectAtDesign();
    await requirementsVerified(project);
    const { projectId, customerContact, engineer } = project;
    const base = {
      stepKey: 'activity-schedule',
      durationMinutes: 120,
      mode: 'remote',
      location: 'https://meet.example.com/abc',
      attendeeContactIds: [customerContact.id],
    };
    const four = await call('POST', `/api/projects/${projectId}/proposals`, engineer.cookie, {
      ...base,
      slots: ['2027-03-24T08:00:00Z', '2027-03-25T08:00:00Z', '2027-03-26T08:00:00Z', '2027-03-30T07:00:00Z'].map(
        (start) => ({ start }),
      ),
    });
    expect(four.statusCode).toBe(400);
    expect(JSON.stringify(four.json().details)).toContain('body.slots');
    const past = await call('POST', `/api/projects/${projectId}/proposals`, engineer.cookie, {
      ...base,
      slots: [{ start: '2027-03-01T08:00:00Z' }],
    });
    expect(past.statusCode).toBe(400);
    expect(past.json().details[0].path).toBe('body.slots.0.start');
    const nobody = await call('POST', `/api/projects/${projectId}/proposals`, engineer.cookie, {
      ...base,
      attendeeContactIds: [],
      slots: [{ start: '2027-03-24T08:00:00Z' }],
    });
    expect(nobody.statusCode).toBe(400);
    const stranger = await call('POST', `/api/projects/${projectId}/proposals`, engineer.cookie, {
      ...base,
      attendeeContactIds: [engineer.id],
      slots: [{ start: '2027-03-24T08:00:00Z' }],
    });
    expect(stranger.statusCode).toBe(400);
    expect((await sessionsOf(project)).proposals).toEqual([]);
  });

  it('proposes three dates; the contact chooses one in the portal; both sides get an invitation calendars accept; E7 completes', async () => {
    const { engage, manager } = world;
    const project = await projectAtDesign();
    await requirementsVerified(project);
    const { projectId, customerContact, customerCookie, engineer } = project;
    const proposed = await call('POST', `/api/projects/${projectId}/proposals`, engineer.cookie, {
      stepKey: 'activity-schedule',
      title: 'Call Recording installation',
      durationMinutes: 120,
      mode: 'remote',
      location: 'https://meet.example.com/j/8841',
      attendeeContactIds: [customerContact.id],
      slots: ['2027-03-24T08:00:00Z', '2027-03-25T08:00:00Z', '2027-03-26T08:00:00Z'].map((start) => ({ start })),
    });
    expect(proposed.statusCode).toBe(200);
    const proposal = proposed.json<SessionsLike>().proposals[0];
    expect(proposal?.state).toBe('open');
    expect(proposal?.slots.map((slot) => slot.state)).toEqual(['proposed', 'proposed', 'proposed']);
    // The email's personal link leads to the portal's sessions page once Continue is pressed.
    const link = await latestLinkTo(engage, manager, projectId, customerContact.email);
    const spent = await call('POST', pathOf(link));
    expect(spent.statusCode).toBe(303);
    expect(spent.headers.location).toBe(`/portal/projects/${projectId}/sessions`);

    const portal = (await call('GET', `/api/portal/projects/${projectId}/sessions`, customerCookie)).json<{
      customerTimeZone: string;
      proposals: { id: string; slots: { id: string; start: string }[] }[];
    }>();
    expect(portal.customerTimeZone).toBe('Europe/Rome');
    expect(portal.proposals[0]?.slots.map((slot) => slot.start)).toEqual([
      '2027-03-24T08:00:00.000Z',
      '2027-03-25T08:00:00.000Z',
      '2027-03-26T08:00:00.000Z',
    ]);

    const chosen = proposal?.slots[1];
    const accepted = await call(
      'POST',
      `/api/portal/projects/${projectId}/proposals/${proposal?.id}/accept`,
      customerCookie,
      { sessionId: chosen?.id ?? '' },
    );
    expect(accepted.statusCode).toBe(200);
    expect(accepted.json().upcoming.map((session: { id: string }) => session.id)).toEqual([chosen?.id]);
    const again = await call(
      'POST',
      `/api/portal/projects/${projectId}/proposals/${proposal?.id}/accept`,
      customerCookie,
      { sessionId: proposal?.slots[2]?.id ?? '' },
    );
    expect(again.statusCode).toBe(409);

    const after = await sessionsOf(project);
    expect(after.proposals[0]?.state).toBe('accepted');
    expect(after.sessions.map((session) => [session.id, session.state])).toEqual([[chosen?.id, 'confirmed']]);
    expect(after.schedule).toMatchObject({
      firstSessionAt: '2027-03-25T08:00:00.000Z',
      businessDays: 3,
      isLate: false,
    });

    // The invitations went through the SMTP server; once accepted, E7's last criterion holds and E7 completes.
    expect(
      await eventually(
        () =>
          mailTo(customerContact.email).some(
            (mail) => mail.parsed.subject?.includes('Call Recording installation') === true,
          ) && mailTo(engineer.email).length > 0,
        5000,
      ),
    ).toBe(true);
    expect(await eventually(async () => (await projectStep(project)) === 'activity-start', 5000)).toBe(true);

    const invitation = mailTo(customerContact.email).find((mail) => methodOf(mail) === 'REQUEST');
    expect(invitation).toBeDefined();
    const raw = invitation?.raw.toString('utf8') ?? '';
    expect(raw).toMatch(/Content-Type: text\/calendar; charset=utf-8; method=REQUEST/i);
    const calendar = calendarOf(invitation as ReceivedMail);
    const event = eventOf(calendar);
    expect(event.getFirstPropertyValue('uid')).toMatch(/@/);
    expect(event.getFirstPropertyValue('sequence')).toBe(0);
    expect(event.getFirstPropertyValue('dtstamp')).not.toBeNull();
    const start = event.getFirstProperty('dtstart');
    expect((start?.getFirstValue() as ICAL.Time).toJSDate().toISOString()).toBe('2027-03-25T08:00:00.000Z');
    expect((start?.getFirstValue() as ICAL.Time).zone?.tzid).toBe('UTC');
    expect(String(event.getFirstPropertyValue('organizer')).toLowerCase()).toBe(`mailto:${engineer.email}`);
    const attendee = event.getFirstProperty('attendee');
    expect(String(attendee?.getFirstValue()).toLowerCase()).toBe(`mailto:${customerContact.email}`);
    expect(attendee?.getParameter('rsvp')).toBe('TRUE');
    expect(event.getFirstPropertyValue('location')).toBe('https://meet.example.com/j/8841');
    expect(String(event.getFirstPropertyValue('description'))).toContain('https://meet.example.com/j/8841');
    expect(event.getAllSubcomponents('valarm')).toHaveLength(1);
    expect(
      calendarOf(mailTo(engineer.email)[0] as ReceivedMail)
        .getFirstSubcomponent('vevent')
        ?.getFirstPropertyValue('uid'),
    ).toBe(event.getFirstPropertyValue('uid'));
  });

  it('reschedules with the same UID and a higher SEQUENCE, and cancels with METHOD:CANCEL', async () => {
    const project = await projectAtDesign();
    await requirementsVerified(project);
    const sessionId = await sessionAccepted(project);
    const { projectId, customerContact, engineer } = project;
    const [session] = (await sessionsOf(project)).sessions;
    expect(session?.id).toBe(sessionId);
    const before = mailOf(project).length;
    const moved = await call('POST', `/api/projects/${projectId}/sessions/${session?.id}/reschedule`, engineer.cookie, {
      start: '2027-03-31T12:00:00Z',
      reason: 'The customer’s network team is away on Thursday',
    });
    expect(moved.statusCode).toBe(200);
    expect(moved.json<SessionsLike>().sessions[0]).toMatchObject({
      state: 'rescheduled',
      sequence: 1,
      start: '2027-03-31T12:00:00.000Z',
    });
    expect(await eventually(() => mailOf(project).length >= before + 2, 5000)).toBe(true);
    const update = mailTo(customerContact.email)
      .filter((mail) => methodOf(mail) === 'REQUEST')
      .at(-1) as ReceivedMail;
    const updated = eventOf(calendarOf(update));
    const original = eventOf(
      calendarOf(mailTo(customerContact.email).find((mail) => methodOf(mail) === 'REQUEST') as ReceivedMail),
    );
    expect(updated.getFirstPropertyValue('uid')).toBe(original.getFirstPropertyValue('uid'));
    expect(updated.getFirstPropertyValue('sequence')).toBe(1);
    expect(update.parsed.text).toContain('Why: The customer’s network team is away on Thursday');

    // A second session, booked directly for P1, then cancelled.
    const booked = await call('POST', `/api/projects/${projectId}/sessions`, engineer.cookie, {
      stepKey: 'environment',
      title: 'Appliance deployment',
      start: '2027-04-01T07:00:00Z',
      durationMinutes: 240,
      mode: 'on-site',
      location: 'Via Roma 1, 20121 Milano',
      attendeeContactIds: [customerContact.id],
    });
    expect(booked.statusCode).toBe(200);
    const second = booked
      .json<SessionsLike>()
      .sessions.find((candidate) => candidate.start === '2027-04-01T07:00:00.000Z');
    expect(second?.state).toBe('confirmed');
    const overlapping = await call('POST', `/api/projects/${projectId}/sessions`, engineer.cookie, {
      stepKey: 'environment',
      start: '2027-04-01T09:00:00Z',
      durationMinutes: 60,
      mode: 'remote',
      location: 'https://meet.example.com/x',
      attendeeContactIds: [customerContact.id],
    });
    expect(overlapping.statusCode).toBe(409);
    expect(overlapping.json().message).toMatch(/already has a booked session/);

    expect(
      (await call('POST', `/api/projects/${projectId}/sessions/${second?.id}/cancel`, engineer.cookie, { reason: '' }))
        .statusCode,
    ).toBe(400);
    const count = mailOf(project).length;
    const cancelled = await call('POST', `/api/projects/${projectId}/sessions/${second?.id}/cancel`, engineer.cookie, {
      reason: 'The virtual host is not ready',
    });
    expect(cancelled.statusCode).toBe(200);
    expect(
      await eventually(
        () =>
          mailOf(project)
            .slice(count)
            .some((mail) => methodOf(mail) === 'CANCEL'),
        5000,
      ),
    ).toBe(true);
    const cancel = mailOf(project)
      .slice(count)
      .find((mail) => methodOf(mail) === 'CANCEL') as ReceivedMail;
    expect(cancel.raw.toString('utf8')).toMatch(/method=CANCEL/i);
    const cancelEvent = eventOf(calendarOf(cancel));
    expect(cancelEvent.getFirstPropertyValue('status')).toBe('CANCELLED');
    expect(cancelEvent.getFirstPropertyValue('sequence')).toBe(1);
    const bookedMail = mailOf(project).find(
      (mail) => mail.parsed.subject?.includes('Appliance deployment') === true && methodOf(mail) === 'REQUEST',
    );
    expect(cancelEvent.getFirstPropertyValue('uid')).toBe(
      eventOf(calendarOf(bookedMail as ReceivedMail)).getFirstPropertyValue('uid'),
    );
    // The freed time can be booked again.
    expect(
      (await call('GET', `/api/projects/${projectId}/sessions`, engineer.cookie))
        .json<SessionsLike>()
        .sessions.find((candidate) => candidate.id === second?.id)?.state,
    ).toBe('cancelled');
  });

  it('reminds the attendees one business day before, once', async () => {
    // The sweep reminds every project's due sessions: the test has an instance of its own, so it counts its own only.
    const own = await startWorld();
    try {
      const { engage } = own;
      const stages = scheduling(() => own);
      const project = await stages.projectAtDesign();
      await stages.requirementsVerified(project);
      await stages.sessionRescheduled(project, await stages.sessionAccepted(project));
      const { projectId, customerContact, engineer } = project;
      // The session moved to Wednesday 31 March 14:00 CEST: its reminder is due Tuesday 30 March 14:00 (Monday 29 is Easter Monday).
      const [session] = (await stages.sessionsOf(project)).sessions.filter(
        (candidate) => candidate.state === 'rescheduled',
      );
      const due = rowsOf<{ due: Date | string }>(
        await engage.context.db.execute(
          sql`select reminder_due_at as due from project_sessions where id = ${session?.id ?? ''}`,
        ),
      )[0]?.due;
      expect(new Date(due ?? 0).toISOString()).toBe('2027-03-30T12:00:00.000Z');
      try {
        engage.setNow(new Date('2027-03-30T11:59:00Z'));
        expect(await sendDueSessionReminders(engage.context)).toBe(0);
        engage.setNow(new Date('2027-03-30T12:01:00Z'));
        expect(await sendDueSessionReminders(engage.context)).toBe(1);
        expect(await sendDueSessionReminders(engage.context)).toBe(0);
      } finally {
        engage.setNow(monday);
      }
      const reminders = rowsOf<{ to: { email: string }[] }>(
        await engage.context.db.execute(
          sql`select to_addresses as "to" from mail_messages where project_id = ${projectId} and kind = 'session-reminder'`,
        ),
      );
      expect(reminders.map((row) => row.to[0]?.email).sort()).toEqual([customerContact.email, engineer.email].sort());
    } finally {
      await stopWorld(own);
    }
  });

  it('marks the session held once it has started; E8 completes and the performing phase begins', async () => {
    const { engage } = world;
    const project = await projectAtDesign();
    await requirementsVerified(project);
    await sessionRescheduled(project, await sessionAccepted(project));
    const { projectId, engineer } = project;
    const [session] = (await sessionsOf(project)).sessions.filter((candidate) => candidate.state === 'rescheduled');
    const early = await call('POST', `/api/projects/${projectId}/sessions/${session?.id}/held`, engineer.cookie, {});
    expect(early.statusCode).toBe(409);
    // Nine days later the morning's sessions have long expired: the engineer logs in again.
    engage.setNow(new Date('2027-03-31T14:30:00Z'));
    try {
      const cookie = sessionCookieOf(await engage.login(engineer.email, engineer.password));
      const held = await call('POST', `/api/projects/${projectId}/sessions/${session?.id}/held`, cookie, {
        note: 'Appliance reachable, licence activated',
      });
      expect(held.statusCode).toBe(200);
    } finally {
      engage.setNow(monday);
    }
    expect(await projectStep(project)).toBe('environment');
    // The held session's two hours are in the work log, on the engineer's day, as theirs; booked in E7, it is the start
    // of activities, so its work is E8's.
    const workLog = (await call('GET', `/api/projects/${projectId}/work-log`, engineer.cookie)).json<{
      entries: {
        sessionId: string | null;
        workDate: string;
        durationMinutes: number;
        performer: { name: string };
        stepKey: string;
      }[];
    }>();
    expect(workLog.entries).toEqual([
      expect.objectContaining({
        sessionId: session?.id,
        workDate: '2027-03-31',
        durationMinutes: 120,
        performer: expect.objectContaining({ name: 'Elena Engineer' }),
        stepKey: 'activity-start',
      }),
    ]);
  });

  it('shows the engineer’s week, the team’s capacity, and a calendar file to add', async () => {
    const { engage, manager, colleague } = world;
    const project = await projectAtDesign();
    await requirementsVerified(project);
    const sessionId = await sessionAccepted(project);
    await sessionRescheduled(project, sessionId);
    await sessionHeld(project, sessionId);
    const { projectId, customerCookie, engineer } = project;
    const week = await call(
      'GET',
      `/api/users/${engineer.id}/sessions?from=2027-03-29T00:00:00Z&to=2027-04-05T00:00:00Z`,
      colleague.cookie,
    );
    expect(week.statusCode).toBe(200);
    const body = week.json<{ sessions: { state: string; start: string }[]; holidays: { date: string }[] }>();
    expect(body.sessions.map((session) => [session.state, session.start])).toEqual([
      ['held', '2027-03-31T12:00:00.000Z'],
    ]);
    expect(body.holidays.map((holiday) => holiday.date)).toContain('2027-03-29');
    expect(
      (
        await call(
          'GET',
          `/api/users/${engineer.id}/sessions?from=2027-03-29T00:00:00Z&to=2027-06-29T00:00:00Z`,
          colleague.cookie,
        )
      ).statusCode,
    ).toBe(400);

    // The engineer rejoins the team only while its capacity is read (see projectAtDesign).
    const teams = (members: string) =>
      engage.context.db.execute(sql`update users set teams = ${members}::jsonb where id = ${engineer.id}`);
    await teams('["recording-analytics"]');
    try {
      const capacity = (
        await call('GET', '/api/capacity?from=2027-03-22&weeks=2&team=recording-analytics', manager)
      ).json<{ engineers: { id: string; weeks: { week: string; availableHours: number; bookedHours: number }[] }[] }>();
      const mine = capacity.engineers.find((entry) => entry.id === engineer.id);
      // 8 hours a day; the week of Easter Monday has four working days.
      expect(mine?.weeks).toEqual([
        { week: '2027-03-22', availableHours: 40, bookedHours: 0 },
        { week: '2027-03-29', availableHours: 32, bookedHours: 2 },
      ]);
    } finally {
      await teams('[]');
    }

    const [session] = (await sessionsOf(project)).sessions.filter((candidate) => candidate.state === 'held');
    const file = await call(
      'GET',
      `/api/portal/projects/${projectId}/sessions/${session?.id}/calendar.ics`,
      customerCookie,
    );
    expect(file.statusCode).toBe(200);
    expect(file.headers['content-type']).toMatch(/^text\/calendar/);
    const parsed = new ICAL.Component(ICAL.parse(file.body) as unknown[]);
    expect(parsed.getFirstPropertyValue('method')).toBe('PUBLISH');
  });

  it('serves a personal subscription feed behind a secret address, replaced or revoked at will', async () => {
    const project = await projectAtDesign();
    await requirementsVerified(project);
    const sessionId = await sessionAccepted(project);
    await sessionRescheduled(project, sessionId);
    await sessionHeld(project, sessionId);
    const { engineer } = project;
    expect((await call('GET', '/api/me/calendar-feed', engineer.cookie)).json()).toMatchObject({ isActive: false });
    const created = (await call('POST', '/api/me/calendar-feed', engineer.cookie)).json<{ url: string }>();
    const path = new URL(created.url).pathname;
    expect(path).toMatch(/^\/calendar-feed\/[A-Za-z0-9_-]{43}\.ics$/);
    const feed = await call('GET', path);
    expect(feed.statusCode).toBe(200);
    const calendar = new ICAL.Component(ICAL.parse(feed.body) as unknown[]);
    expect(
      calendar
        .getAllSubcomponents('vevent')
        .map((event) => (event.getFirstPropertyValue('dtstart') as ICAL.Time).toJSDate().toISOString()),
    ).toEqual(['2027-03-31T12:00:00.000Z']);
    const replaced = (await call('POST', '/api/me/calendar-feed', engineer.cookie)).json<{ url: string }>();
    expect((await call('GET', path)).statusCode).toBe(404);
    const newPath = new URL(replaced.url).pathname;
    expect((await call('GET', newPath)).statusCode).toBe(200);
    expect((await call('DELETE', '/api/me/calendar-feed', engineer.cookie)).statusCode).toBe(204);
    expect((await call('GET', newPath)).statusCode).toBe(404);
    expect((await call('GET', '/calendar-feed/not-a-token')).statusCode).toBe(400);
  });

  it('keeps every contact to their own projects’ sessions', async () => {
    const { engage, manager } = world;
    const project = await projectAtDesign();
    await requirementsVerified(project);
    await sessionAccepted(project);
    const { projectId } = project;
    const other = await projectAtDesignQuestionnaire(engage, manager);
    const stranger = await signInContact(engage, manager, other.projectId, other.customerContact);
    expect((await call('GET', `/api/portal/projects/${projectId}/sessions`, stranger)).statusCode).toBe(404);
    const [session] = (await sessionsOf(project)).sessions;
    expect(
      (await call('GET', `/api/portal/projects/${projectId}/sessions/${session?.id}/calendar.ics`, stranger))
        .statusCode,
    ).toBe(404);
  });
});

describe.skipIf(!isTestDatabaseAvailable)('two customers choosing the same time of one engineer', () => {
  let engage: TestEngage;

  beforeAll(async () => {
    engage = await createTestEngage();
    engage.setNow(monday);
  });
  afterAll(async () => {
    await engage?.close();
  });

  it('books the first; the second is told the time is gone and offered the next free dates instead', async () => {
    const manager = (await engage.staff('manager')).cookie;
    const engineer = await engage.staff('engineer');
    await engage.context.db.execute(
      sql`update users set teams = '["recording-analytics"]'::jsonb where id = ${engineer.user.id}`,
    );
    const projects = [];
    for (const priority of ['normal', 'normal']) {
      const setup = await projectAtDesignQuestionnaire(engage, manager);
      await setup.fixtures.post(`/api/projects/${setup.projectId}/engineer`, { engineerId: engineer.user.id }, 200);
      await setup.fixtures.post(`/api/projects/${setup.projectId}/scheduling-override`, { reason: 'Test' }, 200);
      const proposed = await setup.fixtures.post<SessionsLike>(
        `/api/projects/${setup.projectId}/proposals`,
        {
          stepKey: 'activity-schedule',
          durationMinutes: 120,
          mode: 'remote',
          location: 'https://meet.example.com/same',
          attendeeContactIds: [setup.customerContact.id],
          slots: [{ start: '2027-03-24T08:00:00Z' }],
        },
        200,
      );
      const cookie = await signInContact(engage, manager, setup.projectId, setup.customerContact);
      projects.push({ id: setup.projectId, cookie, proposal: proposed.proposals[0], priority });
    }
    const [first, second] = projects;
    const accept = (project: typeof first) =>
      engage.request({
        method: 'POST',
        url: `/api/portal/projects/${project?.id}/proposals/${project?.proposal?.id}/accept`,
        headers: { cookie: project?.cookie ?? '' },
        payload: { sessionId: project?.proposal?.slots[0]?.id ?? '' },
      });
    expect((await accept(first)).statusCode).toBe(200);
    const lost = await accept(second);
    expect(lost.statusCode).toBe(409);
    expect(lost.json().message).toMatch(/booked a moment ago/);
    const offered = (
      await engage.request({
        method: 'GET',
        url: `/api/portal/projects/${second?.id}/sessions`,
        headers: { cookie: second?.cookie ?? '' },
      })
    ).json<{ proposals: { slots: { start: string }[] }[] }>();
    const starts = offered.proposals[0]?.slots.map((slot) => slot.start) ?? [];
    expect(starts.length).toBeGreaterThan(0);
    expect(starts).not.toContain('2027-03-24T08:00:00.000Z');
    // The next free dates: not overlapping the booked 09:00–11:00 of Wednesday.
    expect(starts[0]).toBe('2027-03-24T10:00:00.000Z');
  });
  it('lets an urgent project take a time only proposed to a lower-priority one, naming it, but not an equal one', async () => {
    const manager = (await engage.staff('manager')).cookie;
    const engineer = await engage.staff('engineer');
    await engage.context.db.execute(
      sql`update users set teams = '["recording-analytics"]'::jsonb where id = ${engineer.user.id}`,
    );
    const prepared = [];
    for (const priority of ['low', 'urgent', 'low']) {
      const setup = await projectAtDesignQuestionnaire(engage, manager);
      await setup.fixtures.post(`/api/projects/${setup.projectId}/engineer`, { engineerId: engineer.user.id }, 200);
      await setup.fixtures.post(`/api/projects/${setup.projectId}/scheduling-override`, { reason: 'Test' }, 200);
      await engage.context.db.execute(sql`update projects set priority = ${priority} where id = ${setup.projectId}`);
      prepared.push(setup);
    }
    const [offered, urgent, equal] = prepared;
    await offered?.fixtures.post(
      `/api/projects/${offered.projectId}/proposals`,
      {
        stepKey: 'activity-schedule',
        durationMinutes: 120,
        mode: 'remote',
        location: 'https://meet.example.com/low',
        attendeeContactIds: [offered.customerContact.id],
        slots: [{ start: '2027-03-24T08:00:00Z' }],
      },
      200,
    );
    const reference = rowsOf<{ reference: string }>(
      await engage.context.db.execute(sql`select reference from projects where id = ${offered?.projectId ?? ''}`),
    )[0]?.reference;
    const suggest = async (projectId: string) =>
      (
        await engage.request({
          method: 'GET',
          url: `/api/projects/${projectId}/slot-suggestions?durationMinutes=120&count=1`,
          headers: { cookie: manager },
        })
      ).json<{
        engineer: { slots: { start: string; claims: { projectReference: string }[] }[] };
      }>().engineer.slots[0];
    expect(await suggest(urgent?.projectId ?? '')).toEqual({
      start: '2027-03-24T08:00:00.000Z',
      end: '2027-03-24T10:00:00.000Z',
      claims: [expect.objectContaining({ projectReference: reference })],
    });
    expect((await suggest(equal?.projectId ?? ''))?.start).toBe('2027-03-24T10:00:00.000Z');
  });
});
