import type { Database } from './database';

/** The transaction helper: the one place outside repositories that opens a transaction on a database handle. */

/** Runs work in one transaction of the database, handing it the transaction as a Database (repositories take either). */
export async function runInTransaction<T>(db: Database, work: (transaction: Database) => Promise<T>): Promise<T> {
  return db.transaction(async (transaction) => work(transaction as unknown as Database));
}
