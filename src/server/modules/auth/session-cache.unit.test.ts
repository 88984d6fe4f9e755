import { describe, expect, it } from 'vitest';
import { SessionCache, type ActiveSession } from './session-cache';

const t0 = Date.parse('2026-11-28T09:00:00Z');
const session = (expiresAtMs: number, role: ActiveSession['user']['role'] = 'engineer'): ActiveSession => ({
  expiresAt: new Date(expiresAtMs),
  user: {
    id: 'u1',
    email: 'a@example.com',
    name: 'A',
    role,
    language: 'en',
    isDisabled: false,
    teams: [],
    phone: null,
    createdAt: new Date(t0),
  },
});

function availableCache(ttlMs = 30_000, maxEntries = 100): SessionCache {
  const cache = new SessionCache({ ttlMs, maxEntries });
  cache.setAvailable(true);
  return cache;
}

describe('session cache', () => {
  it('answers a stored session until its time to live has passed', () => {
    const cache = availableCache();
    cache.store('h1', session(t0 + 3_600_000), cache.generation, t0);
    expect(cache.lookup('h1', t0 + 29_999)?.user.role).toBe('engineer');
    expect(cache.lookup('h1', t0 + 30_000)).toBeUndefined();
  });

  it('never answers a session past its own expiry, nor when the clock went backwards', () => {
    const cache = availableCache();
    cache.store('h1', session(t0 + 10_000), cache.generation, t0);
    expect(cache.lookup('h1', t0 + 10_000)).toBeUndefined();
    cache.store('h2', session(t0 + 3_600_000), cache.generation, t0);
    expect(cache.lookup('h2', t0 - 1)).toBeUndefined();
  });

  it('does not store what was read before an invalidation', () => {
    const cache = availableCache();
    const generation = cache.generation;
    // A change commits while the lookup is still reading the database.
    cache.invalidate();
    cache.store('h1', session(t0 + 3_600_000), generation, t0);
    expect(cache.lookup('h1', t0)).toBeUndefined();
    expect(cache.size).toBe(0);
  });

  it('forgets everything on invalidate', () => {
    const cache = availableCache();
    cache.store('h1', session(t0 + 3_600_000), cache.generation, t0);
    cache.store('h2', session(t0 + 3_600_000), cache.generation, t0);
    cache.invalidate();
    expect(cache.lookup('h1', t0)).toBeUndefined();
    expect(cache.lookup('h2', t0)).toBeUndefined();
  });

  it('is off until the change notifications are available, and again when they are lost', () => {
    const cache = new SessionCache({ ttlMs: 30_000, maxEntries: 100 });
    cache.store('h1', session(t0 + 3_600_000), cache.generation, t0);
    expect(cache.lookup('h1', t0)).toBeUndefined();
    cache.setAvailable(true);
    cache.store('h1', session(t0 + 3_600_000), cache.generation, t0);
    expect(cache.lookup('h1', t0)).toBeDefined();
    cache.setAvailable(false);
    expect(cache.enabled).toBe(false);
    expect(cache.lookup('h1', t0)).toBeUndefined();
    cache.setAvailable(true);
    expect(cache.lookup('h1', t0)).toBeUndefined();
  });

  it('is off with a time to live of 0', () => {
    const cache = availableCache(0);
    cache.store('h1', session(t0 + 3_600_000), cache.generation, t0);
    expect(cache.enabled).toBe(false);
    expect(cache.lookup('h1', t0)).toBeUndefined();
  });

  it('drops the oldest entry beyond its size', () => {
    const cache = availableCache(30_000, 2);
    for (const hash of ['h1', 'h2', 'h3']) cache.store(hash, session(t0 + 3_600_000), cache.generation, t0);
    expect(cache.size).toBe(2);
    expect(cache.lookup('h1', t0)).toBeUndefined();
    expect(cache.lookup('h3', t0)).toBeDefined();
  });

  it('hands out a copy of the identity that cannot be changed in place', () => {
    const cache = availableCache();
    const stored = session(t0 + 3_600_000);
    cache.store('h1', stored, cache.generation, t0);
    stored.user.role = 'admin';
    const found = cache.lookup('h1', t0);
    expect(found?.user.role).toBe('engineer');
    expect(Object.isFrozen(found?.user)).toBe(true);
  });
});
