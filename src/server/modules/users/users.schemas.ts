import { z } from 'zod';
import { translatorFor } from '../../../domain/text/i18n';
import { languages, staffRoles } from '../../db/schema';
import { readableText } from '../../http/common.schemas';

export type { StaffRole } from '../../identity';

const en = translatorFor('en', 'errors');
export const staffRoleSchema = z.enum(staffRoles);
export const languageSchema = z.enum(languages);

/** The shortest password Engage accepts (NIST SP 800-63B asks for at least 8; 12 keeps a guessed one expensive). */
export const minimumPasswordLength = 12;
export const maximumPasswordLength = 256;

export const emailSchema = z
  .email({ error: en('common.enter_valid_email') })
  .max(254)
  .transform((value) => value.toLowerCase());

/** A new password's length; whether it is too easy to guess is checked by the service (auth/password-policy.ts). */
export const passwordSchema = z
  .string()
  .min(minimumPasswordLength, en('auth.password_too_short', { minimum: minimumPasswordLength }))
  .max(maximumPasswordLength, en('auth.password_too_long', { maximum: maximumPasswordLength }));

export const nameSchema = readableText()
  .trim()
  .min(1, en('common.enter_name'))
  .max(200, en('common.at_most_characters', { maximum: 200 }));

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
      .array(z.string().regex(/^[a-z0-9-]{1,100}$/, en('users.not_a_team_key')))
      .max(20)
      .refine((values) => new Set(values).size === values.length, en('users.each_team_once'))
      .optional(),
    phone: z
      .string()
      .trim()
      .max(40, en('common.at_most_characters', { maximum: 40 }))
      .regex(/^[+0-9 ()./-]*$/, en('users.phone_characters'))
      .transform((value) => (value === '' ? null : value))
      .nullish(),
  })
  .refine((value) => Object.values(value).some((field) => field !== undefined), en('users.change_a_field'));
export type UpdateUserBody = z.infer<typeof updateUserBody>;

export const userIdParams = z.object({ id: z.uuid({ error: en('users.invalid_user_id') }) });

export const userListResponse = z.object({ items: z.array(userAccountSchema) });
export const directoryResponse = z.object({
  items: z.array(z.object({ id: z.uuid(), name: z.string(), role: staffRoleSchema })),
});
