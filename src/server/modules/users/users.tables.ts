/** The users module's tables: staff accounts and their working calendars. */

import { sql } from 'drizzle-orm';
import { boolean, check, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { languages } from '../../../domain/text/languages';
import { createdAt, updatedAt, inList } from '../../db/columns';

export const staffRoles = ['admin', 'manager', 'engineer', 'support'] as const;

export const users = pgTable(
  'users',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    email: text('email').notNull(),
    name: text('name').notNull(),
    role: text('role', { enum: staffRoles }).notNull(),
    language: text('language', { enum: languages }).notNull().default('en'),
    /** Null until an invited user sets their own password (password_tokens, purpose invitation). */
    passwordHash: text('password_hash'),
    passwordChangedAt: timestamp('password_changed_at', { withTimezone: true }),
    isDisabled: boolean('is_disabled').notNull().default(false),
    /** Competence teams (keys of the content library's teams.yaml) an engineer belongs to. */
    teams: jsonb('teams').$type<string[]>().notNull().default([]),
    phone: text('phone'),
    // The working calendar (scheduling): an IANA zone, ISO weekdays (1 = Monday … 7 = Sunday), wall-clock hours,
    // and the country (and region) whose public holidays are days off.
    timeZone: text('time_zone').notNull().default('Europe/Rome'),
    workingDays: jsonb('working_days').$type<number[]>().notNull().default([1, 2, 3, 4, 5]),
    workingHours: jsonb('working_hours')
      .$type<WallClockHours[]>()
      .notNull()
      .default([
        { start: '09:00', end: '13:00' },
        { start: '14:00', end: '18:00' },
      ]),
    holidayCountry: text('holiday_country').notNull().default('IT'),
    holidayRegion: text('holiday_region'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (table) => [
    uniqueIndex('users_email_key').on(table.email),
    check('users_role_check', inList('role', staffRoles)),
    check('users_language_check', inList('language', languages)),
    check('users_email_lowercase_check', sql`email = lower(email)`),
  ],
);

/** Wall-clock hours of a working day, 'HH:mm' to 'HH:mm'. */
export interface WallClockHours {
  start: string;
  end: string;
}

export type UserRow = typeof users.$inferSelect;
export type NewUserRow = typeof users.$inferInsert;
