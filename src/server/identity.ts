import type { Language } from '../domain/text/languages';
import type { contacts, staffRoles, users } from './db/schema';

/*
 * Who acts, as every layer sees it: the staff user or the external contact behind a request, and the actor that
 * services audit. Derived from the tables and free of any module, so that http/, the audit trail and every module
 * share them without depending on one another (see the layering in .dependency-cruiser.cjs).
 */

export type StaffRole = (typeof staffRoles)[number];

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

type UserRow = typeof users.$inferSelect;

/** A staff user as a request knows them: no password hash. */
/** Who a request's staff user is (the working calendar is read where scheduling needs it, not on every request). */
export type StaffIdentity = Omit<
  UserRow,
  | 'passwordHash'
  | 'passwordChangedAt'
  | 'updatedAt'
  | 'timeZone'
  | 'workingDays'
  | 'workingHours'
  | 'holidayCountry'
  | 'holidayRegion'
>;

/** An external contact as a portal request sees them: who they are and which organisation scopes their projects. */
export interface ContactIdentity {
  id: string;
  name: string;
  email: string;
  language: Language;
  role: (typeof contacts.$inferSelect)['role'];
  organisationId: string;
  organisationKind: 'customer' | 'partner';
  organisationName: string;
  /** A disabled contact has no session, no usable link, and is sent none. */
  isDisabled: boolean;
  /** The personal link whose Continue opened the current portal session (set when resolved from a session). */
  linkId?: string;
}

/** A contact as an audit actor. */
export function contactActor(contact: Pick<ContactIdentity, 'name' | 'email'>, ip: string | null): Actor {
  return { userId: null, role: 'contact', name: `${contact.name} <${contact.email}>`, ip };
}
