import type { FastifyRequest } from 'fastify';
import type { Actor, ContactIdentity, StaffActor, StaffIdentity } from '../identity';
import { refuse } from '../errors';

declare module 'fastify' {
  interface FastifyRequest {
    /** The logged-in staff user, resolved from the session cookie before the access check; null when anonymous. */
    staff: StaffIdentity | null;
    /** The external contact signed in to the portal, resolved on `contact` routes only; null otherwise. */
    contact: ContactIdentity | null;
  }
}

/** The caller as an audit actor (anonymous callers carry only their address). */
export function requestActor(request: FastifyRequest): Actor {
  const staff = request.staff;
  return {
    userId: staff?.id ?? null,
    role: staff?.role ?? null,
    name: staff?.name ?? null,
    ip: request.ip,
  };
}

/** The logged-in staff caller; routes with a staff access rule always have one. */
export function staffActor(request: FastifyRequest): StaffActor {
  const staff = request.staff;
  if (staff === null) throw refuse('unauthenticated', 'common.log_in');
  return { userId: staff.id, role: staff.role, name: staff.name, ip: request.ip };
}

/** The signed-in external contact; `contact` routes always have one. */
export function portalContact(request: FastifyRequest): ContactIdentity {
  const contact = request.contact;
  if (contact === null) throw refuse('unauthenticated', 'common.open_latest_link');
  return contact;
}
