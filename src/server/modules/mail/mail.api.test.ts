import { sql } from 'drizzle-orm';
import { simpleParser } from 'mailparser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiFixtures } from '../../test/fixtures';
import { createTestEngage, eventually, isTestDatabaseAvailable, type TestEngage } from '../../test/harness';
import { startTestSmtpServer, type TestSmtpServer } from '../../test/smtp';
import { systemActor } from '../audit/actor';
import { createSmtpTransport } from '../../email/message';
import { mailSendQueue } from './mail.queue';
import { queueMail, sendQueuedMail, type NewMail } from './mail.service';

const pdf = Buffer.from('%PDF-1.7\n% a stand-in document\n%%EOF\n');

function presentation(projectId: string, overrides: Partial<NewMail> = {}): NewMail {
  return {
    projectId,
    kind: 'service-presentation',
    language: 'it',
    to: [{ name: 'Maria Bianchi', email: 'maria.bianchi@customer.example' }],
    cc: [{ name: null, email: 'partner@reseller.example' }],
    replyTo: { name: 'Marco Manager', email: 'marco@vendor.example' },
    subject: 'Presentazione del servizio — Attività di installazione',
    text: 'Gentile Maria,\nin allegato la panoramica del processo.',
    html: '<p>Gentile Maria,</p><p>in allegato la panoramica del processo.</p>',
    attachments: [{ filename: 'Panoramica del processo.pdf', contentType: 'application/pdf', content: pdf }],
    ...overrides,
  };
}

/** The send jobs of one message, or of every message, that the worker has yet to finish (waiting, retrying, running). */
async function unfinishedSendJobs(engage: TestEngage, mailId?: string) {
  const jobs = (await engage.boss?.findJobs(mailSendQueue, mailId === undefined ? {} : { data: { mailId } })) ?? [];
  return jobs.filter((job) => job.state === 'created' || job.state === 'retry' || job.state === 'active');
}

function rowsOf<T>(result: unknown): T[] {
  return (result as { rows: T[] }).rows;
}

async function mailRow(engage: TestEngage, id: string) {
  const result = await engage.context.db.execute<{ status: string; attempts: number; last_response: string | null }>(
    sql`select status, attempts, last_response from mail_messages where id = ${id}`,
  );
  return (result as { rows: { status: string; attempts: number; last_response: string | null }[] }).rows[0];
}

