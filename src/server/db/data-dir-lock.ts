import fs from 'node:fs';
import path from 'node:path';

export class DataDirLockedError extends Error {
  constructor(readonly dataDir: string, readonly holderPid: number) {
    super(
      `Another Engage process (pid ${holderPid}) is already using the data directory ${dataDir}. ` +
        'The embedded database serves one process at a time: stop that process, or start this one with another DATA_DIR.',
    );
    this.name = 'DataDirLockedError';
  }
}

const lockFileName = 'engage.lock';

function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function readHolderPid(lockPath: string): number | null {
  try {
    const pid = Number.parseInt(fs.readFileSync(lockPath, 'utf8').trim(), 10);
    return Number.isSafeInteger(pid) && pid > 0 ? pid : null;
  } catch {
    return null;
  }
}

/**
 * Takes the exclusive lock of an embedded data directory (a file holding our pid, created with O_EXCL);
 * a lock left by a process that no longer runs is taken over. Throws DataDirLockedError when a live process holds it.
 */
export function lockDataDir(dataDir: string): { release: () => void } {
  fs.mkdirSync(dataDir, { recursive: true });
  const lockPath = path.join(dataDir, lockFileName);
  for (let attempt = 0; attempt < 3; attempt += 1) {
    try {
      const descriptor = fs.openSync(lockPath, 'wx', 0o600);
      fs.writeSync(descriptor, `${process.pid}\n`);
      fs.closeSync(descriptor);
      let isReleased = false;
      const release = () => {
        if (isReleased) return;
        isReleased = true;
        if (readHolderPid(lockPath) === process.pid) fs.rmSync(lockPath, { force: true });
      };
      return { release };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const holderPid = readHolderPid(lockPath);
      if (holderPid !== null && holderPid !== process.pid && isProcessAlive(holderPid)) {
        throw new DataDirLockedError(dataDir, holderPid);
      }
      // The holder died without releasing (crash, SIGKILL): move its file aside atomically and try again.
      // Known gap: two processes started at the same instant after a crash could both see the dead pid, and the
      // second could move aside the lock the first has just taken. Node has no flock(); this needs that exact race.
      try {
        fs.renameSync(lockPath, `${lockPath}.stale-${process.pid}`);
        fs.rmSync(`${lockPath}.stale-${process.pid}`, { force: true });
      } catch {
        // Another starting process moved it first; the next attempt decides.
      }
    }
  }
  throw new DataDirLockedError(dataDir, readHolderPid(lockPath) ?? 0);
}
