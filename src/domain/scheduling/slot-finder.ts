/**
 * The slot finder: the earliest times when an engineer and a customer can both hold a session.
 *
 * It works on sorted UTC intervals, never minute by minute: each local day's working intervals are computed once
 * (calendar.ts), the engineer's and the customer's are intersected as two sorted streams, the blocking busy
 * intervals and the time off are merged once and cut out with a moving pointer, and the streams are lazy, so a
 * search stops at the day that yields the last slot asked for instead of building the whole horizon.
 */
import {
  addBusinessDaysTo,
  compileCustomerCalendar,
  compileWorkingCalendar,
  mergeIntervals,
  type CompiledCalendar,
  type CustomerCalendar,
  type NumericInterval,
  type WorkingCalendar,
  type WorkingPiece,
} from './calendar';
import { SchedulingInputError } from './errors';
import { millisecondsPerDay, millisecondsPerMinute } from './local-date';

/** Project priorities, lowest first (the same values as the projects table). */
export const projectPriorities = ['low', 'normal', 'high', 'urgent'] as const;
export type ProjectPriority = (typeof projectPriorities)[number];

/** A session already on the engineer's calendar. */
export interface BusySession {
  readonly start: Date;
  readonly end: Date;
  /** 'proposed': offered to a customer, not yet accepted; 'confirmed': agreed (rescheduled sessions are confirmed). */
  readonly state: 'proposed' | 'confirmed';
  /** The priority of the project the session belongs to. */
  readonly priority: ProjectPriority;
}

/** What to search for; the defaults are the issue's (2 business days' notice, 30-minute steps). */
export interface SlotSearch<Busy extends BusySession = BusySession> {
  readonly engineer: WorkingCalendar;
  readonly customer: CustomerCalendar;
  readonly durationMinutes: number;
  /** Now: no slot starts before it. */
  readonly notBefore: Date;
  /** Minimum notice, counted in the engineer's business days (default 2). */
  readonly minimumNoticeBusinessDays?: number;
  /** The engineer's other sessions. */
  readonly busy: readonly Busy[];
  /** The priority of the project the session is for. */
  readonly priority: ProjectPriority;
  /** How far to look, in days after notBefore (default 60): every slot ends by then. */
  readonly horizonDays?: number;
  /** How many slots (default 3). */
  readonly count?: number;
  /** Slots start on multiples of this on the engineer's wall clock (default 30; must divide 24 hours). */
  readonly granularityMinutes?: number;
  /** At most one slot per local day of the engineer (default false: every start, so overlapping alternatives). */
  readonly onePerDay?: boolean;
}

/** A free slot; `claims` are the proposed sessions of lower-priority projects it would take over (usually none). */
export interface Slot<Busy extends BusySession = BusySession> {
  readonly start: Date;
  readonly end: Date;
  readonly claims: readonly Busy[];
}

export const defaultSlotSearch = {
  minimumNoticeBusinessDays: 2,
  horizonDays: 60,
  count: 3,
  granularityMinutes: 30,
} as const;

const priorityRank: Readonly<Record<ProjectPriority, number>> = { low: 0, normal: 1, high: 2, urgent: 3 };

/**
 * Whether a busy session keeps a project of `priority` out of its time. A confirmed session always does; a proposed
 * one only when its project's priority is as high or higher, so an urgent project may take a slot that was merely
 * offered to a normal one (whose proposal the service then withdraws), but never one the customer has accepted.
 */
export function isBlockingFor(session: BusySession, priority: ProjectPriority): boolean {
  return session.state === 'confirmed' || priorityRank[session.priority] >= priorityRank[priority];
}

/**
 * The earliest `count` slots of `durationMinutes` inside both the engineer's working hours and the customer's
 * business hours (each on its own wall clock and holidays), not during the engineer's time off, not overlapping a
 * session that blocks this project (see isBlockingFor), starting after the minimum notice, in ascending order.
 *
 * Notice is counted in the engineer's business days: it is the engineer's time to prepare (access to the
 * environment, travel for an on-site session, reading the requirements), and it keeps one engineer's earliest
 * possible date the same whatever the customer. The customer's own weekends and holidays already exclude slots,
 * through the intersection with their business hours.
 *
 * Throws SchedulingInputError for an unknown zone or holiday country, malformed hours or out-of-range options.
 */
export function findEarliestSlots<Busy extends BusySession>(search: SlotSearch<Busy>): Slot<Busy>[] {
  return searchSlots(compileWorkingCalendar(search.engineer), compileCustomerCalendar(search.customer), search);
}

