import type { ServiceContext } from '../../context';
import type { Database } from '../../db/database';
import type { Actor } from '../../identity';

/*
 * What other modules do when a questionnaire is submitted for the first time (requirements generates the application's
 * list straight away). Requirements derive from the answers and sit above questionnaires, so they register here at
 * start (modules/register-providers.ts) rather than questionnaires importing them.
 */

/** Runs inside the submission's transaction, before the project's process is advanced. */
export type FirstSubmissionListener = (
  context: ServiceContext,
  db: Database,
  actor: Actor,
  projectId: string,
  applicationKey: string,
) => Promise<void>;

const listeners = new Map<string, FirstSubmissionListener>();

/** Registers (or replaces) the listener of the module named `owner`. */
export function onFirstSubmission(owner: string, listener: FirstSubmissionListener): void {
  listeners.set(owner, listener);
}

/** Tells every listener, one after the other, that the questionnaire was submitted for the first time. */
export async function announceFirstSubmission(...args: Parameters<FirstSubmissionListener>): Promise<void> {
  for (const listener of listeners.values()) await listener(...args);
}
