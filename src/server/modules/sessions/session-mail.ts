import type { ContentLanguage, ContentLibrary } from '../../../domain/content';
import { dayWithWeekday, duration, longDate, timeRange } from '../../../domain/text/format';
import { translate } from '../../../domain/text/i18n';
import { renderEmailTemplate } from '../../../domain/content';
import type { ServiceContext } from '../../context';
import type { Database } from '../../db/database';
import type { PersonalLinkSlot } from '../../db/schema';
import type { Actor } from '../audit/actor';
import { queueMail } from '../mail/mail.service';
import { portalLinkExpiresAt, portalLinkUrl } from '../mail/personal-links';
import type { ProjectWithNames } from '../projects/projects.service';
import { invitationIcs, type CalendarEvent } from './ics';
import type { SessionRow } from './sessions.repository';

/** The words and formats the session emails share: times in the reader's zone, with the zone named. */

export interface Reader {
  name: string;
  email: string;
  language: ContentLanguage;
  /** The zone the reader's times are written in: the customer's for contacts, their own for staff. */
  timeZone: string;
}

export interface SessionEngineer {
  id: string;
  name: string;
  email: string;
  phone: string | null;
  language: ContentLanguage;
  timeZone: string;
}

export function formatDay(instant: Date, timeZone: string, language: ContentLanguage): string {
  return dayWithWeekday(instant, language, timeZone);
}

export function formatTimeRange(start: Date, end: Date, timeZone: string, language: ContentLanguage): string {
  return timeRange(start, end, language, timeZone);
}

export function formatDuration(minutes: number, language: ContentLanguage): string {
  return duration(minutes, language);
}

export function modeWords(mode: SessionRow['mode'], language: ContentLanguage): string {
  return translate(language, 'words', `sessionMode.${mode}`);
}

export function durationOf(session: Pick<SessionRow, 'startsAt' | 'endsAt'>): number {
  return Math.round((session.endsAt.getTime() - session.startsAt.getTime()) / 60_000);
}

