import ICAL from 'ical.js';
import { describe, expect, it } from 'vitest';
import { invitationIcs, publishIcs, type CalendarEvent } from './ics';

const italianTitle = 'Sessione di installazione – Verifica, fase 2; sede: Via Roma 1\nMilano';
const meetingLink = 'https://meet.example.com/j/8841?pwd=Zx1,y&lang=it';

const session: CalendarEvent = {
  uid: '3f0c2a9e-7b1d-4c55-9a61-0d2f8e4b7a10@engage.example.com',
  sequence: 0,
  stamp: new Date('2026-11-20T10:15:30Z'),
  start: new Date('2026-12-01T09:00:00Z'),
  end: new Date('2026-12-01T11:00:00Z'),
  title: italianTitle,
  description: `Verifica dell'installazione, con il cliente; portare le credenziali.\nCollegamento: ${meetingLink}\nÈ richiesta la presenza del referente IT — grazie!`,
  location: meetingLink,
  url: meetingLink,
  organizer: { name: 'Giulia Conti', email: 'giulia.conti@example.com' },
  attendees: [
    { name: 'Laura Bianchi', email: 'laura.bianchi@ferretti.example.it' },
    { name: 'Niccolò Ferretti, IT', email: 'niccolo.ferretti@ferretti.example.it' },
  ],
  alarmMinutesBefore: 30,
};

function parse(text: string): ICAL.Component {
  return new ICAL.Component(ICAL.parse(text) as unknown[]);
}

function onlyEvent(calendar: ICAL.Component): ICAL.Component {
  const events = calendar.getAllSubcomponents('vevent');
  expect(events).toHaveLength(1);
  return events[0]!;
}

function timeOf(component: ICAL.Component, name: string): ICAL.Time {
  const value = component.getFirstPropertyValue(name);
  if (!(value instanceof ICAL.Time)) throw new Error(`${name} is not a date-time`);
  return value;
}

function textOf(component: ICAL.Component, name: string): string {
  const value = component.getFirstPropertyValue(name);
  if (typeof value !== 'string') throw new Error(`${name} is not a text`);
  return value;
}

function personOf(property: ICAL.Property): {
  email: string;
  name: unknown;
  rsvp: unknown;
  partstat: unknown;
  role: unknown;
} {
  return {
    email: String(property.getFirstValue()).replace(/^mailto:/i, ''),
    name: property.getParameter('cn'),
    rsvp: property.getParameter('rsvp'),
    partstat: property.getParameter('partstat'),
    role: property.getParameter('role'),
  };
}

