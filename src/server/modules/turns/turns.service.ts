/*
 * The turns module: when the ball passes to a customer or a partner, the change records a turn notice in its own
 * transaction (recordTurn); the turn-email sweep (reminders/turn-emails.service.ts) gathers a project side's notices
 * once the project has been quiet for a few minutes and tells that side's contacts in one email.
 */

import type { Database } from '../../db/database';
import {
  insertTurnNotices,
  listDueTurnSides,
  lockUnsentTurnNotices,
  markTurnNoticesSent,
  type TurnNoticeRow,
} from './turns.repository';
import type { TurnNoticeDetails, TurnParty } from './turns.tables';

export type { TurnNoticeRow };
export type { TurnNoticeDetails, TurnParty };

/**
 * A notice is told once the project's side has had no newer notice for `quietMs` (TURN_EMAIL_QUIET_MINUTES), or once
 * its oldest notice has waited five times as long, whichever comes first.
 */
const longestWaitFactor = 5;

/**
 * Records, in the caller's transaction, that the ball passed to a side of the project. A side the project does not
 * have (a partner's task on a project without a partner) is the customer's.
 */
export async function recordTurn(
  db: Database,
  project: { id: string; partnerId: string | null },
  party: TurnParty,
  details: TurnNoticeDetails,
  now: Date,
): Promise<void> {
  const side: TurnParty = party === 'partner' && project.partnerId === null ? 'customer' : party;
  await insertTurnNotices(db, [{ projectId: project.id, party: side, details, createdAt: now }]);
}

/** The project sides whose notices are due to be told now. */
export async function findDueTurnSides(
  db: Database,
  now: Date,
  quietMs: number,
): Promise<{ projectId: string; party: TurnParty }[]> {
  return listDueTurnSides(db, new Date(now.getTime() - quietMs), new Date(now.getTime() - quietMs * longestWaitFactor));
}

/**
 * Locks a side's notices in the caller's transaction when they are due: none when another process holds them, when
 * they were told meanwhile, or when a newer one arrived and the side is no longer quiet.
 */
export async function lockDueTurnNotices(
  db: Database,
  projectId: string,
  party: TurnParty,
  now: Date,
  quietMs: number,
): Promise<TurnNoticeRow[]> {
  const notices = await lockUnsentTurnNotices(db, projectId, party);
  const newest = notices.at(-1)?.createdAt.getTime();
  const oldest = notices[0]?.createdAt.getTime();
  if (newest === undefined || oldest === undefined) return [];
  const isDue = newest <= now.getTime() - quietMs || oldest <= now.getTime() - quietMs * longestWaitFactor;
  return isDue ? notices : [];
}

/** Marks notices told, in the transaction that queued their email. */
export async function recordTurnNoticesTold(db: Database, notices: readonly TurnNoticeRow[], now: Date): Promise<void> {
  await markTurnNoticesSent(
    db,
    notices.map((notice) => notice.id),
    now,
  );
}
