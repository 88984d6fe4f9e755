import type { FastifyInstance, FastifyReply, FastifyRequest, RouteOptions } from 'fastify';
import type { StaffRole } from '../identity';
import { refuse } from '../errors';

/**
 * Who may call a route. Every route states one in `config.access`; a route without one fails at start-up.
 * - `public`: anyone, logged in or not.
 * - `contact`: an external contact signed in to the portal (through an emailed link); which projects they reach is
 *   decided by the portal's services (their organisation's), never by the route.
 * - a list of staff roles: a logged-in staff user holding one of them.
 */
export type AccessRule = 'public' | 'contact' | readonly StaffRole[];

export const allStaff = ['admin', 'manager', 'engineer', 'support'] as const satisfies readonly StaffRole[];

/** Who may work on a project: the services then narrow engineers to the projects assigned to them. */
export const projectWorkers = ['admin', 'manager', 'engineer'] as const satisfies readonly StaffRole[];

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: AccessRule;
    /** The message for a body over the route's limit (an upload's), instead of the generic one. */
    tooLargeMessage?: string;
  }
}

export interface RouteAccess {
  method: string;
  url: string;
  access: AccessRule;
  /** Requests one client address may make per window (`config.rateLimit`); null when none is set, as on staff routes. */
  rateLimit: { max: number; windowMs: number } | null;
}

/** Refuses to register a route that does not declare its access rule, and keeps the table for tests and docs. */
export function collectRouteAccess(app: FastifyInstance, table: RouteAccess[]): void {
  app.addHook('onRoute', (route: RouteOptions) => {
    const access = route.config?.access;
    if (access === undefined) {
      throw new Error(`Route ${String(route.method)} ${route.url} declares no access rule (config.access)`);
    }
    const limit = route.config?.rateLimit;
    const rateLimit =
      limit !== undefined && limit !== false && typeof limit.max === 'number' && typeof limit.timeWindow === 'number'
        ? { max: limit.max, windowMs: limit.timeWindow }
        : null;
    for (const method of [route.method].flat()) {
      if (method === 'HEAD') continue;
      table.push({ method, url: route.url, access, rateLimit });
    }
  });
}

/** Checks the caller against the route's access rule; called once the session is resolved. */
export async function enforceAccess(
  request: FastifyRequest,
  _reply: FastifyReply,
  onRefused: (request: FastifyRequest, reason: string) => Promise<void>,
): Promise<void> {
  const access = request.routeOptions.config.access;
  if (access === undefined || access === 'public') return;
  if (access === 'contact') {
    if (request.contact === null) throw refuse('unauthenticated', 'common.open_latest_link');
    return;
  }
  if (request.staff === null) {
    throw refuse('unauthenticated', 'common.log_in');
  }
  if (!access.includes(request.staff.role)) {
    await onRefused(request, `role ${request.staff.role} is not one of ${access.join(', ')}`);
    throw refuse('forbidden', 'common.role_forbidden');
  }
}
