import type { PGlite } from '@electric-sql/pglite';
import { sql } from 'drizzle-orm';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import type { Client as PgClient } from 'pg';
import { migrationsFolder } from '../paths';
import * as schema from './schema';

// Each driver is imported only when it is used: the embedded default never loads pg, and a server never loads PGlite.

export type Schema = typeof schema;
/** A database or a transaction handle: repositories take either. */
export type Database = PgDatabase<PgQueryResultHKT, Schema>;

export interface DatabaseConnection {
  db: Database;
  kind: 'embedded' | 'postgres';
  /** What the job queue (pg-boss) connects through: the same PGlite instance, or its own pool on the same server. */
  driver: { kind: 'embedded'; client: PGlite } | { kind: 'postgres'; url: string };
  /** Applies the migrations of src/server/db/migrations that are not applied yet. */
  migrate: () => Promise<void>;
  ping: () => Promise<void>;
  /**
   * Listens for NOTIFY on a channel until the returned function is called. `onAvailable(false)` says notifications may
   * be missed (the listening connection is down; it reconnects by itself), `onAvailable(true)` that they arrive again.
   */
  listen: (channel: string, handlers: ListenHandlers) => Promise<() => Promise<void>>;
  close: () => Promise<void>;
}

export interface ListenHandlers {
  onNotify: () => void;
  onAvailable: (available: boolean) => void;
}

/** The PostgreSQL extensions the migrations create, as PGlite loads them (pass to every `PGlite.create`). */
export async function embeddedExtensions() {
  const { btree_gist } = await import('@electric-sql/pglite/contrib/btree_gist');
  return { btree_gist };
}

/** Opens the embedded database: a data directory path, or an already created PGlite instance (tests). */
export async function openEmbeddedDatabase(source: string | PGlite): Promise<DatabaseConnection> {
  const [{ PGlite: PGliteClient }, { drizzle: drizzlePglite }, { migrate: migratePglite }] = await Promise.all([
    import('@electric-sql/pglite'),
    import('drizzle-orm/pglite'),
    import('drizzle-orm/pglite/migrator'),
  ]);
  const client = typeof source === 'string' ? await PGliteClient.create({ dataDir: source, extensions: await embeddedExtensions() }) : source;
  const db = drizzlePglite({ client, schema }) as unknown as Database;
  return {
    db,
    kind: 'embedded',
    driver: { kind: 'embedded', client },
    migrate: async () => {
      await migratePglite(db as unknown as Parameters<typeof migratePglite>[0], { migrationsFolder });
    },
    ping: async () => {
      await db.execute(sql`select 1`);
    },
    // One process owns the data directory (data-dir-lock.ts), so its own connection hears every change.
    listen: async (channel, handlers) => {
      const unlisten = await client.listen(channel, () => handlers.onNotify());
      handlers.onAvailable(true);
      return async () => {
        handlers.onAvailable(false);
        if (!client.closed) await unlisten();
      };
    },
    close: async () => {
      if (!client.closed) await client.close();
    },
  };
}

/** Opens a PostgreSQL server through a pg pool. */
export async function openPostgresDatabase(url: string, poolSize = 10): Promise<DatabaseConnection> {
  const [{ default: pg }, { drizzle: drizzlePostgres }, { migrate: migratePostgres }] = await Promise.all([
    import('pg'),
    import('drizzle-orm/node-postgres'),
    import('drizzle-orm/node-postgres/migrator'),
  ]);
  const pool = new pg.Pool({ connectionString: url, max: poolSize, connectionTimeoutMillis: 10_000 });
  // An idle client's network error must not crash the process; the next query reports it.
  pool.on('error', () => {});
  const db = drizzlePostgres({ client: pool, schema }) as unknown as Database;
  const client = await pool.connect().catch(async (error: unknown) => {
    await pool.end();
    throw new Error(`Cannot reach the PostgreSQL server of DATABASE_URL: ${(error as Error).message}`);
  });
  try {
    const { rows } = await client.query<{ server_version_num: string }>('show server_version_num');
    const version = Number(rows[0]?.server_version_num ?? 0);
    if (version < 150000 || version >= 190000) {
      throw new Error(`Engage needs PostgreSQL 15 to 18; the server of DATABASE_URL runs version ${version}.`);
    }
  } catch (error) {
    client.release();
    await pool.end();
    throw error;
  }
  client.release();
  return {
    db,
    kind: 'postgres',
    driver: { kind: 'postgres', url },
    migrate: async () => {
      await migratePostgres(db as unknown as Parameters<typeof migratePostgres>[0], { migrationsFolder });
    },
    ping: async () => {
      await db.execute(sql`select 1`);
    },
    listen: (channel, handlers) => listenOnPostgres((clientConfig) => new pg.Client(clientConfig), url, channel, handlers),
    close: async () => {
      await pool.end();
    },
  };
}

const listenRetryMs = { first: 250, max: 30_000 };

/**
 * LISTEN on a dedicated connection (a pooled one would be handed to queries), reconnecting with backoff when it drops.
 * Resolves once the first attempt has succeeded or failed: start-up does not wait for a server that is away.
 */
async function listenOnPostgres(
  createClient: (config: { connectionString: string; keepAlive: boolean; application_name: string }) => PgClient,
  url: string,
  channel: string,
  handlers: ListenHandlers,
): Promise<() => Promise<void>> {
  if (!/^[a-z_][a-z0-9_]*$/.test(channel)) throw new Error(`not a channel name: ${channel}`);
  let current: PgClient | null = null;
  let stopped = false;
  let retryMs = listenRetryMs.first;
  let timer: NodeJS.Timeout | undefined;

  const retryLater = () => {
    if (stopped) return;
    timer = setTimeout(() => void connect(), retryMs);
    timer.unref();
    retryMs = Math.min(retryMs * 2, listenRetryMs.max);
  };
  const connect = async () => {
    const client = createClient({ connectionString: url, keepAlive: true, application_name: `engage-listen-${channel}` });
    // A dropped connection emits 'error' and then 'end'; 'end' is where it is handled.
    client.on('error', () => {});
    client.on('notification', (message) => {
      if (message.channel === channel) handlers.onNotify();
    });
    client.on('end', () => {
      if (current !== client) return;
      current = null;
      handlers.onAvailable(false);
      retryLater();
    });
    try {
      await client.connect();
      await client.query(`listen ${channel}`);
    } catch {
      await client.end().catch(() => {});
      retryLater();
      return;
    }
    if (stopped) {
      await client.end().catch(() => {});
      return;
    }
    current = client;
    retryMs = listenRetryMs.first;
    handlers.onAvailable(true);
  };

  await connect();
  return async () => {
    stopped = true;
    clearTimeout(timer);
    const client = current;
    current = null;
    handlers.onAvailable(false);
    await client?.end().catch(() => {});
  };
}
