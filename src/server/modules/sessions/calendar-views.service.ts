import { createHmac, randomBytes } from 'node:crypto';
import type { Language } from '../../../domain/text/languages';
import { DateTime } from 'luxon';
import { inTransaction, type ServiceContext } from '../../context';
import { bookedSessionStates } from '../../db/schema';
import { translate } from '../../../domain/text/i18n';
import { refuse } from '../../errors';
import type { StaffActor } from '../audit/actor';
import { recordAuditEvent } from '../audit/audit.service';
import { loadWorkingCalendars } from '../calendars/calendars.service';
import { findUserRow, listActiveEngineers } from '../users/users.service';
import {
  deleteFeedOfUser,
  findFeedByTokenHash,
  findFeedOfUser,
  markFeedRead,
  saveFeed,
} from './calendar-feeds.repository';
import { listBusySessions, listEngineerSessions } from './sessions.repository';
import { publishIcs, type CalendarEvent } from './ics';

/*
 * The staff's views of sessions across projects: an engineer's calendar (week or month), the team's capacity, and the
 * personal subscription feed calendar applications read.
 */

const scheduling = () => import('../../../domain/scheduling');

const dayMs = 24 * 3600 * 1000;
const hourMs = 3600 * 1000;
/** The longest range one calendar request reads (a month view with the days around it). */
const maximumRangeDays = 62;

async function userRow(context: ServiceContext, userId: string) {
  const row = await findUserRow(context.db, userId);
  if (row === null) throw refuse('not_found', 'sessions.no_such_user');
  return row;
}

/**
 * A staff member's sessions between two instants (a week or a month view), with their working time (hours minus
 * holidays and time off) and the public holidays in that range; proposed sessions are shown as tentative.
 */
export async function getEngineerCalendar(
  context: ServiceContext,
  userId: string,
  range: { from: string; to: string },
  language: Language = 'en',
) {
  const from = new Date(range.from);
  const to = new Date(range.to);
  if (to.getTime() <= from.getTime())
    throw refuse('validation_failed', 'sessions.range_backwards', {
      details: [{ path: 'querystring.to', message: translate('en', 'errors', 'sessions.range_backwards_short') }],
    });
  if (to.getTime() - from.getTime() > maximumRangeDays * dayMs) {
    throw refuse('validation_failed', 'sessions.range_too_long', {
      values: { days: maximumRangeDays },
      details: [
        {
          path: 'querystring.to',
          message: translate('en', 'errors', 'sessions.range_too_long_short', { days: maximumRangeDays }),
        },
      ],
    });
  }
  const user = await userRow(context, userId);
  const [{ workingIntervals, listPublicHolidays }, calendars, rows] = await Promise.all([
    scheduling(),
    loadWorkingCalendars(context.db, [userId]),
    listEngineerSessions(context.db, userId, from, to, ['proposed', ...bookedSessionStates]),
  ]);
  const calendar = calendars.get(userId);
  if (calendar === undefined) throw refuse('not_found', 'sessions.no_such_user');
  const firstDay = DateTime.fromJSDate(from, { zone: calendar.timeZone }).toISODate() ?? '';
  const lastDay = DateTime.fromJSDate(to, { zone: calendar.timeZone }).toISODate() ?? '';
  const years = [...new Set([from.getUTCFullYear(), to.getUTCFullYear()])];
  const region = calendar.holidays;
  const holidays =
    region === null
      ? []
      : years
          .flatMap((year) => listPublicHolidays(region, year, language))
          .filter((holiday) => holiday.date >= firstDay && holiday.date <= lastDay);
  return {
    user: { id: user.id, name: user.name, timeZone: user.timeZone },
    from,
    to,
    sessions: rows.map((row) => ({
      id: row.session.id,
      state: row.session.state,
      start: row.session.startsAt,
      end: row.session.endsAt,
      title: row.session.title,
      mode: row.session.mode,
      location: row.session.location,
      project: {
        id: row.session.projectId,
        reference: row.projectReference,
        name: row.projectName,
        customerName: row.customerName,
      },
      stepKey: row.session.stepKey,
    })),
    workingIntervals: workingIntervals(calendar, from, to),
    holidays,
  };
}

function overlapMs(start: number, end: number, from: number, to: number): number {
  return Math.max(0, Math.min(end, to) - Math.max(start, from));
}

/**
 * The team's capacity: for each engineer (of one competence team, or all) and each week from `from`, the hours they
 * work (their hours, minus public holidays and time off) and the hours booked in sessions. Weeks run from 00:00 of
 * the given date on each engineer's own clock.
 */
