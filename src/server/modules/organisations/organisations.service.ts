import { inTransaction, type ServiceContext } from '../../context';
import type { Database } from '../../db/database';
import { translate } from '../../../domain/text/i18n';
import { refuse } from '../../errors';
import type { StaffActor } from '../audit/actor';
import { recordAuditEvent } from '../audit/audit.service';
import { withdrawContactAccess } from './contact-access';
import {
  findContactOfOrganisations,
  findContactById,
  findContactRow,
  findContactWithStaff,
  findOrganisationRow,
  insertContact,
  insertOrganisation,
  isActiveStaffEmail,
  isEmailOfOtherContact,
  isEngineerOfOrganisationProject,
  listContactLanguages,
  listContactsOfOrganisationsByIds,
  listContactsWithStaff,
  listEnabledContactsOf,
  listOrganisationRows,
  lockOrganisation,
  updateContactRow,
  updateOrganisationCalendar,
  type ContactRow,
  type ContactWithStaff,
  type OrganisationRow,
} from './organisations.repository';
import type {
  Contact,
  CreateContactBody,
  CreateOrganisationBody,
  Organisation,
  OrganisationDetail,
  UpdateContactBody,
} from './organisations.schemas';

/** Published for the modules above organisations: the rows and queries they read organisations and contacts with. */
export {
  findOrganisationRow,
  listContactRows,
  listOrganisationRows,
  type ContactRow,
} from './organisations.repository';

function presentOrganisation(row: OrganisationRow): Organisation {
  return {
    id: row.id,
    kind: row.kind,
    name: row.name,
    paymentTerms: row.paymentTerms,
    createdAt: row.createdAt.toISOString(),
  };
}

function presentContact({ contact, createdByName, disabledByName }: ContactWithStaff): Contact {
  return {
    id: contact.id,
    organisationId: contact.organisationId,
    name: contact.name,
    email: contact.email,
    phone: contact.phone,
    language: contact.language,
    role: contact.role,
    isDisabled: contact.isDisabled,
    disabledAt: contact.disabledAt?.toISOString() ?? null,
    disabledBy: contact.disabledBy === null ? null : { id: contact.disabledBy, name: disabledByName ?? '' },
    createdAt: contact.createdAt.toISOString(),
    createdBy: contact.createdBy === null ? null : { id: contact.createdBy, name: createdByName ?? '' },
    updatedAt: contact.updatedAt.toISOString(),
  };
}

/** The fields an audit event records of a contact, before and after a change. */
function auditedContact(row: ContactRow) {
  return {
    name: row.name,
    email: row.email,
    phone: row.phone,
    language: row.language,
    role: row.role,
    isDisabled: row.isDisabled,
  };
}

async function presentContactById(db: Database, organisationId: string, contactId: string): Promise<Contact> {
  const found = await findContactWithStaff(db, organisationId, contactId);
  if (found === null) throw new Error('the contact just written was not found');
  return presentContact(found);
}

/**
 * Whether the actor may add, edit, disable and enable the organisation's contacts: admins and managers, and the engineer
 * of one of its projects (as its customer or partner). Anyone else could otherwise give themselves a portal identity
 * that opens every project of an organisation they do not work with.
 */
async function mayManageContacts(db: Database, actor: StaffActor, organisationId: string): Promise<boolean> {
  if (actor.role === 'admin' || actor.role === 'manager') return true;
  return actor.role === 'engineer' && (await isEngineerOfOrganisationProject(db, organisationId, actor.userId));
}

async function ensureMayManageContacts(db: Database, actor: StaffActor, organisationId: string): Promise<void> {
  if (!(await mayManageContacts(db, actor, organisationId))) {
    throw refuse('forbidden', 'organisations.contacts_forbidden');
  }
}

/** Staff reach projects through their own account; a contact with their address would be a second way in. */
async function ensureNotStaffEmail(db: Database, email: string): Promise<void> {
  if (await isActiveStaffEmail(db, email)) {
    throw refuse('validation_failed', 'organisations.staff_email', {
      values: { email },
      details: [{ path: 'body.email', message: translate('en', 'errors', 'organisations.staff_address') }],
    });
  }
}

async function lockExistingOrganisation(db: Database, organisationId: string): Promise<OrganisationRow> {
  const organisation = await lockOrganisation(db, organisationId);
  if (organisation === null) throw refuse('not_found', 'common.no_such_organisation');
  return organisation;
}

async function getContactRow(db: Database, organisationId: string, contactId: string): Promise<ContactRow> {
  const row = await findContactRow(db, organisationId, contactId);
  if (row === null) throw refuse('not_found', 'organisations.no_such_contact');
  return row;
}

