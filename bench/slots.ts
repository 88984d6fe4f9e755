/**
 * `npx tsx bench/slots.ts`: times the slot finder for a whole competence team, the suggestion of issue 5 (target:
 * well under 50 ms for 50 engineers over a year of calendar data). Pure CPU, no database: it builds the team in
 * memory with a seeded generator, checks the answers, runs the search many times and prints p50/p95/max.
 * Options: --runs N (default 200), --engineers N (default 50), --seed N.
 */
import os from 'node:os';
import { DateTime } from 'luxon';
import {
  createCustomerCalendar,
  findEarliestSlotsForTeam,
  mondayToFriday,
  sundayToThursday,
  type BusySession,
  type HolidayRegion,
  type IsoWeekday,
  type ProjectPriority,
  type TeamMember,
  type TimeOff,
  type WorkingCalendar,
} from '../src/domain/scheduling/index';

interface Settings {
  runs: number;
  engineers: number;
  seed: number;
}

const usage = `Usage: npx tsx bench/slots.ts [--runs N] [--engineers N] [--seed N]`;

function parseSettings(argv: readonly string[]): Settings {
  const settings: Settings = { runs: 200, engineers: 50, seed: 20_270_101 };
  for (let index = 0; index < argv.length; index += 1) {
    const argument = argv[index];
    const value = Number(argv[index + 1]);
    index += 1;
    if (argument === '--help' || argument === '-h') {
      process.stdout.write(`${usage}\n`);
      process.exit(0);
    }
    if (!Number.isInteger(value) || value < 1)
      throw new Error(`${String(argument)} needs a whole number ≥ 1\n${usage}`);
    if (argument === '--runs') settings.runs = value;
    else if (argument === '--engineers') settings.engineers = value;
    else if (argument === '--seed') settings.seed = value;
    else throw new Error(`Unknown option ${String(argument)}\n${usage}`);
  }
  return settings;
}

/** mulberry32, as in bench/seed.ts: two runs build the same team. */
function createRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let value = state;
    value = Math.imul(value ^ (value >>> 15), value | 1);
    value ^= value + Math.imul(value ^ (value >>> 7), value | 61);
    return ((value ^ (value >>> 14)) >>> 0) / 4_294_967_296;
  };
}

// ---------------------------------------------------------------------------------------------------------------
// The team: a year (2027) of sessions, time off and holidays for each engineer.

interface Home {
  timeZone: string;
  holidays: HolidayRegion;
  workingDays: WorkingCalendar['workingDays'];
  share: number;
}

const homes: readonly Home[] = [
  { timeZone: 'Europe/Rome', holidays: { country: 'IT' }, workingDays: mondayToFriday, share: 0.4 },
  { timeZone: 'Europe/Berlin', holidays: { country: 'DE', region: 'BY' }, workingDays: mondayToFriday, share: 0.2 },
  { timeZone: 'Europe/London', holidays: { country: 'GB' }, workingDays: mondayToFriday, share: 0.1 },
  { timeZone: 'America/New_York', holidays: { country: 'US' }, workingDays: mondayToFriday, share: 0.15 },
  { timeZone: 'Asia/Dubai', holidays: { country: 'AE' }, workingDays: sundayToThursday, share: 0.1 },
  { timeZone: 'Asia/Kolkata', holidays: { country: 'IN' }, workingDays: mondayToFriday, share: 0.05 },
];
const priorities: readonly ProjectPriority[] = ['low', 'normal', 'normal', 'normal', 'high', 'urgent'];
const year = 2027;

