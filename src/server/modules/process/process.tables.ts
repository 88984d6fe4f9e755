/** The process module's tables: the process templates. */

import { integer, jsonb, pgTable, primaryKey, text } from 'drizzle-orm/pg-core';
import { createdAt } from '../../db/columns';

/** Process templates are data, versioned; a project points at the version it started with. */
export const processTemplates = pgTable(
  'process_templates',
  {
    key: text('key').notNull(),
    version: integer('version').notNull(),
    definition: jsonb('definition').notNull(),
    createdAt: createdAt(),
  },
  (table) => [primaryKey({ columns: [table.key, table.version] })],
);
