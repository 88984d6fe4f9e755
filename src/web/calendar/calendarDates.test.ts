import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import {
  assignLanes,
  dayHeading,
  hourLabels,
  mondayOf,
  parseAnchor,
  placeInDay,
  plusWeeks,
  rangeOf,
  shiftAnchor,
  timeRange,
  touchesDay,
  viewTitle,
  visibleDays,
} from './calendarDates';

const zone = 'Europe/Rome';
// Wednesday 2 December 2026.
const anchor = DateTime.fromISO('2026-12-02', { zone });

describe('the calendar’s dates', () => {
  it('shows the Monday-to-Sunday week of the anchor, or whole weeks covering its month', () => {
    const week = visibleDays('week', anchor);
    expect(week.map((day) => day.toISODate())).toEqual([
      '2026-11-30',
      '2026-12-01',
      '2026-12-02',
      '2026-12-03',
      '2026-12-04',
      '2026-12-05',
      '2026-12-06',
    ]);
    const month = visibleDays('month', anchor);
    expect([month.length, month[0]?.toISODate(), month.at(-1)?.toISODate()]).toEqual([35, '2026-11-30', '2027-01-03']);
    // Asked from the first visible midnight in Rome to the midnight after the last day.
    expect(rangeOf(week)).toEqual({ from: '2026-11-29T23:00:00.000Z', to: '2026-12-06T23:00:00.000Z' });
  });

  it('moves by a week or to the start of the next month, and reads a bad anchor as today', () => {
    expect(shiftAnchor('week', anchor, 1).toISODate()).toBe('2026-12-09');
    expect(shiftAnchor('month', anchor, -1).toISODate()).toBe('2026-11-01');
    expect(parseAnchor('2026-12-02', zone).toISODate()).toBe('2026-12-02');
    expect(parseAnchor('garbage', zone).toISODate()).toBe(DateTime.now().setZone(zone).toISODate());
    expect(mondayOf('2026-12-03', 'UTC')).toBe('2026-11-30');
    expect(plusWeeks('2026-12-28', 1)).toBe('2027-01-04');
  });

  it('writes the headings in the language, and times in the zone', () => {
    const week = visibleDays('week', anchor);
    expect(viewTitle('week', week, anchor, 'en')).toBe('30 Nov – 6 Dec 2026');
    expect(viewTitle('month', week, anchor, 'it')).toBe('dicembre 2026');
    expect(dayHeading(anchor, 'en')).toBe('Wed 2 Dec');
    expect(timeRange('2026-11-30T08:00:00Z', '2026-11-30T10:00:00Z', zone)).toBe('09:00–11:00');
    expect(hourLabels()).toHaveLength(13);
    expect([hourLabels()[0], hourLabels().at(-1)]).toEqual(['07:00', '19:00']);
  });

  it('places an interval in the 07–20 band of its day, clipped to it, and nowhere on a day it misses', () => {
    const monday = DateTime.fromISO('2026-11-30', { zone });
    // 07:00–09:30 in Rome: from the top of the band, 2.5 of its 13 hours.
    const placed = placeInDay('2026-11-30T06:00:00Z', '2026-11-30T08:30:00Z', monday);
    expect(placed?.top).toBe(0);
    expect(placed?.height).toBeCloseTo((2.5 / 13) * 100);
    // 05:00–09:30 starts before the band: clipped to it.
    expect(placeInDay('2026-11-30T04:00:00Z', '2026-11-30T08:30:00Z', monday)).toEqual(placed);
    expect(placeInDay('2026-11-30T20:00:00Z', '2026-11-30T21:00:00Z', monday)).toBeNull();
    expect(touchesDay('2026-11-30T22:30:00Z', '2026-11-30T23:30:00Z', monday)).toBe(true);
    expect(touchesDay('2026-11-30T23:00:00Z', '2026-12-01T00:00:00Z', monday)).toBe(false);
  });

  it('puts overlapping sessions side by side and the others in a lane of their own', () => {
    const lanes = assignLanes([
      { id: 'a', start: '2026-11-30T08:00:00Z', end: '2026-11-30T10:00:00Z' },
      { id: 'b', start: '2026-11-30T09:00:00Z', end: '2026-11-30T11:00:00Z' },
      { id: 'c', start: '2026-11-30T10:00:00Z', end: '2026-11-30T10:30:00Z' },
      { id: 'd', start: '2026-11-30T12:00:00Z', end: '2026-11-30T13:00:00Z' },
    ]);
    expect(lanes.map(({ item, lane, lanes: count }) => [item.id, lane, count])).toEqual([
      ['a', 0, 2],
      ['b', 1, 2],
      ['c', 0, 2],
      ['d', 0, 1],
    ]);
  });
});
