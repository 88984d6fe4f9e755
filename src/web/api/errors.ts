import i18n from '../i18n';
export interface FieldProblem {
  path: string;
  message: string;
}

/** A failed API call, carrying the server's `{ code, message, details, requestId }` body. */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly details: FieldProblem[];
  readonly requestId: string | undefined;
  /** Why the server refused, as a key of its errors resources, and the values the text names. */
  readonly reason: string | undefined;
  readonly values: Readonly<Record<string, string | number>>;
  /** Seconds the server asks us to wait (429), from its `Retry-After` header. */
  readonly retryAfterSeconds: number | undefined;

  constructor(init: {
    status: number;
    code: string;
    message: string;
    details?: FieldProblem[];
    requestId?: string | undefined;
    reason?: string | undefined;
    values?: Readonly<Record<string, string | number>>;
    retryAfterSeconds?: number | undefined;
  }) {
    super(init.message);
    this.name = 'ApiError';
    this.status = init.status;
    this.code = init.code;
    this.details = init.details ?? [];
    this.requestId = init.requestId;
    this.reason = init.reason;
    this.values = init.values ?? {};
    this.retryAfterSeconds = init.retryAfterSeconds;
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function readDetails(value: unknown): FieldProblem[] {
  if (!Array.isArray(value)) return [];
  return value.flatMap((item: unknown) =>
    isRecord(item) && typeof item['message'] === 'string'
      ? [{ path: typeof item['path'] === 'string' ? item['path'] : '', message: item['message'] }]
      : [],
  );
}

function readValues(value: unknown): Record<string, string | number> {
  if (!isRecord(value)) return {};
  return Object.fromEntries(
    Object.entries(value).filter((entry): entry is [string, string | number] =>
      ['string', 'number'].includes(typeof entry[1]),
    ),
  );
}

/** Seconds the server asks us to wait: it sends Retry-After with every 429. */
function readRetryAfter(response: Response): number | undefined {
  const seconds = Number(response.headers.get('Retry-After') ?? Number.NaN);
  return Number.isFinite(seconds) ? seconds : undefined;
}

/** Turns a non-2xx response and its parsed body into an ApiError. */
export function toApiError(response: Response, body: unknown): ApiError {
  const record = isRecord(body) ? body : {};
  const code = typeof record['code'] === 'string' ? record['code'] : `http_${response.status}`;
  const message =
    typeof record['message'] === 'string' && record['message'] !== ''
      ? record['message']
      : response.statusText || `HTTP ${response.status}`;
  return new ApiError({
    status: response.status,
    code,
    message,
    details: readDetails(record['details']),
    requestId: typeof record['requestId'] === 'string' ? record['requestId'] : undefined,
    reason: typeof record['reason'] === 'string' ? record['reason'] : undefined,
    values: readValues(record['values']),
    retryAfterSeconds: readRetryAfter(response),
  });
}

/** The text to show for any error thrown by a query or mutation. */
export function errorMessage(error: unknown, fallback: string): string {
  if (!(error instanceof ApiError)) return fallback;
  // Errors that say the same whatever the request are shown in the user's language; so are refusals whose reason the
  // server's resources hold (the same files the server writes from); the others carry the server's words.
  if (isTranslatedCode(error.code)) return i18n.t(`errors.codes.${error.code}`);
  const reasonKey = `serverErrors.${error.reason ?? ''}`;
  // The values go along: a text in plural forms (`…_one`, `…_other`) exists only for a count.
  if (error.reason !== undefined && i18n.exists(reasonKey, { ...error.values }))
    return (i18n.t as (key: string, options: object) => string)(reasonKey, {
      ...error.values,
      defaultValue: error.message,
    });
  return error.message;
}

const translatedCodes = [
  'unauthenticated',
  'forbidden',
  'cross_origin_refused',
  'not_found',
  'payload_too_large',
  'internal_error',
  'unavailable',
] as const;

function isTranslatedCode(code: string): code is (typeof translatedCodes)[number] {
  return (translatedCodes as readonly string[]).includes(code);
}

/**
 * Splits server `details` into errors for known form fields and the rest.
 * Paths look like `body.name`, `/name`, `name` or `applications.0`.
 */
export function fieldErrorsFrom<Field extends string>(
  error: unknown,
  fields: readonly Field[],
): { fieldErrors: Partial<Record<Field, string>>; otherProblems: string[] } {
  const fieldErrors: Partial<Record<Field, string>> = {};
  const otherProblems: string[] = [];
  if (!(error instanceof ApiError)) return { fieldErrors, otherProblems };
  for (const problem of error.details) {
    const segments = problem.path.split(/[./[\]]/).filter((segment) => segment !== '' && segment !== 'body');
    const field = fields.find((candidate) => candidate === segments[0]);
    if (field) {
      fieldErrors[field] ??= problem.message;
    } else {
      otherProblems.push(problem.path ? `${problem.path}: ${problem.message}` : problem.message);
    }
  }
  return { fieldErrors, otherProblems };
}

/**
 * Like fieldErrorsFrom, but keys each error by its path in the form, as Mantine's form does, so that a problem in
 * one row of a list lands on that row's input: `body.lines.1.serviceKey` → `lines.1.serviceKey`. A problem inside
 * a field that is not in `rowFields` (such as `body.applications.2`, one multi-select) lands on the field itself.
 */
export function formErrorsFrom<Field extends string>(
  error: unknown,
  fields: readonly Field[],
  rowFields: readonly Field[],
): { fieldErrors: Record<string, string>; otherProblems: string[] } {
  const fieldErrors: Record<string, string> = {};
  const otherProblems: string[] = [];
  if (!(error instanceof ApiError)) return { fieldErrors, otherProblems };
  for (const problem of error.details) {
    const segments = problem.path.split(/[./[\]]/).filter((segment) => segment !== '' && segment !== 'body');
    const field = fields.find((candidate) => candidate === segments[0]);
    if (!field) {
      otherProblems.push(problem.path ? `${problem.path}: ${problem.message}` : problem.message);
      continue;
    }
    const key = rowFields.includes(field) ? segments.join('.') : field;
    fieldErrors[key] ??= problem.message;
  }
  return { fieldErrors, otherProblems };
}
