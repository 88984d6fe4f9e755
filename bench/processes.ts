/** Child processes for the benchmarks: each in its own process group, stopped cleanly (SIGTERM, wait, SIGKILL last). */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';

export interface GroupProcess {
  child: ChildProcess;
  pid: number;
  label: string;
  /** The last lines the process printed (stdout and stderr), for error messages. */
  tail: () => string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  hasExited: () => boolean;
}

const tailLines = 60;

/** Spawns a command as the leader of a new process group, keeping its output drained. */
export function spawnGroup(
  label: string,
  command: string,
  args: readonly string[],
  options: { cwd: string; env: NodeJS.ProcessEnv; onLine?: (line: string) => void },
): GroupProcess {
  const child = spawn(command, args, {
    cwd: options.cwd,
    env: options.env,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  if (child.pid === undefined) throw new Error(`${label}: could not spawn ${command}`);
  const lines: string[] = [];
  let isExited = false;
  const remember = (stream: NodeJS.ReadableStream | null) => {
    let pending = '';
    stream?.setEncoding('utf8');
    stream?.on('data', (chunk: string) => {
      pending += chunk;
      const parts = pending.split('\n');
      pending = parts.pop() ?? '';
      for (const line of parts) {
        lines.push(line);
        if (lines.length > tailLines) lines.shift();
        options.onLine?.(line);
      }
    });
  };
  remember(child.stdout);
  remember(child.stderr);
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    child.on('exit', (code, signal) => {
      isExited = true;
      resolve({ code, signal });
    });
    child.on('error', () => {
      isExited = true;
      resolve({ code: null, signal: null });
    });
  });
  return { child, pid: child.pid, label, tail: () => lines.join('\n'), exited, hasExited: () => isExited };
}

function isGroupAlive(pgid: number): boolean {
  try {
    process.kill(-pgid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** SIGTERM to the whole group, then waits until the leader and every member are gone; SIGKILL after `timeoutMs`. */
export async function stopGroup(processGroup: GroupProcess, timeoutMs = 30_000): Promise<{ graceful: boolean }> {
  const { pid } = processGroup;
  if (processGroup.hasExited() && !isGroupAlive(pid)) return { graceful: true };
  try {
    process.kill(-pid, 'SIGTERM');
  } catch {
    // Already gone.
  }
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (processGroup.hasExited() && !isGroupAlive(pid)) return { graceful: true };
    await sleep(25);
  }
  try {
    process.kill(-pid, 'SIGKILL');
  } catch {
    // Gone in the meantime.
  }
  await Promise.race([processGroup.exited, sleep(5000)]);
  return { graceful: false };
}

/** Resolves with the text after `prefix` on the first line that starts with it; rejects on exit or timeout. */
export function waitForLine(processGroup: GroupProcess, prefix: string, timeoutMs: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      cleanup();
      reject(new Error(`${processGroup.label}: not ready after ${timeoutMs} ms. Last output:\n${processGroup.tail()}`));
    }, timeoutMs);
    const onData = (chunk: Buffer | string) => {
      const text = String(chunk);
      for (const line of text.split('\n')) {
        if (line.startsWith(prefix)) {
          cleanup();
          resolve(line.slice(prefix.length));
          return;
        }
      }
    };
    const onExit = (code: number | null, signal: NodeJS.Signals | null) => {
      cleanup();
      // Let the output listeners flush the last chunk into the tail first.
      setImmediate(() =>
        reject(
          new Error(
            `${processGroup.label} exited (code ${String(code)}, signal ${String(signal)}) before it was ready. Last output:\n${processGroup.tail()}`,
          ),
        ),
      );
    };
    const cleanup = () => {
      clearTimeout(timer);
      processGroup.child.stdout?.off('data', onData);
      processGroup.child.off('exit', onExit);
    };
    processGroup.child.stdout?.on('data', onData);
    processGroup.child.on('exit', onExit);
  });
}

/** A TCP port free on 127.0.0.1 right now. */
export function getFreePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** VmRSS and VmHWM (peak) of a process from /proc, in KiB; null where /proc is not available. */
export function readProcessMemory(pid: number): { rssKb: number; peakKb: number } | null {
  try {
    const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
    const value = (name: string) => Number(new RegExp(`^${name}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? Number.NaN);
    const rssKb = value('VmRSS');
    const peakKb = value('VmHWM');
    return Number.isNaN(rssKb) || Number.isNaN(peakKb) ? null : { rssKb, peakKb };
  } catch {
    return null;
  }
}

/** Resets a process's peak RSS (VmHWM) on Linux by writing 5 to /proc/<pid>/clear_refs; false when not possible. */
export function resetPeakMemory(pid: number): boolean {
  try {
    fs.writeFileSync(`/proc/${pid}/clear_refs`, '5');
    return true;
  } catch {
    return false;
  }
}
