import { useEffect, useState } from 'react';

// setTimeout takes at most a signed 32-bit number of milliseconds (about 24.8 days); a later instant waits in steps.
const longestTimeout = 2 ** 31 - 1;

/**
 * The time now, moving on at each of the given instants as it passes (and not in between), so that what depends on
 * an instant (the Mark held action at a session's start) appears at that instant without fetching again.
 */
export function useClockPassing(instants: readonly string[]): number {
  const [now, setNow] = useState(() => Date.now());
  const next = instants
    .map((instant) => Date.parse(instant))
    .filter((time) => Number.isFinite(time) && time > now)
    .reduce((earliest, time) => Math.min(earliest, time), Number.POSITIVE_INFINITY);
  useEffect(() => {
    if (next === Number.POSITIVE_INFINITY) return;
    const timer = window.setTimeout(() => setNow(Date.now()), Math.min(longestTimeout, Math.max(0, next - Date.now())));
    return () => window.clearTimeout(timer);
  }, [next]);
  return now;
}