/** An engineer of a team, with their calendar and sessions. */
export interface TeamMember<Id, Busy extends BusySession = BusySession> {
  readonly id: Id;
  readonly calendar: WorkingCalendar;
  readonly busy: readonly Busy[];
}

export type TeamSlotSearch<Id, Busy extends BusySession = BusySession> = Omit<SlotSearch<Busy>, 'engineer' | 'busy'> & {
  readonly engineers: readonly TeamMember<Id, Busy>[];
};

export interface EngineerSlots<Id, Busy extends BusySession = BusySession> {
  readonly engineerId: Id;
  readonly slots: readonly Slot<Busy>[];
}

/**
 * The earliest slots of each engineer of a team for one customer, engineers with the earliest first slot first (ties
 * keep the team's order); engineers with no slot in the horizon come last with an empty list.
 */
export function findEarliestSlotsForTeam<Id, Busy extends BusySession>(
  search: TeamSlotSearch<Id, Busy>,
): EngineerSlots<Id, Busy>[] {
  // The customer's days are computed once for the whole team.
  const customer = compileCustomerCalendar(search.customer);
  const results = search.engineers.map((member) => ({
    engineerId: member.id,
    slots: searchSlots(compileWorkingCalendar(member.calendar), customer, { ...search, busy: member.busy }),
  }));
  const firstStart = (slots: readonly Slot<Busy>[]) => slots[0]?.start.getTime() ?? Number.POSITIVE_INFINITY;
  return results
    .map((result, index) => ({ result, index, first: firstStart(result.slots) }))
    .sort((left, right) => (left.first === right.first ? left.index - right.index : left.first - right.first))
    .map(({ result }) => result);
}

type Options<Busy extends BusySession> = Omit<SlotSearch<Busy>, 'engineer' | 'customer'>;

function wholeNumber(value: number, label: string, minimum: number, maximum: number): number {
  if (!Number.isInteger(value) || value < minimum || value > maximum) {
    throw new SchedulingInputError(`${label} must be a whole number from ${minimum} to ${maximum} (got ${value})`);
  }
  return value;
}

function searchSlots<Busy extends BusySession>(
  engineer: CompiledCalendar,
  customer: CompiledCalendar,
  options: Options<Busy>,
): Slot<Busy>[] {
  const duration = wholeNumber(options.durationMinutes, 'durationMinutes', 1, 7 * 24 * 60) * millisecondsPerMinute;
  const notice = wholeNumber(
    options.minimumNoticeBusinessDays ?? defaultSlotSearch.minimumNoticeBusinessDays,
    'minimumNoticeBusinessDays',
    0,
    250,
  );
  const horizonDays = wholeNumber(options.horizonDays ?? defaultSlotSearch.horizonDays, 'horizonDays', 1, 3660);
  const count = wholeNumber(options.count ?? defaultSlotSearch.count, 'count', 1, 1000);
  const granularityMinutes = wholeNumber(
    options.granularityMinutes ?? defaultSlotSearch.granularityMinutes,
    'granularityMinutes',
    1,
    1440,
  );
  if (1440 % granularityMinutes !== 0)
    throw new SchedulingInputError(`granularityMinutes must divide 24 hours (got ${granularityMinutes})`);
  const granularity = granularityMinutes * millisecondsPerMinute;
  if (!(priorityRank[options.priority] >= 0))
    throw new SchedulingInputError(`"${String(options.priority)}" is not a project priority`);

  const notBefore = options.notBefore.getTime();
  const from = Math.max(notBefore, addBusinessDaysTo(engineer, notBefore, notice));
  const to = notBefore + horizonDays * millisecondsPerDay;
  if (from >= to) return [];

  const blockingIntervals: NumericInterval[] = [...engineer.timeOffIntervals];
  const claimable: Busy[] = [];
  for (const session of options.busy) {
    const start = session.start.getTime();
    const end = session.end.getTime();
    if (!(end > start) || end <= from || start >= to) continue;
    if (isBlockingFor(session, options.priority)) blockingIntervals.push({ start, end });
    else claimable.push(session);
  }
  const blocked = mergeIntervals(blockingIntervals);
  const claims = claimsFinder(claimable);

  const slots: Slot<Busy>[] = [];
  let lastDay = Number.NEGATIVE_INFINITY;
  const free = subtract(intersect(pieces(engineer, from, to), pieces(customer, from, to)), blocked);
  for (const run of runs(free)) {
    const runEnd = (run[run.length - 1] as WorkingPiece).end;
    for (const window of run) {
      const shift = window.offsetMinutes * millisecondsPerMinute;
      // The first start on the grid of the engineer's wall clock (constant offset within a window).
      for (
        let start = Math.ceil((window.start + shift) / granularity) * granularity - shift;
        start < window.end;
        start += granularity
      ) {
        if (start + duration > runEnd) break;
        if (options.onePerDay === true) {
          const day = Math.floor((start + shift) / millisecondsPerDay);
          if (day === lastDay) continue;
          lastDay = day;
        }
        slots.push({
          start: new Date(start),
          end: new Date(start + duration),
          claims: claims(start, start + duration),
        });
        if (slots.length === count) return slots;
      }
    }
  }
  return slots;
}