/** Lists organisations, optionally of one kind, by name. */
export async function listOrganisations(context: ServiceContext, kind?: Organisation['kind']): Promise<Organisation[]> {
  return (await listOrganisationRows(context.db, kind)).map(presentOrganisation);
}

/** An organisation with all its contacts (disabled ones marked) and whether the caller may change them; throws not_found. */
export async function getOrganisation(
  context: ServiceContext,
  actor: StaffActor,
  id: string,
): Promise<OrganisationDetail> {
  const row = await findOrganisationRow(context.db, id);
  if (row === null) throw refuse('not_found', 'common.no_such_organisation');
  return {
    ...presentOrganisation(row),
    contacts: (await listContactsWithStaff(context.db, id)).map(presentContact),
    mayManageContacts: await mayManageContacts(context.db, actor, id),
  };
}

/** Creates a customer or a partner (partners default to "engage on PO"); throws conflict on a duplicate name. */
export async function createOrganisation(
  context: ServiceContext,
  actor: StaffActor,
  body: CreateOrganisationBody,
): Promise<Organisation> {
  return inTransaction(context, async (db) => {
    const row = await insertOrganisation(db, {
      kind: body.kind,
      name: body.name,
      paymentTerms: body.kind === 'partner' ? (body.paymentTerms ?? 'engage-on-po') : null,
    });
    if (row === null) {
      throw refuse(
        'conflict',
        body.kind === 'partner' ? 'organisations.partner_exists' : 'organisations.customer_exists',
        {
          values: { name: body.name },
          details: [{ path: 'body.name', message: translate('en', 'errors', 'organisations.name_used') }],
        },
      );
    }
    const organisation = presentOrganisation(row);
    await recordAuditEvent(db, actor, {
      action: 'organisation.created',
      subjectType: 'organisation',
      subjectId: row.id,
      after: organisation,
    });
    return organisation;
  });
}

/**
 * Adds a contact to an organisation, recording who added it; throws not_found, forbidden (see mayManageContacts),
 * validation_failed for a staff user's address, or conflict when the email is already a contact there.
 */
export async function createContact(
  context: ServiceContext,
  actor: StaffActor,
  organisationId: string,
  body: CreateContactBody,
): Promise<Contact> {
  return inTransaction(context, async (db) => {
    await lockExistingOrganisation(db, organisationId);
    await ensureMayManageContacts(db, actor, organisationId);
    await ensureNotStaffEmail(db, body.email);
    const now = context.now();
    const row = await insertContact(db, {
      organisationId,
      ...body,
      createdBy: actor.userId,
      createdAt: now,
      updatedAt: now,
    });
    if (row === null) {
      throw refuse('conflict', 'organisations.contact_exists', {
        values: { email: body.email },
        details: [{ path: 'body.email', message: translate('en', 'errors', 'organisations.email_is_contact') }],
      });
    }
    const contact = await presentContactById(db, organisationId, row.id);
    await recordAuditEvent(db, actor, {
      action: 'contact.created',
      subjectType: 'contact',
      subjectId: row.id,
      after: contact,
    });
    return contact;
  });
}

/**
 * Changes a contact's name, email, phone, language or role. A new email revokes the links sent to the old one that
 * could still be used (whoever reads that mailbox now must not open the portal with them); sessions already open stay.
 * Throws not_found, forbidden, validation_failed for a staff user's address, or conflict for another contact's email.
 */
export async function updateContact(
  context: ServiceContext,
  actor: StaffActor,
  organisationId: string,
  contactId: string,
  body: UpdateContactBody,
): Promise<Contact> {
  return inTransaction(context, async (db) => {
    await lockExistingOrganisation(db, organisationId);
    await ensureMayManageContacts(db, actor, organisationId);
    const before = await getContactRow(db, organisationId, contactId);
    const newEmail = body.email !== undefined && body.email !== before.email ? body.email : null;
    if (newEmail !== null) {
      await ensureNotStaffEmail(db, newEmail);
      if (await isEmailOfOtherContact(db, organisationId, newEmail, contactId)) {
        throw refuse('conflict', 'organisations.other_contact_exists', {
          values: { email: newEmail },
          details: [{ path: 'body.email', message: translate('en', 'errors', 'organisations.email_is_contact') }],
        });
      }
    }
    const changes = Object.fromEntries(
      Object.entries(body).filter(([, value]) => value !== undefined),
    ) as Partial<UpdateContactBody>;
    const after = await updateContactRow(db, contactId, { ...changes, updatedAt: context.now() });
    const withdrawn =
      newEmail !== null ? await withdrawContactAccess(context, db, actor, contactId, { endSessions: false }) : null;
    await recordAuditEvent(db, actor, {
      action: 'contact.updated',
      subjectType: 'contact',
      subjectId: contactId,
      before: auditedContact(before),
      after: { ...auditedContact(after), ...(withdrawn === null ? {} : { revokedLinks: withdrawn.revokedLinks }) },
    });
    return presentContactById(db, organisationId, contactId);
  });
}

