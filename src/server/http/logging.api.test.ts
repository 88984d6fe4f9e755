import { Writable } from 'node:stream';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../app';
import { createTestEngage, isTestDatabaseAvailable, type TestEngage } from '../test/harness';

describe.skipIf(!isTestDatabaseAvailable)('the request log', () => {
  let engage: TestEngage;
  beforeAll(async () => {
    engage = await createTestEngage();
  });
  afterAll(async () => {
    await engage?.close();
  });

  it('never writes a portal link’s token, opened or spent, nor a calendar feed’s, and still names the request', async () => {
    const lines: string[] = [];
    const logger = pino(
      { level: 'info' },
      new Writable({
        write: (chunk, _encoding, done) => {
          lines.push(String(chunk));
          done();
        },
      }),
    );
    const { app } = await buildApp({
      context: engage.context,
      ping: async () => {},
      publicUrl: new URL('http://localhost:3000'),
      trustProxy: false,
      logger,
      webRoot: '/nonexistent',
    });
    const token = 'k2V9vS0mE-SecretTokenThatMustNotBeLogged_123456';
    await app.inject({ method: 'GET', url: `/portal/link/${token}?to=requirements` });
    await app.inject({ method: 'POST', url: `/portal/link/${token}` });
    await app.inject({ method: 'GET', url: `/calendar-feed/${token}.ics` });
    await app.close();
    const log = lines.join('');
    expect(log).toContain('"url":"/portal/link/[token]?to=requirements"');
    expect(log).toContain('"method":"POST"');
    expect(log).toContain('"url":"/calendar-feed/[token]"');
    expect(log).not.toContain(token);
  });
});
