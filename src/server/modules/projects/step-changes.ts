import type { Party } from '../../../domain/process';
import type { Database } from '../../db/database';
import type { ProjectRow } from './projects.repository';

/*
 * What other modules do when a project's current step changes (delivery tells the customer or partner that a checklist
 * of theirs opened). Projects sit below those modules, so they announce the change to the listeners registered at
 * start (modules/register-providers.ts) rather than importing them.
 */

export interface StepOpened {
  /** The project as it is now, with its new current step. */
  project: ProjectRow;
  stepKey: string;
  /** Who the template says holds the ball at this step. */
  ballWith: readonly Party[];
  now: Date;
}

/** Runs inside the transaction that moved the project, through its handle. */
export type StepOpenedListener = (db: Database, opened: StepOpened) => Promise<void>;

const listeners = new Map<string, StepOpenedListener>();

/** Registers (or replaces) the listener of the module named `owner`. */
export function onStepOpened(owner: string, listener: StepOpenedListener): void {
  listeners.set(owner, listener);
}

/** Tells every listener, one after the other, that a step became the project's current step. */
export async function announceStepOpened(db: Database, opened: StepOpened): Promise<void> {
  for (const listener of listeners.values()) await listener(db, opened);
}
