import diagnostics from 'node:diagnostics_channel';
import type { FastifyInstance, RouteOptions } from 'fastify';
import { beforeAll, describe, expect, it } from 'vitest';
import { formatBytes } from '../modules/files/file-check';
import { buildOpenApiDocument } from '../openapi';

interface RegisteredRoute {
  method: string;
  url: string;
  isHidden: boolean;
  hasBodySchema: boolean;
  /** The media types the route's plugin scope parses; `*∕*` is the catch-all parser of raw uploads. */
  parsedMediaTypes: string[];
  bodyLimit: number | undefined;
}

interface Operation {
  requestBody?: { description?: string; content?: Record<string, { schema?: Record<string, unknown> }> };
}

const writeMethods = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
const catchAll = '*/*';

/**
 * Fastify has no public way to list a scope's body parsers (`hasContentTypeParser('*')` answers false even where
 * the catch-all parser is set), so this reads them from the scope; should Fastify rename them, the test fails saying
 * so instead of passing without looking.
 */
function parsedMediaTypes(scope: object): string[] {
  for (
    let current: object | null = scope;
    current !== null;
    current = Object.getPrototypeOf(current) as object | null
  ) {
    const symbol = Object.getOwnPropertySymbols(current).find(
      (candidate) => candidate.description === 'fastify.contentTypeParser',
    );
    if (symbol === undefined) continue;
    const parsers = (current as Record<symbol, { customParsers?: unknown } | undefined>)[symbol]?.customParsers;
    if (!(parsers instanceof Map)) break;
    return [...(parsers.keys() as Iterable<string>)].map((key) => (key === '' ? catchAll : key));
  }
  throw new Error(
    'cannot read the body parsers of a Fastify scope: its internals changed, so update parsedMediaTypes()',
  );
}

/** Builds the app the OpenAPI document comes from, noting every route as registered, with the parsers of its scope. */
async function buildWithRouteTable(): Promise<{
  routes: RegisteredRoute[];
  document: { paths: Record<string, Record<string, Operation>> };
}> {
  const routes: RegisteredRoute[] = [];
  // Fastify announces each new instance on this channel before any plugin or route is added to it.
  const onInstance = (message: unknown) => {
    const { fastify } = message as { fastify: FastifyInstance };
    fastify.addHook('onRoute', function (this: FastifyInstance, route: RouteOptions) {
      const schema = route.schema;
      for (const method of [route.method].flat()) {
        routes.push({
          method,
          url: route.url,
          isHidden: schema?.hide === true,
          hasBodySchema: schema?.body !== undefined,
          parsedMediaTypes: parsedMediaTypes(this),
          bodyLimit: route.bodyLimit,
        });
      }
    });
  };
  diagnostics.subscribe('fastify.initialization', onInstance);
  try {
    const document = (await buildOpenApiDocument()) as { paths: Record<string, Record<string, Operation>> };
    return { routes, document };
  } finally {
    diagnostics.unsubscribe('fastify.initialization', onInstance);
  }
}

/**
 * A route takes a body when it validates one, or when its scope parses more than JSON (raw uploads, link-page
 * forms). The app removes the default text/plain parser, so a route with only the JSON parser and no body schema
 * takes none: whatever JSON is sent is neither checked nor read.
 */
function takesBody(route: RegisteredRoute): boolean {
  return route.hasBodySchema || route.parsedMediaTypes.some((type) => type !== 'application/json');
}

/**
 * The portal link pages are rendered by the server and posted by their own forms (urlencoded); they answer HTML and
 * redirects, not the API's JSON, and no client but the page the same server wrote calls them. They are hidden from
 * the API document, with the GET pages they belong to, and live outside /api/. A hidden route under /api/ gets no
 * such pass.
 */
function isServerRenderedPage(route: RegisteredRoute): boolean {
  return route.isHidden && !route.url.startsWith('/api/');
}

