import fs from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import { inject } from 'vitest';
import { buildApp, type EngageApp } from '../app';
import {
  defaultPortalSettings,
  defaultSchedulingSettings,
  type PortalSettings,
  type SchedulingSettings,
} from '../config';
import type { ServiceContext } from '../context';
import {
  embeddedExtensions,
  openEmbeddedDatabase,
  openPostgresDatabase,
  type DatabaseConnection,
} from '../db/database';
import { createSmtpTransport } from '../email/message';
import { startJobQueue, type PgBoss } from '../jobs/job-queue';
import { openSessionCache } from '../modules/auth/session-cache';
import { mailSendQueueDefinition, type MailRetryPolicy } from '../modules/mail/mail.queue';
import { createMailEnqueuer, startMailWorker } from '../modules/mail/mail.worker';
import { seedDefaultTemplate } from '../modules/process/process.service';
import { createStaffUser as createStaffUserService } from '../modules/users/users.service';
import type { StaffRole, User } from '../modules/users/users.schemas';
import { randomDatabaseName, runAdminStatement, testDatabaseKind, testDatabaseUrl, withDatabase } from './databases';

/** True when this vitest project's database is available (the PostgreSQL suite needs TEST_DATABASE_URL). */
export const isTestDatabaseAvailable = testDatabaseKind() === 'embedded' || testDatabaseUrl() !== undefined;

export interface TestEngage extends EngageApp {
  connection: DatabaseConnection;
  /** The job queue, when the app was created with mail options. */
  boss: PgBoss | null;
  /** The PostgreSQL test database's URL; null on the embedded database. */
  databaseUrl: string | null;
  /** The SMTP server the app sends through; null: email goes to the trial mailbox. */
  smtpUrl: string | null;
  context: ServiceContext;
  /** Fixes the app's clock (the rate limiter and sessions read it); null returns to real time. */
  setNow: (date: Date | null) => void;
  request: (options: InjectOptions) => Promise<LightMyRequestResponse>;
  /** Creates a staff user with a known password and returns it with a logged-in session cookie. */
  staff: (
    role: StaffRole,
    overrides?: Partial<{ email: string; name: string; password: string }>,
  ) => Promise<{ user: User; cookie: string; password: string }>;
  login: (
    email: string,
    password: string,
    options?: { headers?: Record<string, string>; remoteAddress?: string },
  ) => Promise<LightMyRequestResponse>;
  close: () => Promise<void>;
}

async function openTestDatabase(
  sameDatabaseAs: TestEngage | undefined,
): Promise<{ connection: DatabaseConnection; databaseUrl: string | null; dispose: () => Promise<void> }> {
  if (sameDatabaseAs !== undefined) {
    // A second process on the same PostgreSQL database: its own pool, its own session cache and listener.
    if (sameDatabaseAs.databaseUrl === null)
      throw new Error('only a PostgreSQL test database can be shared between apps');
    const connection = await openPostgresDatabase(sameDatabaseAs.databaseUrl, 5);
    return { connection, databaseUrl: sameDatabaseAs.databaseUrl, dispose: async () => {} };
  }
  if (testDatabaseKind() === 'embedded') {
    const dump = fs.readFileSync(inject('embeddedTemplatePath'));
    const client = await PGlite.create({ loadDataDir: new Blob([dump]), extensions: await embeddedExtensions() });
    const connection = await openEmbeddedDatabase(client);
    return { connection, databaseUrl: null, dispose: async () => {} };
  }
  const url = testDatabaseUrl();
  if (url === undefined) throw new Error('TEST_DATABASE_URL is not set');
  const database = randomDatabaseName('engage_test');
  await runAdminStatement(url, `create database ${database} template ${inject('postgresTemplate')}`);
  const databaseUrl = withDatabase(url, database);
  const connection = await openPostgresDatabase(databaseUrl, 5);
  return {
    connection,
    databaseUrl,
    dispose: async () => runAdminStatement(url, `drop database if exists ${database}`),
  };
}

export interface TestEngageOptions {
  publicUrl?: string;
  /** A second app on this one's database (PostgreSQL only). */
  sameDatabaseAs?: TestEngage;
  /** Send email through this SMTP server (a real one started by the test), with the job queue and its worker. */
  mail?: { smtpUrl: string; retry?: MailRetryPolicy; startWorker?: boolean };
  /** Portal settings other than the defaults (a small upload limit, say). */
  portal?: Partial<PortalSettings>;
  scheduling?: Partial<SchedulingSettings>;
}

/** Retries in about a second, so a test sees the whole life of a failing message. */
export const fastMailRetryPolicy: MailRetryPolicy = { retryLimit: 2, retryDelay: 1, retryDelayMax: 1 };

