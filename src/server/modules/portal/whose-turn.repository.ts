import { sql } from 'drizzle-orm';
import type { Database } from '../../db/database';

export type Side = 'customer' | 'partner';

/** A contact of the project asked for something, with the side (organisation kind) they belong to. */
export interface AskedContact {
  id: string;
  side: Side;
}

/** The rows of a raw query (db.execute answers the driver's result, typed loosely). */
function rowsOf<T>(result: unknown): T[] {
  return (result as { rows: T[] }).rows;
}

/**
 * The contacts of the project's customer and partner that emails of these kinds were addressed to. A message the SMTP
 * server refused for good reached nobody, so it asked nobody.
 */
export async function listContactsAddressed(
  db: Database,
  projectId: string,
  kinds: readonly string[],
): Promise<AskedContact[]> {
  return rowsOf<AskedContact>(
    await db.execute(sql`
      with addressed as (
        select distinct lower(recipient ->> 'email') as email
          from mail_messages m, jsonb_array_elements(m.to_addresses) as recipient
         where m.project_id = ${projectId} and m.status <> 'failed'
           and m.kind in (${sql.join(
             kinds.map((kind) => sql`${kind}`),
             sql`, `,
           )})
      )
      select distinct c.id, o.kind as side
        from projects p
        join organisations o on o.id = p.customer_id or o.id = p.partner_id
        join contacts c on c.organisation_id = o.id
       where p.id = ${projectId} and lower(c.email) in (select email from addressed)`),
  );
}

/** The sides that own a requirement still to prepare (open, or sent back by the engineer). */
export async function listSidesOwingRequirements(db: Database, projectId: string): Promise<Side[]> {
  const rows = rowsOf<{ owner: Side }>(
    await db.execute(sql`
      select distinct owner from requirements
       where project_id = ${projectId} and removed_at is null and status in ('open', 'sent-back') and owner <> 'vendor'`),
  );
  return rows.map((row) => row.owner);
}

/** The contacts invited to choose among dates the engineer proposed and nobody has answered yet. */
export async function listContactsInvitedToChoose(db: Database, projectId: string): Promise<AskedContact[]> {
  return rowsOf<AskedContact>(
    await db.execute(sql`
      select distinct c.id, o.kind as side
        from session_proposals p
        join project_sessions s on s.proposal_id = p.id and s.state = 'proposed'
        cross join jsonb_array_elements(s.attendees) as attendee
        join contacts c on c.id::text = attendee ->> 'contactId'
        join organisations o on o.id = c.organisation_id
       where p.project_id = ${projectId} and p.state = 'open'`),
  );
}

/**
 * The contacts asked to sign the version of a kind of document awaiting signature; null when no version awaits one, an
 * empty list when the version names no signer (any contact of the project may sign it).
 */
export async function findSignersAsked(
  db: Database,
  projectId: string,
  kind: 'uat' | 'activity-report',
): Promise<AskedContact[] | null> {
  const documents = rowsOf<{ signers: string[] }>(
    await db.execute(sql`
      select signer_contact_ids as signers from signable_documents
       where project_id = ${projectId} and kind = ${kind} and state = 'awaiting-signature'
       limit 1`),
  );
  const signers = documents[0]?.signers;
  if (signers === undefined) return null;
  if (signers.length === 0) return [];
  return rowsOf<AskedContact>(
    await db.execute(sql`
      select c.id, o.kind as side
        from contacts c join organisations o on o.id = c.organisation_id
       where c.id::text in (${sql.join(
         signers.map((id) => sql`${id}`),
         sql`, `,
       )})`),
  );
}
