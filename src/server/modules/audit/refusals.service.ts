import type { ServiceContext } from '../../context';
import { inTransaction } from '../../context';
import type { Database } from '../../db/database';
import { deleteEndedDatabaseWindows, hitDatabaseWindow } from '../../http/rate-limit-windows.repository';
import type { Actor } from './actor';
import { recordAuditEvent, type AuditEventInput } from './audit.service';

/** How long one client's refusals of one kind are gathered into one count. */
export const refusalWindowMs = 15 * 60 * 1000;

const keyPrefix = 'refusal|';

/** The event that says how many more refusals of `action` one client had in a window after the first, audited as itself. */
export function repeatedRefusalEvent(action: string, count: number, windowMs: number): AuditEventInput {
  return {
    action: `${action}.repeated`,
    subjectType: 'client',
    after: { count, windowMinutes: Math.round(windowMs / 60_000) },
  };
}

/**
 * Audits a refusal of an anonymous client once per window rather than once per request: the first refusal of a kind
 * (the event's action) from an address in a window is written as given, the others are only counted, and the count is
 * written as one `<action>.repeated` event by the client's next refusal after the window ended, or by the hourly prune
 * (pruneRefusalWindows). Call it for refusals that touch no account (an unknown email, a fresh-link request that sent
 * nothing, a refused attempt): a failed password check of a known account is audited with recordAuditEvent, each one.
 * Runs in the caller's transaction when `db` is one.
 */
export async function recordRefusal(
  context: ServiceContext,
  db: Database,
  actor: Actor,
  event: AuditEventInput,
): Promise<void> {
  const hit = await hitDatabaseWindow(db, {
    key: `${keyPrefix}${event.action}|${actor.ip ?? 'unknown'}`,
    now: context.now(),
    windowMs: refusalWindowMs,
    freeHits: 1,
  });
  if (hit.carried > 0)
    await recordAuditEvent(db, actor, repeatedRefusalEvent(event.action, hit.carried, refusalWindowMs));
  if (hit.hits === 1) await recordAuditEvent(db, actor, event);
}

/** Writes the counts of the refusal windows that ended and removes them (the hourly prune). */
export async function pruneRefusalWindows(context: ServiceContext): Promise<void> {
  await inTransaction(context, async (db) => {
    for (const window of await deleteEndedDatabaseWindows(db, keyPrefix, context.now())) {
      if (window.hits <= 1) continue;
      const [action = 'unknown', ip = 'unknown'] = window.key.slice(keyPrefix.length).split('|');
      const actor: Actor = { userId: null, role: null, name: null, ip: ip === 'unknown' ? null : ip };
      await recordAuditEvent(db, actor, repeatedRefusalEvent(action, window.hits - 1, refusalWindowMs));
    }
  });
}
