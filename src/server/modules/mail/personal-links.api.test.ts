import { sql } from 'drizzle-orm';
import { simpleParser } from 'mailparser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestEngage, eventually, isTestDatabaseAvailable, type TestEngage } from '../../test/harness';
import { cookieFrom, projectAtDesignQuestionnaire } from '../../test/portal';
import { startTestSmtpServer, type ReceivedMail, type TestSmtpServer } from '../../test/smtp';
import { systemActor } from '../audit/actor';
import { hashPasswordToken, passwordTokenTtlMs } from '../auth/password-tokens';
import { queueMail } from './mail.service';
import { personalLinkUrl, portalLinkUrl } from './personal-links';

/** A personal link as delivered: the 256-bit token in base64url. */
const tokenPattern = /\/portal\/link\/([A-Za-z0-9_-]{43})/g;
const tokensIn = (text: string) => [...text.matchAll(tokenPattern)].map((match) => match[1] ?? '');
function rowsOf<T>(result: unknown): T[] {
  return (result as { rows: T[] }).rows;
}

/** The HTML part writes / and = as character references; a mail client reads them back. */
const decodeReferences = (html: string) =>
  html.replace(/&#x([0-9a-f]+);/gi, (_match, code: string) => String.fromCharCode(Number.parseInt(code, 16)));

describe.skipIf(!isTestDatabaseAvailable)(
  'personal links are minted at delivery and never readable from Engage',
  () => {
    let smtp: TestSmtpServer;
    let engage: TestEngage;
    let manager: string;
    let engineer: { id: string; cookie: string };
    let projectId: string;
    let customerContact: { id: string; email: string };
    /** Every answer of the staff API during the test, searched at the end for any token the SMTP server received. */
    const staffBodies: string[] = [];

    const staff = async (method: 'GET' | 'POST' | 'PUT', url: string, cookie: string, payload?: unknown) => {
      const response = await engage.request({
        method,
        url,
        headers: { cookie },
        ...(payload === undefined ? {} : { payload: payload as Record<string, unknown> }),
      });
      staffBodies.push(response.body);
      return response;
    };
    const received = (email: string, subject: RegExp) =>
      smtp.received.filter((mail) => mail.envelopeTo.includes(email) && subject.test(mail.parsed.subject ?? ''));
    const mailOfProject = async () =>
      (await staff('GET', `/api/projects/${projectId}/mail`, engineer.cookie)).json<{
        items: { id: string; kind: string; messageId: string; status: string }[];
      }>().items;

    beforeAll(async () => {
      smtp = await startTestSmtpServer();
      engage = await createTestEngage({ mail: { smtpUrl: smtp.url } });
      manager = (await engage.staff('manager')).cookie;
      const engineerStaff = await engage.staff('engineer', { name: 'Elena Engineer' });
      engineer = { id: engineerStaff.user.id, cookie: engineerStaff.cookie };
      await engage.context.db.execute(
        sql`update users set teams = '["recording-analytics"]'::jsonb where id = ${engineer.id}`,
      );
      const setup = await projectAtDesignQuestionnaire(engage, manager);
      projectId = setup.projectId;
      customerContact = setup.customerContact;
      await setup.fixtures.post(`/api/projects/${projectId}/engineer`, { engineerId: engineer.id }, 200);
      for (const stepKey of [
        'design-questionnaire',
        'requirements-refining',
        'requirements-fulfilment',
        'activity-schedule',
        'activity-start',
        'environment',
        'installation',
        'pbx-configuration',
        'application-configuration',
      ]) {
        await setup.fixtures.post(
          `/api/projects/${projectId}/actions`,
          { type: 'waive', stepKey, reason: 'Done before Engage' },
          200,
        );
      }
    });
    afterAll(async () => {
      await engage?.close();
      await smtp?.close();
    });

    it('hides a project’s mail from an engineer who is not on it: 404 on every mail route', async () => {
      await staff('POST', `/api/projects/${projectId}/portal-links`, engineer.cookie, {
        contactId: customerContact.id,
      });
      expect(
        await eventually(async () => (await mailOfProject()).every((message) => message.status === 'sent'), 10_000),
      ).toBe(true);
      const [message] = await mailOfProject();
      const attachment = '00000000-0000-4000-8000-000000000000';
      const other = await engage.staff('engineer');
      for (const url of [
        `/api/projects/${projectId}/mail`,
        `/api/mail/${message?.id ?? ''}`,
        `/api/mail/${message?.id ?? ''}/source`,
        `/api/mail/${message?.id ?? ''}/attachments/${attachment}`,
      ]) {
        expect((await engage.request({ method: 'GET', url, headers: { cookie: other.cookie } })).statusCode).toBe(404);
      }
    });

    it('shows the signature request redacted to the project’s engineer, while the SMTP server received a working link', async () => {
      const { uat } = (await staff('GET', `/api/projects/${projectId}/delivery`, engineer.cookie)).json<{
        uat: { items: { applicationKey: string; key: string }[] };
      }>();
      for (const item of uat.items) {
        expect(
          (
            await staff(
              'PUT',
              `/api/projects/${projectId}/delivery/uat/${item.applicationKey}/${item.key}`,
              engineer.cookie,
              { result: 'pass' },
            )
          ).statusCode,
        ).toBe(200);
      }
      expect(
        (
          await staff('POST', `/api/projects/${projectId}/delivery/documents`, engineer.cookie, {
            kind: 'uat',
            signerContactIds: [customerContact.id],
          })
        ).statusCode,
      ).toBe(200);
      expect(await eventually(() => received(customerContact.email, /sign/i).length === 1, 10_000)).toBe(true);
      const delivered = received(customerContact.email, /sign/i)[0] as ReceivedMail;
      const [token] = tokensIn(delivered.parsed.text ?? '');
      expect(token).toBeDefined();
      // The HTML part has it twice (the button, and the address to copy): the same token.
      expect([...new Set(tokensIn(decodeReferences(String(delivered.parsed.html))))]).toEqual([token]);

      // The engineer reads the message: the text, the HTML and the .eml show the link redacted, never the token.
      const request = (await mailOfProject()).find((message) => message.kind === 'signature-request');
      const detail = (await staff('GET', `/api/mail/${request?.id ?? ''}`, engineer.cookie)).json<{
        text: string;
        html: string;
      }>();
      const redacted = portalLinkUrl(engage.context, 'portal');
      expect(detail.text).toContain(redacted);
      expect(decodeReferences(detail.html)).toContain(redacted);
      expect(tokensIn(`${detail.text}${decodeReferences(detail.html)}`)).toEqual([]);
      const source = await staff('GET', `/api/mail/${request?.id ?? ''}/source`, engineer.cookie);
      const eml = await simpleParser(source.rawPayload);
      expect(eml.messageId).toBe(delivered.parsed.messageId);
      expect(eml.text).toContain(redacted);
      expect(
        tokensIn(`${eml.text ?? ''}${decodeReferences(String(eml.html))}${source.rawPayload.toString('latin1')}`),
      ).toEqual([]);

      // The link the signer received works: its page, then Continue into the portal's delivery page.
      const page = await engage.request({ method: 'GET', url: `/portal/link/${token ?? ''}` });
      expect(page.statusCode).toBe(200);
      expect(page.body).toContain('Continue');
      const spent = await engage.request({ method: 'POST', url: `/portal/link/${token ?? ''}` });
      expect(spent.statusCode).toBe(303);
      expect(spent.headers.location).toBe(`/portal/projects/${projectId}/delivery`);
      const portal = await engage.request({
        method: 'GET',
        url: `/api/portal/projects/${projectId}/delivery`,
        headers: { cookie: cookieFrom(spent, 'engage_portal') },
      });
      expect(portal.statusCode).toBe(200);

      // The audit trail of the project names the links minted, never their tokens.
      const audit = await staff('GET', `/api/projects/${projectId}/audit`, engineer.cookie);
      expect(audit.statusCode).toBe(200);
      expect(audit.body).not.toContain(token);
    });

    it('mints a fresh token at every attempt, and Send again delivers yet another one that works', async () => {
      smtp.plan.push(...Array.from({ length: 3 }, () => ({ refuse: 'Mailbox busy', code: 450 })));
      expect(
        (
          await staff('POST', `/api/projects/${projectId}/portal-links`, engineer.cookie, {
            contactId: customerContact.id,
          })
        ).statusCode,
      ).toBe(204);
      const failed = async () =>
        (await mailOfProject()).find((message) => message.kind === 'portal-link' && message.status === 'failed');
      expect(await eventually(async () => (await failed()) !== undefined, 20_000)).toBe(true);
      const message = (await failed()) as { id: string; messageId: string };
      const refused = smtp.refused
        .filter((mail) => mail.parsed.messageId === message.messageId)
        .map((mail) => tokensIn(mail.parsed.text ?? '')[0]);
      expect(refused).toHaveLength(3);
      expect(new Set(refused).size).toBe(3);

      expect((await staff('POST', `/api/mail/${message.id}/resend`, engineer.cookie)).statusCode).toBe(200);
      expect(
        await eventually(() => smtp.received.some((mail) => mail.parsed.messageId === message.messageId), 10_000),
      ).toBe(true);
      const [token] = tokensIn(
        smtp.received.find((mail) => mail.parsed.messageId === message.messageId)?.parsed.text ?? '',
      );
      expect(token).toBeDefined();
      expect(refused).not.toContain(token);
      const spent = await engage.request({ method: 'POST', url: `/portal/link/${token ?? ''}` });
      expect(spent.statusCode).toBe(303);
      expect(spent.headers.location).toBe(`/portal/projects/${projectId}`);
    });

    it('mints a password token at delivery: 256 bits, kept as its HMAC, valid 30 minutes for a reset', async () => {
      const user = await engage.staff('engineer', { name: 'Paolo Password' });
      const before = Date.now();
      const queued = await engage.context.db.transaction(async (tx) =>
        queueMail(engage.context, tx as never, systemActor, {
          projectId: null,
          kind: 'password-reset',
          language: 'en',
          to: [{ name: 'Paolo Password', email: user.user.email }],
          replyTo: null,
          subject: 'Choose a new password',
          text: `Choose a new password: ${personalLinkUrl(engage.context, '/password/', 'password')}`,
          html: `<p><a href="${personalLinkUrl(engage.context, '/password/', 'password')}">Choose a new password</a></p>`,
          personalLinks: [{ kind: 'password', slot: 'password', userId: user.user.id, purpose: 'reset' }],
        }),
      );
      expect(queued.text).toBe(
        `Choose a new password: http://localhost:3000/password/[personal link, sent to the recipient only: password]`,
      );
      expect(
        await eventually(() => smtp.received.some((mail) => mail.parsed.messageId === queued.messageId), 10_000),
      ).toBe(true);
      const text = smtp.received.find((mail) => mail.parsed.messageId === queued.messageId)?.parsed.text ?? '';
      const token = /http:\/\/localhost:3000\/password\/([A-Za-z0-9_-]{43})/.exec(text)?.[1];
      expect(token).toBeDefined();
      const rows = rowsOf<{ token_hash: string; purpose: string; expires_at: Date | string; used_at: Date | null }>(
        await engage.context.db.execute(
          sql`select token_hash, purpose, expires_at, used_at from password_tokens where user_id = ${user.user.id}`,
        ),
      );
      expect(rows).toHaveLength(1);
      expect(rows[0]).toMatchObject({
        token_hash: hashPasswordToken(engage.context, token ?? ''),
        purpose: 'reset',
        used_at: null,
      });
      const expiresAt = new Date(rows[0]?.expires_at ?? 0).getTime();
      expect(expiresAt).toBeGreaterThanOrEqual(before + passwordTokenTtlMs.reset);
      expect(expiresAt).toBeLessThanOrEqual(Date.now() + passwordTokenTtlMs.reset);
      const stored = await engage.context.db.execute(sql`select text_body from mail_messages where id = ${queued.id}`);
      expect(JSON.stringify(stored)).not.toContain(token);
    });

    it('never put a personal link token in any answer of the staff API', async () => {
      // A link of its own, delivered and then read through every staff route of the project's mail; the tests above
      // (when they ran) add theirs, all checked alike.
      const seen = received(customerContact.email, /./).length;
      expect(
        (
          await staff('POST', `/api/projects/${projectId}/portal-links`, engineer.cookie, {
            contactId: customerContact.id,
          })
        ).statusCode,
      ).toBe(204);
      expect(await eventually(() => received(customerContact.email, /./).length > seen, 10_000)).toBe(true);
      for (const message of await mailOfProject()) {
        expect((await staff('GET', `/api/mail/${message.id}`, engineer.cookie)).statusCode).toBe(200);
        expect((await staff('GET', `/api/mail/${message.id}/source`, engineer.cookie)).statusCode).toBe(200);
      }
      const delivered = [...smtp.received, ...smtp.refused].flatMap((mail) => tokensIn(mail.parsed.text ?? ''));
      expect(delivered.length).toBeGreaterThan(0);
      const everything = staffBodies.join('\n');
      for (const token of delivered) expect(everything).not.toContain(token);
      expect(everything).not.toMatch(/\/portal\/link\/[A-Za-z0-9_-]{43}/);
    });
  },
);
