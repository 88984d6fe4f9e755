import fs from 'node:fs';
import path from 'node:path';

function formatSince(since: Date): string {
  return `${since.toISOString().slice(0, 19).replace('T', ' ')} UTC`;
}

export class DataDirLockedError extends Error {
  constructor(
    readonly dataDir: string,
    readonly holderPid: number,
    readonly since: Date | null = null,
  ) {
    super(
      `Another Engage process (pid ${holderPid}${since === null ? '' : `, holding it since ${formatSince(since)}`}) is already using the data directory ${dataDir}. ` +
        'The embedded database serves one process at a time: stop that process, or start this one with another DATA_DIR.',
    );
    this.name = 'DataDirLockedError';
  }
}

const lockFileName = 'engage.lock';
/** How long a start waits for a holder on its way out (a restart whose old process is still stopping). */
const holderExitWaitMs = 2000;
const pollMs = 50;

interface Holder {
  pid: number;
  since: Date | null;
  /** When the process started, as Linux counts it (/proc/<pid>/stat); tells the holder from a later process given its pid. */
  processStart: string | null;
}

/** The state and start time of a process from /proc (Linux), or null where there is no /proc. */
function procStat(pid: number): { state: string; processStart: string } | 'gone' | null {
  let stat: string;
  try {
    stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return code === 'ENOENT' && fs.existsSync('/proc/self/stat') ? 'gone' : null;
  }
  // "pid (name) state ppid …": the name may hold spaces and parentheses, so fields are counted after the last ')'.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return { state: fields[0] ?? '', processStart: fields[19] ?? '' };
}

function isHolderAlive(holder: Holder): boolean {
  try {
    process.kill(holder.pid, 0);
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    if ((error as NodeJS.ErrnoException).code !== 'EPERM') return false;
  }
  const stat = procStat(holder.pid);
  if (stat === null) return true;
  if (stat === 'gone') return false;
  // A process killed with SIGKILL stays a zombie until its parent reaps it: it holds nothing any more.
  if (stat.state === 'Z' || stat.state === 'X') return false;
  return holder.processStart === null || holder.processStart === stat.processStart;
}

function readHolder(lockPath: string): Holder | null {
  try {
    const [pidLine, sinceLine, startLine] = fs.readFileSync(lockPath, 'utf8').split('\n');
    const pid = Number.parseInt((pidLine ?? '').trim(), 10);
    if (!Number.isSafeInteger(pid) || pid <= 0) return null;
    const written = Date.parse(sinceLine ?? '');
    // A lock written by an older version holds only the pid: the file's time says since when.
    const since = Number.isNaN(written) ? fs.statSync(lockPath).mtime : new Date(written);
    const processStart = startLine?.trim() ?? '';
    return { pid, since, processStart: processStart === '' ? null : processStart };
  } catch {
    return null;
  }
}

function sleepSync(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

/**
 * Takes the exclusive lock of an embedded data directory (a file holding our pid, the time and our process's start,
 * created with O_EXCL); a lock left by a process that no longer runs (crashed, killed, a zombie, its pid reused) is
 * taken over, after waiting up to two seconds for a holder on its way out. Throws DataDirLockedError, naming the
 * holder's pid and since when it holds the lock, when a live process keeps it.
 */
export function lockDataDir(dataDir: string): { release: () => void } {
  fs.mkdirSync(dataDir, { recursive: true });
  const lockPath = path.join(dataDir, lockFileName);
  const ownStart = procStat(process.pid);
  const content = `${process.pid}\n${new Date().toISOString()}\n${ownStart === null || ownStart === 'gone' ? '' : ownStart.processStart}\n`;
  const deadline = Date.now() + holderExitWaitMs;
  for (let attempt = 0; attempt < 3;) {
    try {
      const descriptor = fs.openSync(lockPath, 'wx', 0o600);
      fs.writeSync(descriptor, content);
      fs.closeSync(descriptor);
      let isReleased = false;
      const release = () => {
        if (isReleased) return;
        isReleased = true;
        if (readHolder(lockPath)?.pid === process.pid) fs.rmSync(lockPath, { force: true });
      };
      return { release };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const holder = readHolder(lockPath);
      if (holder !== null && holder.pid !== process.pid && isHolderAlive(holder)) {
        if (Date.now() >= deadline) throw new DataDirLockedError(dataDir, holder.pid, holder.since);
        sleepSync(pollMs);
        continue;
      }
      attempt += 1;
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
  const holder = readHolder(lockPath);
  throw new DataDirLockedError(dataDir, holder?.pid ?? 0, holder?.since ?? null);
}
