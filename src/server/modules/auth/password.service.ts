import { inTransaction, type ServiceContext } from '../../context';
import type { Database } from '../../db/database';
import { translate } from '../../../domain/text/i18n';
import { refuse } from '../../errors';
import type { Actor, StaffActor } from '../audit/actor';
import { recordAuditEvent } from '../audit/audit.service';
import { recordRefusal } from '../audit/refusals.service';
import { countRecentMail } from '../mail/mail.service';
import { findUserByEmail, findUserById, lockUser, setUserPassword, type UserRow } from '../users/users.service';
import { queuePasswordResetEmail } from './account-mail';
import { hashSessionToken, openSession } from './auth.service';
import { admitPasswordAttempt, forgetSucceededAttempt } from './login-throttle';
import { checkNewPassword } from './password-policy';
import { hashPasswordToken, type PasswordTokenPurpose } from './password-tokens';
import {
  findPasswordToken,
  lockEmailAddress,
  spendPasswordToken,
  withdrawPasswordTokens,
} from './password-tokens.repository';
import { hashPassword, verifyPassword } from './passwords';
import { deleteOtherUserSessions, deleteUserSessions } from './sessions.repository';

/** What an attacker may know of a user, which their password must not be built from. */
function personalTexts(user: Pick<UserRow, 'email' | 'name'>): string[] {
  return [user.email, user.email.split('@')[0] ?? '', user.name];
}

/**
 * Sets a user's new password inside the caller's transaction: the hash and when it changed, every unused password link
 * withdrawn, and every session ended but the one kept (null: all). Answers how many sessions ended.
 */
async function replacePassword(
  context: ServiceContext,
  db: Database,
  userId: string,
  passwordHash: string | null,
  keptTokenHash: string | null,
): Promise<number> {
  const now = context.now();
  await setUserPassword(db, userId, passwordHash, now);
  await withdrawPasswordTokens(db, userId, now);
  return keptTokenHash === null ? deleteUserSessions(db, userId) : deleteOtherUserSessions(db, userId, keptTokenHash);
}

/**
 * Changes the signed-in user's own password: the current one must be given (a wrong one counts as a failed log-in from
 * that address, so a stolen session cannot guess it quickly), the new one must pass the rules, and every other session
 * of the user ends at once while this one stays. Throws validation_failed (body.currentPassword), weak_password
 * (body.newPassword) or rate_limited.
 */
export async function changeOwnPassword(
  context: ServiceContext,
  actor: StaffActor,
  input: { sessionToken: string; currentPassword: string; newPassword: string },
): Promise<{ sessionsEnded: number }> {
  const user = await findUserById(context.db, actor.userId);
  if (user === null) throw refuse('unauthenticated', 'common.log_in');
  let attempt;
  try {
    attempt = await admitPasswordAttempt(context, user.email, actor.ip);
  } catch (error) {
    await recordRefusal(context, context.db, actor, {
      action: 'auth.password.change_rate_limited',
      subjectType: 'user',
      subjectId: user.id,
    });
    throw error;
  }
  if (user.passwordHash === null || !(await verifyPassword(user.passwordHash, input.currentPassword))) {
    await recordAuditEvent(context.db, actor, {
      action: 'auth.password.change_failed',
      subjectType: 'user',
      subjectId: user.id,
      after: { reason: 'wrong current password' },
    });
    throw refuse('validation_failed', 'auth.current_password_wrong', {
      details: [{ path: 'body.currentPassword', message: translate('en', 'errors', 'auth.current_password_wrong') }],
    });
  }
  if (input.newPassword === input.currentPassword) {
    await inTransaction(context, (db) => forgetSucceededAttempt(db, attempt));
    throw refuse('validation_failed', 'auth.new_password_unchanged', {
      details: [{ path: 'body.newPassword', message: translate('en', 'errors', 'auth.new_password_unchanged') }],
    });
  }
  try {
    await checkNewPassword(input.newPassword, personalTexts(user), 'body.newPassword');
  } finally {
    // The current password was right: whatever becomes of the new one, this was no guess.
    await inTransaction(context, (db) => forgetSucceededAttempt(db, attempt));
  }
  const passwordHash = await hashPassword(input.newPassword);
  const sessionsEnded = await inTransaction(context, async (db) => {
    const locked = await lockUser(db, user.id);
    if (locked === null || locked.isDisabled) throw refuse('unauthenticated', 'common.log_in');
    const ended = await replacePassword(
      context,
      db,
      user.id,
      passwordHash,
      hashSessionToken(context, input.sessionToken),
    );
    await recordAuditEvent(db, actor, {
      action: 'auth.password.changed',
      subjectType: 'user',
      subjectId: user.id,
      after: { otherSessionsEnded: ended },
    });
    return ended;
  });
  // Committed: this process forgets the ended sessions at once; the others on their notification.
  context.sessionCache.invalidate();
  return { sessionsEnded };
}

/** How many reset emails one address may be sent in a window, so that the public form cannot flood a mailbox. */
export const resetEmailLimit = { max: 3, windowMs: 60 * 60 * 1000 };

/**
 * "Forgot your password?": emails an active user with this address a single-use link to choose a new password. The
 * caller answers the same whatever happened, so nobody learns from it whether an address has an account; unknown and
 * disabled addresses, and a fourth request within the hour, send nothing and are audited as a count per client.
 */
