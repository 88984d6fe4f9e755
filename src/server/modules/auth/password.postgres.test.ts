import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createTestEngage,
  eventually,
  isTestDatabaseAvailable,
  sessionCookieOf,
  type TestEngage,
} from '../../test/harness';

// Two Engage processes on one PostgreSQL database: a password changed or reset through one ends the sessions that the
// other has cached.
describe.skipIf(!isTestDatabaseAvailable)('password changes across processes on one PostgreSQL database', () => {
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

  it('ends the other sessions a second process has cached when I change my password, and keeps mine', async () => {
    const { user, password, cookie } = await first.staff('engineer');
    const elsewhere = sessionCookieOf(await second.login(user.email, password));
    expect((await me(second, elsewhere)).statusCode).toBe(200);
    expect(second.context.sessionCache.size).toBeGreaterThan(0);
    const changed = await first.request({
      method: 'POST',
      url: '/api/auth/password',
      headers: { cookie },
      payload: { currentPassword: password, newPassword: 'a brand new passphrase for me' },
    });
    expect(changed.statusCode).toBe(200);
    expect(await eventually(async () => (await me(second, elsewhere)).statusCode === 401)).toBe(true);
    expect((await me(second, cookie)).statusCode).toBe(200);
    expect((await me(first, cookie)).statusCode).toBe(200);
  });

  it('ends every session a second process has cached when an admin forces a reset', async () => {
    const admin = await first.staff('admin');
    const { user, password } = await first.staff('manager');
    const elsewhere = sessionCookieOf(await second.login(user.email, password));
    expect((await me(second, elsewhere)).statusCode).toBe(200);
    expect(
      (
        await first.request({
          method: 'POST',
          url: `/api/users/${user.id}/password-reset`,
          headers: { cookie: admin.cookie },
        })
      ).statusCode,
    ).toBe(200);
    expect(await eventually(async () => (await me(second, elsewhere)).statusCode === 401)).toBe(true);
    expect((await second.login(user.email, password)).statusCode).toBe(401);
  });
});
