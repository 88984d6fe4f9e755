import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestEngage, eventually, isTestDatabaseAvailable, type TestEngage } from '../../test/harness';
import { cookieFrom, latestLinkTo, pathOf, projectAtDesignQuestionnaire, signInContact } from '../../test/portal';

describe.skipIf(!isTestDatabaseAvailable)('portal access: personal links, contact sessions and their scope', () => {
  let engage: TestEngage;
  let manager: string;
  let setup: Awaited<ReturnType<typeof projectAtDesignQuestionnaire>>;

  const portalGet = (url: string, cookie?: string) =>
    engage.request({ method: 'GET', url, headers: cookie === undefined ? {} : { cookie } });

  async function freshLink(contact: { id: string; email: string }, projectId = setup.projectId) {
    const sent = await engage.request({
      method: 'POST',
      url: `/api/projects/${projectId}/portal-links`,
      headers: { cookie: manager },
      payload: { contactId: contact.id },
    });
    expect(sent.statusCode).toBe(204);
    return pathOf(await latestLinkTo(engage, manager, projectId, contact.email));
  }

  async function countRows(query: ReturnType<typeof sql>): Promise<number> {
    const result = await engage.context.db.execute<{ count: number }>(query);
    return Number((result as { rows: { count: number }[] }).rows[0]?.count);
  }

  beforeAll(async () => {
    engage = await createTestEngage();
    manager = (await engage.staff('manager')).cookie;
    setup = await projectAtDesignQuestionnaire(engage, manager);
  });
  afterAll(async () => {
    await engage?.close();
  });

  it('shows the link page to every GET without spending it (mail scanners), and spends it once with Continue', async () => {
    const link = await freshLink(setup.customerContact);
    for (let attempt = 0; attempt < 3; attempt += 1) {
      const page = await portalGet(link);
      expect(page.statusCode).toBe(200);
      expect(page.headers['cache-control']).toBe('no-store');
      expect(page.body).toContain('<button type="submit" autofocus>Continue</button>');
      expect(page.headers['set-cookie']).toBeUndefined();
    }
    const spent = await engage.request({ method: 'POST', url: link });
    expect(spent.statusCode).toBe(303);
    expect(spent.headers.location).toBe(`/portal/projects/${setup.projectId}`);
    const cookie = cookieFrom(spent, 'engage_portal');
    expect(String(spent.headers['set-cookie'])).toMatch(/HttpOnly/i);
    expect(String(spent.headers['set-cookie'])).toMatch(/SameSite=Lax/i);
    const project = await portalGet(`/api/portal/projects/${setup.projectId}`, cookie);
    expect(project.statusCode).toBe(200);
    expect(project.json().timeline.now).toMatchObject({ key: 'design-questionnaire', isWaitingOnYou: true });

    // The same link again, in a browser not signed in: spent. The page says so and offers a fresh one.
    const again = await engage.request({ method: 'POST', url: link });
    expect(again.statusCode).toBe(410);
    expect(again.headers['set-cookie']).toBeUndefined();
    expect(again.body).toContain('can no longer be used');
    expect(again.body).toContain('action="/portal/link-request"');
    expect((await portalGet(link)).body).toContain('can no longer be used');
  });

  it('leads its own contact, signed in, from a spent link to where it points; anyone else still gets the spent-link page', async () => {
    const link = `${await freshLink(setup.customerContact)}?to=requirements`;
    const cookie = cookieFrom(await engage.request({ method: 'POST', url: link }), 'engage_portal');
    const destination = `/portal/projects/${setup.projectId}/requirements`;

    const opened = await portalGet(link, cookie);
    expect(opened.statusCode).toBe(303);
    expect(opened.headers.location).toBe(destination);
    expect(opened.headers['cache-control']).toBe('no-store');
    // Continue pressed again on a page left open: the same.
    const pressed = await engage.request({ method: 'POST', url: link, headers: { cookie } });
    expect(pressed.statusCode).toBe(303);
    expect(pressed.headers.location).toBe(destination);
    expect(pressed.headers['set-cookie']).toBeUndefined();

    // Another contact signed in on this browser, or nobody: the link is spent, and says so.
    const colleague = await signInContact(engage, manager, setup.projectId, setup.partnerContact);
    for (const other of [colleague, undefined]) {
      const page = await portalGet(link, other);
      expect(page.statusCode).toBe(200);
      expect(page.body).toContain('can no longer be used');
      expect(page.body).not.toContain('already signed in');
      expect(
        (await engage.request({ method: 'POST', url: link, headers: other === undefined ? {} : { cookie: other } }))
          .statusCode,
      ).toBe(410);
    }

    // An expired link is not followed, even for its own contact: the page says so and offers the portal.
    const expiring = await freshLink(setup.customerContact);
    await engage.context.db.execute(sql`update portal_links set expires_at = now() - interval '1 minute'
      where id = (select id from portal_links where contact_id = ${setup.customerContact.id} order by created_at desc limit 1)`);
    const expired = await portalGet(expiring, cookie);
    expect(expired.statusCode).toBe(200);
    expect(expired.body).toContain('already signed in');
  });

  it('refuses an expired link, a revoked one, and a link or session replayed after log-out', async () => {
    const expiring = await freshLink(setup.customerContact);
    engage.setNow(new Date(Date.now() + engage.context.portal.linkTtlMs + 60_000));
    try {
      expect((await engage.request({ method: 'POST', url: expiring })).statusCode).toBe(410);
    } finally {
      engage.setNow(null);
    }

    const revoked = await freshLink(setup.customerContact);
    const links = (await portalGet(`/api/projects/${setup.projectId}/portal-links`, manager)).json().items as {
      id: string;
      state: string;
    }[];
    expect(links[0]?.state).toBe('valid');
    expect(
      (
        await engage.request({
          method: 'POST',
          url: `/api/projects/${setup.projectId}/portal-links/${links[0]?.id}/revoke`,
          headers: { cookie: manager },
        })
      ).statusCode,
    ).toBe(204);
    expect((await engage.request({ method: 'POST', url: revoked })).statusCode).toBe(410);

    const link = await freshLink(setup.customerContact);
    const cookie = cookieFrom(await engage.request({ method: 'POST', url: link }), 'engage_portal');
    expect((await engage.request({ method: 'POST', url: '/api/portal/logout', headers: { cookie } })).statusCode).toBe(
      204,
    );
    expect((await portalGet('/api/portal/me', cookie)).statusCode).toBe(401);
    expect((await engage.request({ method: 'POST', url: link })).statusCode).toBe(410);
  });

  it('ends the sessions a link opened when the engineer revokes it', async () => {
    const cookie = await signInContact(engage, manager, setup.projectId, setup.customerContact);
    expect((await portalGet('/api/portal/me', cookie)).statusCode).toBe(200);
    const used = (
      (await portalGet(`/api/projects/${setup.projectId}/portal-links`, manager)).json().items as {
        id: string;
        state: string;
        activeSessions: number;
      }[]
    )[0];
    expect(used).toMatchObject({ state: 'used', activeSessions: 1 });
    await engage.request({
      method: 'POST',
      url: `/api/projects/${setup.projectId}/portal-links/${used?.id}/revoke`,
      headers: { cookie: manager },
    });
    expect((await portalGet('/api/portal/me', cookie)).statusCode).toBe(401);
  });

  it('scopes a contact to their organisation’s projects: every other project answers 404, as if it did not exist', async () => {
    // Another project of the same partner, for another customer; and a project of an unrelated customer and partner.
    const other = await projectAtDesignQuestionnaire(engage, manager);
    const samePartner = await setup.fixtures.project({ customerId: other.customer.id, partnerId: setup.partner.id });
    const customerCookie = await signInContact(engage, manager, setup.projectId, setup.customerContact);
    const partnerCookie = await signInContact(engage, manager, setup.projectId, setup.partnerContact);
    const strangerCookie = await signInContact(engage, manager, other.projectId, other.customerContact);
    const otherPartnerCookie = await signInContact(engage, manager, other.projectId, other.partnerContact);

    const mine = (cookie: string) =>
      portalGet('/api/portal/me', cookie).then((response) =>
        (response.json().projects as { id: string }[]).map((project) => project.id).sort(),
      );
    expect(await mine(customerCookie)).toEqual([setup.projectId]);
    expect(await mine(partnerCookie)).toEqual([setup.projectId, samePartner.id].sort());

    const missing = '00000000-0000-4000-8000-000000000000';
    const urls = (projectId: string) => [
      `/api/portal/projects/${projectId}`,
      `/api/portal/projects/${projectId}/questionnaires`,
      `/api/portal/projects/${projectId}/questionnaires/call-recording`,
      `/api/portal/projects/${projectId}/requirements`,
      `/api/portal/projects/${projectId}/files/${missing}`,
    ];
    const refusals: { status: number; body: unknown }[] = [];
    for (const cookie of [strangerCookie, otherPartnerCookie]) {
      for (const url of [...urls(setup.projectId), ...urls(missing)]) {
        const response = await portalGet(url, cookie);
        refusals.push({
          status: response.statusCode,
          body: { code: response.json().code, message: response.json().message },
        });
      }
      const write = await engage.request({
        method: 'PATCH',
        url: `/api/portal/projects/${setup.projectId}/questionnaires/call-recording/answers`,
        headers: { cookie },
        payload: { answers: { 'calling-platform': 'teams' } },
      });
      expect(write.statusCode).toBe(404);
    }
    for (const refusal of refusals) expect(refusal.status).toBe(404);
    // A project that exists and one that does not answer alike.
    const projectAnswers = refusals
      .filter((_refusal, index) => index % urls(missing).length === 0)
      .map((refusal) => refusal.body);
    expect(new Set(projectAnswers.map((body) => JSON.stringify(body))).size).toBe(1);
    // The other partner's contact sees its own project and not ours.
    expect(await mine(otherPartnerCookie)).toEqual([other.projectId]);
  });

  it('sends a fresh link on request, answering the same whether or not the address is known, and limits requests', async () => {
    const before = await countRows(sql`select count(*)::int as count from mail_messages where kind = 'portal-link'`);
    const known = await engage.request({
      method: 'POST',
      url: '/portal/link-request',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: `email=${encodeURIComponent(setup.customerContact.email.toUpperCase())}`,
    });
    const unknown = await engage.request({
      method: 'POST',
      url: '/portal/link-request',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: 'email=nobody%40nowhere.example',
    });
    expect(known.statusCode).toBe(200);
    expect(unknown.statusCode).toBe(known.statusCode);
    expect(unknown.body).toBe(known.body);
    // The link is written after the answer, so that the answer's timing says nothing either.
    const countLinks = () =>
      countRows(sql`select count(*)::int as count from mail_messages where kind = 'portal-link'`);
    expect(await eventually(async () => (await countLinks()) === before + 1)).toBe(true);
    const link = await latestLinkTo(engage, manager, setup.projectId, setup.customerContact.email);
    expect((await engage.request({ method: 'POST', url: pathOf(link) })).statusCode).toBe(303);

    // From an address of their own, so that the requests this test makes past the limit are the only ones counted there.
    const remoteAddress = '198.51.100.77';
    for (let attempt = 0; attempt < 4; attempt += 1) {
      await engage.request({
        method: 'POST',
        url: '/portal/link-request',
        remoteAddress,
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        payload: `email=${encodeURIComponent(setup.customerContact.email)}`,
      });
    }
    // Each request is handled after its answer: wait until all four were, each either sending a link (audited one by
    // one) or refused by the limit (counted per client address).
    const address = setup.customerContact.email.toLowerCase();
    const handled = async () =>
      (await countRows(
        sql`select count(*)::int as count from audit_events where action = 'portal.link-requested' and subject_id = ${address} and ip = ${remoteAddress} and (after ->> 'linksSent')::int > 0`,
      )) +
      (await countRows(
        sql`select coalesce(sum(hits), 0)::int as count from rate_limit_windows where key = ${`refusal|portal.link-requested|${remoteAddress}`}`,
      ));
    expect(await eventually(async () => (await handled()) === 4)).toBe(true);
    // Three in a quarter of an hour at most.
    expect(await countLinks()).toBe(before + 3);
  });

  it('audits links issued, used and revoked, and who asked for a fresh one', async () => {
    // Its own project and contact, and each action done here: nothing rests on what the tests above did.
    const own = await projectAtDesignQuestionnaire(engage, manager);
    const firstAudit = await countRows(sql`select coalesce(max(id), 0)::int as count from audit_events`);
    const cookie = cookieFrom(
      await engage.request({ method: 'POST', url: await freshLink(own.customerContact, own.projectId) }),
      'engage_portal',
    );
    expect((await engage.request({ method: 'POST', url: '/api/portal/logout', headers: { cookie } })).statusCode).toBe(
      204,
    );
    await freshLink(own.customerContact, own.projectId);
    const unused = (
      (await portalGet(`/api/projects/${own.projectId}/portal-links`, manager)).json().items as {
        id: string;
        state: string;
      }[]
    ).find((link) => link.state === 'valid');
    expect(
      (
        await engage.request({
          method: 'POST',
          url: `/api/projects/${own.projectId}/portal-links/${unused?.id}/revoke`,
          headers: { cookie: manager },
        })
      ).statusCode,
    ).toBe(204);
    await engage.request({
      method: 'POST',
      url: '/portal/link-request',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: `email=${encodeURIComponent(own.customerContact.email)}`,
    });
    const requested = () =>
      countRows(
        sql`select count(*)::int as count from audit_events where action = 'portal.link-requested' and id > ${firstAudit}`,
      );
    expect(await eventually(async () => (await requested()) === 1)).toBe(true);
    const actions = await engage.context.db.execute<{ action: string }>(
      sql`select distinct action from audit_events where action like 'portal.%' and id > ${firstAudit} order by action`,
    );
    expect((actions as { rows: { action: string }[] }).rows.map((row) => row.action)).toEqual([
      'portal.link-issued',
      'portal.link-requested',
      'portal.link-revoked',
      'portal.link-used',
      'portal.logout',
    ]);
  });
});
