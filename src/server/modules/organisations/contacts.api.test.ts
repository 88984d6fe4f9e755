import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createTestEngage, eventually, isTestDatabaseAvailable, type TestEngage } from '../../test/harness';
import { cookieFrom, pathOf, projectAtDesignQuestionnaire } from '../../test/portal';
import { startTestSmtpServer, type TestSmtpServer } from '../../test/smtp';
import { mailSendQueue } from '../mail/mail.queue';
import { sendDueReminders } from '../reminders/reminders.service';

interface ContactLike {
  id: string;
  email: string;
  name: string;
  isDisabled: boolean;
  disabledAt: string | null;
  disabledBy: { id: string; name: string } | null;
  createdBy: { id: string; name: string } | null;
  createdAt: string;
  phone: string | null;
}

describe.skipIf(!isTestDatabaseAvailable)(
  'contacts: who may add and change them, and a disabled contact loses every way in',
  () => {
    let smtp: TestSmtpServer;
    let engage: TestEngage;
    let manager: { id: string; cookie: string };
    let engineer: { id: string; name: string; email: string; cookie: string };
    let outsider: { cookie: string };
    let support: { cookie: string };
    let setup: Awaited<ReturnType<typeof projectAtDesignQuestionnaire>>;
    /** The customer contact of each test's own project, which the tests disable and enable again. */
    let leaver: ContactLike;

    const call = (method: 'GET' | 'POST' | 'PATCH', url: string, cookie: string | undefined, payload?: unknown) =>
      engage.request({
        method,
        url,
        headers: cookie === undefined ? {} : { cookie },
        ...(payload === undefined ? {} : { payload: payload as Record<string, unknown> }),
      });
    const contactsUrl = () => `/api/organisations/${setup.customer.id}/contacts`;
    const organisation = async (cookie = manager.cookie) =>
      (await call('GET', `/api/organisations/${setup.customer.id}`, cookie)).json<{
        contacts: ContactLike[];
        mayManageContacts: boolean;
      }>();
    const mailTo = (email: string) => smtp.received.filter((mail) => mail.envelopeTo.includes(email));

    /** The newest link the SMTP server received for this address after `seen` messages to it, as the contact reads it. */
    async function linkArriving(email: string, seen: number): Promise<string> {
      expect(await eventually(() => mailTo(email).length > seen, 10_000)).toBe(true);
      const text = mailTo(email).at(-1)?.parsed.text ?? '';
      const match = /https?:\/\/[^\s)]+\/portal\/link\/[A-Za-z0-9_-]+(\?to=[a-z0-9/-]+)?/.exec(text);
      if (match === null) throw new Error(`no portal link in the email to ${email}: ${text.slice(0, 300)}`);
      return pathOf(match[0]);
    }

    async function sendLink(contact: { id: string; email: string }): Promise<string> {
      const seen = mailTo(contact.email).length;
      const sent = await call('POST', `/api/projects/${setup.projectId}/portal-links`, manager.cookie, {
        contactId: contact.id,
      });
      expect(sent.statusCode).toBe(204);
      return linkArriving(contact.email, seen);
    }

    const askFreshLink = (email: string) =>
      engage.request({
        method: 'POST',
        url: '/portal/link-request',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        payload: `email=${encodeURIComponent(email)}`,
      });

    async function rows<T extends Record<string, unknown>>(query: ReturnType<typeof sql>): Promise<T[]> {
      return ((await engage.context.db.execute<T>(query)) as { rows: T[] }).rows;
    }

    async function disable(contact: { id: string }): Promise<void> {
      expect((await call('POST', `${contactsUrl()}/${contact.id}/disable`, engineer.cookie)).statusCode).toBe(200);
    }

    /** True once the mail worker has run every send job queued so far (none waiting, retrying or running). */
    async function isMailQueueIdle(): Promise<boolean> {
      const jobs = (await engage.boss?.findJobs(mailSendQueue)) ?? [];
      return jobs.every((job) => job.state === 'completed' || job.state === 'failed' || job.state === 'cancelled');
    }

    beforeAll(async () => {
      smtp = await startTestSmtpServer();
      engage = await createTestEngage({ mail: { smtpUrl: smtp.url } });
      const managerUser = await engage.staff('manager');
      manager = { id: managerUser.user.id, cookie: managerUser.cookie };
      const engineerUser = await engage.staff('engineer');
      engineer = {
        id: engineerUser.user.id,
        name: engineerUser.user.name,
        email: engineerUser.user.email,
        cookie: engineerUser.cookie,
      };
      outsider = { cookie: (await engage.staff('engineer')).cookie };
      support = { cookie: (await engage.staff('support')).cookie };
      await engage.context.db.execute(
        sql`update users set teams = '["recording-analytics"]'::jsonb where id = ${engineer.id}`,
      );
    });
    // Each test has a project, organisations and contacts of its own: none relies on what an earlier one changed.
    beforeEach(async () => {
      setup = await projectAtDesignQuestionnaire(engage, manager.cookie);
      await setup.fixtures.post(`/api/projects/${setup.projectId}/engineer`, { engineerId: engineer.id }, 200);
      leaver = (await organisation()).contacts.find(
        (contact) => contact.id === setup.customerContact.id,
      ) as ContactLike;
    });
    afterAll(async () => {
      await engage?.close();
      await smtp?.close();
    });

    it('refuses an engineer with no project of the organisation, support, a signed-in contact and anyone anonymous, and changes nothing', async () => {
      const portalCookie = cookieFrom(
        await engage.request({ method: 'POST', url: await sendLink(setup.partnerContact) }),
        'engage_portal',
      );
      const before = await organisation();
      const newContact = {
        name: 'Eve Intruder',
        email: `eve.${Date.now()}@gmail.example`,
        language: 'en',
        role: 'technical-reference',
      };
      const attempts = [
        ['POST', contactsUrl(), newContact],
        ['PATCH', `${contactsUrl()}/${leaver.id}`, { name: 'Renamed' }],
        ['POST', `${contactsUrl()}/${leaver.id}/disable`, undefined],
        ['POST', `${contactsUrl()}/${leaver.id}/enable`, undefined],
      ] as const;
      for (const [method, url, payload] of attempts) {
        const refused = await call(method, url, outsider.cookie, payload);
        expect(refused.statusCode, `${method} ${url} by an engineer of no project of it`).toBe(403);
        expect(refused.json().message).toMatch(/engineer of one of this organisation’s projects/);
        expect((await call(method, url, support.cookie, payload)).statusCode, `${method} ${url} by support`).toBe(403);
        expect((await call(method, url, undefined, payload)).statusCode, `${method} ${url} anonymously`).toBe(401);
        expect((await call(method, url, portalCookie, payload)).statusCode, `${method} ${url} by a contact`).toBe(401);
      }
      expect(await organisation()).toEqual(before);
      expect((await organisation(outsider.cookie)).mayManageContacts).toBe(false);
    });

    it('lets the engineer of a project of the organisation (customer or partner) and a manager add contacts, recording and showing who added them', async () => {
      expect((await organisation(engineer.cookie)).mayManageContacts).toBe(true);
      const added = await call('POST', contactsUrl(), engineer.cookie, {
        name: 'Marco Bianchi',
        email: `Marco.${Date.now()}@customer.example`,
        language: 'it',
        role: 'approver',
      });
      expect(added.statusCode).toBe(201);
      const contact = added.json<ContactLike>();
      expect(contact.createdBy).toEqual({ id: engineer.id, name: engineer.name });
      expect(contact.isDisabled).toBe(false);
      const listed = (await organisation(support.cookie)).contacts.find((candidate) => candidate.id === contact.id);
      expect(listed).toMatchObject({
        createdBy: { id: engineer.id, name: engineer.name },
        createdAt: contact.createdAt,
        email: contact.email.toLowerCase(),
      });

      const audited = await rows<{ actor: string; after: { createdBy: { id: string } } }>(
        sql`select actor_user_id as actor, after from audit_events where action = 'contact.created' and subject_id = ${contact.id}`,
      );
      expect(audited).toHaveLength(1);
      expect(audited[0]?.actor).toBe(engineer.id);
      expect(audited[0]?.after.createdBy.id).toBe(engineer.id);

      const partnerContact = await call('POST', `/api/organisations/${setup.partner.id}/contacts`, engineer.cookie, {
        name: 'Paola Verdi',
        email: `paola.${Date.now()}@reseller.example`,
        language: 'en',
        role: 'partner-technician',
      });
      expect(partnerContact.statusCode).toBe(201);
      const byManager = await call('POST', contactsUrl(), manager.cookie, {
        name: 'Anna Neri',
        email: `anna.${Date.now()}@customer.example`,
        language: 'en',
        role: 'approver',
      });
      expect(byManager.statusCode).toBe(201);
      expect(byManager.json().createdBy.id).toBe(manager.id);
    });

    it('refuses a staff user’s address as a contact, in words, whether added or edited to it', async () => {
      const before = await organisation();
      for (const email of [engineer.email, engineer.email.toUpperCase()]) {
        const refused = await call('POST', contactsUrl(), manager.cookie, {
          name: 'Staff Member',
          email,
          language: 'en',
          role: 'approver',
        });
        expect(refused.statusCode).toBe(400);
        expect(refused.json().message).toMatch(/staff use their own account, not a portal identity/);
        expect(refused.json().details).toEqual([{ path: 'body.email', message: 'This is a staff user’s address.' }]);
      }
      const edited = await call('PATCH', `${contactsUrl()}/${leaver.id}`, engineer.cookie, { email: engineer.email });
      expect(edited.statusCode).toBe(400);
      expect(edited.json().details[0].path).toBe('body.email');
      expect(await organisation()).toEqual(before);
    });

    it('edits a contact; bad input is refused with the field named; a new email withdraws the unused links sent to the old one', async () => {
      const colleague = (
        await call('POST', contactsUrl(), manager.cookie, {
          name: 'Anna Neri',
          email: `anna.${Date.now()}@customer.example`,
          language: 'en',
          role: 'approver',
        })
      ).json<ContactLike>();
      const before = await organisation();
      const refusals = [
        [{}, 400],
        [{ phone: 'call me' }, 400],
        [{ email: 'not-an-address' }, 400],
        [{ role: 'boss' }, 400],
        [{ email: colleague.email }, 409],
      ] as const;
      for (const [payload, status] of refusals) {
        const refused = await call('PATCH', `${contactsUrl()}/${leaver.id}`, engineer.cookie, payload);
        expect(refused.statusCode, JSON.stringify(payload)).toBe(status);
        expect(refused.json().message.length).toBeGreaterThan(10);
      }
      expect(
        (
          await call('PATCH', `${contactsUrl()}/00000000-0000-4000-8000-000000000000`, engineer.cookie, {
            name: 'Nobody',
          })
        ).statusCode,
      ).toBe(404);
      // A contact of another organisation is not one of this organisation's.
      expect(
        (await call('PATCH', `${contactsUrl()}/${setup.partnerContact.id}`, manager.cookie, { name: 'Nobody' }))
          .statusCode,
      ).toBe(404);
      expect((await call('PATCH', `${contactsUrl()}/not-a-uuid`, manager.cookie, { name: 'Nobody' })).statusCode).toBe(
        400,
      );
      expect(await organisation()).toEqual(before);

      const oldLink = await sendLink(leaver);
      const newEmail = `giulia.new.${Date.now()}@customer.example`;
      const edited = await call('PATCH', `${contactsUrl()}/${leaver.id}`, engineer.cookie, {
        email: newEmail,
        phone: '+39 02 1234 5678',
        name: 'Giulia Rossi-Bruni',
      });
      expect(edited.statusCode).toBe(200);
      expect(edited.json()).toMatchObject({ email: newEmail, phone: '+39 02 1234 5678', name: 'Giulia Rossi-Bruni' });
      expect((await engage.request({ method: 'GET', url: oldLink })).body).toContain('can no longer be used');
      expect((await engage.request({ method: 'POST', url: oldLink })).statusCode).toBe(410);
      // The phone is removed by sending it empty.
      expect(
        (await call('PATCH', `${contactsUrl()}/${leaver.id}`, manager.cookie, { phone: '' })).json().phone,
      ).toBeNull();
      const audited = await rows<{ before: { email: string }; after: { email: string; revokedLinks: number } }>(
        sql`select before, after from audit_events where action = 'contact.updated' and subject_id = ${leaver.id} order by id`,
      );
      expect(audited[0]).toMatchObject({ after: { email: newEmail, revokedLinks: 1 } });
    });

    it('disabling ends the contact’s portal session at once, withdraws their unused link, and the fresh-link form sends them nothing', async () => {
      const portalCookie = cookieFrom(
        await engage.request({ method: 'POST', url: await sendLink(leaver) }),
        'engage_portal',
      );
      expect((await call('GET', '/api/portal/me', portalCookie)).statusCode).toBe(200);
      const unusedLink = await sendLink(leaver);

      const disabled = await call('POST', `${contactsUrl()}/${leaver.id}/disable`, engineer.cookie);
      expect(disabled.statusCode).toBe(200);
      expect(disabled.json()).toMatchObject({ isDisabled: true, disabledBy: { id: engineer.id, name: engineer.name } });
      expect(disabled.json().disabledAt).not.toBeNull();
      expect((await call('POST', `${contactsUrl()}/${leaver.id}/disable`, engineer.cookie)).statusCode).toBe(409);

      expect((await call('GET', '/api/portal/me', portalCookie)).statusCode).toBe(401);
      expect((await call('GET', `/api/portal/projects/${setup.projectId}`, portalCookie)).statusCode).toBe(401);
      const page = await engage.request({ method: 'GET', url: unusedLink });
      expect(page.body).toContain('can no longer be used');
      expect(page.body).not.toContain('Giulia');
      const pressed = await engage.request({ method: 'POST', url: unusedLink });
      expect(pressed.statusCode).toBe(410);
      expect(pressed.headers['set-cookie']).toBeUndefined();

      const seen = mailTo(leaver.email).length;
      const unknownAddress = `nobody.${Date.now()}@nowhere.example`;
      const asked = await askFreshLink(leaver.email);
      const unknown = await askFreshLink(unknownAddress);
      expect(asked.statusCode).toBe(200);
      expect(asked.statusCode).toBe(unknown.statusCode);
      expect(asked.body).toBe(unknown.body);
      // The request is handled after the answer: wait until it was, then until the mail worker has run every job queued.
      const handled = async () =>
        (
          await rows<{ sent: number }>(
            sql`select (after ->> 'linksSent')::int as sent from audit_events where action = 'portal.link-requested' and subject_id = ${leaver.email}`,
          )
        )[0];
      expect(await eventually(async () => (await handled()) !== undefined)).toBe(true);
      expect((await handled())?.sent).toBe(0);
      expect(await eventually(isMailQueueIdle, 15_000)).toBe(true);
      expect(mailTo(leaver.email)).toHaveLength(seen);

      const audited = await rows<{ actor: string; after: { endedSessions: number; revokedLinks: number } }>(
        sql`select actor_user_id as actor, after from audit_events where action = 'contact.disabled' and subject_id = ${leaver.id}`,
      );
      expect(audited).toEqual([{ actor: engineer.id, after: { isDisabled: true, endedSessions: 1, revokedLinks: 1 } }]);
      // Listed, marked disabled, on the organisation's page.
      expect((await organisation()).contacts.find((contact) => contact.id === leaver.id)).toMatchObject({
        isDisabled: true,
        disabledBy: { id: engineer.id },
      });
    });

    it('refuses a disabled contact as a recipient anywhere staff choose contacts, with a 400 naming the field', async () => {
      await disable(leaver);
      const enabled = setup.partnerContact.id;
      const link = await call('POST', `/api/projects/${setup.projectId}/portal-links`, manager.cookie, {
        contactId: leaver.id,
      });
      expect(link.statusCode).toBe(400);
      expect(link.json().details).toEqual([{ path: 'body.contactId', message: 'This contact is disabled.' }]);
      for (const kind of ['presentation', 'contact-email']) {
        const draft = await call('POST', `/api/projects/${setup.projectId}/${kind}/draft`, manager.cookie, {
          contactIds: [enabled, leaver.id],
        });
        expect(draft.statusCode, kind).toBe(400);
        expect(draft.json().details).toEqual([{ path: 'body.contactIds.1', message: 'This contact is disabled.' }]);
        expect(draft.json().message).toMatch(/disabled/);
        const send = await call('POST', `/api/projects/${setup.projectId}/${kind}`, manager.cookie, {
          contactIds: [leaver.id],
        });
        expect(send.statusCode, kind).toBe(400);
        expect(send.json().details[0].path).toBe('body.contactIds.0');
      }
      await setup.fixtures.post(
        `/api/projects/${setup.projectId}/scheduling-override`,
        { reason: 'The customer needs it early' },
        200,
      );
      const session = {
        stepKey: 'activity-schedule',
        durationMinutes: 60,
        mode: 'remote',
        location: 'https://meet.example.com/j/1',
        attendeeContactIds: [enabled, leaver.id],
      };
      const start = new Date(Date.now() + 30 * 24 * 3600_000).toISOString();
      const proposed = await call('POST', `/api/projects/${setup.projectId}/proposals`, engineer.cookie, {
        ...session,
        slots: [{ start }],
      });
      expect(proposed.statusCode).toBe(400);
      expect(proposed.json().details).toEqual([
        { path: 'body.attendeeContactIds.1', message: 'This contact is disabled.' },
      ]);
      const booked = await call('POST', `/api/projects/${setup.projectId}/sessions`, engineer.cookie, {
        ...session,
        start,
      });
      expect(booked.statusCode).toBe(400);
      expect(booked.json().details[0].path).toBe('body.attendeeContactIds.1');
      const signature = await call('POST', `/api/projects/${setup.projectId}/delivery/documents`, engineer.cookie, {
        kind: 'activity-report',
        signerContactIds: [leaver.id],
      });
      expect(signature.statusCode).toBe(400);
      expect(signature.json().details).toEqual([
        { path: 'body.signerContactIds.0', message: 'This contact is disabled.' },
      ]);
      const written = await rows<{ count: number }>(
        sql`select count(*)::int as count from mail_messages where project_id = ${setup.projectId} and to_addresses @> ${JSON.stringify([{ email: leaver.email }])}::jsonb and kind <> 'portal-link'`,
      );
      expect(written[0]?.count).toBe(0);

      // The overdue questionnaire's reminder goes to the technical reference: a disabled one is not reminded.
      const due = (await call('GET', `/api/projects/${setup.projectId}/questionnaires`, engineer.cookie)).json()
        .items[0].dueAt as string;
      engage.setNow(new Date(Date.parse(due) + 3600_000));
      try {
        await sendDueReminders(engage.context);
      } finally {
        engage.setNow(null);
      }
      const reminded = await rows<{ count: number }>(
        sql`select count(*)::int as count from mail_messages where kind = 'questionnaire-reminder' and to_addresses @> ${JSON.stringify([{ email: leaver.email }])}::jsonb`,
      );
      expect(reminded[0]?.count).toBe(0);
    });

    it('re-enabling lets staff send a link again, which opens the portal; nothing withdrawn comes back', async () => {
      const withdrawn = await sendLink(leaver);
      await disable(leaver);
      const enabled = await call('POST', `${contactsUrl()}/${leaver.id}/enable`, manager.cookie);
      expect(enabled.statusCode).toBe(200);
      expect(enabled.json()).toMatchObject({ isDisabled: false, disabledAt: null, disabledBy: null });
      expect((await call('POST', `${contactsUrl()}/${leaver.id}/enable`, manager.cookie)).statusCode).toBe(409);
      const link = await sendLink(leaver);
      const spent = await engage.request({ method: 'POST', url: link });
      expect(spent.statusCode).toBe(303);
      expect((await call('GET', '/api/portal/me', cookieFrom(spent, 'engage_portal'))).statusCode).toBe(200);
      const revoked = await rows<{ count: number }>(
        sql`select count(*)::int as count from portal_links where contact_id = ${leaver.id} and revoked_at is not null`,
      );
      expect(revoked[0]?.count).toBe(1);
      expect((await engage.request({ method: 'POST', url: withdrawn })).statusCode).toBe(410);
      const audited = await rows<{ actor: string }>(
        sql`select actor_user_id as actor from audit_events where action = 'contact.enabled' and subject_id = ${leaver.id}`,
      );
      expect(audited).toEqual([{ actor: manager.id }]);
    });
  },
);
