import { z } from 'zod';
import type { QueueDefinition } from '../../jobs/job-queue';

/** The job that sends one outbox message. */
export const mailSendQueue = 'mail-send';

export const mailSendJob = z.object({ mailId: z.uuid() });
export type MailSendJob = z.infer<typeof mailSendJob>;

export interface MailRetryPolicy {
  /** Attempts after the first. */
  retryLimit: number;
  /** Seconds before the first retry; doubled at each retry (with jitter), up to retryDelayMax. */
  retryDelay: number;
  retryDelayMax: number;
}

/** About 12 hours of retries: 1, 2, 4 … minutes, then hourly. */
export const defaultMailRetryPolicy: MailRetryPolicy = { retryLimit: 16, retryDelay: 60, retryDelayMax: 3600 };

export function mailSendQueueDefinition(policy: MailRetryPolicy): QueueDefinition {
  return {
    name: mailSendQueue,
    retryLimit: policy.retryLimit,
    retryDelay: policy.retryDelay,
    retryDelayMax: policy.retryDelayMax,
    retryBackoff: true,
    // The SMTP timeouts (email/message.ts) end an attempt long before this.
    expireInSeconds: 15 * 60,
  };
}
