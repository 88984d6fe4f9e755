import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiFixtures, type ProjectDetailLike } from '../../test/fixtures';
import { createTestEngage, isTestDatabaseAvailable, type TestEngage } from '../../test/harness';
import { cookieFrom, pathOf } from '../../test/portal';
import { startTestSmtpServer, type TestSmtpServer } from '../../test/smtp';
import { systemActor } from '../audit/actor';
import { queueMail } from './mail.service';
import { portalLinkUrl } from './personal-links';

interface TrialDetail {
  id: string;
  mailId: string;
  subject: string;
  text: string;
  html: string;
  to: { email: string }[];
  calendar: { method: string | null } | null;
  attachments: { index: number; filename: string; contentType: string; size: number }[];
}

function rowsOf<T>(result: unknown): T[] {
  return (result as { rows: T[] }).rows;
}

const linkPattern = /http:\/\/localhost:3000(\/portal\/link\/[A-Za-z0-9_-]{43})(\?to=[a-z0-9/-]+)?/;

describe.skipIf(!isTestDatabaseAvailable)(
  'the trial mailbox: no SMTP server, every email delivered inside Engage',
  () => {
    let engage: TestEngage;
    let admin: string;
    let manager: string;
    let fixtures: ReturnType<typeof apiFixtures>;
    let customer: { id: string };
    let reference: { id: string; email: string };

    const call = (method: 'GET' | 'POST' | 'DELETE', url: string, cookie?: string, payload?: unknown) =>
      engage.request({
        method,
        url,
        ...(cookie === undefined ? {} : { headers: { cookie } }),
        ...(payload === undefined ? {} : { payload: payload as Record<string, unknown> }),
      });
    const inbox = async (recipient?: string) =>
      (
        await call(
          'GET',
          `/api/admin/trial-mail${recipient === undefined ? '' : `?recipient=${encodeURIComponent(recipient)}`}`,
          admin,
        )
      ).json<{
        items: { id: string; subject: string; kind: string; recipients: { email: string }[] }[];
        recipients: { email: string; count: number }[];
        nextCursor: string | null;
      }>();
    const open = async (id: string) => (await call('GET', `/api/admin/trial-mail/${id}`, admin)).json<TrialDetail>();
    const step = async (projectId: string) =>
      (await call('GET', `/api/projects/${projectId}`, manager)).json<ProjectDetailLike>().currentStep?.key;

    /** A fresh project with a portal link sent to its reference: a message (without a calendar) in the trial mailbox. */
    async function projectWithPortalLinkSent() {
      const project = await fixtures.project({ customerId: customer.id });
      expect(
        (await call('POST', `/api/projects/${project.id}/portal-links`, manager, { contactId: reference.id }))
          .statusCode,
      ).toBe(204);
      return project;
    }

    beforeAll(async () => {
      engage = await createTestEngage();
      admin = (await engage.staff('admin')).cookie;
      manager = (await engage.staff('manager')).cookie;
      fixtures = apiFixtures(engage, manager);
      customer = await fixtures.customer('Ospedale San Raffaele');
      reference = await fixtures.post(`/api/organisations/${customer.id}/contacts`, {
        name: 'Anna Neri',
        email: 'anna.neri@hsr.example',
        language: 'it',
        role: 'technical-reference',
      });
    });
    afterAll(async () => {
      await engage?.close();
    });

    it('says which mode email is in, to anyone', async () => {
      const mode = await call('GET', '/api/mail/mode');
      expect(mode.statusCode).toBe(200);
      expect(mode.json()).toEqual({ isTrialMailbox: true });
    });

    it('completes E2 and E3 by themselves, and the contact acts through the link found in the trial mailbox', async () => {
      const project = await fixtures.project({ customerId: customer.id });
      await fixtures.post(`/api/projects/${project.id}/purchase-order`, { number: `PO-T-${Date.now()}` }, 200);
      expect(await step(project.id)).toBe('service-presentation');
      expect(
        (await call('POST', `/api/projects/${project.id}/presentation`, manager, { contactIds: [reference.id] }))
          .statusCode,
      ).toBe(200);
      // Delivered to the trial mailbox in the transaction that wrote it: E2 is complete when the answer comes.
      expect(await step(project.id)).toBe('engineer-contact');
      const engineer = await engage.staff('engineer');
      await engage.context.db.execute(
        sql`update users set teams = '["recording-analytics"]'::jsonb where id = ${engineer.user.id}`,
      );
      expect(
        (await call('POST', `/api/projects/${project.id}/engineer`, manager, { engineerId: engineer.user.id }))
          .statusCode,
      ).toBe(200);
      expect(
        (
          await call('POST', `/api/projects/${project.id}/contact-email`, engineer.cookie, {
            contactIds: [reference.id],
          })
        ).statusCode,
      ).toBe(200);
      expect(await step(project.id)).toBe('design-questionnaire');

      const listed = await inbox('anna.neri@hsr');
      expect(listed.items.map((item) => item.kind)).toEqual(['engineer-contact', 'service-presentation']);
      const contactEmail = await open(listed.items[0]?.id ?? '');
      expect(contactEmail.to).toEqual([{ name: 'Anna Neri', email: 'anna.neri@hsr.example' }]);
      // One link per questionnaire, the project's first, each its own token.
      const links = [...contactEmail.text.matchAll(new RegExp(linkPattern.source, 'g'))];
      expect(links.map((link) => link[2])).toEqual(['?to=questionnaires/project', '?to=questionnaires/call-recording']);
      expect(new Set(links.map((link) => link[1])).size).toBe(2);
      const [, path = '', query = ''] = links[1] ?? [];
      // The HTML part carries the same link (its / and = written as character references, as mustache writes them).
      expect(
        contactEmail.html.replace(/&#x([0-9a-f]+);/gi, (_match, code: string) =>
          String.fromCharCode(Number.parseInt(code, 16)),
        ),
      ).toContain(`${path}${query}`);
      // The project's engineer reads the same message with the link redacted.
      const stored = (await call('GET', `/api/mail/${contactEmail.mailId}`, engineer.cookie)).json<{ text: string }>();
      expect(stored.text).not.toMatch(linkPattern);
      expect(stored.text).toContain(
        `${portalLinkUrl(engage.context, 'call-recording')}?to=questionnaires/call-recording`,
      );

      const spent = await call('POST', `${path}${query}`);
      expect(spent.statusCode).toBe(303);
      expect(spent.headers.location).toBe(`/portal/projects/${project.id}/questionnaires/call-recording`);
      const portal = await engage.request({
        method: 'GET',
        url: `/api/portal/projects/${project.id}`,
        headers: { cookie: cookieFrom(spent, 'engage_portal') },
      });
      expect(portal.statusCode).toBe(200);
    });

    it('sends a message again with a fresh link that works, different from the first', async () => {
      const project = await fixtures.project({ customerId: customer.id });
      const sent = await call('POST', `/api/projects/${project.id}/portal-links`, manager, { contactId: reference.id });
      expect(sent.statusCode).toBe(204);
      const first = await open((await inbox('anna.neri@hsr.example')).items[0]?.id ?? '');
      const again = await call('POST', `/api/mail/${first.mailId}/resend`, manager);
      expect(again.statusCode).toBe(200);
      const second = await open((await inbox('anna.neri@hsr.example')).items[0]?.id ?? '');
      expect(second.id).not.toBe(first.id);
      expect(second.mailId).toBe(first.mailId);
      const firstLink = linkPattern.exec(first.text)?.[1];
      const secondLink = linkPattern.exec(second.text)?.[1];
      expect(firstLink).toBeDefined();
      expect(secondLink).toBeDefined();
      expect(secondLink).not.toBe(firstLink);
      const continued = await call('POST', pathOf(`http://localhost:3000${secondLink ?? ''}`));
      expect(continued.statusCode).toBe(303);
      expect(continued.headers.location).toBe(`/portal/projects/${project.id}`);
      // The link page says where the person came from.
      expect((await call('GET', firstLink ?? '')).body).toContain(
        'Modalità di prova: nessuna email esce da questo server.',
      );
    });

    it('opens attachments and the calendar invitation, and the message as delivered', async () => {
      const project = await projectWithPortalLinkSent();
      const pdf = Buffer.from('%PDF-1.4\n% a stand-in\n%%EOF\n');
      const calendar =
        'BEGIN:VCALENDAR\r\nVERSION:2.0\r\nMETHOD:REQUEST\r\nBEGIN:VEVENT\r\nUID:kick-off@engage.test\r\nSUMMARY:Kick-off\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n';
      await engage.context.db.transaction(async (tx) =>
        queueMail(engage.context, tx as never, systemActor, {
          projectId: project.id,
          kind: 'session-invitation',
          language: 'en',
          to: [{ name: 'Anna Neri', email: 'anna.neri@hsr.example' }],
          cc: [{ name: null, email: 'observer@hsr.example' }],
          replyTo: null,
          subject: 'Invitation: kick-off',
          text: 'You are invited.',
          html: '<p>You are invited.</p>',
          attachments: [{ filename: 'Agenda è.pdf', contentType: 'application/pdf', content: pdf }],
          calendar: { method: 'REQUEST', content: calendar },
        }),
      );
      const [item] = (await inbox('observer@')).items;
      expect(item?.subject).toBe('Invitation: kick-off');
      const detail = await open(item?.id ?? '');
      expect(detail.calendar).toEqual({ method: 'REQUEST' });
      const agenda = detail.attachments.find((attachment) => attachment.filename === 'Agenda è.pdf');
      expect(agenda).toMatchObject({ contentType: 'application/pdf', size: pdf.length });
      const download = await call(
        'GET',
        `/api/admin/trial-mail/${detail.id}/attachments/${agenda?.index ?? -1}`,
        admin,
      );
      expect(download.statusCode).toBe(200);
      expect(download.headers['content-type']).toBe('application/pdf');
      expect(download.rawPayload.equals(pdf)).toBe(true);
      const ics = await call('GET', `/api/admin/trial-mail/${detail.id}/calendar.ics`, admin);
      expect(ics.statusCode).toBe(200);
      expect(ics.headers['content-type']).toContain('text/calendar');
      expect(ics.body).toBe(calendar);
      const source = await call('GET', `/api/admin/trial-mail/${detail.id}/source`, admin);
      expect(source.headers['content-type']).toContain('message/rfc822');
      expect(source.body).toContain('Subject: Invitation: kick-off');

      // Bad input: an unknown message, an attachment it does not have, a message without a calendar, a malformed id.
      expect((await call('GET', '/api/admin/trial-mail/00000000-0000-4000-8000-000000000000', admin)).statusCode).toBe(
        404,
      );
      expect(
        (await call('GET', `/api/admin/trial-mail/${detail.id}/attachments/${detail.attachments.length}`, admin))
          .statusCode,
      ).toBe(404);
      expect((await call('GET', `/api/admin/trial-mail/${detail.id}/attachments/-1`, admin)).statusCode).toBe(400);
      expect((await call('GET', '/api/admin/trial-mail/not-an-id', admin)).statusCode).toBe(400);
      const withoutCalendar = (await inbox('anna.neri@hsr.example')).items.find(
        (candidate) => candidate.kind !== 'session-invitation',
      );
      const noCalendar = await call('GET', `/api/admin/trial-mail/${withoutCalendar?.id ?? ''}/calendar.ics`, admin);
      expect(noCalendar.statusCode).toBe(404);
      expect(noCalendar.json().message).toMatch(/no calendar invitation/);
    });

    it('is for admins only, and an admin empties it, audited, leaving the projects’ mail as it was', async () => {
      await projectWithPortalLinkSent();
      const { items } = await inbox();
      expect(items.length).toBeGreaterThan(0);
      for (const role of ['manager', 'engineer', 'support'] as const) {
        const cookie = role === 'manager' ? manager : (await engage.staff(role)).cookie;
        expect((await call('GET', '/api/admin/trial-mail', cookie)).statusCode).toBe(403);
        expect((await call('GET', `/api/admin/trial-mail/${items[0]?.id ?? ''}`, cookie)).statusCode).toBe(403);
        expect((await call('DELETE', '/api/admin/trial-mail', cookie)).statusCode).toBe(403);
      }
      expect((await call('GET', '/api/admin/trial-mail')).statusCode).toBe(401);
      expect((await inbox()).items.length).toBe(items.length);

      const outbox = async () =>
        Number(
          rowsOf<{ count: number }>(
            await engage.context.db.execute(sql`select count(*)::int as count from mail_messages`),
          )[0]?.count,
        );
      const before = await outbox();
      const emptied = await call('DELETE', '/api/admin/trial-mail', admin);
      expect(emptied.statusCode).toBe(200);
      expect(emptied.json()).toEqual({ removed: items.length });
      expect((await inbox()).items).toEqual([]);
      expect(await outbox()).toBe(before);
      expect((await call('GET', `/api/admin/trial-mail/${items[0]?.id ?? ''}`, admin)).statusCode).toBe(404);
      const audit = rowsOf<{ after: unknown }>(
        await engage.context.db.execute(sql`select after from audit_events where action = 'mail.trial-emptied'`),
      );
      expect(audit).toEqual([{ after: { removed: items.length } }]);
    });
  },
);

