import type { WorkingCalendar } from '../../../domain/scheduling';
import { translate } from '../../../domain/text/i18n';
import type { ServiceContext } from '../../context';
import type { Database } from '../../db/database';
import { refuse } from '../../errors';
import { getTemplate } from '../process/process.service';
import { recordFirstSession, type ProjectRow } from '../projects/projects.service';
import { scheduling } from './session-rules';
import { firstBookedStart } from './sessions.repository';

/*
 * Where a session sits in its project's process and calendar: the steps of the project's template a session may belong
 * to, the business day its reminder is due, and the project's first booked session, which the projects module keeps
 * for the scheduling target.
 */

/** The codes (E7, P3…) of the steps of the project's process, by step key. */
export async function stepCodesOf(db: Database, project: ProjectRow): Promise<Map<string, string>> {
  const template = await getTemplate(db, project.templateKey, project.templateVersion);
  return new Map(template.steps.map((step) => [step.key, step.code]));
}

/** The step key asked for; validation_failed when the project's process has no such step. */
export async function stepKeyOf(db: Database, project: ProjectRow, stepKey: string): Promise<string> {
  const codes = await stepCodesOf(db, project);
  if (!codes.has(stepKey))
    throw refuse('validation_failed', 'sessions.unknown_step_of_process', {
      values: { step: stepKey },
      details: [{ path: 'body.stepKey', message: translate('en', 'errors', 'sessions.unknown_step') }],
    });
  return stepKey;
}

/** The session's reminder: SESSION_REMINDER_BUSINESS_DAYS business days before on the engineer's calendar, or none when that has passed. */
export async function reminderDueAt(
  context: ServiceContext,
  calendar: WorkingCalendar,
  start: Date,
): Promise<Date | null> {
  const { businessDaysBefore } = await scheduling();
  const due = businessDaysBefore(calendar, start, context.scheduling.reminderBusinessDays);
  return due.getTime() <= context.now().getTime() ? null : due;
}

/** Keeps the project's first booked session and the business days from ready to schedule to it. */
export async function updateFirstSession(db: Database, project: ProjectRow, calendar: WorkingCalendar): Promise<void> {
  const first = await firstBookedStart(db, project.id);
  const { businessDaysBetween } = await scheduling();
  const days =
    first === null || project.readyToScheduleAt === null
      ? null
      : Math.max(0, businessDaysBetween(calendar, project.readyToScheduleAt, first));
  await recordFirstSession(db, project.id, first, days);
}
