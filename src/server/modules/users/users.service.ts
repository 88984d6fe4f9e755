import { inTransaction, type ServiceContext } from '../../context';
import type { Database } from '../../db/database';
import { translate } from '../../../domain/text/i18n';
import { refuse, type AppError } from '../../errors';
import { systemActor, type StaffActor } from '../audit/actor';
import { recordAuditEvent } from '../audit/audit.service';
import { getContentLibrary } from '../content/content.service';
import { accountCredentials } from './account-credentials';
import {
  countUsers,
  findUserById,
  insertUser,
  listUsers,
  lockActiveAdmins,
  listUserCalendarRows,
  listActiveEngineerRows,
  lockUser,
  updateUser as updateUserRow,
  updateUserCalendar,
  type UserCalendarRow,
  type StaffIdentity,
  type UserRow,
} from './users.repository';
import type { CreateUserBody, InviteUserBody, UpdateUserBody, User, UserAccount } from './users.schemas';

/** Published for the modules above users: user rows, and the queries they read them with. */
export {
  findUserByEmail,
  findUserById,
  lockUser,
  setUserPassword,
  type StaffIdentity,
  type UserRow,
} from './users.repository';

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

/** A user as the admin's list shows them: with where their password stands, never the password itself. */
export function presentUserAccount(row: UserRow): UserAccount {
  return {
    ...presentUser(row),
    // Invited: never had a password; reset: an administrator cleared it. Either way a link to choose one was emailed.
    passwordState: row.passwordHash !== null ? 'set' : row.passwordChangedAt === null ? 'invited' : 'reset',
  };
}

function auditedFields(row: UserRow) {
  return {
    email: row.email,
    name: row.name,
    role: row.role,
    language: row.language,
    isDisabled: row.isDisabled,
    teams: row.teams,
    phone: row.phone,
  };
}

/** Lists every staff user (admin screen). */
export async function listStaffUsers(context: ServiceContext): Promise<UserAccount[]> {
  return (await listUsers(context.db)).map(presentUserAccount);
}

/** Lists active staff by name and role, for pickers and filters. */
export async function listStaffDirectory(context: ServiceContext) {
  return (await listUsers(context.db))
    .filter((row) => !row.isDisabled)
    .map((row) => ({ id: row.id, name: row.name, role: row.role }));
}

function emailTaken(email: string): AppError {
  return refuse('conflict', 'users.email_taken', {
    values: { email },
    details: [{ path: 'body.email', message: translate('en', 'errors', 'users.email_used') }],
  });
}

/** Creates a staff user with a password the admin chose; throws weak_password (body.password) or conflict when the email is taken. */
export async function createStaffUser(
  context: ServiceContext,
  actor: StaffActor,
  body: CreateUserBody,
): Promise<UserAccount> {
  await accountCredentials().checkNewPassword(
    body.password,
    [body.email, body.email.split('@')[0] ?? '', body.name],
    'body.password',
  );
  const passwordHash = await accountCredentials().hashPassword(body.password);
  return inTransaction(context, async (db) => {
    const row = await insertUser(db, {
      email: body.email,
      name: body.name,
      role: body.role,
      language: body.language,
      passwordHash,
      passwordChangedAt: context.now(),
    });
    if (row === null) throw emailTaken(body.email);
    await recordAuditEvent(db, actor, {
      action: 'user.created',
      subjectType: 'user',
      subjectId: row.id,
      after: auditedFields(row),
    });
    return presentUserAccount(row);
  });
}

/**
 * Invites a member of staff: the user is created without a password (they cannot log in yet) and emailed a link to
 * choose their own. Throws conflict when the email is taken.
 */
export async function inviteStaffUser(
  context: ServiceContext,
  actor: StaffActor,
  body: InviteUserBody,
): Promise<UserAccount> {
  const inviter = await getInviter(context, actor);
  return inTransaction(context, async (db) => {
    const row = await insertUser(db, {
      email: body.email,
      name: body.name,
      role: body.role,
      language: body.language,
      passwordHash: null,
    });
    if (row === null) throw emailTaken(body.email);
    await recordAuditEvent(db, actor, {
      action: 'user.invited',
      subjectType: 'user',
      subjectId: row.id,
      after: auditedFields(row),
    });
    await accountCredentials().queueInvitationEmail(context, db, actor, row, inviter);
    return presentUserAccount(row);
  });
}

async function getInviter(context: ServiceContext, actor: StaffActor): Promise<{ name: string; email: string }> {
  const inviter = await findUserById(context.db, actor.userId);
  return { name: actor.name, email: inviter?.email ?? context.mail.from.email };
}

/**
 * Sends an invited user a fresh invitation; the links sent before stop working. Throws not_found, or conflict when the
 * user already chose a password, had one reset (force the reset again instead) or is disabled.
 */
export async function resendInvitation(context: ServiceContext, actor: StaffActor, id: string): Promise<UserAccount> {
  const inviter = await getInviter(context, actor);
  return inTransaction(context, async (db) => {
    const row = await lockUser(db, id);
    if (row === null) throw refuse('not_found', 'common.no_such_user');
    if (row.isDisabled) throw refuse('conflict', 'users.disabled_enable_first', { values: { name: row.name } });
    if (row.passwordHash !== null || row.passwordChangedAt !== null) {
      throw refuse('conflict', 'users.not_awaiting_invitation', { values: { name: row.name } });
    }
    const withdrawn = await accountCredentials().withdrawPasswordTokens(db, row.id, context.now());
    await recordAuditEvent(db, actor, {
      action: 'user.invitation-resent',
      subjectType: 'user',
      subjectId: row.id,
      after: { linksWithdrawn: withdrawn },
    });
    await accountCredentials().queueInvitationEmail(context, db, actor, row, inviter);
    return presentUserAccount(row);
  });
}

