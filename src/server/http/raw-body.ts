import type { FastifySchema } from 'fastify';
import { jsonSchemaTransform } from 'fastify-type-provider-zod';
import { formatBytes } from '../../domain/text/file-size';

/** A request body read as raw bytes (an upload): what the OpenAPI document says about it. */
export interface RawBodyDeclaration {
  /** The route's body limit, in bytes. */
  maxBytes: number;
  /** What the bytes may be, in words for the document's reader. */
  accepts: string;
}

declare module 'fastify' {
  interface FastifySchema {
    /** Set by rawRequestBody(): the body is raw bytes, which no zod schema describes. */
    rawBody?: RawBodyDeclaration;
  }
}

/**
 * The media types a raw upload is declared with: its scope's catch-all parser takes any Content-Type, and
 * application/octet-stream is the one to choose when in doubt.
 */
export const rawBodyMediaTypes = ['application/octet-stream', '*/*'] as const;

/**
 * Declares, in a route's schema, that its body is the raw bytes of a file, at most `maxBytes`: spread it into
 * `schema` next to the route's `bodyLimit` and its scope's catch-all parser.
 */
export function rawRequestBody(maxBytes: number, accepts: string): { rawBody: RawBodyDeclaration } {
  return { rawBody: { maxBytes, accepts } };
}

/**
 * Turns a route's schema into the OpenAPI operation's: the zod schemas through fastify-type-provider-zod, and a raw
 * body declared with rawRequestBody() into a binary requestBody. A raw body cannot be a `body` schema of the route
 * itself, since the route's validator (zod) would then check the bytes.
 */
export const openApiTransform: typeof jsonSchemaTransform = (input) => {
  const transformed = jsonSchemaTransform(input);
  const { rawBody, ...schema }: FastifySchema = transformed.schema;
  if (rawBody === undefined) return transformed;
  const description =
    `The file itself as the raw request body, at most ${formatBytes(rawBody.maxBytes)} (${rawBody.maxBytes} bytes; more is refused with 413), ` +
    `with any Content-Type (${rawBodyMediaTypes[0]} will do): Engage reads the bytes, not the declared type. ${rawBody.accepts}`;
  return {
    url: transformed.url,
    schema: { ...schema, consumes: [...rawBodyMediaTypes], body: { type: 'string', format: 'binary', description } },
  };
};