describe.skipIf(!isTestDatabaseAvailable)('email through a real SMTP server', () => {
  let smtp: TestSmtpServer;
  let engage: TestEngage;
  let projectId: string;
  let managerCookie: string;

  beforeAll(async () => {
    smtp = await startTestSmtpServer();
    engage = await createTestEngage({ mail: { smtpUrl: smtp.url } });
    const manager = await engage.staff('manager');
    managerCookie = manager.cookie;
    const fixtures = apiFixtures(engage, manager.cookie);
    const customer = await fixtures.customer();
    projectId = (await fixtures.project({ customerId: customer.id })).id;
  });
  afterAll(async () => {
    await engage?.close();
    await smtp?.close();
  });

  const queue = (mail: NewMail) =>
    engage.context.db.transaction(async (tx) => queueMail(engage.context, tx as never, systemActor, mail));

  it('sends what was queued, threaded on the project’s first message, with both parts and the attachment', async () => {
    const first = await queue(presentation(projectId));
    const second = await queue(
      presentation(projectId, { kind: 'engineer-contact', subject: 'Contatto del tecnico', attachments: [] }),
    );
    expect(await eventually(() => smtp.received.length >= 2, 10_000)).toBe(true);
    const byId = new Map(smtp.received.map((mail) => [mail.parsed.messageId, mail]));
    const sentFirst = byId.get(first.messageId);
    const sentSecond = byId.get(second.messageId);
    expect(first.messageId).toMatch(/^<[0-9a-f-]{36}@engage\.test>$/);
    expect(sentFirst?.parsed.inReplyTo).toBeUndefined();
    expect(sentSecond?.parsed.inReplyTo).toBe(first.messageId);
    expect(sentSecond?.parsed.references).toEqual(first.messageId);
    expect(sentFirst?.parsed.subject).toBe('Presentazione del servizio — Attività di installazione');
    expect(sentFirst?.parsed.text).toContain('in allegato la panoramica del processo.');
    expect(sentFirst?.parsed.html).toContain('<p>Gentile Maria,</p>');
    expect(sentFirst?.parsed.from?.value).toEqual([{ name: 'Engage Test', address: 'engage@engage.test' }]);
    expect(sentFirst?.parsed.replyTo?.value).toEqual([{ name: 'Marco Manager', address: 'marco@vendor.example' }]);
    expect(sentFirst?.envelopeTo.sort()).toEqual(['maria.bianchi@customer.example', 'partner@reseller.example']);
    expect(
      sentFirst?.parsed.attachments.map((attachment) => [
        attachment.filename,
        attachment.contentType,
        attachment.content.equals(pdf),
      ]),
    ).toEqual([['Panoramica del processo.pdf', 'application/pdf', true]]);
    expect(await eventually(async () => (await mailRow(engage, first.id))?.status === 'sent')).toBe(true);
    expect(await mailRow(engage, first.id)).toMatchObject({ status: 'sent', attempts: 1 });
  });

  it('writes nothing and sends nothing when the change that caused the email rolls back', async () => {
    const before = smtp.received.length;
    let writtenId: string | undefined;
    await expect(
      engage.context.db.transaction(async (tx) => {
        writtenId = (await queueMail(engage.context, tx, systemActor, presentation(projectId))).id;
        throw new Error('the change failed');
      }),
    ).rejects.toThrow('the change failed');
    expect(writtenId).toBeDefined();
    expect(await mailRow(engage, writtenId ?? '')).toBeUndefined();
    // No send job outlived the rollback; and once the worker has run every job queued, it has sent nothing.
    expect(await engage.boss?.findJobs(mailSendQueue, { data: { mailId: writtenId } })).toEqual([]);
    expect(await eventually(async () => (await unfinishedSendJobs(engage)).length === 0, 15_000)).toBe(true);
    expect(smtp.received.length).toBe(before);
  });

  it('retries after the server dropped the connection mid-send, and sends the message once', async () => {
    smtp.plan.push('drop-connection');
    const before = smtp.received.length;
    const message = await queue(presentation(projectId, { subject: 'Dropped once' }));
    expect(await eventually(async () => (await mailRow(engage, message.id))?.status === 'sent', 15_000)).toBe(true);
    const row = await mailRow(engage, message.id);
    expect(row?.attempts).toBe(2);
    expect(smtp.received.slice(before).filter((mail) => mail.parsed.messageId === message.messageId)).toHaveLength(1);
  });

  it('lets only one of several senders of the same message send it', async () => {
    const transport = await createSmtpTransport(smtp.url);
    try {
      const message = await queue(presentation(projectId, { subject: 'Claimed once' }));
      // Three senders at once (and the queue's own worker): the claim lets exactly one through.
      const outcomes = await Promise.all(
        [1, 2, 3].map(() =>
          sendQueuedMail(engage.context, transport, message.id, { isLastAttempt: false }).catch(() => 'error'),
        ),
      );
      expect(outcomes.filter((outcome) => outcome === 'sent').length).toBeLessThanOrEqual(1);
      expect(await eventually(async () => (await mailRow(engage, message.id))?.status === 'sent')).toBe(true);
      // The three senders above have returned; the queue's worker is done once the message's job is.
      expect(await eventually(async () => (await unfinishedSendJobs(engage, message.id)).length === 0, 10_000)).toBe(
        true,
      );
      expect(await engage.boss?.findJobs(mailSendQueue, { data: { mailId: message.id } })).toHaveLength(1);
      expect(smtp.received.filter((mail) => mail.parsed.messageId === message.messageId)).toHaveLength(1);
      expect((await mailRow(engage, message.id))?.attempts).toBe(1);
    } finally {
      transport.close();
    }
  });

  it('ends as failed with the server’s answer after the last try, and shows it in the Mail tab', async () => {
    smtp.plan.push(
      ...Array.from({ length: 3 }, () => ({ refuse: 'Mailbox quota exceeded for maria.bianchi', code: 452 })),
    );
    const message = await queue(presentation(projectId, { subject: 'Always refused' }));
    expect(await eventually(async () => (await mailRow(engage, message.id))?.status === 'failed', 20_000)).toBe(true);
    const row = await mailRow(engage, message.id);
    // fastMailRetryPolicy: the first try and 2 retries.
    expect(row?.attempts).toBe(3);
    expect(row?.last_response).toContain('452');
    const tab = await engage.request({
      method: 'GET',
      url: `/api/projects/${projectId}/mail`,
      headers: { cookie: managerCookie },
    });
    const listed = (tab.json().items as { id: string; status: string; lastResponse: string }[]).find(
      (item) => item.id === message.id,
    );
    expect(listed).toMatchObject({ status: 'failed' });
    expect(listed?.lastResponse).toContain('Mailbox quota exceeded');
  });

  it('sends a failed message again when someone who may act on its project asks, once', async () => {
    smtp.plan.push(
      ...Array.from({ length: 3 }, () => ({ refuse: 'Mailbox quota exceeded for maria.bianchi', code: 452 })),
    );
    const message = await queue(presentation(projectId, { subject: 'Refused, then sent again' }));
    expect(await eventually(async () => (await mailRow(engage, message.id))?.status === 'failed', 20_000)).toBe(true);
    const resend = (cookie?: string) =>
      engage.request({
        method: 'POST',
        url: `/api/mail/${message.id}/resend`,
        ...(cookie === undefined ? {} : { headers: { cookie } }),
      });

    // Not the engineer of this project, support, a visitor: refused (the first two do not even see the message), and
    // the message stays failed.
    const engineer = await engage.staff('engineer');
    expect((await resend(engineer.cookie)).statusCode).toBe(404);
    expect((await resend((await engage.staff('support')).cookie)).statusCode).toBe(403);
    expect((await resend()).statusCode).toBe(401);
    expect((await mailRow(engage, message.id))?.status).toBe('failed');
    const detail = () =>
      engage.request({ method: 'GET', url: `/api/mail/${message.id}`, headers: { cookie: managerCookie } });
    expect((await detail()).json().canSendAgain).toBe(true);

    const again = await resend(managerCookie);
    expect(again.statusCode).toBe(200);
    expect(again.json()).toMatchObject({ id: message.id, subject: 'Refused, then sent again' });
    expect(['queued', 'sending', 'sent']).toContain(again.json().status);
    expect(await eventually(async () => (await mailRow(engage, message.id))?.status === 'sent', 20_000)).toBe(true);
    expect((await mailRow(engage, message.id))?.attempts).toBe(4);
    const copies = smtp.received.filter((mail) => mail.parsed.subject === 'Refused, then sent again');
    expect(copies).toHaveLength(1);
    expect(copies[0]?.parsed.messageId).toBe(message.messageId);

    expect((await detail()).json().canSendAgain).toBe(false);
    const twice = await resend(managerCookie);
    expect(twice.statusCode).toBe(409);
    expect(twice.json().message).toMatch(/already accepted by the mail server/);
    const audit = await engage.context.db.execute<{ before: { status: string } }>(
      sql`select before from audit_events where action = 'mail.resent' and subject_id = ${message.id}`,
    );
    expect((audit as { rows: { before: { status: string } }[] }).rows).toEqual([
      { before: expect.objectContaining({ status: 'failed', attempts: 3 }) },
    ]);
  });
});

