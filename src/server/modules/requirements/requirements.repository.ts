import { and, asc, eq, isNull, sql } from 'drizzle-orm';
import type { Database } from '../../db/database';
import { users } from '../../db/schema';
import {
  designNotes,
  requirementReviews,
  requirements,
  type RequirementRow,
  type DesignNoteRow,
  type RequirementReviewRow,
} from './requirements.tables';

export type { RequirementRow, DesignNoteRow, RequirementReviewRow };

/** Every requirement of the project, removed ones included (the rules must not raise again what the engineer removed). */
export async function listAllRequirements(db: Database, projectId: string): Promise<RequirementRow[]> {
  return db
    .select()
    .from(requirements)
    .where(eq(requirements.projectId, projectId))
    .orderBy(asc(requirements.createdAt), asc(requirements.id));
}

export async function insertRequirements(
  db: Database,
  rows: (typeof requirements.$inferInsert)[],
): Promise<RequirementRow[]> {
  if (rows.length === 0) return [];
  return db.insert(requirements).values(rows).returning();
}

export async function findRequirement(
  db: Database,
  projectId: string,
  requirementId: string,
  options: { lock?: boolean } = {},
): Promise<RequirementRow | null> {
  const query = db
    .select()
    .from(requirements)
    .where(
      and(eq(requirements.id, requirementId), eq(requirements.projectId, projectId), isNull(requirements.removedAt)),
    )
    .limit(1);
  const [row] = options.lock === true ? await query.for('update') : await query;
  return row ?? null;
}

export async function updateRequirement(
  db: Database,
  requirementId: string,
  values: Partial<typeof requirements.$inferInsert>,
): Promise<RequirementRow> {
  const [row] = await db.update(requirements).set(values).where(eq(requirements.id, requirementId)).returning();
  if (row === undefined) throw new Error('update returned no row');
  return row;
}

export async function findReview(db: Database, projectId: string): Promise<RequirementReviewRow | null> {
  const [row] = await db.select().from(requirementReviews).where(eq(requirementReviews.projectId, projectId)).limit(1);
  return row ?? null;
}

export async function upsertReview(
  db: Database,
  projectId: string,
  values: Partial<typeof requirementReviews.$inferInsert>,
): Promise<void> {
  await db
    .insert(requirementReviews)
    .values({ projectId, ...values })
    .onConflictDoUpdate({ target: requirementReviews.projectId, set: values });
}

export async function listDesignNotes(db: Database, projectId: string) {
  return db
    .select({ note: designNotes, authorName: users.name })
    .from(designNotes)
    .leftJoin(users, eq(users.id, designNotes.createdBy))
    .where(and(eq(designNotes.projectId, projectId), isNull(designNotes.removedAt)))
    .orderBy(asc(designNotes.notedOn), asc(designNotes.createdAt));
}

export async function insertDesignNote(db: Database, note: typeof designNotes.$inferInsert): Promise<DesignNoteRow> {
  const [row] = await db.insert(designNotes).values(note).returning();
  if (row === undefined) throw new Error('insert returned no row');
  return row;
}

export async function removeDesignNote(
  db: Database,
  projectId: string,
  noteId: string,
  now: Date,
): Promise<DesignNoteRow | null> {
  const [row] = await db
    .update(designNotes)
    .set({ removedAt: now })
    .where(and(eq(designNotes.id, noteId), eq(designNotes.projectId, projectId), isNull(designNotes.removedAt)))
    .returning();
  return row ?? null;
}

/** Locks the project's review row (creating it), so that two changes to one requirement list queue up. */
export async function lockReview(db: Database, projectId: string): Promise<RequirementReviewRow> {
  await db.insert(requirementReviews).values({ projectId }).onConflictDoNothing();
  const [row] = await db
    .select()
    .from(requirementReviews)
    .where(eq(requirementReviews.projectId, projectId))
    .for('update')
    .limit(1);
  if (row === undefined) throw new Error('review row missing');
  return row;
}

export async function countActiveRequirements(db: Database, projectId: string): Promise<number> {
  const [row] = await db
    .select({ count: sql<number>`count(*)::int` })
    .from(requirements)
    .where(and(eq(requirements.projectId, projectId), isNull(requirements.removedAt)));
  return row?.count ?? 0;
}

/** The rows of a raw query (db.execute answers the driver's result, typed loosely). */
function rowsOf<T>(result: unknown): T[] {
  return (result as { rows: T[] }).rows;
}

/** Projects at requirements fulfilment whose confirmed review was not reminded (nor confirmed) since the cutoff. */
export async function listProjectsWithRequirementsToRemind(db: Database, cutoff: Date): Promise<string[]> {
  const rows = rowsOf<{ id: string }>(
    await db.execute(sql`
    select v.project_id as id
      from requirement_reviews v join projects p on p.id = v.project_id
     where v.confirmed_at is not null and p.current_step_key = 'requirements-fulfilment'
       and coalesce(v.last_reminder_at, v.confirmed_at) < ${cutoff.toISOString()}::timestamptz`),
  );
  return rows.map((row) => row.id);
}

/**
 * Locks a project's confirmed review for the caller's transaction when it is due a reminder (skipped when another
 * transaction holds it); false when there is nothing to remind.
 */
export async function lockReviewToRemind(db: Database, projectId: string, cutoff: Date): Promise<boolean> {
  const review = rowsOf<{ project_id: string }>(
    await db.execute(sql`
      select v.project_id from requirement_reviews v join projects p on p.id = v.project_id
       where v.project_id = ${projectId} and v.confirmed_at is not null and p.current_step_key = 'requirements-fulfilment'
         and coalesce(v.last_reminder_at, v.confirmed_at) < ${cutoff.toISOString()}::timestamptz
       for update of v skip locked`),
  );
  return review.length > 0;
}

/** A project's requirements still waiting on the customer or partner (open or sent back), oldest first. */
export async function listOpenContactRequirements(
  db: Database,
  projectId: string,
): Promise<{ title: { en: string; it: string }; category: string; status: 'open' | 'sent-back' }[]> {
  return rowsOf<{ title: { en: string; it: string }; category: string; status: 'open' | 'sent-back' }>(
    await db.execute(sql`
      select title, category, status from requirements
       where project_id = ${projectId} and removed_at is null and status in ('open', 'sent-back') and owner <> 'vendor'
       order by created_at`),
  );
}

/** Records that a project's requirements were reminded now. */
export async function markRequirementsReminded(db: Database, projectId: string, now: Date): Promise<void> {
  await db.execute(
    sql`update requirement_reviews set last_reminder_at = ${now.toISOString()}::timestamptz where project_id = ${projectId}`,
  );
}

/** The project's requirements not removed, oldest first, as the installation dossier lists them. */
export async function listActiveRequirementsForDossier(db: Database, projectId: string) {
  return db
    .select({
      title: requirements.title,
      category: requirements.category,
      status: requirements.status,
      waiveReason: requirements.waiveReason,
      fulfilmentNote: requirements.fulfilmentNote,
    })
    .from(requirements)
    .where(and(eq(requirements.projectId, projectId), isNull(requirements.removedAt)))
    .orderBy(requirements.createdAt);
}
