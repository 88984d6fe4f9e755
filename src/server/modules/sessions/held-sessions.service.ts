import { DateTime } from 'luxon';
import type { ProcessTemplate } from '../../../domain/process/template';
import { inTransaction, type ServiceContext } from '../../context';
import type { Database } from '../../db/database';
import { translate } from '../../../domain/text/i18n';
import { refuse } from '../../errors';
import type { Actor, StaffActor } from '../audit/actor';
import { recordAuditEvent } from '../audit/audit.service';
import { loadWorkingCalendar } from '../calendars/calendars.service';
import { getTemplate } from '../process/process.service';
import { advanceProjectIn, getProjectForAction, lockProject, type ProjectRow } from '../projects/projects.service';
import { getOrderDateOfProject } from '../purchase-orders/purchase-orders.service';
import { insertWorkLogEntry } from '../work-log/work-log.service';
import { insertSession, markSessionHeldRow } from './bookings.repository';
import { durationOf } from './session-mail';
import { attendeesOf, engineerOf, sessionEngineerId } from './session-people';
import { snapshot } from './session-presenter';
import {
  engineerBookedOrHeld,
  ensureMaySchedule,
  isOverlapError,
  minuteMs,
  sessionRow,
  titleOf,
} from './session-rules';
import { stepKeyOf, updateFirstSession } from './session-schedule';
import { getProjectSessions } from './session-views.service';
import type { RecordPastBody } from './sessions.schemas';
import { lockEngineerTime, lockSession, type SessionRow } from './sessions.repository';

/*
 * Held sessions: a booked session marked held once it has started, and a session that already took place recorded
 * after the fact. Each writes its work-log entry (through the work-log module) and lets E7 and E8 advance.
 */

/** Marks a session held once it has started; the first one held completes E8 and starts the performing phase. */
export async function markSessionHeld(
  context: ServiceContext,
  actor: StaffActor,
  projectId: string,
  sessionId: string,
  note: string | undefined,
) {
  await getProjectForAction(context, actor, projectId);
  await inTransaction(context, async (db) => {
    const project = await lockProject(db, projectId);
    if (project === null) throw refuse('not_found', 'common.no_such_project');
    const session = await lockSession(db, projectId, sessionId);
    if (session === null) throw refuse('not_found', 'sessions.no_such_session');
    if (session.state !== 'confirmed' && session.state !== 'rescheduled')
      throw refuse('conflict', 'sessions.held_only_confirmed');
    if (session.startsAt.getTime() > context.now().getTime()) throw refuse('conflict', 'sessions.held_once_started');
    // A new version of a booked row is checked against the exclusion constraint again.
    await lockEngineerTime(db, session.engineerId);
    await markSessionHeldRow(db, sessionId, note ?? null, context.now());
    await recordAuditEvent(db, actor, {
      action: 'session.held',
      projectId,
      subjectType: 'session',
      subjectId: sessionId,
      before: { state: session.state },
      after: { state: 'held', note: note ?? null },
    });
    await logHeldSession(context, db, actor, project, session, note);
    await advanceProjectIn(context, db, projectId, actor, 'session.held');
  });
  return getProjectSessions(context, actor, projectId);
}

/**
 * The step a session's work belongs to: its own step, except for a session of the step that books the first session
 * (E7). That session is the first activity, which the step of the first session held (E8) waits for; E7's own work is
 * agreeing the date. Sessions booked while E7 was current carry E7 (the forms offer the current step), and rows booked
 * before this rule keep it too, so the rule is applied when the work is logged. The criteria keep these keys in every
 * template version, so older projects follow it as well.
 */
function workStepOf(template: ProcessTemplate, stepKey: string): string {
  const step = template.steps.find((candidate) => candidate.key === stepKey);
  if (step === undefined || !step.exitCriteria.some((criterion) => criterion.key === 'first-session-confirmed'))
    return stepKey;
  return (
    template.steps.find((candidate) =>
      candidate.exitCriteria.some((criterion) => criterion.key === 'first-session-held'),
    )?.key ?? stepKey
  );
}

/**
 * A held session's work-log entry, in the caller's transaction: the engineer's, on the engineer's local day, charged to
 * the step its work belongs to, and so to the purchase order line paying for that step.
 */