/**
 * Forces a password reset: the user's password is cleared, their sessions end at once, the links sent before stop
 * working, and they are emailed a link to choose a new one. Throws not_found, or conflict for one's own account (change
 * it from the account menu) or a disabled user.
 */
export async function forcePasswordReset(context: ServiceContext, actor: StaffActor, id: string): Promise<UserAccount> {
  const updated = await inTransaction(context, async (db) => {
    const row = await lockUser(db, id);
    if (row === null) throw refuse('not_found', 'common.no_such_user');
    if (row.id === actor.userId) throw refuse('conflict', 'users.own_password_reset');
    if (row.isDisabled) throw refuse('conflict', 'users.disabled_enable_first', { values: { name: row.name } });
    const sessionsEnded = await accountCredentials().clearPasswordAndEmailLink(context, db, actor, row);
    await recordAuditEvent(db, actor, {
      action: 'user.password-reset-forced',
      subjectType: 'user',
      subjectId: row.id,
      after: { sessionsEnded },
    });
    return presentUserAccount({ ...row, passwordHash: null, passwordChangedAt: context.now() });
  });
  // Committed: the user's next request in this process is refused at once; the other processes on their notification.
  context.sessionCache.invalidate();
  return updated;
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
): Promise<UserAccount> {
  const updated = await inTransaction(context, async (db) => {
    const before = await findUserById(db, id);
    if (before === null) throw refuse('not_found', 'common.no_such_user');
    const losesAdmin =
      before.role === 'admin' &&
      !before.isDisabled &&
      ((body.role !== undefined && body.role !== 'admin') || body.isDisabled === true);
    if (losesAdmin) {
      if ((await lockActiveAdmins(db)).length <= 1) {
        throw refuse('conflict', 'users.last_admin');
      }
    }
    if (body.teams !== undefined) {
      const known = new Set((await getContentLibrary(db)).teams.map((team) => team.key));
      const unknown = body.teams.flatMap((key, index) => (known.has(key) ? [] : [{ key, index }]));
      if (unknown.length > 0) {
        throw refuse('validation_failed', 'users.unknown_team', {
          values: { unknown: unknown.map((item) => item.key).join(', '), teams: [...known].join(', ') },
          details: unknown.map((item) => ({
            path: `body.teams.${item.index}`,
            message: translate('en', 'errors', 'users.not_a_team'),
          })),
        });
      }
    }
    const after = await updateUserRow(db, id, body);
    if (after === null) throw refuse('not_found', 'common.no_such_user');
    if (after.isDisabled) await accountCredentials().deleteUserSessions(db, id);
    await recordAuditEvent(db, actor, {
      action:
        body.isDisabled === true && !before.isDisabled
          ? 'user.disabled'
          : body.isDisabled === false && before.isDisabled
            ? 'user.enabled'
            : 'user.updated',
      subjectType: 'user',
      subjectId: id,
      before: auditedFields(before),
      after: auditedFields(after),
    });
    return presentUserAccount(after);
  });
  // Committed: the next request of this user reads their new role or their disabled flag.
  context.sessionCache.invalidate();
  return updated;
}

export type FirstAdminResult = { created: false } | { created: true; email: string; generatedPassword: string | null };

/**
 * Creates the first admin when there is no staff user yet: from the given credentials, or with a generated password.
 * Throws weak_password (path `password`) when the given password fails the rules.
 */
export async function ensureFirstAdmin(
  context: ServiceContext,
  credentials: { email: string | undefined; password: string | undefined },
): Promise<FirstAdminResult> {
  if ((await countUsers(context.db)) > 0) return { created: false };
  const email = credentials.email ?? 'admin@engage.local';
  if (credentials.password !== undefined)
    await accountCredentials().checkNewPassword(
      credentials.password,
      [email, email.split('@')[0] ?? '', 'Administrator'],
      'password',
    );
  const generatedPassword = credentials.password === undefined ? accountCredentials().generatePassword() : null;
  const passwordHash = await accountCredentials().hashPassword(credentials.password ?? generatedPassword ?? '');
  return inTransaction(context, async (db) => {
    const row = await insertUser(db, {
      email,
      name: 'Administrator',
      role: 'admin',
      language: 'en',
      passwordHash,
      passwordChangedAt: context.now(),
    });
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

/** A staff user's stored row, password hash included, in the caller's transaction or database; null when unknown. */
export async function findUserRow(db: Database, userId: string): Promise<UserRow | null> {
  return findUserById(db, userId);
}

/** The working-calendar columns of these staff members (the calendars module reads them for scheduling). */
export async function listUserCalendars(db: Database, userIds: readonly string[]): Promise<UserCalendarRow[]> {
  return listUserCalendarRows(db, userIds);
}

/** Stores a staff member's working calendar in the caller's transaction (the calendars module checks and audits it). */
export async function saveUserCalendar(
  db: Database,
  userId: string,
  calendar: Parameters<typeof updateUserCalendar>[2],
): Promise<void> {
  await updateUserCalendar(db, userId, calendar);
}

// The names of staff members, for the modules that show who verified or recorded something.
export { listUserNames } from './users.repository';

// ——— published for the modules that name or schedule staff (sessions) ———

/** The engineers whose accounts are enabled, with their competence teams and time zones. */
export async function listActiveEngineers(db: Database) {
  return listActiveEngineerRows(db);
}
