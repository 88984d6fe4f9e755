/** The sessions module's tables: proposed and booked working sessions, and staff calendar feeds. */

import { sql } from 'drizzle-orm';
import { check, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { contacts } from '../organisations/organisations.tables';
import { projects } from '../projects/projects.tables';
import { users } from '../users/users.tables';
import { createdAt, updatedAt, inList } from '../../db/columns';

export const sessionStates = ['proposed', 'confirmed', 'rescheduled', 'cancelled', 'held'] as const;
export type SessionState = (typeof sessionStates)[number];
/** The states in which a session holds the engineer's time: two of these never overlap (an exclusion constraint). */
export const bookedSessionStates = ['confirmed', 'rescheduled', 'held'] as const;
export const sessionModes = ['remote', 'on-site'] as const;
export const proposalStates = ['open', 'accepted', 'declined', 'withdrawn'] as const;

/** Who a session invites: a contact of the project's organisations, or anyone by address. */
export interface SessionAttendee {
  contactId: string | null;
  name: string;
  email: string;
}

/**
 * Dates an engineer offered a customer (up to three): each is a `project_sessions` row in state 'proposed' pointing
 * here; the contact accepts one or asks for others with a note.
 */
export const sessionProposals = pgTable(
  'session_proposals',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    projectId: uuid('project_id')
      .notNull()
      .references(() => projects.id, { onDelete: 'restrict' }),
    state: text('state', { enum: proposalStates }).notNull(),
    note: text('note'),
    decidedByContactId: uuid('decided_by_contact_id').references(() => contacts.id, { onDelete: 'restrict' }),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
    createdBy: uuid('created_by').references(() => users.id, { onDelete: 'restrict' }),
    createdAt: createdAt(),
  },
  (table) => [
    index('session_proposals_project_idx').on(table.projectId, table.createdAt),
    check('session_proposals_state_check', inList('state', proposalStates)),
  ],
);

/**
 * A working session of a project's step (remote or on site). Times are UTC. `ical_uid` never changes and `sequence`
 * rises with every change the attendees are told of, so calendars update the event instead of adding one.
 * Migration 0011 adds `project_sessions_no_overlap`: an engineer's booked sessions never overlap.
 */
export const projectSessions = pgTable(
  'project_sessions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    projectId: uuid('project_id')
      .notNull()
      .references(() => projects.id, { onDelete: 'restrict' }),
    stepKey: text('step_key').notNull(),
    engineerId: uuid('engineer_id')
      .notNull()
      .references(() => users.id, { onDelete: 'restrict' }),
    proposalId: uuid('proposal_id').references(() => sessionProposals.id, { onDelete: 'restrict' }),
    state: text('state', { enum: sessionStates }).notNull(),
    startsAt: timestamp('starts_at', { withTimezone: true }).notNull(),
    endsAt: timestamp('ends_at', { withTimezone: true }).notNull(),
    mode: text('mode', { enum: sessionModes }).notNull(),
    location: text('location').notNull(),
    title: text('title').notNull(),
    description: text('description'),
    attendees: jsonb('attendees').$type<SessionAttendee[]>().notNull(),
    icalUid: text('ical_uid').notNull(),
    sequence: integer('sequence').notNull().default(0),
    reminderDueAt: timestamp('reminder_due_at', { withTimezone: true }),
    reminderSentAt: timestamp('reminder_sent_at', { withTimezone: true }),
    confirmedAt: timestamp('confirmed_at', { withTimezone: true }),
    heldAt: timestamp('held_at', { withTimezone: true }),
    heldNote: text('held_note'),
    cancelledAt: timestamp('cancelled_at', { withTimezone: true }),
    cancellationReason: text('cancellation_reason'),
    createdBy: uuid('created_by').references(() => users.id, { onDelete: 'restrict' }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (table) => [
    uniqueIndex('project_sessions_ical_uid_key').on(table.icalUid),
    index('project_sessions_project_idx').on(table.projectId, table.startsAt),
    index('project_sessions_engineer_idx').on(table.engineerId, table.startsAt),
    index('project_sessions_proposal_idx').on(table.proposalId),
    index('project_sessions_reminder_idx')
      .on(table.reminderDueAt)
      .where(sql`reminder_sent_at is null`),
    check('project_sessions_state_check', inList('state', sessionStates)),
    check('project_sessions_mode_check', inList('mode', sessionModes)),
    check('project_sessions_time_check', sql`ends_at > starts_at`),
  ],
);

/** A staff member's calendar subscription: the feed's secret is kept only as its HMAC; deleting the row revokes it. */
export const calendarFeeds = pgTable('calendar_feeds', {
  userId: uuid('user_id')
    .primaryKey()
    .references(() => users.id, { onDelete: 'cascade' }),
  tokenHash: text('token_hash').notNull().unique(),
  createdAt: createdAt(),
  lastReadAt: timestamp('last_read_at', { withTimezone: true }),
});

export type ProposalRow = typeof sessionProposals.$inferSelect;
export type SessionRow = typeof projectSessions.$inferSelect;
export type NewSessionRow = typeof projectSessions.$inferInsert;
export type CalendarFeedRow = typeof calendarFeeds.$inferSelect;