describe('invitationIcs', () => {
  it('writes a REQUEST with one confirmed event, its identity and its times in UTC', () => {
    const text = invitationIcs('REQUEST', session);
    const calendar = parse(text);
    expect(calendar.name).toBe('vcalendar');
    expect(textOf(calendar, 'method')).toBe('REQUEST');
    expect(textOf(calendar, 'prodid')).toBe('-//Engage//Sessions//EN');
    expect(textOf(calendar, 'version')).toBe('2.0');

    const event = onlyEvent(calendar);
    expect(textOf(event, 'uid')).toBe(session.uid);
    expect(event.getFirstPropertyValue('sequence')).toBe(0);
    expect(textOf(event, 'status')).toBe('CONFIRMED');
    expect(timeOf(event, 'dtstamp').toJSDate()).toEqual(session.stamp);
    const start = timeOf(event, 'dtstart');
    const end = timeOf(event, 'dtend');
    expect(start.zone).toBe(ICAL.Timezone.utcTimezone);
    expect(end.zone).toBe(ICAL.Timezone.utcTimezone);
    expect(start.toJSDate()).toEqual(session.start);
    expect(end.toJSDate()).toEqual(session.end);
    expect(text).toContain('\r\nDTSTART:20261201T090000Z\r\n');
    expect(text).toContain('\r\nDTEND:20261201T110000Z\r\n');
  });

  it('names the organizer and asks every attendee to reply', () => {
    const event = onlyEvent(parse(invitationIcs('REQUEST', session)));
    const organizer = event.getFirstProperty('organizer');
    expect(organizer).not.toBeNull();
    expect(String(organizer!.getFirstValue())).toMatch(/^mailto:giulia\.conti@example\.com$/i);
    expect(organizer!.getParameter('cn')).toBe('Giulia Conti');

    const attendees = event.getAllProperties('attendee').map(personOf);
    expect(attendees).toEqual([
      {
        email: 'laura.bianchi@ferretti.example.it',
        name: 'Laura Bianchi',
        rsvp: 'TRUE',
        partstat: 'NEEDS-ACTION',
        role: 'REQ-PARTICIPANT',
      },
      {
        email: 'niccolo.ferretti@ferretti.example.it',
        name: 'Niccolò Ferretti, IT',
        rsvp: 'TRUE',
        partstat: 'NEEDS-ACTION',
        role: 'REQ-PARTICIPANT',
      },
    ]);
    for (const property of event.getAllProperties('attendee'))
      expect(String(property.getFirstValue())).toMatch(/^mailto:/i);
  });

  it('sets one display alarm the given minutes before the start', () => {
    const text = invitationIcs('REQUEST', session);
    const alarms = onlyEvent(parse(text)).getAllSubcomponents('valarm');
    expect(alarms).toHaveLength(1);
    const alarm = alarms[0]!;
    expect(textOf(alarm, 'action')).toBe('DISPLAY');
    const trigger = alarm.getFirstPropertyValue('trigger');
    expect(trigger).toBeInstanceOf(ICAL.Duration);
    expect((trigger as ICAL.Duration).toSeconds()).toBe(-30 * 60);
    expect(text).toContain('\r\nTRIGGER:-PT30M\r\n');
    // RFC 5545 requires a DESCRIPTION in a display alarm: the title, escaped like the others.
    expect(textOf(alarm, 'description')).toBe(italianTitle);
    // ical.js forgives a bare comma or semicolon in a text; stricter clients do not.
    const unfolded = text.replace(/\r\n[ \t]/g, '');
    expect(unfolded).toContain(
      'BEGIN:VALARM\r\nACTION:DISPLAY\r\nDESCRIPTION:Sessione di installazione – Verifica\\, fase 2\\; sede: Via Roma 1\\nMilano\r\n',
    );
  });

  it('keeps commas, semicolons, line breaks and accented letters of every text', () => {
    const event = onlyEvent(
      parse(
        invitationIcs('REQUEST', { ...session, location: 'Via Roma 1, 20121 Milano; scala B\npiano 3 – sala “Verdi”' }),
      ),
    );
    expect(textOf(event, 'summary')).toBe(italianTitle);
    expect(textOf(event, 'description')).toBe(session.description);
    expect(textOf(event, 'location')).toBe('Via Roma 1, 20121 Milano; scala B\npiano 3 – sala “Verdi”');
    expect(textOf(event, 'url')).toBe(meetingLink);
  });

  it('writes CRLF lines folded at 75 characters', () => {
    const text = invitationIcs('REQUEST', { ...session, description: 'parola '.repeat(60) });
    expect(text.endsWith('END:VCALENDAR\r\n')).toBe(true);
    expect(text.replace(/\r\n/g, '')).not.toContain('\n');
    const lines = text.split('\r\n');
    expect(lines.filter((line) => line.startsWith('\t') || line.startsWith(' ')).length).toBeGreaterThan(0);
    expect(Math.max(...lines.map((line) => [...line].length))).toBeLessThanOrEqual(75);
    expect(textOf(onlyEvent(parse(text)), 'description')).toBe('parola '.repeat(60));
  });

  it('keeps the UID and raises the SEQUENCE for a reschedule, then a cancellation', () => {
    const first = onlyEvent(parse(invitationIcs('REQUEST', session)));
    const moved = {
      ...session,
      sequence: 1,
      stamp: new Date('2026-11-24T08:00:00Z'),
      start: new Date('2026-12-03T13:30:00Z'),
      end: new Date('2026-12-03T15:30:00Z'),
    };
    const rescheduled = onlyEvent(parse(invitationIcs('REQUEST', moved)));
    expect(textOf(rescheduled, 'uid')).toBe(textOf(first, 'uid'));
    expect(rescheduled.getFirstPropertyValue('sequence')).toBe(1);
    expect(timeOf(rescheduled, 'dtstart').toJSDate()).toEqual(new Date('2026-12-03T13:30:00Z'));

    const cancellationText = invitationIcs('CANCEL', { ...moved, sequence: 2 });
    const calendar = parse(cancellationText);
    expect(textOf(calendar, 'method')).toBe('CANCEL');
    const cancelled = onlyEvent(calendar);
    expect(textOf(cancelled, 'uid')).toBe(session.uid);
    expect(textOf(cancelled, 'status')).toBe('CANCELLED');
    expect(cancelled.getFirstPropertyValue('sequence')).toBe(2);
    expect(cancelled.getAllProperties('attendee')).toHaveLength(2);
  });

  it('writes no URL when there is no meeting link', () => {
    const { url: _url, ...onSite } = session;
    const event = onlyEvent(parse(invitationIcs('REQUEST', { ...onSite, location: 'Via Roma 1, Milano' })));
    expect(event.getFirstProperty('url')).toBeNull();
    expect(textOf(event, 'location')).toBe('Via Roma 1, Milano');
  });

  it('writes a name with double quotes so that it still parses', () => {
    const event = onlyEvent(
      parse(
        invitationIcs('REQUEST', {
          ...session,
          attendees: [{ name: 'Laura "Lalla" Bianchi', email: 'laura@example.com' }],
        }),
      ),
    );
    expect(event.getFirstProperty('attendee')?.getParameter('cn')).toBe('Laura ”Lalla” Bianchi');
  });

  it('throws a clear error for what the library refuses or cannot write', () => {
    expect(() => invitationIcs('REQUEST', { ...session, url: 'not a link' })).toThrow(
      /Could not write the REQUEST invitation for 3f0c2a9e.*url/,
    );
    expect(() => invitationIcs('REQUEST', { ...session, organizer: { name: 'X', email: 'no-at-sign' } })).toThrow(
      /Could not write.*email/,
    );
    expect(() => invitationIcs('REQUEST', { ...session, attendees: [] })).toThrow(/at least one attendee/);
    expect(() => invitationIcs('REQUEST', { ...session, end: session.start })).toThrow(/end must come after the start/);
    expect(() => invitationIcs('REQUEST', { ...session, alarmMinutesBefore: 0 })).toThrow(/alarmMinutesBefore 0/);
    expect(() => invitationIcs('REQUEST', { ...session, sequence: -1 })).toThrow(/sequence -1/);
  });
});

