import type { BusySession, CustomerCalendar } from '../../../domain/scheduling';
import type { ServiceContext } from '../../context';
import type { Database } from '../../db/database';
import { refuse } from '../../errors';
import type { StaffActor } from '../audit/actor';
import { loadCustomerCalendar, loadWorkingCalendars } from '../calendars/calendars.service';
import { getContentLibrary } from '../content/content.service';
import { getProjectForAction, type ProjectRow } from '../projects/projects.service';
import { listActiveEngineers } from '../users/users.service';
import { engineerOf } from './session-people';
import { presentSlots } from './session-presenter';
import { ensureMaySchedule, scheduling } from './session-rules';
import { listBookedSpans, listBusySessions, type BusyRow } from './sessions.repository';

/*
 * Slot suggestions: the earliest free times of the project's engineer and of the other engineers of its competence
 * teams, on both sides' calendars; the slot finder also offers the next dates after a lost race (proposal answers).
 */

const dayMs = 24 * 3600 * 1000;
/** How far suggestions look ahead, and the first window read (where nearly every search ends). */
const horizonDays = 120;
const firstWindowDays = 28;

/** A busy time for the slot finder: a booked span (which blocks everyone), or a proposed session (which may be claimed). */
type Busy = BusySession & { row: BusyRow | null };

function busyOf(spans: readonly [number, number][], proposed: readonly BusyRow[]): Busy[] {
  return [
    ...spans.map(([start, end]): Busy => ({
      start: new Date(start),
      end: new Date(end),
      state: 'confirmed',
      priority: 'urgent',
      row: null,
    })),
    ...proposed.map((row): Busy => ({
      start: row.startsAt,
      end: row.endsAt,
      state: 'proposed',
      priority: row.priority,
      row,
    })),
  ];
}

/** The engineers of the competence teams of the project's applications (the content library's teams), but not the given one. */
async function teamColleagues(context: ServiceContext, project: ProjectRow, engineerId: string) {
  const library = await getContentLibrary(context.db);
  const teams = new Set(
    library.applications
      .filter((application) => project.applications.includes(application.key))
      .map((application) => application.competenceTeam),
  );
  if (teams.size === 0) return [];
  const rows = await listActiveEngineers(context.db);
  return rows.filter((row) => row.id !== engineerId && row.teams.some((team) => teams.has(team)));
}

interface SlotOptions {
  durationMinutes: number;
  count: number;
  onePerDay: boolean;
  notBefore?: Date;
}

/**
 * The earliest slots of each engineer. It first reads four weeks of calendars, where nearly every search ends, and
 * reads the whole horizon only for the engineers who had too few slots in them: a team's year of sessions is
 * thousands of rows, and reading them was most of a suggestion's time (bench/suggestions.ts).
 */
export async function findSlots(
  context: ServiceContext,
  db: Database,
  project: ProjectRow,
  engineerIds: string[],
  customer: CustomerCalendar,
  options: SlotOptions,
) {
  const { findEarliestSlotsForTeam } = await scheduling();
  const now = options.notBefore ?? context.now();
  const calendars = await loadWorkingCalendars(db, engineerIds);
  const search = async (ids: readonly string[], days: number) => {
    const until = new Date(now.getTime() + days * dayMs);
    const [spans, proposed] = await Promise.all([
      listBookedSpans(db, ids, now, until),
      listBusySessions(db, ids, now, until, ['proposed']),
    ]);
    const proposedBy = new Map<string, BusyRow[]>();
    for (const row of proposed) proposedBy.set(row.engineerId, [...(proposedBy.get(row.engineerId) ?? []), row]);
    const engineers = ids.flatMap((id) => {
      const calendar = calendars.get(id);
      return calendar === undefined
        ? []
        : [{ id, calendar, busy: busyOf(spans.get(id) ?? [], proposedBy.get(id) ?? []) }];
    });
    return findEarliestSlotsForTeam({
      engineers,
      customer,
      durationMinutes: options.durationMinutes,
      notBefore: now,
      minimumNoticeBusinessDays: context.scheduling.noticeBusinessDays,
      priority: project.priority,
      horizonDays: days,
      count: options.count,
      onePerDay: options.onePerDay,
    });
  };
  const first = await search(engineerIds, firstWindowDays);
  const short = first.filter((entry) => entry.slots.length < options.count).map((entry) => entry.engineerId);
  if (short.length === 0) return first;
  const again = new Map((await search(short, horizonDays)).map((entry) => [entry.engineerId, entry]));
  const firstStart = (entry: (typeof first)[number]) => entry.slots[0]?.start.getTime() ?? Number.POSITIVE_INFINITY;
  return first
    .map((entry) => again.get(entry.engineerId) ?? entry)
    .sort((left, right) => firstStart(left) - firstStart(right));
}

/**
 * The earliest slots for a session of the project: inside the engineer's working hours and the customer's business
 * hours, after the notice, off both sides' holidays and the engineer's time off and other sessions; and the same for
 * the other engineers of the project's competence teams, earliest first.
 */
export async function suggestSlots(
  context: ServiceContext,
  actor: StaffActor,
  projectId: string,
  query: { durationMinutes: number; engineerId?: string; count: number; onePerDay: boolean },
) {
  const row = await getProjectForAction(context, actor, projectId);
  const project = row.project;
  ensureMaySchedule(project);
  const engineerId = query.engineerId ?? project.engineerId;
  if (engineerId === null || engineerId === undefined) throw refuse('conflict', 'sessions.engineer_first');
  const engineer = await engineerOf(context.db, engineerId);
  const customer = await loadCustomerCalendar(context.db, project.customerId);
  const colleagues = await teamColleagues(context, project, engineerId);
  const options = { durationMinutes: query.durationMinutes, count: query.count, onePerDay: query.onePerDay };
  const found = await findSlots(
    context,
    context.db,
    project,
    [engineerId, ...colleagues.map((colleague) => colleague.id)],
    customer,
    options,
  ).catch(rethrowSchedulingInput);
  const own = found.find((entry) => entry.engineerId === engineerId);
  return {
    durationMinutes: query.durationMinutes,
    customerTimeZone: customer.timeZone,
    engineer: {
      id: engineer.id,
      name: engineer.name,
      timeZone: engineer.timeZone,
      slots: presentSlots(own?.slots ?? []),
    },
    alternatives: found
      .filter((entry) => entry.engineerId !== engineerId)
      .flatMap((entry) => {
        const colleague = colleagues.find((candidate) => candidate.id === entry.engineerId);
        return colleague === undefined
          ? []
          : [
              {
                id: colleague.id,
                name: colleague.name,
                timeZone: colleague.timeZone,
                slots: presentSlots(entry.slots),
              },
            ];
      }),
  };
}

/** The domain's refusal of a calendar it cannot read becomes a validation error; anything else goes on. */
async function rethrowSchedulingInput(error: unknown): Promise<never> {
  const { SchedulingInputError } = await scheduling();
  if (error instanceof SchedulingInputError)
    throw refuse('validation_failed', 'sessions.calendars_unreadable', { values: { problem: error.message } });
  throw error;
}
