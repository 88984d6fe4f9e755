import { z } from 'zod';
import { contactRoles, organisationKinds, paymentTerms } from '../../db/schema';
import { emailSchema, languageSchema, nameSchema } from '../users/users.schemas';

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

export const contactSchema = z
  .object({
    id: z.uuid(),
    organisationId: z.uuid(),
    name: z.string(),
    email: z.string(),
    phone: z.string().nullable(),
    language: languageSchema,
    role: contactRoleSchema,
    createdAt: z.iso.datetime(),
  })
  .meta({ id: 'Contact' });
export type Contact = z.infer<typeof contactSchema>;

export const organisationDetailSchema = organisationSchema.extend({ contacts: z.array(contactSchema) }).meta({ id: 'OrganisationDetail' });

export const createOrganisationBody = z
  .object({
    kind: organisationKindSchema,
    name: nameSchema,
    paymentTerms: paymentTermsSchema.optional(),
  })
  .refine((value) => value.kind === 'partner' || value.paymentTerms === undefined, {
    message: 'Only partners have payment terms.',
    path: ['paymentTerms'],
  });
export type CreateOrganisationBody = z.infer<typeof createOrganisationBody>;

export const listOrganisationsQuery = z.object({ kind: organisationKindSchema.optional() });

export const createContactBody = z.object({
  name: nameSchema,
  email: emailSchema,
  phone: z
    .string()
    .trim()
    .max(40, 'At most 40 characters.')
    .regex(/^[+0-9 ()./-]*$/, 'Use digits, spaces and + ( ) . / - only.')
    .optional()
    .transform((value) => (value === undefined || value === '' ? null : value)),
  language: languageSchema,
  role: contactRoleSchema,
});
export type CreateContactBody = z.infer<typeof createContactBody>;
