/**
 * `npm run bench:suggestions`: times the whole suggestion request, `GET /api/projects/:id/slot-suggestions`, for a
 * project whose competence team has 50 engineers with a year of calendar data (booked sessions on most working days,
 * two weeks of time off each), on a fresh embedded database: the access check, the reads of the calendars and sessions,
 * the slot finder and the response. The target (issue 5): well under 50 ms. Prints p50/p95/max; takes `--runs N`.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { loadConfig } from '../src/server/config';
import { startEngage } from '../src/server/start';

const runs = Number(process.argv[process.argv.indexOf('--runs') + 1] ?? '') || 200;
const engineers = 50;
const admin = { email: 'bench-admin@example.com', password: 'bench admin password 1234' };

function percentile(sorted: readonly number[], fraction: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(fraction * sorted.length))] ?? Number.NaN;
}

async function main(): Promise<void> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'engage-bench-suggestions-'));
  const running = await startEngage({
    ...loadConfig({
      DATA_DIR: dataDir,
      LOG_LEVEL: 'warn',
      ENGAGE_ADMIN_EMAIL: admin.email,
      ENGAGE_ADMIN_PASSWORD: admin.password,
    }),
    port: 0,
    host: '127.0.0.1',
  });
  const app = running.engage.app;
  const db = running.connection.db;
  try {
    const login = await app.inject({ method: 'POST', url: '/api/auth/login', payload: admin });
    const cookie = login.cookies.map((entry) => `${entry.name}=${entry.value}`).join('; ');
    const post = async (url: string, payload: Record<string, unknown>) => {
      const response = await app.inject({ method: 'POST', url, headers: { cookie }, payload });
      if (response.statusCode >= 300) throw new Error(`POST ${url}: ${response.statusCode} ${response.body}`);
      return response.json<{ id: string }>();
    };
    const customer = await post('/api/organisations', { kind: 'customer', name: 'Bench customer' });
    const project = await post('/api/projects', {
      name: 'Bench project',
      customerId: customer.id,
      applications: ['call-recording'],
      priority: 'normal',
      deployment: 'virtual-appliance',
      purchasedEffortDays: 5,
      trainingPurchased: false,
    });

    const seeding = performance.now();
    // 50 engineers of the project's competence team, in five zones and three holiday countries.
    await db.execute(sql`
      insert into users (email, name, role, language, password_hash, teams, time_zone, holiday_country, working_days)
      select 'engineer' || n || '@bench.example', 'Engineer ' || n, 'engineer', 'en', 'not-a-hash', '["recording-analytics"]'::jsonb,
             (array['Europe/Rome', 'Europe/London', 'Europe/Berlin', 'Asia/Dubai', 'America/New_York'])[1 + n % 5],
             (array['IT', 'GB', 'DE', 'AE', 'US'])[1 + n % 5],
             case when n % 5 = 3 then '[7,1,2,3,4]'::jsonb else '[1,2,3,4,5]'::jsonb end
        from generate_series(1, ${engineers}) as n`);
    // A year of booked sessions: one of two hours on 85% of weekdays, starting between 09:00 and 15:00 UTC.
    await db.execute(sql`
      insert into project_sessions (project_id, step_key, engineer_id, state, starts_at, ends_at, mode, location, title, attendees, ical_uid)
      select ${project.id}, 'environment', u.id, 'confirmed',
             d + make_interval(hours => 9 + (abs(hashtext(u.id::text || d::text)) % 7)),
             d + make_interval(hours => 11 + (abs(hashtext(u.id::text || d::text)) % 7)),
             'remote', 'https://meet.example.com/bench', 'Bench session', '[]'::jsonb, gen_random_uuid()::text
        from users u
        cross join generate_series(date_trunc('day', now()), date_trunc('day', now()) + interval '365 days', interval '1 day') as d
       where u.email like '%@bench.example' and extract(isodow from d) < 6 and abs(hashtext(u.id::text || d::text || 'x')) % 100 < 85`);
    // Two weeks of time off each, somewhere in the next year.
    await db.execute(sql`
      insert into time_off (user_id, kind, first_day, last_day)
      select u.id, 'days', (now() + make_interval(days => abs(hashtext(u.id::text)) % 300))::date, (now() + make_interval(days => 13 + abs(hashtext(u.id::text)) % 300))::date
        from users u where u.email like '%@bench.example'`);
    await db.execute(
      sql`update projects set engineer_id = (select id from users where email = 'engineer1@bench.example'), scheduling_override_at = now(), scheduling_override_reason = 'bench' where id = ${project.id}`,
    );
    const counted = await db.execute<{ sessions: number }>(sql`select count(*)::int as sessions from project_sessions`);
    const sessions = (counted as { rows: { sessions: number }[] }).rows[0]?.sessions ?? 0;
    process.stdout.write(
      `seeded ${engineers} engineers, ${sessions} booked sessions over a year, in ${Math.round(performance.now() - seeding)} ms\n`,
    );

    const url = `/api/projects/${project.id}/slot-suggestions?durationMinutes=120&count=3&onePerDay=true`;
    const first = await app.inject({ method: 'GET', url, headers: { cookie } });
    if (first.statusCode !== 200) throw new Error(`suggestions: ${first.statusCode} ${first.body}`);
    const body = first.json<{ engineer: { slots: unknown[] }; alternatives: { slots: unknown[] }[] }>();
    if (body.engineer.slots.length !== 3 || body.alternatives.length !== engineers - 1)
      throw new Error(`unexpected answer: ${first.body.slice(0, 300)}`);
    for (let warm = 0; warm < 20; warm += 1) await app.inject({ method: 'GET', url, headers: { cookie } });
    const times: number[] = [];
    for (let run = 0; run < runs; run += 1) {
      const started = performance.now();
      const response = await app.inject({ method: 'GET', url, headers: { cookie } });
      times.push(performance.now() - started);
      if (response.statusCode !== 200) throw new Error(`suggestions: ${response.statusCode}`);
    }
    times.sort((left, right) => left - right);
    const format = (value: number) => `${value.toFixed(1)} ms`;
    process.stdout.write(
      `GET slot-suggestions, team of ${engineers} (embedded database, ${runs} runs): p50 ${format(percentile(times, 0.5))}, p95 ${format(percentile(times, 0.95))}, max ${format(times.at(-1) ?? Number.NaN)}; target: well under 50 ms\n`,
    );
  } finally {
    await running.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
