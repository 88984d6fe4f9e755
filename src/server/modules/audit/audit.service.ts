import type { Database } from '../../db/database';
import type { Actor } from './actor';
import {
  findLatestProjectAuditEvent,
  insertAuditEvent,
  listProjectAuditEvents,
  type AuditEventRow,
} from './audit.repository';

export interface AuditEventInput {
  action: string;
  projectId?: string | null;
  subjectType?: string;
  subjectId?: string;
  before?: unknown;
  after?: unknown;
}

/** Appends one event to the audit trail; call it inside the transaction of the change it records. */
export async function recordAuditEvent(db: Database, actor: Actor, event: AuditEventInput): Promise<void> {
  await insertAuditEvent(db, {
    actorUserId: actor.userId,
    actorRole: actor.role,
    actorName: actor.name,
    ip: actor.ip,
    action: event.action,
    projectId: event.projectId ?? null,
    subjectType: event.subjectType ?? null,
    subjectId: event.subjectId ?? null,
    before: event.before ?? null,
    after: event.after ?? null,
  });
}

export interface AuditEventView {
  id: number;
  at: string;
  actorName: string | null;
  actorRole: string | null;
  action: string;
  ip: string | null;
  before: unknown;
  after: unknown;
}

function presentAuditEvent(row: AuditEventRow): AuditEventView {
  return {
    id: row.id,
    at: row.at.toISOString(),
    actorName: row.actorName,
    actorRole: row.actorRole,
    action: row.action,
    ip: row.ip,
    before: row.before,
    after: row.after,
  };
}

/** Lists a project's audit trail, newest first; the caller has already checked access to the project. */
export async function listProjectAudit(
  db: Database,
  projectId: string,
  options: { beforeId?: number; limit: number },
): Promise<{ items: AuditEventView[]; nextCursor: number | null }> {
  const rows = await listProjectAuditEvents(db, projectId, { ...options, limit: options.limit + 1 });
  const page = rows.slice(0, options.limit);
  return {
    items: page.map(presentAuditEvent),
    nextCursor: rows.length > options.limit ? (page.at(-1)?.id ?? null) : null,
  };
}

/** Who last took an action on a subject of a project, and when (a step's waiver, say); null when nobody did. */
export async function findLatestProjectEvent(
  db: Database,
  projectId: string,
  action: string,
  subjectId: string,
): Promise<{ at: Date; actorName: string | null } | null> {
  const row = await findLatestProjectAuditEvent(db, projectId, action, subjectId);
  return row === null ? null : { at: row.at, actorName: row.actorName };
}
