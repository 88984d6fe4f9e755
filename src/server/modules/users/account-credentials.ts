import type { ServiceContext } from '../../context';
import type { Database } from '../../db/database';
import type { Actor, StaffActor } from '../../identity';
import type { UserRow } from './users.repository';

/*
 * What administering staff accounts needs from authentication: the password rules and hashing, password links and
 * sessions. Auth sits above users (it reads user rows through users.service), so it hands these in at start
 * (modules/register-providers.ts) rather than users importing auth.
 */
export interface AccountCredentials {
  /** Throws weak_password (at `field`) when the password is too easy to guess, knowing the user's own words. */
  checkNewPassword: (password: string, personal: readonly string[], field: string) => Promise<void>;
  hashPassword: (password: string) => Promise<string>;
  generatePassword: () => string;
  /** Withdraws the user's unused password links; answers how many. */
  withdrawPasswordTokens: (db: Database, userId: string, now: Date) => Promise<number>;
  /** Clears the password, ends the sessions and emails a link to choose a new one; answers how many sessions ended. */
  clearPasswordAndEmailLink: (
    context: ServiceContext,
    db: Database,
    actor: StaffActor,
    user: UserRow,
  ) => Promise<number>;
  /** Ends every session of the user; answers how many. */
  deleteUserSessions: (db: Database, userId: string) => Promise<number>;
  queueInvitationEmail: (
    context: ServiceContext,
    db: Database,
    actor: Actor,
    user: UserRow,
    inviter: { name: string; email: string },
  ) => Promise<void>;
}

let registered: AccountCredentials | null = null;

/** Hands in auth's implementation (once, at start). */
export function registerAccountCredentials(credentials: AccountCredentials): void {
  registered = credentials;
}

/** Auth's implementation; throws when the app has not wired it. */
export function accountCredentials(): AccountCredentials {
  if (registered === null)
    throw new Error('auth has not registered the account credentials (modules/register-providers.ts)');
  return registered;
}