describe('publishIcs', () => {
  const second: CalendarEvent = {
    ...session,
    uid: '9d41e0b2-1111-4a2b-8c3d-5e6f7a8b9c0d@engage.example.com',
    sequence: 3,
    start: new Date('2026-12-10T14:00:00Z'),
    end: new Date('2026-12-10T15:00:00Z'),
    title: 'Formazione amministratori',
    url: undefined,
    location: 'Via Verdi 7, Verona',
  };

  it('writes a named calendar with every event', () => {
    const calendar = parse(publishIcs('Engage – sessioni di Giulia', [session, second]));
    expect(textOf(calendar, 'method')).toBe('PUBLISH');
    expect(textOf(calendar, 'prodid')).toBe('-//Engage//Sessions//EN');
    expect(calendar.getFirstPropertyValue('x-wr-calname')).toBe('Engage – sessioni di Giulia');
    const events = calendar.getAllSubcomponents('vevent');
    expect(events.map((event) => textOf(event, 'uid'))).toEqual([session.uid, second.uid]);
    expect(events.map((event) => event.getFirstPropertyValue('sequence'))).toEqual([0, 3]);
    expect(events.map((event) => timeOf(event, 'dtstart').toJSDate())).toEqual([session.start, second.start]);
    expect(textOf(events[0]!, 'summary')).toBe(italianTitle);
    expect(events[1]!.getFirstProperty('url')).toBeNull();
    for (const attendee of events[0]!.getAllProperties('attendee'))
      expect(attendee.getParameter('rsvp')).toBeUndefined();
  });

  it('writes a valid calendar with no event', () => {
    const text = publishIcs('Engage – sessions', []);
    expect(text.startsWith('BEGIN:VCALENDAR\r\n')).toBe(true);
    expect(text.endsWith('END:VCALENDAR\r\n')).toBe(true);
    const calendar = parse(text);
    expect(textOf(calendar, 'method')).toBe('PUBLISH');
    expect(textOf(calendar, 'prodid')).toBe('-//Engage//Sessions//EN');
    expect(calendar.getFirstPropertyValue('x-wr-calname')).toBe('Engage – sessions');
    expect(calendar.getAllSubcomponents('vevent')).toEqual([]);
  });
});
