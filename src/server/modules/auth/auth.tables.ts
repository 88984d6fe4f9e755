/** The auth module's tables: staff log-in sessions, failed log-ins, password links. */

import { bigserial, check, index, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { users } from '../users/users.tables';
import { passwordTokenPurposes } from '../mail/mail.tables';
import { createdAt, inList } from '../../db/columns';

export const sessions = pgTable(
  'sessions',
  {
    tokenHash: text('token_hash').primaryKey(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    createdAt: createdAt(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    ip: text('ip'),
    userAgent: text('user_agent'),
  },
  (table) => [index('sessions_user_id_idx').on(table.userId)],
);

/** Log-in attempts not known to have succeeded, counted per account and per address for rate limiting; old rows are pruned. */
export const loginFailures = pgTable(
  'login_failures',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    key: text('key').notNull(),
    failedAt: timestamp('failed_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [index('login_failures_key_failed_at_idx').on(table.key, table.failedAt)],
);

/**
 * Single-use password links (forgotten password, invitation to set one): 256 random bits, only their HMAC stored,
 * valid until expires_at, spent (used_at) once.
 */
export const passwordTokens = pgTable(
  'password_tokens',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tokenHash: text('token_hash').notNull(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    purpose: text('purpose', { enum: passwordTokenPurposes }).notNull(),
    /** The admin who invited or forced the reset; null when the user asked for it themselves. */
    createdBy: uuid('created_by').references(() => users.id, { onDelete: 'restrict' }),
    createdAt: createdAt(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    usedAt: timestamp('used_at', { withTimezone: true }),
  },
  (table) => [
    uniqueIndex('password_tokens_token_hash_key').on(table.tokenHash),
    index('password_tokens_user_idx').on(table.userId, table.createdAt),
    check('password_tokens_purpose_check', inList('purpose', passwordTokenPurposes)),
  ],
);

export type StaffSessionRow = typeof sessions.$inferSelect;
export type PasswordTokenRow = typeof passwordTokens.$inferSelect;
