import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { isDatabaseUnreachable } from '../db/database';
import { AppError, errorStatuses, type ErrorCode, type ErrorDetail, type ErrorReason } from '../errors';

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
    return send(reply, request, error.code, error.message, error.details, error.reason);
  }
  const fastifyError = error as FastifyError;
  if (hasZodFastifySchemaValidationErrors(fastifyError)) {
    const details = fastifyError.validation.map((issue) => ({
      path: fieldPath(fastifyError.validationContext, issue.instancePath),
      message: issue.message ?? 'Not valid.',
    }));
    const first = details[0];
    return send(
      reply,
      request,
      'validation_failed',
      first === undefined ? 'The request is not valid.' : `${first.path}: ${first.message}`,
      details,
    );
  }
  // PostgreSQL's "data exception" class (22…): a value it cannot store or cast, such as a NUL character in a text.
  // The statement failed, so nothing changed; the request was at fault, not the server.
  if (/^22[0-9A-Z]{3}$/.test(sqlState(error) ?? '')) {
    request.log.info({ err: error }, 'value refused by the database');
    return send(
      reply,
      request,
      'validation_failed',
      'The request contains a value that cannot be stored (for example a NUL character).',
    );
  }
  if (isDatabaseUnreachable(error)) {
    request.log.warn({ err: error }, 'database unreachable');
    reply.header('retry-after', '5');
    return send(reply, request, 'unavailable', 'The database is not reachable right now; try again in a moment.');
  }
  switch (fastifyError.code) {
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
      return send(reply, request, 'malformed_json', 'The request body is not valid JSON.');
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return send(reply, request, 'validation_failed', 'The request body is empty; send a JSON object.');
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return send(
        reply,
        request,
        'payload_too_large',
        request.routeOptions.config.tooLargeMessage ?? 'The request body is too large.',
      );
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return send(reply, request, 'unsupported_media_type', 'Send the request body as application/json.');
    default:
      break;
  }
  if (error instanceof SyntaxError && fastifyError.statusCode === 400) {
    return send(reply, request, 'malformed_json', 'The request body is not valid JSON.');
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
  return send(
    reply,
    request,
    'internal_error',
    `Something went wrong on our side. Quote request ${request.id} to support.`,
  );
}
