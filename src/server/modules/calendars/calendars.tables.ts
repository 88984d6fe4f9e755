/** The calendars module's table: staff members' time off. */

import { sql } from 'drizzle-orm';
import { check, date, index, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { users } from '../users/users.tables';
import { createdAt, inList } from '../../db/columns';

export const timeOffKinds = ['interval', 'days'] as const;

/** A staff member's time off: a stretch of UTC time, or whole days of their own calendar (first and last included). */
export const timeOff = pgTable(
  'time_off',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'restrict' }),
    kind: text('kind', { enum: timeOffKinds }).notNull(),
    startsAt: timestamp('starts_at', { withTimezone: true }),
    endsAt: timestamp('ends_at', { withTimezone: true }),
    firstDay: date('first_day', { mode: 'string' }),
    lastDay: date('last_day', { mode: 'string' }),
    note: text('note'),
    createdBy: uuid('created_by').references(() => users.id, { onDelete: 'restrict' }),
    createdAt: createdAt(),
  },
  (table) => [
    index('time_off_user_idx').on(table.userId, table.startsAt),
    check('time_off_kind_check', inList('kind', timeOffKinds)),
    check(
      'time_off_shape_check',
      sql`(kind = 'interval' and starts_at is not null and ends_at > starts_at and first_day is null and last_day is null)
       or (kind = 'days' and first_day is not null and last_day >= first_day and starts_at is null and ends_at is null)`,
    ),
  ],
);

export type TimeOffRow = typeof timeOff.$inferSelect;
