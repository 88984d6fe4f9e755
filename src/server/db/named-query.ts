import type { SQL } from 'drizzle-orm';
import { PgDialect } from 'drizzle-orm/pg-core';
import type { Database } from './database';

const dialect = new PgDialect();

/**
 * Runs an SQL statement as a named prepared statement and returns its rows as the driver gives them.
 * On PostgreSQL each connection plans a name once and reuses the plan, which for the hot reads (session, pipeline)
 * cost more than executing them (bench/). One name must always carry the same SQL text: build the name from
 * whatever changes the text (which filters are present), never from values. The embedded database ignores names.
 */
export async function queryNamed<Row>(db: Database, name: string, statement: SQL): Promise<Row[]> {
  const prepared = db._.session.prepareQuery(dialect.sqlToQuery(statement), undefined, name, false);
  const result = (await prepared.execute()) as { rows: Row[] };
  return result.rows;
}
