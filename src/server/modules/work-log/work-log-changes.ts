import type { Database } from '../../db/database';

/*
 * What other modules do when a project's work log changes (delivery takes the activity report awaiting signature out
 * of signing). The work log sits below delivery, so it announces the change to the listeners registered at start
 * (modules/register-providers.ts) rather than importing delivery.
 */

/** Runs inside the transaction that changed the log, through its handle. */
export type WorkLogChangeListener = (db: Database, projectId: string, now: Date) => Promise<void>;

const listeners = new Map<string, WorkLogChangeListener>();

/** Registers (or replaces) the listener of the module named `owner`. */
export function onWorkLogChanged(owner: string, listener: WorkLogChangeListener): void {
  listeners.set(owner, listener);
}

/** Tells every listener, one after the other, that the project's work log changed. */
export async function announceWorkLogChanged(db: Database, projectId: string, now: Date): Promise<void> {
  for (const listener of listeners.values()) await listener(db, projectId, now);
}
