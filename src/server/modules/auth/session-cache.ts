import type { DatabaseConnection } from '../../db/database';
import type { StaffIdentity } from '../../identity';

/** A session found active in the database, as the request hook needs it. */
export interface ActiveSession {
  expiresAt: Date;
  user: StaffIdentity;
}

interface Entry {
  session: ActiveSession;
  storedAtMs: number;
}

export interface SessionCacheOptions {
  /** How long an entry may answer without the database; 0 turns the cache off. */
  ttlMs: number;
  maxEntries: number;
}

/**
 * Sessions resolved recently, so that an authenticated request costs one round trip to the database instead of two
 * (bench/: the round trip, not the query, is what a request pays most for).
 *
 * It is right only while every change to users and sessions empties it:
 * - in this process, the services that change them call invalidate() once their transaction has committed;
 * - in every process, a trigger (migration 0003) NOTIFYs `engage_identity` on any change of users or sessions, made by
 *   Engage or by hand, and the listener of start.ts calls invalidate(). The cache is off while that listener is not
 *   connected (setAvailable), so a lost connection cannot leave a disabled user in.
 *
 * A lookup that began before an invalidation is not stored (the generation has moved on), so a request racing a change
 * cannot put the old identity back. An entry also never outlives its session's expiry nor ttlMs.
 */
export class SessionCache {
  readonly #options: SessionCacheOptions;
  readonly #entries = new Map<string, Entry>();
  #generation = 0;
  #available = false;

  constructor(options: SessionCacheOptions) {
    this.#options = options;
  }

  /** Take this before reading the database; hand it to store() with what was read. */
  get generation(): number {
    return this.#generation;
  }

  get enabled(): boolean {
    return this.#available && this.#options.ttlMs > 0;
  }

  get size(): number {
    return this.#entries.size;
  }

  lookup(tokenHash: string, nowMs: number): ActiveSession | undefined {
    if (!this.enabled) return undefined;
    const entry = this.#entries.get(tokenHash);
    if (entry === undefined) return undefined;
    if (
      nowMs - entry.storedAtMs >= this.#options.ttlMs ||
      nowMs < entry.storedAtMs ||
      entry.session.expiresAt.getTime() <= nowMs
    ) {
      this.#entries.delete(tokenHash);
      return undefined;
    }
    return entry.session;
  }

  store(tokenHash: string, session: ActiveSession, generation: number, nowMs: number): void {
    if (!this.enabled || generation !== this.#generation) return;
    if (this.#entries.size >= this.#options.maxEntries) {
      // Maps iterate in insertion order: the first key is the oldest entry.
      const oldest = this.#entries.keys().next();
      if (oldest.done !== true) this.#entries.delete(oldest.value);
    }
    this.#entries.set(tokenHash, {
      session: { expiresAt: session.expiresAt, user: Object.freeze({ ...session.user }) },
      storedAtMs: nowMs,
    });
  }

  /** Forgets every entry, and every lookup still in flight. */
  invalidate(): void {
    this.#generation += 1;
    this.#entries.clear();
  }

  /** Whether changes made by other processes reach this one; the cache answers only while they do. */
  setAvailable(available: boolean): void {
    this.invalidate();
    this.#available = available;
  }
}

/** The channel migration 0003's triggers notify on every change of users or sessions. */
export const identityChannel = 'engage_identity';

/** A session cache kept right by the database's notifications; stop() before closing the connection. */
export async function openSessionCache(
  connection: Pick<DatabaseConnection, 'listen'>,
  ttlMs: number,
): Promise<{ cache: SessionCache; stop: () => Promise<void> }> {
  const cache = new SessionCache({ ttlMs, maxEntries: 10_000 });
  if (ttlMs === 0) return { cache, stop: async () => {} };
  const stop = await connection.listen(identityChannel, {
    onNotify: () => cache.invalidate(),
    onAvailable: (available) => cache.setAvailable(available),
  });
  return { cache, stop };
}
