import { and, asc, eq, inArray } from 'drizzle-orm';
import type { Database } from '../../db/database';
import { timeOff, type TimeOffRow } from './calendars.tables';

/** The calendars module's SQL: staff members' time off (the working and business calendars are columns of users and organisations, read through their modules). */

export type { TimeOffRow };

/** The time off of these staff members, as the scheduling domain reads it. */
export async function listTimeOffOfUsers(db: Database, userIds: readonly string[]) {
  return db
    .select({
      userId: timeOff.userId,
      kind: timeOff.kind,
      startsAt: timeOff.startsAt,
      endsAt: timeOff.endsAt,
      firstDay: timeOff.firstDay,
      lastDay: timeOff.lastDay,
    })
    .from(timeOff)
    .where(inArray(timeOff.userId, [...userIds]));
}

/** A staff member's time off, oldest entry first. */
export async function listTimeOff(db: Database, userId: string): Promise<TimeOffRow[]> {
  return db.select().from(timeOff).where(eq(timeOff.userId, userId)).orderBy(asc(timeOff.createdAt));
}

/** Stores time off and answers its id (undefined if nothing was written). */
export async function insertTimeOff(
  db: Database,
  values: Omit<typeof timeOff.$inferInsert, 'id'>,
): Promise<string | undefined> {
  const [row] = await db.insert(timeOff).values(values).returning({ id: timeOff.id });
  return row?.id;
}

/** Deletes a staff member's time off; null when they have none by that id. */
export async function deleteTimeOff(db: Database, userId: string, timeOffId: string): Promise<TimeOffRow | null> {
  const [removed] = await db
    .delete(timeOff)
    .where(and(eq(timeOff.id, timeOffId), eq(timeOff.userId, userId)))
    .returning();
  return removed ?? null;
}
