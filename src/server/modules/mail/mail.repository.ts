import { and, asc, eq, gt, inArray, lt, or, sql } from 'drizzle-orm';
import type { Database } from '../../db/database';
import { projects } from '../../db/schema';
import { mailAttachments, mailMessages, type MailMessageRow, type MailAttachmentRow } from './mail.tables';

export type { MailMessageRow, MailAttachmentRow };
export type MailAttachmentInfo = Omit<MailAttachmentRow, 'content'>;

export async function insertMailMessage(
  db: Database,
  values: typeof mailMessages.$inferInsert,
): Promise<MailMessageRow> {
  const [row] = await db.insert(mailMessages).values(values).returning();
  if (row === undefined) throw new Error('insert into mail_messages returned no row');
  return row;
}

export async function insertMailAttachments(
  db: Database,
  values: (typeof mailAttachments.$inferInsert)[],
): Promise<void> {
  if (values.length > 0) await db.insert(mailAttachments).values(values);
}

/** Locks the project row, so that two messages written at once agree on which one opens the project's thread. */
export async function lockProjectForMail(db: Database, projectId: string): Promise<boolean> {
  const rows = await db.select({ id: projects.id }).from(projects).where(eq(projects.id, projectId)).for('update');
  return rows.length > 0;
}

/** The Message-ID of the project's first message, which every later one replies to. */
export async function findThreadMessageId(db: Database, projectId: string): Promise<string | null> {
  const [row] = await db
    .select({ messageId: mailMessages.messageId })
    .from(mailMessages)
    .where(eq(mailMessages.projectId, projectId))
    .orderBy(asc(mailMessages.createdAt), asc(mailMessages.id))
    .limit(1);
  return row?.messageId ?? null;
}

/**
 * Takes a message for sending: only a queued or retrying one, or one whose previous claim has expired (its worker
 * died). Two workers can never both hold it: the update is atomic and the second finds the status changed.
 */
export async function claimMailMessage(
  db: Database,
  id: string,
  now: Date,
  claimUntil: Date,
): Promise<MailMessageRow | null> {
  const [row] = await db
    .update(mailMessages)
    .set({ status: 'sending', attempts: sql`${mailMessages.attempts} + 1`, claimedUntil: claimUntil, updatedAt: now })
    .where(
      and(
        eq(mailMessages.id, id),
        or(
          inArray(mailMessages.status, ['queued', 'retrying']),
          and(eq(mailMessages.status, 'sending'), lt(mailMessages.claimedUntil, now)),
        ),
      ),
    )
    .returning();
  return row ?? null;
}

export async function recordMailAttempt(
  db: Database,
  id: string,
  outcome: { status: 'sent' | 'retrying' | 'failed'; response: string; at: Date },
): Promise<void> {
  await db
    .update(mailMessages)
    .set({
      status: outcome.status,
      lastResponse: outcome.response,
      claimedUntil: null,
      updatedAt: outcome.at,
      ...(outcome.status === 'sent' ? { sentAt: outcome.at } : {}),
    })
    .where(eq(mailMessages.id, id));
}

/** The statuses "send again" starts from: the message reached nobody, or only the trial mailbox. */
export const resendableStatuses = ['failed', 'not-configured', 'trial'] as const;

/**
 * Puts a message that was not sent (failed, kept while no SMTP server was configured, or delivered to the trial mailbox
 * only) back in the outbox, atomically: null when its status is no longer one of those (a second "send again" at the
 * same moment).
 */
export async function requeueMailMessage(db: Database, id: string, now: Date): Promise<MailMessageRow | null> {
  const [row] = await db
    .update(mailMessages)
    .set({ status: 'queued', lastResponse: null, claimedUntil: null, updatedAt: now })
    .where(and(eq(mailMessages.id, id), inArray(mailMessages.status, [...resendableStatuses])))
    .returning();
  return row ?? null;
}

