/**
 * Public holidays of a country (and optionally one of its regions) from date-holidays, as local dates. Only holidays
 * of type 'public' count: bank, school, optional and observance days are working days. Lists are cached per
 * country, region and year (building a country's rules costs 15–40 ms; a year's list a few more).
 */
import Holidays from 'date-holidays';
import { SchedulingInputError } from './errors';
import { millisecondsPerDay, parseLocalDate, yearOfDay } from './local-date';

/** Where a calendar's public holidays come from: an ISO 3166 country code and optionally a region of it. */
export interface HolidayRegion {
  /** ISO 3166-1 alpha-2 code, e.g. 'IT', 'AE', 'US'. */
  readonly country: string;
  /** date-holidays' first-level subdivision code (a state, a province, an Italian region), e.g. 'CA' in the US. */
  readonly region?: string;
}

/** A public holiday on a local date of the region. */
export interface PublicHoliday {
  readonly date: string;
  readonly name: string;
}

const rulesCache = new Map<string, Holidays>();
const yearCache = new Map<string, ReadonlyMap<number, string>>();

function regionKey(region: HolidayRegion): string {
  return `${region.country}/${region.region ?? ''}`;
}

function rulesOf(region: HolidayRegion): Holidays {
  const key = regionKey(region);
  let rules = rulesCache.get(key);
  if (rules === undefined) {
    const catalogue = new Holidays();
    if (catalogue.getCountries()[region.country] === undefined) {
      throw new SchedulingInputError(`"${region.country}" is not a country with known public holidays`);
    }
    if (region.region !== undefined && catalogue.getStates(region.country)?.[region.region] === undefined) {
      throw new SchedulingInputError(
        `"${region.region}" is not a region of ${region.country} with known public holidays`,
      );
    }
    rules = region.region === undefined ? new Holidays(region.country) : new Holidays(region.country, region.region);
    rulesCache.set(key, rules);
  }
  return rules;
}

/**
 * Day number → holiday name, for the public holidays that start in `year` (a holiday of several days, such as
 * Eid al-Fitr in the Gulf, covers each of its days).
 */
function holidaysStartingIn(region: HolidayRegion, year: number, language?: string): ReadonlyMap<number, string> {
  const key = `${regionKey(region)}/${year}/${language ?? ''}`;
  let days = yearCache.get(key);
  if (days === undefined) {
    const map = new Map<number, string>();
    for (const holiday of rulesOf(region).getHolidays(year, language)) {
      if (holiday.type !== 'public') continue;
      // `date` is the local date-time the holiday starts ('2027-03-09 00:00:00 -0600' for an Islamic holiday that
      // starts at the previous sunset); its date part is the first local day off.
      const firstDay = parseLocalDate(holiday.date.slice(0, 10));
      const dayCount = Math.max(1, Math.round((holiday.end.getTime() - holiday.start.getTime()) / millisecondsPerDay));
      for (let offset = 0; offset < dayCount; offset += 1) {
        if (!map.has(firstDay + offset)) map.set(firstDay + offset, holiday.name);
      }
    }
    days = map;
    yearCache.set(key, days);
  }
  return days;
}

/** The day numbers of a year that are public holidays of the region (a set, for calendars that test every day). */
export function publicHolidayDays(region: HolidayRegion, year: number): ReadonlySet<number> {
  const days = new Set<number>();
  for (const source of [holidaysStartingIn(region, year - 1), holidaysStartingIn(region, year)]) {
    for (const dayNumber of source.keys()) if (yearOfDay(dayNumber) === year) days.add(dayNumber);
  }
  return days;
}

/** Throws SchedulingInputError when date-holidays does not know the country or region. */
export function assertHolidayRegion(region: HolidayRegion): void {
  rulesOf(region);
}

/**
 * The public holidays of a region in a year, in date order (for display and for checking the data), named in
 * `language` when date-holidays has the names in it (else in the country's own language).
 */
export function listPublicHolidays(region: HolidayRegion, year: number, language?: string): PublicHoliday[] {
  return [...holidaysStartingIn(region, year, language).entries()]
    .sort(([left], [right]) => left - right)
    .map(([dayNumber, name]) => ({ date: new Date(dayNumber * millisecondsPerDay).toISOString().slice(0, 10), name }));
}
