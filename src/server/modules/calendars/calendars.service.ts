import type { Language } from '../../../domain/text/languages';
import type { HolidayRegion, IsoWeekday, WallClockInterval } from '../../../domain/scheduling';
import { inTransaction, type ServiceContext } from '../../context';
import { translate } from '../../../domain/text/i18n';
import { refuse } from '../../errors';
import type { StaffActor } from '../audit/actor';
import { recordAuditEvent } from '../audit/audit.service';
import { findOrganisationById, saveOrganisationCalendar } from '../organisations/organisations.service';
import { findUserRow, saveUserCalendar } from '../users/users.service';
import { regionOf } from './calendar-data';
import { deleteTimeOff, insertTimeOff, listTimeOff } from './calendars.repository';
import type { CustomerCalendarBody, StaffCalendarBody, TimeOffBody } from './calendars.schemas';

/** The scheduling domain pulls in the holiday rules of every country: loaded when a calendar is first used, not at start-up. */
const scheduling = () => import('../../../domain/scheduling');

const dayMs = 24 * 3600 * 1000;

/**
 * Checks a calendar by evaluating it (a zone, a country or region, and hours the domain can read); the domain's
 * refusal becomes a validation error naming what is wrong. The hours' order and overlaps are the body schema's checks.
 */
async function checkCalendar(
  timeZone: string,
  days: readonly number[],
  hours: readonly WallClockInterval[],
  holidays: HolidayRegion,
  now: Date,
): Promise<void> {
  const { SchedulingInputError, workingIntervals } = await scheduling();
  try {
    workingIntervals(
      { timeZone, workingDays: days as IsoWeekday[], workingHours: hours, holidays, timeOff: [] },
      now,
      new Date(now.getTime() + 7 * dayMs),
    );
  } catch (error) {
    if (error instanceof SchedulingInputError)
      throw refuse('validation_failed', 'calendars.unusable', {
        values: { problem: error.message },
        details: [{ path: 'body', message: error.message }],
      });
    throw error;
  }
}

async function upcomingHolidays(region: HolidayRegion, now: Date, language: Language) {
  const { listPublicHolidays } = await scheduling();
  const today = now.toISOString().slice(0, 10);
  const until = new Date(now.getTime() + 365 * dayMs).toISOString().slice(0, 10);
  const year = now.getUTCFullYear();
  return [...listPublicHolidays(region, year, language), ...listPublicHolidays(region, year + 1, language)].filter(
    (holiday) => holiday.date >= today && holiday.date <= until,
  );
}

/** A staff member's own calendar may be changed by them, or by an admin or a manager. */
function ensureMayEdit(actor: StaffActor, userId: string): void {
  if (actor.userId !== userId && actor.role !== 'admin' && actor.role !== 'manager') {
    throw refuse('forbidden', 'calendars.edit_forbidden');
  }
}

async function userRow(context: ServiceContext, userId: string) {
  const row = await findUserRow(context.db, userId);
  if (row === null) throw refuse('not_found', 'common.no_such_user');
  return row;
}

/** A staff member's working calendar: zone, week, hours, holidays (with the coming ones) and time off. */
export async function getStaffCalendar(context: ServiceContext, userId: string, language: Language = 'en') {
  const row = await userRow(context, userId);
  const entries = await listTimeOff(context.db, userId);
  const region = regionOf(row.holidayCountry, row.holidayRegion);
  return {
    userId,
    timeZone: row.timeZone,
    workingDays: row.workingDays,
    workingHours: row.workingHours,
    holidays: { country: row.holidayCountry, region: row.holidayRegion },
    timeOff: entries.map((entry) => ({
      id: entry.id,
      kind: entry.kind,
      start: entry.startsAt,
      end: entry.endsAt,
      firstDay: entry.firstDay,
      lastDay: entry.lastDay,
      note: entry.note,
    })),
    upcomingHolidays: await upcomingHolidays(region, context.now(), language),
  };
}

export async function updateStaffCalendar(
  context: ServiceContext,
  actor: StaffActor,
  userId: string,
  body: StaffCalendarBody,
  language: Language = 'en',
) {
  ensureMayEdit(actor, userId);
  const before = await userRow(context, userId);
  const holidays = regionOf(body.holidays.country, body.holidays.region);
  const workingDays = [...new Set(body.workingDays)].sort();
  await checkCalendar(body.timeZone, workingDays, body.workingHours, holidays, context.now());
  await inTransaction(context, async (db) => {
    await saveUserCalendar(db, userId, {
      timeZone: body.timeZone,
      workingDays,
      workingHours: body.workingHours,
      holidayCountry: holidays.country,
      holidayRegion: holidays.region ?? null,
      updatedAt: context.now(),
    });
    await recordAuditEvent(db, actor, {
      action: 'calendar.updated',
      subjectType: 'user',
      subjectId: userId,
      before: {
        timeZone: before.timeZone,
        workingDays: before.workingDays,
        workingHours: before.workingHours,
        holidays: { country: before.holidayCountry, region: before.holidayRegion },
      },
      after: { timeZone: body.timeZone, workingDays, workingHours: body.workingHours, holidays },
    });
  });
  return getStaffCalendar(context, userId, language);
}