export async function getTeamCapacity(
  context: ServiceContext,
  query: { from: string; weeks: number; team?: string | undefined },
) {
  const engineers = (await listActiveEngineers(context.db))
    .filter((engineer) => query.team === undefined || engineer.teams.includes(query.team))
    .sort((left, right) => left.name.localeCompare(right.name));
  const weeks = Array.from(
    { length: query.weeks },
    (_, index) => DateTime.fromISO(query.from, { zone: 'UTC' }).plus({ weeks: index }).toISODate() ?? query.from,
  );
  const ids = engineers.map((engineer) => engineer.id);
  const widest = {
    from: new Date(Date.parse(`${query.from}T00:00:00Z`) - 2 * dayMs),
    to: new Date(Date.parse(`${query.from}T00:00:00Z`) + (query.weeks * 7 + 2) * dayMs),
  };
  const [{ workingIntervals }, calendars, busy] = await Promise.all([
    scheduling(),
    loadWorkingCalendars(context.db, ids),
    listBusySessions(context.db, ids, widest.from, widest.to),
  ]);
  return {
    weeks,
    team: query.team ?? null,
    engineers: engineers.flatMap((engineer) => {
      const calendar = calendars.get(engineer.id);
      if (calendar === undefined) return [];
      const booked = busy.filter((session) => session.engineerId === engineer.id && session.state !== 'proposed');
      return [
        {
          ...engineer,
          weeks: weeks.map((week) => {
            const start = DateTime.fromISO(week, { zone: calendar.timeZone }).startOf('day');
            const from = start.toJSDate();
            const to = start.plus({ days: 7 }).toJSDate();
            const available = workingIntervals(calendar, from, to).reduce(
              (sum, interval) => sum + interval.end.getTime() - interval.start.getTime(),
              0,
            );
            const used = booked.reduce(
              (sum, session) =>
                sum + overlapMs(session.startsAt.getTime(), session.endsAt.getTime(), from.getTime(), to.getTime()),
              0,
            );
            return {
              week,
              availableHours: Math.round((available / hourMs) * 10) / 10,
              bookedHours: Math.round((used / hourMs) * 10) / 10,
            };
          }),
        },
      ];
    }),
  };
}

// ——— the personal subscription feed ———

function feedHash(context: ServiceContext, token: string): string {
  return createHmac('sha256', context.sessionSecret).update(`calendar-feed:${token}`).digest('base64url');
}

export async function getFeedStatus(context: ServiceContext, actor: StaffActor) {
  const row = await findFeedOfUser(context.db, actor.userId);
  return { isActive: row !== null, createdAt: row?.createdAt ?? null, lastReadAt: row?.lastReadAt ?? null };
}

/**
 * Creates the caller's subscription address, replacing any earlier one (which stops working at once). The secret is
 * shown this once; the database keeps only its HMAC.
 */
export async function createFeed(context: ServiceContext, actor: StaffActor) {
  const token = randomBytes(32).toString('base64url');
  await inTransaction(context, async (db) => {
    await saveFeed(db, actor.userId, feedHash(context, token), context.now());
    await recordAuditEvent(db, actor, {
      action: 'calendar-feed.created',
      subjectType: 'user',
      subjectId: actor.userId,
    });
  });
  return { url: new URL(`/calendar-feed/${token}.ics`, context.publicUrl).toString() };
}

export async function revokeFeed(context: ServiceContext, actor: StaffActor) {
  await inTransaction(context, async (db) => {
    const removed = await deleteFeedOfUser(db, actor.userId);
    if (removed.length === 0) throw refuse('not_found', 'sessions.no_feed_to_revoke');
    await recordAuditEvent(db, actor, {
      action: 'calendar-feed.revoked',
      subjectType: 'user',
      subjectId: actor.userId,
    });
  });
}

/**
 * The calendar behind a subscription address: the owner's booked sessions from 60 days ago to a year ahead. An
 * unknown or revoked token, or a disabled account, answers not_found.
 */
export async function readFeed(context: ServiceContext, token: string): Promise<string> {
  const feed = await findFeedByTokenHash(context.db, feedHash(context, token));
  if (feed === null) throw refuse('not_found', 'sessions.no_such_feed');
  const user = await userRow(context, feed.userId);
  if (user.isDisabled) throw refuse('not_found', 'sessions.no_such_feed');
  const now = context.now();
  const rows = await listEngineerSessions(
    context.db,
    user.id,
    new Date(now.getTime() - 60 * dayMs),
    new Date(now.getTime() + 365 * dayMs),
    bookedSessionStates,
  );
  await markFeedRead(context.db, user.id, now);
  const events: CalendarEvent[] = rows.map((row) => ({
    uid: row.session.icalUid,
    sequence: row.session.sequence,
    stamp: now,
    start: row.session.startsAt,
    end: row.session.endsAt,
    title: `${row.session.title}`,
    description: `${row.projectReference} — ${row.projectName} (${row.customerName})\n${row.session.mode === 'remote' ? 'Meeting link' : 'Address'}: ${row.session.location}`,
    location: row.session.location,
    organizer: { name: user.name, email: user.email },
    attendees: row.session.attendees.map((attendee) => ({ name: attendee.name, email: attendee.email })),
    alarmMinutesBefore: 15,
  }));
  return publishIcs(`Engage — ${user.name}`, events);
}
