import { and, eq, gt, isNull, sql } from 'drizzle-orm';
import type { Database } from '../../db/database';
import { contacts, organisations, users } from '../../db/schema';
import { portalLinks, portalSessions, type PortalLinkRow } from './portal.tables';

export type { PortalLinkRow };

import type { ContactIdentity } from '../../identity';

export type { ContactIdentity };

const contactIdentityColumns = {
  id: contacts.id,
  name: contacts.name,
  email: contacts.email,
  language: contacts.language,
  role: contacts.role,
  organisationId: organisations.id,
  organisationKind: organisations.kind,
  organisationName: organisations.name,
  isDisabled: contacts.isDisabled,
};

export async function insertPortalLink(db: Database, link: typeof portalLinks.$inferInsert): Promise<PortalLinkRow> {
  const [row] = await db.insert(portalLinks).values(link).returning();
  if (row === undefined) throw new Error('insert returned no row');
  return row;
}

export async function findPortalLinkByHash(db: Database, tokenHash: string): Promise<PortalLinkRow | null> {
  const [row] = await db.select().from(portalLinks).where(eq(portalLinks.tokenHash, tokenHash)).limit(1);
  return row ?? null;
}

/** Spends a link: succeeds for exactly one caller, and only while it is unused, unrevoked, unexpired and its contact enabled. */
export async function spendPortalLink(
  db: Database,
  tokenHash: string,
  now: Date,
  ip: string | null,
): Promise<PortalLinkRow | null> {
  const [row] = await db
    .update(portalLinks)
    .set({ usedAt: now, usedIp: ip })
    .where(
      and(
        eq(portalLinks.tokenHash, tokenHash),
        isNull(portalLinks.usedAt),
        isNull(portalLinks.revokedAt),
        gt(portalLinks.expiresAt, now),
        // A link written after its contact was disabled (a message queued before) must not open a session either.
        sql`not exists (select 1 from contacts c where c.id = ${portalLinks.contactId} and c.is_disabled)`,
      ),
    )
    .returning();
  return row ?? null;
}

export async function findContactIdentity(db: Database, contactId: string): Promise<ContactIdentity | null> {
  const [row] = await db
    .select(contactIdentityColumns)
    .from(contacts)
    .innerJoin(organisations, eq(organisations.id, contacts.organisationId))
    .where(eq(contacts.id, contactId))
    .limit(1);
  return row ?? null;
}

/** Enabled contacts with this email address (one per organisation at most): a disabled one is never sent a link. */
export async function findEnabledContactsByEmail(db: Database, email: string): Promise<ContactIdentity[]> {
  return db
    .select(contactIdentityColumns)
    .from(contacts)
    .innerJoin(organisations, eq(organisations.id, contacts.organisationId))
    .where(and(eq(sql`lower(${contacts.email})`, email.toLowerCase()), eq(contacts.isDisabled, false)));
}

export async function insertPortalSession(db: Database, session: typeof portalSessions.$inferInsert): Promise<void> {
  await db.insert(portalSessions).values(session);
}

export async function findActivePortalSession(
  db: Database,
  tokenHash: string,
  now: Date,
): Promise<{ contact: ContactIdentity; expiresAt: Date; linkId: string } | null> {
  const [row] = await db
    .select({ contact: contactIdentityColumns, expiresAt: portalSessions.expiresAt, linkId: portalSessions.linkId })
    .from(portalSessions)
    .innerJoin(contacts, eq(contacts.id, portalSessions.contactId))
    .innerJoin(organisations, eq(organisations.id, contacts.organisationId))
    .where(
      and(eq(portalSessions.tokenHash, tokenHash), gt(portalSessions.expiresAt, now), eq(contacts.isDisabled, false)),
    )
    .limit(1);
  return row ?? null;
}

export async function extendPortalSession(db: Database, tokenHash: string, expiresAt: Date): Promise<void> {
  await db.update(portalSessions).set({ expiresAt }).where(eq(portalSessions.tokenHash, tokenHash));
}

