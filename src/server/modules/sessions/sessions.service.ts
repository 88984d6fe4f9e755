/*
 * The sessions module's published interface (E7, E8 and every later session): what the routes, the worker and other
 * modules call. The use cases live beside it, one group per file:
 *   session-views.service.ts      the Sessions tab, the portal's sessions page, a session's calendar file, the gate override
 *   suggestions.service.ts        slot suggestions (and the slot finder the proposal answers reuse)
 *   proposals.service.ts          the engineer proposes dates, or withdraws them
 *   proposal-answers.service.ts   a contact accepts a date or asks for others
 *   bookings.service.ts           a session booked, confirmed, moved or cancelled
 *   held-sessions.service.ts      a session marked held, or recorded after the fact
 *   session-reminders.service.ts  the reminder sweep
 *   calendar-views.service.ts     the engineer's calendar, the team's capacity, the subscription feed
 * with their shared parts (session-rules, session-people, session-schedule, session-presenter, session-mail, ics) and
 * the queries in sessions.repository.ts, bookings.repository.ts, proposals.repository.ts and calendar-feeds.repository.ts.
 */

export { bookSession, cancelSession, rescheduleSession } from './bookings.service';
export { markSessionHeld, recordPastSession } from './held-sessions.service';
export { acceptProposedSlot, askForOtherSlots } from './proposal-answers.service';
export { proposeSessions, withdrawProposal } from './proposals.service';
export { sendDueSessionReminders } from './session-reminders.service';
export {
  getPortalSessions,
  getProjectSessions,
  overrideSchedulingGate,
  sessionCalendarFile,
} from './session-views.service';
export { suggestSlots } from './suggestions.service';
