import type { Database } from './db/database';
import type { SessionCache } from './modules/auth/session-cache';

/** What services depend on, handed in by the app (tests hand in their own clock and database). */
export interface ServiceContext {
  db: Database;
  now: () => Date;
  sessionSecret: string;
  sessionTtlMs: number;
  /** Sessions resolved recently; services that change users or sessions invalidate it after commit. */
  sessionCache: SessionCache;
}

/** Runs work in one transaction of the context's database. */
export async function inTransaction<T>(context: ServiceContext, work: (db: Database) => Promise<T>): Promise<T> {
  return context.db.transaction(async (transaction) => work(transaction as unknown as Database));
}