describe.skipIf(!isTestDatabaseAvailable)('with an SMTP server, there is no trial mailbox', () => {
  let smtp: TestSmtpServer;
  let engage: TestEngage;
  beforeAll(async () => {
    smtp = await startTestSmtpServer();
    engage = await createTestEngage({ mail: { smtpUrl: smtp.url } });
  });
  afterAll(async () => {
    await engage?.close();
    await smtp?.close();
  });

  it('answers 404 to everyone, and says email is sent', async () => {
    const admin = (await engage.staff('admin')).cookie;
    for (const cookie of [admin, (await engage.staff('manager')).cookie, undefined]) {
      const headers = cookie === undefined ? {} : { cookie };
      expect((await engage.request({ method: 'GET', url: '/api/admin/trial-mail', headers })).statusCode).toBe(404);
      expect((await engage.request({ method: 'DELETE', url: '/api/admin/trial-mail', headers })).statusCode).toBe(404);
      expect(
        (
          await engage.request({
            method: 'GET',
            url: '/api/admin/trial-mail/00000000-0000-4000-8000-000000000000',
            headers,
          })
        ).statusCode,
      ).toBe(404);
    }
    expect((await engage.request({ method: 'GET', url: '/api/mail/mode' })).json()).toEqual({ isTrialMailbox: false });
  });
});
