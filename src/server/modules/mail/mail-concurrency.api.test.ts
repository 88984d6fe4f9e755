import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiFixtures } from '../../test/fixtures';
import { createTestEngage, eventually, isTestDatabaseAvailable, type TestEngage } from '../../test/harness';

/**
 * A real SMTP server that takes a moment over each message (as a relay that scans it) and counts the sessions open at
 * the same time: a worker that sends one message at a time never has two.
 */
async function startSlowSmtpServer(delayMs: number) {
  const counts = { open: 0, mostOpen: 0, accepted: 0 };
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onConnect(_session, callback) {
      counts.open += 1;
      counts.mostOpen = Math.max(counts.mostOpen, counts.open);
      callback();
    },
    onClose() {
      counts.open -= 1;
    },
    onData(stream, _session, callback) {
      stream.resume();
      stream.on('end', () => {
        setTimeout(() => {
          counts.accepted += 1;
          callback();
        }, delayMs);
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as AddressInfo;
  return {
    url: `smtp://127.0.0.1:${port}`,
    counts,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

describe.skipIf(!isTestDatabaseAvailable)('a process sends several messages at once', () => {
  let smtp: Awaited<ReturnType<typeof startSlowSmtpServer>>;
  let engage: TestEngage;
  beforeAll(async () => {
    smtp = await startSlowSmtpServer(300);
    engage = await createTestEngage({ mail: { smtpUrl: smtp.url } });
  });
  afterAll(async () => {
    await engage?.close();
    await smtp?.close();
  });

  it('sends the presentation to 20 contacts over overlapping SMTP sessions, each message once', async () => {
    const manager = await engage.staff('manager');
    const fixtures = apiFixtures(engage, manager.cookie);
    const customer = await fixtures.customer();
    const contactIds: string[] = [];
    for (let index = 1; index <= 20; index += 1) {
      const contact = await fixtures.post<{ id: string }>(`/api/organisations/${customer.id}/contacts`, {
        name: `Contact ${index}`,
        email: `contact.${index}@customer.example`,
        language: 'en',
        role: 'technical-reference',
      });
      contactIds.push(contact.id);
    }
    const project = await fixtures.project({ customerId: customer.id });
    await fixtures.post(`/api/projects/${project.id}/purchase-order`, { number: `PO-${Date.now()}` }, 200);
    const startedAt = Date.now();
    const presented = await engage.request({
      method: 'POST',
      url: `/api/projects/${project.id}/presentation`,
      headers: { cookie: manager.cookie },
      payload: { contactIds },
    });
    expect(presented.statusCode).toBeLessThan(300);

    expect(await eventually(() => smtp.counts.accepted >= 20, 30_000)).toBe(true);
    const seconds = (Date.now() - startedAt) / 1000;
    // One at a time, 20 messages at 0.3 s each (and a poll of the queue between them) would take 6 s or more.
    expect(smtp.counts.mostOpen, `${seconds.toFixed(1)} s for 20 messages`).toBeGreaterThanOrEqual(2);
    const mailTab = async () =>
      (
        await engage.request({
          method: 'GET',
          url: `/api/projects/${project.id}/mail`,
          headers: { cookie: manager.cookie },
        })
      ).json<{ items: { status: string }[] }>().items;
    expect(await eventually(async () => (await mailTab()).every((item) => item.status === 'sent'), 5000)).toBe(true);
    expect(await mailTab()).toHaveLength(20);
    expect(smtp.counts.accepted).toBe(20);
  }, 60_000);
});
