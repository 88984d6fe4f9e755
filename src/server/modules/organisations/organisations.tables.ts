/** The organisations module's tables: customers and partners, and their contacts. */

import { sql } from 'drizzle-orm';
import { boolean, check, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { languages } from '../../../domain/text/languages';
import { users, type WallClockHours } from '../users/users.tables';
import { createdAt, updatedAt, inList } from '../../db/columns';

export const organisationKinds = ['customer', 'partner'] as const;
export const paymentTerms = ['engage-on-po', 'prepayment-required'] as const;
export const contactRoles = ['technical-reference', 'approver', 'partner-technician'] as const;

export const organisations = pgTable(
  'organisations',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    kind: text('kind', { enum: organisationKinds }).notNull(),
    name: text('name').notNull(),
    paymentTerms: text('payment_terms', { enum: paymentTerms }),
    // Where the organisation works (a customer's business hours bound the sessions proposed to it).
    timeZone: text('time_zone').notNull().default('Europe/Rome'),
    businessDays: jsonb('business_days').$type<number[]>().notNull().default([1, 2, 3, 4, 5]),
    businessHours: jsonb('business_hours')
      .$type<WallClockHours[]>()
      .notNull()
      .default([{ start: '09:00', end: '18:00' }]),
    holidayCountry: text('holiday_country').notNull().default('IT'),
    holidayRegion: text('holiday_region'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (table) => [
    uniqueIndex('organisations_kind_name_key').on(table.kind, sql`lower(${table.name})`),
    check('organisations_kind_check', inList('kind', organisationKinds)),
    check(
      'organisations_payment_terms_check',
      sql`(kind = 'partner' and payment_terms in ('engage-on-po', 'prepayment-required')) or (kind = 'customer' and payment_terms is null)`,
    ),
  ],
);

export const contacts = pgTable(
  'contacts',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organisationId: uuid('organisation_id')
      .notNull()
      .references(() => organisations.id, { onDelete: 'restrict' }),
    name: text('name').notNull(),
    email: text('email').notNull(),
    phone: text('phone'),
    language: text('language', { enum: languages }).notNull(),
    role: text('role', { enum: contactRoles }).notNull(),
    /** A disabled contact has no portal session and no valid link, and is never sent a fresh one. */
    isDisabled: boolean('is_disabled').notNull().default(false),
    disabledAt: timestamp('disabled_at', { withTimezone: true }),
    disabledBy: uuid('disabled_by').references(() => users.id, { onDelete: 'restrict' }),
    /** Who added the contact (null for contacts added before this was recorded). */
    createdBy: uuid('created_by').references(() => users.id, { onDelete: 'restrict' }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (table) => [
    uniqueIndex('contacts_organisation_email_key').on(table.organisationId, table.email),
    check('contacts_role_check', inList('role', contactRoles)),
    check('contacts_language_check', inList('language', languages)),
  ],
);

export type OrganisationRow = typeof organisations.$inferSelect;
export type ContactRow = typeof contacts.$inferSelect;
