import { inTransaction, type ServiceContext } from '../../context';
import type { Database } from '../../db/database';
import { translate } from '../../../domain/text/i18n';
import { refuse } from '../../errors';
import type { Actor, StaffActor } from '../audit/actor';
import { recordAuditEvent } from '../audit/audit.service';
import { loadCustomerCalendar, loadWorkingCalendar } from '../calendars/calendars.service';
import { getContentLibrary } from '../content/content.service';
import {
  advanceProjectIn,
  findProjectWithNames,
  getProjectForAction,
  lockProject,
  type ProjectRow,
} from '../projects/projects.service';
import { insertSession, markBookedSessionCancelled, markSessionBooked, moveSession } from './bookings.repository';
import { durationOf, sendSessionInvitations } from './session-mail';
import { attendeesOf, engineerOf, readersOf, sessionEngineerId } from './session-people';
import { snapshot } from './session-presenter';
import {
  ensureFuture,
  ensureMaySchedule,
  isOverlapError,
  minuteMs,
  engineerBooked,
  sessionRow,
  titleOf,
} from './session-rules';
import { reminderDueAt, stepKeyOf, updateFirstSession } from './session-schedule';
import { getProjectSessions } from './session-views.service';
import type { BookBody, RescheduleBody } from './sessions.schemas';
import { lockEngineerTime, lockSession, type SessionRow } from './sessions.repository';

/*
 * Bookings: a session confirmed (from a proposal accepted in the portal, or booked at once), moved and cancelled, each
 * with its invitation (the same UID, a higher SEQUENCE). Every booked row takes the engineer's time lock after the
 * project's lock; the exclusion constraint refuses an overlap. Held and past sessions: held-sessions.service.ts.
 */

/**
 * Confirms a session inside the caller's transaction: the exclusion constraint refuses it when the engineer's time is
 * already booked (a concurrent acceptance included: it waits on the engineer's lock for the first and then fails). Sends the
 * invitations, keeps the first-session figures, and lets E7 complete.
 */
export async function confirmIn(
  context: ServiceContext,
  db: Database,
  actor: Actor,
  project: ProjectRow,
  session: SessionRow,
  state: 'confirmed' | 'rescheduled',
  reason?: string,
): Promise<SessionRow> {
  await lockEngineerTime(db, session.engineerId);
  const calendar = await loadWorkingCalendar(db, session.engineerId);
  const updated = await markSessionBooked(db, session.id, {
    state,
    confirmedAt: session.confirmedAt ?? context.now(),
    reminderDueAt: await reminderDueAt(context, calendar, session.startsAt),
    now: context.now(),
  });
  await updateFirstSession(db, project, calendar);
  const library = await getContentLibrary(db);
  const row = await findProjectWithNames(db, project.id);
  if (row === null) throw refuse('not_found', 'common.no_such_project');
  const engineer = await engineerOf(db, session.engineerId);
  const customer = await loadCustomerCalendar(db, project.customerId);
  await sendSessionInvitations(context, db, actor, {
    library,
    session: updated,
    project: row,
    engineer,
    readers: await readersOf(db, updated, engineer, customer.timeZone),
    method: 'REQUEST',
    ...(reason === undefined ? {} : { reason }),
  });
  await advanceProjectIn(context, db, project.id, actor, 'session.confirmed');
  return updated;
}

/** The engineer's time was booked (the exclusion constraint) becomes conflict, naming the start. */
function rethrowOverlap(error: unknown): never {
  if (isOverlapError(error)) throw engineerBooked('body.start');
  throw error;
}

/** Books a session agreed outside Engage (a phone call, a later session of P3): confirmed at once, invitations sent. */
export async function bookSession(
  context: ServiceContext,
  actor: StaffActor,
  projectId: string,
  body: BookBody & { engineerId?: string },
) {
  const row = await getProjectForAction(context, actor, projectId);
  ensureMaySchedule(row.project);
  const start = new Date(body.start);
  ensureFuture(context, start, 'body.start');
  await inTransaction(context, async (db) => {
    const project = await lockProject(db, projectId);
    if (project === null) throw refuse('not_found', 'common.no_such_project');
    const stepKey = await stepKeyOf(db, project, body.stepKey);
    const engineerId = await sessionEngineerId(db, project, body.engineerId);
    const attendees = await attendeesOf(db, project, body.attendeeContactIds, body.extraAttendees);
    if (attendees.length === 0)
      throw refuse('validation_failed', 'sessions.invite_someone', {
        details: [{ path: 'body.attendeeContactIds', message: translate('en', 'errors', 'sessions.choose_attendee') }],
      });
    const inserted = await insertSession(
      db,
      sessionRow(context, {
        projectId,
        stepKey,
        engineerId,
        state: 'proposed',
        start,
        durationMinutes: body.durationMinutes,
        mode: body.mode,
        location: body.location,
        title: titleOf(body, row),
        description: body.description ?? null,
        attendees,
        createdBy: actor.userId,
      }),
    );
    const confirmed = await confirmIn(context, db, actor, project, inserted, 'confirmed');
    await recordAuditEvent(db, actor, {
      action: 'session.booked',
      projectId,
      subjectType: 'session',
      subjectId: confirmed.id,
      after: snapshot(confirmed),
    });
  }).catch(rethrowOverlap);
  return getProjectSessions(context, actor, projectId);
}

