import { z } from 'zod';
import { translatorFor } from '../../../domain/text/i18n';
import { languages, mailStatuses } from '../../db/schema';

const en = translatorFor('en', 'errors');

const mailAddressSchema = z.object({ name: z.string().nullable(), email: z.string() }).meta({ id: 'MailAddress' });

export const mailMessageSchema = z
  .object({
    id: z.uuid(),
    projectId: z.uuid().nullable(),
    kind: z.string(),
    language: z.enum(languages),
    messageId: z.string(),
    /** The project's first message, which this one replies to; null on that first message. */
    inReplyTo: z.string().nullable(),
    from: mailAddressSchema,
    replyTo: mailAddressSchema.nullable(),
    to: z.array(mailAddressSchema),
    cc: z.array(mailAddressSchema),
    subject: z.string(),
    status: z.enum(mailStatuses),
    attempts: z.number().int(),
    /** The SMTP server's answer to the last attempt, or why the message was not sent. */
    lastResponse: z.string().nullable(),
    createdAt: z.iso.datetime(),
    sentAt: z.iso.datetime().nullable(),
    attachments: z.array(
      z.object({ id: z.uuid(), filename: z.string(), contentType: z.string(), size: z.number().int() }),
    ),
  })
  .meta({ id: 'MailMessage' });
export type MailMessage = z.infer<typeof mailMessageSchema>;

export const mailMessageDetailSchema = mailMessageSchema
  .extend({
    text: z.string(),
    html: z.string(),
    /** Whether "send again" would work now: the message was not sent and an SMTP server is configured. */
    canSendAgain: z.boolean(),
  })
  .meta({ id: 'MailMessageDetail' });
export type MailMessageDetail = z.infer<typeof mailMessageDetailSchema>;

export const projectMailResponse = z.object({ items: z.array(mailMessageSchema) });

export const attachmentParams = z.object({
  id: z.uuid({ error: en('common.invalid_id') }),
  attachmentId: z.uuid({ error: en('common.invalid_id') }),
});
