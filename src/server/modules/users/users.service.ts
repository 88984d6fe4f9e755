import { inTransaction, type ServiceContext } from '../../context';
import { AppError } from '../../errors';
import { systemActor, type StaffActor } from '../audit/actor';
import { recordAuditEvent } from '../audit/audit.service';
import { generatePassword, hashPassword } from '../auth/passwords';
import { deleteUserSessions } from '../auth/sessions.repository';
import { getContentLibrary } from '../content/content.service';
import { countUsers, findUserById, insertUser, listUsers, lockActiveAdmins, updateUser as updateUserRow, type StaffIdentity, type UserRow } from './users.repository';
import type { CreateUserBody, UpdateUserBody, User } from './users.schemas';

export function presentUser(row: StaffIdentity): User {
  return {
    id: row.id,
    email: row.email,
    name: row.name,
    role: row.role,
    language: row.language,
    isDisabled: row.isDisabled,
    teams: row.teams,
    phone: row.phone,
    createdAt: row.createdAt.toISOString(),
  };
}

function auditedFields(row: UserRow) {
  return { email: row.email, name: row.name, role: row.role, language: row.language, isDisabled: row.isDisabled, teams: row.teams, phone: row.phone };
}

/** Lists every staff user (admin screen). */
export async function listStaffUsers(context: ServiceContext): Promise<User[]> {
  return (await listUsers(context.db)).map(presentUser);
}

/** Lists active staff by name and role, for pickers and filters. */
export async function listStaffDirectory(context: ServiceContext) {
  return (await listUsers(context.db))
    .filter((row) => !row.isDisabled)
    .map((row) => ({ id: row.id, name: row.name, role: row.role }));
}

/** Creates a staff user; throws conflict when the email is taken. */
export async function createStaffUser(context: ServiceContext, actor: StaffActor, body: CreateUserBody): Promise<User> {
  const passwordHash = await hashPassword(body.password);
  return inTransaction(context, async (db) => {
    const row = await insertUser(db, {
      email: body.email,
      name: body.name,
      role: body.role,
      language: body.language,
      passwordHash,
    });
    if (row === null) throw new AppError('conflict', `A user with the email ${body.email} already exists.`, [{ path: 'body.email', message: 'This email is already used.' }]);
    await recordAuditEvent(db, actor, { action: 'user.created', subjectType: 'user', subjectId: row.id, after: auditedFields(row) });
    return presentUser(row);
  });
}

/**
 * Changes a staff user's name, role, language or disabled flag; disabling ends their sessions at once.
 * Throws not_found, or conflict when the change would leave no active admin.
 */
export async function updateStaffUser(
  context: ServiceContext,
  actor: StaffActor,
  id: string,
  body: UpdateUserBody,
): Promise<User> {
  const updated = await inTransaction(context, async (db) => {
    const before = await findUserById(db, id);
    if (before === null) throw new AppError('not_found', 'No such user.');
    const losesAdmin = before.role === 'admin' && !before.isDisabled && ((body.role !== undefined && body.role !== 'admin') || body.isDisabled === true);
    if (losesAdmin) {
      if ((await lockActiveAdmins(db)).length <= 1) {
        throw new AppError('conflict', 'This is the last active admin: make another user admin first.');
      }
    }
    if (body.teams !== undefined) {
      const known = new Set((await getContentLibrary(db)).teams.map((team) => team.key));
      const unknown = body.teams.flatMap((key, index) => (known.has(key) ? [] : [{ key, index }]));
      if (unknown.length > 0) {
        throw new AppError(
          'validation_failed',
          `Unknown team: ${unknown.map((item) => item.key).join(', ')}. Teams: ${[...known].join(', ')}.`,
          unknown.map((item) => ({ path: `body.teams.${item.index}`, message: 'Not a team of the content library.' })),
        );
      }
    }
    const after = await updateUserRow(db, id, body);
    if (after === null) throw new AppError('not_found', 'No such user.');
    if (after.isDisabled) await deleteUserSessions(db, id);
    await recordAuditEvent(db, actor, {
      action: body.isDisabled === true && !before.isDisabled ? 'user.disabled' : body.isDisabled === false && before.isDisabled ? 'user.enabled' : 'user.updated',
      subjectType: 'user',
      subjectId: id,
      before: auditedFields(before),
      after: auditedFields(after),
    });
    return presentUser(after);
  });
  // Committed: the next request of this user reads their new role or their disabled flag.
  context.sessionCache.invalidate();
  return updated;
}

export type FirstAdminResult =
  | { created: false }
  | { created: true; email: string; generatedPassword: string | null };

/** Creates the first admin when there is no staff user yet: from the given credentials, or with a generated password. */
export async function ensureFirstAdmin(
  context: ServiceContext,
  credentials: { email: string | undefined; password: string | undefined },
): Promise<FirstAdminResult> {
  if ((await countUsers(context.db)) > 0) return { created: false };
  const email = credentials.email ?? 'admin@engage.local';
  const generatedPassword = credentials.password === undefined ? generatePassword() : null;
  const passwordHash = await hashPassword(credentials.password ?? generatedPassword ?? '');
  return inTransaction(context, async (db) => {
    const row = await insertUser(db, { email, name: 'Administrator', role: 'admin', language: 'en', passwordHash });
    // A concurrent start created it first: nothing to tell.
    if (row === null) return { created: false };
    await recordAuditEvent(db, systemActor, {
      action: 'user.created',
      subjectType: 'user',
      subjectId: row.id,
      after: { ...auditedFields(row), reason: 'first start' },
    });
    return { created: true, email, generatedPassword };
  });
}
