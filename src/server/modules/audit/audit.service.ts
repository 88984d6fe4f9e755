import { auditLabelKey, describeAuditEvent } from '../../../domain/audit/audit-actions';
import { noAuditNames, splitContactName, type AuditNames } from '../../../domain/audit/audit-names';
import type { AuditSentence } from '../../../domain/audit/sentence';
import type { Database } from '../../db/database';
import type { Actor } from './actor';
import {
  findLatestProjectAuditEvent,
  insertAuditEvent,
  listProjectAuditEvents,
  listProjectEventsAbout,
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
  /** The short name of its kind: a key of the audit resources (`labels.…`). */
  label: string;
  /** The event in words, for the reader's app to write in the reader's language (src/domain/audit/sentence.ts). */
  sentence: AuditSentence;
}

/** The ids a page of the trail names, for the caller to look their names up. */
export interface WantedNames {
  userIds: string[];
  contactIds: string[];
  /** The addresses of the contacts who acted (a contact is audited as `Name <email>`). */
  contactEmails: string[];
}

/** Looks up the names a page of a project's trail needs (the projects module knows the process, the content, the people). */
export type AuditNameLookup = (wanted: WantedNames) => Promise<Omit<AuditNames, 'subjects'>>;

/** The subjects whose earlier events say what a later one names by id only. */
const subjectsWithFacts = new Set(['mail', 'portal-link', 'session', 'requirement']);

function recordOf(value: unknown): Readonly<Record<string, unknown>> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

function unique(values: readonly (string | null | undefined)[]): string[] {
  return [...new Set(values.filter((value): value is string => typeof value === 'string' && value !== ''))];
}

/** What the trail already recorded of the subjects of these events, by subject id, the later fact winning. */
async function subjectFacts(db: Database, projectId: string, rows: readonly AuditEventRow[]) {
  const subjectIds = unique(
    rows.filter((row) => subjectsWithFacts.has(row.subjectType ?? '')).map((row) => row.subjectId),
  );
  // A requirement generated from the answers is named only in the event that generated it.
  const actions = rows.some((row) => row.subjectType === 'requirement') ? ['requirements.generated'] : [];
  const facts = new Map<string, Record<string, unknown>>();
  const add = (id: unknown, fact: Readonly<Record<string, unknown>>) => {
    if (typeof id === 'string') facts.set(id, { ...facts.get(id), ...fact });
  };
  for (const event of await listProjectEventsAbout(db, projectId, { subjectIds, actions })) {
    const after = recordOf(event.after);
    if (event.action === 'requirements.generated') {
      const listed: unknown[] = [after['added'], after['removed']].flatMap((list) =>
        Array.isArray(list) ? (list as unknown[]) : [],
      );
      for (const item of listed) add(recordOf(item)['id'], { title: recordOf(item)['title'] });
    }
    if (event.subjectId !== null && subjectIds.includes(event.subjectId)) add(event.subjectId, after);
  }
  return facts;
}

function wantedNames(rows: readonly AuditEventRow[], subjects: ReadonlyMap<string, Record<string, unknown>>) {
  const afters = rows.map((row) => recordOf(row.after));
  return {
    userIds: unique([
      ...afters.map((after) => after['engineerId'] as string | undefined),
      ...rows.filter((row) => row.subjectType === 'user').map((row) => row.subjectId),
    ]),
    contactIds: unique([
      ...afters.map((after) => after['contactId'] as string | undefined),
      ...rows.map((row) => subjects.get(row.subjectId ?? '')?.['contactId'] as string | undefined),
    ]),
    contactEmails: unique(
      rows.filter((row) => row.actorRole === 'contact').map((row) => splitContactName(row.actorName ?? '').email),
    ),
  };
}

function presentAuditEvent(row: AuditEventRow, names: AuditNames): AuditEventView {
  return {
    id: row.id,
    at: row.at.toISOString(),
    actorName: row.actorName,
    actorRole: row.actorRole,
    action: row.action,
    ip: row.ip,
    before: row.before,
    after: row.after,
    label: auditLabelKey(row.action),
    sentence: describeAuditEvent(row, names),
  };
}

/**
 * Lists a project's audit trail, newest first, each event with its sentence; the caller has already checked access to
 * the project, and looks up the names the events name (without it, the events are said with what they carry).
 */
export async function listProjectAudit(
  db: Database,
  projectId: string,
  options: { beforeId?: number; limit: number },
  lookUpNames: AuditNameLookup = async () => noAuditNames,
): Promise<{ items: AuditEventView[]; nextCursor: number | null }> {
  const rows = await listProjectAuditEvents(db, projectId, { ...options, limit: options.limit + 1 });
  const page = rows.slice(0, options.limit);
  const subjects = await subjectFacts(db, projectId, page);
  const names: AuditNames = { ...(await lookUpNames(wantedNames(page, subjects))), subjects };
  return {
    items: page.map((row) => presentAuditEvent(row, names)),
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
