/** The files module's table: the files people uploaded. */

import { sql } from 'drizzle-orm';
import { check, index, integer, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { projects, type Author } from '../projects/projects.tables';
import { bytea, createdAt, inList } from '../../db/columns';

export const storedFilePurposes = [
  'questionnaire',
  'evidence',
  'document',
  'sealed-document',
  'signed-scan',
  'handover',
  'uat-evidence',
] as const;

/** Files people uploaded: kept in the database (backed up with it), under a server-generated id, never by their name. */
export const storedFiles = pgTable(
  'stored_files',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    projectId: uuid('project_id')
      .notNull()
      .references(() => projects.id, { onDelete: 'restrict' }),
    purpose: text('purpose', { enum: storedFilePurposes }).notNull(),
    /** The questionnaire (application key) or the requirement the file belongs to. */
    applicationKey: text('application_key'),
    requirementId: uuid('requirement_id'),
    /** The name the uploader's computer gave it, shown and offered on download; never used as a path. */
    originalName: text('original_name').notNull(),
    /** Detected from the content, not taken from the upload. */
    contentType: text('content_type').notNull(),
    size: integer('size').notNull(),
    sha256: text('sha256').notNull(),
    content: bytea('content').notNull(),
    uploadedBy: jsonb('uploaded_by').$type<Author>().notNull(),
    createdAt: createdAt(),
    removedAt: timestamp('removed_at', { withTimezone: true }),
  },
  (table) => [
    index('stored_files_project_idx').on(table.projectId, table.purpose),
    check('stored_files_purpose_check', inList('purpose', storedFilePurposes)),
    check('stored_files_size_check', sql`size > 0`),
  ],
);

export type StoredFileRow = typeof storedFiles.$inferSelect;
