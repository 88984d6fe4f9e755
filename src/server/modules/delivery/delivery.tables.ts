/**
 * The delivery module's tables (P1–P8). One of its tables, document_signatures, is still defined in db/schema.ts: its
 * foreign key to portal_links would make delivery and portal use each other.
 */

import { sql } from 'drizzle-orm';
import {
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
import { storedFiles } from '../files/files.tables';
import { projects, type Author } from '../projects/projects.tables';
import { users } from '../users/users.tables';
import { createdAt, updatedAt, inList } from '../../db/columns';

export const checklistKinds = ['environment', 'pbx'] as const;

/**
 * A ticked item of a project's P1 environment checklist or P3 PBX checklist. The items themselves come from the content
 * library (by deployment option, by application and calling platform); a row exists once someone ticked the item.
 * `application_key` is '' for the environment checklist.
 */
export const checklistTicks = pgTable(
  'checklist_ticks',
  {
    projectId: uuid('project_id')
      .notNull()
      .references(() => projects.id, { onDelete: 'restrict' }),
    checklist: text('checklist', { enum: checklistKinds }).notNull(),
    applicationKey: text('application_key').notNull().default(''),
    itemKey: text('item_key').notNull(),
    tickedAt: timestamp('ticked_at', { withTimezone: true }),
    tickedBy: jsonb('ticked_by').$type<Author>(),
    note: text('note'),
    verifiedAt: timestamp('verified_at', { withTimezone: true }),
    verifiedBy: uuid('verified_by').references(() => users.id, { onDelete: 'restrict' }),
    updatedAt: updatedAt(),
  },
  (table) => [
    primaryKey({ columns: [table.projectId, table.checklist, table.applicationKey, table.itemKey] }),
    check('checklist_ticks_checklist_check', inList('checklist', checklistKinds)),
    check('checklist_ticks_verified_check', sql`verified_at is null or ticked_at is not null`),
  ],
);

/** P2 and P4: one record per application in scope — installed (with its version), then its configuration fields, then configured. */
export const configurationRecords = pgTable(
  'configuration_records',
  {
    projectId: uuid('project_id')
      .notNull()
      .references(() => projects.id, { onDelete: 'restrict' }),
    applicationKey: text('application_key').notNull(),
    /** Field key → value, the fields of the application's content-library entry. */
    values: jsonb('values').$type<Record<string, string | number | boolean>>().notNull().default({}),
    installedVersion: text('installed_version'),
    installedAt: timestamp('installed_at', { withTimezone: true }),
    installedBy: uuid('installed_by').references(() => users.id, { onDelete: 'restrict' }),
    configuredAt: timestamp('configured_at', { withTimezone: true }),
    configuredBy: uuid('configured_by').references(() => users.id, { onDelete: 'restrict' }),
    updatedAt: updatedAt(),
    updatedBy: uuid('updated_by').references(() => users.id, { onDelete: 'restrict' }),
  },
  (table) => [primaryKey({ columns: [table.projectId, table.applicationKey] })],
);

export const uatResults = ['pass', 'pass-with-remark', 'fail', 'not-applicable'] as const;

/** P5: the result of one item of the UAT checklist (the items come from the applications' content-library entries). */
export const uatItemResults = pgTable(
  'uat_item_results',
  {
    projectId: uuid('project_id')
      .notNull()
      .references(() => projects.id, { onDelete: 'restrict' }),
    applicationKey: text('application_key').notNull(),
    itemKey: text('item_key').notNull(),
    result: text('result', { enum: uatResults }),
    /** The tester's comment; for a pass with a remark, the remark (the minor defect), which the signed document prints. */
    comment: text('comment'),
    /** A failed item accepted as an exception: listed in the document with this reason. */
    exceptionReason: text('exception_reason'),
    /** A file that shows the result (a screenshot, a call or recording id), checked by its content like other uploads. */
    evidenceFileId: uuid('evidence_file_id').references(() => storedFiles.id, { onDelete: 'restrict' }),
    updatedAt: updatedAt(),
    updatedBy: uuid('updated_by').references(() => users.id, { onDelete: 'restrict' }),
  },
  (table) => [
    primaryKey({ columns: [table.projectId, table.applicationKey, table.itemKey] }),
    check(
      'uat_item_results_result_check',
      sql`result is null or result in ('pass', 'pass-with-remark', 'fail', 'not-applicable')`,
    ),
    check('uat_item_results_exception_check', sql`exception_reason is null or result = 'fail'`),
    check(
      'uat_item_results_remark_check',
      sql`result is distinct from 'pass-with-remark' or (comment is not null and btrim(comment) <> '')`,
    ),
  ],
);

export const trainingKinds = ['admin', 'end-user', 'on-the-job'] as const;

/** P6: a training given (administrators', end users', or on the job), with who attended. */
export const trainingRecords = pgTable(
  'training_records',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    projectId: uuid('project_id')
      .notNull()
      .references(() => projects.id, { onDelete: 'restrict' }),
    kind: text('kind', { enum: trainingKinds }).notNull(),
    trainingDate: date('training_date', { mode: 'string' }).notNull(),
    durationMinutes: integer('duration_minutes').notNull(),
    attendees: jsonb('attendees').$type<string[]>().notNull(),
    topics: text('topics').notNull(),
    createdBy: uuid('created_by').references(() => users.id, { onDelete: 'restrict' }),
    createdAt: createdAt(),
    removedAt: timestamp('removed_at', { withTimezone: true }),
    removedBy: uuid('removed_by').references(() => users.id, { onDelete: 'restrict' }),
  },
  (table) => [
    index('training_records_project_idx').on(table.projectId, table.trainingDate),
    check('training_records_kind_check', inList('kind', trainingKinds)),
    check('training_records_duration_check', sql`duration_minutes > 0 and duration_minutes <= 1440`),
  ],
);

