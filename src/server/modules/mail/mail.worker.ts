import { sql } from 'drizzle-orm';
import type { DrizzleTransactionLike } from 'pg-boss';
import type { ServiceContext } from '../../context';
import type { Database } from '../../db/database';
import type { MailTransport } from '../../email/message';
import type { PgBoss } from '../../jobs/job-queue';
import { mailSendJob, mailSendQueue } from './mail.queue';
import { sendQueuedMail } from './mail.service';

/** context.mail.enqueue: the job is inserted through the caller's transaction, so it exists only if the change commits. */
export async function createMailEnqueuer(boss: PgBoss): Promise<(db: Database, mailId: string) => Promise<void>> {
  // Loaded with the queue: a server without SMTP never loads pg-boss.
  const { fromDrizzle } = await import('pg-boss');
  return async (db, mailId) => {
    await boss.send(mailSendQueue, { mailId }, { db: fromDrizzle(db as unknown as DrizzleTransactionLike, sql) });
  };
}

/** Sends queued messages one at a time as their jobs come in; pg-boss gives each job to one worker of one process. */
export async function startMailWorker(
  context: ServiceContext,
  boss: PgBoss,
  transport: MailTransport,
  options: { pollingIntervalSeconds?: number } = {},
): Promise<string> {
  return boss.work(
    mailSendQueue,
    { includeMetadata: true, batchSize: 1, pollingIntervalSeconds: options.pollingIntervalSeconds ?? 2 },
    async ([job]) => {
      if (job === undefined) return;
      const { mailId } = mailSendJob.parse(job.data);
      await sendQueuedMail(context, transport, mailId, { isLastAttempt: job.retryCount >= job.retryLimit });
    },
  );
}
