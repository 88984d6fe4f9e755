import { and, desc, eq, sql, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Database } from '../../db/database';
import { organisations, projectFacts, projects, users } from '../../db/schema';

export type ProjectRow = typeof projects.$inferSelect;
export type ProjectFactRow = typeof projectFacts.$inferSelect;

const partners = alias(organisations, 'partners');

const projectWithNames = {
  project: projects,
  customerName: organisations.name,
  partnerName: partners.name,
  engineerName: users.name,
  cursorAt: sql<string>`${projects.updatedAt}::text`,
};

export interface ProjectWithNames {
  project: ProjectRow;
  customerName: string;
  partnerName: string | null;
  engineerName: string | null;
  cursorAt: string;
}

function selectProjectsWithNames(db: Database) {
  return db
    .select(projectWithNames)
    .from(projects)
    .innerJoin(organisations, eq(organisations.id, projects.customerId))
    .leftJoin(partners, eq(partners.id, projects.partnerId))
    .leftJoin(users, eq(users.id, projects.engineerId));
}

export async function findProjectWithNames(db: Database, id: string): Promise<ProjectWithNames | null> {
  const [row] = await selectProjectsWithNames(db).where(eq(projects.id, id)).limit(1);
  return row ?? null;
}

/** Reads a project and locks its row until the end of the transaction, so two changes to one project queue up. */
export async function lockProject(db: Database, id: string): Promise<ProjectRow | null> {
  const [row] = await db.select().from(projects).where(eq(projects.id, id)).for('update').limit(1);
  return row ?? null;
}

const summaryColumns = {
  id: projects.id,
  reference: projects.reference,
  name: projects.name,
  customerId: projects.customerId,
  partnerId: projects.partnerId,
  engineerId: projects.engineerId,
  priority: projects.priority,
  currentStepKey: projects.currentStepKey,
  state: projects.state,
  waitingOn: projects.waitingOn,
  updatedAt: projects.updatedAt,
};

export type ProjectSummaryRow = Pick<ProjectRow, keyof typeof summaryColumns>;

export interface ProjectSummaryWithNames {
  project: ProjectSummaryRow;
  customerName: string;
  partnerName: string | null;
  engineerName: string | null;
  cursorAt: string;
}

export interface ProjectFilters {
  stepKey?: string;
  engineerId?: string;
  customerId?: string;
  priority?: ProjectRow['priority'];
  state?: ProjectRow['state'];
  after?: { at: string; id: string };
  limit: number;
}

/** Projects for the pipeline (only the columns a summary shows), most recently changed first, one keyset page at a time. */
export async function listProjectSummaries(db: Database, filters: ProjectFilters): Promise<ProjectSummaryWithNames[]> {
  const conditions: (SQL | undefined)[] = [
    filters.stepKey === undefined ? undefined : eq(projects.currentStepKey, filters.stepKey),
    filters.engineerId === undefined ? undefined : eq(projects.engineerId, filters.engineerId),
    filters.customerId === undefined ? undefined : eq(projects.customerId, filters.customerId),
    filters.priority === undefined ? undefined : eq(projects.priority, filters.priority),
    filters.state === undefined ? undefined : eq(projects.state, filters.state),
    filters.after === undefined
      ? undefined
      : sql`(${projects.updatedAt}, ${projects.id}) < (${filters.after.at}::timestamptz, ${filters.after.id}::uuid)`,
  ];
  return db
    .select({ ...projectWithNames, project: summaryColumns })
    .from(projects)
    .innerJoin(organisations, eq(organisations.id, projects.customerId))
    .leftJoin(partners, eq(partners.id, projects.partnerId))
    .leftJoin(users, eq(users.id, projects.engineerId))
    .where(and(...conditions))
    .orderBy(desc(projects.updatedAt), desc(projects.id))
    .limit(filters.limit);
}

export async function nextProjectReference(db: Database, year: number): Promise<string> {
  const result = await db.execute<{ value: string }>(sql`select nextval('project_reference_seq')::text as value`);
  const value = (result as { rows: { value: string }[] }).rows[0]?.value ?? '0';
  return `ENG-${year}-${value.padStart(5, '0')}`;
}

export async function insertProject(db: Database, values: typeof projects.$inferInsert): Promise<ProjectRow> {
  const [row] = await db.insert(projects).values(values).returning();
  if (row === undefined) throw new Error('insert into projects returned no row');
  return row;
}

export async function updateProject(
  db: Database,
  id: string,
  changes: Partial<Omit<typeof projects.$inferInsert, 'id'>>,
): Promise<void> {
  await db.update(projects).set(changes).where(eq(projects.id, id));
}

export async function listProjectFacts(db: Database, projectId: string): Promise<ProjectFactRow[]> {
  return db.select().from(projectFacts).where(eq(projectFacts.projectId, projectId));
}

/** Records a manually confirmed criterion; false when it was confirmed already. */
export async function insertProjectFact(db: Database, values: typeof projectFacts.$inferInsert): Promise<boolean> {
  const rows = await db.insert(projectFacts).values(values).onConflictDoNothing().returning({ key: projectFacts.criterionKey });
  return rows.length > 0;
}
