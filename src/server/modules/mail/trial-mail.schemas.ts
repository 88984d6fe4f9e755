import { z } from 'zod';

const addressSchema = z.object({ name: z.string().nullable(), email: z.string() });

export const trialMailSummarySchema = z
  .object({
    id: z.uuid(),
    mailId: z.uuid(),
    projectId: z.uuid().nullable(),
    projectReference: z.string().nullable(),
    /** What the message is: the email template key, such as engineer-contact. */
    kind: z.string(),
    recipients: z.array(addressSchema),
    subject: z.string(),
    deliveredAt: z.iso.datetime(),
  })
  .meta({ id: 'TrialMailSummary' });
export type TrialMailSummary = z.infer<typeof trialMailSummarySchema>;

export const trialMailListResponse = z
  .object({
    items: z.array(trialMailSummarySchema),
    /** Pass as `before` for the next (older) page; null on the last page. */
    nextCursor: z.string().nullable(),
    /** Every address the mailbox holds messages for, newest delivery first, for the filter. */
    recipients: z.array(addressSchema.extend({ count: z.number().int() })),
  })
  .meta({ id: 'TrialMailList' });
export type TrialMailList = z.infer<typeof trialMailListResponse>;

export const trialMailQuery = z.object({
  recipient: z.string().trim().max(320, 'Search with at most 320 characters.').optional(),
  before: z.string().max(200, 'Not a page position this list gave.').optional(),
  limit: z.coerce
    .number({ error: 'Give a number of messages.' })
    .int()
    .min(1, 'Ask for at least 1 message.')
    .max(200, 'Ask for at most 200 messages.')
    .default(50),
});

export const trialMailDetailSchema = trialMailSummarySchema
  .extend({
    from: addressSchema,
    replyTo: addressSchema.nullable(),
    to: z.array(addressSchema),
    cc: z.array(addressSchema),
    /** The parts exactly as delivered, personal links included: for an admin acting as the recipient. */
    text: z.string(),
    html: z.string(),
    /** The calendar invitation the message carries (its method, such as REQUEST), or null. */
    calendar: z.object({ method: z.string().nullable() }).nullable(),
    attachments: z.array(
      z.object({ index: z.number().int(), filename: z.string(), contentType: z.string(), size: z.number().int() }),
    ),
  })
  .meta({ id: 'TrialMailDetail' });
export type TrialMailDetail = z.infer<typeof trialMailDetailSchema>;

export const trialAttachmentParams = z.object({
  id: z.uuid({ error: 'Not a valid id.' }),
  index: z.coerce
    .number({ error: 'Not an attachment number.' })
    .int('Not an attachment number.')
    .min(0, 'Not an attachment number.')
    .max(1000, 'Not an attachment number.'),
});

export const mailModeResponse = z
  .object({
    /** True when no SMTP server is configured: every email goes to the trial mailbox and none leaves the server. */
    isTrialMailbox: z.boolean(),
  })
  .meta({ id: 'MailMode' });
