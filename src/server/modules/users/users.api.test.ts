import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestEngage, isTestDatabaseAvailable, type TestEngage } from '../../test/harness';

describe.skipIf(!isTestDatabaseAvailable)('admin screens for staff users', () => {
  let engage: TestEngage;
  let admin: { cookie: string; user: { id: string } };

  beforeAll(async () => {
    engage = await createTestEngage();
    admin = await engage.staff('admin');
  });
  afterAll(async () => {
    await engage?.close();
  });

  const send = (method: 'POST' | 'PATCH', url: string, payload: Record<string, unknown>) =>
    engage.request({ method, url, headers: { cookie: admin.cookie }, payload });

  it('creates a user who can then log in, stores an argon2id hash, and refuses a duplicate email', async () => {
    const created = await send('POST', '/api/users', {
      email: 'Giulia.Rossi@Example.com',
      name: 'Giulia Rossi',
      role: 'engineer',
      language: 'it',
      password: 'a long enough password',
    });
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({
      email: 'giulia.rossi@example.com',
      role: 'engineer',
      language: 'it',
      isDisabled: false,
    });
    expect((await engage.login('giulia.rossi@example.com', 'a long enough password')).statusCode).toBe(200);
    const stored = await engage.context.db.query.users.findFirst({
      where: (users, { eq }) => eq(users.email, 'giulia.rossi@example.com'),
    });
    expect(stored?.passwordHash?.startsWith('$argon2id$')).toBe(true);
    const duplicate = await send('POST', '/api/users', {
      email: 'giulia.rossi@example.com',
      name: 'G',
      role: 'support',
      password: 'another long password',
    });
    expect(duplicate.statusCode).toBe(409);
    expect(duplicate.json().details[0].path).toBe('body.email');
  });

  it('refuses a short password and an unknown role, naming the field', async () => {
    const short = await send('POST', '/api/users', {
      email: 'x@example.com',
      name: 'X',
      role: 'engineer',
      password: 'short',
    });
    expect(short.statusCode).toBe(400);
    expect(short.json().details[0]).toEqual({
      path: 'body.password',
      message: 'The password needs at least 12 characters.',
    });
    const role = await send('POST', '/api/users', {
      email: 'x@example.com',
      name: 'X',
      role: 'overlord',
      password: 'a long enough password',
    });
    expect(role.json().details[0].path).toBe('body.role');
  });

  it('changes a role and audits before and after', async () => {
    const engineer = await engage.staff('engineer');
    const changed = await send('PATCH', `/api/users/${engineer.user.id}`, { role: 'manager' });
    expect(changed.json().role).toBe('manager');
    const me = await engage.request({ method: 'GET', url: '/api/auth/me', headers: { cookie: engineer.cookie } });
    expect(me.json().user.role).toBe('manager');
    const audited = await engage.context.db.query.auditEvents.findFirst({
      where: (events, { and, eq }) => and(eq(events.action, 'user.updated'), eq(events.subjectId, engineer.user.id)),
    });
    expect(audited).toMatchObject({
      actorUserId: admin.user.id,
      before: { role: 'engineer' },
      after: { role: 'manager' },
    });
  });

  it('never leaves the installation without an active admin', async () => {
    const users = (await engage.request({ method: 'GET', url: '/api/users', headers: { cookie: admin.cookie } })).json()
      .items as { id: string; role: string; isDisabled: boolean }[];
    const admins = users.filter((user) => user.role === 'admin' && !user.isDisabled);
    expect(admins).toHaveLength(1);
    const demote = await send('PATCH', `/api/users/${admin.user.id}`, { role: 'engineer' });
    expect(demote.statusCode).toBe(409);
    const disable = await send('PATCH', `/api/users/${admin.user.id}`, { isDisabled: true });
    expect(disable.statusCode).toBe(409);
  });

  it('answers 404 for an unknown user and 400 for an empty change', async () => {
    expect(
      (await send('PATCH', '/api/users/00000000-0000-4000-8000-000000000000', { role: 'support' })).statusCode,
    ).toBe(404);
    expect((await send('PATCH', `/api/users/${admin.user.id}`, {})).statusCode).toBe(400);
  });

  it('lists active staff in the directory for every role, without emails', async () => {
    const support = await engage.staff('support');
    const directory = (
      await engage.request({ method: 'GET', url: '/api/users/directory', headers: { cookie: support.cookie } })
    ).json();
    expect(directory.items.length).toBeGreaterThan(1);
    expect(directory.items[0]).not.toHaveProperty('email');
  });
});
