import { z } from 'zod';
import { translatorFor } from '../../../domain/text/i18n';

const en = translatorFor('en', 'errors');

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
  recipient: z
    .string()
    .trim()
    .max(320, en('mail.search_length', { maximum: 320 }))
    .optional(),
  before: z.string().max(200, en('mail.bad_cursor')).optional(),
  limit: z.coerce
    .number({ error: en('mail.give_a_number') })
    .int()
    .min(1, en('mail.at_least_a_message'))
    .max(200, en('mail.at_most_messages', { maximum: 200 }))
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
  id: z.uuid({ error: en('common.invalid_id') }),
  index: z.coerce
    .number({ error: en('mail.not_an_attachment_number') })
    .int(en('mail.not_an_attachment_number'))
    .min(0, en('mail.not_an_attachment_number'))
    .max(1000, en('mail.not_an_attachment_number')),
});

export const mailModeResponse = z
  .object({
    /** True when no SMTP server is configured: every email goes to the trial mailbox and none leaves the server. */
    isTrialMailbox: z.boolean(),
  })
  .meta({ id: 'MailMode' });
