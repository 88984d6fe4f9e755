import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startJobQueue, type PgBoss } from '../../jobs/job-queue';
import { createTestEngage, isTestDatabaseAvailable, type TestEngage } from '../../test/harness';
import { defaultMailRetryPolicy, mailSendQueue, mailSendQueueDefinition } from './mail.queue';

describe.skipIf(!isTestDatabaseAvailable)('the retries of a message the SMTP server keeps refusing', () => {
  let engage: TestEngage;
  let boss: PgBoss;
  beforeAll(async () => {
    engage = await createTestEngage();
    // The queue as a server starts it, with no worker: the test plays the worker that fails every attempt.
    boss = await startJobQueue(engage.connection, [mailSendQueueDefinition(defaultMailRetryPolicy)], null);
  });
  afterAll(async () => {
    await boss?.stop({ graceful: false });
    await engage?.close();
  });

  it('waits at most 5 minutes between attempts, and keeps trying for about 12 hours', async () => {
    const id = await boss.send(mailSendQueue, { mailId: randomUUID() });
    if (id === null) throw new Error('the job was not created');
    const delaysSeconds: number[] = [];
    for (;;) {
      // Fetched before its time has come, as if each wait had passed: pg-boss itself computes the next one.
      const [job] = await boss.fetch(mailSendQueue, { ignoreStartAfter: true });
      expect(job?.id).toBe(id);
      const failedAt = Date.now();
      await boss.fail(mailSendQueue, id, { message: '421 Service not available' });
      const after = await boss.getJobById(mailSendQueue, id);
      if (after?.state === 'failed') break;
      expect(after?.state).toBe('retry');
      delaysSeconds.push(((after?.startAfter.getTime() ?? 0) - failedAt) / 1000);
    }
    expect(delaysSeconds).toHaveLength(defaultMailRetryPolicy.retryLimit);
    expect(Math.max(...delaysSeconds)).toBeLessThanOrEqual(300 + 1);
    expect(delaysSeconds[0]).toBeLessThanOrEqual(60 + 1);
    const hours = delaysSeconds.reduce((sum, delay) => sum + delay, 0) / 3600;
    expect(hours).toBeGreaterThan(11.5);
    expect(hours).toBeLessThan(12.5);
  }, 60_000);
});
