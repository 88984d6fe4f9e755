import { randomUUID } from 'node:crypto';
import { inTransaction, type ServiceContext } from '../../context';
import type { Database } from '../../db/database';
import type { MailAddress, PersonalLinkSlot, languages } from '../../db/schema';
import { composeMime, toMailOptions, type MailTransport } from '../../email/message';
import { translate, type TextKey } from '../../../domain/text/i18n';
import { AppError, refuse } from '../../errors';
import { systemActor, type Actor, type StaffActor } from '../audit/actor';
import { recordAuditEvent } from '../audit/audit.service';
import {
  advanceProjectIn,
  checkProjectReadable,
  getProjectForAction,
  refreshProjectProcess,
} from '../projects/projects.service';
import {
  claimMailMessage,
  countRecentMail as countRecentMailRows,
  findAttachment,
  findMailMessage,
  findThreadMessageId,
  insertMailAttachments,
  insertMailMessage,
  listAddressedEmails,
  listAttachmentInfo,
  listAttachments,
  listMailMessagesOfProject,
  lockProjectForMail,
  recordMailAttempt,
  recordTrialDelivery,
  requeueMailMessage,
  resendableStatuses,
  type MailAttachmentInfo,
  type MailMessageRow,
} from './mail.repository';
import type { MailMessage, MailMessageDetail } from './mail.schemas';
import { checkPersonalLinkSlots, fillPersonalLinks, mintPersonalLinks } from './personal-links';
import { insertTrialMail } from './trial-mail.repository';

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
  /**
   * The personal links the message carries: the text and HTML hold each slot's placeholder (personal-links.ts), and
   * a fresh token for it is minted when the message is delivered, into what is delivered only.
   */
  personalLinks?: PersonalLinkSlot[];
}

/** Whether email goes to the trial mailbox instead of an SMTP server: SMTP_URL is not set. */
export function isTrialMailbox(context: ServiceContext): boolean {
  return context.mail.enqueue === null;
}

/**
 * What "send again" starts from without an SMTP server: also a message still waiting for one (queued while SMTP_URL was
 * set, then the server started without it), which no worker will ever send.
 */
const trialResendableStatuses = [...resendableStatuses, 'queued', 'retrying'] as const;

function resendableFrom(context: ServiceContext): readonly MailMessageRow['status'][] {
  return isTrialMailbox(context) ? trialResendableStatuses : resendableStatuses;
}

/** Recorded as the message's last answer, beside the SMTP servers' own answers (which are in their words). */
const trialResponse = translate('en', 'errors', 'mail.delivered_to_trial_mailbox');

/** How long a worker owns a message it is sending; far beyond the SMTP timeouts, so only a dead worker loses it. */
const claimMs = 10 * 60 * 1000;

/**
 * Writes a message to the outbox inside the caller's transaction, and hands it to the sending job in that same
 * transaction: the change and its email are committed together or not at all. A project's messages form one thread:
 * each one after the first replies to it (In-Reply-To, References). Throws not_found when the project does not exist.
 */
export async function queueMail(
  context: ServiceContext,
  db: Database,
  actor: Actor,
  mail: NewMail,
): Promise<MailMessageRow> {
  if (mail.to.length === 0) throw refuse('validation_failed', 'mail.no_recipient');
  checkPersonalLinkSlots(mail.personalLinks ?? []);
  let threadMessageId: string | null = null;
  if (mail.projectId !== null) {
    if (!(await lockProjectForMail(db, mail.projectId))) throw refuse('not_found', 'common.no_such_project');
    threadMessageId = await findThreadMessageId(db, mail.projectId);
  }
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
    personalLinks: mail.personalLinks ?? [],
    status: 'queued',
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
  if (context.mail.enqueue !== null) {
    await context.mail.enqueue(db, row.id);
    return row;
  }
  // Delivered in this same transaction: a trial message exists exactly when the change that caused it does.
  return (await deliverToTrialMailbox(context, db, row, ['queued'])) ?? row;
}

/** The message as delivered: each personal link's placeholder replaced by the token minted for this delivery. */
function withPersonalLinks(row: MailMessageRow, tokens: ReadonlyMap<string, string>): MailMessageRow {
  return { ...row, text: fillPersonalLinks(row.text, tokens), html: fillPersonalLinks(row.html, tokens) };
}

