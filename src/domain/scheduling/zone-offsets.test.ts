import fc from 'fast-check';
import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { ZoneOffsets } from './zone-offsets';

// Zones with whole-hour, half-hour and 45-minute offsets, northern and southern DST, a 30-minute DST, none at all.
const zones = [
  'Europe/Rome',
  'America/New_York',
  'Asia/Dubai',
  'Asia/Kolkata',
  'Australia/Lord_Howe',
  'Pacific/Chatham',
  'America/Santiago',
  'UTC',
];
const instant = fc.integer({ min: Date.UTC(2024, 0, 1), max: Date.UTC(2031, 0, 1) });
const wallFormat = "yyyy-MM-dd'T'HH:mm:ss.SSS";

describe('ZoneOffsets (the cached offset table) agrees with luxon', () => {
  it('on the offset at any instant', () => {
    fc.assert(
      fc.property(fc.constantFrom(...zones), instant, (zone, at) => {
        expect(ZoneOffsets.of(zone).offsetAt(at)).toBe(DateTime.fromMillis(at, { zone }).offset);
      }),
      { numRuns: 2000 },
    );
  });

  it('on the first instant at or after a wall-clock time, also in skipped and repeated hours', () => {
    const nearChanges = fc.oneof(
      instant,
      // The hours around the 2027 changes of these zones.
      fc
        .constantFrom(
          Date.UTC(2027, 2, 28, 2),
          Date.UTC(2027, 9, 31, 2),
          Date.UTC(2027, 2, 14, 2),
          Date.UTC(2027, 10, 7, 1),
          Date.UTC(2027, 3, 4, 2),
          Date.UTC(2027, 9, 3, 2),
        )
        .chain((base) => fc.integer({ min: -180, max: 180 }).map((minutes) => base + minutes * 60_000)),
    );
    fc.assert(
      fc.property(fc.constantFrom(...zones), nearChanges, (zone, wallAsUtc) => {
        const wall = DateTime.fromMillis(wallAsUtc, { zone: 'UTC' }).toFormat(wallFormat);
        const found = ZoneOffsets.of(zone).firstInstantAtOrAfterWallTime(wallAsUtc);
        expect(DateTime.fromMillis(found, { zone }).toFormat(wallFormat) >= wall).toBe(true);
        expect(DateTime.fromMillis(found - 1, { zone }).toFormat(wallFormat) < wall).toBe(true);
      }),
      { numRuns: 2000 },
    );
  });
});
