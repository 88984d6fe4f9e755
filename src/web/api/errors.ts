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
  /** Seconds the server asks us to wait (429), from `Retry-After` or the error details. */
  readonly retryAfterSeconds: number | undefined;

  constructor(init: {
    status: number;
    code: string;
    message: string;
    details?: FieldProblem[];
    requestId?: string | undefined;
    retryAfterSeconds?: number | undefined;
  }) {
    super(init.message);
    this.name = 'ApiError';
    this.status = init.status;
    this.code = init.code;
    this.details = init.details ?? [];
    this.requestId = init.requestId;
    this.retryAfterSeconds = init.retryAfterSeconds;
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function readDetails(value: unknown): FieldProblem[] {
  if (!Array.isArray(value)) return [];
  return value.flatMap((item: unknown) => {
    if (!isRecord(item)) return [];
    const path = Array.isArray(item['path']) ? item['path'].join('.') : item['path'];
    const message = item['message'];
    return typeof message === 'string' ? [{ path: typeof path === 'string' ? path : '', message }] : [];
  });
}

function readRetryAfter(response: Response, body: Record<string, unknown>): number | undefined {
  const header = response.headers.get('Retry-After');
  if (header) {
    const seconds = Number(header);
    if (Number.isFinite(seconds)) return seconds;
    const date = Date.parse(header);
    if (!Number.isNaN(date)) return Math.max(0, Math.round((date - Date.now()) / 1000));
  }
  const sources = [body, isRecord(body['details']) ? body['details'] : {}];
  for (const source of sources) {
    for (const key of ['retryAfterSeconds', 'retryAfter']) {
      const value = source[key];
      if (typeof value === 'number' && Number.isFinite(value)) return value;
    }
  }
  if (Array.isArray(body['details'])) {
    for (const item of body['details']) {
      if (!isRecord(item)) continue;
      if (item['path'] === 'retryAfterSeconds') {
        const seconds = Number(item['message']);
        if (Number.isFinite(seconds)) return seconds;
      }
      const value = item['retryAfterSeconds'] ?? item['retryAfter'];
      if (typeof value === 'number') return value;
    }
  }
  return undefined;
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
    retryAfterSeconds: readRetryAfter(response, record),
  });
}

/** The text to show for any error thrown by a query or mutation. */
export function errorMessage(error: unknown, fallback: string): string {
  if (error instanceof ApiError) return error.message;
  if (error instanceof Error && error.message) return fallback;
  return fallback;
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
