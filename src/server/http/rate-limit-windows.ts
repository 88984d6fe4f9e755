/** Fixed rate-limit windows: their shapes and the in-memory store (the database's store is rate-limit-windows.repository.ts). */

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
export const clockSlackWindows = 1;

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
