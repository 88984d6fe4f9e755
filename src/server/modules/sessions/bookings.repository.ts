import { and, eq, gt, inArray, isNull, lte, sql } from 'drizzle-orm';
import type { Database } from '../../db/database';
import { projectSessions } from './sessions.tables';
import type { NewSessionRow, SessionRow } from './sessions.repository';

/*
 * The writes of project_sessions: new rows (proposed dates, bookings, sessions recorded after the fact), and each change
 * of state (confirmed, moved, cancelled, held, a date withdrawn), and the reminders' claims. The callers hold the
 * project's lock, and the engineer's time lock before a write that makes or changes a booked row (sessions.repository.ts).
 */

/** Inserts new sessions and returns them. */
export async function insertSessions(db: Database, rows: NewSessionRow[]): Promise<SessionRow[]> {
  return db.insert(projectSessions).values(rows).returning();
}

/** Inserts one new session and returns it. */
export async function insertSession(db: Database, row: NewSessionRow): Promise<SessionRow> {
  const [inserted] = await db.insert(projectSessions).values(row).returning();
  if (inserted === undefined) throw new Error('the session was not written');
  return inserted;
}

/** Books a session (confirmed or rescheduled) with its reminder still to send; returns the new version. */
export async function markSessionBooked(
  db: Database,
  sessionId: string,
  booking: { state: 'confirmed' | 'rescheduled'; confirmedAt: Date; reminderDueAt: Date | null; now: Date },
): Promise<SessionRow> {
  const [updated] = await db
    .update(projectSessions)
    .set({
      state: booking.state,
      confirmedAt: booking.confirmedAt,
      reminderDueAt: booking.reminderDueAt,
      reminderSentAt: null,
      updatedAt: booking.now,
    })
    .where(eq(projectSessions.id, sessionId))
    .returning();
  if (updated === undefined) throw new Error('the session was not updated');
  return updated;
}

/** Moves a session to new times (and mode or place), one sequence higher; returns the new version. */
export async function moveSession(
  db: Database,
  sessionId: string,
  move: Pick<SessionRow, 'startsAt' | 'endsAt' | 'sequence'> &
    Partial<Pick<SessionRow, 'mode' | 'location'>> & { now: Date },
): Promise<SessionRow> {
  const [moved] = await db
    .update(projectSessions)
    .set({
      startsAt: move.startsAt,
      endsAt: move.endsAt,
      ...(move.mode === undefined ? {} : { mode: move.mode }),
      ...(move.location === undefined ? {} : { location: move.location }),
      sequence: move.sequence,
      updatedAt: move.now,
    })
    .where(eq(projectSessions.id, sessionId))
    .returning();
  if (moved === undefined) throw new Error('the session was not updated');
  return moved;
}

/** Cancels a booked session, one sequence higher, with no reminder; returns the new version. */
export async function markBookedSessionCancelled(
  db: Database,
  sessionId: string,
  cancellation: { reason: string; sequence: number; now: Date },
): Promise<SessionRow> {
  const [cancelled] = await db
    .update(projectSessions)
    .set({
      state: 'cancelled',
      cancelledAt: cancellation.now,
      cancellationReason: cancellation.reason,
      sequence: cancellation.sequence,
      reminderDueAt: null,
      updatedAt: cancellation.now,
    })
    .where(eq(projectSessions.id, sessionId))
    .returning();
  if (cancelled === undefined) throw new Error('the session was not updated');
  return cancelled;
}

/** Marks a session held, with the engineer's note, and drops its reminder. */
export async function markSessionHeldRow(db: Database, sessionId: string, note: string | null, now: Date) {
  await db
    .update(projectSessions)
    .set({ state: 'held', heldAt: now, heldNote: note, reminderDueAt: null, updatedAt: now })
    .where(eq(projectSessions.id, sessionId));
}

/** Withdraws the dates still offered by these proposals, with the reason; returns them. */
export async function cancelOfferedSlots(
  db: Database,
  proposalIds: readonly string[],
  reason: string,
  now: Date,
): Promise<SessionRow[]> {
  return db
    .update(projectSessions)
    .set({ state: 'cancelled', cancelledAt: now, cancellationReason: reason, updatedAt: now })
    .where(and(inArray(projectSessions.proposalId, [...proposalIds]), eq(projectSessions.state, 'proposed')))
    .returning();
}

/** Withdraws one offered date, with the reason. */
export async function cancelOfferedSlot(db: Database, sessionId: string, reason: string, now: Date): Promise<void> {
  await db
    .update(projectSessions)
    .set({ state: 'cancelled', cancelledAt: now, cancellationReason: reason, updatedAt: now })
    .where(eq(projectSessions.id, sessionId));
}

/** Booked sessions still to come whose reminder is due and not sent (at most 200 a sweep). */
export async function listDueReminders(db: Database, now: Date): Promise<{ id: string; projectId: string }[]> {
  return db
    .select({ id: projectSessions.id, projectId: projectSessions.projectId })
    .from(projectSessions)
    .where(
      and(
        lte(projectSessions.reminderDueAt, now),
        isNull(projectSessions.reminderSentAt),
        inArray(projectSessions.state, ['confirmed', 'rescheduled']),
        gt(projectSessions.startsAt, now),
      ),
    )
    .limit(200);
}

/**
 * Locks the session until the end of the transaction when its reminder is still due and not sent, skipping a row
 * another process holds: true when this transaction may send it.
 */
export async function claimDueReminder(db: Database, sessionId: string, now: Date): Promise<boolean> {
  const rows = (await db.execute<{
    id: string;
  }>(sql`select id from project_sessions where id = ${sessionId} and reminder_sent_at is null
          and state in ('confirmed', 'rescheduled') and reminder_due_at <= ${now.toISOString()}::timestamptz for update skip locked`)) as {
    rows: { id: string }[];
  };
  return rows.rows.length > 0;
}

/** The session's reminder was sent. */
export async function markReminderSent(db: Database, sessionId: string, now: Date): Promise<void> {
  await db.update(projectSessions).set({ reminderSentAt: now }).where(eq(projectSessions.id, sessionId));
}
