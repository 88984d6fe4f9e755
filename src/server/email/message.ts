import type { SendMailOptions } from 'nodemailer';
import type { mailAttachments, mailMessages } from '../db/schema';
import { toNodemailerAddress } from './addresses';

// The outbox's rows, read from the tables: the email runtime knows the mail module only through what it stores.
type MailMessageRow = typeof mailMessages.$inferSelect;
type MailAttachmentRow = typeof mailAttachments.$inferSelect;

/**
 * The nodemailer message of an outbox row: the same options make the message that is sent and the .eml a person
 * can download from the Mail tab, so what is shown is what went out.
 */
export function toMailOptions(
  row: MailMessageRow,
  attachments: readonly MailAttachmentRow[],
  date: Date,
): SendMailOptions {
  return {
    messageId: row.messageId,
    ...(row.threadMessageId === null ? {} : { inReplyTo: row.threadMessageId, references: [row.threadMessageId] }),
    date,
    from: toNodemailerAddress(row.from),
    ...(row.replyTo === null ? {} : { replyTo: toNodemailerAddress(row.replyTo) }),
    to: row.to.map(toNodemailerAddress),
    ...(row.cc.length === 0 ? {} : { cc: row.cc.map(toNodemailerAddress) }),
    subject: row.subject,
    text: row.text,
    html: row.html,
    ...(row.calendarMethod === null || row.calendarContent === null
      ? {}
      : { icalEvent: { method: row.calendarMethod, filename: 'invite.ics', content: row.calendarContent } }),
    attachments: attachments.map((attachment) => ({
      filename: attachment.filename,
      contentType: attachment.contentType,
      content: attachment.content,
    })),
  };
}

/** The whole MIME message (RFC 5322) of those options. */
export async function composeMime(options: SendMailOptions): Promise<Buffer> {
  const { default: MailComposer } = await import('nodemailer/lib/mail-composer');
  return new MailComposer(options).compile().build();
}

export interface MailTransport {
  /** Resolves with the SMTP server's answer once it has accepted the message; rejects with its refusal. */
  send: (options: SendMailOptions) => Promise<{ response: string }>;
  close: () => void;
}

/** Sends through the SMTP server of SMTP_URL, with timeouts well under the mail job's expiry. */
export async function createSmtpTransport(url: string): Promise<MailTransport> {
  const { default: nodemailer } = await import('nodemailer');
  const parsed = new URL(url);
  const transporter = nodemailer.createTransport({
    host: parsed.hostname,
    port: parsed.port === '' ? undefined : Number(parsed.port),
    secure: parsed.protocol === 'smtps:',
    ...(parsed.username === ''
      ? {}
      : { auth: { user: decodeURIComponent(parsed.username), pass: decodeURIComponent(parsed.password) } }),
    connectionTimeout: 30_000,
    greetingTimeout: 30_000,
    socketTimeout: 60_000,
  });
  return {
    send: async (options) => {
      const info = (await transporter.sendMail(options)) as { response?: string };
      return { response: info.response ?? 'accepted' };
    },
    close: () => transporter.close(),
  };
}
