import type { Database } from '../../db/database';
import type { ProjectRow } from './projects.repository';

/*
 * The process facts that other modules own (delivery's checklists and signatures, …), published to the projects
 * module through providers: the engine's criteria are gathered here without projects importing the modules that record
 * them, which sit above it. Each module registers its provider in a `<module>.process-facts.ts` file; the app wires
 * them at start (modules/register-providers.ts).
 */

/** The criteria a module's records make hold for a project, read through the caller's handle (its transaction). */
export type ProcessFactsProvider = (db: Database, project: ProjectRow) => Promise<Readonly<Record<string, boolean>>>;

const providers = new Map<string, ProcessFactsProvider>();

/** Registers (or replaces) the provider of the module named `owner`. */
export function registerProcessFactsProvider(owner: string, provider: ProcessFactsProvider): void {
  providers.set(owner, provider);
}

/** Every provider's criteria for the project, merged in the order they were registered. */
export async function readProvidedFacts(db: Database, project: ProjectRow): Promise<Record<string, boolean>> {
  const facts: Record<string, boolean> = {};
  // One after the other: on PGlite the transaction's handle takes one query at a time anyway.
  for (const provider of providers.values()) Object.assign(facts, await provider(db, project));
  return facts;
}