export async function requestPasswordReset(context: ServiceContext, email: string, ip: string | null): Promise<void> {
  const address = email.trim().toLowerCase();
  const anonymous: Actor = { userId: null, role: null, name: null, ip };
  await inTransaction(context, async (db) => {
    // Requests for one address queue up, so that the limit holds when several arrive at once.
    await lockEmailAddress(db, 'password-reset', address);
    const user = await findUserByEmail(db, address);
    const since = new Date(context.now().getTime() - resetEmailLimit.windowMs);
    const reason =
      user === null
        ? 'unknown email'
        : user.isDisabled
          ? 'account disabled'
          : (await countRecentMail(db, { kind: 'password-reset', to: address, since })) >= resetEmailLimit.max
            ? 'too many requests for this address'
            : null;
    if (user === null || reason !== null) {
      await recordRefusal(context, db, anonymous, {
        action: 'auth.password-reset.not_sent',
        subjectType: 'user',
        subjectId: user?.id,
        after: { email: address, reason },
      });
      return;
    }
    await recordAuditEvent(
      db,
      { ...anonymous, userId: user.id, name: user.name },
      { action: 'auth.password-reset.requested', subjectType: 'user', subjectId: user.id },
    );
    await queuePasswordResetEmail(context, db, anonymous, user, null);
  });
}

/** What the page of a password link shows before anything is spent. */
export interface PasswordLinkInfo {
  purpose: PasswordTokenPurpose;
  email: string;
  name: string;
  expiresAt: Date;
}

/** The user and purpose of a usable password link; throws link_unusable saying why it cannot be used. */
async function findUsableLink(context: ServiceContext, db: Database, token: string) {
  const found = await findPasswordToken(db, hashPasswordToken(context, token));
  if (found === null) {
    throw refuse('link_unusable', 'auth.link_not_valid');
  }
  if (found.token.usedAt !== null) {
    throw refuse('link_unusable', 'auth.link_used_or_replaced');
  }
  if (found.token.expiresAt.getTime() <= context.now().getTime()) {
    throw refuse(
      'link_unusable',
      found.token.purpose === 'invitation' ? 'auth.invitation_expired' : 'auth.link_expired',
    );
  }
  if (found.user.isDisabled) {
    throw refuse('link_unusable', 'auth.account_disabled');
  }
  return found;
}

/**
 * Tells the page of a password link whose it is and what it is for, changing nothing: mail scanners open every link,
 * so only the POST that sets the password spends it. Throws link_unusable.
 */
export async function inspectPasswordLink(context: ServiceContext, token: string): Promise<PasswordLinkInfo> {
  const { token: row, user } = await findUsableLink(context, context.db, token);
  return { purpose: row.purpose, email: user.email, name: user.name, expiresAt: row.expiresAt };
}

/**
 * Spends a password link and sets the new password: the link is marked used by one atomic update (of two requests with
 * it, one wins), every session of the user ends, and a new one is opened for this browser. Throws link_unusable or
 * weak_password (body.password).
 */
export async function setPasswordWithLink(
  context: ServiceContext,
  input: { token: string; password: string; ip: string | null; userAgent: string | null },
): Promise<{ user: UserRow; token: string; expiresAt: Date }> {
  const { user } = await findUsableLink(context, context.db, input.token);
  await checkNewPassword(input.password, personalTexts(user), 'body.password');
  const passwordHash = await hashPassword(input.password);
  const result = await inTransaction(context, async (db) => {
    const spent = await spendPasswordToken(db, hashPasswordToken(context, input.token), context.now());
    // Lost a race with another request, or expired meanwhile: say which, from the row as it is now.
    if (spent === null) await findUsableLink(context, db, input.token);
    const locked = await lockUser(db, user.id);
    if (spent === null || locked === null) throw refuse('link_unusable', 'auth.link_already_used');
    if (locked.isDisabled) throw refuse('link_unusable', 'auth.account_disabled');
    const sessionsEnded = await replacePassword(context, db, locked.id, passwordHash, null);
    const actor: Actor = { userId: locked.id, role: locked.role, name: locked.name, ip: input.ip };
    await recordAuditEvent(db, actor, {
      action: spent.purpose === 'invitation' ? 'auth.password.chosen' : 'auth.password.reset',
      subjectType: 'user',
      subjectId: locked.id,
      after: { tokenId: spent.id, purpose: spent.purpose, sessionsEnded },
    });
    const session = await openSession(context, db, locked, input);
    await recordAuditEvent(db, actor, {
      action: 'auth.login.succeeded',
      subjectType: 'user',
      subjectId: locked.id,
      after: { through: 'password link' },
    });
    return { user: { ...locked, passwordHash }, ...session };
  });
  context.sessionCache.invalidate();
  return result;
}

/**
 * Clears a user's password and ends their sessions inside the caller's transaction, then emails them a link to choose
 * a new one (an administrator's forced reset). Answers how many sessions ended.
 */
export async function clearPasswordAndEmailLink(
  context: ServiceContext,
  db: Database,
  actor: StaffActor,
  user: UserRow,
): Promise<number> {
  const sessionsEnded = await replacePassword(context, db, user.id, null, null);
  await queuePasswordResetEmail(context, db, actor, user, { name: actor.name });
  return sessionsEnded;
}
