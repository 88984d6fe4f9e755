import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { isDatabaseUnreachable } from '../db/database';
import { translate } from '../../domain/text/i18n';
import { AppError, errorStatuses, refuse, type ErrorCode, type ErrorDetail, type ErrorReason } from '../errors';

export interface ErrorBody {
  code: ErrorCode;
  message: string;
  /** Why, as a key of the errors resources and the values it names: the web app says it in the reader's language. */
  reason?: string;
  values?: Readonly<Record<string, string | number>>;
  details?: ErrorDetail[];
  requestId: string;
}

function send(
  reply: FastifyReply,
  request: FastifyRequest,
  code: ErrorCode,
  message: string,
  details?: ErrorDetail[],
  reason?: ErrorReason,
) {
  const body: ErrorBody = { code, message, requestId: request.id };
  if (reason !== undefined) {
    body.reason = reason.key;
    body.values = reason.values;
  }
  if (details !== undefined && details.length > 0) body.details = details;
  return reply.status(errorStatuses[code]).type('application/json; charset=utf-8').send(body);
}

/** Answers a refusal written from the language resources (its English, and the reason the web app translates). */
function sendRefusal(reply: FastifyReply, request: FastifyRequest, error: AppError) {
  return send(reply, request, error.code, error.message, error.details, error.reason);
}

function fieldPath(context: string | undefined, instancePath: string): string {
  const parts = instancePath.split('/').filter((part) => part.length > 0);
  return [context ?? 'body', ...parts].join('.');
}

/** The SQLSTATE of a database error, also when the query builder wrapped it. */
function sqlState(error: unknown): string | undefined {
  for (
    let current: unknown = error, depth = 0;
    current instanceof Error && depth < 3;
    current = current.cause, depth += 1
  ) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code)) return code;
  }
  return undefined;
}

/** Turns every error into { code, message, details?, requestId } with the status of its code. */
export function handleError(error: FastifyError | AppError | Error, request: FastifyRequest, reply: FastifyReply) {
  if (error instanceof AppError) {
    for (const [name, value] of Object.entries(error.headers ?? {})) reply.header(name, value);
    return sendRefusal(reply, request, error);
  }
  const fastifyError = error as FastifyError;
  if (hasZodFastifySchemaValidationErrors(fastifyError)) {
    const details = fastifyError.validation.map((issue) => ({
      path: fieldPath(fastifyError.validationContext, issue.instancePath),
      message: issue.message ?? translate('en', 'errors', 'http.not_valid'),
    }));
    const first = details[0];
    if (first === undefined) return sendRefusal(reply, request, refuse('validation_failed', 'http.request_not_valid'));
    return send(reply, request, 'validation_failed', `${first.path}: ${first.message}`, details);
  }
  // PostgreSQL's "data exception" class (22…): a value it cannot store or cast, such as a NUL character in a text.
  // The statement failed, so nothing changed; the request was at fault, not the server.
  if (/^22[0-9A-Z]{3}$/.test(sqlState(error) ?? '')) {
    request.log.info({ err: error }, 'value refused by the database');
    return sendRefusal(reply, request, refuse('validation_failed', 'http.value_not_storable'));
  }
  if (isDatabaseUnreachable(error)) {
    request.log.warn({ err: error }, 'database unreachable');
    reply.header('retry-after', '5');
    return sendRefusal(reply, request, refuse('unavailable', 'http.database_unreachable'));
  }
  switch (fastifyError.code) {
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
      return sendRefusal(reply, request, refuse('malformed_json', 'http.malformed_json'));
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return sendRefusal(reply, request, refuse('validation_failed', 'http.empty_body'));
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return send(
        reply,
        request,
        'payload_too_large',
        request.routeOptions.config.tooLargeMessage ?? translate('en', 'errors', 'http.body_too_large'),
      );
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return sendRefusal(reply, request, refuse('unsupported_media_type', 'http.json_only'));
    default:
      break;
  }
  if (error instanceof SyntaxError && fastifyError.statusCode === 400) {
    return sendRefusal(reply, request, refuse('malformed_json', 'http.malformed_json'));
  }
  const status = fastifyError.statusCode;
  if (status !== undefined && status >= 400 && status < 500) {
    request.log.info({ err: error }, 'client error');
    return send(
      reply,
      request,
      status === 404
        ? 'not_found'
        : status === 413
          ? 'payload_too_large'
          : status === 415
            ? 'unsupported_media_type'
            : 'validation_failed',
      error.message,
    );
  }
  request.log.error({ err: error }, 'unexpected error');
  return sendRefusal(
    reply,
    request,
    refuse('internal_error', 'http.internal_error', { values: { requestId: request.id } }),
  );
}
