import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DataDirLockedError, lockDataDir } from './data-dir-lock';

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
      expect(() => lockDataDir(folder)).toThrow(DataDirLockedError);
      expect(() => lockDataDir(folder)).toThrow(`pid ${holder.pid}`);
    } finally {
      holder.kill();
    }
    await new Promise((resolve) => holder.once('exit', resolve));
    // The holder died without releasing: its lock is stale and taken over.
    const lock = lockDataDir(folder);
    expect(fs.readFileSync(path.join(folder, 'engage.lock'), 'utf8').trim()).toBe(String(process.pid));
    lock.release();
    expect(fs.existsSync(path.join(folder, 'engage.lock'))).toBe(false);
  });

  it('takes over a lock file whose content is garbage', () => {
    const folder = newFolder();
    fs.writeFileSync(path.join(folder, 'engage.lock'), 'not a pid');
    const lock = lockDataDir(folder);
    lock.release();
  });
});
