import { sql } from 'drizzle-orm';
import type { DrizzleTransactionLike } from 'pg-boss';
import type { Database } from './database';

/** A database or transaction handle as pg-boss's `db` option, so that a job is inserted in the caller's transaction. */

/** Loads pg-boss's drizzle adapter (only when a queue is used) and answers the function that wraps a handle in it. */
export async function loadJobQueueDatabase() {
  const { fromDrizzle } = await import('pg-boss');
  return (db: Database) => fromDrizzle(db as unknown as DrizzleTransactionLike, sql);
}
