/**
 * iCalendar text for sessions, written with the `ics` library: an invitation to attach to
 * an email (RFC 5546 REQUEST or CANCEL) and a calendar to import or subscribe to (PUBLISH).
 */
import { createEvents, type Alarm, type Attendee, type EventAttributes, type HeaderAttributes } from 'ics';

export interface CalendarPerson {
  readonly name: string;
  readonly email: string;
}

export interface CalendarEvent {
  /** Stable per session, e.g. `<uuid>@engage.example.com`. */
  readonly uid: string;
  /** SEQUENCE: 0 for the first invitation, raised by each change. */
  readonly sequence: number;
  /** DTSTAMP. */
  readonly stamp: Date;
  /** Written in UTC (…Z). */
  readonly start: Date;
  /** Written in UTC (…Z). */
  readonly end: Date;
  /** SUMMARY. */
  readonly title: string;
  /** DESCRIPTION; the caller includes the meeting link or the address in it. */
  readonly description: string;
  /** LOCATION: the meeting link (remote) or the address (on site). */
  readonly location: string;
  /** URL: the meeting link when remote. */
  readonly url?: string;
  readonly organizer: CalendarPerson;
  readonly attendees: readonly CalendarPerson[];
  /** One VALARM with ACTION:DISPLAY and TRIGGER:-PT{n}M; a whole number of minutes, at least 1. */
  readonly alarmMinutesBefore: number;
}

const productId = '-//Engage//Sessions//EN';

/** `ics` types leave out DTSTAMP, which its schema and writer accept as `timestamp`. */
type EventWithStamp = EventAttributes & { timestamp: number };

/**
 * The library escapes SUMMARY, DESCRIPTION and LOCATION as TEXT but writes an alarm's
 * DESCRIPTION with only its line breaks encoded, so a comma or semicolon in the title would
 * be left bare there; this escapes it the way the library escapes the other texts.
 */
function escapeAlarmText(text: string): string {
  return text.replace(/\\/g, '\\\\').replace(/;/g, '\\;').replace(/,/g, '\\,');
}

/**
 * The library quotes CN and escapes a double quote inside it with a backslash, an escape
 * RFC 5545 does not have (it forbids `"` in a parameter value): use a typographic quote.
 */
function nameOf(person: CalendarPerson): string {
  return person.name.replace(/"/g, '”').replace(/\s+/g, ' ').trim();
}

function checkEvent(event: CalendarEvent): void {
  const where = `calendar event ${event.uid}`;
  if (!Number.isInteger(event.sequence) || event.sequence < 0)
    throw new Error(`${where}: sequence ${event.sequence} must be a whole number, 0 or more`);
  if (!(event.end.getTime() > event.start.getTime())) throw new Error(`${where}: the end must come after the start`);
  // The library writes a zero duration as "PT", which is not a valid duration.
  if (!Number.isInteger(event.alarmMinutesBefore) || event.alarmMinutesBefore < 1) {
    throw new Error(
      `${where}: alarmMinutesBefore ${event.alarmMinutesBefore} must be a whole number of minutes, 1 or more`,
    );
  }
}

function eventAttributes(
  event: CalendarEvent,
  withReplies: boolean,
  status: 'CONFIRMED' | 'CANCELLED',
): EventWithStamp {
  checkEvent(event);
  const attendees: Attendee[] = event.attendees.map((attendee) => ({
    name: nameOf(attendee),
    email: attendee.email,
    ...(withReplies ? { rsvp: true, partstat: 'NEEDS-ACTION', role: 'REQ-PARTICIPANT' } : { role: 'REQ-PARTICIPANT' }),
  }));
  const alarm: Alarm = {
    action: 'display',
    description: escapeAlarmText(event.title),
    trigger: { minutes: event.alarmMinutesBefore, before: true },
  };
  return {
    uid: event.uid,
    sequence: event.sequence,
    timestamp: event.stamp.getTime(),
    start: event.start.getTime(),
    startInputType: 'utc',
    startOutputType: 'utc',
    end: event.end.getTime(),
    endInputType: 'utc',
    endOutputType: 'utc',
    title: event.title,
    description: event.description,
    location: event.location,
    ...(event.url === undefined ? {} : { url: event.url }),
    status,
    organizer: { name: nameOf(event.organizer), email: event.organizer.email },
    attendees,
    alarms: [alarm],
  };
}

function write(events: EventWithStamp[], header: HeaderAttributes, what: string): string {
  const { error, value } = createEvents(events, header);
  if (error !== null || value === null) {
    throw new Error(`Could not write the ${what}: ${error?.message ?? 'the ics library returned nothing'}`, {
      cause: error,
    });
  }
  return value;
}

/**
 * An invitation for email: METHOD:REQUEST (STATUS:CONFIRMED) or METHOD:CANCEL
 * (STATUS:CANCELLED), exactly one VEVENT, ATTENDEE with RSVP=TRUE, PARTSTAT=NEEDS-ACTION,
 * ROLE=REQ-PARTICIPANT, CN.
 */
export function invitationIcs(method: 'REQUEST' | 'CANCEL', event: CalendarEvent): string {
  // RFC 5546 requires at least one ATTENDEE in both a REQUEST and a CANCEL.
  if (event.attendees.length === 0)
    throw new Error(`calendar event ${event.uid}: an invitation needs at least one attendee`);
  const attributes = eventAttributes(event, true, method === 'REQUEST' ? 'CONFIRMED' : 'CANCELLED');
  return write([attributes], { productId, method }, `${method} invitation for ${event.uid}`);
}

/**
 * A calendar to import or subscribe to: METHOD:PUBLISH, X-WR-CALNAME = name, any number of
 * VEVENTs (attendees without RSVP; cancelled events may be omitted by the caller).
 *
 * With no events the library writes a VCALENDAR with its header and no component. RFC
 * 5545's grammar asks for at least one component, but calendar clients and parsers (ical.js
 * included) read an empty calendar as a calendar with no events, which is what a subscriber
 * with nothing scheduled should see; a placeholder event would be worse.
 */
export function publishIcs(name: string, events: readonly CalendarEvent[]): string {
  const attributes = events.map((event) => eventAttributes(event, false, 'CONFIRMED'));
  return write(attributes, { productId, method: 'PUBLISH', calName: name }, `calendar "${name}"`);
}
