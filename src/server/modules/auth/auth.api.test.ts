import { sql } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createTestEngage, isTestDatabaseAvailable, sessionCookieOf, type TestEngage } from '../../test/harness';
import { refusalWindowMs } from '../audit/refusals.service';
import { loginLimits } from './auth.service';

describe.skipIf(!isTestDatabaseAvailable)('staff log-in and sessions', () => {
  let engage: TestEngage;
  beforeAll(async () => {
    engage = await createTestEngage();
  });
  afterAll(async () => {
    await engage?.close();
  });
  afterEach(() => {
    engage.setNow(null);
  });

  async function auditActions(email: string): Promise<string[]> {
    const result = await engage.context.db.execute<{ action: string }>(
      sql`select a.action from audit_events a left join users u on u.id = a.actor_user_id
          where u.email = ${email} or a.after->>'email' = ${email} order by a.id`,
    );
    return (result as { rows: { action: string }[] }).rows.map((row) => row.action);
  }

  it('logs in with the right password, sets an HttpOnly SameSite=Lax cookie and answers /me', async () => {
    const { user, password } = await engage.staff('manager');
    const response = await engage.login(user.email.toUpperCase(), password);
    expect(response.statusCode).toBe(200);
    const cookie = response.cookies.find((candidate) => candidate.name === 'engage_session');
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/' });
    expect(cookie?.secure).toBeFalsy();
    const me = await engage.request({ method: 'GET', url: '/api/auth/me', headers: { cookie: sessionCookieOf(response) } });
    expect(me.json()).toMatchObject({ user: { email: user.email, role: 'manager' } });
    expect(me.json().user).not.toHaveProperty('passwordHash');
  });

  it('answers an unknown email exactly like a wrong password, and audits both failures', async () => {
    const { user } = await engage.staff('engineer');
    const wrongPassword = await engage.login(user.email, 'not the password at all');
    const unknownEmail = await engage.login('nobody@example.com', 'not the password at all');
    expect(wrongPassword.statusCode).toBe(401);
    expect(unknownEmail.statusCode).toBe(401);
    const { requestId: _first, ...wrongBody } = wrongPassword.json();
    const { requestId: _second, ...unknownBody } = unknownEmail.json();
    expect(wrongBody).toEqual(unknownBody);
    expect(wrongBody.code).toBe('invalid_credentials');
    expect((await auditActions(user.email)).filter((action) => action === 'auth.login.failed')).toHaveLength(1);
    expect(await auditActions('nobody@example.com')).toEqual(['auth.login.failed']);
  });

  it('uses a Secure __Host- cookie when PUBLIC_URL is https, and sends HSTS', async () => {
    const secure = await createTestEngage({ publicUrl: 'https://engage.example.com' });
    try {
      const { user, password } = await secure.staff('admin');
      const response = await secure.login(user.email, password);
      const cookie = response.cookies.find((candidate) => candidate.name === '__Host-engage_session');
      expect(cookie).toMatchObject({ httpOnly: true, secure: true, sameSite: 'Lax', path: '/' });
      expect(cookie).not.toHaveProperty('domain');
      expect(response.headers['strict-transport-security']).toContain('max-age=');
    } finally {
      await secure.close();
    }
  });

  it('rotates the session at log-in: the cookie held before no longer works', async () => {
    const { user, password, cookie: before } = await engage.staff('manager');
    const response = await engage.login(user.email, password, { headers: { cookie: before } });
    const after = sessionCookieOf(response);
    expect(after).not.toBe(before);
    expect((await engage.request({ method: 'GET', url: '/api/auth/me', headers: { cookie: before } })).statusCode).toBe(401);
    expect((await engage.request({ method: 'GET', url: '/api/auth/me', headers: { cookie: after } })).statusCode).toBe(200);
  });

  it('destroys the session at log-out', async () => {
    const { cookie, user } = await engage.staff('support');
    const logout = await engage.request({ method: 'POST', url: '/api/auth/logout', headers: { cookie } });
    expect(logout.statusCode).toBe(204);
    expect((await engage.request({ method: 'GET', url: '/api/auth/me', headers: { cookie } })).statusCode).toBe(401);
    expect(await auditActions(user.email)).toEqual(['user.created', 'auth.login.succeeded', 'auth.logout']);
  });

  it('ends a disabled user’s sessions at once and refuses their log-in', async () => {
    const admin = await engage.staff('admin');
    const engineer = await engage.staff('engineer');
    // The session is used first, so this process has it cached.
    expect((await engage.request({ method: 'GET', url: '/api/projects', headers: { cookie: engineer.cookie } })).statusCode).toBe(200);
    expect(engage.context.sessionCache.size).toBeGreaterThan(0);
    const disable = await engage.request({
      method: 'PATCH',
      url: `/api/users/${engineer.user.id}`,
      headers: { cookie: admin.cookie },
      payload: { isDisabled: true },
    });
    expect(disable.statusCode).toBe(200);
    expect((await engage.request({ method: 'GET', url: '/api/projects', headers: { cookie: engineer.cookie } })).statusCode).toBe(401);
    expect((await engage.login(engineer.user.email, engineer.password)).statusCode).toBe(401);
  });

  it('expires a session after its lifetime without activity', async () => {
    const { cookie } = await engage.staff('manager');
    engage.setNow(new Date(Date.now() + engage.context.sessionTtlMs + 1000));
    expect((await engage.request({ method: 'GET', url: '/api/auth/me', headers: { cookie } })).statusCode).toBe(401);
  });

  it('limits failed attempts per account, even when the right password follows, until the window passes', async () => {
    const { user, password } = await engage.staff('manager');
    for (let attempt = 0; attempt < loginLimits.perAccount; attempt += 1) {
      expect((await engage.login(user.email, 'wrong password!')).statusCode).toBe(401);
    }
    const limited = await engage.login(user.email, password);
    expect(limited.statusCode).toBe(429);
    expect(limited.json().code).toBe('rate_limited');
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    engage.setNow(new Date(Date.now() + loginLimits.windowMs + 1000));
    expect((await engage.login(user.email, password)).statusCode).toBe(200);
  });

  it('holds the limit against parallel guesses, and audits the refused attempts', async () => {
    const { user } = await engage.staff('engineer');
    const answers = await Promise.all(Array.from({ length: 12 }, () => engage.login(user.email, 'a parallel guess', { remoteAddress: '192.0.2.90' })));
    const statuses = answers.map((answer) => answer.statusCode);
    expect(statuses.filter((status) => status === 401).length).toBeLessThanOrEqual(loginLimits.perAccount);
    expect(statuses.filter((status) => status === 429).length).toBeGreaterThanOrEqual(12 - loginLimits.perAccount);
    // The first refusal of the client's window is audited by itself, the others as one count once the window ended.
    expect((await auditActions(user.email)).filter((action) => action === 'auth.login.rate_limited')).toHaveLength(1);
    engage.setNow(new Date(Date.now() + refusalWindowMs + 1000));
    await engage.pruneRateLimits();
    const counted = await engage.context.db.execute<{ count: string }>(
      sql`select after->>'count' as count from audit_events where action = 'auth.login.rate_limited.repeated' and ip = '192.0.2.90'`,
    );
    expect((counted as { rows: { count: string }[] }).rows.map((row) => Number(row.count))).toEqual([statuses.filter((status) => status === 429).length - 1]);
  });

  it('limits failed attempts per address across accounts', async () => {
    const { user, password } = await engage.staff('engineer');
    const remoteAddress = '192.0.2.77';
    const start = Date.now();
    for (let attempt = 0; attempt < loginLimits.perAddress; attempt += 1) {
      // Three seconds apart: under the route's own limit per minute, which is not what this test is about.
      engage.setNow(new Date(start + attempt * 3000));
      expect((await engage.login(`someone${attempt}@example.com`, 'wrong password!', { remoteAddress })).statusCode).toBe(401);
    }
    expect((await engage.login(user.email, password, { remoteAddress })).statusCode).toBe(429);
    expect((await engage.login(user.email, password, { remoteAddress: '192.0.2.78' })).statusCode).toBe(200);
  });

  it('records successful and failed log-ins in the audit trail', async () => {
    const { user } = await engage.staff('manager');
    await engage.login(user.email, 'wrong password!');
    const actions = await auditActions(user.email);
    expect(actions).toContain('auth.login.succeeded');
    expect(actions).toContain('auth.login.failed');
  });
});
