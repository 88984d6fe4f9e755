import { randomUUID } from 'node:crypto';
import { inTransaction, type ServiceContext } from '../../context';
import type { Database } from '../../db/database';
import type { MailAddress, languages } from '../../db/schema';
import { composeMime, toMailOptions, type MailTransport } from '../../email/message';
import { AppError } from '../../errors';
import { systemActor, type Actor, type StaffActor } from '../audit/actor';
import { recordAuditEvent } from '../audit/audit.service';
import { checkProjectReadable, getProjectForAction, refreshProjectProcess } from '../projects/projects.service';
import {
  claimMailMessage,
  findAttachment,
  findMailMessage,
  findThreadMessageId,
  insertMailAttachments,
  insertMailMessage,
  listAttachmentInfo,
  listAttachments,
  listMailMessagesOfProject,
  lockProjectForMail,
  recordMailAttempt,
  requeueMailMessage,
  type MailAttachmentInfo,
  type MailMessageRow,
} from './mail.repository';
import type { MailMessage, MailMessageDetail } from './mail.schemas';

export interface NewMail {
  projectId: string | null;
  /** What the message is: the email template key, such as service-presentation. */
  kind: string;
  language: (typeof languages)[number];
  to: MailAddress[];
  cc?: MailAddress[];
  /** Where the recipient's answer goes: the staff member who sent the message. */
  replyTo: MailAddress | null;
  subject: string;
  text: string;
  html: string;
  attachments?: { filename: string; contentType: string; content: Buffer }[];
  /** A calendar invitation: sent as the text/calendar part (with its method) and as invite.ics. */
  calendar?: { method: 'REQUEST' | 'CANCEL' | 'PUBLISH'; content: string };
}

/** How long a worker owns a message it is sending; far beyond the SMTP timeouts, so only a dead worker loses it. */
const claimMs = 10 * 60 * 1000;

/**
 * Writes a message to the outbox inside the caller's transaction, and hands it to the sending job in that same
 * transaction: the change and its email are committed together or not at all. A project's messages form one thread:
 * each one after the first replies to it (In-Reply-To, References). Throws not_found when the project does not exist.
 */
export async function queueMail(context: ServiceContext, db: Database, actor: Actor, mail: NewMail): Promise<MailMessageRow> {
  if (mail.to.length === 0) throw new AppError('validation_failed', 'An email needs at least one recipient.');
  let threadMessageId: string | null = null;
  if (mail.projectId !== null) {
    if (!(await lockProjectForMail(db, mail.projectId))) throw new AppError('not_found', 'No such project.');
    threadMessageId = await findThreadMessageId(db, mail.projectId);
  }
  const isSendable = context.mail.enqueue !== null;
  const row = await insertMailMessage(db, {
    projectId: mail.projectId,
    kind: mail.kind,
    language: mail.language,
    messageId: `<${randomUUID()}@${context.mail.messageIdDomain}>`,
    threadMessageId,
    from: context.mail.from,
    replyTo: mail.replyTo,
    to: mail.to,
    cc: mail.cc ?? [],
    subject: mail.subject,
    text: mail.text,
    html: mail.html,
    calendarMethod: mail.calendar?.method ?? null,
    calendarContent: mail.calendar?.content ?? null,
    status: isSendable ? 'queued' : 'not-configured',
    lastResponse: isSendable ? null : 'Not sent: no SMTP server is configured (SMTP_URL).',
    createdBy: actor.userId,
    createdAt: context.now(),
    updatedAt: context.now(),
  });
  await insertMailAttachments(
    db,
    (mail.attachments ?? []).map((attachment, position) => ({
      mailId: row.id,
      position,
      filename: attachment.filename,
      contentType: attachment.contentType,
      size: attachment.content.length,
      content: attachment.content,
    })),
  );
  await recordAuditEvent(db, actor, {
    action: 'mail.queued',
    projectId: mail.projectId ?? undefined,
    subjectType: 'mail',
    subjectId: row.id,
    after: { kind: mail.kind, to: mail.to.map((address) => address.email), subject: mail.subject, status: row.status },
  });
  if (context.mail.enqueue !== null) await context.mail.enqueue(db, row.id);
  return row;
}