export async function addTimeOff(
  context: ServiceContext,
  actor: StaffActor,
  userId: string,
  body: TimeOffBody,
  language: Language = 'en',
) {
  ensureMayEdit(actor, userId);
  await userRow(context, userId);
  const values =
    body.kind === 'interval'
      ? { kind: 'interval' as const, startsAt: new Date(body.start), endsAt: new Date(body.end) }
      : { kind: 'days' as const, firstDay: body.firstDay, lastDay: body.lastDay };
  if (values.kind === 'interval' && values.endsAt.getTime() <= values.startsAt.getTime()) {
    throw refuse('validation_failed', 'calendars.time_off_ends_before_start', {
      details: [{ path: 'body.end', message: translate('en', 'errors', 'calendars.after_start') }],
    });
  }
  if (values.kind === 'days' && values.lastDay < values.firstDay) {
    throw refuse('validation_failed', 'calendars.last_day_before_first', {
      details: [{ path: 'body.lastDay', message: translate('en', 'errors', 'calendars.on_or_after_first_day') }],
    });
  }
  await inTransaction(context, async (db) => {
    const id = await insertTimeOff(db, {
      userId,
      ...values,
      note: body.note ?? null,
      createdBy: actor.userId,
      createdAt: context.now(),
    });
    await recordAuditEvent(db, actor, {
      action: 'time-off.added',
      subjectType: 'user',
      subjectId: userId,
      after: { id, ...body },
    });
  });
  return getStaffCalendar(context, userId, language);
}

export async function removeTimeOff(
  context: ServiceContext,
  actor: StaffActor,
  userId: string,
  timeOffId: string,
  language: Language = 'en',
) {
  ensureMayEdit(actor, userId);
  await inTransaction(context, async (db) => {
    const removed = await deleteTimeOff(db, userId, timeOffId);
    if (removed === null) throw refuse('not_found', 'calendars.no_such_time_off');
    await recordAuditEvent(db, actor, {
      action: 'time-off.removed',
      subjectType: 'user',
      subjectId: userId,
      before: removed,
    });
  });
  return getStaffCalendar(context, userId, language);
}

async function organisationRow(context: ServiceContext, organisationId: string) {
  const row = await findOrganisationById(context.db, organisationId);
  if (row === null) throw refuse('not_found', 'common.no_such_organisation');
  return row;
}

/** A customer's (or partner's) business calendar: where sessions with them may be proposed. */
export async function getCustomerCalendar(context: ServiceContext, organisationId: string, language: Language = 'en') {
  const row = await organisationRow(context, organisationId);
  return {
    organisationId,
    timeZone: row.timeZone,
    businessDays: row.businessDays,
    businessHours: row.businessHours,
    holidays: { country: row.holidayCountry, region: row.holidayRegion },
    upcomingHolidays: await upcomingHolidays(regionOf(row.holidayCountry, row.holidayRegion), context.now(), language),
  };
}

export async function updateCustomerCalendar(
  context: ServiceContext,
  actor: StaffActor,
  organisationId: string,
  body: CustomerCalendarBody,
  language: Language = 'en',
) {
  const before = await organisationRow(context, organisationId);
  const holidays = regionOf(body.holidays.country, body.holidays.region);
  const businessDays = [...new Set(body.businessDays)].sort();
  await checkCalendar(body.timeZone, businessDays, body.businessHours, holidays, context.now());
  await inTransaction(context, async (db) => {
    await saveOrganisationCalendar(db, organisationId, {
      timeZone: body.timeZone,
      businessDays,
      businessHours: body.businessHours,
      holidayCountry: holidays.country,
      holidayRegion: holidays.region ?? null,
      updatedAt: context.now(),
    });
    await recordAuditEvent(db, actor, {
      action: 'calendar.updated',
      subjectType: 'organisation',
      subjectId: organisationId,
      before: {
        timeZone: before.timeZone,
        businessDays: before.businessDays,
        businessHours: before.businessHours,
        holidays: { country: before.holidayCountry, region: before.holidayRegion },
      },
      after: { timeZone: body.timeZone, businessDays, businessHours: body.businessHours, holidays },
    });
  });
  return getCustomerCalendar(context, organisationId, language);
}

// The working and customer calendars as the scheduling domain reads them, published for the modules that schedule.
export { loadCustomerCalendar, loadWorkingCalendar, loadWorkingCalendars } from './calendar-data';
