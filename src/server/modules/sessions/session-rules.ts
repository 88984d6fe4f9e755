import { randomUUID } from 'node:crypto';
import { getStepStatus, isFinishedStatus, type ProcessState } from '../../../domain/process/state';
import type { ServiceContext } from '../../context';
import { AppError } from '../../errors';
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

export const overlapMessage = 'The engineer already has a booked session at that time. Choose another time.';
export const pastOverlapMessage =
  'The engineer already has a session booked or held at that time. Check the date and time; if it is that session, mark it held instead.';

export function isRequirementsVerified(project: ProjectRow): boolean {
  return isFinishedStatus(getStepStatus(project.processState as ProcessState, 'requirements-fulfilment'));
}

export function canSchedule(project: ProjectRow): boolean {
  return isRequirementsVerified(project) || project.schedulingOverrideAt !== null;
}

/** Throws conflict while the project's requirements are not verified and no manager allowed scheduling. */
export function ensureMaySchedule(project: ProjectRow): void {
  if (!canSchedule(project)) {
    throw new AppError(
      'conflict',
      'The requirements of this project are not all verified yet (E6). A manager can allow scheduling before that, with a reason.',
    );
  }
}

/** Throws validation_failed, naming the field, for a start that has passed. */
export function ensureFuture(context: ServiceContext, start: Date, path: string): void {
  if (start.getTime() <= context.now().getTime())
    throw new AppError('validation_failed', 'A session must start in the future.', [
      { path, message: 'This time has passed.' },
    ]);
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
