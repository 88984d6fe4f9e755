import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestEngage, eventually, isTestDatabaseAvailable, type TestEngage } from '../../test/harness';

describe.skipIf(!isTestDatabaseAvailable)('the session cache across processes on one PostgreSQL database', () => {
  let first: TestEngage;
  let second: TestEngage;
  beforeAll(async () => {
    first = await createTestEngage();
    second = await createTestEngage({ sameDatabaseAs: first });
  });
  afterAll(async () => {
    await second?.close();
    await first?.close();
  });

  const me = (app: TestEngage, cookie: string) =>
    app.request({ method: 'GET', url: '/api/auth/me', headers: { cookie } });

  it('refuses a user disabled through one process in the other', async () => {
    const admin = await first.staff('admin');
    const engineer = await first.staff('engineer');
    expect((await me(second, engineer.cookie)).statusCode).toBe(200);
    expect(second.context.sessionCache.size).toBeGreaterThan(0);
    const disable = await first.request({
      method: 'PATCH',
      url: `/api/users/${engineer.user.id}`,
      headers: { cookie: admin.cookie },
      payload: { isDisabled: true },
    });
    expect(disable.statusCode).toBe(200);
    expect((await me(first, engineer.cookie)).statusCode).toBe(401);
    expect(await eventually(async () => (await me(second, engineer.cookie)).statusCode === 401)).toBe(true);
  });

  it('turns the cache off while its listening connection is down, and back on when it reconnects', async () => {
    const manager = await first.staff('manager');
    expect((await me(second, manager.cookie)).statusCode).toBe(200);
    const cache = second.context.sessionCache;
    expect(cache.enabled).toBe(true);
    await first.context.db.execute(
      sql`select pg_terminate_backend(pid) from pg_stat_activity
           where datname = current_database() and application_name = 'engage-listen-engage_identity'`,
    );
    expect(await eventually(() => !cache.enabled)).toBe(true);
    // Off: a change made now, while no notification can arrive, still applies at once.
    await first.context.db.execute(sql`update users set role = 'support' where id = ${manager.user.id}`);
    expect((await me(second, manager.cookie)).json()).toMatchObject({ user: { role: 'support' } });
    expect(await eventually(() => cache.enabled, 5000)).toBe(true);
  });
});
