/**
 * The index of Engage's tables: drizzle-kit reads it (drizzle.config.ts) to write the migrations, and the typed client is
 * built from it (db/database.ts). A module owns its tables: they are defined in the module, in
 * `src/server/modules/<module>/<module>.tables.ts` (the module whose repository writes them), and re-exported here, so
 * that this one file still names every table and everything that imported it keeps working.
 *
 * Four tables are still defined here:
 * - rate_limit_windows belongs to the HTTP runtime (http/rate-limit-windows.repository.ts), not to a module;
 * - content_items (written by content) has a foreign key to users, and users reads the content library (its teams):
 *   in content's tables file it would make the two modules use each other;
 * - work_log_entries (written by work-log) has a foreign key to project_sessions, a table of sessions, which sits above
 *   work-log (sessions records its held sessions through work-log): in work-log's tables file it would make the two
 *   modules use each other;
 * - document_signatures (written by delivery) has a foreign key to portal_links, a table of portal, which sits above
 *   delivery in the same way.
 *
 * A tables file imports other modules' tables files directly, never this index (see .dependency-cruiser.cjs).
 */
import { sql } from 'drizzle-orm';
import {
  boolean,
  check,
  date,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { signableDocuments } from '../modules/delivery/delivery.tables';
import { storedFiles } from '../modules/files/files.tables';
import { contacts } from '../modules/organisations/organisations.tables';
import { portalLinks } from '../modules/portal/portal.tables';
import { projects } from '../modules/projects/projects.tables';
import { projectSessions } from '../modules/sessions/sessions.tables';
import { users } from '../modules/users/users.tables';
import { bytea, createdAt } from './columns';

export { languages } from '../../domain/text/languages';
export * from '../modules/audit/audit.tables';
export * from '../modules/auth/auth.tables';
export * from '../modules/calendars/calendars.tables';
export * from '../modules/content/content.tables';
export * from '../modules/delivery/delivery.tables';
export * from '../modules/files/files.tables';
export * from '../modules/mail/mail.tables';
export * from '../modules/organisations/organisations.tables';
export * from '../modules/portal/portal.tables';
export * from '../modules/process/process.tables';
export * from '../modules/projects/projects.tables';
export * from '../modules/purchase-orders/purchase-orders.tables';
export * from '../modules/questionnaires/questionnaires.tables';
export * from '../modules/requirements/requirements.tables';
export * from '../modules/sessions/sessions.tables';
export * from '../modules/turns/turns.tables';
export * from '../modules/users/users.tables';

/**
 * The content library (catalog, questionnaires, rules, email templates, documents), one row per version of each item.
 * `path` names the item as in content/ (applications/call-recording.yaml); the highest version is the current one.
 * Rows are never changed: an edit, or a newer default shipped with Engage, adds a version.
 */
export const contentItems = pgTable(
  'content_items',
  {
    path: text('path').notNull(),
    version: integer('version').notNull(),
    body: jsonb('body').notNull(),
    /** Copied from Engage's shipped defaults (content/), not written by an admin. */
    isDefault: boolean('is_default').notNull(),
    createdBy: uuid('created_by').references(() => users.id, { onDelete: 'restrict' }),
    createdAt: createdAt(),
  },
  (table) => [
    primaryKey({ columns: [table.path, table.version] }),
    check('content_items_version_check', sql`version > 0`),
  ],
);

/**
 * Rate-limit windows shared by every process on one PostgreSQL database (the embedded database, one process, counts in
 * memory): hits per key in the window ending at reset_at, and the refusals not yet written to the audit trail.
 */
export const rateLimitWindows = pgTable(
  'rate_limit_windows',
  {
    key: text('key').primaryKey(),
    hits: integer('hits').notNull(),
    refused: integer('refused').notNull().default(0),
    resetAt: timestamp('reset_at', { withTimezone: true }).notNull(),
  },
  (table) => [index('rate_limit_windows_reset_idx').on(table.resetAt)],
);

export const workPerformerKinds = ['staff', 'contact'] as const;

/**
 * An activity performed on a project's step (issue 6): by whom (an engineer, or a partner technician among the
 * contacts), on which day, for how long, and what was done; from a held session or entered by hand. It is charged to
 * one line of the purchase order (its index), or to the project's purchased effort when it has no order.
 */
export const workLogEntries = pgTable(
  'work_log_entries',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    projectId: uuid('project_id')
      .notNull()
      .references(() => projects.id, { onDelete: 'restrict' }),
    stepKey: text('step_key').notNull(),
    sessionId: uuid('session_id').references(() => projectSessions.id, { onDelete: 'restrict' }),
    performerKind: text('performer_kind', { enum: workPerformerKinds }).notNull(),
    performerUserId: uuid('performer_user_id').references(() => users.id, { onDelete: 'restrict' }),
    performerContactId: uuid('performer_contact_id').references(() => contacts.id, { onDelete: 'restrict' }),
    performerName: text('performer_name').notNull(),
    workDate: date('work_date', { mode: 'string' }).notNull(),
    durationMinutes: integer('duration_minutes').notNull(),
    description: text('description').notNull(),
    lineIndex: integer('line_index'),
    createdBy: uuid('created_by').references(() => users.id, { onDelete: 'restrict' }),
    createdAt: createdAt(),
    removedAt: timestamp('removed_at', { withTimezone: true }),
    removedBy: uuid('removed_by').references(() => users.id, { onDelete: 'restrict' }),
  },
  (table) => [
    index('work_log_entries_project_idx').on(table.projectId, table.workDate),
    uniqueIndex('work_log_entries_session_key').on(table.sessionId),
    check(
      'work_log_entries_performer_check',
      sql`(performer_kind = 'staff' and performer_user_id is not null and performer_contact_id is null) or (performer_kind = 'contact' and performer_contact_id is not null and performer_user_id is null)`,
    ),
    check('work_log_entries_duration_check', sql`duration_minutes > 0 and duration_minutes <= 1440`),
  ],
);

