import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig } from './config';
import { startEngage, type RunningEngage } from './start';
import {
  randomDatabaseName,
  runAdminStatement,
  testDatabaseKind,
  testDatabaseUrl,
  withDatabase,
} from './test/databases';
import { isTestDatabaseAvailable } from './test/harness';

const repositoryRoot = path.resolve(import.meta.dirname, '..', '..');

function listTree(folder: string): string[] {
  return fs
    .readdirSync(folder, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => {
      const file = path.join(entry.parentPath, entry.name);
      const stat = fs.statSync(file);
      return `${path.relative(folder, file)} ${stat.size} ${stat.mtimeMs}`;
    })
    .sort();
}

async function call(running: RunningEngage, url: string, init: RequestInit = {}) {
  const { port } = running.engage.app.server.address() as AddressInfo;
  return fetch(`http://127.0.0.1:${port}${url}`, {
    ...init,
    headers: { 'content-type': 'application/json', ...init.headers },
  });
}

// The whole start-up path as `npm start` runs it: first admin, restart with the data kept, and on the
// embedded database a second process refused on the same data directory.
describe.skipIf(!isTestDatabaseAvailable)('starting Engage', () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'engage-start-'));
  const serverUrl = testDatabaseUrl();
  const database = randomDatabaseName('engage_start');
  const environment: Record<string, string> = { DATA_DIR: dataDir, LOG_LEVEL: 'silent', PORT: '3999' };
  if (testDatabaseKind() === 'postgres' && serverUrl !== undefined)
    environment.DATABASE_URL = withDatabase(serverUrl, database);
  const config = { ...loadConfig(environment), port: 0, host: '127.0.0.1' };

  afterAll(async () => {
    fs.rmSync(dataDir, { recursive: true, force: true });
    if (environment.DATABASE_URL !== undefined && serverUrl !== undefined)
      await runAdminStatement(serverUrl, `drop database if exists ${database}`);
  });

  it('creates the first admin with a one-time password, keeps everything across a restart, and refuses a second process', async () => {
    if (environment.DATABASE_URL !== undefined && serverUrl !== undefined)
      await runAdminStatement(serverUrl, `create database ${database}`);
    const first = await startEngage(config);
    let isFirstStopped = false;
    try {
      expect(first.firstAdmin).toMatchObject({ created: true, email: 'admin@engage.local' });
      const password = first.firstAdmin.created ? first.firstAdmin.generatedPassword : null;
      expect(password).toMatch(/^[A-Za-z0-9_-]{20}$/);
      expect(fs.statSync(path.join(dataDir, 'session-secret')).mode & 0o777).toBe(0o600);

      const login = await call(first, '/api/auth/login', {
        method: 'POST',
        body: JSON.stringify({ email: 'admin@engage.local', password }),
      });
      expect(login.status).toBe(200);
      const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
      const created = await call(first, '/api/organisations', {
        method: 'POST',
        headers: { cookie },
        body: JSON.stringify({ kind: 'customer', name: 'Acme Spa' }),
      });
      expect(created.status).toBe(201);

      if (testDatabaseKind() === 'embedded') {
        const before = listTree(dataDir);
        const second = spawnSync(process.execPath, ['--import', 'tsx', 'src/server/main.ts'], {
          cwd: repositoryRoot,
          env: {
            ...process.env,
            DATA_DIR: dataDir,
            PORT: '39871',
            DATABASE_URL: '',
            ENGAGE_ADMIN_EMAIL: '',
            ENGAGE_ADMIN_PASSWORD: '',
          },
          encoding: 'utf8',
          timeout: 30_000,
        });
        expect(second.status).toBe(1);
        expect(second.stderr).toMatch(
          new RegExp(
            `Another Engage process \\(pid ${process.pid}, holding it since [0-9: -]+ UTC\\) is already using the data directory`,
          ),
        );
        expect(second.stderr).toContain(`is already using the data directory ${dataDir}`);
        expect(listTree(dataDir)).toEqual(before);
      }

      await first.stop();
      isFirstStopped = true;
      const again = await startEngage(config);
      try {
        expect(again.firstAdmin).toEqual({ created: false });
        const relogin = await call(again, '/api/auth/login', {
          method: 'POST',
          body: JSON.stringify({ email: 'admin@engage.local', password }),
        });
        expect(relogin.status).toBe(200);
        const sameCookie = await call(again, '/api/organisations?kind=customer', { headers: { cookie } });
        expect(sameCookie.status).toBe(200);
        expect(((await sameCookie.json()) as { items: { name: string }[] }).items.map((item) => item.name)).toEqual([
          'Acme Spa',
        ]);
      } finally {
        await again.stop();
      }
    } finally {
      if (!isFirstStopped) await first.stop();
    }
  }, 120_000);

  it('refuses to start with a common ENGAGE_ADMIN_PASSWORD for the first admin, naming the setting, and creates nobody', async () => {
    const weakDataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'engage-start-weak-'));
    const weakDatabase = randomDatabaseName('engage_start_weak');
    const weakEnvironment: Record<string, string> = {
      DATA_DIR: weakDataDir,
      LOG_LEVEL: 'silent',
      PORT: '3999',
      ENGAGE_ADMIN_EMAIL: 'first@example.com',
    };
    if (testDatabaseKind() === 'postgres' && serverUrl !== undefined) {
      weakEnvironment.DATABASE_URL = withDatabase(serverUrl, weakDatabase);
      await runAdminStatement(serverUrl, `create database ${weakDatabase}`);
    }
    const configWith = (password: string) => ({
      ...loadConfig({ ...weakEnvironment, ENGAGE_ADMIN_PASSWORD: password }),
      port: 0,
      host: '127.0.0.1',
    });
    try {
      const refused = startEngage(configWith('Password1234!'));
      await expect(refused).rejects.toThrow(
        /ENGAGE_ADMIN_PASSWORD: This password is too easy to guess: it is one of the most common passwords, or a small change of one\./,
      );
      await expect(refused).rejects.not.toThrow(/Password1234!/);
      const started = await startEngage(configWith('seven violet lanterns at dawn'));
      try {
        expect(started.firstAdmin).toMatchObject({
          created: true,
          email: 'first@example.com',
          generatedPassword: null,
        });
        const login = await call(started, '/api/auth/login', {
          method: 'POST',
          body: JSON.stringify({ email: 'first@example.com', password: 'seven violet lanterns at dawn' }),
        });
        expect(login.status).toBe(200);
      } finally {
        await started.stop();
      }
    } finally {
      fs.rmSync(weakDataDir, { recursive: true, force: true });
      if (weakEnvironment.DATABASE_URL !== undefined && serverUrl !== undefined)
        await runAdminStatement(serverUrl, `drop database if exists ${weakDatabase}`);
    }
  }, 120_000);
});
