import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { DataDirLockedError, lockDataDir } from './data-dir-lock';

/** Another Node.js process that takes the lock as Engage's start does, and keeps it until it is killed. */
async function startHolder(folder: string): Promise<ChildProcess> {
  const lockModule = fileURLToPath(new URL('./data-dir-lock.ts', import.meta.url));
  const holder = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      '--input-type=module',
      '-e',
      `import { lockDataDir } from ${JSON.stringify(lockModule)}; lockDataDir(${JSON.stringify(folder)}); console.log('locked'); setInterval(() => {}, 60000);`,
    ],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  await new Promise<void>((resolve, reject) => {
    holder.stdout?.on('data', (chunk: Buffer) => {
      if (chunk.toString().includes('locked')) resolve();
    });
    holder.once('exit', (code) => reject(new Error(`the holder exited with ${String(code)}`)));
  });
  return holder;
}

describe('the embedded data directory lock', () => {
  const folders: string[] = [];
  const newFolder = () => {
    const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'engage-lock-'));
    folders.push(folder);
    return folder;
  };
  afterEach(() => {
    for (const folder of folders.splice(0)) fs.rmSync(folder, { recursive: true, force: true });
  });

  it('refuses a second holder while a live process holds it, and frees it on release', async () => {
    const folder = newFolder();
    // A real other process holds the lock: the lock file names its pid.
    const holder = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60000)']);
    try {
      fs.writeFileSync(path.join(folder, 'engage.lock'), `${holder.pid}\n`);
      expect(() => lockDataDir(folder)).toThrow(
        new RegExp(`^Another Engage process \\(pid ${holder.pid}, holding it since `),
      );
    } finally {
      holder.kill();
    }
    await new Promise((resolve) => holder.once('exit', resolve));
    // The holder died without releasing: its lock is stale and taken over.
    const lock = lockDataDir(folder);
    expect(fs.readFileSync(path.join(folder, 'engage.lock'), 'utf8').split('\n')[0]).toBe(String(process.pid));
    lock.release();
    expect(fs.existsSync(path.join(folder, 'engage.lock'))).toBe(false);
  });

  it('starts at once after the holder was killed with SIGKILL, before anyone reaped it', async () => {
    const folder = newFolder();
    const holder = await startHolder(folder);
    holder.kill('SIGKILL');
    // No waiting for 'exit': a start right after the kill, as a supervisor restarting Engage does.
    const lock = lockDataDir(folder);
    expect(fs.readFileSync(path.join(folder, 'engage.lock'), 'utf8').split('\n')[0]).toBe(String(process.pid));
    lock.release();
  });

  it('refuses while a live process holds it, saying which process and since when', async () => {
    const folder = newFolder();
    const holder = await startHolder(folder);
    try {
      const startedAt = Date.now();
      let message = '';
      try {
        lockDataDir(folder);
      } catch (error) {
        expect(error).toBeInstanceOf(DataDirLockedError);
        message = (error as Error).message;
      }
      expect(message).toMatch(
        new RegExp(`pid ${holder.pid}, holding it since \\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2} UTC`),
      );
      // It waited a little for a holder that might be on its way out, not for ever.
      expect(Date.now() - startedAt).toBeLessThan(5000);
    } finally {
      holder.kill();
    }
  });

  it.skipIf(!fs.existsSync('/proc/self/stat'))(
    'takes over a lock whose pid now belongs to another process (the holder died, its pid was reused)',
    async () => {
      const folder = newFolder();
      const other = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60000)']);
      try {
        // The pid is alive, but the process that wrote the lock started at another time than this one.
        fs.writeFileSync(path.join(folder, 'engage.lock'), `${other.pid}\n2026-01-01T00:00:00.000Z\n1\n`);
        const lock = lockDataDir(folder);
        expect(fs.readFileSync(path.join(folder, 'engage.lock'), 'utf8').split('\n')[0]).toBe(String(process.pid));
        lock.release();
      } finally {
        other.kill();
      }
    },
  );

  it('takes over a lock file whose content is garbage', () => {
    const folder = newFolder();
    const lockPath = path.join(folder, 'engage.lock');
    fs.writeFileSync(lockPath, 'not a pid');
    const lock = lockDataDir(folder);
    // The open succeeded and the file is now this process's lock: its pid, since when, and nothing of the garbage.
    const [pid, since, , ...rest] = fs.readFileSync(lockPath, 'utf8').split('\n');
    expect(pid).toBe(String(process.pid));
    expect(Number.isNaN(Date.parse(since ?? ''))).toBe(false);
    expect(rest).toEqual(['']);
    lock.release();
    expect(fs.existsSync(lockPath)).toBe(false);
  });
});
