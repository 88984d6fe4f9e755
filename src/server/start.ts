import path from 'node:path';
import pino, { type Logger } from 'pino';
import { buildApp, type EngageApp } from './app';
import { ConfigError, type Config } from './config';
import type { ServiceContext } from './context';
import { openEmbeddedDatabase, openPostgresDatabase, type DatabaseConnection } from './db/database';
import { AppError } from './errors';
import { lockDataDir } from './db/data-dir-lock';
import { loadOrCreateSessionSecret } from './db/session-secret';
import { contentDirectory, defaultWebRoot } from './paths';
import { systemActor } from './modules/audit/actor';
import { syncDefaultContent } from './modules/content/content.service';
import { configuredSealCertificate, ensureSealCertificate } from './modules/delivery/seal-certificate';
import { createSmtpTransport, type MailTransport } from './email/message';
import { startJobQueue, type PgBoss } from './jobs/job-queue';
import { pruneExpiredPortalSessions } from './modules/portal/portal-access.repository';
import { sendDueReminders } from './modules/reminders/reminders.service';
import { sendDueSessionReminders } from './modules/sessions/sessions.service';
import { sendDueTurnEmails } from './modules/reminders/turn-emails.service';
import { pruneAuthData } from './modules/auth/auth.service';
import { defaultMailRetryPolicy, mailSendQueueDefinition } from './modules/mail/mail.queue';
import { createMailEnqueuer, startMailWorker } from './modules/mail/mail.worker';
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

const reminderSweepMs = 15 * 60 * 1000;
/** Turn emails wait for a project to be quiet (TURN_EMAIL_QUIET_MINUTES): the sweep looks every minute, or sooner. */
const turnSweepMs = (quietMs: number) => Math.min(60 * 1000, Math.max(1000, Math.round(quietMs / 2)));

/**
 * Starts Engage: locks the embedded data directory, opens and migrates the database, seeds the default template,
 * creates the first admin when there is no staff user, and listens. Throws DataDirLockedError before touching anything.
 */
export async function startEngage(
  config: Config,
  options: { logger?: Logger; webRoot?: string } = {},
): Promise<RunningEngage> {
  const logger = options.logger ?? pino({ level: config.logLevel });
  const lock = config.databaseUrl === undefined ? lockDataDir(config.dataDir) : null;
  let connection: DatabaseConnection | undefined;
  let stopSessionCache: (() => Promise<void>) | undefined;
  let boss: PgBoss | undefined;
  let transport: MailTransport | null = null;
  try {
    const sessionSecret = loadOrCreateSessionSecret(config.sessionSecret, config.dataDir);
    connection =
      config.databaseUrl === undefined
        ? await openEmbeddedDatabase(path.join(config.dataDir, 'pgdata'))
        : await openPostgresDatabase(config.databaseUrl, config.databasePoolSize);
    await connection.migrate();
    const sessionCache = await openSessionCache(connection, config.sessionCacheSeconds * 1000);
    stopSessionCache = sessionCache.stop;
    // The job queue only sends email so far: without SMTP nothing is enqueued, and start-up skips loading it.
    if (config.mail.smtpUrl !== undefined) {
      boss = await startJobQueue(connection, [mailSendQueueDefinition(defaultMailRetryPolicy)], logger);
      transport = await createSmtpTransport(config.mail.smtpUrl);
    }
    const context: ServiceContext = {
      db: connection.db,
      now: () => new Date(),
      sessionSecret,
      sessionTtlMs: config.sessionTtlHours * 3600 * 1000,
      sessionCache: sessionCache.cache,
      publicUrl: config.publicUrl,
      portal: config.portal,
      scheduling: config.scheduling,
      delivery: {
        supportMailbox: config.delivery.supportMailbox,
        sealCertificate: await configuredSealCertificate(config.delivery),
      },
      mail: {
        from: config.mail.from,
        messageIdDomain: config.publicUrl.hostname,
        enqueue: boss === undefined ? null : await createMailEnqueuer(boss),
      },
    };
    await seedDefaultTemplate(context);
    await syncDefaultContent(context.db, context.now(), contentDirectory, systemActor);
    const firstAdmin = await ensureFirstAdmin(context, config.admin).catch((error: unknown) => {
      // The only password a start is given comes from the environment: the refusal names the setting to change.
      if (error instanceof AppError && error.code === 'weak_password')
        throw new ConfigError([`ENGAGE_ADMIN_PASSWORD: ${error.message} (the value is not shown)`]);
      throw error;
    });
    await ensureSealCertificate(context);
    const engage = await buildApp({
      context,
      ping: connection.ping,
      publicUrl: config.publicUrl,
      trustProxy: config.trustProxy,
      logger,
      webRoot: options.webRoot ?? defaultWebRoot,
      rateLimitStore: connection.kind === 'postgres' ? 'database' : 'memory',
    });
    await engage.app.listen({ port: config.port, host: config.host });
    if (boss === undefined || transport === null)
      logger.warn(
        'SMTP_URL is not set: trial mode, every email is delivered to the trial mailbox (admins: Trial mailbox in the menu) and none leaves this server.',
      );
    else await startMailWorker(context, boss, transport);
    const pruneTimer = setInterval(
      () => {
        pruneAuthData(context)
          .then(() => pruneExpiredPortalSessions(context.db, context.now()))
          .then(() => engage.pruneRateLimits())
          .catch((error: unknown) => logger.warn({ err: error }, 'pruning expired sessions failed'));
      },
      60 * 60 * 1000,
    );
    pruneTimer.unref();
    // Reminders (overdue questionnaires, open requirements, sessions one business day ahead): a sweep every quarter of
    // an hour, safe across processes.
    const reminderTimer = setInterval(() => {
      sendDueReminders(context).catch((error: unknown) => logger.warn({ err: error }, 'sending reminders failed'));
      sendDueSessionReminders(context).catch((error: unknown) =>
        logger.warn({ err: error }, 'sending session reminders failed'),
      );
    }, reminderSweepMs);
    reminderTimer.unref();
    // Turn emails (the ball passed to a customer or partner): gathered per project side, sent once it is quiet.
    const turnTimer = setInterval(() => {
      sendDueTurnEmails(context).catch((error: unknown) => logger.warn({ err: error }, 'sending turn emails failed'));
    }, turnSweepMs(context.portal.turnQuietMs));
    turnTimer.unref();
    const openedConnection = connection;
    const openedBoss = boss;
    const openedTransport = transport;
    return {
      engage,
      connection: openedConnection,
      firstAdmin,
      url: config.publicUrl.href,
      stop: async () => {
        clearInterval(pruneTimer);
        clearInterval(reminderTimer);
        clearInterval(turnTimer);
        await engage.app.close();
        await openedBoss?.stop({ graceful: true, timeout: 10_000 });
        openedTransport?.close();
        await sessionCache.stop();
        await openedConnection.close();
        lock?.release();
      },
    };
  } catch (error) {
    await boss?.stop({ graceful: false }).catch(() => {});
    transport?.close();
    await stopSessionCache?.().catch(() => {});
    await connection?.close().catch(() => {});
    lock?.release();
    throw error;
  }
}