async function logHeldSession(
  context: ServiceContext,
  db: Database,
  actor: Actor,
  project: ProjectRow,
  session: SessionRow,
  note: string | undefined,
): Promise<void> {
  const engineer = await engineerOf(db, session.engineerId);
  const template = await getTemplate(db, project.templateKey, project.templateVersion);
  await insertWorkLogEntry(context, db, actor, project, {
    stepKey: workStepOf(template, session.stepKey),
    sessionId: session.id,
    performer: { kind: 'staff', userId: session.engineerId },
    workDate:
      DateTime.fromJSDate(session.startsAt, { zone: engineer.timeZone }).toISODate() ??
      session.startsAt.toISOString().slice(0, 10),
    durationMinutes: Math.min(durationOf(session), 24 * 60),
    description: note === undefined || note === '' ? session.title : `${session.title}: ${note}`,
  });
}

/** Midnight of a date comes up to 14 hours before midnight UTC (UTC+14). */
const earliestZoneOffsetMs = 14 * 3600_000;

/**
 * Records a session that already took place (a kick-off by phone, a session booked in another tool) as held, in one
 * step: it takes the engineer's time like every booked session, emails nobody (it has happened; the contacts see it
 * among the past sessions of the portal), writes its work-log entry and lets E7 and E8 complete. Throws
 * validation_failed for a start still to come or before the project was created, conflict when scheduling is not
 * allowed yet or the engineer's time is already booked or held then, forbidden and not_found.
 */
export async function recordPastSession(
  context: ServiceContext,
  actor: StaffActor,
  projectId: string,
  body: RecordPastBody & { engineerId?: string },
) {
  const row = await getProjectForAction(context, actor, projectId);
  ensureMaySchedule(row.project);
  const start = new Date(body.start);
  const end =
    body.end === undefined ? new Date(start.getTime() + (body.durationMinutes ?? 0) * minuteMs) : new Date(body.end);
  if (start.getTime() > context.now().getTime()) {
    throw refuse('validation_failed', 'sessions.past_not_started', {
      details: [{ path: 'body.start', message: translate('en', 'errors', 'sessions.time_not_come') }],
    });
  }
  // A project may be entered in Engage after its kick-off took place; no session took place before the customer ordered.
  const orderDate = await getOrderDateOfProject(context, projectId);
  if (orderDate !== null && start.getTime() < Date.parse(`${orderDate}T00:00:00Z`) - earliestZoneOffsetMs) {
    throw refuse('validation_failed', 'sessions.before_order_date', {
      values: { date: orderDate },
      details: [{ path: 'body.start', message: translate('en', 'errors', 'sessions.before_order_date_short') }],
    });
  }
  await inTransaction(context, async (db) => {
    const project = await lockProject(db, projectId);
    if (project === null) throw refuse('not_found', 'common.no_such_project');
    const requestedStep = body.stepKey ?? project.currentStepKey;
    if (requestedStep === null)
      throw refuse('validation_failed', 'sessions.choose_step_of_session', {
        details: [{ path: 'body.stepKey', message: translate('en', 'errors', 'sessions.choose_step') }],
      });
    const stepKey = await stepKeyOf(db, project, requestedStep);
    const engineerId = await sessionEngineerId(db, project, body.engineerId);
    const attendees = await attendeesOf(db, project, body.attendeeContactIds, body.extraAttendees);
    if (attendees.length === 0)
      throw refuse('validation_failed', 'sessions.name_a_participant', {
        details: [{ path: 'body.attendeeContactIds', message: translate('en', 'errors', 'sessions.choose_attendee') }],
      });
    // The exclusion constraint judges the new held row like any booked one; the lock orders it behind other bookings.
    await lockEngineerTime(db, engineerId);
    const recorded = await insertSession(db, {
      ...sessionRow(context, {
        projectId,
        stepKey,
        engineerId,
        state: 'held',
        start,
        durationMinutes: (end.getTime() - start.getTime()) / minuteMs,
        mode: body.mode,
        location: body.location ?? '',
        title: titleOf(body, row),
        description: null,
        attendees,
        createdBy: actor.userId,
      }),
      confirmedAt: context.now(),
      heldAt: context.now(),
      heldNote: body.note ?? null,
    });
    await updateFirstSession(db, project, await loadWorkingCalendar(db, engineerId));
    await recordAuditEvent(db, actor, {
      action: 'session.recorded',
      projectId,
      subjectType: 'session',
      subjectId: recorded.id,
      after: { ...snapshot(recorded), stepKey, engineerId, note: body.note ?? null },
    });
    await logHeldSession(context, db, actor, project, recorded, body.note);
    await advanceProjectIn(context, db, projectId, actor, 'session.recorded');
  }).catch((error: unknown) => {
    if (isOverlapError(error)) throw engineerBookedOrHeld('body.start');
    throw error;
  });
  return getProjectSessions(context, actor, projectId);
}