/** The evidence of a signature, and the sealed PDF (audit page appended, signed by the instance's certificate). */
export const documentSignatures = pgTable(
  'document_signatures',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    documentId: uuid('document_id')
      .notNull()
      .references(() => signableDocuments.id, { onDelete: 'restrict' }),
    projectId: uuid('project_id')
      .notNull()
      .references(() => projects.id, { onDelete: 'restrict' }),
    contactId: uuid('contact_id')
      .notNull()
      .references(() => contacts.id, { onDelete: 'restrict' }),
    signerName: text('signer_name').notNull(),
    signerEmail: text('signer_email').notNull(),
    signerOrganisation: text('signer_organisation').notNull(),
    consentText: text('consent_text').notNull(),
    signatureKind: text('signature_kind', { enum: ['typed', 'drawn'] }).notNull(),
    signatureText: text('signature_text'),
    signatureImage: bytea('signature_image'),
    /** The SHA-256 of the document as the signer was shown it (sent back by the signer's page, checked against ours). */
    documentSha256: text('document_sha256').notNull(),
    ip: text('ip'),
    userAgent: text('user_agent'),
    /** The personal link whose Continue opened the signer's portal session (identity evidence). */
    portalLinkId: uuid('portal_link_id').references(() => portalLinks.id, { onDelete: 'restrict' }),
    signedAt: timestamp('signed_at', { withTimezone: true }).notNull(),
    sealedFileId: uuid('sealed_file_id')
      .notNull()
      .references(() => storedFiles.id, { onDelete: 'restrict' }),
    sealedSha256: text('sealed_sha256').notNull(),
    certificateFingerprint: text('certificate_fingerprint').notNull(),
  },
  (table) => [
    uniqueIndex('document_signatures_document_key').on(table.documentId),
    index('document_signatures_sealed_idx').on(table.sealedSha256),
  ],
);