describe.skipIf(!isTestDatabaseAvailable)(
  'email with no SMTP server configured: the trial mailbox, and the Mail tab',
  () => {
    let engage: TestEngage;
    let projectId: string;
    let cookies: { manager: string; support: string; engineer: string };

    beforeAll(async () => {
      engage = await createTestEngage();
      const manager = await engage.staff('manager');
      cookies = {
        manager: manager.cookie,
        support: (await engage.staff('support')).cookie,
        engineer: (await engage.staff('engineer')).cookie,
      };
      const fixtures = apiFixtures(engage, manager.cookie);
      projectId = (await fixtures.project({ customerId: (await fixtures.customer()).id })).id;
    });
    afterAll(async () => {
      await engage?.close();
    });

    const get = (url: string, cookie: string) => engage.request({ method: 'GET', url, headers: { cookie } });
    const trialCopies = async (mailId: string) =>
      rowsOf<{ raw: Uint8Array }>(
        await engage.context.db.execute(
          sql`select raw from trial_mail where mail_id = ${mailId} order by delivered_at`,
        ),
      ).map((row) => Buffer.from(row.raw));

    it('delivers the message to the trial mailbox as an SMTP server would receive it, and counts it as accepted', async () => {
      const message = await engage.context.db.transaction(async (tx) =>
        queueMail(engage.context, tx as never, systemActor, presentation(projectId)),
      );
      expect(message.status).toBe('trial');
      const [raw, ...others] = await trialCopies(message.id);
      expect(others).toEqual([]);
      const delivered = await simpleParser(raw ?? Buffer.alloc(0));
      expect(delivered.messageId).toBe(message.messageId);
      expect(delivered.subject).toBe(message.subject);
      expect(delivered.text?.trim()).toBe(message.text);
      expect(delivered.attachments[0]?.content.equals(pdf)).toBe(true);

      const tab = await get(`/api/projects/${projectId}/mail`, cookies.manager);
      expect(tab.statusCode).toBe(200);
      expect(tab.json().items).toEqual([
        expect.objectContaining({
          id: message.id,
          status: 'trial',
          attempts: 1,
          sentAt: expect.any(String),
          lastResponse: expect.stringMatching(/trial mailbox/),
          to: [{ name: 'Maria Bianchi', email: 'maria.bianchi@customer.example' }],
          attachments: [expect.objectContaining({ filename: 'Panoramica del processo.pdf', size: pdf.length })],
        }),
      ]);
      const detail = await get(`/api/mail/${message.id}`, cookies.manager);
      expect(detail.json()).toMatchObject({
        subject: message.subject,
        html: message.html,
        text: message.text,
        canSendAgain: true,
      });

      const source = await get(`/api/mail/${message.id}/source`, cookies.manager);
      expect(source.headers['content-type']).toContain('message/rfc822');
      const parsed = await simpleParser(source.rawPayload);
      expect(parsed.messageId).toBe(message.messageId);
      expect(parsed.attachments[0]?.content.equals(pdf)).toBe(true);

      const attachmentId = (tab.json().items[0].attachments[0] as { id: string }).id;
      const download = await get(`/api/mail/${message.id}/attachments/${attachmentId}`, cookies.manager);
      expect(download.statusCode).toBe(200);
      expect(download.headers['content-type']).toBe('application/pdf');
      expect(download.headers['content-disposition']).toBe(`attachment; filename="Panoramica del processo.pdf"`);
      expect(download.rawPayload.equals(pdf)).toBe(true);
    });

    it('leaves nothing in the trial mailbox when the change that caused the email rolls back', async () => {
      let writtenId: string | undefined;
      await expect(
        engage.context.db.transaction(async (tx) => {
          writtenId = (
            await queueMail(engage.context, tx, systemActor, presentation(projectId, { subject: 'Rolled back' }))
          ).id;
          throw new Error('the change failed');
        }),
      ).rejects.toThrow('the change failed');
      expect(writtenId).toBeDefined();
      expect(await mailRow(engage, writtenId ?? '')).toBeUndefined();
      expect(await trialCopies(writtenId ?? '')).toEqual([]);
    });

    it('sends a message again into the trial mailbox: a second copy, the same message', async () => {
      const message = await engage.context.db.transaction(async (tx) =>
        queueMail(engage.context, tx as never, systemActor, presentation(projectId, { subject: 'Twice' })),
      );
      const again = await engage.request({
        method: 'POST',
        url: `/api/mail/${message.id}/resend`,
        headers: { cookie: cookies.manager },
      });
      expect(again.statusCode).toBe(200);
      expect(again.json()).toMatchObject({ status: 'trial', attempts: 2, canSendAgain: true });
      const copies = await Promise.all((await trialCopies(message.id)).map((raw) => simpleParser(raw)));
      expect(copies.map((copy) => copy.messageId)).toEqual([message.messageId, message.messageId]);
    });

    it('shows a project’s mail only to who works on it: another engineer and support (running project) get 404, a visitor 401', async () => {
      const message = await engage.context.db.transaction(async (tx) =>
        queueMail(engage.context, tx as never, systemActor, presentation(projectId)),
      );
      for (const cookie of [cookies.support, cookies.engineer]) {
        expect((await get(`/api/projects/${projectId}/mail`, cookie)).statusCode).toBe(404);
        expect((await get(`/api/mail/${message.id}`, cookie)).statusCode).toBe(404);
        expect((await get(`/api/mail/${message.id}/source`, cookie)).statusCode).toBe(404);
      }
      expect(
        (
          await engage.request({
            method: 'POST',
            url: `/api/mail/${message.id}/resend`,
            headers: { cookie: cookies.engineer },
          })
        ).statusCode,
      ).toBe(404);
      for (const url of [
        `/api/projects/${projectId}/mail`,
        `/api/mail/${message.id}`,
        `/api/mail/${message.id}/source`,
      ]) {
        expect((await engage.request({ method: 'GET', url })).statusCode).toBe(401);
      }
      expect((await get('/api/mail/not-an-id', cookies.manager)).statusCode).toBe(400);
      expect((await get('/api/mail/00000000-0000-4000-8000-000000000000', cookies.manager)).statusCode).toBe(404);
    });
  },
);
