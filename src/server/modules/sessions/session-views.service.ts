import { inTransaction, type ServiceContext } from '../../context';
import { bookedSessionStates } from '../../db/schema';
import { refusal, refuse } from '../../errors';
import type { StaffActor } from '../audit/actor';
import { recordAuditEvent } from '../audit/audit.service';
import { loadCustomerCalendar } from '../calendars/calendars.service';
import type { ContactIdentity } from '../../identity';
import { ensureProjectInScope } from '../portal/portal-access.service';
import {
  checkProjectReadable,
  findProjectWithNames,
  lockProject,
  recordSchedulingOverride,
} from '../projects/projects.service';
import { publishIcs } from './ics';
import { calendarEventOf, durationOf } from './session-mail';
import { engineerOf } from './session-people';
import { presentForPortal, presentSession, scheduleOf } from './session-presenter';
import { canSchedule, isRequirementsVerified } from './session-rules';
import { stepCodesOf } from './session-schedule';
import { listProjectProposals } from './proposals.repository';
import { findBookedSession, listProjectSessions } from './sessions.repository';

/*
 * What staff and contacts read of a project's sessions: the Sessions tab (with the scheduling gate, which a manager may
 * open early), the portal's sessions page, and a booked session as a calendar file.
 */

/** The sessions and proposals of a project, the scheduling gate, and where it stands against the target. */
export async function getProjectSessions(context: ServiceContext, actor: StaffActor, projectId: string) {
  await checkProjectReadable(context, actor, projectId);
  const row = await findProjectWithNames(context.db, projectId);
  if (row === null) throw refuse('not_found', 'common.no_such_project');
  const project = row.project;
  const [sessions, proposals, codes, customer] = await Promise.all([
    listProjectSessions(context.db, projectId),
    listProjectProposals(context.db, projectId),
    stepCodesOf(context.db, project),
    loadCustomerCalendar(context.db, project.customerId),
  ]);
  const engineer = project.engineerId === null ? null : await engineerOf(context.db, project.engineerId);
  const present = (entry: (typeof sessions)[number]) => presentSession(entry.session, entry.engineerName, codes);
  return {
    gate: {
      requirementsVerified: isRequirementsVerified(project),
      override:
        project.schedulingOverrideAt === null
          ? null
          : { at: project.schedulingOverrideAt, reason: project.schedulingOverrideReason ?? '' },
      canSchedule: canSchedule(project),
    },
    engineer: engineer === null ? null : { id: engineer.id, name: engineer.name, timeZone: engineer.timeZone },
    customerTimeZone: customer.timeZone,
    schedule: scheduleOf(context, project),
    proposals: proposals.map((proposal) => ({
      id: proposal.id,
      state: proposal.state,
      note: proposal.note,
      decidedBy: proposal.decidedByName,
      decidedAt: proposal.decidedAt,
      createdAt: proposal.createdAt,
      slots: sessions.filter((entry) => entry.session.proposalId === proposal.id).map(present),
    })),
    sessions: sessions
      .filter(
        (entry) =>
          entry.session.state !== 'proposed' &&
          !(entry.session.state === 'cancelled' && entry.session.confirmedAt === null),
      )
      .map(present),
  };
}

/** A manager lets the engineer schedule before the requirements are verified; the reason is audited. */
export async function overrideSchedulingGate(
  context: ServiceContext,
  actor: StaffActor,
  projectId: string,
  reason: string,
) {
  await inTransaction(context, async (db) => {
    const project = await lockProject(db, projectId);
    if (project === null) throw refuse('not_found', 'common.no_such_project');
    if (project.schedulingOverrideAt !== null) throw refuse('conflict', 'sessions.scheduling_already_allowed');
    await recordSchedulingOverride(db, projectId, reason, context.now());
    await recordAuditEvent(db, actor, {
      action: 'scheduling.override',
      projectId,
      subjectType: 'project',
      subjectId: projectId,
      after: { reason },
    });
  });
  return getProjectSessions(context, actor, projectId);
}

/** A contact's view of the project's sessions: the dates offered to choose from, the coming sessions, the past ones. */
export async function getPortalSessions(context: ServiceContext, contact: ContactIdentity, projectId: string) {
  await ensureProjectInScope(context, contact, projectId);
  const row = await findProjectWithNames(context.db, projectId);
  if (row === null) throw refusal(contact.language, 'not_found', 'common.no_such_project');
  const [sessions, proposals, customer] = await Promise.all([
    listProjectSessions(context.db, projectId),
    listProjectProposals(context.db, projectId),
    loadCustomerCalendar(context.db, row.project.customerId),
  ]);
  const now = context.now().getTime();
  const booked = sessions.filter((entry) => (bookedSessionStates as readonly string[]).includes(entry.session.state));
  return {
    customerTimeZone: customer.timeZone,
    proposals: proposals
      .filter((proposal) => proposal.state === 'open')
      .flatMap((proposal) => {
        const slots = sessions.filter(
          (entry) => entry.session.proposalId === proposal.id && entry.session.state === 'proposed',
        );
        const first = slots[0];
        if (first === undefined) return [];
        return [
          {
            id: proposal.id,
            createdAt: proposal.createdAt,
            title: first.session.title,
            durationMinutes: durationOf(first.session),
            mode: first.session.mode,
            location: first.session.location,
            engineerName: first.engineerName,
            slots: slots.map((entry) => presentForPortal(entry.session, entry.engineerName)),
          },
        ];
      }),
    upcoming: booked
      .filter((entry) => entry.session.endsAt.getTime() > now && entry.session.state !== 'held')
      .map((entry) => presentForPortal(entry.session, entry.engineerName)),
    past: booked
      .filter((entry) => entry.session.endsAt.getTime() <= now || entry.session.state === 'held')
      .map((entry) => presentForPortal(entry.session, entry.engineerName))
      .reverse(),
  };
}

/** A booked session as a calendar file to import (METHOD:PUBLISH), for staff or for a contact of the project. */
export async function sessionCalendarFile(
  context: ServiceContext,
  who: { staff: StaffActor } | { contact: ContactIdentity },
  projectId: string,
  sessionId: string,
) {
  if ('staff' in who) await checkProjectReadable(context, who.staff, projectId);
  else await ensureProjectInScope(context, who.contact, projectId);
  const session = await findBookedSession(context.db, projectId, sessionId);
  const row = await findProjectWithNames(context.db, projectId);
  if (session === null || row === null)
    throw refusal('staff' in who ? 'en' : who.contact.language, 'not_found', 'sessions.no_such_session');
  const engineer = await engineerOf(context.db, session.engineerId);
  return {
    filename: `${row.project.reference}-session.ics`,
    content: publishIcs(session.title, [calendarEventOf(context, session, row, engineer)]),
  };
}
