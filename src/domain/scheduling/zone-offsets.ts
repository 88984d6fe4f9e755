/**
 * A time zone's UTC offsets as a table of constant-offset segments, read from luxon (the runtime's tz database) once
 * per zone and year and then cached: the slot finder converts thousands of local days per search, and luxon's
 * `DateTime.fromObject` costs about 13 µs a call, an offset lookup here a binary search. The table only caches what
 * luxon reports; the tests compare every conversion against luxon itself, across DST changes.
 */
import { IANAZone } from 'luxon';
import { SchedulingInputError } from './errors';
import { millisecondsPerMinute } from './local-date';

/** An interval of UTC instants [start, end) during which the zone's offset from UTC is `offsetMinutes`. */
export interface OffsetSegment {
  readonly start: number;
  readonly end: number;
  readonly offsetMinutes: number;
}

// Transitions are months apart in every zone of the tz database; sampling each week and bisecting between samples
// finds each of them to the millisecond.
const sampleStep = 7 * 86_400_000;
const widestOffset = 26 * 3_600_000;

export class ZoneOffsets {
  private readonly zone: IANAZone;
  private readonly years = new Map<number, readonly OffsetSegment[]>();

  private constructor(readonly timeZone: string) {
    this.zone = IANAZone.create(timeZone);
  }

  private static readonly cache = new Map<string, ZoneOffsets>();

  /** The offsets of an IANA zone ('Europe/Rome'); throws SchedulingInputError for an unknown zone. */
  static of(timeZone: string): ZoneOffsets {
    let offsets = ZoneOffsets.cache.get(timeZone);
    if (offsets === undefined) {
      if (!IANAZone.isValidZone(timeZone)) throw new SchedulingInputError(`"${timeZone}" is not an IANA time zone`);
      offsets = new ZoneOffsets(timeZone);
      ZoneOffsets.cache.set(timeZone, offsets);
    }
    return offsets;
  }

  /** The offset in minutes at a UTC instant (local = UTC + offset). */
  offsetAt(instant: number): number {
    return this.segmentAt(instant).offsetMinutes;
  }

  /** The segment (within its UTC year) that holds an instant. */
  private segmentAt(instant: number): OffsetSegment {
    const segments = this.segmentsOfYear(new Date(instant).getUTCFullYear());
    let low = 0;
    let high = segments.length - 1;
    while (low < high) {
      const middle = (low + high + 1) >> 1;
      if ((segments[middle] as OffsetSegment).start <= instant) low = middle;
      else high = middle - 1;
    }
    return segments[low] as OffsetSegment;
  }

  /** The constant-offset segments that cover [start, end), clipped to it, in order. */
  segmentsBetween(start: number, end: number): OffsetSegment[] {
    const result: OffsetSegment[] = [];
    const lastYear = new Date(end - 1).getUTCFullYear();
    for (let year = new Date(start).getUTCFullYear(); year <= lastYear; year += 1) {
      for (const segment of this.segmentsOfYear(year)) {
        const clippedStart = Math.max(segment.start, start);
        const clippedEnd = Math.min(segment.end, end);
        if (clippedStart >= clippedEnd) continue;
        const previous = result[result.length - 1];
        if (
          previous !== undefined &&
          previous.end === clippedStart &&
          previous.offsetMinutes === segment.offsetMinutes
        ) {
          result[result.length - 1] = { start: previous.start, end: clippedEnd, offsetMinutes: segment.offsetMinutes };
        } else {
          result.push({ start: clippedStart, end: clippedEnd, offsetMinutes: segment.offsetMinutes });
        }
      }
    }
    return result;
  }

  /**
   * The first UTC instant whose local wall-clock reading is at or after `wallTime` (milliseconds of the local
   * date-time read as if it were UTC). A wall time skipped by a spring-forward change gives the instant of the change;
   * a repeated one (fall back) gives its first occurrence.
   */
  firstInstantAtOrAfterWallTime(wallTime: number): number {
    // Most days are far from a change: one offset holds all around.
    const around = this.segmentAt(wallTime - widestOffset);
    if (around.end >= wallTime + widestOffset) return wallTime - around.offsetMinutes * millisecondsPerMinute;
    let best = Number.POSITIVE_INFINITY;
    for (const segment of this.segmentsBetween(wallTime - widestOffset, wallTime + widestOffset)) {
      const candidate = Math.max(segment.start, wallTime - segment.offsetMinutes * millisecondsPerMinute);
      if (candidate < segment.end && candidate < best) best = candidate;
    }
    return best;
  }

  private segmentsOfYear(year: number): readonly OffsetSegment[] {
    let segments = this.years.get(year);
    if (segments === undefined) {
      segments = this.readYear(year);
      this.years.set(year, segments);
    }
    return segments;
  }

  private readYear(year: number): OffsetSegment[] {
    const yearStart = Date.UTC(year, 0, 1);
    const lastInstant = Date.UTC(year + 1, 0, 1) - 1;
    const segments: OffsetSegment[] = [];
    let segmentStart = yearStart;
    let currentOffset = this.zone.offset(yearStart);
    let checked = yearStart;
    while (checked < lastInstant) {
      const sample = Math.min(checked + sampleStep, lastInstant);
      if (this.zone.offset(sample) === currentOffset) {
        checked = sample;
        continue;
      }
      // Bisect (checked, sample] for the first instant with another offset; then go on from that change.
      let low = checked;
      let high = sample;
      while (high - low > 1) {
        const middle = Math.floor((low + high) / 2);
        if (this.zone.offset(middle) === currentOffset) low = middle;
        else high = middle;
      }
      segments.push({ start: segmentStart, end: high, offsetMinutes: currentOffset });
      segmentStart = high;
      currentOffset = this.zone.offset(high);
      checked = high;
    }
    segments.push({ start: segmentStart, end: lastInstant + 1, offsetMinutes: currentOffset });
    return segments;
  }
}