/**
 * Disables a contact: their portal sessions end at once, the links they could still use are revoked, the fresh-link
 * form sends them nothing and staff can no longer choose them as a recipient. Throws not_found, forbidden, or
 * conflict when already disabled.
 */
export async function disableContact(
  context: ServiceContext,
  actor: StaffActor,
  organisationId: string,
  contactId: string,
): Promise<Contact> {
  return inTransaction(context, async (db) => {
    await lockExistingOrganisation(db, organisationId);
    await ensureMayManageContacts(db, actor, organisationId);
    const before = await getContactRow(db, organisationId, contactId);
    if (before.isDisabled)
      throw refuse('conflict', 'organisations.already_disabled', { values: { name: before.name } });
    const now = context.now();
    await updateContactRow(db, contactId, {
      isDisabled: true,
      disabledAt: now,
      disabledBy: actor.userId,
      updatedAt: now,
    });
    const withdrawn = await withdrawContactAccess(context, db, actor, contactId, { endSessions: true });
    await recordAuditEvent(db, actor, {
      action: 'contact.disabled',
      subjectType: 'contact',
      subjectId: contactId,
      before: { isDisabled: false },
      after: { isDisabled: true, ...withdrawn },
    });
    return presentContactById(db, organisationId, contactId);
  });
}

/**
 * Enables a disabled contact again: they may be chosen and sent links again; nothing revoked is restored. Throws
 * not_found, forbidden, or conflict when not disabled.
 */
export async function enableContact(
  context: ServiceContext,
  actor: StaffActor,
  organisationId: string,
  contactId: string,
): Promise<Contact> {
  return inTransaction(context, async (db) => {
    await lockExistingOrganisation(db, organisationId);
    await ensureMayManageContacts(db, actor, organisationId);
    const before = await getContactRow(db, organisationId, contactId);
    if (!before.isDisabled) throw refuse('conflict', 'organisations.not_disabled', { values: { name: before.name } });
    await updateContactRow(db, contactId, {
      isDisabled: false,
      disabledAt: null,
      disabledBy: null,
      updatedAt: context.now(),
    });
    await recordAuditEvent(db, actor, {
      action: 'contact.enabled',
      subjectType: 'contact',
      subjectId: contactId,
      before: { isDisabled: true, disabledAt: before.disabledAt?.toISOString() ?? null, disabledBy: before.disabledBy },
      after: { isDisabled: false },
    });
    return presentContactById(db, organisationId, contactId);
  });
}

/** An organisation's stored row, in the caller's transaction or database; null when unknown. */
export async function findOrganisationById(db: Database, organisationId: string): Promise<OrganisationRow | null> {
  return findOrganisationRow(db, organisationId);
}

/** Stores an organisation's business calendar in the caller's transaction (the calendars module checks and audits it). */
export async function saveOrganisationCalendar(
  db: Database,
  organisationId: string,
  calendar: Parameters<typeof updateOrganisationCalendar>[2],
): Promise<void> {
  await updateOrganisationCalendar(db, organisationId, calendar);
}

/** A contact of one of these organisations (id and name), in the caller's transaction; null when it belongs to none. */
export async function findContactOfAnyOrganisation(
  db: Database,
  contactId: string,
  organisationIds: readonly string[],
): Promise<{ id: string; name: string } | null> {
  return findContactOfOrganisations(db, contactId, organisationIds);
}

/** The enabled contacts of these organisations by name, each with its address lower-cased by the database. */
export async function listEnabledContacts(db: Database, organisationIds: readonly string[]) {
  return listEnabledContactsOf(db, organisationIds);
}

// The contacts of a project's organisations, for the modules that address or list them.
export { listContactsOfOrganisations, listContactsOfOrganisationsByIds } from './organisations.repository';

// ——— published for the modules that invite contacts (sessions) ———

/** The contacts with these ids that belong to one of these organisations (the others are left out). */
export async function listContactsAmong(
  db: Database,
  contactIds: readonly string[],
  organisationIds: readonly string[],
) {
  return listContactsOfOrganisationsByIds(db, contactIds, organisationIds);
}

/** The language each of these contacts reads, by contact id. */
export async function contactLanguages(db: Database, contactIds: readonly string[]) {
  return listContactLanguages(db, contactIds);
}

/** A contact by id, or null. */
export async function findContact(db: Database, contactId: string): Promise<ContactRow | null> {
  return findContactById(db, contactId);
}
