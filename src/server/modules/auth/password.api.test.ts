import { sql } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { latestPasswordLinkTo, countMailTo } from '../../test/accounts';
import { createTestEngage, isTestDatabaseAvailable, sessionCookieOf, type TestEngage } from '../../test/harness';
import { startTestSmtpServer, type TestSmtpServer } from '../../test/smtp';
import { passwordTokenTtlMs } from './password-tokens';

function rowsOf<T>(result: unknown): T[] {
  return (result as { rows: T[] }).rows;
}

describe.skipIf(!isTestDatabaseAvailable)('changing, forgetting and resetting a password', () => {
  let smtp: TestSmtpServer;
  let engage: TestEngage;
  let admin: { cookie: string; user: { id: string } };

  beforeAll(async () => {
    smtp = await startTestSmtpServer();
    engage = await createTestEngage({ mail: { smtpUrl: smtp.url } });
    admin = await engage.staff('admin');
  });
  afterAll(async () => {
    await engage?.close();
    await smtp?.close();
  });
  afterEach(() => {
    engage.setNow(null);
  });

  const me = (cookie: string) => engage.request({ method: 'GET', url: '/api/auth/me', headers: { cookie } });
  const changePassword = (cookie: string, payload: Record<string, unknown>, remoteAddress?: string) =>
    engage.request({
      method: 'POST',
      url: '/api/auth/password',
      headers: cookie === '' ? {} : { cookie },
      payload,
      remoteAddress,
    });
  const forgot = (email: string, remoteAddress?: string) =>
    engage.request({ method: 'POST', url: '/api/auth/forgot-password', payload: { email }, remoteAddress });
  const inspect = (token: string) =>
    engage.request({ method: 'POST', url: '/api/auth/password-link', payload: { token } });
  const setPassword = (token: string, password: string) =>
    engage.request({ method: 'POST', url: '/api/auth/set-password', payload: { token, password } });

  /** What a link's GET or a refused request must leave as it was: the user's password, sessions and tokens. */
  async function accountState(userId: string) {
    return rowsOf<Record<string, unknown>>(
      await engage.context.db.execute(
        sql`select u.password_hash, u.password_changed_at,
                   (select count(*)::int from sessions s where s.user_id = u.id) as sessions,
                   (select json_agg(t.used_at order by t.created_at) from password_tokens t where t.user_id = u.id) as tokens_used
              from users u where u.id = ${userId}`,
      ),
    )[0];
  }

  it('changes my password only with the current one, ends my other sessions at once and keeps this one', async () => {
    const { user, password, cookie } = await engage.staff('engineer');
    const otherBrowser = sessionCookieOf(await engage.login(user.email, password));
    // Used first, so this process has the other session cached.
    expect((await me(otherBrowser)).statusCode).toBe(200);
    expect(engage.context.sessionCache.size).toBeGreaterThan(0);
    const before = await accountState(user.id);

    const wrong = await changePassword(cookie, {
      currentPassword: 'not my password at all',
      newPassword: 'a brand new passphrase for me',
    });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().details).toEqual([
      { path: 'body.currentPassword', message: 'The current password is not correct.' },
    ]);
    const weak = await changePassword(cookie, { currentPassword: password, newPassword: 'Password1234!' });
    expect(weak.statusCode).toBe(400);
    expect(weak.json().code).toBe('weak_password');
    expect(weak.json().details[0].path).toBe('body.newPassword');
    expect(weak.json().message).toMatch(
      /^This password is too easy to guess: it is one of the most common passwords, or a small change of one\./,
    );
    expect(await accountState(user.id)).toEqual(before);
    expect((await me(otherBrowser)).statusCode).toBe(200);

    const changed = await changePassword(cookie, {
      currentPassword: password,
      newPassword: 'a brand new passphrase for me',
    });
    expect(changed.statusCode).toBe(200);
    expect(changed.json()).toEqual({ otherSessionsEnded: 1 });
    expect((await me(otherBrowser)).statusCode).toBe(401);
    expect((await me(cookie)).statusCode).toBe(200);
    expect((await engage.login(user.email, password)).statusCode).toBe(401);
    expect((await engage.login(user.email, 'a brand new passphrase for me')).statusCode).toBe(200);
    const audited = await engage.context.db.query.auditEvents.findFirst({
      where: (events, { and, eq }) => and(eq(events.action, 'auth.password.changed'), eq(events.subjectId, user.id)),
    });
    expect(audited).toMatchObject({ actorUserId: user.id, after: { otherSessionsEnded: 1 } });
  });

  it('refuses anonymous callers, and slows guesses of the current password from a stolen session', async () => {
    expect(
      (await changePassword('', { currentPassword: 'whatever it is', newPassword: 'a brand new passphrase' }))
        .statusCode,
    ).toBe(401);
    const { user, password, cookie } = await engage.staff('support');
    engage.setNow(new Date('2026-12-01T08:00:00Z'));
    for (let guess = 0; guess < 3; guess += 1) {
      expect(
        (
          await changePassword(
            cookie,
            { currentPassword: `guess number ${guess}`, newPassword: 'a brand new passphrase' },
            '192.0.2.60',
          )
        ).statusCode,
      ).toBe(400);
    }
    const slowed = await changePassword(
      cookie,
      { currentPassword: password, newPassword: 'a brand new passphrase' },
      '192.0.2.60',
    );
    expect(slowed.statusCode).toBe(429);
    expect(Number(slowed.headers['retry-after'])).toBeGreaterThan(0);
    expect((await engage.login(user.email, password)).statusCode).toBe(200);
  });

  it('answers "forgot your password" the same for a known, an unknown and a disabled address, and emails only the active account', async () => {
    const known = await engage.staff('manager', { email: 'known.person@example.com' });
    const disabled = await engage.staff('engineer', { email: 'disabled.person@example.com' });
    await engage.request({
      method: 'PATCH',
      url: `/api/users/${disabled.user.id}`,
      headers: { cookie: admin.cookie },
      payload: { isDisabled: true },
    });
    const answers = [];
    for (const email of ['Known.Person@example.com', 'nobody.here@example.com', 'disabled.person@example.com']) {
      const answer = await forgot(email);
      answers.push({ status: answer.statusCode, body: answer.body });
    }
    expect(answers[0]).toEqual({
      status: 202,
      body: JSON.stringify({
        message:
          'If an account exists for this address, we sent it an email with a link to choose a new password. The link works for 30 minutes.',
      }),
    });
    expect(answers[1]).toEqual(answers[0]);
    expect(answers[2]).toEqual(answers[0]);
    const { mail, token } = await latestPasswordLinkTo(engage, known.user.email);
    expect(mail.subject).toBe('Choose a new password for Acme Unified Communications Engage');
    expect(
      smtp.received.filter((received) =>
        received.envelopeTo.some((to) => to === 'nobody.here@example.com' || to === 'disabled.person@example.com'),
      ),
    ).toEqual([]);
    expect(await countMailTo(engage, 'disabled.person@example.com', 'password-reset')).toBe(0);
    // The outbox keeps the link redacted: the token reached the SMTP server only.
    const stored = rowsOf<{ text: string; html: string }>(
      await engage.context.db.execute(
        sql`select text_body as text, html_body as html from mail_messages where kind = 'password-reset'`,
      ),
    );
    expect(stored.map((row) => `${row.text}${row.html}`).join('')).not.toContain(token);
  });

  it('opens a reset link without spending it, spends it once with the new password, ends every session and signs this browser in', async () => {
    const { user, password, cookie } = await engage.staff('engineer');
    expect((await me(cookie)).statusCode).toBe(200);
    expect((await forgot(user.email)).statusCode).toBe(202);
    const { token } = await latestPasswordLinkTo(engage, user.email);
    const before = await accountState(user.id);

    // What a mail scanner or the page does before the person acts: the page, and whose link it is.
    expect((await engage.request({ method: 'GET', url: '/set-password' })).statusCode).toBeLessThan(500);
    const info = await inspect(token);
    expect(info.statusCode).toBe(200);
    expect(info.json()).toMatchObject({ purpose: 'reset', email: user.email, name: user.name });
    expect((await inspect(token)).statusCode).toBe(200);
    const weak = await setPassword(token, 'qwertyuiop123');
    expect(weak.statusCode).toBe(400);
    expect(weak.json().details[0].path).toBe('body.password');
    expect(await accountState(user.id)).toEqual(before);
    expect((await me(cookie)).statusCode).toBe(200);

    const set = await setPassword(token, 'my fresh and long passphrase');
    expect(set.statusCode).toBe(200);
    expect(set.json().user).toMatchObject({ id: user.id, email: user.email });
    const signedIn = sessionCookieOf(set);
    expect((await me(signedIn)).statusCode).toBe(200);
    expect((await me(cookie)).statusCode).toBe(401);
    expect((await engage.login(user.email, password)).statusCode).toBe(401);
    expect((await engage.login(user.email, 'my fresh and long passphrase')).statusCode).toBe(200);

    const again = await setPassword(token, 'yet another long passphrase');
    expect(again.statusCode).toBe(410);
    expect(again.json()).toMatchObject({
      code: 'link_unusable',
      message: expect.stringMatching(/^This link was already used/),
    });
    expect((await inspect(token)).statusCode).toBe(410);
    expect((await engage.login(user.email, 'yet another long passphrase')).statusCode).toBe(401);
  });

  it('refuses an expired link and one that is not a link Engage sent, in words', async () => {
    const { user } = await engage.staff('support');
    expect((await forgot(user.email)).statusCode).toBe(202);
    const { token } = await latestPasswordLinkTo(engage, user.email);
    engage.setNow(new Date(Date.now() + passwordTokenTtlMs.reset + 60_000));
    const expired = await setPassword(token, 'my fresh and long passphrase');
    expect(expired.statusCode).toBe(410);
    expect(expired.json().message).toBe(
      'This link has expired. Ask for a new one with "Forgot your password?" on the sign-in page.',
    );
    engage.setNow(null);
    const cut = await setPassword(token.slice(0, 20), 'my fresh and long passphrase');
    expect(cut.statusCode).toBe(400);
    expect(cut.json().details[0]).toMatchObject({
      path: 'body.token',
      message: 'This is not a link Engage sent: copy the whole address from the email.',
    });
    const unknown = await inspect('A'.repeat(43));
    expect(unknown.statusCode).toBe(410);
    expect(unknown.json().message).toMatch(/^This link is not valid/);
  });

  it('lets exactly one of two simultaneous requests spend a link', async () => {
    const { user } = await engage.staff('engineer');
    expect((await forgot(user.email)).statusCode).toBe(202);
    const { token } = await latestPasswordLinkTo(engage, user.email);
    const answers = await Promise.all([
      setPassword(token, 'first long passphrase here'),
      setPassword(token, 'second long passphrase here'),
    ]);
    expect(answers.map((answer) => answer.statusCode).sort()).toEqual([200, 410]);
    const winner = answers[0]?.statusCode === 200 ? 'first long passphrase here' : 'second long passphrase here';
    expect((await engage.login(user.email, winner)).statusCode).toBe(200);
  });

  it('sends an address at most three reset emails an hour, still answering the same', async () => {
    const { user } = await engage.staff('manager');
    const answers = new Set<string>();
    // From an address of its own: the route's own limit per minute is not what this test is about.
    for (let request = 0; request < 5; request += 1) answers.add((await forgot(user.email, '192.0.2.80')).body);
    expect(answers.size).toBe(1);
    expect(await countMailTo(engage, user.email, 'password-reset')).toBe(3);
  });
});
