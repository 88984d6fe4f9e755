import { and, asc, eq, gt, inArray, lt, sql } from 'drizzle-orm';
import type { Database } from '../../db/database';
import { organisations, projects, users } from '../../db/schema';
import { bookedSessionStates, projectSessions, type SessionRow, type NewSessionRow } from './sessions.tables';

/*
 * The reads of project_sessions: a project's sessions, the locks taken before a session changes (the session's row and
 * the engineer's time), the engineers' busy time for the slot finder and the calendars, and the first booked session.
 * The writes live in bookings.repository.ts, the proposals in proposals.repository.ts. Reads join the engineer's name
 * (users) and the project's reference, priority and customer (projects, organisations) in the same query, read-only:
 * the slot finder reads thousands of rows per search (bench/suggestions.ts), and asking other modules for these columns
 * would add queries to the hottest reads. Every write to another module's table goes through that module's service.
 */

export type { SessionRow, NewSessionRow };

/** A session with the name of its engineer. */
export interface SessionWithEngineer {
  session: SessionRow;
  engineerName: string;
}

/** The project's sessions, every state, earliest first, with their engineers' names. */
export async function listProjectSessions(db: Database, projectId: string): Promise<SessionWithEngineer[]> {
  return db
    .select({ session: projectSessions, engineerName: users.name })
    .from(projectSessions)
    .innerJoin(users, eq(users.id, projectSessions.engineerId))
    .where(eq(projectSessions.projectId, projectId))
    .orderBy(asc(projectSessions.startsAt), asc(projectSessions.createdAt));
}

/** A session of the project, locked until the end of the transaction. */
export async function lockSession(db: Database, projectId: string, sessionId: string): Promise<SessionRow | null> {
  const [row] = await db
    .select()
    .from(projectSessions)
    .where(and(eq(projectSessions.id, sessionId), eq(projectSessions.projectId, projectId)))
    .for('update')
    .limit(1);
  return row ?? null;
}

/**
 * Serialises the bookings of one engineer's time until the end of the transaction. Without it, two transactions
 * confirming overlapping sessions at once can each find the other's uncommitted row under the exclusion constraint,
 * wait for each other, and one is killed as a deadlock instead of being told the time is taken. Taken before every
 * write that makes or changes a booked row (confirm, reschedule, held), after the project's lock, always.
 */
export async function lockEngineerTime(db: Database, engineerId: string): Promise<void> {
  await db.execute(sql`select pg_advisory_xact_lock(hashtext(${`engage.engineer-time:${engineerId}`}))`);
}

/** A session the engineer's time already holds, with the priority and reference of its project (for the slot finder). */
export interface BusyRow {
  id: string;
  projectId: string;
  projectReference: string;
  engineerId: string;
  state: SessionRow['state'];
  startsAt: Date;
  endsAt: Date;
  priority: (typeof projects.$inferSelect)['priority'];
}

function engineerList(engineerIds: readonly string[]) {
  return sql.join(
    engineerIds.map((id) => sql`${id}::uuid`),
    sql`, `,
  );
}

/** The engineers' proposed and booked sessions that end after `from` and start before `to`, with their projects. */
export async function listBusySessions(
  db: Database,
  engineerIds: readonly string[],
  from: Date,
  to: Date,
  states: readonly BusyRow['state'][] = ['proposed', ...bookedSessionStates],
): Promise<BusyRow[]> {
  if (engineerIds.length === 0) return [];
  const result = await db.execute<{
    id: string;
    projectId: string;
    projectReference: string;
    engineerId: string;
    state: BusyRow['state'];
    startsAt: number;
    endsAt: number;
    priority: BusyRow['priority'];
  }>(sql`
    select s.id, s.project_id as "projectId", p.reference as "projectReference", s.engineer_id as "engineerId", s.state,
           (extract(epoch from s.starts_at) * 1000)::float8 as "startsAt", (extract(epoch from s.ends_at) * 1000)::float8 as "endsAt", p.priority
      from project_sessions s join projects p on p.id = s.project_id
     where s.engineer_id in (${engineerList(engineerIds)})
       and s.state in (${sql.join(
         states.map((state) => sql`${state}`),
         sql`, `,
       )})
       and s.ends_at > ${from.toISOString()}::timestamptz and s.starts_at < ${to.toISOString()}::timestamptz`);
  return (
    result as {
      rows: (Omit<BusyRow, 'startsAt' | 'endsAt'> & { startsAt: number | string; endsAt: number | string })[];
    }
  ).rows.map((row) => ({
    ...row,
    startsAt: new Date(Number(row.startsAt)),
    endsAt: new Date(Number(row.endsAt)),
  }));
}

