import { and, count, eq, gt, inArray, lt, min } from 'drizzle-orm';
import type { Database } from '../../db/database';
import { loginFailures } from '../../db/schema';

/** Records an attempt under each key; returns the row ids (a successful attempt removes its rows). */
export async function insertLoginAttempts(db: Database, keys: string[], at: Date): Promise<number[]> {
  const rows = await db.insert(loginFailures).values(keys.map((key) => ({ key, failedAt: at }))).returning({ id: loginFailures.id });
  return rows.map((row) => row.id);
}

export async function deleteLoginAttempts(db: Database, ids: number[]): Promise<void> {
  await db.delete(loginFailures).where(inArray(loginFailures.id, ids));
}

/** Failures of a key since a time, and the oldest of them (to tell when the window frees up). */
export async function countLoginFailures(db: Database, key: string, since: Date) {
  const [row] = await db
    .select({ failures: count(), oldest: min(loginFailures.failedAt) })
    .from(loginFailures)
    .where(and(eq(loginFailures.key, key), gt(loginFailures.failedAt, since)));
  return { failures: row?.failures ?? 0, oldest: row?.oldest ?? null };
}

export async function deleteLoginFailures(db: Database, keys: string[]): Promise<void> {
  await db.delete(loginFailures).where(inArray(loginFailures.key, keys));
}

export async function deleteLoginFailuresBefore(db: Database, before: Date): Promise<void> {
  await db.delete(loginFailures).where(lt(loginFailures.failedAt, before));
}
