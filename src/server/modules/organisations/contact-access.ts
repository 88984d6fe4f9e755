import type { ServiceContext } from '../../context';
import type { Database } from '../../db/database';
import type { StaffActor } from '../../identity';

/*
 * What the portal does when a contact's address changes or the contact is disabled: their personal links stop working
 * (and, when disabled, their sessions end). The portal sits above organisations, so it hands this in at start
 * (modules/register-providers.ts) rather than organisations importing it.
 */
export type ContactAccessWithdrawal = (
  context: ServiceContext,
  db: Database,
  actor: StaffActor,
  contactId: string,
  options: { endSessions: boolean },
) => Promise<{ revokedLinks: number; endedSessions: number }>;

let registered: ContactAccessWithdrawal | null = null;

/** Hands in the portal's implementation (once, at start). */
export function registerContactAccessWithdrawal(withdrawal: ContactAccessWithdrawal): void {
  registered = withdrawal;
}

/** Withdraws the contact's portal access inside the caller's transaction; answers what it revoked and ended. */
export async function withdrawContactAccess(
  ...args: Parameters<ContactAccessWithdrawal>
): ReturnType<ContactAccessWithdrawal> {
  if (registered === null) throw new Error('the portal has not registered how to withdraw contact access');
  return registered(...args);
}