export type SendOutcome = 'sent' | 'retrying' | 'failed' | 'not-claimed';

/**
 * Sends one outbox message (the mail job's work). A message another worker holds, or one already sent, is left alone.
 * A refusal is recorded with the server's answer; it is rethrown so the job is retried, except on the last attempt,
 * where the message ends as failed for the manager to see.
 */
export async function sendQueuedMail(
  context: ServiceContext,
  transport: MailTransport,
  mailId: string,
  attempt: { isLastAttempt: boolean },
): Promise<SendOutcome> {
  const now = context.now();
  const message = await claimMailMessage(context.db, mailId, now, new Date(now.getTime() + claimMs));
  if (message === null) {
    // Sent already: if the project's refresh failed after the send (this job is then retried), do it now; it is idempotent.
    const sent = await findMailMessage(context.db, mailId);
    if (sent?.status === 'sent' && sent.projectId !== null) await refreshProjectProcess(context, sent.projectId, systemActor, `mail.sent:${sent.kind}`);
    return 'not-claimed';
  }
  const attachments = await listAttachments(context.db, mailId);
  let response: string;
  try {
    ({ response } = await transport.send(toMailOptions(message, attachments, now)));
  } catch (error) {
    const answer = describeSmtpError(error);
    const status = attempt.isLastAttempt ? 'failed' : 'retrying';
    await recordMailAttempt(context.db, mailId, { status, response: answer, at: context.now() });
    if (status === 'failed') {
      await recordAuditEvent(context.db, systemActor, {
        action: 'mail.failed',
        projectId: message.projectId ?? undefined,
        subjectType: 'mail',
        subjectId: mailId,
        after: { attempts: message.attempts, response: answer },
      });
      return 'failed';
    }
    throw error;
  }
  await recordMailAttempt(context.db, mailId, { status: 'sent', response, at: context.now() });
  await recordAuditEvent(context.db, systemActor, {
    action: 'mail.sent',
    projectId: message.projectId ?? undefined,
    subjectType: 'mail',
    subjectId: mailId,
    after: { attempts: message.attempts, response },
  });
  // A sent email can be what a step waits for (the presentation, the engineer's contact).
  if (message.projectId !== null) await refreshProjectProcess(context, message.projectId, systemActor, `mail.sent:${message.kind}`);
  return 'sent';
}

function describeSmtpError(error: unknown): string {
  const smtp = error as { response?: unknown; code?: unknown; message?: unknown };
  if (typeof smtp.response === 'string' && smtp.response !== '') return smtp.response;
  const message = typeof smtp.message === 'string' ? smtp.message : String(error);
  return typeof smtp.code === 'string' ? `${smtp.code}: ${message}` : message;
}

function presentMessage(row: MailMessageRow, attachments: readonly MailAttachmentInfo[]): MailMessage {
  return {
    id: row.id,
    projectId: row.projectId,
    kind: row.kind,
    language: row.language,
    messageId: row.messageId,
    inReplyTo: row.threadMessageId,
    from: row.from,
    replyTo: row.replyTo,
    to: row.to,
    cc: row.cc,
    subject: row.subject,
    status: row.status,
    attempts: row.attempts,
    lastResponse: row.lastResponse,
    createdAt: row.createdAt.toISOString(),
    sentAt: row.sentAt?.toISOString() ?? null,
    attachments: attachments
      .filter((attachment) => attachment.mailId === row.id)
      .map((attachment) => ({ id: attachment.id, filename: attachment.filename, contentType: attachment.contentType, size: attachment.size })),
  };
}

/** Every message of a project, oldest first, for whoever may see the project; throws not_found. */
export async function listProjectMail(context: ServiceContext, actor: StaffActor, projectId: string): Promise<MailMessage[]> {
  await checkProjectReadable(context, actor, projectId);
  const rows = await listMailMessagesOfProject(context.db, projectId);
  const attachments = await listAttachmentInfo(context.db, rows.map((row) => row.id));
  return rows.map((row) => presentMessage(row, attachments));
}

