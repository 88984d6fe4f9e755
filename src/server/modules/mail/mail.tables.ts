/** The mail module's tables: the outbox, the attachments it keeps, and the trial mailbox. */

import { check, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { languages } from '../../../domain/text/languages';
import { projects } from '../projects/projects.tables';
import { users } from '../users/users.tables';
import { bytea, createdAt, updatedAt, inList } from '../../db/columns';

/**
 * queued → sending → sent; a failed attempt goes to retrying (then sending again) until the last one, which ends in
 * failed. not-configured: no SMTP server was configured, the message was kept exactly as it would have been sent (rows
 * written before the trial mailbox). trial: no SMTP server is configured, the message was delivered to the trial
 * mailbox (trial_mail) instead, and counts as accepted; it is never sent later by itself.
 */
export const mailStatuses = ['queued', 'sending', 'retrying', 'sent', 'failed', 'not-configured', 'trial'] as const;

export interface MailAddress {
  name: string | null;
  email: string;
}

/**
 * The outbox: every email, written in the transaction of the change that causes it, then sent by the mail job.
 * A row is never deleted: it is the record of what was sent, to whom, and what the SMTP server answered.
 */
export const mailMessages = pgTable(
  'mail_messages',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    projectId: uuid('project_id').references(() => projects.id, { onDelete: 'restrict' }),
    /** What the message is (an email template key such as service-presentation). */
    kind: text('kind').notNull(),
    language: text('language', { enum: languages }).notNull(),
    /** `<random@PUBLIC_URL host>`, the Message-ID header. */
    messageId: text('message_id').notNull(),
    /** The Message-ID of the project's first message, for In-Reply-To and References; null on that first message. */
    threadMessageId: text('thread_message_id'),
    from: jsonb('from_address').$type<MailAddress>().notNull(),
    replyTo: jsonb('reply_to').$type<MailAddress | null>(),
    to: jsonb('to_addresses').$type<MailAddress[]>().notNull(),
    cc: jsonb('cc_addresses').$type<MailAddress[]>().notNull(),
    subject: text('subject').notNull(),
    text: text('text_body').notNull(),
    html: text('html_body').notNull(),
    // A calendar invitation (iCalendar text) sent as the text/calendar part with its method (REQUEST, CANCEL) and as invite.ics.
    calendarMethod: text('calendar_method'),
    calendarContent: text('calendar_content'),
    /**
     * The personal links the message carries, minted only when it is delivered (each delivery, a fresh token): the
     * stored text and HTML hold a redacted placeholder for each, so no token is ever readable from Engage.
     */
    personalLinks: jsonb('personal_links').$type<PersonalLinkSlot[]>().notNull().default([]),
    status: text('status', { enum: mailStatuses }).notNull(),
    attempts: integer('attempts').notNull().default(0),
    /** The SMTP server's answer to the last attempt: its acceptance, or why it failed. */
    lastResponse: text('last_response'),
    /** While a worker sends, the row is its own until then; an expired claim may be taken again. */
    claimedUntil: timestamp('claimed_until', { withTimezone: true }),
    createdBy: uuid('created_by').references(() => users.id, { onDelete: 'restrict' }),
    createdAt: createdAt(),
    sentAt: timestamp('sent_at', { withTimezone: true }),
    updatedAt: updatedAt(),
  },
  (table) => [
    uniqueIndex('mail_messages_message_id_key').on(table.messageId),
    index('mail_messages_project_idx').on(table.projectId, table.createdAt),
    check('mail_messages_status_check', inList('status', mailStatuses)),
    check('mail_messages_language_check', inList('language', languages)),
  ],
);

/** A personal link in a stored message: what the token minted at delivery opens, and for whom. */
export type PersonalLinkSlot =
  | { kind: 'portal'; slot: string; contactId: string; projectId: string | null; target: string; reason: string }
  | { kind: 'password'; slot: string; userId: string; purpose: (typeof passwordTokenPurposes)[number] };

/**
 * What a password link is for. Auth owns the password tokens (auth.tables.ts checks its rows against this list), but the
 * list is defined here: mail sits below auth, and its personal-link slots name these purposes.
 */
export const passwordTokenPurposes = ['reset', 'invitation'] as const;

/**
 * The trial mailbox: with no SMTP server configured, every message is delivered here, whole (MIME, with its real
 * personal links), for an admin to open as its recipients would. Emptied by an admin, removed with its project.
 */
export const trialMail = pgTable(
  'trial_mail',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    mailId: uuid('mail_id')
      .notNull()
      .references(() => mailMessages.id, { onDelete: 'cascade' }),
    projectId: uuid('project_id').references(() => projects.id, { onDelete: 'cascade' }),
    /** Every recipient (to and cc), for the list by recipient. */
    recipients: jsonb('recipients').$type<MailAddress[]>().notNull(),
    subject: text('subject').notNull(),
    /** The message exactly as an SMTP server would have received it (RFC 5322). */
    raw: bytea('raw').notNull(),
    deliveredAt: timestamp('delivered_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [index('trial_mail_delivered_idx').on(table.deliveredAt), index('trial_mail_mail_idx').on(table.mailId)],
);

/** The files a message carries, stored with it so that what was sent can always be shown again. */
export const mailAttachments = pgTable(
  'mail_attachments',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    mailId: uuid('mail_id')
      .notNull()
      .references(() => mailMessages.id, { onDelete: 'restrict' }),
    position: integer('position').notNull(),
    filename: text('filename').notNull(),
    contentType: text('content_type').notNull(),
    size: integer('size').notNull(),
    content: bytea('content').notNull(),
  },
  (table) => [uniqueIndex('mail_attachments_position_key').on(table.mailId, table.position)],
);

export type MailMessageRow = typeof mailMessages.$inferSelect;
export type MailAttachmentRow = typeof mailAttachments.$inferSelect;
export type TrialMailRow = typeof trialMail.$inferSelect;
