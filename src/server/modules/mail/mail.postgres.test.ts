import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiFixtures } from '../../test/fixtures';
import { createTestEngage, eventually, isTestDatabaseAvailable, type TestEngage } from '../../test/harness';
import { startTestSmtpServer, type TestSmtpServer } from '../../test/smtp';
import { systemActor } from '../audit/actor';
import { queueMail } from './mail.service';

describe.skipIf(!isTestDatabaseAvailable)('two mail workers on one PostgreSQL database', () => {
  let smtp: TestSmtpServer;
  let first: TestEngage;
  let second: TestEngage;
  beforeAll(async () => {
    smtp = await startTestSmtpServer();
    first = await createTestEngage({ mail: { smtpUrl: smtp.url } });
    second = await createTestEngage({ mail: { smtpUrl: smtp.url }, sameDatabaseAs: first });
  });
  afterAll(async () => {
    await second?.close();
    await first?.close();
    await smtp?.close();
  });

  it('sends each message exactly once', async () => {
    const manager = await first.staff('manager');
    const fixtures = apiFixtures(first, manager.cookie);
    const projectId = (await fixtures.project({ customerId: (await fixtures.customer()).id })).id;
    const count = 30;
    const messageIds: string[] = [];
    // Half written through each process, in one burst, so both workers find work at the same time.
    await Promise.all(
      Array.from({ length: count }, async (_, index) => {
        const app = index % 2 === 0 ? first : second;
        const row = await app.context.db.transaction(async (tx) =>
          queueMail(app.context, tx as never, systemActor, {
            projectId,
            kind: 'service-presentation',
            language: 'en',
            to: [{ name: null, email: `reader${index}@customer.example` }],
            replyTo: null,
            subject: `Message ${index}`,
            text: `Message ${index}`,
            html: `<p>Message ${index}</p>`,
          }),
        );
        messageIds.push(row.messageId);
      }),
    );
    expect(await eventually(() => smtp.received.length >= count, 30_000)).toBe(true);
    // Anything sent twice would arrive within the polling interval.
    await new Promise((resolve) => setTimeout(resolve, 1500));
    const received = smtp.received.map((mail) => mail.parsed.messageId);
    expect(received).toHaveLength(count);
    expect(new Set(received)).toEqual(new Set(messageIds));
    const statuses = await first.context.db.execute<{ status: string; attempts: number }>(
      sql`select status, attempts from mail_messages where project_id = ${projectId}`,
    );
    const rows = (statuses as { rows: { status: string; attempts: number }[] }).rows;
    expect(rows.every((row) => row.status === 'sent' && row.attempts === 1)).toBe(true);
  });
});
