import { and, asc, desc, eq, inArray, lt, or } from 'drizzle-orm';
import type { Database } from '../../db/database';
import { auditEvents, type AuditEventRow, type NewAuditEvent } from './audit.tables';

export type { AuditEventRow, NewAuditEvent };

export async function insertAuditEvent(db: Database, event: NewAuditEvent): Promise<void> {
  await db.insert(auditEvents).values(event);
}

export async function listProjectAuditEvents(
  db: Database,
  projectId: string,
  options: { beforeId?: number; limit: number },
): Promise<AuditEventRow[]> {
  return db
    .select()
    .from(auditEvents)
    .where(
      and(
        eq(auditEvents.projectId, projectId),
        options.beforeId === undefined ? undefined : lt(auditEvents.id, options.beforeId),
      ),
    )
    .orderBy(desc(auditEvents.id))
    .limit(options.limit);
}

/** The newest event of one action on one subject of a project, if any. */
export async function findLatestProjectAuditEvent(
  db: Database,
  projectId: string,
  action: string,
  subjectId: string,
): Promise<AuditEventRow | null> {
  const [row] = await db
    .select()
    .from(auditEvents)
    .where(
      and(eq(auditEvents.projectId, projectId), eq(auditEvents.action, action), eq(auditEvents.subjectId, subjectId)),
    )
    .orderBy(desc(auditEvents.id))
    .limit(1);
  return row ?? null;
}

/**
 * The events of a project about these subjects, or of these kinds, oldest first: what the trail already says of a
 * mail, a personal link, a session or a requirement that a later event names by id only.
 */
export async function listProjectEventsAbout(
  db: Database,
  projectId: string,
  about: { subjectIds: readonly string[]; actions: readonly string[] },
): Promise<AuditEventRow[]> {
  const { subjectIds, actions } = about;
  if (subjectIds.length === 0 && actions.length === 0) return [];
  const bySubject = subjectIds.length === 0 ? undefined : inArray(auditEvents.subjectId, [...subjectIds]);
  const byAction = actions.length === 0 ? undefined : inArray(auditEvents.action, [...actions]);
  return db
    .select()
    .from(auditEvents)
    .where(
      and(
        eq(auditEvents.projectId, projectId),
        bySubject !== undefined && byAction !== undefined ? or(bySubject, byAction) : (bySubject ?? byAction),
      ),
    )
    .orderBy(asc(auditEvents.id));
}
