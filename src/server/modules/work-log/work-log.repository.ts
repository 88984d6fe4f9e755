import { and, asc, eq, isNull } from 'drizzle-orm';
import type { Database } from '../../db/database';
import { workLogEntries } from '../../db/schema';

/** The work-log module's SQL: the entries of a project's work log. */

export type WorkLogEntryRow = typeof workLogEntries.$inferSelect;

/** A project's entries not taken out of the log, by work date, then by when they were written. */
export async function listActiveEntries(db: Database, projectId: string): Promise<WorkLogEntryRow[]> {
  return db
    .select()
    .from(workLogEntries)
    .where(and(eq(workLogEntries.projectId, projectId), isNull(workLogEntries.removedAt)))
    .orderBy(asc(workLogEntries.workDate), asc(workLogEntries.createdAt));
}

/** Writes an entry and answers its id (undefined if nothing was written). */
export async function insertEntry(
  db: Database,
  entry: Omit<typeof workLogEntries.$inferInsert, 'id'>,
): Promise<string | undefined> {
  const [inserted] = await db.insert(workLogEntries).values(entry).returning({ id: workLogEntries.id });
  return inserted?.id;
}

/** Marks a project's entry removed; null when the project has no such entry still in the log. */
export async function markEntryRemoved(
  db: Database,
  projectId: string,
  entryId: string,
  removal: { removedAt: Date; removedBy: string },
): Promise<WorkLogEntryRow | null> {
  const [removed] = await db
    .update(workLogEntries)
    .set(removal)
    .where(
      and(eq(workLogEntries.id, entryId), eq(workLogEntries.projectId, projectId), isNull(workLogEntries.removedAt)),
    )
    .returning();
  return removed ?? null;
}
