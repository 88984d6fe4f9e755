import { describe, expect, it } from 'vitest';
import { MemoryWindows } from './rate-limit-windows';

const start = new Date('2027-03-01T09:00:00Z');
const later = (ms: number) => new Date(start.getTime() + ms);
const minute = 60_000;

describe('fixed windows in memory', () => {
  it('counts hits in a window, then starts a new one that carries the count past the free hits', () => {
    const windows = new MemoryWindows();
    const input = { key: 'k', windowMs: minute, freeHits: 3 };
    const hits = Array.from({ length: 7 }, (_unused, index) => windows.hit({ ...input, now: later(index * 1000) }));
    expect(hits.map((hit) => hit.hits)).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(hits.every((hit) => hit.resetAt.getTime() === later(minute).getTime())).toBe(true);
    expect(hits.every((hit) => hit.carried === 0)).toBe(true);
    // The window ends exactly at its reset time.
    const next = windows.hit({ ...input, now: later(minute) });
    expect(next).toEqual({ hits: 1, resetAt: later(2 * minute), carried: 4 });
    expect(windows.hit({ ...input, now: later(minute + 1) }).carried).toBe(0);
  });

  it('keeps keys apart', () => {
    const windows = new MemoryWindows();
    windows.hit({ key: 'a', now: start, windowMs: minute, freeHits: 1 });
    expect(windows.hit({ key: 'b', now: start, windowMs: minute, freeHits: 1 }).hits).toBe(1);
    expect(windows.hit({ key: 'a', now: start, windowMs: minute, freeHits: 1 }).hits).toBe(2);
  });

  it('starts afresh when the clock went back by more than a window, rather than refusing for hours', () => {
    const windows = new MemoryWindows();
    windows.hit({ key: 'k', now: later(12 * 3600 * 1000), windowMs: minute, freeHits: 1 });
    expect(windows.hit({ key: 'k', now: start, windowMs: minute, freeHits: 1 })).toMatchObject({
      hits: 1,
      resetAt: later(minute),
    });
  });

  it('sweeps the windows that ended, with all their hits, and keeps the others', () => {
    const windows = new MemoryWindows();
    for (let index = 0; index < 5; index += 1) windows.hit({ key: 'ended', now: start, windowMs: minute, freeHits: 2 });
    windows.hit({ key: 'running', now: later(30_000), windowMs: minute, freeHits: 2 });
    expect(windows.sweep(later(minute))).toEqual([{ key: 'ended', hits: 5 }]);
    expect(windows.size).toBe(1);
    expect(windows.hit({ key: 'running', now: later(minute), windowMs: minute, freeHits: 2 }).hits).toBe(2);
  });

  it('stays within its number of keys, dropping ended windows first, then the oldest', () => {
    const windows = new MemoryWindows(3);
    windows.hit({ key: 'old', now: start, windowMs: 1000, freeHits: 1 });
    windows.hit({ key: 'a', now: start, windowMs: minute, freeHits: 1 });
    windows.hit({ key: 'b', now: start, windowMs: minute, freeHits: 1 });
    windows.hit({ key: 'c', now: later(2000), windowMs: minute, freeHits: 1 });
    expect(windows.size).toBe(3);
    // 'old' had ended and went first; now 'a', the oldest running window, makes room.
    windows.hit({ key: 'd', now: later(3000), windowMs: minute, freeHits: 1 });
    expect(windows.size).toBe(3);
    expect(windows.hit({ key: 'b', now: later(3000), windowMs: minute, freeHits: 1 }).hits).toBe(2);
    expect(windows.hit({ key: 'a', now: later(3000), windowMs: minute, freeHits: 1 }).hits).toBe(1);
  });
});
