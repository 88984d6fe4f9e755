import type { PGlite } from '@electric-sql/pglite';
import { sql } from 'drizzle-orm';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import type { Client as PgClient, Pool, PoolClient } from 'pg';
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
  const client =
    typeof source === 'string'
      ? await PGliteClient.create({ dataDir: source, extensions: await embeddedExtensions() })
      : source;
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
  const pool = new (guardedPoolClass(pg.Pool))({
    connectionString: url,
    max: poolSize,
    connectionTimeoutMillis: 10_000,
  });
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
    listen: (channel, handlers) =>
      listenOnPostgres((clientConfig) => new pg.Client(clientConfig), url, channel, handlers),
    close: async () => {
      await pool.end();
    },
  };
}

type PoolClass = typeof Pool;
type PoolConfig = ConstructorParameters<PoolClass>[0];
type ConnectCallback = (
  error: Error | undefined,
  client: PoolClient | undefined,
  done: (release?: unknown) => void,
) => void;

/**
 * A pg pool whose clients survive a connection dropped while they are checked out (a server restart, an administrator's
 * pg_terminate_backend). pg takes its own error listener off a client it hands out, and an 'error' nobody hears is an
 * uncaught exception that ends the process; the queries of that client fail by themselves. A checked-out client whose
 * connection dropped is handed back at once, marked broken: drizzle's transaction never releases a client whose BEGIN
 * failed, and each one leaked so would hold a slot of the pool until every request waited for a connection.
 */
function guardedPoolClass(Pool: PoolClass): PoolClass {
  class GuardedPool extends Pool {
    readonly #brokenClients = new WeakSet<object>();
    readonly #releaseBroken = new WeakMap<object, () => void>();

    constructor(config?: PoolConfig) {
      super(config);
      // Added when the client is created and never removed: the error can arrive in the same chunk of data that ended
      // the previous query, after the pool handed the client out and before its new holder could listen.
      this.on('connect', (client) => {
        client.on('error', () => {
          this.#brokenClients.add(client);
          this.#releaseBroken.get(client)?.();
        });
      });
    }

    override connect(): Promise<PoolClient>;
    override connect(callback: ConnectCallback): void;
    override connect(callback?: ConnectCallback): Promise<PoolClient> | void {
      // The callback form is pool.query's own, which releases the client itself when it fails.
      if (callback !== undefined) return super.connect(callback);
      return super.connect().then((client) => {
        const release = client.release.bind(client);
        let isReleased = false;
        const releaseOnce = (error?: Error | boolean) => {
          if (isReleased) return;
          isReleased = true;
          this.#releaseBroken.delete(client);
          release(error ?? this.#brokenClients.has(client));
        };
        client.release = releaseOnce;
        if (this.#brokenClients.has(client)) releaseOnce(true);
        else this.#releaseBroken.set(client, () => releaseOnce(true));
        return client;
      });
    }
  }
  return GuardedPool;
}

const connectionLostCodes = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
]);
// pg's own errors for a connection that ended or never came, which carry no code.
const connectionLostMessages = ['Connection terminated', 'is not queryable', 'timeout exceeded when trying to connect'];

/**
 * Whether an error says the database server cannot be reached (refused, dropped, shut down, out of connections), as
 * opposed to a statement it refused: a request that met it may succeed when retried later.
 */
export function isDatabaseUnreachable(error: unknown): boolean {
  for (
    let current: unknown = error, depth = 0;
    current instanceof Error && depth < 4;
    current = current.cause, depth += 1
  ) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string') {
      // SQLSTATE 08: connection exception; 57P01–57P03: the server is shutting down or starting; 53300: too many connections.
      if (/^08[0-9A-Z]{3}$/.test(code) || /^57P0[123]$/.test(code) || code === '53300') return true;
      if (connectionLostCodes.has(code)) return true;
    }
    if (connectionLostMessages.some((message) => current instanceof Error && current.message.includes(message)))
      return true;
  }
  return false;
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
    const client = createClient({
      connectionString: url,
      keepAlive: true,
      application_name: `engage-listen-${channel}`,
    });
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
