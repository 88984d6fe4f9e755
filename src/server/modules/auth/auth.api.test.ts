import { sql } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createTestEngage, isTestDatabaseAvailable, sessionCookieOf, type TestEngage } from '../../test/harness';
import { refusalWindowMs } from '../audit/refusals.service';
import { loginLimits } from './login-throttle';

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
    const me = await engage.request({
      method: 'GET',
      url: '/api/auth/me',
      headers: { cookie: sessionCookieOf(response) },
    });
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
    expect((await engage.request({ method: 'GET', url: '/api/auth/me', headers: { cookie: before } })).statusCode).toBe(
      401,
    );
    expect((await engage.request({ method: 'GET', url: '/api/auth/me', headers: { cookie: after } })).statusCode).toBe(
      200,
    );
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
    expect(
      (await engage.request({ method: 'GET', url: '/api/projects', headers: { cookie: engineer.cookie } })).statusCode,
    ).toBe(200);
    expect(engage.context.sessionCache.size).toBeGreaterThan(0);
    const disable = await engage.request({
      method: 'PATCH',
      url: `/api/users/${engineer.user.id}`,
      headers: { cookie: admin.cookie },
      payload: { isDisabled: true },
    });
    expect(disable.statusCode).toBe(200);
    expect(
      (await engage.request({ method: 'GET', url: '/api/projects', headers: { cookie: engineer.cookie } })).statusCode,
    ).toBe(401);
    expect((await engage.login(engineer.user.email, engineer.password)).statusCode).toBe(401);
  });

  it('expires a session after its lifetime without activity', async () => {
    const { cookie } = await engage.staff('manager');
    engage.setNow(new Date(Date.now() + engage.context.sessionTtlMs + 1000));
    expect((await engage.request({ method: 'GET', url: '/api/auth/me', headers: { cookie } })).statusCode).toBe(401);
  });

  /** Wrong passwords from one address until `failures` of them were checked, waiting out each delay as a script would. */
  async function guessUntil(email: string, failures: number, remoteAddress: string): Promise<void> {
    let checked = 0;
    while (checked < failures) {
      const answer = await engage.login(email, 'a guessed password', { remoteAddress });
      if (answer.statusCode === 429) {
        const wait = Number(answer.headers['retry-after']);
        expect(wait).toBeGreaterThan(0);
        expect(wait * 1000).toBeLessThanOrEqual(loginLimits.maxDelayMs);
        engage.setNow(new Date(engage.context.now().getTime() + wait * 1000));
      } else {
        expect(answer.statusCode).toBe(401);
        checked += 1;
      }
    }
  }

  it('lets nobody keep a user out: 50 wrong passwords from one address, the right one from another gets in at once', async () => {
    const { user, password } = await engage.staff('manager');
    engage.setNow(new Date('2026-12-01T08:00:00Z'));
    await guessUntil(user.email, 50, '192.0.2.10');
    expect((await auditActions(user.email)).filter((action) => action === 'auth.login.failed')).toHaveLength(50);
    expect((await engage.login(user.email, password, { remoteAddress: '192.0.2.11' })).statusCode).toBe(200);
  });

  it('delays the owner at the guessing address, never longer than the cap, and then lets the right password in', async () => {
    const { user, password } = await engage.staff('engineer');
    engage.setNow(new Date('2026-12-02T08:00:00Z'));
    await guessUntil(user.email, 50, '192.0.2.20');
    const delayed = await engage.login(user.email, password, { remoteAddress: '192.0.2.20' });
    expect(delayed.statusCode).toBe(429);
    expect(delayed.json().message).toMatch(
      /^Too many wrong passwords for this account from your address\. Wait \d+ (seconds|minutes), then try again/,
    );
    const wait = Number(delayed.headers['retry-after']);
    expect(wait).toBeGreaterThan(0);
    expect(wait * 1000).toBeLessThanOrEqual(loginLimits.maxDelayMs);
    engage.setNow(new Date(engage.context.now().getTime() + wait * 1000));
    expect((await engage.login(user.email, password, { remoteAddress: '192.0.2.20' })).statusCode).toBe(200);
    // Her success forgave that address's failures for her account: a later typo is answered at once again.
    expect((await engage.login(user.email, 'a typo', { remoteAddress: '192.0.2.20' })).statusCode).toBe(401);
  });

  it('doubles the wait after the free failures, and refused attempts do not lengthen it', async () => {
    const { user, password } = await engage.staff('support');
    const start = new Date('2026-12-03T08:00:00Z');
    engage.setNow(start);
    const remoteAddress = '192.0.2.30';
    for (let attempt = 0; attempt < loginLimits.freeFailuresPerPair; attempt += 1) {
      expect((await engage.login(user.email, 'wrong password!', { remoteAddress })).statusCode).toBe(401);
    }
    // Hammering while refused: each answer names the same end of the wait.
    for (let attempt = 0; attempt < 10; attempt += 1) {
      const refused = await engage.login(user.email, password, { remoteAddress });
      expect(refused.statusCode).toBe(429);
      expect(refused.headers['retry-after']).toBe('2');
    }
    engage.setNow(new Date(start.getTime() + 2000));
    expect((await engage.login(user.email, 'wrong password!', { remoteAddress })).statusCode).toBe(401);
    expect((await engage.login(user.email, password, { remoteAddress })).headers['retry-after']).toBe('4');
    engage.setNow(new Date(start.getTime() + 6000));
    expect((await engage.login(user.email, password, { remoteAddress })).statusCode).toBe(200);
  });

  it('answers an unknown email with the same delays as a known account', async () => {
    const { user } = await engage.staff('engineer');
    engage.setNow(new Date('2026-12-04T08:00:00Z'));
    const answers = async (email: string, remoteAddress: string) => {
      const statuses = [];
      for (let attempt = 0; attempt < 5; attempt += 1) {
        const answer = await engage.login(email, 'wrong password!', { remoteAddress });
        statuses.push(`${answer.statusCode} ${answer.headers['retry-after'] ?? '-'}`);
      }
      return statuses;
    };
    const known = await answers(user.email, '192.0.2.40');
    expect(known).toEqual(['401 -', '401 -', '401 -', '429 2', '429 2']);
    expect(await answers('nobody-here@example.com', '192.0.2.41')).toEqual(known);
  });

  it('holds the delay against parallel guesses, and audits the refused attempts', async () => {
    const { user } = await engage.staff('engineer');
    const answers = await Promise.all(
      Array.from({ length: 12 }, () => engage.login(user.email, 'a parallel guess', { remoteAddress: '192.0.2.90' })),
    );
    const statuses = answers.map((answer) => answer.statusCode);
    expect(statuses.filter((status) => status === 401).length).toBeLessThanOrEqual(loginLimits.freeFailuresPerPair);
    expect(statuses.filter((status) => status === 429).length).toBeGreaterThanOrEqual(
      12 - loginLimits.freeFailuresPerPair,
    );
    // The first refusal of the client's window is audited by itself, the others as one count once the window ended.
    expect((await auditActions(user.email)).filter((action) => action === 'auth.login.rate_limited')).toHaveLength(1);
    engage.setNow(new Date(Date.now() + refusalWindowMs + 1000));
    await engage.pruneRateLimits();
    const counted = await engage.context.db.execute<{ count: string }>(
      sql`select after->>'count' as count from audit_events where action = 'auth.login.rate_limited.repeated' and ip = '192.0.2.90'`,
    );
    expect((counted as { rows: { count: string }[] }).rows.map((row) => Number(row.count))).toEqual([
      statuses.filter((status) => status === 429).length - 1,
    ]);
  });

  it('limits an address by its failures only: an office of successful log-ins behind one address is never limited', async () => {
    const colleagues = [await engage.staff('engineer'), await engage.staff('manager'), await engage.staff('support')];
    const remoteAddress = '192.0.2.77';
    const start = new Date('2026-12-05T08:00:00Z').getTime();
    let step = 0;
    // Four seconds apart: under the route's own limit per minute, which is not what this test is about, and all within
    // one window of the address's failures.
    const next = () => engage.setNow(new Date(start + (step += 1) * 4000));
    for (let round = 0; round < 20; round += 1) {
      for (const colleague of colleagues) {
        next();
        expect((await engage.login(colleague.user.email, colleague.password, { remoteAddress })).statusCode).toBe(200);
      }
    }
    for (let failure = 0; failure < loginLimits.perAddress; failure += 1) {
      next();
      expect(
        (await engage.login(`someone${failure}@example.com`, 'wrong password!', { remoteAddress })).statusCode,
      ).toBe(401);
    }
    const [colleague] = colleagues;
    if (colleague === undefined) throw new Error('no colleague');
    next();
    const limited = await engage.login(colleague.user.email, colleague.password, { remoteAddress });
    expect(limited.statusCode).toBe(429);
    expect(limited.json().message).toMatch(/^Too many failed log-ins from your address\./);
    expect(
      (await engage.login(colleague.user.email, colleague.password, { remoteAddress: '192.0.2.78' })).statusCode,
    ).toBe(200);
    engage.setNow(new Date(start + step * 4000 + Number(limited.headers['retry-after']) * 1000));
    expect((await engage.login(colleague.user.email, colleague.password, { remoteAddress })).statusCode).toBe(200);
  });

  it('records successful and failed log-ins in the audit trail', async () => {
    const { user } = await engage.staff('manager');
    await engage.login(user.email, 'wrong password!');
    const actions = await auditActions(user.email);
    expect(actions).toContain('auth.login.succeeded');
    expect(actions).toContain('auth.login.failed');
  });
});
