import { translate } from '../../../domain/text/i18n';
import type { ServiceContext } from '../../context';
import type { ProjectRow } from '../projects/projects.service';
import { durationOf } from './session-mail';
import type { BusyRow, SessionRow } from './sessions.repository';

/*
 * Sessions as the API answers them (staff and portal), the scheduling figures of a project, the slots found, and the
 * snapshot of a session its audit events keep.
 */

/** A session as staff read it. */
export function presentSession(row: SessionRow, engineerName: string, stepCodes: ReadonlyMap<string, string>) {
  return {
    id: row.id,
    projectId: row.projectId,
    stepKey: row.stepKey,
    stepCode: stepCodes.get(row.stepKey) ?? row.stepKey,
    engineer: { id: row.engineerId, name: engineerName },
    proposalId: row.proposalId,
    state: row.state,
    start: row.startsAt,
    end: row.endsAt,
    durationMinutes: durationOf(row),
    mode: row.mode,
    location: row.location,
    title: row.title,
    description: row.description,
    attendees: row.attendees,
    sequence: row.sequence,
    confirmedAt: row.confirmedAt,
    heldAt: row.heldAt,
    heldNote: row.heldNote,
    cancelledAt: row.cancelledAt,
    ...presentCancellationReason(row.cancellationReason),
    reminderDueAt: row.reminderDueAt,
  };
}

/** A session as a contact reads it in the portal: no internal fields, the attendees' names and addresses only. */
export function presentForPortal(session: SessionRow, engineerName: string) {
  return {
    id: session.id,
    state: session.state,
    start: session.startsAt,
    end: session.endsAt,
    durationMinutes: durationOf(session),
    title: session.title,
    mode: session.mode,
    location: session.location,
    engineerName,
    attendees: session.attendees.map((attendee) => ({ name: attendee.name, email: attendee.email })),
  };
}

/** Where the project stands against its scheduling target: ready, due, first session, and whether it is late. */
export function scheduleOf(context: ServiceContext, project: ProjectRow) {
  const reference = project.firstSessionAt ?? context.now();
  return {
    readyAt: project.readyToScheduleAt,
    dueAt: project.scheduleDueAt,
    firstSessionAt: project.firstSessionAt,
    businessDays: project.firstSessionBusinessDays,
    targetBusinessDays: context.scheduling.targetBusinessDays,
    isLate: project.scheduleDueAt !== null && reference.getTime() > project.scheduleDueAt.getTime(),
  };
}

/** Slots found, each with the proposed sessions of other projects it would claim. */
export function presentSlots(slots: readonly { start: Date; end: Date; claims: readonly { row: BusyRow | null }[] }[]) {
  return slots.map((slot) => ({
    start: slot.start,
    end: slot.end,
    claims: slot.claims.flatMap((claim) =>
      claim.row === null
        ? []
        : [{ sessionId: claim.row.id, projectId: claim.row.projectId, projectReference: claim.row.projectReference }],
    ),
  }));
}

/** What an audit event keeps of a session. */
export function snapshot(session: SessionRow) {
  return {
    state: session.state,
    start: session.startsAt.toISOString(),
    end: session.endsAt.toISOString(),
    mode: session.mode,
    location: session.location,
    sequence: session.sequence,
    attendees: session.attendees.map((attendee) => attendee.email),
  };
}

/**
 * Why Engage cancelled an offered date, stored as a key (`sessions.cancelled.<key>` of the errors resources); a reason
 * the engineer wrote, or one stored before the keys, is kept in its words.
 */
export const cancellationReasons = [
  'another_date_chosen',
  'booked_by_another_project',
  'other_dates_asked',
  'replaced_by_new_dates',
  'proposal_withdrawn',
] as const;

/** A cancellation's reason: the English words as the fallback, and the key for the web app to say in the reader's language. */
function presentCancellationReason(stored: string | null) {
  const known = cancellationReasons.find((reason) => reason === stored);
  if (known === undefined) return { cancellationReason: stored, cancellationReasonKey: null };
  const key = `sessions.cancelled.${known}` as const;
  return { cancellationReason: translate('en', 'errors', key), cancellationReasonKey: key };
}
