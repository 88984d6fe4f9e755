/**
 * What an audit event is read with: the event as stored, and the names its ids stand for (a step's code and title, a
 * questionnaire's name, a contact's name and organisation) that the server looks up for a page of the trail. Events
 * are never changed: a name that cannot be found is said without it, in the words the event itself carries.
 */
import type { LocalizedText } from '../process/template';

/** An audit event as stored (src/server/db/schema.ts, audit_events). */
export interface AuditEventFacts {
  readonly action: string;
  readonly actorName: string | null;
  readonly actorRole: string | null;
  readonly subjectType: string | null;
  readonly subjectId: string | null;
  readonly before: unknown;
  readonly after: unknown;
}

/** A contact of the project's customer or partner. */
export interface AuditContact {
  /** Absent when the contact was found by address only. */
  readonly id?: string;
  readonly name: string;
  readonly email: string;
  readonly kind: 'customer' | 'partner';
}

export interface AuditNames {
  /** The steps of the project's process, by key. */
  readonly steps: ReadonlyMap<string, { readonly code: string; readonly title: LocalizedText }>;
  /** The exit criteria of its steps, by key. */
  readonly criteria: ReadonlyMap<string, { readonly label: LocalizedText; readonly stepKey: string }>;
  /** The applications' names by key (their questionnaires, configurations, acceptance tests). */
  readonly applications: ReadonlyMap<string, LocalizedText>;
  /** The items of the delivery checklists and acceptance tests, by deliveryItemKey. */
  readonly deliveryItems: ReadonlyMap<string, LocalizedText>;
  /** Staff names by user id. */
  readonly users: ReadonlyMap<string, string>;
  readonly contacts: readonly AuditContact[];
  /** Organisation names by id. */
  readonly organisations: ReadonlyMap<string, string>;
  /**
   * What earlier events recorded of a subject, by its id, a later fact replacing an earlier one: a mail's subject, a
   * personal link's contact, a session's start, a requirement's title.
   */
  readonly subjects: ReadonlyMap<string, Readonly<Record<string, unknown>>>;
}

/** The key of a delivery item in AuditNames.deliveryItems: the checklist, the application (empty for none), the item. */
export function deliveryItemKey(checklist: 'environment' | 'pbx' | 'uat', applicationKey: string, itemKey: string) {
  return `${checklist}:${applicationKey}/${itemKey}`;
}

/** No names at all: every event is still said, with what it carries. */
export const noAuditNames: AuditNames = {
  steps: new Map(),
  criteria: new Map(),
  applications: new Map(),
  deliveryItems: new Map(),
  users: new Map(),
  contacts: [],
  organisations: new Map(),
  subjects: new Map(),
};

/** Who the actor is, from the stored name: a contact is stored as `Name <email>`. */
export function splitContactName(stored: string): { name: string; email: string | null } {
  const match = /^(.*?)\s*<([^<>]+)>$/.exec(stored);
  return match === null ? { name: stored, email: null } : { name: match[1] ?? stored, email: match[2] ?? null };
}
