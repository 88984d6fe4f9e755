import { inTransaction, type ServiceContext } from '../../context';
import { parseComposedMime, type ParsedMime } from '../../email/mime-parse';
import { translate } from '../../../domain/text/i18n';
import { refuse } from '../../errors';
import type { StaffActor } from '../audit/actor';
import { recordAuditEvent } from '../audit/audit.service';
import { findMailMessage } from './mail.repository';
import { isTrialMailbox } from './mail.service';
import type { TrialMailDetail, TrialMailList } from './trial-mail.schemas';
import {
  deleteAllTrialMail,
  findTrialMail,
  listTrialMail,
  listTrialRecipients,
  type TrialMailRow,
} from './trial-mail.repository';

/** The trial mailbox exists only while no SMTP server is configured, and only admins open it. */
function ensureTrialMailbox(context: ServiceContext, actor: StaffActor): void {
  if (!isTrialMailbox(context) || actor.role !== 'admin') {
    throw refuse('not_found', 'mail.no_trial_mailbox');
  }
}

function encodeCursor(row: { deliveredAt: Date; id: string }): string {
  return Buffer.from(`${row.deliveredAt.toISOString()}|${row.id}`).toString('base64url');
}

function decodeCursor(cursor: string): { at: Date; id: string } {
  const [at = '', id = ''] = Buffer.from(cursor, 'base64url').toString('utf8').split('|');
  const date = new Date(at);
  if (Number.isNaN(date.getTime()) || !/^[0-9a-f-]{36}$/.test(id)) {
    throw refuse('validation_failed', 'mail.bad_cursor_start_again', {
      details: [{ path: 'querystring.before', message: translate('en', 'errors', 'mail.bad_cursor') }],
    });
  }
  return { at: date, id };
}

/** The trial mailbox, newest first, optionally only the messages to an address (a part of it, or of the name); admins only. */
export async function listTrialMailbox(
  context: ServiceContext,
  actor: StaffActor,
  query: { recipient?: string; before?: string; limit: number },
): Promise<TrialMailList> {
  ensureTrialMailbox(context, actor);
  const before = query.before === undefined ? undefined : decodeCursor(query.before);
  const rows = await listTrialMail(context.db, { recipient: query.recipient, before, limit: query.limit + 1 });
  const page = rows.slice(0, query.limit);
  const last = page.at(-1);
  return {
    items: page.map((row) => ({ ...row, deliveredAt: row.deliveredAt.toISOString() })),
    nextCursor: rows.length > query.limit && last !== undefined ? encodeCursor(last) : null,
    recipients: (await listTrialRecipients(context.db)).map((recipient) => ({
      name: recipient.name,
      email: recipient.email,
      count: recipient.count,
    })),
  };
}

async function getTrialRow(
  context: ServiceContext,
  actor: StaffActor,
  id: string,
): Promise<{ row: TrialMailRow & { kind: string; projectReference: string | null }; parsed: ParsedMime }> {
  ensureTrialMailbox(context, actor);
  const row = await findTrialMail(context.db, id);
  if (row === null) throw refuse('not_found', 'mail.no_such_trial_message');
  return { row, parsed: parseComposedMime(row.raw) };
}

/**
 * One message of the trial mailbox as its recipients received it, read from what was delivered (the MIME message with its
 * real personal links): headers, text, HTML, calendar invitation and attachments. Throws not_found.
 */
export async function getTrialMessage(
  context: ServiceContext,
  actor: StaffActor,
  id: string,
): Promise<TrialMailDetail> {
  const { row, parsed } = await getTrialRow(context, actor, id);
  const mail = await findMailMessage(context.db, row.mailId);
  if (mail === null) throw refuse('not_found', 'mail.no_such_trial_message');
  return {
    id: row.id,
    mailId: row.mailId,
    projectId: row.projectId,
    projectReference: row.projectReference,
    kind: row.kind,
    recipients: row.recipients,
    subject: row.subject,
    deliveredAt: row.deliveredAt.toISOString(),
    from: mail.from,
    replyTo: mail.replyTo,
    to: mail.to,
    cc: mail.cc,
    text: parsed.text ?? '',
    html: parsed.html ?? '',
    calendar: parsed.calendar === null ? null : { method: parsed.calendar.method },
    attachments: parsed.attachments.map((attachment, index) => ({
      index,
      filename: attachment.filename,
      contentType: attachment.contentType,
      size: attachment.content.length,
    })),
  };
}

/** One attachment of a trial message, by its position in the message; throws not_found. */
export async function getTrialAttachment(context: ServiceContext, actor: StaffActor, id: string, index: number) {
  const { parsed } = await getTrialRow(context, actor, id);
  const attachment = parsed.attachments[index];
  if (attachment === undefined) throw refuse('not_found', 'mail.no_such_trial_attachment');
  return attachment;
}

/** The calendar invitation a trial message carries, as the .ics a calendar application opens; throws not_found. */
export async function getTrialCalendar(context: ServiceContext, actor: StaffActor, id: string): Promise<string> {
  const { parsed } = await getTrialRow(context, actor, id);
  if (parsed.calendar === null) throw refuse('not_found', 'mail.no_calendar');
  return parsed.calendar.content;
}

/** The whole trial message as delivered (.eml); throws not_found. */
export async function getTrialSource(context: ServiceContext, actor: StaffActor, id: string): Promise<Buffer> {
  const { row } = await getTrialRow(context, actor, id);
  return row.raw;
}

/** Empties the trial mailbox (the outbox keeps its record of every message); answers how many messages it held. */
export async function emptyTrialMailbox(context: ServiceContext, actor: StaffActor): Promise<{ removed: number }> {
  ensureTrialMailbox(context, actor);
  return inTransaction(context, async (db) => {
    const removed = await deleteAllTrialMail(db);
    await recordAuditEvent(db, actor, {
      action: 'mail.trial-emptied',
      subjectType: 'trial-mailbox',
      after: { removed },
    });
    return { removed };
  });
}
