import { sql } from 'drizzle-orm';
import type { Database } from '../db/database';
import { queryNamed } from '../db/named-query';

/**
 * One counted hit in a fixed window of a key (a client on a route, or a client's refusals of one kind). `carried` is
 * non-zero only for the hit that started a new window: how many hits of the window that just ended went past its free
 * hits, which nobody has audited yet.
 */
export interface WindowHit {
  hits: number;
  resetAt: Date;
  carried: number;
}

/** A window removed by a sweep once it ended, with all its hits: those past its free ones are audited as a count. */
export interface EndedWindow {
  key: string;
  hits: number;
}

export interface WindowHitInput {
  key: string;
  now: Date;
  windowMs: number;
  /** Hits that are audited one by one (or need no audit); the carry counts only the hits past them. */
  freeHits: number;
}

// A window that resets further ahead than one window (plus as much again for clocks of several processes that
// disagree) was started by a clock that has since gone back: counting on in it would refuse a client for hours.
const clockSlackWindows = 1;

/**
 * Fixed windows kept in this process's memory: right for the embedded database, which only one process opens. At most
 * `maxKeys` windows are kept; past that, ended ones are dropped first, then the oldest, so memory stays bounded
 * whatever addresses a flood comes from.
 */
export class MemoryWindows {
  private readonly windows = new Map<string, { hits: number; resetAt: number; freeHits: number }>();

  constructor(private readonly maxKeys = 50_000) {}

  get size(): number {
    return this.windows.size;
  }

  hit({ key, now, windowMs, freeHits }: WindowHitInput): WindowHit {
    const at = now.getTime();
    const window = this.windows.get(key);
    if (window === undefined || window.resetAt <= at || window.resetAt > at + windowMs * (1 + clockSlackWindows)) {
      const carried = window === undefined ? 0 : Math.max(window.hits - window.freeHits, 0);
      // Re-inserted, so that the map's order stays the order in which windows started (the eviction order).
      this.windows.delete(key);
      if (this.windows.size >= this.maxKeys) this.makeRoom(at);
      const started = { hits: 1, resetAt: at + windowMs, freeHits };
      this.windows.set(key, started);
      return { hits: 1, resetAt: new Date(started.resetAt), carried };
    }
    window.hits += 1;
    return { hits: window.hits, resetAt: new Date(window.resetAt), carried: 0 };
  }

  /** Removes the windows that ended by `now` and returns them. */
  sweep(now: Date): EndedWindow[] {
    const ended: EndedWindow[] = [];
    for (const [key, window] of this.windows) {
      if (window.resetAt > now.getTime()) continue;
      this.windows.delete(key);
      ended.push({ key, hits: window.hits });
    }
    return ended;
  }

  private makeRoom(at: number): void {
    for (const [key, window] of this.windows) {
      if (window.resetAt <= at) this.windows.delete(key);
    }
    for (const key of this.windows.keys()) {
      if (this.windows.size < this.maxKeys) break;
      this.windows.delete(key);
    }
  }
}

/**
 * Counts a hit in the key's window in `rate_limit_windows`, shared by every process on the database: one statement,
 * atomic under concurrency (an expired window is restarted by exactly one hit, which also gets its carry).
 */
export async function hitDatabaseWindow(
  db: Database,
  { key, now, windowMs, freeHits }: WindowHitInput,
): Promise<WindowHit> {
  const resetAt = new Date(now.getTime() + windowMs).toISOString();
  const clockLimit = new Date(now.getTime() + windowMs * (1 + clockSlackWindows)).toISOString();
  const rows = await queryNamed<{ hits: number; reset_ms: number | string; refused: number }>(
    db,
    'rate_limit_hit',
    sql`insert into rate_limit_windows as w (key, hits, refused, reset_at)
        values (${key}, 1, 0, ${resetAt}::timestamptz)
        on conflict (key) do update set
          hits = case when w.reset_at <= ${now.toISOString()}::timestamptz or w.reset_at > ${clockLimit}::timestamptz then 1 else w.hits + 1 end,
          refused = case when w.reset_at <= ${now.toISOString()}::timestamptz or w.reset_at > ${clockLimit}::timestamptz
            then greatest(w.hits - ${freeHits}::int, 0) else w.refused end,
          reset_at = case when w.reset_at <= ${now.toISOString()}::timestamptz or w.reset_at > ${clockLimit}::timestamptz
            then excluded.reset_at else w.reset_at end
        returning hits, refused, (extract(epoch from reset_at) * 1000)::float8 as reset_ms`,
  );
  const row = rows[0];
  if (row === undefined) throw new Error('the rate limit window was not written');
  // `refused` holds the carry from the restart on; only the hit that restarted the window (hits = 1) reports it.
  return { hits: row.hits, resetAt: new Date(Number(row.reset_ms)), carried: row.hits === 1 ? row.refused : 0 };
}

/** Deletes the windows under a key prefix that ended by `now`, returning their keys and hits. */
export async function deleteEndedDatabaseWindows(db: Database, prefix: string, now: Date): Promise<EndedWindow[]> {
  const result = await db.execute<{ key: string; hits: number }>(
    sql`delete from rate_limit_windows where reset_at <= ${now.toISOString()}::timestamptz and starts_with(key, ${prefix}) returning key, hits`,
  );
  return (result as { rows: EndedWindow[] }).rows;
}
