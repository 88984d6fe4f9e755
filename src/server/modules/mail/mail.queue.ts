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

/**
 * About 12 hours of retries, never more than 5 minutes apart: 30–60 s, 1–2, 2–4 minutes, then every 5 minutes. A
 * short SMTP outage then delays mail by minutes, not by the hour the back-off had reached.
 */
export const defaultMailRetryPolicy: MailRetryPolicy = { retryLimit: 146, retryDelay: 30, retryDelayMax: 300 };

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
