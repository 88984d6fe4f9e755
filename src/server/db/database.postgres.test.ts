import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestEngage, eventually, isTestDatabaseAvailable, type TestEngage } from '../test/harness';
import { startTestSmtpServer, type TestSmtpServer } from '../test/smtp';

const loops = 16;
const rounds = 30;

describe.skipIf(!isTestDatabaseAvailable)('a PostgreSQL server that drops every connection under load', () => {
  let engage: TestEngage;
  let killer: pg.Client;
  let smtp: TestSmtpServer;
  beforeAll(async () => {
    smtp = await startTestSmtpServer();
    // With mail, so that the job queue's own pool and its polling worker lose their connections too.
    engage = await createTestEngage({ mail: { smtpUrl: smtp.url } });
    killer = new pg.Client({ connectionString: engage.databaseUrl ?? '' });
    await killer.connect();
  });
  afterAll(async () => {
    await killer?.end();
    await engage?.close();
    await smtp?.close();
  });

  it('answers 503 while the connections are dropped, never 500, and serves again afterwards', async () => {
    const manager = await engage.staff('manager');
    const statuses = new Map<number, number>();
    const bodies: string[] = [];
    let isLoading = true;
    let counter = 0;
    // Reads through the pool and writes in transactions, so that connections die both idle and checked out.
    const loop = async (index: number) => {
      while (isLoading) {
        counter += 1;
        const response =
          counter % 2 === 0
            ? await engage.request({ method: 'GET', url: '/api/organisations', headers: { cookie: manager.cookie } })
            : await engage.request({
                method: 'POST',
                url: '/api/organisations',
                headers: { cookie: manager.cookie },
                payload: { kind: 'customer', name: `Customer ${index}-${counter}` },
              });
        statuses.set(response.statusCode, (statuses.get(response.statusCode) ?? 0) + 1);
        if (response.statusCode >= 500 && response.statusCode !== 503) bodies.push(response.body);
        if (response.statusCode === 503) bodies.push(response.json<{ message: string }>().message);
      }
    };
    const running = Array.from({ length: loops }, (_, index) => loop(index));
    let terminated = 0;
    for (let round = 0; round < rounds; round += 1) {
      await new Promise((resolve) => setTimeout(resolve, 60));
      const { rows } = await killer.query<{ count: string }>(
        `select count(*) from (select pg_terminate_backend(pid) from pg_stat_activity
           where datname = current_database() and pid <> pg_backend_pid()) as terminated`,
      );
      terminated += Number(rows[0]?.count ?? 0);
    }
    isLoading = false;
    await Promise.all(running);

    expect(terminated).toBeGreaterThan(rounds);
    const unexpected = [...statuses.keys()].filter((status) => !((status >= 200 && status < 300) || status === 503));
    expect(unexpected, bodies.slice(0, 3).join('\n')).toEqual([]);
    expect(statuses.get(503) ?? 0).toBeGreaterThan(0);
    expect(bodies.find((body) => body.startsWith('The database is not reachable right now'))).toBeDefined();

    // Still serving: ready again, and a write goes through.
    expect(
      await eventually(
        async () => (await engage.request({ method: 'GET', url: '/readyz' })).statusCode === 200,
        10_000,
      ),
    ).toBe(true);
    const after = await engage.request({
      method: 'POST',
      url: '/api/organisations',
      headers: { cookie: manager.cookie },
      payload: { kind: 'partner', name: 'After the outage' },
    });
    expect(after.statusCode).toBe(201);
  }, 60_000);
});
