import { and, desc, eq } from 'drizzle-orm';
import type { Database } from '../../db/database';
import { contacts } from '../../db/schema';
import { sessionProposals, type ProposalRow } from './sessions.tables';

/*
 * The session_proposals rows: the dates an engineer offers a project's contacts, open until one is accepted, the
 * contacts ask for others, or the engineer withdraws them (or proposes again). The dates themselves are
 * project_sessions rows in state proposed (bookings.repository.ts). The list joins the deciding contact's name
 * (read-only, as sessions.repository.ts explains).
 */

export type { ProposalRow };

/** The project's proposals, newest first, with the name of the contact who decided each. */
export async function listProjectProposals(
  db: Database,
  projectId: string,
): Promise<(ProposalRow & { decidedByName: string | null })[]> {
  return db
    .select({ ...sessionProposalColumns, decidedByName: contacts.name })
    .from(sessionProposals)
    .leftJoin(contacts, eq(contacts.id, sessionProposals.decidedByContactId))
    .where(eq(sessionProposals.projectId, projectId))
    .orderBy(desc(sessionProposals.createdAt));
}

const sessionProposalColumns = {
  id: sessionProposals.id,
  projectId: sessionProposals.projectId,
  state: sessionProposals.state,
  note: sessionProposals.note,
  decidedByContactId: sessionProposals.decidedByContactId,
  decidedAt: sessionProposals.decidedAt,
  createdBy: sessionProposals.createdBy,
  createdAt: sessionProposals.createdAt,
};

/** A proposal of the project, locked until the end of the transaction. */
export async function lockProposal(db: Database, projectId: string, proposalId: string): Promise<ProposalRow | null> {
  const [row] = await db
    .select()
    .from(sessionProposals)
    .where(and(eq(sessionProposals.id, proposalId), eq(sessionProposals.projectId, projectId)))
    .for('update')
    .limit(1);
  return row ?? null;
}

/** A new open proposal of the project. */
export async function insertProposal(
  db: Database,
  values: { projectId: string; createdBy: string; createdAt: Date },
): Promise<ProposalRow> {
  const [proposal] = await db
    .insert(sessionProposals)
    .values({ projectId: values.projectId, state: 'open', createdBy: values.createdBy, createdAt: values.createdAt })
    .returning();
  if (proposal === undefined) throw new Error('the proposal was not written');
  return proposal;
}

/** Withdraws the project's open proposals (new dates replace them); returns their ids. */
export async function withdrawOpenProposals(db: Database, projectId: string, now: Date): Promise<{ id: string }[]> {
  return db
    .update(sessionProposals)
    .set({ state: 'withdrawn', decidedAt: now })
    .where(and(eq(sessionProposals.projectId, projectId), eq(sessionProposals.state, 'open')))
    .returning({ id: sessionProposals.id });
}

/** The engineer withdrew the proposal. */
export async function markProposalWithdrawn(db: Database, proposalId: string, now: Date): Promise<void> {
  await db
    .update(sessionProposals)
    .set({ state: 'withdrawn', decidedAt: now })
    .where(eq(sessionProposals.id, proposalId));
}

/** A contact accepted one of the proposal's dates. */
export async function markProposalAccepted(db: Database, proposalId: string, contactId: string, now: Date) {
  await db
    .update(sessionProposals)
    .set({ state: 'accepted', decidedByContactId: contactId, decidedAt: now })
    .where(eq(sessionProposals.id, proposalId));
}

/** A contact asked for other dates, with a note for the engineer. */
export async function markProposalDeclined(
  db: Database,
  proposalId: string,
  decision: { note: string; contactId: string; at: Date },
) {
  await db
    .update(sessionProposals)
    .set({ state: 'declined', note: decision.note, decidedByContactId: decision.contactId, decidedAt: decision.at })
    .where(eq(sessionProposals.id, proposalId));
}
