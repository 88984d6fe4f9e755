import type { TFunction } from 'i18next';
import { ApiError, fieldErrorsFrom } from '../api/errors';

/** The server's shortest password (auth/password-policy.ts); checked here only to answer before a round trip. */
export const minimumPasswordLength = 12;

/** Why a new password is refused before it is sent (too short), or null; the server also judges how guessable it is. */
export function newPasswordProblem(value: string, t: TFunction): string | null {
  return value.length >= minimumPasswordLength
    ? null
    : t('accounts.password.tooShort', { count: minimumPasswordLength });
}

/**
 * The server's refusals placed on the form's fields: a password too easy to guess in the reader's language, anything
 * else in the server's words.
 */
export function passwordFormErrors<Field extends string>(
  error: unknown,
  fields: readonly Field[],
  t: TFunction,
): Partial<Record<Field, string>> {
  const { fieldErrors } = fieldErrorsFrom(error, fields);
  if (error instanceof ApiError && error.code === 'weak_password') {
    for (const field of fields)
      if (fieldErrors[field] !== undefined) fieldErrors[field] = t('accounts.password.tooWeak');
  }
  return fieldErrors;
}

/** The words for a log-in refused for a while (429), by how long the server asks to wait. */
export function waitMessage(retryAfterSeconds: number | undefined, t: TFunction): string {
  if (retryAfterSeconds === undefined) return t('login.rateLimitedLater');
  const seconds = Math.max(1, Math.ceil(retryAfterSeconds));
  return seconds < 90
    ? t('accounts.login.rateLimitedSeconds', { count: seconds })
    : t('accounts.login.rateLimitedMinutes', { count: Math.ceil(seconds / 60) });
}
