/* The zod request and response schemas of the sessions routes (staff, calendar views and the portal). */
import { z } from 'zod';
import { sessionModes, sessionStates, proposalStates } from '../../db/schema';
import { readableText } from '../../http/common.schemas';
import { translatorFor } from '../../../domain/text/i18n';

/** The words for a value that does not fit, from the errors resources: in English, as a schema is built before any reader is known. */
const say = translatorFor('en', 'errors');

const id = z.uuid({ error: say('sessions.input.id') });
const instant = z.iso.datetime({ offset: true, error: say('sessions.input.instant') });
/** A session to come starts before 2101: a later year is a typing mistake (2207 for 2027), not a plan. */
const sessionStart = instant.refine((value) => Number(value.slice(0, 4)) <= 2100, say('sessions.input.before_2101'));

export const projectSessionParams = z.object({ id, sessionId: id });
export const projectProposalParams = z.object({ id, proposalId: id });
export const feedParams = z.object({
  token: z.string().regex(/^[A-Za-z0-9_-]{20,100}\.ics$/, say('sessions.input.feed_address')),
});

const durationMinutes = z
  .number({ error: say('sessions.input.duration') })
  .int(say('sessions.input.whole_minutes'))
  .min(15, say('sessions.input.at_least_15_minutes'))
  .max(12 * 60, say('sessions.input.at_most_12_hours_book'));

/** Where a session takes place: a meeting link for a remote session, an address on site. */
const placeFields = {
  mode: z.enum(sessionModes, { error: say('sessions.input.mode') }),
  location: z.string().trim().min(1, say('sessions.input.location')).max(500),
};

const sessionFields = {
  /** Another engineer than the project's (an alternative of the same competence team). */
  engineerId: id.optional(),
  stepKey: z.string().trim().min(1).max(80),
  title: readableText().trim().min(1, say('sessions.input.title')).max(200).optional(),
  description: z.string().trim().max(4000).optional(),
  durationMinutes,
  ...placeFields,
  attendeeContactIds: z.array(id).max(30).default([]),
  /** People who are not contacts of the project's organisations (a colleague of the customer, a second engineer). */
  extraAttendees: z
    .array(
      z.object({
        name: readableText().trim().min(1).max(200),
        email: z.email({ error: say('sessions.input.email') }),
      }),
    )
    .max(30)
    .default([]),
};

export const proposeBody = z.object({
  ...sessionFields,
  slots: z
    .array(z.object({ start: sessionStart }))
    .min(1, say('sessions.input.at_least_one_date'))
    .max(3, say('sessions.input.at_most_three_dates')),
});
export type ProposeBody = z.infer<typeof proposeBody>;

export const bookBody = z.object({ ...sessionFields, start: sessionStart });
export type BookBody = z.infer<typeof bookBody>;

export const rescheduleBody = z
  .object({
    start: sessionStart,
    durationMinutes: durationMinutes.optional(),
    ...placeFields,
    reason: z.string().trim().max(1000).optional(),
  })
  .partial({ mode: true, location: true });
export type RescheduleBody = z.infer<typeof rescheduleBody>;

/** Sessions recorded after the fact are real history: nothing Engage could hold started before 2000. */
const earliestPastSession = Date.parse('2000-01-01T00:00:00Z');

/**
 * A session that already took place (a kick-off by phone, a session booked in another tool), recorded as held with its
 * real start and either its duration or its end. Nobody is emailed: it has happened. The start's upper bound (now) and
 * the project's creation are checked by the service, which knows the clock and the project.
 */
