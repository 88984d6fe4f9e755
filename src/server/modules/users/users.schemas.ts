import { z } from 'zod';
import { languages, staffRoles } from '../../db/schema';
import { readableText } from '../../http/common.schemas';

export type { StaffRole } from '../../identity';
export const staffRoleSchema = z.enum(staffRoles);
export const languageSchema = z.enum(languages);

/** The shortest password Engage accepts (NIST SP 800-63B asks for at least 8; 12 keeps a guessed one expensive). */
export const minimumPasswordLength = 12;
export const maximumPasswordLength = 256;

export const emailSchema = z
  .email({ error: 'Enter a valid email address.' })
  .max(254)
  .transform((value) => value.toLowerCase());

/** A new password's length; whether it is too easy to guess is checked by the service (auth/password-policy.ts). */
export const passwordSchema = z
  .string()
  .min(minimumPasswordLength, `The password needs at least ${minimumPasswordLength} characters.`)
  .max(maximumPasswordLength, `The password can have at most ${maximumPasswordLength} characters.`);

export const nameSchema = readableText().trim().min(1, 'Enter a name.').max(200, 'At most 200 characters.');

export const userSchema = z
  .object({
    id: z.uuid(),
    email: z.string(),
    name: z.string(),
    role: staffRoleSchema,
    language: languageSchema,
    isDisabled: z.boolean(),
    /** Competence teams (content library keys) the user belongs to. */
    teams: z.array(z.string()),
    phone: z.string().nullable(),
    createdAt: z.iso.datetime(),
  })
  .meta({ id: 'User' });
export type User = z.infer<typeof userSchema>;

export const passwordStates = ['set', 'invited', 'reset'] as const;

export const userAccountSchema = userSchema
  .extend({
    /** set: the user has a password; invited: they never had one and were emailed an invitation; reset: an admin cleared it. */
    passwordState: z.enum(passwordStates),
  })
  .meta({ id: 'UserAccount' });
export type UserAccount = z.infer<typeof userAccountSchema>;

export const createUserBody = z.object({
  email: emailSchema,
  name: nameSchema,
  role: staffRoleSchema,
  language: languageSchema.default('en'),
  password: passwordSchema,
});
export type CreateUserBody = z.infer<typeof createUserBody>;

export const inviteUserBody = z.object({
  email: emailSchema,
  name: nameSchema,
  role: staffRoleSchema,
  language: languageSchema.default('en'),
});
export type InviteUserBody = z.infer<typeof inviteUserBody>;

export const updateUserBody = z
  .object({
    name: nameSchema.optional(),
    role: staffRoleSchema.optional(),
    language: languageSchema.optional(),
    isDisabled: z.boolean().optional(),
    teams: z
      .array(z.string().regex(/^[a-z0-9-]{1,100}$/, 'Not a team key.'))
      .max(20)
      .refine((values) => new Set(values).size === values.length, 'Each team once.')
      .optional(),
    phone: z
      .string()
      .trim()
      .max(40, 'At most 40 characters.')
      .regex(/^[+0-9 ()./-]*$/, 'Digits, spaces and + ( ) . / - only.')
      .transform((value) => (value === '' ? null : value))
      .nullish(),
  })
  .refine((value) => Object.values(value).some((field) => field !== undefined), 'Change at least one field.');
export type UpdateUserBody = z.infer<typeof updateUserBody>;

export const userIdParams = z.object({ id: z.uuid({ error: 'Not a valid user id.' }) });

export const userListResponse = z.object({ items: z.array(userAccountSchema) });
export const directoryResponse = z.object({
  items: z.array(z.object({ id: z.uuid(), name: z.string(), role: staffRoleSchema })),
});
