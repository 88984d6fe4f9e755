import type { CustomerCalendar, HolidayRegion, IsoWeekday, TimeOff, WorkingCalendar } from '../../../domain/scheduling';
import type { Database } from '../../db/database';
import { refuse } from '../../errors';
import { findOrganisationById } from '../organisations/organisations.service';
import { listUserCalendars } from '../users/users.service';
import { listTimeOffOfUsers } from './calendars.repository';

/** The calendars stored for staff and organisations, as the scheduling domain reads them. */

/** A holiday region from stored or submitted columns (no region when there is none). */
export function regionOf(country: string, region: string | null | undefined): HolidayRegion {
  return region === null ? { country } : { country, region };
}

/** The working calendars of these staff members (time off included), by user id; an unknown id is left out. */
export async function loadWorkingCalendars(
  db: Database,
  userIds: readonly string[],
): Promise<Map<string, WorkingCalendar>> {
  if (userIds.length === 0) return new Map();
  const ids = [...new Set(userIds)];
  const [rows, entries] = await Promise.all([listUserCalendars(db, ids), listTimeOffOfUsers(db, ids)]);
  const offBy = new Map<string, TimeOff[]>();
  for (const entry of entries) {
    const list = offBy.get(entry.userId) ?? [];
    if (entry.kind === 'interval' && entry.startsAt !== null && entry.endsAt !== null)
      list.push({ kind: 'interval', start: entry.startsAt, end: entry.endsAt });
    if (entry.kind === 'days' && entry.firstDay !== null && entry.lastDay !== null)
      list.push({ kind: 'days', firstDay: entry.firstDay, lastDay: entry.lastDay });
    offBy.set(entry.userId, list);
  }
  return new Map(
    rows.map((row) => [
      row.id,
      {
        timeZone: row.timeZone,
        workingDays: row.workingDays as IsoWeekday[],
        workingHours: row.workingHours,
        holidays: regionOf(row.holidayCountry, row.holidayRegion),
        timeOff: offBy.get(row.id) ?? [],
      },
    ]),
  );
}

/** One staff member's working calendar; throws not_found for an unknown user. */
export async function loadWorkingCalendar(db: Database, userId: string): Promise<WorkingCalendar> {
  const calendar = (await loadWorkingCalendars(db, [userId])).get(userId);
  if (calendar === undefined) throw refuse('not_found', 'common.no_such_user');
  return calendar;
}

/** An organisation's business calendar; throws not_found for an unknown organisation. */
export async function loadCustomerCalendar(db: Database, organisationId: string): Promise<CustomerCalendar> {
  const row = await findOrganisationById(db, organisationId);
  if (row === null) throw refuse('not_found', 'common.no_such_organisation');
  return {
    timeZone: row.timeZone,
    workingDays: row.businessDays as IsoWeekday[],
    businessHours: row.businessHours,
    holidays: regionOf(row.holidayCountry, row.holidayRegion),
  };
}

/** A new staff member's calendar (the columns' defaults): Europe/Rome, Monday to Friday, 09–13 and 14–18, Italian holidays. */
export const defaultWorkingCalendar: WorkingCalendar = {
  timeZone: 'Europe/Rome',
  workingDays: [1, 2, 3, 4, 5],
  workingHours: [
    { start: '09:00', end: '13:00' },
    { start: '14:00', end: '18:00' },
  ],
  holidays: { country: 'IT' },
  timeOff: [],
};