/** The event of a session as calendars read it: UTC times, the stable UID, the sequence of its latest change. */
export function calendarEventOf(
  context: ServiceContext,
  session: SessionRow,
  project: ProjectWithNames,
  engineer: SessionEngineer,
): CalendarEvent {
  const place = session.mode === 'remote' ? `Meeting link: ${session.location}` : `Address: ${session.location}`;
  return {
    uid: session.icalUid,
    sequence: session.sequence,
    stamp: context.now(),
    start: session.startsAt,
    end: session.endsAt,
    title: session.title,
    description: [
      `${project.project.reference} — ${project.project.name} (${project.customerName})`,
      place,
      ...(session.description === null || session.description === '' ? [] : ['', session.description]),
      '',
      `Engineer: ${engineer.name} <${engineer.email}>${engineer.phone === null ? '' : `, ${engineer.phone}`}`,
    ].join('\n'),
    location: session.location,
    ...(session.mode === 'remote' && /^https?:\/\//i.test(session.location) ? { url: session.location } : {}),
    organizer: { name: engineer.name, email: engineer.email },
    attendees: session.attendees.map((attendee) => ({ name: attendee.name, email: attendee.email })),
    alarmMinutesBefore: 15,
  };
}

function sessionValues(session: SessionRow, reader: Reader) {
  return {
    title: session.title,
    date: formatDay(session.startsAt, reader.timeZone, reader.language),
    time: formatTimeRange(session.startsAt, session.endsAt, reader.timeZone, reader.language),
    timeZone: reader.timeZone,
    duration: formatDuration(durationOf(session), reader.language),
    mode: modeWords(session.mode, reader.language),
    location: session.location,
  };
}

function commonValues(library: ContentLibrary, project: ProjectWithNames, engineer: SessionEngineer, reader: Reader) {
  return {
    recipient: { name: reader.name },
    project: { reference: project.project.reference, name: project.project.name },
    customer: { name: project.customerName },
    vendor: { name: library.vendor.name },
    engineer: { name: engineer.name, email: engineer.email, phone: engineer.phone ?? '' },
  };
}

/**
 * Emails the invitation (REQUEST) or its cancellation (CANCEL) of a session to each attendee and to the engineer, in
 * each reader's language and zone; every message carries the same event (UID, SEQUENCE) as a text/calendar part.
 */
export async function sendSessionInvitations(
  context: ServiceContext,
  db: Database,
  actor: Actor,
  input: {
    library: ContentLibrary;
    session: SessionRow;
    project: ProjectWithNames;
    engineer: SessionEngineer;
    readers: Reader[];
    method: 'REQUEST' | 'CANCEL';
    reason?: string;
  },
): Promise<void> {
  const { library, session, project, engineer, method } = input;
  const ics = invitationIcs(method, calendarEventOf(context, session, project, engineer));
  for (const reader of input.readers) {
    const values = {
      ...commonValues(library, project, engineer, reader),
      session: { ...sessionValues(session, reader), isUpdate: session.sequence > 0 ? 'yes' : '' },
      reason: input.reason ?? '',
    };
    const rendered =
      method === 'REQUEST'
        ? renderEmailTemplate(library.emailTemplates['session-invitation'][reader.language], values)
        : renderEmailTemplate(library.emailTemplates['session-cancellation'][reader.language], values);
    await queueMail(context, db, actor, {
      projectId: project.project.id,
      kind: method === 'REQUEST' ? 'session-invitation' : 'session-cancellation',
      language: reader.language,
      to: [{ name: reader.name, email: reader.email }],
      replyTo: { name: engineer.name, email: engineer.email },
      ...rendered,
      calendar: { method, content: ics },
    });
  }
}

/** The reminder one business day (SESSION_REMINDER_BUSINESS_DAYS) before a session. */
export async function sendSessionReminder(
  context: ServiceContext,
  db: Database,
  actor: Actor,
  input: {
    library: ContentLibrary;
    session: SessionRow;
    project: ProjectWithNames;
    engineer: SessionEngineer;
    readers: Reader[];
  },
): Promise<void> {
  const { library, session, project, engineer } = input;
  for (const reader of input.readers) {
    const rendered = renderEmailTemplate(library.emailTemplates['session-reminder'][reader.language], {
      ...commonValues(library, project, engineer, reader),
      session: sessionValues(session, reader),
    });
    await queueMail(context, db, actor, {
      projectId: project.project.id,
      kind: 'session-reminder',
      language: reader.language,
      to: [{ name: reader.name, email: reader.email }],
      replyTo: { name: engineer.name, email: engineer.email },
      ...rendered,
    });
  }
}

/** The proposal of up to three dates, to the contacts who may accept one in the portal (each with a personal link, minted at delivery). */
export async function sendProposal(
  context: ServiceContext,
  db: Database,
  actor: Actor,
  input: {
    library: ContentLibrary;
    slots: SessionRow[];
    project: ProjectWithNames;
    engineer: SessionEngineer;
    reader: Reader;
    link: PersonalLinkSlot;
  },
): Promise<void> {
  const { library, slots, project, engineer, reader } = input;
  const first = slots[0];
  if (first === undefined) return;
  const rendered = renderEmailTemplate(library.emailTemplates['session-proposal'][reader.language], {
    ...commonValues(library, project, engineer, reader),
    link: portalLinkUrl(context, input.link.slot),
    expiresDate: longDate(portalLinkExpiresAt(context), reader.language, reader.timeZone),
    session: {
      title: first.title,
      duration: formatDuration(durationOf(first), reader.language),
      mode: modeWords(first.mode, reader.language),
      location: first.location,
    },
    slots: slots.map((slot) => ({
      date: formatDay(slot.startsAt, reader.timeZone, reader.language),
      time: formatTimeRange(slot.startsAt, slot.endsAt, reader.timeZone, reader.language),
      timeZone: reader.timeZone,
    })),
  });
  await queueMail(context, db, actor, {
    projectId: project.project.id,
    kind: 'session-proposal',
    language: reader.language,
    to: [{ name: reader.name, email: reader.email }],
    replyTo: { name: engineer.name, email: engineer.email },
    ...rendered,
    personalLinks: [input.link],
  });
}

/** Tells the engineer a contact asked for other dates, with their note. */
export async function sendSlotsRequested(
  context: ServiceContext,
  db: Database,
  actor: Actor,
  input: {
    library: ContentLibrary;
    project: ProjectWithNames;
    engineer: SessionEngineer;
    contact: { name: string; email: string };
    note: string;
  },
): Promise<void> {
  const { library, project, engineer } = input;
  const rendered = renderEmailTemplate(library.emailTemplates['session-slots-requested'][engineer.language], {
    recipient: { name: engineer.name },
    project: { reference: project.project.reference, name: project.project.name },
    customer: { name: project.customerName },
    vendor: { name: library.vendor.name },
    contact: input.contact,
    note: input.note,
    link: new URL(`/projects/${project.project.id}?tab=sessions`, context.publicUrl).toString(),
  });
  await queueMail(context, db, actor, {
    projectId: project.project.id,
    kind: 'session-slots-requested',
    language: engineer.language,
    to: [{ name: engineer.name, email: engineer.email }],
    replyTo: input.contact,
    ...rendered,
  });
}