export async function deletePortalSession(db: Database, tokenHash: string): Promise<void> {
  await db.delete(portalSessions).where(eq(portalSessions.tokenHash, tokenHash));
}

export async function deletePortalSessionsOfLink(db: Database, linkId: string): Promise<number> {
  const rows = await db
    .delete(portalSessions)
    .where(eq(portalSessions.linkId, linkId))
    .returning({ tokenHash: portalSessions.tokenHash });
  return rows.length;
}

/** Ends every portal session of a contact; returns how many there were. */
export async function deletePortalSessionsOfContact(db: Database, contactId: string): Promise<number> {
  const rows = await db
    .delete(portalSessions)
    .where(eq(portalSessions.contactId, contactId))
    .returning({ tokenHash: portalSessions.tokenHash });
  return rows.length;
}

/** Revokes the links of a contact that could still be used (unused, unrevoked, unexpired); returns how many. */
export async function revokeUsableLinksOfContact(
  db: Database,
  contactId: string,
  now: Date,
  userId: string,
): Promise<number> {
  const rows = await db
    .update(portalLinks)
    .set({ revokedAt: now, revokedBy: userId })
    .where(
      and(
        eq(portalLinks.contactId, contactId),
        isNull(portalLinks.usedAt),
        isNull(portalLinks.revokedAt),
        gt(portalLinks.expiresAt, now),
      ),
    )
    .returning({ id: portalLinks.id });
  return rows.length;
}

export async function revokePortalLink(
  db: Database,
  linkId: string,
  projectId: string,
  now: Date,
  userId: string,
): Promise<PortalLinkRow | null> {
  const [row] = await db
    .update(portalLinks)
    .set({ revokedAt: now, revokedBy: userId })
    .where(and(eq(portalLinks.id, linkId), eq(portalLinks.projectId, projectId)))
    .returning();
  return row ?? null;
}

export async function findPortalLink(db: Database, linkId: string, projectId: string): Promise<PortalLinkRow | null> {
  const [row] = await db
    .select()
    .from(portalLinks)
    .where(and(eq(portalLinks.id, linkId), eq(portalLinks.projectId, projectId)))
    .limit(1);
  return row ?? null;
}

export async function listPortalLinksOfProject(db: Database, projectId: string) {
  return db
    .select({
      link: portalLinks,
      contactName: contacts.name,
      contactEmail: contacts.email,
      createdByName: users.name,
      activeSessions: sql<number>`(select count(*)::int from portal_sessions s where s.link_id = ${portalLinks.id} and s.expires_at > now())`,
    })
    .from(portalLinks)
    .innerJoin(contacts, eq(contacts.id, portalLinks.contactId))
    .leftJoin(users, eq(users.id, portalLinks.createdBy))
    .where(eq(portalLinks.projectId, projectId))
    .orderBy(sql`${portalLinks.createdAt} desc`)
    .limit(200);
}

export async function pruneExpiredPortalSessions(db: Database, now: Date): Promise<void> {
  await db.delete(portalSessions).where(sql`${portalSessions.expiresAt} < ${now.toISOString()}::timestamptz`);
}

/** Serialises fresh-link requests for one address within a transaction, so that the per-address limit holds. */
export async function lockFreshLinkRequests(db: Database, address: string): Promise<void> {
  await db.execute(sql`select pg_advisory_xact_lock(hashtext(${`portal-resend:${address}`}))`);
}

/** When a personal link was issued and first opened, by its id. */
export async function findPortalLinkTimes(
  db: Database,
  id: string,
): Promise<Pick<PortalLinkRow, 'id' | 'createdAt' | 'usedAt'> | null> {
  const [row] = await db
    .select({ id: portalLinks.id, createdAt: portalLinks.createdAt, usedAt: portalLinks.usedAt })
    .from(portalLinks)
    .where(eq(portalLinks.id, id));
  return row ?? null;
}
