import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { randomDatabaseName, runAdminStatement, testDatabaseUrl, withDatabase } from '../src/server/test/databases';

export const repositoryRoot = path.resolve(import.meta.dirname, '..');

/** Builds what `npm start` serves (the web app and the server bundle in dist/) when its sources changed. */
export function buildWhatUsersRun(): void {
  const build = spawnSync(process.execPath, [path.join(repositoryRoot, 'scripts', 'build-if-stale.mjs')], {
    cwd: repositoryRoot,
    stdio: 'inherit',
  });
  if (build.status !== 0) throw new Error('The web app or the server bundle could not be built (see above).');
}

/** Says loudly that a suite did not run, or fails when this run must run everything (CI). */
export function announceSkip(suite: string, reason: string): void {
  if (process.env.CI === 'true') throw new Error(`CI must run ${suite}: ${reason}`);
  const line = '!'.repeat(78);
  process.stderr.write(`\n${line}\n!! SKIPPED: ${suite} did not run: ${reason}\n${line}\n\n`);
}

/** The database a built server runs on: the embedded one in its data directory, or a fresh PostgreSQL database. */
export type ServerDatabase = 'embedded' | 'postgres';

/** True when a built server can be started on that database here (PostgreSQL needs TEST_DATABASE_URL). */
export function isServerDatabaseAvailable(database: ServerDatabase): boolean {
  return database === 'embedded' || testDatabaseUrl() !== undefined;
}

/** Engage as users run it: `npm start`'s script, in a child process, on a fresh data directory (and database). */
export interface BuiltServer {
  baseUrl: string;
  database: ServerDatabase;
  admin: { email: string; password: string };
  /** Everything the process wrote to stdout and stderr so far. */
  output: () => string;
  stop: () => Promise<void>;
}

async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

function waitForExit(child: ChildProcess, timeoutMs: number): Promise<boolean> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(true);
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(false), timeoutMs);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve(true);
    });
  });
}

/**
 * Starts `node scripts/start.mjs` (what `npm start` runs: the dist/ bundle under plain Node ESM) with the node binary
 * running the tests, and waits until it says it is ready. `env` adds settings such as SMTP_URL.
 */
export async function startBuiltServer(
  options: {
    database?: ServerDatabase;
    env?: Record<string, string>;
    admin?: { email: string; password: string };
  } = {},
): Promise<BuiltServer> {
  const database = options.database ?? 'embedded';
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'engage-built-'));
  const admin = options.admin ?? { email: 'admin@vendor.example', password: 'admin-password-of-the-e2e-suite' };
  let databaseName: string | null = null;
  const adminUrl = testDatabaseUrl();
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? '',
    HOME: process.env.HOME ?? os.tmpdir(),
    DATA_DIR: dataDir,
    PORT: String(port),
    HOST: '127.0.0.1',
    PUBLIC_URL: baseUrl,
    LOG_LEVEL: 'warn',
    ENGAGE_ADMIN_EMAIL: admin.email,
    ENGAGE_ADMIN_PASSWORD: admin.password,
    ...options.env,
  };
  if (database === 'postgres') {
    if (adminUrl === undefined) throw new Error('TEST_DATABASE_URL is not set');
    databaseName = randomDatabaseName('engage_e2e');
    await runAdminStatement(adminUrl, `create database ${databaseName}`);
    env.DATABASE_URL = withDatabase(adminUrl, databaseName);
  }
  const child = spawn(process.execPath, [path.join(repositoryRoot, 'scripts', 'start.mjs')], {
    cwd: repositoryRoot,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));

  const cleanUp = async () => {
    fs.rmSync(dataDir, { recursive: true, force: true });
    if (databaseName !== null && adminUrl !== undefined)
      await runAdminStatement(adminUrl, `drop database if exists ${databaseName} with (force)`);
  };
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      if (!(await waitForExit(child, 15_000))) {
        child.kill('SIGKILL');
        await waitForExit(child, 5_000);
      }
    }
    await cleanUp();
  };

  const deadline = Date.now() + 90_000;
  while (!output.includes('Engage is ready at')) {
    if (child.exitCode !== null || child.signalCode !== null || Date.now() > deadline) {
      await stop();
      throw new Error(
        `The built server did not start (${child.exitCode ?? child.signalCode ?? 'timed out'}):\n${output}`,
      );
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return { baseUrl, database, admin, output: () => output, stop };
}
