/** What the reminders' sweep asks of the requirement list. */
import type { Database } from '../../db/database';
import {
  listOpenContactRequirements,
  listProjectsWithRequirementsToRemind,
  lockReviewToRemind,
  markRequirementsReminded,
} from './requirements.repository';
/** Projects at requirements fulfilment whose confirmed review is due a reminder (the reminders' sweep). */
export async function findProjectsWithRequirementsToRemind(db: Database, cutoff: Date): Promise<string[]> {
  return listProjectsWithRequirementsToRemind(db, cutoff);
}

/** Locks a project's review in the caller's transaction when it is due a reminder; false when it is not (or held). */
export async function lockRequirementsToRemind(db: Database, projectId: string, cutoff: Date): Promise<boolean> {
  return lockReviewToRemind(db, projectId, cutoff);
}

/** A project's requirements waiting on the customer or partner (open or sent back), oldest first. */
export async function listRequirementsToRemind(
  db: Database,
  projectId: string,
): Promise<{ title: { en: string; it: string }; category: string; status: 'open' | 'sent-back' }[]> {
  return listOpenContactRequirements(db, projectId);
}

/** Records in the caller's transaction that a project's requirements were reminded now. */
export async function recordRequirementsReminded(db: Database, projectId: string, now: Date): Promise<void> {
  await markRequirementsReminded(db, projectId, now);
}
