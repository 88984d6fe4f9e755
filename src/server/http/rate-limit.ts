import fastifyRateLimit, { normalizeIP, type FastifyRateLimitStore, type RateLimitOptions } from '@fastify/rate-limit';
import type { FastifyBaseLogger, FastifyInstance, RouteOptions } from 'fastify';
import { inTransaction, type ServiceContext } from '../context';
import { translate } from '../../domain/text/i18n';
import { AppError } from '../errors';
import type { Database } from '../db/database';
import type { Actor } from '../identity';
import { MemoryWindows, type EndedWindow, type WindowHit } from './rate-limit-windows';
import { deleteEndedDatabaseWindows, hitDatabaseWindow } from './rate-limit-windows.repository';

interface PublicRateLimit {
  /** Requests one client address may make in a window. */
  max: number;
  windowMs: number;
  /**
   * Whether the window must hold across processes (kept in the database on PostgreSQL): routes whose requests cost
   * database work, write the audit or send email. The others keep a window per process in memory, so that the health
   * check answers without the database and the web app's files cost no round trip.
   */
  isShared: boolean;
}

const minute = 60 * 1000;

/**
 * Every public route's limit per client address, set where a person never reaches it and a script soon does (README,
 * "Rate limits"). Staff and contact routes have none: their callers are known and their writes audited by name.
 */
export const publicRateLimits = {
  /**
   * A flood guard only: guessing is slowed per account and address by the log-in itself (which counts failures, never
   * successes), and a whole office behind one address may sign in at nine o'clock.
   */
  login: { max: 120, windowMs: minute, isShared: true },
  logout: { max: 30, windowMs: minute, isShared: true },
  /** The link pages (GET, Continue) and the old questionnaire links' page: a contact opens a few links a day. */
  'portal-link': { max: 60, windowMs: minute, isShared: true },
  /** "Email me a new link": once or twice; each request is a transaction, and may send an email. */
  'link-request': { max: 10, windowMs: minute, isShared: true },
  /** "Forgot your password?": once or twice; each request is a transaction, and may send an email. */
  'password-reset-request': { max: 10, windowMs: minute, isShared: true },
  /** A password link's page: reading whose link it is, then choosing the password, perhaps after a refusal or two. */
  'password-link': { max: 30, windowMs: minute, isShared: true },
  /** A person checks a document or two; each check reads a body of up to the upload limit. */
  verify: { max: 10, windowMs: minute, isShared: true },
  /** Calendar applications poll every 5–60 minutes per subscription, however many share an address. */
  'calendar-feed': { max: 120, windowMs: minute, isShared: true },
  /** A load balancer or a monitor probes every few seconds, perhaps several from one address. */
  health: { max: 600, windowMs: minute, isShared: false },
  /** The API documents: the docs page loads about eight files; building the OpenAPI document costs ~10 ms each time. */
  'api-documents': { max: 60, windowMs: minute, isShared: false },
  /** The built web app's files and pages: a first visit loads a few dozen files, an office shares one address. */
  'web-app': { max: 1200, windowMs: minute, isShared: false },
} as const satisfies Record<string, PublicRateLimit>;

export type PublicRateLimitName = keyof typeof publicRateLimits;

const keyPrefix = 'http|';

function isLimitName(name: string | undefined): name is PublicRateLimitName {
  return name !== undefined && Object.hasOwn(publicRateLimits, name);
}

/** The `config.rateLimit` of a public route: its limit, counted per client address (an IPv6 client per /64). */
export function rateLimitOf(name: PublicRateLimitName): RateLimitOptions {
  const limit = publicRateLimits[name];
  return {
    max: limit.max,
    timeWindow: limit.windowMs,
    // request.ip already follows TRUST_PROXY; an IPv6 client holds a whole /64, so that is what one client is.
    keyGenerator: (request) => `${keyPrefix}${name}|${normalizeIP(request.ip ?? 'unknown')}`,
  };
}

/** The limit of a route added by a plugin (the API docs, the web app's files), when its access rule is public. */
export function pluginRouteRateLimit(url: string): RateLimitOptions {
  return rateLimitOf(url === '/api/docs' || url.startsWith('/api/docs/') ? 'api-documents' : 'web-app');
}

/**
 * The 429 every rate-limited route answers (pages render it as HTML in their own scope), in the house shape without a
 * reason: its words are the resources' English, and the web app says its own for the code.
 */
export function rateLimitedError(retryAfterSeconds: number): AppError {
  const seconds = Math.max(1, Math.ceil(retryAfterSeconds));
  return new AppError(
    'rate_limited',
    translate('en', 'errors', 'http.too_many_requests', { count: seconds }),
    undefined,
    { 'retry-after': String(seconds) },
  );
}

function parseKey(key: string): { name: PublicRateLimitName; ip: string } | null {
  const [prefix, name, ip] = key.split('|');
  if (`${prefix}|` !== keyPrefix || !isLimitName(name) || ip === undefined) return null;
  return { name, ip };
}

function anonymousClient(ip: string): Actor {
  return { userId: null, role: null, name: null, ip: ip === 'unknown' ? null : ip };
}

/** An event of the audit trail, as the rate limiter writes it. */
export interface RateLimitAuditEvent {
  action: string;
  subjectType?: string;
  subjectId?: string;
  after?: unknown;
}

