import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { latestPasswordLinkTo } from '../../test/accounts';
import { createTestEngage, isTestDatabaseAvailable, sessionCookieOf, type TestEngage } from '../../test/harness';
import { startTestSmtpServer, type TestSmtpServer } from '../../test/smtp';

describe.skipIf(!isTestDatabaseAvailable)(
  'invitations, forced resets and the password rules on every route that sets one',
  () => {
    let smtp: TestSmtpServer;
    let engage: TestEngage;
    let admin: { cookie: string; user: { id: string; name: string } };

    beforeAll(async () => {
      smtp = await startTestSmtpServer();
      engage = await createTestEngage({ mail: { smtpUrl: smtp.url } });
      admin = await engage.staff('admin', { name: 'Ada Admin' });
    });
    afterAll(async () => {
      await engage?.close();
      await smtp?.close();
    });

    const asAdmin = (url: string, payload?: Record<string, unknown>) =>
      engage.request({
        method: 'POST',
        url,
        headers: { cookie: admin.cookie },
        ...(payload === undefined ? {} : { payload }),
      });
    const me = (cookie: string) => engage.request({ method: 'GET', url: '/api/auth/me', headers: { cookie } });
    const listed = async (id: string) =>
      (
        (await engage.request({ method: 'GET', url: '/api/users', headers: { cookie: admin.cookie } })).json()
          .items as { id: string; passwordState: string }[]
      ).find((user) => user.id === id);

    it('invites a member of staff who can log in only after choosing a password through the emailed link', async () => {
      const invited = await asAdmin('/api/users/invitations', {
        email: 'Nina.New@Example.com',
        name: 'Nina New',
        role: 'engineer',
        language: 'it',
      });
      expect(invited.statusCode).toBe(201);
      expect(invited.json()).toMatchObject({
        email: 'nina.new@example.com',
        role: 'engineer',
        passwordState: 'invited',
      });
      const id = invited.json().id as string;
      expect(await listed(id)).toMatchObject({ passwordState: 'invited' });
      // Nothing is a password yet: not the empty string, not a guess.
      expect((await engage.login('nina.new@example.com', '')).statusCode).toBe(400);
      expect((await engage.login('nina.new@example.com', 'nina new password')).statusCode).toBe(401);

      const { mail, token } = await latestPasswordLinkTo(engage, 'nina.new@example.com');
      expect(mail.subject).toBe('Ada Admin ti invita su Engage di Acme Unified Communications');
      expect(mail.text).toContain('con il ruolo Tecnico');
      expect(mail.replyTo?.text).toContain(admin.user.name);
      const info = await engage.request({ method: 'POST', url: '/api/auth/password-link', payload: { token } });
      expect(info.json()).toMatchObject({ purpose: 'invitation', email: 'nina.new@example.com', name: 'Nina New' });
      const weak = await engage.request({
        method: 'POST',
        url: '/api/auth/set-password',
        payload: { token, password: 'nina.new2024' },
      });
      expect(weak.statusCode).toBe(400);
      expect(weak.json()).toMatchObject({ code: 'weak_password', details: [{ path: 'body.password' }] });
      const chosen = await engage.request({
        method: 'POST',
        url: '/api/auth/set-password',
        payload: { token, password: 'blue kettle under the stairs' },
      });
      expect(chosen.statusCode).toBe(200);
      expect((await me(sessionCookieOf(chosen))).statusCode).toBe(200);
      expect((await engage.login('nina.new@example.com', 'blue kettle under the stairs')).statusCode).toBe(200);
      expect(await listed(id)).toMatchObject({ passwordState: 'set' });
      // Once she has a password, there is no invitation to send again.
      expect((await asAdmin(`/api/users/${id}/invitation`)).statusCode).toBe(409);
    });

    it('sends an invitation again with a fresh link, and the link sent before stops working', async () => {
      const invited = await asAdmin('/api/users/invitations', {
        email: 'omar.later@example.com',
        name: 'Omar Later',
        role: 'support',
        language: 'en',
      });
      const id = invited.json().id as string;
      const first = await latestPasswordLinkTo(engage, 'omar.later@example.com');
      const again = await asAdmin(`/api/users/${id}/invitation`);
      expect(again.statusCode).toBe(200);
      const second = await latestPasswordLinkTo(engage, 'omar.later@example.com');
      expect(second.token).not.toBe(first.token);
      expect(second.mail.subject).toBe('Ada Admin invites you to Acme Unified Communications Engage');
      const old = await engage.request({
        method: 'POST',
        url: '/api/auth/set-password',
        payload: { token: first.token, password: 'blue kettle under the stairs' },
      });
      expect(old.statusCode).toBe(410);
      expect(
        (
          await engage.request({
            method: 'POST',
            url: '/api/auth/set-password',
            payload: { token: second.token, password: 'blue kettle under the stairs' },
          })
        ).statusCode,
      ).toBe(200);
    });

    it('forces a reset: the password stops working, every session ends at once, and a link to choose a new one is emailed', async () => {
      const { user, password, cookie } = await engage.staff('manager');
      expect((await me(cookie)).statusCode).toBe(200);
      const reset = await asAdmin(`/api/users/${user.id}/password-reset`);
      expect(reset.statusCode).toBe(200);
      expect(reset.json()).toMatchObject({ id: user.id, passwordState: 'reset' });
      expect((await me(cookie)).statusCode).toBe(401);
      expect((await engage.login(user.email, password)).statusCode).toBe(401);
      const { mail, token } = await latestPasswordLinkTo(engage, user.email);
      expect(mail.text).toContain('Ada Admin, an administrator, has reset the password of your Engage account');
      expect(
        (
          await engage.request({
            method: 'POST',
            url: '/api/auth/set-password',
            payload: { token, password: 'a completely new passphrase' },
          })
        ).statusCode,
      ).toBe(200);
      expect((await engage.login(user.email, 'a completely new passphrase')).statusCode).toBe(200);
      const audited = await engage.context.db.query.auditEvents.findFirst({
        where: (events, { and, eq }) =>
          and(eq(events.action, 'user.password-reset-forced'), eq(events.subjectId, user.id)),
      });
      expect(audited).toMatchObject({ actorUserId: admin.user.id, after: { sessionsEnded: 1 } });
    });

    it('refuses a forced reset of one’s own account and of a disabled user, in words', async () => {
      const own = await asAdmin(`/api/users/${admin.user.id}/password-reset`);
      expect(own.statusCode).toBe(409);
      expect(own.json().message).toBe('You cannot reset your own password here: change it from your account menu.');
      const { user } = await engage.staff('support');
      await engage.request({
        method: 'PATCH',
        url: `/api/users/${user.id}`,
        headers: { cookie: admin.cookie },
        payload: { isDisabled: true },
      });
      expect((await asAdmin(`/api/users/${user.id}/password-reset`)).json().message).toBe(
        `${user.name} is disabled: enable them first.`,
      );
    });

    it('lets only admins invite, send invitations again and force resets', async () => {
      const target = await engage.staff('support');
      for (const role of ['manager', 'engineer', 'support'] as const) {
        const { cookie } = await engage.staff(role);
        const attempts = [
          {
            url: '/api/users/invitations',
            payload: { email: `by-${role}@example.com`, name: 'Someone', role: 'admin' },
          },
          { url: `/api/users/${target.user.id}/invitation` },
          { url: `/api/users/${target.user.id}/password-reset` },
        ];
        for (const attempt of attempts) {
          const answer = await engage.request({
            method: 'POST',
            url: attempt.url,
            headers: { cookie },
            ...(attempt.payload ? { payload: attempt.payload } : {}),
          });
          expect([role, attempt.url, answer.statusCode]).toEqual([role, attempt.url, 403]);
        }
      }
      expect(
        (await engage.request({ method: 'POST', url: `/api/users/${target.user.id}/password-reset` })).statusCode,
      ).toBe(401);
      expect((await me(target.cookie)).statusCode).toBe(200);
      expect((await engage.login(target.user.email, target.password)).statusCode).toBe(200);
    });

    it('refuses a common or guessable password when an admin creates a user, naming the field, and creates nothing', async () => {
      for (const password of ['Password1234!', 'qwertyuiop123', 'carla.bruni1990']) {
        const answer = await asAdmin('/api/users', {
          email: 'carla.bruni@example.com',
          name: 'Carla Bruni',
          role: 'engineer',
          password,
        });
        expect([password, answer.statusCode, answer.json().code, answer.json().details[0].path]).toEqual([
          password,
          400,
          'weak_password',
          'body.password',
        ]);
      }
      const users = (
        await engage.request({ method: 'GET', url: '/api/users', headers: { cookie: admin.cookie } })
      ).json().items as { email: string }[];
      expect(users.map((user) => user.email)).not.toContain('carla.bruni@example.com');
      expect(
        (
          await asAdmin('/api/users', {
            email: 'carla.bruni@example.com',
            name: 'Carla Bruni',
            role: 'engineer',
            password: 'violet harbour seven lanterns',
          })
        ).statusCode,
      ).toBe(201);
    });

    it('refuses an invitation to an address that already has an account', async () => {
      const { user } = await engage.staff('engineer', { name: 'Nina Taken' });
      const taken = await asAdmin('/api/users/invitations', {
        email: user.email,
        name: 'Nina Again',
        role: 'engineer',
      });
      expect(taken.statusCode).toBe(409);
      expect(taken.json().details[0].path).toBe('body.email');
    });
  },
);
