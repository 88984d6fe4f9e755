import type { StaffRole } from '../users/users.schemas';

/** Who does something, as services see it: never the HTTP request itself. */
export interface Actor {
  userId: string | null;
  /** A staff role, 'contact' for an external contact in the portal, null for Engage itself or an anonymous caller. */
  role: StaffRole | 'contact' | null;
  name: string | null;
  ip: string | null;
}

export interface StaffActor extends Actor {
  userId: string;
  role: StaffRole;
  name: string;
}

/** Engage itself, for changes nobody asked for (first start, jobs). */
export const systemActor: Actor = { userId: null, role: null, name: 'Engage', ip: null };
