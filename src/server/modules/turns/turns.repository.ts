/** The queries of the turn notices (turn_notices). */

import { and, asc, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { Database } from '../../db/database';
import { turnNotices, type TurnNoticeDetails, type TurnParty } from './turns.tables';

export type TurnNoticeRow = typeof turnNotices.$inferSelect;

export async function insertTurnNotices(
  db: Database,
  rows: readonly { projectId: string; party: TurnParty; details: TurnNoticeDetails; createdAt: Date }[],
): Promise<void> {
  if (rows.length === 0) return;
  await db.insert(turnNotices).values(rows.map((row) => ({ ...row, kind: row.details.kind })));
}

/**
 * The project sides with notices not yet told whose project has been quiet since `quietSince` (no newer notice), or
 * whose oldest notice is older than `waitedSince`.
 */
export async function listDueTurnSides(
  db: Database,
  quietSince: Date,
  waitedSince: Date,
): Promise<{ projectId: string; party: TurnParty }[]> {
  return db
    .select({ projectId: turnNotices.projectId, party: turnNotices.party })
    .from(turnNotices)
    .where(isNull(turnNotices.sentAt))
    .groupBy(turnNotices.projectId, turnNotices.party)
    .having(
      sql`max(${turnNotices.createdAt}) <= ${quietSince.toISOString()} or min(${turnNotices.createdAt}) <= ${waitedSince.toISOString()}`,
    )
    .orderBy(sql`min(${turnNotices.createdAt})`);
}

/** Locks a side's notices not yet told, oldest first; those another process holds are left to it. */
export async function lockUnsentTurnNotices(
  db: Database,
  projectId: string,
  party: TurnParty,
): Promise<TurnNoticeRow[]> {
  return db
    .select()
    .from(turnNotices)
    .where(and(eq(turnNotices.projectId, projectId), eq(turnNotices.party, party), isNull(turnNotices.sentAt)))
    .orderBy(asc(turnNotices.createdAt), asc(turnNotices.id))
    .for('update', { skipLocked: true });
}

export async function markTurnNoticesSent(db: Database, ids: readonly string[], now: Date): Promise<void> {
  if (ids.length === 0) return;
  await db
    .update(turnNotices)
    .set({ sentAt: now })
    .where(inArray(turnNotices.id, [...ids]));
}
