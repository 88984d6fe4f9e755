import { and, asc, eq, inArray, or, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Database } from '../../db/database';
import { projects, users } from '../../db/schema';
import { contacts, organisations, type OrganisationRow, type ContactRow } from './organisations.tables';

export type { OrganisationRow, ContactRow };

/** A contact with the names of the staff who added and disabled it, as the organisation's page shows them. */
export interface ContactWithStaff {
  contact: ContactRow;
  createdByName: string | null;
  disabledByName: string | null;
}

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
export async function insertOrganisation(
  db: Database,
  values: typeof organisations.$inferInsert,
): Promise<OrganisationRow | null> {
  const [row] = await db.insert(organisations).values(values).onConflictDoNothing().returning();
  return row ?? null;
}

/** Every contact of an organisation, disabled ones included (callers that pick recipients leave those out). */
export async function listContactRows(db: Database, organisationId: string): Promise<ContactRow[]> {
  return db.select().from(contacts).where(eq(contacts.organisationId, organisationId)).orderBy(asc(contacts.name));
}

const createdByUser = alias(users, 'created_by_user');
const disabledByUser = alias(users, 'disabled_by_user');

function selectContactsWithStaff(db: Database) {
  return db
    .select({ contact: contacts, createdByName: createdByUser.name, disabledByName: disabledByUser.name })
    .from(contacts)
    .leftJoin(createdByUser, eq(createdByUser.id, contacts.createdBy))
    .leftJoin(disabledByUser, eq(disabledByUser.id, contacts.disabledBy));
}

export async function listContactsWithStaff(db: Database, organisationId: string): Promise<ContactWithStaff[]> {
  return selectContactsWithStaff(db)
    .where(eq(contacts.organisationId, organisationId))
    .orderBy(asc(contacts.name), asc(contacts.id));
}

export async function findContactWithStaff(
  db: Database,
  organisationId: string,
  contactId: string,
): Promise<ContactWithStaff | null> {
  const [row] = await selectContactsWithStaff(db)
    .where(and(eq(contacts.organisationId, organisationId), eq(contacts.id, contactId)))
    .limit(1);
  return row ?? null;
}

/** Locks the organisation's row: changes to its contacts queue up, so two cannot take the same address at once. */
export async function lockOrganisation(db: Database, id: string): Promise<OrganisationRow | null> {
  const [row] = await db.select().from(organisations).where(eq(organisations.id, id)).for('no key update').limit(1);
  return row ?? null;
}

/** A contact of the organisation, or null when it has no contact with that id. */
export async function findContactRow(
  db: Database,
  organisationId: string,
  contactId: string,
): Promise<ContactRow | null> {
  const [row] = await db
    .select()
    .from(contacts)
    .where(and(eq(contacts.organisationId, organisationId), eq(contacts.id, contactId)))
    .limit(1);
  return row ?? null;
}

/** Inserts a contact; null when the organisation already has a contact with that email. */
export async function insertContact(db: Database, values: typeof contacts.$inferInsert): Promise<ContactRow | null> {
  const [row] = await db.insert(contacts).values(values).onConflictDoNothing().returning();
  return row ?? null;
}

/** Updates a contact (the caller holds the organisation's lock and checked the email is free there). */
export async function updateContactRow(
  db: Database,
  contactId: string,
  values: Partial<typeof contacts.$inferInsert>,
): Promise<ContactRow> {
  const [row] = await db.update(contacts).set(values).where(eq(contacts.id, contactId)).returning();
  if (row === undefined) throw new Error('the contact was not updated');
  return row;
}

/** Whether the user is the engineer of a project whose customer or partner this organisation is. */
export async function isEngineerOfOrganisationProject(
  db: Database,
  organisationId: string,
  userId: string,
): Promise<boolean> {
  const [row] = await db
    .select({ id: projects.id })
    .from(projects)
    .where(
      and(
        eq(projects.engineerId, userId),
        or(eq(projects.customerId, organisationId), eq(projects.partnerId, organisationId)),
      ),
    )
    .limit(1);
  return row !== undefined;
}

