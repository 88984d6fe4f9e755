import { translate } from '../../../domain/text/i18n';
import { inTransaction, type ServiceContext } from '../../context';
import { refusal } from '../../errors';
import type { Actor } from '../audit/actor';
import { recordAuditEvent } from '../audit/audit.service';
import { loadCustomerCalendar } from '../calendars/calendars.service';
import { getContentLibrary } from '../content/content.service';
import type { ContactIdentity } from '../../identity';
import { contactActor, ensureProjectInScope } from '../portal/portal-access.service';
import { findProjectWithNames, lockProject } from '../projects/projects.service';
import { cancelOfferedSlot, cancelOfferedSlots, insertSessions } from './bookings.repository';
import { confirmIn } from './bookings.service';
import { durationOf, sendSlotsRequested } from './session-mail';
import { engineerOf } from './session-people';
import { snapshot } from './session-presenter';
import { isOverlapError, sessionRow } from './session-rules';
import { getPortalSessions } from './session-views.service';
import { findSlots } from './suggestions.service';
import { lockProposal, markProposalAccepted, markProposalDeclined } from './proposals.repository';
import { listOfferedSlots, lockSession } from './sessions.repository';

/*
 * A contact's answers to a proposal in the portal: accepting one of the dates (and, when another project took that
 * time a moment before, the next free dates offered in its place), or asking the engineer for other dates.
 */

/**
 * A contact accepts one of the proposed dates. The confirmation is one UPDATE under the exclusion constraint: when
 * another acceptance took the engineer's time first, this one fails, the date is marked taken, the next free dates
 * are offered in its place, and the contact is told (409) to choose again.
 */
export async function acceptProposedSlot(
  context: ServiceContext,
  contact: ContactIdentity,
  ip: string | null,
  projectId: string,
  proposalId: string,
  sessionId: string,
) {
  await ensureProjectInScope(context, contact, projectId);
  const actor = contactActor(contact, ip);
  try {
    await inTransaction(context, async (db) => {
      const project = await lockProject(db, projectId);
      if (project === null) throw refusal(contact.language, 'not_found', 'common.no_such_project');
      const proposal = await lockProposal(db, projectId, proposalId);
      if (proposal === null) throw refusal(contact.language, 'not_found', 'sessions.no_such_proposal');
      if (proposal.state !== 'open')
        throw refusal(
          contact.language,
          'conflict',
          proposal.state === 'accepted' ? 'sessions.date_already_accepted' : 'sessions.dates_not_offered',
        );
      const slot = await lockSession(db, projectId, sessionId);
      if (slot === null || slot.proposalId !== proposalId || slot.state !== 'proposed')
        throw refusal(contact.language, 'not_found', 'sessions.date_not_among_offered');
      if (slot.startsAt.getTime() <= context.now().getTime())
        throw refusal(contact.language, 'conflict', 'sessions.date_passed');
      const confirmed = await confirmIn(context, db, actor, project, slot, 'confirmed');
      await markProposalAccepted(db, proposalId, contact.id, context.now());
      await cancelOfferedSlots(db, [proposalId], 'another_date_chosen', context.now());
      await recordAuditEvent(db, actor, {
        action: 'session.accepted',
        projectId,
        subjectType: 'session',
        subjectId: confirmed.id,
        after: { proposalId, ...snapshot(confirmed) },
      });
    });
  } catch (error) {
    if (!isOverlapError(error)) throw error;
    await offerNextSlots(context, actor, projectId, proposalId, sessionId);
    throw refusal(contact.language, 'conflict', 'sessions.date_just_taken', {
      details: [
        { path: 'body.sessionId', message: translate(contact.language, 'errors', 'sessions.date_no_longer_free') },
      ],
    });
  }
  return getPortalSessions(context, contact, projectId);
}

/** After a lost race: the taken date is withdrawn and the next free dates of the engineer take its place. */
async function offerNextSlots(
  context: ServiceContext,
  actor: Actor,
  projectId: string,
  proposalId: string,
  sessionId: string,
): Promise<void> {
  await inTransaction(context, async (db) => {
    const project = await lockProject(db, projectId);
    const proposal = await lockProposal(db, projectId, proposalId);
    const taken = await lockSession(db, projectId, sessionId);
    if (
      project === null ||
      proposal === null ||
      taken === null ||
      proposal.state !== 'open' ||
      taken.state !== 'proposed'
    )
      return;
    await cancelOfferedSlot(db, sessionId, 'booked_by_another_project', context.now());
    const open = await listOfferedSlots(db, proposalId);
    const customer = await loadCustomerCalendar(db, project.customerId);
    const wanted = Math.max(1, 3 - open.length);
    const [found] = await findSlots(context, db, project, [taken.engineerId], customer, {
      durationMinutes: durationOf(taken),
      count: wanted + open.length,
      onePerDay: true,
    });
    const fresh = (found?.slots ?? [])
      .filter(
        (slot) =>
          slot.claims.length === 0 && !open.some((existing) => existing.startsAt.getTime() === slot.start.getTime()),
      )
      .slice(0, wanted);
    if (fresh.length > 0) {
      await insertSessions(
        db,
        fresh.map((slot) =>
          sessionRow(context, {
            projectId,
            stepKey: taken.stepKey,
            engineerId: taken.engineerId,
            proposalId,
            state: 'proposed',
            start: slot.start,
            durationMinutes: durationOf(taken),
            mode: taken.mode,
            location: taken.location,
            title: taken.title,
            description: taken.description,
            attendees: taken.attendees,
            createdBy: null,
          }),
        ),
      );
    }
    await recordAuditEvent(db, actor, {
      action: 'session.slot-taken',
      projectId,
      subjectType: 'session',
      subjectId: sessionId,
      after: { proposalId, offered: fresh.map((slot) => slot.start.toISOString()) },
    });
  });
}

/** A contact asks for other dates, with a note the engineer reads; the proposal closes and the engineer is emailed. */
export async function askForOtherSlots(
  context: ServiceContext,
  contact: ContactIdentity,
  ip: string | null,
  projectId: string,
  proposalId: string,
  note: string,
) {
  await ensureProjectInScope(context, contact, projectId);
  const actor = contactActor(contact, ip);
  await inTransaction(context, async (db) => {
    const project = await lockProject(db, projectId);
    if (project === null) throw refusal(contact.language, 'not_found', 'common.no_such_project');
    const proposal = await lockProposal(db, projectId, proposalId);
    if (proposal === null) throw refusal(contact.language, 'not_found', 'sessions.no_such_proposal');
    if (proposal.state !== 'open') throw refusal(contact.language, 'conflict', 'sessions.dates_no_longer_open');
    await markProposalDeclined(db, proposalId, { note, contactId: contact.id, at: context.now() });
    const slots = await cancelOfferedSlots(db, [proposalId], 'other_dates_asked', context.now());
    const engineerId = slots[0]?.engineerId ?? project.engineerId;
    if (engineerId !== null) {
      const row = await findProjectWithNames(db, projectId);
      if (row !== null)
        await sendSlotsRequested(context, db, actor, {
          library: await getContentLibrary(db),
          project: row,
          engineer: await engineerOf(db, engineerId),
          contact: { name: contact.name, email: contact.email },
          note,
        });
    }
    await recordAuditEvent(db, actor, {
      action: 'session.other-dates-requested',
      projectId,
      subjectType: 'session-proposal',
      subjectId: proposalId,
      after: { note },
    });
  });
  return getPortalSessions(context, contact, projectId);
}
