import { translate } from '../../../domain/text/i18n';
import type { Database } from '../../db/database';
import type { SessionAttendee } from '../../db/schema';
import { refuse } from '../../errors';
import { contactLanguages, listContactsAmong } from '../organisations/organisations.service';
import { ensureRecipientsEnabled } from '../organisations/recipients';
import type { ProjectRow } from '../projects/projects.service';
import { findUserRow } from '../users/users.service';
import type { Reader, SessionEngineer } from './session-mail';
import type { SessionRow } from './sessions.repository';

/*
 * Who takes part in a session: its engineer (a staff account, read through the users module), its attendees (contacts
 * of the project's customer or partner, read through the organisations module, and anyone named by address), and the
 * readers of its emails with the language and time zone each reads in.
 */

/** The engineer of a session as its emails and calendar events name them; throws not_found for an unknown user. */
export async function engineerOf(db: Database, userId: string): Promise<SessionEngineer> {
  const row = await findUserRow(db, userId);
  if (row === null) throw refuse('not_found', 'sessions.no_such_engineer');
  return {
    id: row.id,
    name: row.name,
    email: row.email,
    phone: row.phone,
    language: row.language,
    timeZone: row.timeZone,
  };
}

/** The engineer asked for, or the project's; conflict when there is none, validation_failed for an unknown or disabled account. */
export async function sessionEngineerId(
  db: Database,
  project: ProjectRow,
  requested: string | undefined,
): Promise<string> {
  const id = requested ?? project.engineerId;
  if (id === null) throw refuse('conflict', 'sessions.engineer_first');
  const row = await findUserRow(db, id);
  if (row === null || row.isDisabled)
    throw refuse('validation_failed', 'sessions.engineer_unusable', {
      details: [{ path: 'body.engineerId', message: translate('en', 'errors', 'sessions.unknown_engineer') }],
    });
  return id;
}

/** The attendees named by contact id (contacts of the project's customer or partner) and by address. */
export async function attendeesOf(
  db: Database,
  project: ProjectRow,
  contactIds: readonly string[],
  extra: readonly { name: string; email: string }[],
): Promise<SessionAttendee[]> {
  const organisationIds = [project.customerId, ...(project.partnerId === null ? [] : [project.partnerId])];
  const rows = contactIds.length === 0 ? [] : await listContactsAmong(db, contactIds, organisationIds);
  for (const [index, contactId] of contactIds.entries()) {
    if (!rows.some((row) => row.id === contactId)) {
      throw refuse('validation_failed', 'sessions.attendee_not_a_contact', {
        details: [
          { path: `body.attendeeContactIds.${index}`, message: translate('en', 'errors', 'sessions.not_a_contact') },
        ],
      });
    }
  }
  ensureRecipientsEnabled(rows, contactIds, 'body.attendeeContactIds');
  const attendees: SessionAttendee[] = rows.map((row) => ({ contactId: row.id, name: row.name, email: row.email }));
  for (const person of extra) {
    if (!attendees.some((attendee) => attendee.email.toLowerCase() === person.email.toLowerCase()))
      attendees.push({ contactId: null, name: person.name, email: person.email });
  }
  return attendees;
}

/** Who reads a session's emails: each attendee (a contact in their language, anyone else in the engineer's) in the customer's zone, and the engineer in theirs. */
export async function readersOf(
  db: Database,
  session: SessionRow,
  engineer: SessionEngineer,
  customerTimeZone: string,
): Promise<Reader[]> {
  const contactIds = session.attendees.flatMap((attendee) => (attendee.contactId === null ? [] : [attendee.contactId]));
  const languages = new Map(
    contactIds.length === 0 ? [] : (await contactLanguages(db, contactIds)).map((row) => [row.id, row.language]),
  );
  const readers: Reader[] = session.attendees.map((attendee) => ({
    name: attendee.name,
    email: attendee.email,
    language: (attendee.contactId === null ? undefined : languages.get(attendee.contactId)) ?? engineer.language,
    timeZone: customerTimeZone,
  }));
  if (!readers.some((reader) => reader.email.toLowerCase() === engineer.email.toLowerCase())) {
    readers.push({
      name: engineer.name,
      email: engineer.email,
      language: engineer.language,
      timeZone: engineer.timeZone,
    });
  }
  return readers;
}
