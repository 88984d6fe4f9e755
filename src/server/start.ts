import path from 'node:path';
import pino, { type Logger } from 'pino';
import { buildApp, type EngageApp } from './app';
import type { Config } from './config';
import type { ServiceContext } from './context';
import { openEmbeddedDatabase, openPostgresDatabase, type DatabaseConnection } from './db/database';
import { lockDataDir } from './db/data-dir-lock';
import { loadOrCreateSessionSecret } from './db/session-secret';
import { defaultWebRoot } from './paths';
import { pruneAuthData } from './modules/auth/auth.service';
import { openSessionCache } from './modules/auth/session-cache';
import { seedDefaultTemplate } from './modules/process/process.service';
import { ensureFirstAdmin, type FirstAdminResult } from './modules/users/users.service';

export interface RunningEngage {
  engage: EngageApp;
  connection: DatabaseConnection;
  firstAdmin: FirstAdminResult;
  url: string;
  stop: () => Promise<void>;
}

/**
 * Starts Engage: locks the embedded data directory, opens and migrates the database, seeds the default template,
 * creates the first admin when there is no staff user, and listens. Throws DataDirLockedError before touching anything.
 */
export async function startEngage(config: Config, options: { logger?: Logger; webRoot?: string } = {}): Promise<RunningEngage> {
  const logger = options.logger ?? pino({ level: config.logLevel });
  const lock = config.databaseUrl === undefined ? lockDataDir(config.dataDir) : null;
  let connection: DatabaseConnection | undefined;
  let stopSessionCache: (() => Promise<void>) | undefined;
  try {
    const sessionSecret = loadOrCreateSessionSecret(config.sessionSecret, config.dataDir);
    connection =
      config.databaseUrl === undefined
        ? await openEmbeddedDatabase(path.join(config.dataDir, 'pgdata'))
        : await openPostgresDatabase(config.databaseUrl, config.databasePoolSize);
    await connection.migrate();
    const sessionCache = await openSessionCache(connection, config.sessionCacheSeconds * 1000);
    stopSessionCache = sessionCache.stop;
    const context: ServiceContext = {
      db: connection.db,
      now: () => new Date(),
      sessionSecret,
      sessionTtlMs: config.sessionTtlHours * 3600 * 1000,
      sessionCache: sessionCache.cache,
    };
    await seedDefaultTemplate(context);
    const firstAdmin = await ensureFirstAdmin(context, config.admin);
    const engage = await buildApp({
      context,
      ping: connection.ping,
      publicUrl: config.publicUrl,
      trustProxy: config.trustProxy,
      logger,
      webRoot: options.webRoot ?? defaultWebRoot,
    });
    await engage.app.listen({ port: config.port, host: config.host });
    const pruneTimer = setInterval(() => {
      pruneAuthData(context).catch((error: unknown) => logger.warn({ err: error }, 'pruning expired sessions failed'));
    }, 60 * 60 * 1000);
    pruneTimer.unref();
    const openedConnection = connection;
    return {
      engage,
      connection: openedConnection,
      firstAdmin,
      url: config.publicUrl.href,
      stop: async () => {
        clearInterval(pruneTimer);
        await engage.app.close();
        await sessionCache.stop();
        await openedConnection.close();
        lock?.release();
      },
    };
  } catch (error) {
    await stopSessionCache?.().catch(() => {});
    await connection?.close().catch(() => {});
    lock?.release();
    throw error;
  }
}
