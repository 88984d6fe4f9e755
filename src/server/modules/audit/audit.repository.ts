import { and, desc, eq, lt } from 'drizzle-orm';
import type { Database } from '../../db/database';
import { auditEvents } from '../../db/schema';

export type AuditEventRow = typeof auditEvents.$inferSelect;
export type NewAuditEvent = typeof auditEvents.$inferInsert;

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
