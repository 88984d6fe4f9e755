/** The portal module's tables: external contacts' personal links and the sessions they open. */

import { check, index, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { contacts } from '../organisations/organisations.tables';
import { projects } from '../projects/projects.tables';
import { users } from '../users/users.tables';
import { createdAt, inList } from '../../db/columns';

export const portalLinkReasons = ['contact-email', 'issued', 'resend', 'reminder', 'turn'] as const;

/**
 * A personal link emailed to an external contact. The token itself is never stored: `token_hash` is its HMAC under the
 * session secret. Opening the link only shows a page; the token is spent (used_at) by that page's Continue button.
 */
export const portalLinks = pgTable(
  'portal_links',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tokenHash: text('token_hash').notNull(),
    contactId: uuid('contact_id')
      .notNull()
      .references(() => contacts.id, { onDelete: 'cascade' }),
    /** The project the email was about (the page the contact lands on); null for the portal's home. */
    projectId: uuid('project_id').references(() => projects.id, { onDelete: 'restrict' }),
    /** Where Continue leads inside the portal, relative to the project (questionnaires/call-recording) or empty. */
    target: text('target').notNull().default(''),
    reason: text('reason', { enum: portalLinkReasons }).notNull(),
    createdBy: uuid('created_by').references(() => users.id, { onDelete: 'restrict' }),
    createdAt: createdAt(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    usedAt: timestamp('used_at', { withTimezone: true }),
    usedIp: text('used_ip'),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
    revokedBy: uuid('revoked_by').references(() => users.id, { onDelete: 'restrict' }),
  },
  (table) => [
    uniqueIndex('portal_links_token_hash_key').on(table.tokenHash),
    index('portal_links_project_idx').on(table.projectId, table.createdAt),
    index('portal_links_contact_idx').on(table.contactId, table.createdAt),
    check('portal_links_reason_check', inList('reason', portalLinkReasons)),
  ],
);

/** The session a spent link opens: scoped to the contact's organisation's projects, ended by log-out or revocation. */
export const portalSessions = pgTable(
  'portal_sessions',
  {
    tokenHash: text('token_hash').primaryKey(),
    contactId: uuid('contact_id')
      .notNull()
      .references(() => contacts.id, { onDelete: 'cascade' }),
    linkId: uuid('link_id')
      .notNull()
      .references(() => portalLinks.id, { onDelete: 'cascade' }),
    createdAt: createdAt(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    ip: text('ip'),
    userAgent: text('user_agent'),
  },
  (table) => [
    index('portal_sessions_contact_idx').on(table.contactId),
    index('portal_sessions_link_idx').on(table.linkId),
  ],
);

export type PortalLinkRow = typeof portalLinks.$inferSelect;