export const recordPastBody = z
  .object({
    engineerId: id.optional(),
    /** The step the session belongs to; by default the project's current step. */
    stepKey: z.string().trim().min(1).max(80).optional(),
    title: sessionFields.title,
    mode: placeFields.mode,
    /** Optional: a call by phone has no link to keep. */
    location: z.string().trim().max(500).optional(),
    attendeeContactIds: sessionFields.attendeeContactIds,
    extraAttendees: sessionFields.extraAttendees,
    start: instant.refine((value) => Date.parse(value) >= earliestPastSession, say('sessions.input.past_start')),
    end: instant.optional(),
    durationMinutes: durationMinutes.optional(),
    /** What happened, as the note of a session marked held. */
    note: z.string().trim().max(4000).optional(),
  })
  .superRefine((body, context) => {
    if ((body.end === undefined) === (body.durationMinutes === undefined)) {
      context.addIssue({
        code: 'custom',
        path: ['durationMinutes'],
        message: say('sessions.input.duration_or_end'),
      });
      return;
    }
    if (body.end === undefined) return;
    const minutes = (Date.parse(body.end) - Date.parse(body.start)) / 60_000;
    if (minutes <= 0)
      context.addIssue({ code: 'custom', path: ['end'], message: say('sessions.input.end_after_start') });
    else if (minutes < 15)
      context.addIssue({ code: 'custom', path: ['end'], message: say('sessions.input.at_least_15_minutes') });
    else if (minutes > 12 * 60)
      context.addIssue({
        code: 'custom',
        path: ['end'],
        message: say('sessions.input.at_most_12_hours_record'),
      });
  });
export type RecordPastBody = z.infer<typeof recordPastBody>;

export const cancelBody = z.object({
  reason: z.string().trim().min(1, say('sessions.input.cancel_reason')).max(1000),
});
export const heldBody = z.object({ note: z.string().trim().max(4000).optional() });
export const overrideBody = z.object({
  reason: z.string().trim().min(1, say('sessions.input.override_reason')).max(1000),
});

export const suggestionsQuery = z.object({
  durationMinutes: z.coerce
    .number({ error: say('sessions.input.duration') })
    .int()
    .min(15)
    .max(12 * 60)
    .default(120),
  engineerId: id.optional(),
  count: z.coerce.number().int().min(1).max(10).default(3),
  onePerDay: z
    .enum(['true', 'false'])
    .default('true')
    .transform((value) => value === 'true'),
});

export const rangeQuery = z.object({ from: instant, to: instant });

export const capacityQuery = z.object({
  from: z.iso.date({ error: say('sessions.input.first_week') }),
  weeks: z.coerce.number().int().min(1).max(12).default(4),
  team: z.string().trim().min(1).max(80).optional(),
});

export const acceptBody = z.object({ sessionId: id });
export const askOthersBody = z.object({
  note: z.string().trim().min(1, say('sessions.input.other_dates_note')).max(2000),
});

const personSchema = z.object({ name: z.string(), email: z.string() });
const attendeeSchema = z.object({ contactId: z.uuid().nullable(), name: z.string(), email: z.string() });

export const sessionSchema = z
  .object({
    id: z.uuid(),
    projectId: z.uuid(),
    stepKey: z.string(),
    stepCode: z.string(),
    engineer: z.object({ id: z.uuid(), name: z.string() }),
    proposalId: z.uuid().nullable(),
    state: z.enum(sessionStates),
    start: z.date(),
    end: z.date(),
    durationMinutes: z.number().int(),
    mode: z.enum(sessionModes),
    location: z.string(),
    title: z.string(),
    description: z.string().nullable(),
    attendees: z.array(attendeeSchema),
    sequence: z.number().int(),
    confirmedAt: z.date().nullable(),
    heldAt: z.date().nullable(),
    heldNote: z.string().nullable(),
    cancelledAt: z.date().nullable(),
    cancellationReason: z.string().nullable(),
    /** The reason's key in the errors resources (`sessions.cancelled.*`) when Engage cancelled it; null otherwise. */
    cancellationReasonKey: z.string().nullable(),
    reminderDueAt: z.date().nullable(),
  })
  .meta({ id: 'Session' });

export const proposalSchema = z
  .object({
    id: z.uuid(),
    state: z.enum(proposalStates),
    note: z.string().nullable(),
    decidedBy: z.string().nullable(),
    decidedAt: z.date().nullable(),
    createdAt: z.date(),
    slots: z.array(sessionSchema),
  })
  .meta({ id: 'SessionProposal' });

export const scheduleSchema = z
  .object({
    readyAt: z.date().nullable(),
    dueAt: z.date().nullable(),
    firstSessionAt: z.date().nullable(),
    businessDays: z.number().int().nullable(),
    targetBusinessDays: z.number().int(),
    isLate: z.boolean(),
  })
  .meta({ id: 'ScheduleTarget' });

