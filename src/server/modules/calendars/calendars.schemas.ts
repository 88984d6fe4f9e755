import { z } from 'zod';
import { translatorFor } from '../../../domain/text/i18n';

const en = translatorFor('en', 'errors');

const wallClock = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$|^24:00$/, en('calendars.time_format'));

export const wallClockIntervalSchema = z.object({ start: wallClock, end: wallClock });

/**
 * The spans of hours of a working day: each ends after it starts, and none overlaps another (touching is fine, as
 * 09:00–13:00 and 13:00–17:00). The refusal names the span, such as body.workingHours.1.start.
 */
function dayHoursSchema(emptyMessage: string) {
  return z
    .array(wallClockIntervalSchema)
    .min(1, emptyMessage)
    .max(6)
    .superRefine((spans, context) => {
      for (const [index, span] of spans.entries()) {
        // HH:mm strings compare in time order, 24:00 last.
        if (span.end <= span.start)
          context.addIssue({
            code: 'custom',
            path: [index, 'end'],
            message: en('calendars.span_ends_before_start', { start: span.start, end: span.end }),
          });
      }
      const ordered = [...spans.entries()]
        .filter(([, span]) => span.start < span.end)
        .sort(([, left], [, right]) => (left.start < right.start ? -1 : 1));
      for (let position = 1; position < ordered.length; position += 1) {
        const [, previous] = ordered[position - 1]!;
        const [index, span] = ordered[position]!;
        if (span.start < previous.end) {
          context.addIssue({
            code: 'custom',
            path: [index, 'start'],
            message: en('calendars.spans_overlap', {
              start: span.start,
              end: span.end,
              previousStart: previous.start,
              previousEnd: previous.end,
            }),
          });
        }
      }
    });
}

/** Dates Engage can hold: a calendar entry outside these years is a typing mistake (0202 for 2026), not a plan. */
const earliestYear = 2000;
const latestYear = 2100;
const yearMessage = en('calendars.sane_year', { earliest: earliestYear, latest: latestYear });
const isSaneYear = (value: string) => {
  const year = Number(value.slice(0, 4));
  return year >= earliestYear && year <= latestYear;
};
const saneInstant = z.iso
  .datetime({ offset: true, error: en('calendars.instant_format') })
  .refine(isSaneYear, yearMessage);
const saneDay = z.iso.date({ error: en('calendars.day_format') }).refine(isSaneYear, yearMessage);

export const holidayRegionSchema = z.object({
  country: z.string().regex(/^[A-Z]{2}$/, en('calendars.country_code')),
  region: z.string().trim().min(1).max(10).nullable().optional(),
});

/** A working week: ISO weekdays (1 = Monday … 7 = Sunday), hours on a working day, the holidays of a region. */
const calendarFields = {
  timeZone: z.string().trim().min(1, en('calendars.choose_time_zone')).max(64),
  holidays: holidayRegionSchema,
};

export const staffCalendarBody = z.object({
  ...calendarFields,
  workingDays: z.array(z.number().int().min(1).max(7)).min(1, en('calendars.choose_working_day')).max(7),
  workingHours: dayHoursSchema(en('calendars.give_working_hours')),
});
export type StaffCalendarBody = z.infer<typeof staffCalendarBody>;

export const customerCalendarBody = z.object({
  ...calendarFields,
  businessDays: z.array(z.number().int().min(1).max(7)).min(1, en('calendars.choose_business_day')).max(7),
  businessHours: dayHoursSchema(en('calendars.give_business_hours')),
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
  z.object({
    kind: z.literal('interval'),
    start: saneInstant,
    end: saneInstant,
    note: z.string().trim().max(300).optional(),
  }),
  z.object({
    kind: z.literal('days'),
    firstDay: saneDay,
    lastDay: saneDay,
    note: z.string().trim().max(300).optional(),
  }),
]);
export type TimeOffBody = z.infer<typeof timeOffBody>;

export const timeOffParams = z.object({
  id: z.uuid({ error: en('common.invalid_id') }),
  timeOffId: z.uuid({ error: en('common.invalid_id') }),
});
