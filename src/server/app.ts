import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import fastifyCookie from '@fastify/cookie';
import fastifyStatic from '@fastify/static';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import { jsonSchemaTransformObject, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import type { ServiceContext } from './context';
import { refuse } from './errors';
import { collectRouteAccess, enforceAccess, type RouteAccess } from './http/access';
import { handleError } from './http/error-handler';
import { openApiTransform } from './http/raw-body';
import { requestActor } from './http/identity';
import { pluginRouteRateLimit, rateLimitOf, registerRateLimits, useRateLimitAudit } from './http/rate-limit';
import { refuseCrossOriginWrites, securityHeaders } from './http/security';
import { zodSerializerCompiler } from './http/serializer';
import { readPortalToken, readSessionToken, type SessionCookieOptions } from './http/session-cookie';
import { resolvePortalSession } from './modules/portal/portal-access.service';
import { recordAuditEvent } from './modules/audit/audit.service';
import { pruneRefusalWindows, repeatedRefusalEvent } from './modules/audit/refusals.service';
import { resolveSession } from './modules/auth/auth.service';
import { authRoutes } from './modules/auth/auth.routes';
import { calendarsRoutes } from './modules/calendars/calendars.routes';
import { sessionsRoutes } from './modules/sessions/sessions.routes';
import { calendarViewsRoutes } from './modules/sessions/calendar-views.routes';
import { portalSessionsRoutes } from './modules/sessions/portal-sessions.routes';
import { deliveryRoutes } from './modules/delivery/delivery.routes';
import { workLogRoutes } from './modules/work-log/work-log.routes';
import { catalogRoutes } from './modules/catalog/catalog.routes';
import { contentRoutes } from './modules/content/content.routes';
import { healthRoutes } from './modules/health/health.routes';
import { organisationsRoutes } from './modules/organisations/organisations.routes';
import { processRoutes } from './modules/process/process.routes';
import { engagementRoutes } from './modules/engagement/engagement.routes';
import { mailRoutes } from './modules/mail/mail.routes';
import { portalPagesRoutes } from './modules/portal/portal-pages.routes';
import { portalRoutes } from './modules/portal/portal.routes';
import { contactSide, projectWorkRoutes, staffSide } from './modules/portal/work.routes';
import { requirementsRoutes } from './modules/requirements/requirements.routes';
import { projectsRoutes } from './modules/projects/projects.routes';
import { purchaseOrdersRoutes } from './modules/purchase-orders/purchase-orders.routes';
import { usersRoutes } from './modules/users/users.routes';
import { registerModuleProviders } from './modules/register-providers';

// Wired as the app is loaded: every role that builds the app or starts Engage (and every test harness) imports it.
registerModuleProviders();
useRateLimitAudit({ recordAuditEvent, repeatedRefusalEvent, pruneRefusalWindows });

export interface AppOptions {
  context: ServiceContext;
  ping: () => Promise<void>;
  publicUrl: URL;
  trustProxy: false | number | string[];
  logger: FastifyBaseLogger | false;
  /** Folder of the built web app (index.html and assets); a hint page is served when it is missing. */
  webRoot: string;
  /** Where public routes count requests: this process's memory (embedded database), or the database shared by every process. */
  rateLimitStore?: 'memory' | 'database';
}

export interface EngageApp {
  app: FastifyInstance;
  /** Every route with its access rule, as registered (the access test is generated from it). */
  routes: RouteAccess[];
  /** Audits the counts of ended rate-limit windows and forgets them (start.ts calls it hourly). */
  pruneRateLimits: () => Promise<void>;
}

const bodyLimitBytes = 256 * 1024;

/**
 * How a request appears in the log: a portal link's token and a calendar feed's (in their paths) are credentials, so
 * they never reach the log; the rest is what Fastify logs by default.
 */
export function requestForLog(request: {
  method: string;
  url: string;
  host?: string;
  hostname?: string;
  ip?: string;
  socket?: { remoteAddress?: string };
}) {
  return {
    method: request.method,
    url: request.url
      .replace(/^\/portal\/link\/[^/?#]+/, '/portal/link/[token]')
      .replace(/^\/calendar-feed\/[^/?#]+/, '/calendar-feed/[token]'),
    host: request.host ?? request.hostname,
    remoteAddress: request.ip ?? request.socket?.remoteAddress,
  };
}

function trustHops(hops: number) {
  return (_address: string, hop: number) => hop < hops;
}

/**
 * Routes registered by plugins we do not write state no access rule: the API docs (swagger-ui) and the files of the
 * built web app (@fastify/static, one route per file) are public. Any other route without a rule fails at start-up.
 */
export function pluginRouteAccess(url: string, webRoot: string): 'public' | undefined {
  if (url === '/api/docs' || url.startsWith('/api/docs/')) return 'public';
  const file = path.resolve(webRoot, `.${url}`);
  const isWebFile =
    file.startsWith(`${path.resolve(webRoot)}${path.sep}`) &&
    fs.statSync(file, { throwIfNoEntry: false })?.isFile() === true;
  return isWebFile ? 'public' : undefined;
}

/** Builds the HTTP app without listening: plugins, hooks, routes and the web app. */
export async function buildApp(options: AppOptions): Promise<EngageApp> {
  const { context } = options;
  const cookie: SessionCookieOptions = { isHttps: options.publicUrl.protocol === 'https:' };
  const app = Fastify({
    loggerInstance:
      options.logger === false ? undefined : options.logger.child({}, { serializers: { req: requestForLog } }),
    logger: options.logger === false ? false : undefined,
    genReqId: () => randomUUID(),
    requestIdHeader: false,
    // A hop count becomes a function: Fastify's types take addresses or a function (proxy-addr's trust callback).
    trustProxy: typeof options.trustProxy === 'number' ? trustHops(options.trustProxy) : options.trustProxy,
    bodyLimit: bodyLimitBytes,
    return503OnClosing: true,
    routerOptions: { maxParamLength: 200 },
  }).withTypeProvider<ZodTypeProvider>();

  // The API speaks JSON only: a text body gets 415 rather than a confusing validation error.
  app.removeContentTypeParser('text/plain');
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(zodSerializerCompiler);
  app.setErrorHandler(handleError);

  const routes: RouteAccess[] = [];
  app.addHook('onRoute', (route) => {
    const pluginAccess = route.config?.access === undefined ? pluginRouteAccess(route.url, options.webRoot) : undefined;
    const pluginRateLimit =
      pluginAccess === 'public' && route.config?.rateLimit === undefined
        ? { rateLimit: pluginRouteRateLimit(route.url) }
        : {};
    route.config = { ...route.config, access: route.config?.access ?? pluginAccess, ...pluginRateLimit };
  });
  collectRouteAccess(app, routes);

  // Registered before our hooks so that cookies are parsed when the session is resolved.
  await app.register(fastifyCookie);
  const rateLimits = await registerRateLimits(app, context, {
    store: options.rateLimitStore ?? 'memory',
    log: app.log,
  });
  app.decorateRequest('staff', null);
  app.decorateRequest('contact', null);
  app.addHook('onSend', securityHeaders(cookie.isHttps));
  app.addHook('onSend', async (request, reply) => {
    reply.header('x-request-id', request.id);
  });
  app.addHook('onRequest', refuseCrossOriginWrites(options.publicUrl.origin));
  app.addHook('onRequest', async (request, reply) => {
    // Public routes (pages, assets, health, log-in) do not need to know who calls: no session query for them.
    const access = request.routeOptions.config.access;
    if (access === 'contact') {
      const portalToken = readPortalToken(request, cookie);
      request.contact = portalToken === null ? null : await resolvePortalSession(context, portalToken);
    }
    const token = access === 'public' || access === 'contact' ? null : readSessionToken(request, cookie);
    request.staff = token === null ? null : await resolveSession(context, token);
    await enforceAccess(request, reply, async (refused, reason) => {
      await recordAuditEvent(context.db, requestActor(refused), {
        action: 'access.refused',
        subjectType: 'route',
        subjectId: `${refused.method} ${refused.routeOptions.url ?? refused.url}`,
        after: { reason },
      });
    });
  });

  await app.register(fastifySwagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Engage API',
        version: '1.0.0',
        description:
          'Every error answers { code, message, details?, requestId }. Staff authenticate with the session cookie set by POST /api/auth/login.',
      },
      components: {
        securitySchemes: {
          session: { type: 'apiKey', in: 'cookie', name: cookie.isHttps ? '__Host-engage_session' : 'engage_session' },
        },
      },
    },
    transform: openApiTransform,
    transformObject: jsonSchemaTransformObject,
  });
  await app.register(fastifySwaggerUi, { routePrefix: '/api/docs', staticCSP: false });

  app.get(
    '/api/openapi.json',
    { config: { access: 'public', rateLimit: rateLimitOf('api-documents') }, schema: { hide: true } },
    async () => app.swagger(),
  );

  await app.register(healthRoutes(options.ping));
  await app.register(authRoutes(context, cookie));
  await app.register(usersRoutes(context));
  await app.register(organisationsRoutes(context));
  await app.register(catalogRoutes(context));
  await app.register(contentRoutes(context));
  await app.register(processRoutes(context));
  await app.register(projectsRoutes(context));
  await app.register(mailRoutes(context));
  await app.register(purchaseOrdersRoutes(context));
  await app.register(engagementRoutes(context));
  await app.register(portalPagesRoutes(context, cookie));
  await app.register(portalRoutes(context, cookie));
  await app.register(projectWorkRoutes(context, staffSide));
  await app.register(projectWorkRoutes(context, contactSide));
  await app.register(requirementsRoutes(context));
  await app.register(calendarsRoutes(context));
  await app.register(sessionsRoutes(context));
  await app.register(calendarViewsRoutes(context));
  await app.register(portalSessionsRoutes(context));
  await app.register(workLogRoutes(context));
  await app.register(deliveryRoutes(context));

  const indexPath = path.join(options.webRoot, 'index.html');
  const hasWebBuild = fs.existsSync(indexPath);
  if (hasWebBuild) {
    await app.register(fastifyStatic, {
      root: options.webRoot,
      wildcard: false,
      index: false,
      setHeaders: (response, filePath) => {
        if (filePath.includes(`${path.sep}assets${path.sep}`))
          response.header('cache-control', 'public, max-age=31536000, immutable');
      },
    });
  }
  const indexHtml = hasWebBuild
    ? fs.readFileSync(indexPath, 'utf8')
    : '<!doctype html><title>Engage</title><p>The web app is not built: run <code>npm run build</code>.</p>';

  // The not-found handler also serves the web app's pages (its index.html), to anyone: limited like the app's files.
  app.setNotFoundHandler({ preHandler: app.rateLimit(rateLimitOf('web-app')) }, async (request, reply) => {
    const isPage = request.method === 'GET' && !request.url.startsWith('/api/') && request.url !== '/api';
    if (!isPage)
      throw refuse('not_found', 'http.no_route', {
        values: { method: request.method, path: request.url.split('?')[0] ?? '' },
      });
    return reply.type('text/html; charset=utf-8').header('cache-control', 'no-cache').send(indexHtml);
  });

  await app.ready();
  return { app, routes, pruneRateLimits: rateLimits.prune };
}