/** The audit module's functions the rate limiter writes with, handed in by the app (http/ imports no module). */
export interface RateLimitAudit {
  recordAuditEvent: (db: Database, actor: Actor, event: RateLimitAuditEvent) => Promise<void>;
  repeatedRefusalEvent: (action: string, count: number, windowMs: number) => RateLimitAuditEvent;
  pruneRefusalWindows: (context: ServiceContext) => Promise<void>;
}

let rateLimitAudit: RateLimitAudit | null = null;

/** Hands in the audit module's functions (app.ts does, as it is loaded). */
export function useRateLimitAudit(audit: RateLimitAudit): void {
  rateLimitAudit = audit;
}

export interface RateLimits {
  /** Audits the counts of the windows that ended and forgets them (memory and database); the hourly prune calls it. */
  prune: () => Promise<void>;
}

/**
 * Registers @fastify/rate-limit for the routes that declare `config.rateLimit` (every public route must: one without
 * fails at start-up), with windows in memory, or on PostgreSQL in `rate_limit_windows` for the shared limits. A client's
 * first refused request of a window is audited as `rate-limit.refused`; the rest are counted, and their number is
 * audited as one `rate-limit.refused.repeated` when the client's next window starts or the window is pruned.
 */
export async function registerRateLimits(
  app: FastifyInstance,
  context: ServiceContext,
  options: { store: 'memory' | 'database'; log: FastifyBaseLogger },
): Promise<RateLimits> {
  if (rateLimitAudit === null) throw new Error('the app has not handed the rate limiter its audit (useRateLimitAudit)');
  const { recordAuditEvent, repeatedRefusalEvent, pruneRefusalWindows } = rateLimitAudit;
  const memory = new MemoryWindows();

  async function audit(ip: string, event: RateLimitAuditEvent): Promise<void> {
    try {
      await recordAuditEvent(context.db, anonymousClient(ip), event);
    } catch (error) {
      // The answer (a 429, or the request let through) does not wait on the audit: a flood must not become 500s.
      options.log.warn({ err: error }, 'a rate limit refusal could not be audited');
    }
  }

  /** The count of each ended window's refusals after its first (which was audited by itself). */
  function endedRefusals(windows: EndedWindow[]) {
    return windows.flatMap((window) => {
      const parsed = parseKey(window.key);
      if (parsed === null) return [];
      const limit = publicRateLimits[parsed.name];
      const count = window.hits - limit.max - 1;
      return count > 0
        ? [
            {
              ip: parsed.ip,
              event: { ...repeatedRefusalEvent('rate-limit.refused', count, limit.windowMs), subjectId: parsed.name },
            },
          ]
        : [];
    });
  }

  async function count(key: string, windowMs: number, max: number): Promise<{ current: number; ttl: number }> {
    const parsed = parseKey(key);
    const now = context.now();
    // The first refusal of a window is audited by itself, so only the refusals after it are carried as a count.
    const input = { key, now, windowMs, freeHits: max + 1 };
    const hit: WindowHit =
      options.store === 'database' && parsed !== null && publicRateLimits[parsed.name].isShared
        ? await hitDatabaseWindow(context.db, input)
        : memory.hit(input);
    if (parsed !== null && hit.carried > 0) {
      await audit(parsed.ip, {
        ...repeatedRefusalEvent('rate-limit.refused', hit.carried, windowMs),
        subjectId: parsed.name,
      });
    }
    if (parsed !== null && hit.hits === max + 1) {
      await audit(parsed.ip, {
        action: 'rate-limit.refused',
        subjectType: 'client',
        subjectId: parsed.name,
        after: { limit: max, windowSeconds: Math.round(windowMs / 1000), until: hit.resetAt.toISOString() },
      });
    }
    return { current: hit.hits, ttl: Math.max(0, hit.resetAt.getTime() - now.getTime()) };
  }

  // The plugin builds its store with `new`, once and then once per route (child); every route shares these windows,
  // told apart by the key (limit name and address).
  class WindowStore implements FastifyRateLimitStore {
    incr(
      key: string,
      callback: (error: Error | null, result?: { current: number; ttl: number }) => void,
      timeWindow: number,
      max: number,
    ): void {
      count(key, timeWindow, max).then(
        (result) => callback(null, result),
        (error: unknown) => callback(error instanceof Error ? error : new Error(String(error))),
      );
    }

    child(): FastifyRateLimitStore {
      return this;
    }
  }

  // Runs after app.ts's onRoute hook, which gives the plugins' public routes their rule and limit.
  app.addHook('onRoute', (route: RouteOptions) => {
    if (
      route.config?.access === 'public' &&
      (route.config.rateLimit === undefined || route.config.rateLimit === false)
    ) {
      throw new Error(
        `Route ${String(route.method)} ${route.url} is public but declares no rate limit (config.rateLimit: rateLimitOf(…) of http/rate-limit.ts)`,
      );
    }
  });

  await app.register(fastifyRateLimit, {
    global: false,
    store: WindowStore,
    errorResponseBuilder: (_request, limited) => rateLimitedError(limited.ttl / 1000),
  });

  return {
    prune: async () => {
      const now = context.now();
      for (const refused of endedRefusals(memory.sweep(now))) await audit(refused.ip, refused.event);
      // Deleted and audited in one transaction, so that a count is written exactly once whichever process prunes.
      await inTransaction(context, async (db) => {
        for (const refused of endedRefusals(await deleteEndedDatabaseWindows(db, keyPrefix, now))) {
          await recordAuditEvent(db, anonymousClient(refused.ip), refused.event);
        }
      });
      await pruneRefusalWindows(context);
    },
  };
}
