import { and, eq, inArray, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Database } from '../../db/database';
import type { ContactIdentity } from '../../identity';
import { queryNamed } from '../../db/named-query';
import { mailMessages, organisations, users } from '../../db/schema';
import { projectFacts, projects, type ProjectRow, type ProjectFactRow } from './projects.tables';

export type { ProjectRow, ProjectFactRow };

const partners = alias(organisations, 'partners');

const projectWithNames = {
  project: projects,
  customerName: organisations.name,
  partnerName: partners.name,
  engineerName: users.name,
};

export interface ProjectWithNames {
  project: ProjectRow;
  customerName: string;
  partnerName: string | null;
  engineerName: string | null;
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

/** One pipeline line: the columns a project summary shows, with the names it refers to. */
// A type alias rather than an interface, so that it is a Record for db.execute.
export type PipelineRow = {
  id: string;
  reference: string;
  name: string;
  customerId: string;
  customerName: string;
  partnerId: string | null;
  partnerName: string | null;
  engineerId: string | null;
  engineerName: string | null;
  priority: ProjectRow['priority'];
  currentStepKey: string | null;
  state: ProjectRow['state'];
  waitingOn: string[];
  /** Beyond the scheduling target: the first session is (or would now be) later than SCHEDULING_TARGET_BUSINESS_DAYS after ready to schedule. */
  scheduleLate: boolean;
  /** ISO 8601 in UTC with milliseconds, as the API shows it. */
  updatedAt: string;
  /** updated_at as PostgreSQL text, so a page cursor keeps its microseconds. */
  cursorAt: string;
};

export interface ProjectFilters {
  stepKey?: string;
  engineerId?: string;
  customerId?: string;
  priority?: ProjectRow['priority'];
  state?: ProjectRow['state'];
  after?: { at: string; id: string };
  limit: number;
}

/** The row bounds the pipeline's statements are prepared with: common page sizes (the web app asks for 25) and the API's maximum, each plus one. */
const rowBounds = [11, 26, 51, 101, 201] as const;

/**
 * Projects for the pipeline, most recently changed first, one keyset page at a time.
 * Written as one SQL statement rather than through the query builder: this is the busiest read of the product,
 * and building and mapping the query cost more CPU than running it (measured by bench/).
 */
export async function listPipelineRows(db: Database, filters: ProjectFilters): Promise<PipelineRow[]> {
  const present = [
    filters.stepKey === undefined ? undefined : sql`p.current_step_key = ${filters.stepKey}`,
    filters.engineerId === undefined ? undefined : sql`p.engineer_id = ${filters.engineerId}`,
    filters.customerId === undefined ? undefined : sql`p.customer_id = ${filters.customerId}`,
    filters.priority === undefined ? undefined : sql`p.priority = ${filters.priority}`,
    filters.state === undefined ? undefined : sql`p.state = ${filters.state}`,
    filters.after === undefined
      ? undefined
      : sql`(p.updated_at, p.id) < (${filters.after.at}::timestamptz, ${filters.after.id}::uuid)`,
  ];
  const conditions = present.filter((condition) => condition !== undefined);
  const where = conditions.length === 0 ? sql`` : sql`where ${sql.join(conditions, sql` and `)}`;
  // One prepared statement per combination of filters present and row bound: the SQL text depends on nothing else.
  // The bound is written in the text, not sent as a parameter: with `limit $n` PostgreSQL cannot cost a generic plan
  // (it assumes a tenth of the table), keeps planning each execution afresh, and planning cost more than running.
  // A few fixed bounds, the rows then cut to the page: each connection keeps every name it prepared, so one name per
  // page size a client could ask for would let it pile up thousands of statements.
  const limit = filters.limit;
  const bound = rowBounds.find((candidate) => candidate >= limit);
  if (!Number.isSafeInteger(limit) || limit < 1 || bound === undefined)
    throw new Error(`the pipeline's page size must be an integer from 1 to ${rowBounds.at(-1)}, not ${String(limit)}`);
  const name = `pipeline_${present.map((condition) => (condition === undefined ? '0' : '1')).join('')}_${bound}`;
  // Drizzle leaves timestamps to us as text, so the SQL formats them.
  return queryNamed<PipelineRow>(
    db,
    name,
    sql`
    select p.id, p.reference, p.name, p.customer_id as "customerId", c.name as "customerName",
           p.partner_id as "partnerId", pa.name as "partnerName", p.engineer_id as "engineerId", u.name as "engineerName",
           p.priority, p.current_step_key as "currentStepKey", p.state, p.waiting_on as "waitingOn",
           (p.schedule_due_at is not null and coalesce(p.first_session_at, now()) > p.schedule_due_at) as "scheduleLate",
           to_char(p.updated_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as "updatedAt",
           p.updated_at::text as "cursorAt"
      from projects p
      join organisations c on c.id = p.customer_id
      left join organisations pa on pa.id = p.partner_id
      left join users u on u.id = p.engineer_id
      ${where}
     order by p.updated_at desc, p.id desc
     limit ${sql.raw(String(bound))}`,
  ).then((rows) => rows.slice(0, limit));
}

/** How many running projects stand at each step (and how many of them are blocked), within the other filters. */
export async function countProjectsByStep(
  db: Database,
  filters: Pick<ProjectFilters, 'engineerId' | 'customerId' | 'priority'>,
): Promise<{ stepKey: string; projects: number; blocked: number }[]> {
  const present = [
    filters.engineerId === undefined ? undefined : sql`p.engineer_id = ${filters.engineerId}`,
    filters.customerId === undefined ? undefined : sql`p.customer_id = ${filters.customerId}`,
    filters.priority === undefined ? undefined : sql`p.priority = ${filters.priority}`,
  ];
  const conditions = [sql`p.current_step_key is not null`, ...present.filter((condition) => condition !== undefined)];
  const name = `pipeline_steps_${present.map((condition) => (condition === undefined ? '0' : '1')).join('')}`;
  return queryNamed<{ stepKey: string; projects: number; blocked: number }>(
    db,
    name,
    sql`
    select p.current_step_key as "stepKey", count(*)::int as projects, (count(*) filter (where p.state = 'blocked'))::int as blocked
      from projects p
     where ${sql.join(conditions, sql` and `)}
     group by p.current_step_key`,
  );
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

/**
 * The kinds of the project's messages the SMTP server has accepted (service-presentation, engineer-contact…), or that
 * were delivered to the trial mailbox, which counts the same while no SMTP server is configured.
 */
export async function listSentMailKinds(db: Database, projectId: string): Promise<Set<string>> {
  const rows = await db
    .selectDistinct({ kind: mailMessages.kind })
    .from(mailMessages)
    .where(and(eq(mailMessages.projectId, projectId), inArray(mailMessages.status, ['sent', 'trial'])));
  return new Set(rows.map((row) => row.kind));
}

export async function listProjectFacts(db: Database, projectId: string): Promise<ProjectFactRow[]> {
  return db.select().from(projectFacts).where(eq(projectFacts.projectId, projectId));
}

/** Records a manually confirmed criterion; false when it was confirmed already. */
export async function insertProjectFact(db: Database, values: typeof projectFacts.$inferInsert): Promise<boolean> {
  const rows = await db
    .insert(projectFacts)
    .values(values)
    .onConflictDoNothing()
    .returning({ key: projectFacts.criterionKey });
  return rows.length > 0;
}

/** What E4–E6's criteria are made of: submitted questionnaires, the design review, the state of the requirements. */
export interface PortalFacts {
  submittedApplications: string[];
  isDesignReviewed: boolean;
  hasConstraintsRecorded: boolean;
  isListConfirmed: boolean;
  unsettledRequirements: number;
}

export async function readPortalFacts(db: Database, projectId: string): Promise<PortalFacts> {
  const result = await db.execute<{
    submitted: string[] | null;
    reviewed: boolean | null;
    noConstraints: boolean | null;
    confirmed: boolean | null;
    notes: number;
    unsettled: number;
  }>(sql`select
      (select coalesce(jsonb_agg(application_key), '[]'::jsonb) from questionnaire_responses
        where project_id = ${projectId} and status = 'submitted') as submitted,
      r.design_reviewed_at is not null as reviewed,
      r.has_no_constraints as "noConstraints",
      r.confirmed_at is not null as confirmed,
      (select count(*)::int from design_notes where project_id = ${projectId} and removed_at is null) as notes,
      (select count(*)::int from requirements
        where project_id = ${projectId} and removed_at is null and status not in ('verified', 'waived')) as unsettled
    from (select 1) as one left join requirement_reviews r on r.project_id = ${projectId}`);
  const row = (
    result as {
      rows: {
        submitted: string[] | null;
        reviewed: boolean | null;
        noConstraints: boolean | null;
        confirmed: boolean | null;
        notes: number;
        unsettled: number;
      }[];
    }
  ).rows[0];
  return {
    submittedApplications: row?.submitted ?? [],
    isDesignReviewed: row?.reviewed === true,
    hasConstraintsRecorded: (row?.notes ?? 0) > 0 || row?.noConstraints === true,
    isListConfirmed: row?.confirmed === true,
    unsettledRequirements: row?.unsettled ?? 0,
  };
}

/** What the sessions of a project record: one booked (confirmed, rescheduled or held), one held, one recorded after the fact. */
export interface SessionFacts {
  hasBookedSession: boolean;
  hasHeldSession: boolean;
  hasSessionRecordedAfterTheFact: boolean;
}

export async function readSessionFacts(db: Database, projectId: string): Promise<SessionFacts> {
  // Recorded after the fact: written once it had started. Every other way to a session (proposing, booking, moving)
  // refuses a start that has passed, so no column is needed to tell them apart.
  const result = await db.execute<{ booked: boolean; held: boolean; afterTheFact: boolean }>(sql`select
      exists (select 1 from project_sessions where project_id = ${projectId} and state in ('confirmed', 'rescheduled', 'held')) as booked,
      exists (select 1 from project_sessions where project_id = ${projectId} and state = 'held') as held,
      exists (select 1 from project_sessions where project_id = ${projectId} and state = 'held' and starts_at <= created_at) as "afterTheFact"`);
  const row = (result as { rows: { booked: boolean; held: boolean; afterTheFact: boolean }[] }).rows[0];
  return {
    hasBookedSession: row?.booked === true,
    hasHeldSession: row?.held === true,
    hasSessionRecordedAfterTheFact: row?.afterTheFact === true,
  };
}

/** The projects a contact may see: their customer's own, or every project their partner organisation resells. */
function contactScope(contact: Pick<ContactIdentity, 'organisationId' | 'organisationKind'>) {
  return contact.organisationKind === 'customer'
    ? eq(projects.customerId, contact.organisationId)
    : eq(projects.partnerId, contact.organisationId);
}

export async function listContactProjectIds(db: Database, contact: ContactIdentity): Promise<string[]> {
  const rows = await db
    .select({ id: projects.id })
    .from(projects)
    .where(contactScope(contact))
    .orderBy(sql`${projects.updatedAt} desc`)
    .limit(200);
  return rows.map((row) => row.id);
}

export async function isProjectInScope(db: Database, contact: ContactIdentity, projectId: string): Promise<boolean> {
  const [row] = await db
    .select({ id: projects.id })
    .from(projects)
    .where(and(eq(projects.id, projectId), contactScope(contact)))
    .limit(1);
  return row !== undefined;
}

/** A project as a list of closed projects shows it: its reference, name, state and customer's name. */
export interface ProjectSummaryRow {
  id: string;
  reference: string;
  name: string;
  state: ProjectRow['state'];
  customerName: string;
}

export async function listProjectSummaries(db: Database, ids: readonly string[]): Promise<ProjectSummaryRow[]> {
  if (ids.length === 0) return [];
  return db
    .select({
      id: projects.id,
      reference: projects.reference,
      name: projects.name,
      state: projects.state,
      customerName: organisations.name,
    })
    .from(projects)
    .innerJoin(organisations, eq(organisations.id, projects.customerId))
    .where(inArray(projects.id, [...ids]));
}
