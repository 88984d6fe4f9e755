import { inTransaction, type ServiceContext } from '../../context';
import { translate } from '../../../domain/text/i18n';
import { refuse } from '../../errors';
import type { StaffActor } from '../audit/actor';
import { recordAuditEvent } from '../audit/audit.service';
import { loadCustomerCalendar } from '../calendars/calendars.service';
import { getContentLibrary } from '../content/content.service';
import { findContact } from '../organisations/organisations.service';
import { getProjectForAction, lockProject } from '../projects/projects.service';
import { cancelOfferedSlots, insertSessions } from './bookings.repository';
import { sendProposal } from './session-mail';
import { attendeesOf, engineerOf, sessionEngineerId } from './session-people';
import { engineerBooked, ensureFuture, ensureMaySchedule, minuteMs, sessionRow, titleOf } from './session-rules';
import { stepKeyOf } from './session-schedule';
import { getProjectSessions } from './session-views.service';
import type { ProposeBody } from './sessions.schemas';
import { insertProposal, lockProposal, markProposalWithdrawn, withdrawOpenProposals } from './proposals.repository';
import { listBusySessions } from './sessions.repository';

/*
 * The engineer's proposals: up to three dates offered to the project's contacts, who choose one in the portal
 * (proposal-answers.service.ts), and the withdrawal of an open proposal.
 */

/**
 * The engineer proposes up to three dates; each becomes a proposed session of one proposal, and the contacts among
 * the attendees get an email with a personal link to choose one in the portal. Earlier open proposals of the project
 * are withdrawn.
 */
export async function proposeSessions(
  context: ServiceContext,
  actor: StaffActor,
  projectId: string,
  body: ProposeBody & { engineerId?: string },
) {
  const row = await getProjectForAction(context, actor, projectId);
  ensureMaySchedule(row.project);
  const library = await getContentLibrary(context.db);
  const starts = body.slots.map((slot) => new Date(slot.start));
  starts.forEach((start, index) => ensureFuture(context, start, `body.slots.${index}.start`));
  if (new Set(starts.map((start) => start.getTime())).size !== starts.length) {
    throw refuse('validation_failed', 'sessions.dates_must_differ', {
      details: [{ path: 'body.slots', message: translate('en', 'errors', 'sessions.two_dates_same') }],
    });
  }
  await inTransaction(context, async (db) => {
    const project = await lockProject(db, projectId);
    if (project === null) throw refuse('not_found', 'common.no_such_project');
    const stepKey = await stepKeyOf(db, project, body.stepKey);
    const engineerId = await sessionEngineerId(db, project, body.engineerId);
    const attendees = await attendeesOf(db, project, body.attendeeContactIds, body.extraAttendees);
    if (!attendees.some((attendee) => attendee.contactId !== null)) {
      throw refuse('validation_failed', 'sessions.invite_a_contact', {
        details: [{ path: 'body.attendeeContactIds', message: translate('en', 'errors', 'sessions.choose_contact') }],
      });
    }
    for (const [index, start] of starts.entries()) {
      const end = new Date(start.getTime() + body.durationMinutes * minuteMs);
      const booked = (await listBusySessions(db, [engineerId], start, end)).filter((busy) => busy.state !== 'proposed');
      if (booked.length > 0) throw engineerBooked(`body.slots.${index}.start`);
    }
    const withdrawn = await withdrawOpenProposals(db, projectId, context.now());
    if (withdrawn.length > 0) {
      await cancelOfferedSlots(
        db,
        withdrawn.map((entry) => entry.id),
        'replaced_by_new_dates',
        context.now(),
      );
    }
    const proposal = await insertProposal(db, { projectId, createdBy: actor.userId, createdAt: context.now() });
    const slots = await insertSessions(
      db,
      starts.map((start) =>
        sessionRow(context, {
          projectId,
          stepKey,
          engineerId,
          proposalId: proposal.id,
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
      ),
    );
    const engineer = await engineerOf(db, engineerId);
    const customer = await loadCustomerCalendar(db, project.customerId);
    for (const attendee of attendees) {
      if (attendee.contactId === null) continue;
      const contact = await findContact(db, attendee.contactId);
      if (contact === null) continue;
      await sendProposal(context, db, actor, {
        library,
        slots,
        project: row,
        engineer,
        reader: { name: contact.name, email: contact.email, language: contact.language, timeZone: customer.timeZone },
        link: {
          kind: 'portal',
          slot: 'portal',
          contactId: contact.id,
          projectId,
          target: 'sessions',
          reason: 'issued',
        },
      });
    }
    await recordAuditEvent(db, actor, {
      action: 'session.proposed',
      projectId,
      subjectType: 'session-proposal',
      subjectId: proposal.id,
      after: {
        stepKey,
        engineerId,
        slots: slots.map((slot) => ({
          id: slot.id,
          start: slot.startsAt.toISOString(),
          end: slot.endsAt.toISOString(),
        })),
        attendees: attendees.map((attendee) => attendee.email),
        withdrawn: withdrawn.map((entry) => entry.id),
      },
    });
  });
  return getProjectSessions(context, actor, projectId);
}

/** Withdraws an open proposal: its dates are no longer offered. */
export async function withdrawProposal(
  context: ServiceContext,
  actor: StaffActor,
  projectId: string,
  proposalId: string,
) {
  await getProjectForAction(context, actor, projectId);
  await inTransaction(context, async (db) => {
    await lockProject(db, projectId);
    const proposal = await lockProposal(db, projectId, proposalId);
    if (proposal === null) throw refuse('not_found', 'sessions.no_such_proposal');
    if (proposal.state !== 'open') throw refuse('conflict', 'sessions.proposal_not_open');
    await markProposalWithdrawn(db, proposalId, context.now());
    await cancelOfferedSlots(db, [proposalId], 'proposal_withdrawn', context.now());
    await recordAuditEvent(db, actor, {
      action: 'session.proposal-withdrawn',
      projectId,
      subjectType: 'session-proposal',
      subjectId: proposalId,
    });
  });
  return getProjectSessions(context, actor, projectId);
}
