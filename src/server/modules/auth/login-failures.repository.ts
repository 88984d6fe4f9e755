import { and, count, eq, gt, inArray, lt, max, min } from 'drizzle-orm';
import type { Database } from '../../db/database';
import { loginFailures } from './auth.tables';

/** Records an attempt under each key; returns the row ids (a successful or refused attempt removes its rows). */
export async function insertLoginAttempts(db: Database, keys: string[], at: Date): Promise<number[]> {
  const rows = await db
    .insert(loginFailures)
    .values(keys.map((key) => ({ key, failedAt: at })))
    .returning({ id: loginFailures.id });
  return rows.map((row) => row.id);
}

export async function deleteLoginAttempts(db: Database, ids: number[]): Promise<void> {
  await db.delete(loginFailures).where(inArray(loginFailures.id, ids));
}

/**
 * Failures of a key since a time recorded before the attempt `beforeId` (ids follow the order attempts began in, so
 * of parallel attempts each sees those that began before it), with the oldest and the latest of them.
 */
export async function countLoginFailuresBefore(db: Database, key: string, since: Date, beforeId: number) {
  const [row] = await db
    .select({ failures: count(), oldest: min(loginFailures.failedAt), latest: max(loginFailures.failedAt) })
    .from(loginFailures)
    .where(and(eq(loginFailures.key, key), gt(loginFailures.failedAt, since), lt(loginFailures.id, beforeId)));
  return { failures: row?.failures ?? 0, oldest: row?.oldest ?? null, latest: row?.latest ?? null };
}

export async function deleteLoginFailures(db: Database, keys: string[]): Promise<void> {
  await db.delete(loginFailures).where(inArray(loginFailures.key, keys));
}

export async function deleteLoginFailuresBefore(db: Database, before: Date): Promise<void> {
  await db.delete(loginFailures).where(lt(loginFailures.failedAt, before));
}