/** The working pieces of a calendar within [from, to), in order, day by day as they are needed. */
function* pieces(calendar: CompiledCalendar, from: number, to: number): Generator<WorkingPiece> {
  for (let day = calendar.localDayOf(from); calendar.dayStart(day) < to; day += 1) {
    for (const piece of calendar.workingPieces(day)) {
      if (piece.end <= from) continue;
      if (piece.start >= to) return;
      yield piece.start >= from && piece.end <= to
        ? piece
        : { start: Math.max(piece.start, from), end: Math.min(piece.end, to), offsetMinutes: piece.offsetMinutes };
    }
  }
}

/** The intersection of two sorted streams of disjoint intervals; the offset is the first stream's (the engineer's). */
function* intersect(first: Iterator<WorkingPiece>, second: Iterator<WorkingPiece>): Generator<WorkingPiece> {
  let left = first.next();
  let right = second.next();
  while (left.done !== true && right.done !== true) {
    const start = Math.max(left.value.start, right.value.start);
    const end = Math.min(left.value.end, right.value.end);
    if (start < end) yield { start, end, offsetMinutes: left.value.offsetMinutes };
    if (left.value.end <= right.value.end) left = first.next();
    else right = second.next();
  }
}

/** A sorted stream less sorted, merged intervals, with one pointer that only moves forward. */
function* subtract(windows: Iterable<WorkingPiece>, removed: readonly NumericInterval[]): Generator<WorkingPiece> {
  let index = 0;
  for (const window of windows) {
    let start = window.start;
    while (index < removed.length && (removed[index] as NumericInterval).end <= start) index += 1;
    for (let scan = index; scan < removed.length && (removed[scan] as NumericInterval).start < window.end; scan += 1) {
      const cut = removed[scan] as NumericInterval;
      if (cut.start > start) yield { start, end: cut.start, offsetMinutes: window.offsetMinutes };
      start = Math.max(start, cut.end);
    }
    if (start < window.end)
      yield start === window.start ? window : { start, end: window.end, offsetMinutes: window.offsetMinutes };
  }
}

/**
 * Groups touching windows into runs of continuous free time (working hours through midnight, a DST change inside
 * working hours): a slot may span the windows of one run, but starts on the wall-clock grid of the window it starts in.
 */
function* runs(windows: Iterable<WorkingPiece>): Generator<WorkingPiece[]> {
  let run: WorkingPiece[] = [];
  for (const window of windows) {
    const last = run[run.length - 1];
    if (last !== undefined && window.start > last.end) {
      yield run;
      run = [];
    }
    run.push(window);
  }
  if (run.length > 0) yield run;
}

/** For a slot, the claimable (proposed, lower-priority) sessions it overlaps, by binary search on their starts. */
function claimsFinder<Busy extends BusySession>(claimable: Busy[]): (start: number, end: number) => Busy[] {
  if (claimable.length === 0) return () => [];
  const sorted = [...claimable].sort((left, right) => left.start.getTime() - right.start.getTime());
  const longest = Math.max(...sorted.map((session) => session.end.getTime() - session.start.getTime()));
  return (start, end) => {
    // The first session that starts at or after `end` …
    let low = 0;
    let high = sorted.length;
    while (low < high) {
      const middle = (low + high) >> 1;
      if ((sorted[middle] as Busy).start.getTime() < end) low = middle + 1;
      else high = middle;
    }
    // … and, before it, those that have not ended by `start` (none starts more than `longest` before it).
    const overlapping: Busy[] = [];
    for (let index = low - 1; index >= 0 && (sorted[index] as Busy).start.getTime() > start - longest; index -= 1) {
      if ((sorted[index] as Busy).end.getTime() > start) overlapping.push(sorted[index] as Busy);
    }
    return overlapping.reverse();
  };
}
