import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestEngage, isTestDatabaseAvailable, type TestEngage } from '../../test/harness';
import { login, pruneAuthData, resolveSession } from './auth.service';

// The service on its own, against the real database, with the clock in the test's hands.
describe.skipIf(!isTestDatabaseAvailable)('auth service with a fixed clock', () => {
  let engage: TestEngage;
  let email: string;
  let password: string;
  const start = new Date('2026-11-28T09:00:00Z');
  const hours = (count: number) => new Date(start.getTime() + count * 3600 * 1000);

  beforeAll(async () => {
    engage = await createTestEngage();
    ({ password } = await engage.staff('engineer', { email: 'clock@example.com' }));
    email = 'clock@example.com';
  });
  afterAll(async () => {
    engage.setNow(null);
    await engage?.close();
  });

  const signIn = () =>
    login(engage.context, { email, password, previousToken: null, ip: '192.0.2.10', userAgent: 'test' });

  it('slides the session forward once half of its lifetime has passed, and not before', async () => {
    engage.setNow(start);
    const { token, expiresAt } = await signIn();
    expect(expiresAt).toEqual(hours(12));
    engage.setNow(hours(5));
    expect(await resolveSession(engage.context, token)).toMatchObject({ email });
    engage.setNow(hours(11.5));
    // At 11.5 h the session (valid until 12 h) is extended to 23.5 h, so it still works at 20 h.
    expect(await resolveSession(engage.context, token)).toMatchObject({ email });
    engage.setNow(hours(20));
    expect(await resolveSession(engage.context, token)).toMatchObject({ email });
    engage.setNow(hours(36));
    expect(await resolveSession(engage.context, token)).toBeNull();
  });

  it('never lets a session outlive its expiry without activity, and prunes it', async () => {
    engage.setNow(start);
    const { token } = await signIn();
    engage.setNow(hours(12.01));
    expect(await resolveSession(engage.context, token)).toBeNull();
    await pruneAuthData(engage.context);
    engage.setNow(start);
    expect(await resolveSession(engage.context, token)).toBeNull();
  });
});
