import { and, asc, count, eq, inArray } from 'drizzle-orm';
import type { Database } from '../../db/database';
import { users, type UserRow, type NewUserRow } from './users.tables';

export type { UserRow, NewUserRow };
export type { StaffIdentity } from '../../identity';

export async function findUserByEmail(db: Database, email: string): Promise<UserRow | null> {
  const [row] = await db.select().from(users).where(eq(users.email, email.toLowerCase())).limit(1);
  return row ?? null;
}

export async function findUserById(db: Database, id: string): Promise<UserRow | null> {
  const [row] = await db.select().from(users).where(eq(users.id, id)).limit(1);
  return row ?? null;
}

export async function listUsers(db: Database): Promise<UserRow[]> {
  return db.select().from(users).orderBy(asc(users.name), asc(users.email));
}

export async function countUsers(db: Database): Promise<number> {
  const [row] = await db.select({ value: count() }).from(users);
  return row?.value ?? 0;
}

/** Inserts a user; returns null when the email is taken. */
export async function insertUser(db: Database, user: NewUserRow): Promise<UserRow | null> {
  const [row] = await db.insert(users).values(user).onConflictDoNothing().returning();
  return row ?? null;
}

export async function updateUser(
  db: Database,
  id: string,
  changes: Partial<Pick<UserRow, 'name' | 'role' | 'language' | 'isDisabled' | 'teams' | 'phone'>>,
): Promise<UserRow | null> {
  const [row] = await db
    .update(users)
    .set({ ...changes, updatedAt: new Date() })
    .where(eq(users.id, id))
    .returning();
  return row ?? null;
}

/** The active admins, locked until the end of the transaction (so two demotions cannot both pass the last-admin check). */
export async function lockActiveAdmins(db: Database): Promise<UserRow[]> {
  return db
    .select()
    .from(users)
    .where(and(eq(users.role, 'admin'), eq(users.isDisabled, false)))
    .for('update');
}

/** Sets a user's password hash (null: none until they choose one through a link) and when it changed. */
export async function setUserPassword(
  db: Database,
  userId: string,
  passwordHash: string | null,
  now: Date,
): Promise<void> {
  await db.update(users).set({ passwordHash, passwordChangedAt: now, updatedAt: now }).where(eq(users.id, userId));
}

/** The user's row locked until the end of the transaction, so that a password change and a disable queue up. */
export async function lockUser(db: Database, userId: string): Promise<UserRow | null> {
  const [row] = await db.select().from(users).where(eq(users.id, userId)).for('update');
  return row ?? null;
}

/** The working-calendar columns of these staff members (an unknown id is left out). */
export async function listUserCalendarRows(db: Database, ids: readonly string[]) {
  return db
    .select({
      id: users.id,
      timeZone: users.timeZone,
      workingDays: users.workingDays,
      workingHours: users.workingHours,
      holidayCountry: users.holidayCountry,
      holidayRegion: users.holidayRegion,
    })
    .from(users)
    .where(inArray(users.id, [...ids]));
}

export type UserCalendarRow = Awaited<ReturnType<typeof listUserCalendarRows>>[number];

/** Changes a staff member's working calendar. */
export async function updateUserCalendar(
  db: Database,
  id: string,
  calendar: Pick<
    UserRow,
    'timeZone' | 'workingDays' | 'workingHours' | 'holidayCountry' | 'holidayRegion' | 'updatedAt'
  >,
): Promise<void> {
  await db.update(users).set(calendar).where(eq(users.id, id));
}

/** The names of these users, by id. */
export async function listUserNames(db: Database, ids: readonly string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .select({ id: users.id, name: users.name })
    .from(users)
    .where(inArray(users.id, [...new Set(ids)]));
  return new Map(rows.map((row) => [row.id, row.name]));
}

/** The engineers whose accounts are enabled, with their teams and time zones (unordered). */
export async function listActiveEngineerRows(db: Database) {
  return db
    .select({ id: users.id, name: users.name, teams: users.teams, timeZone: users.timeZone })
    .from(users)
    .where(and(eq(users.role, 'engineer'), eq(users.isDisabled, false)));
}