let userCounter = 0;

/**
 * A real Engage app on a fresh copy of the migrated test database (embedded or PostgreSQL), or, with sameDatabaseAs
 * (PostgreSQL only), a second app on another's database, as a second server process would be. Close it first.
 */
export async function createTestEngage(options: TestEngageOptions = {}): Promise<TestEngage> {
  const { connection, databaseUrl, dispose } = await openTestDatabase(options.sameDatabaseAs);
  let fixedNow: Date | null = null;
  const sessionCache = await openSessionCache(connection, 30_000);
  // The job queue runs only where email is sent: without SMTP nothing is enqueued.
  const mail = options.mail;
  const boss =
    mail === undefined
      ? null
      : await startJobQueue(connection, [mailSendQueueDefinition(mail.retry ?? fastMailRetryPolicy)], null);
  const transport = mail === undefined ? null : await createSmtpTransport(mail.smtpUrl);
  const context: ServiceContext = {
    db: connection.db,
    now: () => fixedNow ?? new Date(),
    sessionSecret: 'test-session-secret-of-at-least-32-characters',
    sessionTtlMs: 12 * 3600 * 1000,
    sessionCache: sessionCache.cache,
    publicUrl: new URL(options.publicUrl ?? 'http://localhost:3000'),
    portal: { ...defaultPortalSettings, ...options.portal },
    scheduling: { ...defaultSchedulingSettings, ...options.scheduling },
    mail: {
      from: { name: 'Engage Test', email: 'engage@engage.test' },
      messageIdDomain: 'engage.test',
      enqueue: boss === null ? null : await createMailEnqueuer(boss),
    },
    // The sealing certificate is generated on first use and kept in the test's database, as at a first start.
    delivery: { supportMailbox: { name: 'Support', email: 'support@engage.test' }, sealCertificate: null },
  };
  if (boss !== null && transport !== null && mail?.startWorker !== false) {
    await startMailWorker(context, boss, transport, { pollingIntervalSeconds: 0.5 });
  }
  if (options.sameDatabaseAs === undefined) await seedDefaultTemplate(context);
  const engage = await buildApp({
    context,
    ping: connection.ping,
    publicUrl: new URL(options.publicUrl ?? 'http://localhost:3000'),
    trustProxy: false,
    logger: false,
    webRoot: '/nonexistent-web-root',
    rateLimitStore: connection.kind === 'postgres' ? 'database' : 'memory',
  });
  const app: FastifyInstance = engage.app;
  const request = (injectOptions: InjectOptions) => app.inject(injectOptions);
  const login = (
    email: string,
    password: string,
    loginOptions: { headers?: Record<string, string>; remoteAddress?: string } = {},
  ) =>
    request({
      method: 'POST',
      url: '/api/auth/login',
      payload: { email, password },
      headers: loginOptions.headers ?? {},
      remoteAddress: loginOptions.remoteAddress,
    });
  return {
    ...engage,
    connection,
    databaseUrl,
    smtpUrl: mail?.smtpUrl ?? null,
    context,
    boss,
    setNow: (date) => {
      fixedNow = date;
    },
    request,
    login,
    staff: async (role, overrides = {}) => {
      userCounter += 1;
      const password = overrides.password ?? `password-${role}-${userCounter}-long`;
      const user = await createStaffUserService(
        context,
        { userId: null as never, role: 'admin', name: 'test', ip: null },
        {
          email: overrides.email ?? `${role}${userCounter}@example.com`,
          name: overrides.name ?? `${role[0]?.toUpperCase() ?? ''}${role.slice(1)} ${userCounter}`,
          role,
          language: 'en',
          password,
        },
      );
      const response = await login(user.email, password);
      if (response.statusCode !== 200) throw new Error(`test login failed: ${response.body}`);
      return { user, cookie: sessionCookieOf(response), password };
    },
    close: async () => {
      await app.close();
      await boss?.stop({ graceful: true, timeout: 5000 });
      transport?.close();
      await sessionCache.stop();
      await connection.close();
      await dispose();
    },
  };
}

/** The `name=value` of the session cookie a response set, for the Cookie header of the next request. */
export function sessionCookieOf(response: LightMyRequestResponse): string {
  const cookie = response.cookies.find((candidate) => candidate.name.endsWith('engage_session'));
  if (cookie === undefined) throw new Error('the response set no session cookie');
  return `${cookie.name}=${cookie.value}`;
}

/** Waits until check() holds, polling every 20 ms; false when it still does not after timeoutMs. */
export async function eventually(check: () => Promise<boolean> | boolean, timeoutMs = 3000): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await check()) return true;
    if (Date.now() > deadline) return false;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