async function getReadableMessage(context: ServiceContext, actor: StaffActor, mailId: string): Promise<MailMessageRow> {
  const row = await findMailMessage(context.db, mailId);
  // Messages outside any project (none yet) are for admins only.
  if (row === null || (row.projectId === null && actor.role !== 'admin')) throw new AppError('not_found', 'No such message.');
  if (row.projectId !== null) {
    await checkProjectReadable(context, actor, row.projectId).catch((error: unknown) => {
      throw error instanceof AppError && error.code === 'not_found' ? new AppError('not_found', 'No such message.') : error;
    });
  }
  return row;
}

/** One message with both of its parts, as it was (or would have been) sent; throws not_found. */
export async function getMailMessage(context: ServiceContext, actor: StaffActor, mailId: string): Promise<MailMessageDetail> {
  const row = await getReadableMessage(context, actor, mailId);
  const attachments = await listAttachmentInfo(context.db, [row.id]);
  const canSendAgain = context.mail.enqueue !== null && (row.status === 'failed' || row.status === 'not-configured');
  return { ...presentMessage(row, attachments), text: row.text, html: row.html, canSendAgain };
}

/**
 * Sends a message again that ended without being sent: failed after its last try, or kept while no SMTP server was
 * configured. The same message (same Message-ID, so a recipient who did get a copy sees one thread entry) goes back to
 * the outbox with a fresh round of retries. Who may act on its project may send it again; a message outside any project,
 * only an admin. Throws not_found, forbidden, or conflict (sent, still being sent, no SMTP server).
 */
export async function resendMail(context: ServiceContext, actor: StaffActor, mailId: string): Promise<MailMessageDetail> {
  const row = await getReadableMessage(context, actor, mailId);
  if (row.projectId !== null) await getProjectForAction(context, actor, row.projectId);
  if (context.mail.enqueue === null) {
    throw new AppError('conflict', 'No SMTP server is configured (SMTP_URL), so the message cannot be sent. Ask an administrator to configure one.');
  }
  const enqueue = context.mail.enqueue;
  await inTransaction(context, async (db) => {
    const requeued = await requeueMailMessage(db, mailId, context.now());
    if (requeued === null) {
      const current = (await findMailMessage(db, mailId)) ?? row;
      throw new AppError(
        'conflict',
        current.status === 'sent'
          ? `This message was already accepted by the mail server${current.sentAt === null ? '' : ` on ${current.sentAt.toISOString().slice(0, 16).replace('T', ' ')} UTC`}.`
          : 'This message is being sent: wait until it is sent or fails before sending it again.',
      );
    }
    await recordAuditEvent(db, actor, {
      action: 'mail.resent',
      projectId: row.projectId ?? undefined,
      subjectType: 'mail',
      subjectId: mailId,
      before: { status: row.status, lastResponse: row.lastResponse, attempts: row.attempts },
      after: { status: requeued.status },
    });
    await enqueue(db, mailId);
  });
  return getMailMessage(context, actor, mailId);
}

/** The message as the RFC 5322 file an email client opens (.eml), dated when it was written; throws not_found. */
export async function getMailMessageSource(context: ServiceContext, actor: StaffActor, mailId: string): Promise<Buffer> {
  const row = await getReadableMessage(context, actor, mailId);
  return composeMime(toMailOptions(row, await listAttachments(context.db, mailId), row.sentAt ?? row.createdAt));
}

/** One attachment of a message; throws not_found. */
export async function getMailAttachment(context: ServiceContext, actor: StaffActor, mailId: string, attachmentId: string) {
  await getReadableMessage(context, actor, mailId);
  const attachment = await findAttachment(context.db, mailId, attachmentId);
  if (attachment === null) throw new AppError('not_found', 'No such attachment.');
  return attachment;
}