export const projectSessionsSchema = z
  .object({
    gate: z.object({
      requirementsVerified: z.boolean(),
      override: z.object({ at: z.date(), reason: z.string() }).nullable(),
      canSchedule: z.boolean(),
    }),
    engineer: z.object({ id: z.uuid(), name: z.string(), timeZone: z.string() }).nullable(),
    customerTimeZone: z.string(),
    schedule: scheduleSchema,
    proposals: z.array(proposalSchema),
    sessions: z.array(sessionSchema),
  })
  .meta({ id: 'ProjectSessions' });

const claimSchema = z.object({ sessionId: z.uuid(), projectId: z.uuid(), projectReference: z.string() });
export const slotSchema = z
  .object({ start: z.date(), end: z.date(), claims: z.array(claimSchema) })
  .meta({ id: 'Slot' });

export const suggestionsSchema = z
  .object({
    durationMinutes: z.number().int(),
    customerTimeZone: z.string(),
    engineer: z.object({ id: z.uuid(), name: z.string(), timeZone: z.string(), slots: z.array(slotSchema) }),
    alternatives: z.array(
      z.object({ id: z.uuid(), name: z.string(), timeZone: z.string(), slots: z.array(slotSchema) }),
    ),
  })
  .meta({ id: 'SlotSuggestions' });

export const calendarEntrySchema = z
  .object({
    id: z.uuid(),
    state: z.enum(sessionStates),
    start: z.date(),
    end: z.date(),
    title: z.string(),
    mode: z.enum(sessionModes),
    location: z.string(),
    project: z.object({ id: z.uuid(), reference: z.string(), name: z.string(), customerName: z.string() }),
    stepKey: z.string(),
  })
  .meta({ id: 'CalendarEntry' });

export const engineerCalendarSchema = z
  .object({
    user: z.object({ id: z.uuid(), name: z.string(), timeZone: z.string() }),
    from: z.date(),
    to: z.date(),
    sessions: z.array(calendarEntrySchema),
    /** The engineer's working time in the range (hours, minus holidays and time off), for shading the calendar. */
    workingIntervals: z.array(z.object({ start: z.date(), end: z.date() })),
    holidays: z.array(z.object({ date: z.string(), name: z.string() })),
  })
  .meta({ id: 'EngineerCalendar' });

export const capacitySchema = z
  .object({
    weeks: z.array(z.string()),
    team: z.string().nullable(),
    engineers: z.array(
      z.object({
        id: z.uuid(),
        name: z.string(),
        teams: z.array(z.string()),
        timeZone: z.string(),
        weeks: z.array(z.object({ week: z.string(), availableHours: z.number(), bookedHours: z.number() })),
      }),
    ),
  })
  .meta({ id: 'TeamCapacity' });

export const feedStatusSchema = z
  .object({ isActive: z.boolean(), createdAt: z.date().nullable(), lastReadAt: z.date().nullable() })
  .meta({ id: 'CalendarFeedStatus' });
export const feedCreatedSchema = z.object({ url: z.string() }).meta({ id: 'CalendarFeedCreated' });

export const portalSessionSchema = z
  .object({
    id: z.uuid(),
    state: z.enum(sessionStates),
    start: z.date(),
    end: z.date(),
    durationMinutes: z.number().int(),
    title: z.string(),
    mode: z.enum(sessionModes),
    location: z.string(),
    engineerName: z.string(),
    attendees: z.array(personSchema),
  })
  .meta({ id: 'PortalSession' });

export const portalSessionsSchema = z
  .object({
    customerTimeZone: z.string(),
    proposals: z.array(
      z.object({
        id: z.uuid(),
        createdAt: z.date(),
        title: z.string(),
        durationMinutes: z.number().int(),
        mode: z.enum(sessionModes),
        location: z.string(),
        engineerName: z.string(),
        slots: z.array(portalSessionSchema),
      }),
    ),
    upcoming: z.array(portalSessionSchema),
    past: z.array(portalSessionSchema),
  })
  .meta({ id: 'PortalSessions' });
