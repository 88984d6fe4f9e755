import { buildApp } from './app';
import { defaultPortalSettings, defaultSchedulingSettings } from './config';
import type { ServiceContext } from './context';
import { SessionCache } from './modules/auth/session-cache';

/** The OpenAPI document of the API, built without a database (for the typed web client). */
export async function buildOpenApiDocument(): Promise<unknown> {
  const unusedDatabase = new Proxy(
    {},
    {
      get: () => {
        throw new Error('the OpenAPI document is built without a database');
      },
    },
  );
  const context: ServiceContext = {
    db: unusedDatabase as ServiceContext['db'],
    now: () => new Date(),
    sessionSecret: 'x'.repeat(32),
    sessionTtlMs: 1,
    sessionCache: new SessionCache({ ttlMs: 0, maxEntries: 0 }),
    publicUrl: new URL('http://localhost:3000'),
    portal: defaultPortalSettings,
    scheduling: defaultSchedulingSettings,
    mail: { from: { name: null, email: 'engage@localhost' }, messageIdDomain: 'localhost', enqueue: null },
    delivery: { supportMailbox: { name: null, email: 'support@localhost' }, sealCertificate: null },
  };
  const { app } = await buildApp({
    context,
    ping: async () => {},
    publicUrl: new URL('http://localhost:3000'),
    trustProxy: false,
    logger: false,
    webRoot: '/nonexistent',
  });
  const document = app.swagger();
  await app.close();
  return document;
}