/**
 * Delivers a message to the trial mailbox inside the caller's transaction, as an SMTP server would receive it: fresh
 * personal links, the same MIME. It then counts as accepted, so the step it completes advances here, as the worker does
 * after an SMTP server accepted a message. Null when the message's status is no longer one of `from`.
 */
async function deliverToTrialMailbox(
  context: ServiceContext,
  db: Database,
  row: MailMessageRow,
  from: readonly MailMessageRow['status'][],
): Promise<MailMessageRow | null> {
  const now = context.now();
  const delivered = await recordTrialDelivery(db, row.id, { at: now, response: trialResponse, from });
  if (delivered === null) return null;
  const tokens = await mintPersonalLinks(context, db, delivered);
  const raw = await composeMime(
    toMailOptions(withPersonalLinks(delivered, tokens), await listAttachments(db, row.id), now),
  );
  const trial = await insertTrialMail(db, {
    mailId: row.id,
    projectId: row.projectId,
    recipients: [...row.to, ...row.cc],
    subject: row.subject,
    raw,
    deliveredAt: now,
  });
  await recordAuditEvent(db, systemActor, {
    action: 'mail.trial-delivered',
    projectId: row.projectId ?? undefined,
    subjectType: 'mail',
    subjectId: row.id,
    after: { trialMailId: trial.id, attempts: delivered.attempts },
  });
  if (row.projectId !== null) await advanceProjectIn(context, db, row.projectId, systemActor, `mail.trial:${row.kind}`);
  return delivered;
}

/**
 * How many messages of a kind were written to an address since a time, whatever became of them; with `linkReason`,
 * only those carrying a personal link for that reason (a limit on emails that carry links counts them here, since a
 * link itself is minted only at delivery).
 */
export async function countRecentMail(
  db: Database,
  filter: { kind: string; to: string; since: Date; linkReason?: string },
): Promise<number> {
  return countRecentMailRows(db, filter);
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
    if (sent?.status === 'sent' && sent.projectId !== null)
      await refreshProjectProcess(context, sent.projectId, systemActor, `mail.sent:${sent.kind}`);
    return 'not-claimed';
  }
  const attachments = await listAttachments(context.db, mailId);
  let response: string;
  try {
    // Every attempt mints its own tokens, committed before the message leaves: the link must work when it arrives. The
    // tokens of an earlier attempt stay valid until they expire, since an attempt whose connection dropped may still
    // have been accepted; they reached no one but the SMTP server.
    const tokens =
      message.personalLinks.length === 0
        ? new Map<string, string>()
        : await inTransaction(context, (db) => mintPersonalLinks(context, db, message));
    ({ response } = await transport.send(toMailOptions(withPersonalLinks(message, tokens), attachments, now)));
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
  if (message.projectId !== null)
    await refreshProjectProcess(context, message.projectId, systemActor, `mail.sent:${message.kind}`);
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
      .map((attachment) => ({
        id: attachment.id,
        filename: attachment.filename,
        contentType: attachment.contentType,
        size: attachment.size,
      })),
  };
}

/**
 * A project's mail is read by the people who work on it (its engineer, managers, admins) and by support once it is
 * complete; for anyone else the project has no mail to show, answered like one that does not exist.
 */
async function checkProjectMailReadable(
  context: ServiceContext,
  actor: StaffActor,
  projectId: string,
  notFound: TextKey<'errors'>,
): Promise<void> {
  try {
    if (actor.role === 'support') await checkProjectReadable(context, actor, projectId);
    else await getProjectForAction(context, actor, projectId);
  } catch (error) {
    if (error instanceof AppError && (error.code === 'not_found' || error.code === 'forbidden'))
      throw refuse('not_found', notFound);
    throw error;
  }
}

/** Every message of a project, oldest first, for whoever may read its mail; throws not_found. */
export async function listProjectMail(
  context: ServiceContext,
  actor: StaffActor,
  projectId: string,
): Promise<MailMessage[]> {
  await checkProjectMailReadable(context, actor, projectId, 'common.no_such_project');
  const rows = await listMailMessagesOfProject(context.db, projectId);
  const attachments = await listAttachmentInfo(
    context.db,
    rows.map((row) => row.id),
  );
  return rows.map((row) => presentMessage(row, attachments));
}

