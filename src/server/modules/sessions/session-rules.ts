import { randomUUID } from 'node:crypto';
import { getStepStatus, isFinishedStatus } from '../../../domain/process/state';
import { translate } from '../../../domain/text/i18n';
import type { ServiceContext } from '../../context';
import { refuse } from '../../errors';
import type { ProjectRow, ProjectWithNames } from '../projects/projects.service';
import type { NewSessionRow } from './sessions.repository';

/*
 * The rules every session use case shares, with no I/O: the scheduling gate (E6 verified or a manager's override), a
 * session starts in the future, a new row's times and calendar UID, its default title, and the exclusion constraint's
 * error and the words it is answered with.
 */

/** The scheduling domain pulls in every country's holiday rules: loaded when scheduling is first used. */
export const scheduling = () => import('../../../domain/scheduling');

export const minuteMs = 60_000;

/** The PostgreSQL error of an exclusion constraint: an engineer's booked sessions would overlap. */
export function isOverlapError(error: unknown): boolean {
  for (
    let cause: unknown = error;
    cause !== undefined && cause !== null;
    cause = (cause as { cause?: unknown }).cause
  ) {
    if ((cause as { code?: string }).code === '23P01') return true;
  }
  return false;
}

/** The engineer's time is booked (the exclusion constraint), answered with the field it names. */
export function engineerBooked(path: string) {
  return refuse('conflict', 'sessions.engineer_booked', {
    details: [{ path, message: translate('en', 'errors', 'sessions.engineer_booked_then') }],
  });
}

/** The engineer's time is booked or held (the exclusion constraint) when a past session is recorded. */
export function engineerBookedOrHeld(path: string) {
  return refuse('conflict', 'sessions.engineer_booked_or_held', {
    details: [{ path, message: translate('en', 'errors', 'sessions.engineer_busy_then') }],
  });
}

export function isRequirementsVerified(project: ProjectRow): boolean {
  return isFinishedStatus(getStepStatus(project.processState, 'requirements-fulfilment'));
}

export function canSchedule(project: ProjectRow): boolean {
  return isRequirementsVerified(project) || project.schedulingOverrideAt !== null;
}

/** Throws conflict while the project's requirements are not verified and no manager allowed scheduling. */
export function ensureMaySchedule(project: ProjectRow): void {
  if (!canSchedule(project)) {
    throw refuse('conflict', 'sessions.requirements_not_verified');
  }
}

/** Throws validation_failed, naming the field, for a start that has passed. */
export function ensureFuture(context: ServiceContext, start: Date, path: string): void {
  if (start.getTime() <= context.now().getTime())
    throw refuse('validation_failed', 'sessions.start_in_future', {
      details: [{ path, message: translate('en', 'errors', 'sessions.time_passed') }],
    });
}

/** A new session row: a fresh UID for calendars, the times from a start and a duration. */
export function sessionRow(
  context: ServiceContext,
  fields: Pick<
    NewSessionRow,
    | 'projectId'
    | 'stepKey'
    | 'engineerId'
    | 'state'
    | 'mode'
    | 'location'
    | 'title'
    | 'description'
    | 'attendees'
    | 'createdBy'
  > & {
    proposalId?: string;
    start: Date;
    durationMinutes: number;
  },
): NewSessionRow {
  const { start, durationMinutes, ...rest } = fields;
  return {
    ...rest,
    startsAt: start,
    endsAt: new Date(start.getTime() + durationMinutes * minuteMs),
    icalUid: `${randomUUID()}@${context.mail.messageIdDomain}`,
    createdAt: context.now(),
    updatedAt: context.now(),
  };
}

/** The title asked for, or the project's reference and customer. */
export function titleOf(body: { title?: string | undefined }, project: ProjectWithNames): string {
  return body.title ?? `${project.project.reference} — ${project.customerName}`;
}
