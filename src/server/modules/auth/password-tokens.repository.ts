import { and, eq, gt, isNull, sql } from 'drizzle-orm';
import type { Database } from '../../db/database';
import { users } from '../../db/schema';
import { passwordTokens, type PasswordTokenRow } from './auth.tables';

export type { PasswordTokenRow };
type UserRow = typeof users.$inferSelect;

/** Stores a new password token (its HMAC only) and answers its id. */
export async function insertPasswordToken(
  db: Database,
  token: Omit<typeof passwordTokens.$inferInsert, 'id'>,
): Promise<{ id: string }> {
  const [row] = await db.insert(passwordTokens).values(token).returning({ id: passwordTokens.id });
  if (row === undefined) throw new Error('insert into password_tokens returned no row');
  return row;
}

/** A password token by its HMAC, with its user, whatever its state (the caller tells used, expired and usable apart). */
export async function findPasswordToken(
  db: Database,
  tokenHash: string,
): Promise<{ token: PasswordTokenRow; user: UserRow } | null> {
  const [row] = await db
    .select({ token: passwordTokens, user: users })
    .from(passwordTokens)
    .innerJoin(users, eq(users.id, passwordTokens.userId))
    .where(eq(passwordTokens.tokenHash, tokenHash))
    .limit(1);
  return row ?? null;
}

/**
 * Spends a token in one statement: only an unused, unexpired one is marked used, so of two requests with the same
 * token exactly one gets the row. Null when it was not usable.
 */
export async function spendPasswordToken(db: Database, tokenHash: string, now: Date): Promise<PasswordTokenRow | null> {
  const [row] = await db
    .update(passwordTokens)
    .set({ usedAt: now })
    .where(
      and(eq(passwordTokens.tokenHash, tokenHash), isNull(passwordTokens.usedAt), gt(passwordTokens.expiresAt, now)),
    )
    .returning();
  return row ?? null;
}

/** Withdraws a user's unused tokens (marked used now): a password set, or a fresh link sent, leaves no older link working. */
export async function withdrawPasswordTokens(db: Database, userId: string, now: Date): Promise<number> {
  const rows = await db
    .update(passwordTokens)
    .set({ usedAt: now })
    .where(and(eq(passwordTokens.userId, userId), isNull(passwordTokens.usedAt), gt(passwordTokens.expiresAt, now)))
    .returning({ id: passwordTokens.id });
  return rows.length;
}

/** Serialises requests about one email address within a transaction (the per-address mail limit holds under bursts). */
export async function lockEmailAddress(db: Database, scope: string, email: string): Promise<void> {
  await db.execute(sql`select pg_advisory_xact_lock(hashtext(${`${scope}:${email}`}))`);
}