function buildEngineer(index: number, random: () => number): TeamMember<string> & { sessionCount: number } {
  let roll = random();
  const home = homes.find((candidate) => (roll -= candidate.share) < 0) ?? homes[homes.length - 1];
  if (home === undefined) throw new Error('no homes to place engineers in');
  const lunch = random() < 0.7;
  const calendar: WorkingCalendar = {
    timeZone: home.timeZone,
    workingDays: home.workingDays,
    holidays: home.holidays,
    workingHours: lunch
      ? [
          { start: '09:00', end: '13:00' },
          { start: '14:00', end: '17:30' },
        ]
      : [{ start: '08:30', end: '17:00' }],
    timeOff: [],
  };
  const timeOff = calendar.timeOff as TimeOff[];
  // Three holidays of one or two weeks, and a dozen half days.
  for (let holiday = 0; holiday < 3; holiday += 1) {
    const first = DateTime.utc(year, 1, 1).plus({ days: Math.floor(random() * 350) });
    timeOff.push({
      kind: 'days',
      firstDay: first.toISODate() ?? '',
      lastDay: first.plus({ days: random() < 0.5 ? 4 : 11 }).toISODate() ?? '',
    });
  }
  for (let halfDay = 0; halfDay < 12; halfDay += 1) {
    const start = DateTime.fromObject({ year, month: 1, day: 1, hour: 13 }, { zone: home.timeZone }).plus({
      days: Math.floor(random() * 360),
    });
    timeOff.push({ kind: 'interval', start: start.toJSDate(), end: start.plus({ hours: 5 }).toJSDate() });
  }
  // About 250 sessions over the year: on working days, 1–4 hours from 09:00–15:00 local, mostly confirmed.
  const busy: BusySession[] = [];
  for (let dayOfYear = 0; dayOfYear < 365 && busy.length < 250; dayOfYear += 1) {
    const date = DateTime.fromObject({ year, month: 1, day: 1 }, { zone: home.timeZone }).plus({ days: dayOfYear });
    if (!home.workingDays.includes(date.weekday as IsoWeekday)) continue;
    if (random() < 0.05) continue;
    const start = date.set({ hour: 9 + Math.floor(random() * 6), minute: random() < 0.5 ? 0 : 30 });
    busy.push({
      start: start.toJSDate(),
      end: start.plus({ hours: 1 + Math.floor(random() * 4) }).toJSDate(),
      state: random() < 0.8 ? 'confirmed' : 'proposed',
      priority: priorities[Math.floor(random() * priorities.length)] as ProjectPriority,
    });
  }
  // Sessions come from the database in no particular order.
  busy.sort(() => random() - 0.5);
  return { id: `engineer-${String(index + 1).padStart(2, '0')}`, calendar, busy, sessionCount: busy.length };
}

// ---------------------------------------------------------------------------------------------------------------
// Measuring

const round = (value: number, digits = 2) => Math.round(value * 10 ** digits) / 10 ** digits;

function percentile(sorted: readonly number[], fraction: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil(fraction * sorted.length) - 1)] ?? Number.NaN;
}

function table(
  headers: readonly string[],
  rows: readonly (readonly string[])[],
  alignRight: readonly boolean[],
): string {
  const widths = headers.map((header, column) =>
    Math.max(header.length, ...rows.map((row) => (row[column] ?? '').length)),
  );
  const format = (row: readonly string[]) =>
    row
      .map((cell, column) =>
        alignRight[column] ? cell.padStart(widths[column] ?? 0) : cell.padEnd(widths[column] ?? 0),
      )
      .join('  ');
  return [format(headers), widths.map((width) => '-'.repeat(width)).join('  '), ...rows.map(format)].join('\n');
}

interface Scenario {
  label: string;
  team: readonly TeamMember<string>[];
  count: number;
  horizonDays: number;
  durationMinutes: number;
  priority: ProjectPriority;
  onePerDay?: boolean;
  expectNone?: boolean;
}

const log = (message: string) => process.stdout.write(`${message}\n`);

