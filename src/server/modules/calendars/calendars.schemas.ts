import { z } from 'zod';

const wallClock = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$|^24:00$/, 'Write a time as HH:mm, such as 09:00.');

export const wallClockIntervalSchema = z.object({ start: wallClock, end: wallClock });

export const holidayRegionSchema = z.object({
  country: z.string().regex(/^[A-Z]{2}$/, 'Give the country as its two-letter code, such as IT or AE.'),
  region: z.string().trim().min(1).max(10).nullable().optional(),
});

/** A working week: ISO weekdays (1 = Monday … 7 = Sunday), hours on a working day, the holidays of a region. */
const calendarFields = {
  timeZone: z.string().trim().min(1, 'Choose a time zone.').max(64),
  holidays: holidayRegionSchema,
};

export const staffCalendarBody = z.object({
  ...calendarFields,
  workingDays: z.array(z.number().int().min(1).max(7)).min(1, 'Choose at least one working day.').max(7),
  workingHours: z.array(wallClockIntervalSchema).min(1, 'Give the working hours.').max(6),
});
export type StaffCalendarBody = z.infer<typeof staffCalendarBody>;

export const customerCalendarBody = z.object({
  ...calendarFields,
  businessDays: z.array(z.number().int().min(1).max(7)).min(1, 'Choose at least one business day.').max(7),
  businessHours: z.array(wallClockIntervalSchema).min(1, 'Give the business hours.').max(6),
});
export type CustomerCalendarBody = z.infer<typeof customerCalendarBody>;

const publicHolidaySchema = z.object({ date: z.string(), name: z.string() });

export const timeOffSchema = z
  .object({
    id: z.uuid(),
    kind: z.enum(['interval', 'days']),
    start: z.date().nullable(),
    end: z.date().nullable(),
    firstDay: z.string().nullable(),
    lastDay: z.string().nullable(),
    note: z.string().nullable(),
  })
  .meta({ id: 'TimeOff' });

export const staffCalendarSchema = z
  .object({
    userId: z.uuid(),
    timeZone: z.string(),
    workingDays: z.array(z.number().int()),
    workingHours: z.array(wallClockIntervalSchema),
    holidays: z.object({ country: z.string(), region: z.string().nullable() }),
    timeOff: z.array(timeOffSchema),
    upcomingHolidays: z.array(publicHolidaySchema),
  })
  .meta({ id: 'StaffCalendar' });

export const customerCalendarSchema = z
  .object({
    organisationId: z.uuid(),
    timeZone: z.string(),
    businessDays: z.array(z.number().int()),
    businessHours: z.array(wallClockIntervalSchema),
    holidays: z.object({ country: z.string(), region: z.string().nullable() }),
    upcomingHolidays: z.array(publicHolidaySchema),
  })
  .meta({ id: 'CustomerCalendar' });

export const timeOffBody = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('interval'), start: z.iso.datetime({ offset: true }), end: z.iso.datetime({ offset: true }), note: z.string().trim().max(300).optional() }),
  z.object({ kind: z.literal('days'), firstDay: z.iso.date(), lastDay: z.iso.date(), note: z.string().trim().max(300).optional() }),
]);
export type TimeOffBody = z.infer<typeof timeOffBody>;

export const timeOffParams = z.object({ id: z.uuid({ error: 'Not a valid id.' }), timeOffId: z.uuid({ error: 'Not a valid id.' }) });
