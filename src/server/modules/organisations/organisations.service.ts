import { inTransaction, type ServiceContext } from '../../context';
import { AppError } from '../../errors';
import type { StaffActor } from '../audit/actor';
import { recordAuditEvent } from '../audit/audit.service';
import {
  findOrganisationRow,
  insertContact,
  insertOrganisation,
  listContactRows,
  listOrganisationRows,
  type ContactRow,
  type OrganisationRow,
} from './organisations.repository';
import type { Contact, CreateContactBody, CreateOrganisationBody, Organisation } from './organisations.schemas';

function presentOrganisation(row: OrganisationRow): Organisation {
  return { id: row.id, kind: row.kind, name: row.name, paymentTerms: row.paymentTerms, createdAt: row.createdAt.toISOString() };
}

function presentContact(row: ContactRow): Contact {
  return {
    id: row.id,
    organisationId: row.organisationId,
    name: row.name,
    email: row.email,
    phone: row.phone,
    language: row.language,
    role: row.role,
    createdAt: row.createdAt.toISOString(),
  };
}

/** Lists organisations, optionally of one kind, by name. */
export async function listOrganisations(context: ServiceContext, kind?: Organisation['kind']): Promise<Organisation[]> {
  return (await listOrganisationRows(context.db, kind)).map(presentOrganisation);
}

/** An organisation with its contacts; throws not_found. */
export async function getOrganisation(context: ServiceContext, id: string) {
  const row = await findOrganisationRow(context.db, id);
  if (row === null) throw new AppError('not_found', 'No such organisation.');
  return { ...presentOrganisation(row), contacts: (await listContactRows(context.db, id)).map(presentContact) };
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
      throw new AppError('conflict', `A ${body.kind} named "${body.name}" already exists.`, [
        { path: 'body.name', message: 'This name is already used.' },
      ]);
    }
    const organisation = presentOrganisation(row);
    await recordAuditEvent(db, actor, { action: 'organisation.created', subjectType: 'organisation', subjectId: row.id, after: organisation });
    return organisation;
  });
}

/** Adds a contact to an organisation; throws not_found, or conflict when the email is already a contact there. */
export async function createContact(
  context: ServiceContext,
  actor: StaffActor,
  organisationId: string,
  body: CreateContactBody,
): Promise<Contact> {
  return inTransaction(context, async (db) => {
    if ((await findOrganisationRow(db, organisationId)) === null) throw new AppError('not_found', 'No such organisation.');
    const row = await insertContact(db, { organisationId, ...body });
    if (row === null) {
      throw new AppError('conflict', `${body.email} is already a contact of this organisation.`, [
        { path: 'body.email', message: 'This email is already a contact here.' },
      ]);
    }
    const contact = presentContact(row);
    await recordAuditEvent(db, actor, { action: 'contact.created', subjectType: 'contact', subjectId: row.id, after: contact });
    return contact;
  });
}