/** Whether an active staff user has this address (staff addresses are stored in lower case). */
export async function isActiveStaffEmail(db: Database, email: string): Promise<boolean> {
  const [row] = await db
    .select({ id: users.id })
    .from(users)
    .where(and(eq(users.email, email.toLowerCase()), eq(users.isDisabled, false)))
    .limit(1);
  return row !== undefined;
}

/** Whether another contact of the organisation already has this address. */
export async function isEmailOfOtherContact(
  db: Database,
  organisationId: string,
  email: string,
  contactId: string,
): Promise<boolean> {
  const [row] = await db
    .select({ id: contacts.id })
    .from(contacts)
    .where(
      and(eq(contacts.organisationId, organisationId), eq(contacts.email, email), sql`${contacts.id} <> ${contactId}`),
    )
    .limit(1);
  return row !== undefined;
}

/** Changes an organisation's business calendar. */
export async function updateOrganisationCalendar(
  db: Database,
  id: string,
  calendar: Pick<
    OrganisationRow,
    'timeZone' | 'businessDays' | 'businessHours' | 'holidayCountry' | 'holidayRegion' | 'updatedAt'
  >,
): Promise<void> {
  await db.update(organisations).set(calendar).where(eq(organisations.id, id));
}

/** A contact of one of these organisations, by id, with its name; null when it belongs to none of them. */
export async function findContactOfOrganisations(
  db: Database,
  contactId: string,
  organisationIds: readonly string[],
): Promise<{ id: string; name: string } | null> {
  const [contact] = await db
    .select({ id: contacts.id, name: contacts.name })
    .from(contacts)
    .where(and(eq(contacts.id, contactId), inArray(contacts.organisationId, [...organisationIds])))
    .limit(1);
  return contact ?? null;
}

/** The enabled contacts of these organisations by name, each with its address lower-cased by the database. */
export async function listEnabledContactsOf(db: Database, organisationIds: readonly string[]) {
  return db
    .select({
      id: contacts.id,
      name: contacts.name,
      email: contacts.email,
      language: contacts.language,
      role: contacts.role,
      lowerEmail: sql<string>`lower(${contacts.email})`,
    })
    .from(contacts)
    .where(and(inArray(contacts.organisationId, [...organisationIds]), eq(contacts.isDisabled, false)))
    .orderBy(asc(contacts.name));
}

/** Of these contacts, those of these organisations (how a document's signers are checked to belong to a project). */
export async function listContactsOfOrganisationsByIds(
  db: Database,
  contactIds: readonly string[],
  organisationIds: readonly string[],
): Promise<Pick<ContactRow, 'id' | 'name' | 'email' | 'language' | 'isDisabled'>[]> {
  return db
    .select({
      id: contacts.id,
      name: contacts.name,
      email: contacts.email,
      language: contacts.language,
      isDisabled: contacts.isDisabled,
    })
    .from(contacts)
    .where(and(inArray(contacts.id, [...contactIds]), inArray(contacts.organisationId, [...organisationIds])));
}

/** Every contact of these organisations with its organisation's name, by organisation name then contact name. */
export async function listContactsOfOrganisations(db: Database, organisationIds: readonly string[]) {
  return db
    .select({
      name: contacts.name,
      email: contacts.email,
      phone: contacts.phone,
      role: contacts.role,
      organisation: organisations.name,
    })
    .from(contacts)
    .innerJoin(organisations, eq(organisations.id, contacts.organisationId))
    .where(sql`${contacts.organisationId} in ${organisationIds}`)
    .orderBy(organisations.name, contacts.name);
}

/** The language of each of these contacts. */
export async function listContactLanguages(db: Database, contactIds: readonly string[]) {
  return db
    .select({ id: contacts.id, language: contacts.language })
    .from(contacts)
    .where(inArray(contacts.id, [...contactIds]));
}

/** A contact by id, whatever its organisation, or null. */
export async function findContactById(db: Database, contactId: string): Promise<ContactRow | null> {
  const [row] = await db.select().from(contacts).where(eq(contacts.id, contactId)).limit(1);
  return row ?? null;
}
