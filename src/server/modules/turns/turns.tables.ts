/** The turns module's table: the moments the ball passed to a customer or a partner, until their email goes out. */

import { sql } from 'drizzle-orm';
import { check, index, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import type { LocalizedText } from '../../../domain/process/template';
import { createdAt, inList } from '../../db/columns';
import { projects } from '../projects/projects.tables';

export const turnNoticeKinds = ['requirements-confirmed', 'requirement-sent-back', 'checklist-opened'] as const;
export type TurnNoticeKind = (typeof turnNoticeKinds)[number];

/** The side of the project whose contacts are told. */
export const turnParties = ['customer', 'partner'] as const;
export type TurnParty = (typeof turnParties)[number];

/** What a notice tells, written when it is recorded so that the email says what was true at that moment. */
export type TurnNoticeDetails =
  | {
      kind: 'requirements-confirmed';
      requirements: { title: LocalizedText; category: string; description: LocalizedText }[];
    }
  | { kind: 'requirement-sent-back'; requirementId: string; title: LocalizedText; comment: string }
  | { kind: 'checklist-opened'; checklist: 'environment' | 'pbx'; items: number };

/**
 * A turn notice: written in the transaction of the change that passed the ball (the requirement list confirmed, a
 * requirement sent back, P1 or P3 opened), sent by the turn-email sweep once the project has been quiet for a few
 * minutes, so that a burst of changes makes one email per contact. `sent_at` is set in the transaction that queues the
 * email: a notice is told once, whichever process sweeps.
 */
export const turnNotices = pgTable(
  'turn_notices',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    projectId: uuid('project_id')
      .notNull()
      .references(() => projects.id, { onDelete: 'restrict' }),
    party: text('party', { enum: turnParties }).notNull(),
    kind: text('kind', { enum: turnNoticeKinds }).notNull(),
    details: jsonb('details').$type<TurnNoticeDetails>().notNull(),
    createdAt: createdAt(),
    sentAt: timestamp('sent_at', { withTimezone: true }),
  },
  (table) => [
    check('turn_notices_party_check', inList('party', turnParties)),
    check('turn_notices_kind_check', inList('kind', turnNoticeKinds)),
    index('turn_notices_unsent_idx')
      .on(table.projectId, table.party)
      .where(sql`sent_at is null`),
  ],
);
