import { z } from 'zod';
import { translatorFor } from '../../../domain/text/i18n';
import { contactRoles, organisationKinds, paymentTerms } from '../../db/schema';
import { emailSchema, languageSchema, nameSchema } from '../users/users.schemas';

const en = translatorFor('en', 'errors');

export const organisationKindSchema = z.enum(organisationKinds);
export const paymentTermsSchema = z.enum(paymentTerms);
export const contactRoleSchema = z.enum(contactRoles);

export const organisationSchema = z
  .object({
    id: z.uuid(),
    kind: organisationKindSchema,
    name: z.string(),
    paymentTerms: paymentTermsSchema.nullable(),
    createdAt: z.iso.datetime(),
  })
  .meta({ id: 'Organisation' });
export type Organisation = z.infer<typeof organisationSchema>;

/** A staff user named next to something they did. */
const staffNameSchema = z.object({ id: z.uuid(), name: z.string() });

export const contactSchema = z
  .object({
    id: z.uuid(),
    organisationId: z.uuid(),
    name: z.string(),
    email: z.string(),
    phone: z.string().nullable(),
    language: languageSchema,
    role: contactRoleSchema,
    /** A disabled contact has no portal session or usable link, is sent none, and is offered as nobody's recipient. */
    isDisabled: z.boolean(),
    disabledAt: z.iso.datetime().nullable(),
    disabledBy: staffNameSchema.nullable(),
    createdAt: z.iso.datetime(),
    /** Who added the contact; null for contacts added before Engage recorded it. */
    createdBy: staffNameSchema.nullable(),
    updatedAt: z.iso.datetime(),
  })
  .meta({ id: 'Contact' });
export type Contact = z.infer<typeof contactSchema>;

export const organisationDetailSchema = organisationSchema
  .extend({
    contacts: z.array(contactSchema),
    /** Whether the caller may add, edit, disable and enable contacts here (a manager, or the engineer of one of its projects). */
    mayManageContacts: z.boolean(),
  })
  .meta({ id: 'OrganisationDetail' });
export type OrganisationDetail = z.infer<typeof organisationDetailSchema>;

export const createOrganisationBody = z
  .object({
    kind: organisationKindSchema,
    name: nameSchema,
    paymentTerms: paymentTermsSchema.optional(),
  })
  .refine((value) => value.kind === 'partner' || value.paymentTerms === undefined, {
    message: en('organisations.partners_only_payment_terms'),
    path: ['paymentTerms'],
  });
export type CreateOrganisationBody = z.infer<typeof createOrganisationBody>;

export const listOrganisationsQuery = z.object({ kind: organisationKindSchema.optional() });

const phoneSchema = z
  .string()
  .trim()
  .max(40, en('common.at_most_characters', { maximum: 40 }))
  .regex(/^[+0-9 ()./-]*$/, en('organisations.phone_characters'));

export const createContactBody = z.object({
  name: nameSchema,
  email: emailSchema,
  phone: phoneSchema.optional().transform((value) => (value === undefined || value === '' ? null : value)),
  language: languageSchema,
  role: contactRoleSchema,
});
export type CreateContactBody = z.infer<typeof createContactBody>;

/** The fields to change; a field left out stays as it is, and a phone sent empty or null is removed. */
export const updateContactBody = z
  .object({
    name: nameSchema.optional(),
    email: emailSchema.optional(),
    phone: phoneSchema
      .nullable()
      .optional()
      .transform((value) => (value === '' ? null : value)),
    language: languageSchema.optional(),
    role: contactRoleSchema.optional(),
  })
  .refine((body) => Object.values(body).some((value) => value !== undefined), {
    message: en('organisations.change_a_field'),
  });
export type UpdateContactBody = z.infer<typeof updateContactBody>;

export const contactParams = z.object({
  id: z.uuid({ error: en('common.invalid_id') }),
  contactId: z.uuid({ error: en('common.invalid_contact_id') }),
});
