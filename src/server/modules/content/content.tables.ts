/**
 * The content module's table: the small facts Engage keeps about itself. The content library's own table,
 * content_items, is still defined in db/schema.ts (its foreign key to users would make content and users use each other).
 */

import { jsonb, pgTable, text } from 'drizzle-orm/pg-core';
import { updatedAt } from '../../db/columns';

/** Small facts Engage keeps about itself (such as the fingerprint of the content defaults it last installed). */
export const engageSettings = pgTable('engage_settings', {
  key: text('key').primaryKey(),
  value: jsonb('value').notNull(),
  updatedAt: updatedAt(),
});