/**
 * The booked time of each engineer that ends after `from` and starts before `to`, as [start, end] epoch milliseconds,
 * one row per engineer: a team's four weeks are about a thousand sessions, and reading them as one JSON array per
 * engineer costs a fraction of reading them row by row (bench/suggestions.ts).
 */
export async function listBookedSpans(
  db: Database,
  engineerIds: readonly string[],
  from: Date,
  to: Date,
): Promise<Map<string, [number, number][]>> {
  if (engineerIds.length === 0) return new Map();
  const result = await db.execute<{ engineerId: string; spans: string | [number, number][] }>(sql`
    select engineer_id as "engineerId",
           json_agg(json_build_array((extract(epoch from starts_at) * 1000)::float8, (extract(epoch from ends_at) * 1000)::float8))::text as spans
      from project_sessions
     where engineer_id in (${engineerList(engineerIds)}) and state in ('confirmed', 'rescheduled', 'held')
       and ends_at > ${from.toISOString()}::timestamptz and starts_at < ${to.toISOString()}::timestamptz
     group by engineer_id`);
  const rows = (result as { rows: { engineerId: string; spans: string | [number, number][] }[] }).rows;
  return new Map(
    rows.map((row) => [
      row.engineerId,
      typeof row.spans === 'string' ? (JSON.parse(row.spans) as [number, number][]) : row.spans,
    ]),
  );
}

/** An engineer's sessions in a range, with their projects, for the calendar and the feed. */
export async function listEngineerSessions(
  db: Database,
  engineerId: string,
  from: Date,
  to: Date,
  states: readonly SessionRow['state'][],
) {
  return db
    .select({
      session: projectSessions,
      projectReference: projects.reference,
      projectName: projects.name,
      customerName: organisations.name,
    })
    .from(projectSessions)
    .innerJoin(projects, eq(projects.id, projectSessions.projectId))
    .innerJoin(organisations, eq(organisations.id, projects.customerId))
    .where(
      and(
        eq(projectSessions.engineerId, engineerId),
        inArray(projectSessions.state, [...states]),
        gt(projectSessions.endsAt, from),
        lt(projectSessions.startsAt, to),
      ),
    )
    .orderBy(asc(projectSessions.startsAt));
}

/** The first booked session of a project (its start), or null. */
export async function firstBookedStart(db: Database, projectId: string): Promise<Date | null> {
  const [row] = await db
    .select({ startsAt: sql<Date>`min(${projectSessions.startsAt})`.mapWith(projectSessions.startsAt) })
    .from(projectSessions)
    .where(and(eq(projectSessions.projectId, projectId), inArray(projectSessions.state, [...bookedSessionStates])));
  return row?.startsAt ?? null;
}

/** A booked (confirmed, rescheduled or held) session of the project, or null. */
export async function findBookedSession(
  db: Database,
  projectId: string,
  sessionId: string,
): Promise<SessionRow | null> {
  const [row] = await db
    .select()
    .from(projectSessions)
    .where(
      and(
        eq(projectSessions.id, sessionId),
        eq(projectSessions.projectId, projectId),
        inArray(projectSessions.state, [...bookedSessionStates]),
      ),
    )
    .limit(1);
  return row ?? null;
}

/** A session by id, or null. */
export async function findSession(db: Database, sessionId: string): Promise<SessionRow | null> {
  const [row] = await db.select().from(projectSessions).where(eq(projectSessions.id, sessionId)).limit(1);
  return row ?? null;
}

/** The dates of a proposal still offered (state proposed). */
export async function listOfferedSlots(db: Database, proposalId: string): Promise<SessionRow[]> {
  return db
    .select()
    .from(projectSessions)
    .where(and(eq(projectSessions.proposalId, proposalId), eq(projectSessions.state, 'proposed')));
}