function main(): void {
  const settings = parseSettings(process.argv.slice(2));
  const random = createRandom(settings.seed);
  const team = Array.from({ length: settings.engineers }, (_, index) => buildEngineer(index, random));
  // The same team, booked solid (confirmed, 09:00–17:00 every day) for its first eight weeks: each search walks
  // eight weeks of days before it finds anything.
  const crowdedTeam = team.map((member) => ({
    ...member,
    busy: [
      ...member.busy,
      {
        start: new Date(Date.UTC(year, 0, 1)),
        end: new Date(Date.UTC(year, 2, 1)),
        state: 'confirmed' as const,
        priority: 'urgent' as const,
      },
    ],
  }));
  // In London, every engineer's hours overlap the customer's, from Kolkata (3 hours) to New York (4 hours).
  const customer = createCustomerCalendar({ timeZone: 'Europe/London', holidays: { country: 'GB' } });
  // Each run searches from another day of the first two months, at another hour.
  const startsOfRuns = Array.from(
    { length: settings.runs },
    () => new Date(Date.UTC(year, 0, 4) + Math.floor(random() * 56 * 96) * 900_000),
  );

  const scenarios: Scenario[] = [
    { label: 'team, 3 slots each, 60 days', team, count: 3, horizonDays: 60, durationMinutes: 120, priority: 'normal' },
    {
      label: 'team, 10 slots each, 1 per day',
      team,
      count: 10,
      horizonDays: 365,
      durationMinutes: 120,
      priority: 'high',
      onePerDay: true,
    },
    // No engineer works 9 hours in a row: every search walks the whole year (the worst case).
    {
      label: 'no slot exists, 365 days',
      team,
      count: 3,
      horizonDays: 365,
      durationMinutes: 540,
      priority: 'normal',
      expectNone: true,
    },
    {
      label: 'crowded team, 3 slots, 365 days',
      team: crowdedTeam,
      count: 3,
      horizonDays: 365,
      durationMinutes: 120,
      priority: 'urgent',
    },
  ];

  const sessions = team.reduce((sum, member) => sum + member.sessionCount, 0);
  const timeOff = team.reduce((sum, member) => sum + member.calendar.timeOff.length, 0);
  log(
    `Slot finder: ${settings.engineers} engineers, ${sessions} sessions and ${timeOff} time-off entries in ${year}; customer Europe/London (GB holidays).`,
  );
  log(
    `Node ${process.version}, ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'unknown CPU'}, load ${os
      .loadavg()
      .map((value) => value.toFixed(2))
      .join(' ')}`,
  );

  const rows: string[][] = [];
  let firstCall = Number.NaN;
  const failures: string[] = [];
  for (const scenario of scenarios) {
    const search = (notBefore: Date) =>
      findEarliestSlotsForTeam({
        engineers: scenario.team,
        customer,
        durationMinutes: scenario.durationMinutes,
        notBefore,
        priority: scenario.priority,
        count: scenario.count,
        horizonDays: scenario.horizonDays,
        onePerDay: scenario.onePerDay ?? false,
      });
    if (Number.isNaN(firstCall)) {
      // The first call of the process builds the holiday rules and zone tables (cached afterwards).
      const started = performance.now();
      search(startsOfRuns[0] as Date);
      firstCall = performance.now() - started;
    }
    // Check the answers once: every engineer has all the slots asked for (or, in the worst case, none).
    const answer = search(startsOfRuns[0] as Date);
    const withSlots = answer.filter((result) => result.slots.length === scenario.count).length;
    const expected = scenario.expectNone === true ? 0 : settings.engineers;
    if (withSlots !== expected)
      failures.push(`${scenario.label}: ${withSlots} engineers have ${scenario.count} slots, expected ${expected}`);
    // Warm-up, then measure.
    for (let run = 0; run < Math.min(20, settings.runs); run += 1) search(startsOfRuns[run] as Date);
    const times: number[] = [];
    for (const notBefore of startsOfRuns) {
      const started = performance.now();
      search(notBefore);
      times.push(performance.now() - started);
    }
    times.sort((left, right) => left - right);
    rows.push([
      scenario.label,
      String(settings.runs),
      round(percentile(times, 0.5)).toFixed(2),
      round(percentile(times, 0.95)).toFixed(2),
      round(times[times.length - 1] ?? Number.NaN).toFixed(2),
      `${withSlots}/${settings.engineers}`,
    ]);
  }

  log(`\nfirst call of the process (builds holiday rules and zone tables): ${round(firstCall)} ms\n`);
  log(
    table(['scenario', 'runs', 'p50 ms', 'p95 ms', 'max ms', 'full answers'], rows, [
      false,
      true,
      true,
      true,
      true,
      true,
    ]),
  );
  const p95 = Number(rows[0]?.[3]);
  log(`\ntarget: team of ${settings.engineers}, p95 < 50 ms: ${p95 < 50 ? 'PASS' : 'FAIL'} (${p95} ms)`);
  for (const failure of failures) log(`FAILED CHECK: ${failure}`);
  if (failures.length > 0) process.exitCode = 1;
}

main();
