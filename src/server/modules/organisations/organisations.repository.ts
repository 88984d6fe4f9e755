import { asc, eq } from 'drizzle-orm';
import type { Database } from '../../db/database';
import { contacts, organisations } from '../../db/schema';

export type OrganisationRow = typeof organisations.$inferSelect;
export type ContactRow = typeof contacts.$inferSelect;

export async function listOrganisationRows(db: Database, kind?: OrganisationRow['kind']): Promise<OrganisationRow[]> {
  return db
    .select()
    .from(organisations)
    .where(kind === undefined ? undefined : eq(organisations.kind, kind))
    .orderBy(asc(organisations.name));
}

export async function findOrganisationRow(db: Database, id: string): Promise<OrganisationRow | null> {
  const [row] = await db.select().from(organisations).where(eq(organisations.id, id)).limit(1);
  return row ?? null;
}

/** Inserts an organisation; null when one of the same kind already has that name (case-insensitive). */
export async function insertOrganisation(db: Database, values: typeof organisations.$inferInsert): Promise<OrganisationRow | null> {
  const [row] = await db.insert(organisations).values(values).onConflictDoNothing().returning();
  return row ?? null;
}

export async function listContactRows(db: Database, organisationId: string): Promise<ContactRow[]> {
  return db.select().from(contacts).where(eq(contacts.organisationId, organisationId)).orderBy(asc(contacts.name));
}

/** Inserts a contact; null when the organisation already has a contact with that email. */
export async function insertContact(db: Database, values: typeof contacts.$inferInsert): Promise<ContactRow | null> {
  const [row] = await db.insert(contacts).values(values).onConflictDoNothing().returning();
  return row ?? null;
}
