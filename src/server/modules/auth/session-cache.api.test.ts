import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestEngage, eventually, isTestDatabaseAvailable, type TestEngage } from '../../test/harness';

describe.skipIf(!isTestDatabaseAvailable)('the session cache stays true to the database', () => {
  let engage: TestEngage;
  beforeAll(async () => {
    engage = await createTestEngage();
  });
  afterAll(async () => {
    await engage?.close();
  });

  const me = (app: TestEngage, cookie: string) =>
    app.request({ method: 'GET', url: '/api/auth/me', headers: { cookie } });

  it('is on once the change notifications are heard', () => {
    expect(engage.context.sessionCache.enabled).toBe(true);
  });

  it('applies a role changed by an admin to the very next request', async () => {
    const admin = await engage.staff('admin');
    const engineer = await engage.staff('engineer');
    expect((await me(engage, engineer.cookie)).json()).toMatchObject({ user: { role: 'engineer' } });
    const change = await engage.request({
      method: 'PATCH',
      url: `/api/users/${engineer.user.id}`,
      headers: { cookie: admin.cookie },
      payload: { role: 'support' },
    });
    expect(change.statusCode).toBe(200);
    expect((await me(engage, engineer.cookie)).json()).toMatchObject({ user: { role: 'support' } });
  });

  it('ends a cached session when the user is disabled by hand in SQL', async () => {
    const engineer = await engage.staff('engineer');
    expect((await me(engage, engineer.cookie)).statusCode).toBe(200);
    await engage.context.db.execute(sql`update users set is_disabled = true where id = ${engineer.user.id}`);
    // Without the trigger's notification the cached session would answer for another 30 s.
    expect(await eventually(async () => (await me(engage, engineer.cookie)).statusCode === 401)).toBe(true);
  });

  it('ends a cached session deleted by hand in SQL', async () => {
    const manager = await engage.staff('manager');
    expect((await me(engage, manager.cookie)).statusCode).toBe(200);
    await engage.context.db.execute(sql`delete from sessions where user_id = ${manager.user.id}`);
    expect(await eventually(async () => (await me(engage, manager.cookie)).statusCode === 401)).toBe(true);
  });
});