/**
 * Records a delivery to the trial mailbox, as an accepted attempt: from a status in `from` (a message sent again),
 * atomically; null when the message is no longer in one of them.
 */
export async function recordTrialDelivery(
  db: Database,
  id: string,
  delivery: { at: Date; response: string; from: readonly MailMessageRow['status'][] },
): Promise<MailMessageRow | null> {
  const [row] = await db
    .update(mailMessages)
    .set({
      status: 'trial',
      attempts: sql`${mailMessages.attempts} + 1`,
      lastResponse: delivery.response,
      claimedUntil: null,
      sentAt: delivery.at,
      updatedAt: delivery.at,
    })
    .where(and(eq(mailMessages.id, id), inArray(mailMessages.status, [...delivery.from])))
    .returning();
  return row ?? null;
}

/**
 * How many messages of a kind were written to an address since a time (any status: a message still queued counts),
 * only those carrying a personal link for `linkReason` when it is given.
 */
export async function countRecentMail(
  db: Database,
  filter: { kind: string; to: string; since: Date; linkReason?: string },
): Promise<number> {
  const [row] = await db
    .select({ count: sql<number>`count(*)::int` })
    .from(mailMessages)
    .where(
      and(
        eq(mailMessages.kind, filter.kind),
        gt(mailMessages.createdAt, filter.since),
        sql`exists (select 1 from jsonb_array_elements(${mailMessages.to}) as recipient where lower(recipient ->> 'email') = ${filter.to.toLowerCase()})`,
        filter.linkReason === undefined
          ? undefined
          : sql`${mailMessages.personalLinks} @> ${JSON.stringify([{ reason: filter.linkReason }])}::jsonb`,
      ),
    );
  return row?.count ?? 0;
}

export async function findMailMessage(db: Database, id: string): Promise<MailMessageRow | null> {
  const [row] = await db.select().from(mailMessages).where(eq(mailMessages.id, id)).limit(1);
  return row ?? null;
}

export async function listMailMessagesOfProject(db: Database, projectId: string): Promise<MailMessageRow[]> {
  return db
    .select()
    .from(mailMessages)
    .where(eq(mailMessages.projectId, projectId))
    .orderBy(asc(mailMessages.createdAt), asc(mailMessages.id));
}

const attachmentInfo = {
  id: mailAttachments.id,
  mailId: mailAttachments.mailId,
  position: mailAttachments.position,
  filename: mailAttachments.filename,
  contentType: mailAttachments.contentType,
  size: mailAttachments.size,
};

export async function listAttachmentInfo(db: Database, mailIds: readonly string[]): Promise<MailAttachmentInfo[]> {
  if (mailIds.length === 0) return [];
  return db
    .select(attachmentInfo)
    .from(mailAttachments)
    .where(inArray(mailAttachments.mailId, [...mailIds]))
    .orderBy(asc(mailAttachments.position));
}

export async function listAttachments(db: Database, mailId: string): Promise<MailAttachmentRow[]> {
  return db
    .select()
    .from(mailAttachments)
    .where(eq(mailAttachments.mailId, mailId))
    .orderBy(asc(mailAttachments.position));
}

export async function findAttachment(
  db: Database,
  mailId: string,
  attachmentId: string,
): Promise<MailAttachmentRow | null> {
  const [row] = await db
    .select()
    .from(mailAttachments)
    .where(and(eq(mailAttachments.mailId, mailId), eq(mailAttachments.id, attachmentId)))
    .limit(1);
  return row ?? null;
}

/** The addresses (lower-cased, each once) a project's emails of one kind were sent to. */
export async function listAddressedEmails(db: Database, projectId: string, kind: string): Promise<string[]> {
  const result = await db.execute<{ email: string }>(sql`
      select distinct lower(recipient ->> 'email') as email
        from mail_messages m, jsonb_array_elements(m.to_addresses) as recipient
       where m.project_id = ${projectId} and m.kind = ${kind}`);
  return (result as { rows: { email: string }[] }).rows.map((row) => row.email);
}
