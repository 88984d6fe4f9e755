import { inTransaction, type ServiceContext } from '../../context';
import { systemActor } from '../audit/actor';
import { recordAuditEvent } from '../audit/audit.service';
import { loadCustomerCalendar } from '../calendars/calendars.service';
import { getContentLibrary } from '../content/content.service';
import { findProjectWithNames } from '../projects/projects.service';
import { claimDueReminder, listDueReminders, markReminderSent } from './bookings.repository';
import { sendSessionReminder } from './session-mail';
import { engineerOf, readersOf } from './session-people';
import { findSession } from './sessions.repository';

/* The reminder job's part: the sweep that emails a booked session's attendees and engineer when its reminder is due. */

/**
 * Emails the attendees and the engineer of every booked session whose reminder is due (one business day before, by
 * default). Each session is handled in its own transaction that locks it with SKIP LOCKED, so processes sweeping
 * together remind once. Returns how many sessions were reminded.
 */
export async function sendDueSessionReminders(context: ServiceContext): Promise<number> {
  const now = context.now();
  const due = await listDueReminders(context.db, now);
  let reminded = 0;
  for (const candidate of due) {
    const sent = await inTransaction(context, async (db) => {
      if (!(await claimDueReminder(db, candidate.id, now))) return false;
      const session = await findSession(db, candidate.id);
      const row = await findProjectWithNames(db, candidate.projectId);
      if (session === null || row === null) return false;
      const engineer = await engineerOf(db, session.engineerId);
      const customer = await loadCustomerCalendar(db, row.project.customerId);
      await sendSessionReminder(context, db, systemActor, {
        library: await getContentLibrary(db),
        session,
        project: row,
        engineer,
        readers: await readersOf(db, session, engineer, customer.timeZone),
      });
      await markReminderSent(db, session.id, now);
      await recordAuditEvent(db, systemActor, {
        action: 'reminder.session',
        projectId: candidate.projectId,
        subjectType: 'session',
        subjectId: session.id,
        after: { start: session.startsAt.toISOString() },
      });
      return true;
    });
    if (sent) reminded += 1;
  }
  return reminded;
}
