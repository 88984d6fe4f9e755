import { translate, type TextKey } from '../domain/text/i18n';
import type { Language } from '../domain/text/languages';
/**
 * Every error a person can be told about has a code; this table is the one place that maps codes to HTTP statuses.
 * Domain code throws AppError(code, message); the HTTP error handler answers { code, message, details?, requestId }.
 */
export const errorStatuses = {
  /** The request body, query or path did not match its schema; details name the fields. */
  validation_failed: 400,
  /** The body is not valid JSON. */
  malformed_json: 400,
  /** No valid session: log in first. */
  unauthenticated: 401,
  /** A new password is too short, or too easy to guess (common, a small change of a common one, built from the name); details name the field. */
  weak_password: 400,
  /** A single-use password link was already used, has expired or was replaced: ask for a new one. */
  link_unusable: 410,
  /** Email and password do not match an active account (same answer for an unknown email). */
  invalid_credentials: 401,
  /** The role of the caller does not allow this. */
  forbidden: 403,
  /** A state-changing request from another site was refused. */
  cross_origin_refused: 403,
  /** Nothing with this id exists, or the caller may not know it exists. */
  not_found: 404,
  /** The request conflicts with the current state (duplicate, already done). */
  conflict: 409,
  /** The process engine refused the action: the step is not in a state that allows it. */
  action_not_allowed: 409,
  /** The step's exit criteria do not hold yet. */
  criteria_unmet: 409,
  /** The request body exceeds the size limit. */
  payload_too_large: 413,
  /** The content type is not JSON. */
  unsupported_media_type: 415,
  /** An uploaded file's content is not one of the allowed document types. */
  file_type_refused: 415,
  /** Too many attempts; retry later. */
  rate_limited: 429,
  /** Unexpected failure; the request id finds it in the log. */
  internal_error: 500,
  /** The database is not reachable (refused, dropped, shutting down); the same request may succeed in a moment. */
  unavailable: 503,
} as const;

export type ErrorCode = keyof typeof errorStatuses;

export interface ErrorDetail {
  path: string;
  message: string;
}

/** Why a request was refused, in words the language resources hold (src/domain/text/locales/<language>/errors.json). */
export interface ErrorReason {
  /** The resource key, e.g. `requirements.already_settled`: the web app shows its own translation of it. */
  readonly key: TextKey<'errors'>;
  readonly values: Readonly<Record<string, string | number>>;
}

export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: ErrorDetail[],
    readonly headers?: Record<string, string>,
    readonly reason?: ErrorReason,
  ) {
    super(message);
    this.name = 'AppError';
  }
}

export interface RefusalOptions {
  /** The values the text names (`{{name}}`); `count` also chooses a plural form. */
  values?: Readonly<Record<string, string | number>>;
  details?: ErrorDetail[];
  /** Headers of the answer, such as Retry-After. */
  headers?: Record<string, string>;
}

/**
 * An error whose words come from the language resources: its message is written in the reader's language, and its
 * reason lets the web app say it in the language the reader has chosen there.
 */
export function refusal(
  language: Language,
  code: ErrorCode,
  key: TextKey<'errors'>,
  options: RefusalOptions = {},
): AppError {
  const values = options.values ?? {};
  return new AppError(code, translate(language, 'errors', key, values), options.details, options.headers, {
    key,
    values,
  });
}

export const errorCodes = Object.keys(errorStatuses) as [ErrorCode, ...ErrorCode[]];

/**
 * A refusal for staff (or any reader whose language the server does not know): the message is the English of the
 * resource, kept as the fallback, and the reason lets the web app say it in the language the reader chose there.
 */
export function refuse(code: ErrorCode, key: TextKey<'errors'>, options: RefusalOptions = {}): AppError {
  return refusal('en', code, key, options);
}
