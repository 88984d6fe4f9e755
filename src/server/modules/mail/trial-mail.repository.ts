import { and, desc, eq, lt, or, sql } from 'drizzle-orm';
import type { Database } from '../../db/database';
import { projects } from '../../db/schema';
import { mailMessages, trialMail, type TrialMailRow } from './mail.tables';

export type { TrialMailRow };

export async function insertTrialMail(db: Database, values: typeof trialMail.$inferInsert): Promise<TrialMailRow> {
  const [row] = await db.insert(trialMail).values(values).returning();
  if (row === undefined) throw new Error('insert into trial_mail returned no row');
  return row;
}

export interface TrialMailSummaryRow {
  id: string;
  mailId: string;
  projectId: string | null;
  projectReference: string | null;
  kind: string;
  recipients: TrialMailRow['recipients'];
  subject: string;
  deliveredAt: Date;
}

/**
 * The trial mailbox, newest first, `limit` rows from the keyset position `before` (a delivery time and id); with
 * `recipient`, only the messages to an address containing it.
 */
export async function listTrialMail(
  db: Database,
  filter: { recipient?: string; before?: { at: Date; id: string }; limit: number },
): Promise<TrialMailSummaryRow[]> {
  const recipient = filter.recipient?.trim().toLowerCase();
  return db
    .select({
      id: trialMail.id,
      mailId: trialMail.mailId,
      projectId: trialMail.projectId,
      projectReference: projects.reference,
      kind: mailMessages.kind,
      recipients: trialMail.recipients,
      subject: trialMail.subject,
      deliveredAt: trialMail.deliveredAt,
    })
    .from(trialMail)
    .innerJoin(mailMessages, eq(mailMessages.id, trialMail.mailId))
    .leftJoin(projects, eq(projects.id, trialMail.projectId))
    .where(
      and(
        recipient === undefined || recipient === ''
          ? undefined
          : sql`exists (select 1 from jsonb_array_elements(${trialMail.recipients}) as address
                 where strpos(lower(address ->> 'email'), ${recipient}) > 0 or strpos(lower(coalesce(address ->> 'name', '')), ${recipient}) > 0)`,
        filter.before === undefined
          ? undefined
          : or(
              lt(trialMail.deliveredAt, filter.before.at),
              and(eq(trialMail.deliveredAt, filter.before.at), lt(trialMail.id, filter.before.id)),
            ),
      ),
    )
    .orderBy(desc(trialMail.deliveredAt), desc(trialMail.id))
    .limit(filter.limit);
}

/** The addresses the trial mailbox holds messages for, each with its newest delivery, newest first. */
export async function listTrialRecipients(
  db: Database,
): Promise<{ email: string; name: string | null; count: number; latestAt: Date }[]> {
  const result: unknown = await db.execute(sql`
    select lower(address ->> 'email') as email, max(address ->> 'name') as name, count(*)::int as count, max(t.delivered_at) as latest_at
      from trial_mail t, jsonb_array_elements(t.recipients) as address
     group by lower(address ->> 'email')
     order by max(t.delivered_at) desc
     limit 500`);
  return (
    result as { rows: { email: string; name: string | null; count: number; latest_at: string | Date }[] }
  ).rows.map((row) => ({
    email: row.email,
    name: row.name,
    count: row.count,
    latestAt: new Date(row.latest_at),
  }));
}

export async function findTrialMail(
  db: Database,
  id: string,
): Promise<(TrialMailRow & { kind: string; projectReference: string | null }) | null> {
  const [row] = await db
    .select({ trial: trialMail, kind: mailMessages.kind, projectReference: projects.reference })
    .from(trialMail)
    .innerJoin(mailMessages, eq(mailMessages.id, trialMail.mailId))
    .leftJoin(projects, eq(projects.id, trialMail.projectId))
    .where(eq(trialMail.id, id))
    .limit(1);
  return row === undefined ? null : { ...row.trial, kind: row.kind, projectReference: row.projectReference };
}

/** Empties the trial mailbox; answers how many messages it held. */
export async function deleteAllTrialMail(db: Database): Promise<number> {
  const rows = await db.delete(trialMail).returning({ id: trialMail.id });
  return rows.length;
}