/**
 * P7: the activity report's notes for the customer, and the internal maintenance notes (particular configurations,
 * customizations) that only staff ever read: never in the portal, never in an email to a customer or partner.
 */
export const deliveryNotes = pgTable('delivery_notes', {
  projectId: uuid('project_id')
    .primaryKey()
    .references(() => projects.id, { onDelete: 'restrict' }),
  reportNotes: text('report_notes').notNull().default(''),
  maintenanceNotes: text('maintenance_notes').notNull().default(''),
  updatedAt: updatedAt(),
  updatedBy: uuid('updated_by').references(() => users.id, { onDelete: 'restrict' }),
});

export const signableDocumentKinds = ['uat', 'activity-report'] as const;
export const signableDocumentStates = ['awaiting-signature', 'signed', 'superseded'] as const;

/**
 * A version of a document put up for signature (the UAT document, the activity report): the PDF exactly as the signer
 * is shown it, and its SHA-256. A change to what it shows supersedes it; at most one version per kind is not superseded.
 */
export const signableDocuments = pgTable(
  'signable_documents',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    projectId: uuid('project_id')
      .notNull()
      .references(() => projects.id, { onDelete: 'restrict' }),
    kind: text('kind', { enum: signableDocumentKinds }).notNull(),
    version: integer('version').notNull(),
    state: text('state', { enum: signableDocumentStates }).notNull(),
    fileId: uuid('file_id')
      .notNull()
      .references(() => storedFiles.id, { onDelete: 'restrict' }),
    sha256: text('sha256').notNull(),
    /** The contacts asked to sign this version: only they may. */
    signerContactIds: jsonb('signer_contact_ids').$type<string[]>().notNull().default([]),
    createdAt: createdAt(),
    createdBy: uuid('created_by').references(() => users.id, { onDelete: 'restrict' }),
    supersededAt: timestamp('superseded_at', { withTimezone: true }),
    supersededReason: text('superseded_reason'),
  },
  (table) => [
    uniqueIndex('signable_documents_version_key').on(table.projectId, table.kind, table.version),
    uniqueIndex('signable_documents_live_key')
      .on(table.projectId, table.kind)
      .where(sql`state <> 'superseded'`),
    check('signable_documents_kind_check', inList('kind', signableDocumentKinds)),
    check('signable_documents_state_check', inList('state', signableDocumentStates)),
  ],
);

/**
 * A document version signed outside Engage (on paper, or in the customer's own signing tool): the scan uploaded by
 * staff as its signed copy, kept exactly as uploaded (never sealed: Engage seals only what it produced), with its
 * SHA-256, the signer's name and the day they signed. A version has one signature: this or a document_signatures row.
 */
export const outsideSignatures = pgTable(
  'outside_signatures',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    documentId: uuid('document_id')
      .notNull()
      .references(() => signableDocuments.id, { onDelete: 'restrict' }),
    projectId: uuid('project_id')
      .notNull()
      .references(() => projects.id, { onDelete: 'restrict' }),
    signerName: text('signer_name').notNull(),
    signedOn: date('signed_on', { mode: 'string' }).notNull(),
    fileId: uuid('file_id')
      .notNull()
      .references(() => storedFiles.id, { onDelete: 'restrict' }),
    sha256: text('sha256').notNull(),
    recordedBy: uuid('recorded_by')
      .notNull()
      .references(() => users.id, { onDelete: 'restrict' }),
    recordedAt: timestamp('recorded_at', { withTimezone: true }).notNull(),
  },
  (table) => [
    uniqueIndex('outside_signatures_document_key').on(table.documentId),
    index('outside_signatures_sha256_idx').on(table.sha256),
    check('outside_signatures_signer_check', sql`length(btrim(signer_name)) > 0`),
  ],
);

/** P8: the hand-over package of a closed project (the dossier as JSON and PDF), searchable by support. */
export const handoverPackages = pgTable('handover_packages', {
  projectId: uuid('project_id')
    .primaryKey()
    .references(() => projects.id, { onDelete: 'restrict' }),
  dossier: jsonb('dossier').$type<Record<string, unknown>>().notNull(),
  searchText: text('search_text').notNull(),
  pdfFileId: uuid('pdf_file_id')
    .notNull()
    .references(() => storedFiles.id, { onDelete: 'restrict' }),
  jsonFileId: uuid('json_file_id')
    .notNull()
    .references(() => storedFiles.id, { onDelete: 'restrict' }),
  createdAt: createdAt(),
  createdBy: uuid('created_by').references(() => users.id, { onDelete: 'restrict' }),
});

export type ChecklistTickRow = typeof checklistTicks.$inferSelect;
export type ConfigurationRecordRow = typeof configurationRecords.$inferSelect;
export type UatItemResultRow = typeof uatItemResults.$inferSelect;
export type TrainingRow = typeof trainingRecords.$inferSelect;
export type DeliveryNotesRow = typeof deliveryNotes.$inferSelect;
export type SignableDocumentRow = typeof signableDocuments.$inferSelect;
export type OutsideSignatureRecord = typeof outsideSignatures.$inferSelect;