function operationOf(
  document: { paths: Record<string, Record<string, Operation>> },
  route: RegisteredRoute,
): Operation | undefined {
  const path = route.url.replace(/:([A-Za-z0-9_]+)/g, '{$1}');
  return document.paths[path]?.[route.method.toLowerCase()];
}

describe('the OpenAPI document says what each operation takes', () => {
  let routes: RegisteredRoute[];
  let document: { paths: Record<string, Record<string, Operation>> };

  beforeAll(async () => {
    ({ routes, document } = await buildWithRouteTable());
  });

  const writes = () => routes.filter((route) => writeMethods.has(route.method));

  it('describes the request body of every operation that takes one, in each media type its scope parses', () => {
    const problems: string[] = [];
    for (const route of writes().filter((candidate) => takesBody(candidate) && !isServerRenderedPage(candidate))) {
      const label = `${route.method} ${route.url}`;
      const operation = operationOf(document, route);
      if (operation === undefined) {
        problems.push(`${label}: takes a body but is missing from the document`);
        continue;
      }
      const declared = Object.keys(operation.requestBody?.content ?? {});
      if (declared.length === 0) {
        problems.push(
          `${label}: takes a body (${route.hasBodySchema ? 'a body schema' : route.parsedMediaTypes.join(', ')}) but declares no requestBody`,
        );
        continue;
      }
      const expected = route.parsedMediaTypes.filter((type) => type !== 'application/json' || route.hasBodySchema);
      for (const type of expected) {
        if (!declared.includes(type))
          problems.push(`${label}: parses ${type} but its requestBody declares only ${declared.join(', ')}`);
      }
    }
    expect(problems).toEqual([]);
  });

  it('recognises the writes that take no body by how they parse, and declares none for them', () => {
    const bodiless = writes().filter((route) => !takesBody(route));
    // Actions such as submitting a questionnaire or marking the design reviewed: there must be some to tell apart.
    expect(bodiless.length).toBeGreaterThan(5);
    for (const route of bodiless) {
      expect(route.parsedMediaTypes).toEqual(['application/json']);
      expect({ route: `${route.method} ${route.url}`, requestBody: operationOf(document, route)?.requestBody }).toEqual(
        { route: `${route.method} ${route.url}`, requestBody: undefined },
      );
    }
  });

  it('declares a raw upload as bytes of any media type, with the limit its route enforces', () => {
    const uploads = writes().filter(
      (route) => route.parsedMediaTypes.includes(catchAll) && !isServerRenderedPage(route),
    );
    expect(uploads.map((route) => `${route.method} ${route.url}`)).toEqual(
      expect.arrayContaining([
        'POST /api/projects/:id/questionnaires/:applicationKey/files',
        'POST /api/portal/projects/:id/requirements/:requirementId/files',
        'POST /api/verify',
      ]),
    );
    for (const route of uploads) {
      const requestBody = operationOf(document, route)?.requestBody;
      expect(requestBody?.content?.['application/octet-stream']?.schema).toMatchObject({
        type: 'string',
        format: 'binary',
      });
      expect(route.bodyLimit).toBeDefined();
      expect(requestBody?.description).toContain(`at most ${formatBytes(route.bodyLimit ?? 0)}`);
    }
  });

  it('names the file types the upload check accepts, and says the content decides', () => {
    const upload =
      document.paths['/api/portal/projects/{id}/requirements/{requirementId}/files']?.['post']?.requestBody
        ?.description ?? '';
    for (const type of ['PDF', 'PNG image', 'Word document', 'OpenDocument spreadsheet', '.csv'])
      expect(upload).toContain(type);
    expect(upload).toMatch(/detected from the content/);
    const verify = document.paths['/api/verify']?.['post']?.requestBody?.description ?? '';
    expect(verify).toMatch(/PDF/);
  });

  it('exempts only server-rendered pages outside /api/, which are hidden from the document', () => {
    const exempt = writes().filter((route) => takesBody(route) && isServerRenderedPage(route));
    for (const route of exempt) {
      expect(route.url.startsWith('/portal/')).toBe(true);
      expect(operationOf(document, route)).toBeUndefined();
    }
  });
});
