import { and, asc, eq, sql } from 'drizzle-orm';
import type { Database } from '../../db/database';
import { mailMessages } from '../../db/schema';
import { questionnaireResponses, type StoredAnswer, type QuestionnaireResponseRow } from './questionnaires.tables';

export type { QuestionnaireResponseRow };

/** Adds the rows still missing for a project's applications; existing rows are left alone. */
export async function insertMissingResponses(
  db: Database,
  rows: (typeof questionnaireResponses.$inferInsert)[],
): Promise<void> {
  if (rows.length === 0) return;
  await db.insert(questionnaireResponses).values(rows).onConflictDoNothing();
}

export async function listResponses(db: Database, projectId: string): Promise<QuestionnaireResponseRow[]> {
  return db
    .select()
    .from(questionnaireResponses)
    .where(eq(questionnaireResponses.projectId, projectId))
    .orderBy(asc(questionnaireResponses.createdAt));
}

export async function findResponse(
  db: Database,
  projectId: string,
  applicationKey: string,
  options: { lock?: boolean } = {},
): Promise<QuestionnaireResponseRow | null> {
  const query = db
    .select()
    .from(questionnaireResponses)
    .where(
      and(eq(questionnaireResponses.projectId, projectId), eq(questionnaireResponses.applicationKey, applicationKey)),
    )
    .limit(1);
  const [row] = options.lock === true ? await query.for('update') : await query;
  return row ?? null;
}

/**
 * Writes the given fields only, in one statement, while the questionnaire is open: two people saving different fields
 * at once both keep their answers, and the last write of one field wins. Returns null when it is not open.
 */
export async function mergeAnswers(
  db: Database,
  projectId: string,
  applicationKey: string,
  patch: Record<string, StoredAnswer>,
  now: Date,
): Promise<QuestionnaireResponseRow | null> {
  const [row] = await db
    .update(questionnaireResponses)
    .set({ answers: sql`${questionnaireResponses.answers} || ${JSON.stringify(patch)}::jsonb`, updatedAt: now })
    .where(
      and(
        eq(questionnaireResponses.projectId, projectId),
        eq(questionnaireResponses.applicationKey, applicationKey),
        eq(questionnaireResponses.status, 'open'),
      ),
    )
    .returning();
  return row ?? null;
}

export async function updateResponse(
  db: Database,
  projectId: string,
  applicationKey: string,
  values: Partial<typeof questionnaireResponses.$inferInsert>,
): Promise<void> {
  await db
    .update(questionnaireResponses)
    .set(values)
    .where(
      and(eq(questionnaireResponses.projectId, projectId), eq(questionnaireResponses.applicationKey, applicationKey)),
    );
}

/** When the engineer's contact email (with the questionnaire links) was first written; null before. */
export async function findContactEmailDate(db: Database, projectId: string): Promise<Date | null> {
  const [row] = await db
    .select({ at: sql<Date | string | null>`min(${mailMessages.createdAt})` })
    .from(mailMessages)
    .where(and(eq(mailMessages.projectId, projectId), eq(mailMessages.kind, 'engineer-contact')));
  return row?.at == null ? null : new Date(row.at);
}

/** The rows of a raw query (db.execute answers the driver's result, typed loosely). */
function rowsOf<T>(result: unknown): T[] {
  return (result as { rows: T[] }).rows;
}

/** Projects at the design questionnaire with an open questionnaire overdue and not reminded since the cutoff. */
export async function listProjectsWithOverdueQuestionnaires(db: Database, now: Date, cutoff: Date): Promise<string[]> {
  const rows = rowsOf<{ id: string }>(
    await db.execute(sql`
    select distinct r.project_id as id
      from questionnaire_responses r join projects p on p.id = r.project_id
     where r.status = 'open' and r.due_at < ${now.toISOString()}::timestamptz and p.current_step_key = 'design-questionnaire'
       and (r.last_reminder_at is null or r.last_reminder_at < ${cutoff.toISOString()}::timestamptz)`),
  );
  return rows.map((row) => row.id);
}

/**
 * A project's overdue questionnaires not reminded since the cutoff, locked for the caller's transaction (skipping
 * those another transaction holds), while the project is at the design questionnaire.
 */
export async function lockOverdueQuestionnaires(
  db: Database,
  projectId: string,
  now: Date,
  cutoff: Date,
): Promise<{ applicationKey: string; dueAt: string | Date }[]> {
  return rowsOf<{ applicationKey: string; dueAt: string | Date }>(
    await db.execute(sql`
      select r.application_key as "applicationKey", r.due_at as "dueAt"
        from questionnaire_responses r join projects p on p.id = r.project_id
       where r.project_id = ${projectId} and r.status = 'open' and r.due_at < ${now.toISOString()}::timestamptz
         and (r.last_reminder_at is null or r.last_reminder_at < ${cutoff.toISOString()}::timestamptz)
         and p.current_step_key = 'design-questionnaire'
       order by r.application_key
       for update of r skip locked`),
  );
}

/** Records that these questionnaires of a project were reminded now. */
export async function markQuestionnairesReminded(
  db: Database,
  projectId: string,
  applicationKeys: readonly string[],
  now: Date,
): Promise<void> {
  await db.execute(sql`update questionnaire_responses set last_reminder_at = ${now.toISOString()}::timestamptz
      where project_id = ${projectId} and application_key in (${sql.join(
        applicationKeys.map((applicationKey) => sql`${applicationKey}`),
        sql`, `,
      )})`);
}