/** Moves a booked session: the same UID with a higher SEQUENCE goes to everyone, so calendars move the event. */
export async function rescheduleSession(
  context: ServiceContext,
  actor: StaffActor,
  projectId: string,
  sessionId: string,
  body: RescheduleBody,
) {
  await getProjectForAction(context, actor, projectId);
  const start = new Date(body.start);
  ensureFuture(context, start, 'body.start');
  await inTransaction(context, async (db) => {
    const project = await lockProject(db, projectId);
    if (project === null) throw refuse('not_found', 'common.no_such_project');
    const session = await lockSession(db, projectId, sessionId);
    if (session === null) throw refuse('not_found', 'sessions.no_such_session');
    if (session.state !== 'confirmed' && session.state !== 'rescheduled')
      throw refuse('conflict', 'sessions.reschedule_only_confirmed');
    const minutes = body.durationMinutes ?? durationOf(session);
    await lockEngineerTime(db, session.engineerId);
    const moved = await moveSession(db, sessionId, {
      startsAt: start,
      endsAt: new Date(start.getTime() + minutes * minuteMs),
      ...(body.mode === undefined ? {} : { mode: body.mode }),
      ...(body.location === undefined ? {} : { location: body.location }),
      sequence: session.sequence + 1,
      now: context.now(),
    });
    const updated = await confirmIn(context, db, actor, project, moved, 'rescheduled', body.reason);
    await recordAuditEvent(db, actor, {
      action: 'session.rescheduled',
      projectId,
      subjectType: 'session',
      subjectId: sessionId,
      before: snapshot(session),
      after: { ...snapshot(updated), reason: body.reason ?? null },
    });
  }).catch(rethrowOverlap);
  return getProjectSessions(context, actor, projectId);
}

/** Cancels a booked session: METHOD:CANCEL with STATUS:CANCELLED and a higher SEQUENCE goes to everyone. */
export async function cancelSession(
  context: ServiceContext,
  actor: StaffActor,
  projectId: string,
  sessionId: string,
  reason: string,
) {
  await getProjectForAction(context, actor, projectId);
  await inTransaction(context, async (db) => {
    const project = await lockProject(db, projectId);
    if (project === null) throw refuse('not_found', 'common.no_such_project');
    const session = await lockSession(db, projectId, sessionId);
    if (session === null) throw refuse('not_found', 'sessions.no_such_session');
    if (session.state !== 'confirmed' && session.state !== 'rescheduled')
      throw refuse('conflict', 'sessions.cancel_only_confirmed');
    const cancelled = await markBookedSessionCancelled(db, sessionId, {
      reason,
      sequence: session.sequence + 1,
      now: context.now(),
    });
    const calendar = await loadWorkingCalendar(db, session.engineerId);
    await updateFirstSession(db, project, calendar);
    const library = await getContentLibrary(db);
    const row = await findProjectWithNames(db, projectId);
    if (row === null) throw refuse('not_found', 'common.no_such_project');
    const engineer = await engineerOf(db, session.engineerId);
    const customer = await loadCustomerCalendar(db, project.customerId);
    await sendSessionInvitations(context, db, actor, {
      library,
      session: cancelled,
      project: row,
      engineer,
      readers: await readersOf(db, cancelled, engineer, customer.timeZone),
      method: 'CANCEL',
      reason,
    });
    await recordAuditEvent(db, actor, {
      action: 'session.cancelled',
      projectId,
      subjectType: 'session',
      subjectId: sessionId,
      before: snapshot(session),
      after: { ...snapshot(cancelled), reason },
    });
  });
  return getProjectSessions(context, actor, projectId);
}
