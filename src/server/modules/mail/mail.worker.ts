import type { ServiceContext } from '../../context';
import type { Database } from '../../db/database';
import { loadJobQueueDatabase } from '../../db/job-queue-database';
import type { MailTransport } from '../../email/message';
import type { PgBoss } from '../../jobs/job-queue';
import { mailSendJob, mailSendQueue } from './mail.queue';
import { sendQueuedMail } from './mail.service';

/** context.mail.enqueue: the job is inserted through the caller's transaction, so it exists only if the change commits. */
export async function createMailEnqueuer(boss: PgBoss): Promise<(db: Database, mailId: string) => Promise<void>> {
  // Loaded with the queue: a server without SMTP never loads pg-boss.
  const jobQueueDatabase = await loadJobQueueDatabase();
  return async (db, mailId) => {
    await boss.send(mailSendQueue, { mailId }, { db: jobQueueDatabase(db) });
  };
}

/**
 * Messages one fetch takes, sent at once: five SMTP connections at a time, as nodemailer's pool allows by default and
 * relays commonly accept; each message is then completed, retried or failed on its own (perJobResults).
 */
const mailBatchSize = 5;

/**
 * Sends queued messages as their jobs come in, up to five at once, fetching again at once while fetches come back
 * full; pg-boss gives each job to one worker of one process.
 */
export async function startMailWorker(
  context: ServiceContext,
  boss: PgBoss,
  transport: MailTransport,
  options: { pollingIntervalSeconds?: number } = {},
): Promise<string> {
  return boss.work(
    mailSendQueue,
    {
      includeMetadata: true,
      batchSize: mailBatchSize,
      perJobResults: true,
      burstWhenBatchFull: true,
      pollingIntervalSeconds: options.pollingIntervalSeconds ?? 2,
    },
    async (jobs) => {
      const outcomes = await Promise.allSettled(
        jobs.map(async (job) => {
          const { mailId } = mailSendJob.parse(job.data);
          await sendQueuedMail(context, transport, mailId, { isLastAttempt: job.retryCount >= job.retryLimit });
        }),
      );
      return jobs.map((job, index) => {
        const outcome = outcomes[index];
        if (outcome === undefined || outcome.status === 'fulfilled')
          return { id: job.id, status: 'completed' as const };
        // A failed job is retried with the queue's back-off, as a thrown error was when jobs came one at a time.
        const reason: unknown = outcome.reason;
        return {
          id: job.id,
          status: 'failed' as const,
          output: { message: reason instanceof Error ? reason.message : String(reason) },
        };
      });
    },
  );
}