async function getReadableMessage(context: ServiceContext, actor: StaffActor, mailId: string): Promise<MailMessageRow> {
  const row = await findMailMessage(context.db, mailId);
  // Messages outside any project (none yet) are for admins only.
  if (row === null || (row.projectId === null && actor.role !== 'admin'))
    throw refuse('not_found', 'mail.no_such_message');
  if (row.projectId !== null) await checkProjectMailReadable(context, actor, row.projectId, 'mail.no_such_message');
  return row;
}

/**
 * One message with both of its parts as stored: each personal link shows as its redacted placeholder, since its token
 * went only to the recipient. Throws not_found.
 */
export async function getMailMessage(
  context: ServiceContext,
  actor: StaffActor,
  mailId: string,
): Promise<MailMessageDetail> {
  const row = await getReadableMessage(context, actor, mailId);
  const attachments = await listAttachmentInfo(context.db, [row.id]);
  const canSendAgain = resendableFrom(context).includes(row.status);
  return { ...presentMessage(row, attachments), text: row.text, html: row.html, canSendAgain };
}

/**
 * Sends a message again that was not sent: failed after its last try, kept while no SMTP server was configured, or
 * delivered only to the trial mailbox. The same message (same Message-ID, so a recipient who did get a copy sees one
 * thread entry) goes back to the outbox with a fresh round of retries, or, without an SMTP server, to the trial mailbox
 * again; either way its personal links are minted afresh. Who may act on its project may send it again; a message
 * outside any project, only an admin. Throws not_found, forbidden, or conflict (sent, or still being sent).
 */
export async function resendMail(
  context: ServiceContext,
  actor: StaffActor,
  mailId: string,
): Promise<MailMessageDetail> {
  const row = await getReadableMessage(context, actor, mailId);
  if (row.projectId !== null) await getProjectForAction(context, actor, row.projectId);
  const enqueue = context.mail.enqueue;
  await inTransaction(context, async (db) => {
    const resent =
      enqueue === null
        ? await deliverToTrialMailbox(context, db, row, resendableFrom(context))
        : await requeueMailMessage(db, mailId, context.now());
    if (resent === null) {
      const current = (await findMailMessage(db, mailId)) ?? row;
      if (current.status !== 'sent') throw refuse('conflict', 'mail.being_sent');
      throw current.sentAt === null
        ? refuse('conflict', 'mail.already_accepted')
        : refuse('conflict', 'mail.already_accepted_on', {
            values: { time: current.sentAt.toISOString().slice(0, 16).replace('T', ' ') },
          });
    }
    await recordAuditEvent(db, actor, {
      action: 'mail.resent',
      projectId: row.projectId ?? undefined,
      subjectType: 'mail',
      subjectId: mailId,
      before: { status: row.status, lastResponse: row.lastResponse, attempts: row.attempts },
      after: { status: resent.status },
    });
    if (enqueue !== null) await enqueue(db, mailId);
  });
  return getMailMessage(context, actor, mailId);
}

/**
 * The message as the RFC 5322 file an email client opens (.eml), dated when it was written, with its personal links
 * redacted as stored; throws not_found.
 */
export async function getMailMessageSource(
  context: ServiceContext,
  actor: StaffActor,
  mailId: string,
): Promise<Buffer> {
  const row = await getReadableMessage(context, actor, mailId);
  return composeMime(toMailOptions(row, await listAttachments(context.db, mailId), row.sentAt ?? row.createdAt));
}

/** One attachment of a message; throws not_found. */
export async function getMailAttachment(
  context: ServiceContext,
  actor: StaffActor,
  mailId: string,
  attachmentId: string,
) {
  await getReadableMessage(context, actor, mailId);
  const attachment = await findAttachment(context.db, mailId, attachmentId);
  if (attachment === null) throw refuse('not_found', 'mail.no_such_attachment');
  return attachment;
}

/** The addresses (lower-cased, each once) a project's emails of one kind were sent to. */
export async function listAddressesOfProjectMail(db: Database, projectId: string, kind: string): Promise<string[]> {
  return listAddressedEmails(db, projectId, kind);
}
