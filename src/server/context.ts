import type { Database } from './db/database';

/** What services depend on, handed in by the app (tests hand in their own clock and database). */
export interface ServiceContext {
  db: Database;
  now: () => Date;
  sessionSecret: string;
  sessionTtlMs: number;
}

/** Runs work in one transaction of the context's database. */
export async function inTransaction<T>(context: ServiceContext, work: (db: Database) => Promise<T>): Promise<T> {
  return context.db.transaction(async (transaction) => work(transaction as unknown as Database));
}
