import { createHmac, randomBytes } from 'node:crypto';
import { inTransaction, type ServiceContext } from '../../context';
import type { Database } from '../../db/database';
import { refuse } from '../../errors';
import type { Actor } from '../audit/actor';
import { recordAuditEvent } from '../audit/audit.service';
import { recordRefusal } from '../audit/refusals.service';
import { findUserByEmail, type StaffIdentity, type UserRow } from '../users/users.service';
import { deleteLoginFailuresBefore } from './login-failures.repository';
import { admitPasswordAttempt, forgetSucceededAttempt, loginLimits } from './login-throttle';
import { verifyAgainstDummy, verifyPassword } from './passwords';
import {
  deleteExpiredSessions,
  deleteSession,
  extendSession,
  findActiveSession,
  insertSession,
} from './sessions.repository';

/** The stored form of a session token: its HMAC under the session secret. */
export function hashSessionToken(context: ServiceContext, token: string): string {
  return createHmac('sha256', context.sessionSecret).update(token).digest('base64url');
}

export interface LoginResult {
  user: UserRow;
  token: string;
  expiresAt: Date;
}

/**
 * Checks email and password, slowed per account and address and limited per address (login-throttle.ts), and opens a
 * new session (ending the one presented, if any). Throws rate_limited or invalid_credentials (the same for an unknown
 * email).
 */
export async function login(
  context: ServiceContext,
  input: { email: string; password: string; previousToken: string | null; ip: string | null; userAgent: string | null },
): Promise<LoginResult> {
  const email = input.email.toLowerCase();
  const anonymous: Actor = { userId: null, role: null, name: null, ip: input.ip };
  let attempt;
  try {
    attempt = await admitPasswordAttempt(context, email, input.ip);
  } catch (error) {
    // No password was checked: a refusal counted per client, whichever accounts a flood names.
    await recordRefusal(context, context.db, anonymous, {
      action: 'auth.login.rate_limited',
      subjectType: 'user',
      after: { email },
    });
    throw error;
  }
  const user = await findUserByEmail(context.db, email);
  let isValid = false;
  // An invited user who has not set a password yet cannot log in with any, and costs the same time as an unknown email.
  if (user === null || user.passwordHash === null) {
    await verifyAgainstDummy(input.password);
  } else {
    isValid = (await verifyPassword(user.passwordHash, input.password)) && !user.isDisabled;
  }
  if (user === null || !isValid) {
    const failed = {
      action: 'auth.login.failed',
      subjectType: 'user',
      subjectId: user?.id,
      after: {
        email,
        reason:
          user === null
            ? 'unknown email'
            : user.isDisabled
              ? 'account disabled'
              : user.passwordHash === null
                ? 'no password set yet'
                : 'wrong password',
      },
    };
    // A known account's failures are audited one by one (the growing delay bounds them): someone is trying that
    // account. An unknown email touches no account, and is what a flood is made of: counted per client.
    if (user === null) await recordRefusal(context, context.db, anonymous, failed);
    else await recordAuditEvent(context.db, { ...anonymous, userId: user.id, name: user.name }, failed);
    throw refuse('invalid_credentials', 'auth.invalid_credentials');
  }

  const session = await inTransaction(context, async (db) => {
    if (input.previousToken !== null) await deleteSession(db, hashSessionToken(context, input.previousToken));
    const opened = await openSession(context, db, user, input);
    await forgetSucceededAttempt(db, attempt);
    await recordAuditEvent(
      db,
      { userId: user.id, role: user.role, name: user.name, ip: input.ip },
      {
        action: 'auth.login.succeeded',
        subjectType: 'user',
        subjectId: user.id,
      },
    );
    return opened;
  });
  // The session the log-in replaced is gone.
  if (input.previousToken !== null) context.sessionCache.invalidate();
  return { user, ...session };
}

/** Opens a new session for a user inside the caller's transaction; answers its token (for the cookie only) and expiry. */
export async function openSession(
  context: ServiceContext,
  db: Database,
  user: Pick<UserRow, 'id'>,
  client: { ip: string | null; userAgent: string | null },
): Promise<{ token: string; expiresAt: Date }> {
  const now = context.now();
  const token = randomBytes(32).toString('base64url');
  const expiresAt = new Date(now.getTime() + context.sessionTtlMs);
  await insertSession(db, {
    tokenHash: hashSessionToken(context, token),
    userId: user.id,
    createdAt: now,
    expiresAt,
    ip: client.ip,
    userAgent: client.userAgent?.slice(0, 500) ?? null,
  });
  return { token, expiresAt };
}

/** Ends the session of a token (no error when it is already gone). */
export async function logout(context: ServiceContext, token: string, ip: string | null): Promise<void> {
  const tokenHash = hashSessionToken(context, token);
  await inTransaction(context, async (db) => {
    const found = await findActiveSession(db, tokenHash, context.now());
    await deleteSession(db, tokenHash);
    if (found !== null) {
      const { user } = found;
      await recordAuditEvent(
        db,
        { userId: user.id, role: user.role, name: user.name, ip },
        { action: 'auth.logout', subjectType: 'user', subjectId: user.id },
      );
    }
  });
  context.sessionCache.invalidate();
}

/** The active user of a session token, or null; slides the expiry forward once half of it has passed. */
export async function resolveSession(context: ServiceContext, token: string): Promise<StaffIdentity | null> {
  const tokenHash = hashSessionToken(context, token);
  const now = context.now();
  const cache = context.sessionCache;
  let found = cache.lookup(tokenHash, now.getTime());
  if (found === undefined) {
    const generation = cache.generation;
    const active = await findActiveSession(context.db, tokenHash, now);
    if (active === null) return null;
    cache.store(tokenHash, active, generation, now.getTime());
    found = active;
  }
  if (found.expiresAt.getTime() - now.getTime() < context.sessionTtlMs / 2) {
    await extendSession(context.db, tokenHash, new Date(now.getTime() + context.sessionTtlMs));
    cache.invalidate();
  }
  return found.user;
}

/** Removes expired sessions and old log-in failures. */
export async function pruneAuthData(context: ServiceContext): Promise<void> {
  const now = context.now();
  await deleteExpiredSessions(context.db, now);
  await deleteLoginFailuresBefore(
    context.db,
    new Date(now.getTime() - Math.max(loginLimits.pairMemoryMs, loginLimits.addressWindowMs)),
  );
}
