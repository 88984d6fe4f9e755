import { and, eq, lt, ne, sql } from 'drizzle-orm';
import type { Database } from '../../db/database';
import { queryNamed } from '../../db/named-query';
import { sessions, type StaffSessionRow as SessionRow } from './auth.tables';
import type { StaffIdentity } from '../../identity';
import type { ActiveSession } from './session-cache';

export type { SessionRow };

export async function insertSession(db: Database, session: typeof sessions.$inferInsert): Promise<void> {
  await db.insert(sessions).values(session);
}

/**
 * The session and its user, when the session exists, has not expired and the user is active.
 * Runs on every authenticated request, hence one prepared statement returning only what a request needs.
 */
export async function findActiveSession(db: Database, tokenHash: string, now: Date): Promise<ActiveSession | null> {
  const [row] = await queryNamed<Omit<StaffIdentity, 'createdAt'> & { createdAtMs: number; expiresAtMs: number }>(
    db,
    'session_lookup',
    sql`select u.id, u.email, u.name, u.role, u.language, u.is_disabled as "isDisabled", u.teams, u.phone,
               (extract(epoch from u.created_at) * 1000)::float8 as "createdAtMs",
               (extract(epoch from s.expires_at) * 1000)::float8 as "expiresAtMs"
          from sessions s
          join users u on u.id = s.user_id
         where s.token_hash = ${tokenHash} and s.expires_at > ${now.toISOString()}::timestamptz and not u.is_disabled`,
  );
  if (row === undefined) return null;
  const { createdAtMs, expiresAtMs, ...user } = row;
  return { expiresAt: new Date(expiresAtMs), user: { ...user, createdAt: new Date(createdAtMs) } };
}

export async function extendSession(db: Database, tokenHash: string, expiresAt: Date): Promise<void> {
  await db.update(sessions).set({ expiresAt }).where(eq(sessions.tokenHash, tokenHash));
}

export async function deleteSession(db: Database, tokenHash: string): Promise<void> {
  await db.delete(sessions).where(eq(sessions.tokenHash, tokenHash));
}

/** Ends every session of a user; answers how many there were. */
export async function deleteUserSessions(db: Database, userId: string): Promise<number> {
  return (await db.delete(sessions).where(eq(sessions.userId, userId)).returning({ tokenHash: sessions.tokenHash }))
    .length;
}

/** Ends every session of a user but one (the one they are using); answers how many ended. */
export async function deleteOtherUserSessions(db: Database, userId: string, keptTokenHash: string): Promise<number> {
  return (
    await db
      .delete(sessions)
      .where(and(eq(sessions.userId, userId), ne(sessions.tokenHash, keptTokenHash)))
      .returning({ tokenHash: sessions.tokenHash })
  ).length;
}

export async function deleteExpiredSessions(db: Database, now: Date): Promise<void> {
  await db.delete(sessions).where(lt(sessions.expiresAt, now));
}
