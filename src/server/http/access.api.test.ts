import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import Fastify from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { staffRoles } from '../db/schema';
import { pluginRouteAccess } from '../app';
import { createTestEngage, isTestDatabaseAvailable, type TestEngage } from '../test/harness';
import { projectAtDesignQuestionnaire, signInContact } from '../test/portal';
import { collectRouteAccess, type RouteAccess } from './access';
import { registerRateLimits } from './rate-limit';

// Generated from the app's own route table: a route added tomorrow is checked without editing this file.
describe.skipIf(!isTestDatabaseAvailable)('every route refuses whoever its access rule leaves out', () => {
  let engage: TestEngage;
  const cookies = new Map<string, string>();

  beforeAll(async () => {
    engage = await createTestEngage();
    for (const role of staffRoles) cookies.set(role, (await engage.staff(role)).cookie);
  });
  afterAll(async () => {
    await engage?.close();
  });

  function concreteUrl(route: RouteAccess): string {
    return route.url.replace(/:([A-Za-z]+)/g, (_match, name: string) => (name === 'id' ? randomUUID() : 'some-key'));
  }

  async function call(route: RouteAccess, cookie: string | undefined, remoteAddress?: string) {
    return engage.request({
      method: route.method,
      url: concreteUrl(route),
      remoteAddress,
      headers: cookie === undefined ? {} : { cookie },
      ...(route.method === 'GET' || route.method === 'DELETE' ? {} : { payload: {} }),
    });
  }

  it('has the API routes in its table, each with a rule', () => {
    const apiRoutes = engage.routes.filter(
      (route) => route.url.startsWith('/api/') && !route.url.startsWith('/api/docs'),
    );
    expect(apiRoutes.length).toBeGreaterThan(15);
    // Each rule lets someone in: anyone, a portal contact, or at least one of the staff roles (an empty list or an
    // unknown role would leave the route to nobody); and each route of the table is one the app answers.
    const isKnownRule = (rule: RouteAccess['access']) =>
      rule === 'public' ||
      rule === 'contact' ||
      (Array.isArray(rule) &&
        rule.length > 0 &&
        rule.every((role) => (staffRoles as readonly string[]).includes(role)));
    expect(
      apiRoutes
        .filter((route) => !isKnownRule(route.access) || !engage.app.hasRoute({ method: route.method, url: route.url }))
        .map((route) => `${route.method} ${route.url}: ${JSON.stringify(route.access)}`),
    ).toEqual([]);
  });

  it('refuses anonymous callers on every non-public route with 401', async () => {
    const guarded = engage.routes.filter((candidate) => candidate.access !== 'public');
    // The loop below checks nothing when the table is empty: it covers the staff and the portal routes.
    expect(guarded.filter((route) => route.access === 'contact').length).toBeGreaterThan(8);
    expect(guarded.filter((route) => route.access !== 'contact').length).toBeGreaterThan(15);
    for (const route of guarded) {
      const response = await call(route, undefined);
      expect({ route: `${route.method} ${route.url}`, status: response.statusCode }).toEqual({
        route: `${route.method} ${route.url}`,
        status: 401,
      });
      expect(response.json().code).toBe('unauthenticated');
    }
  });

  it('refuses each role the rule leaves out with 403, lets the others through, and audits each refusal', async () => {
    let refusals = 0;
    for (const route of engage.routes.filter(
      (candidate) => candidate.access !== 'public' && candidate.access !== 'contact',
    )) {
      for (const role of staffRoles) {
        const response = await call(route, cookies.get(role));
        const isAllowed = route.access.includes(role);
        const label = `${role} ${route.method} ${route.url}`;
        if (isAllowed) {
          expect([label, response.statusCode]).not.toEqual([label, 403]);
          expect([label, response.statusCode]).not.toEqual([label, 401]);
        } else {
          refusals += 1;
          expect([label, response.statusCode]).toEqual([label, 403]);
          expect(response.json().code).toBe('forbidden');
        }
      }
    }
    expect(refusals).toBeGreaterThan(0);
    const result = await engage.context.db.execute<{ count: string }>(
      sql`select count(*)::text as count from audit_events where action = 'access.refused'`,
    );
    expect(Number((result as { rows: { count: string }[] }).rows[0]?.count)).toBe(refusals);
  });

  it('keeps the public routes to log-in, log-out, the forgotten password and its links, health, the API documents, the portal links, the calendar feeds and the verification of sealed PDFs, each with its limit per client address', () => {
    const publicRoutes = engage.routes.filter(
      (route) => route.access === 'public' && !route.url.startsWith('/api/docs'),
    );
    const limitOf = (route: RouteAccess) =>
      route.rateLimit === null ? 'no limit' : `${route.rateLimit.max} per ${route.rateLimit.windowMs / 1000} s`;
    expect(publicRoutes.map((route) => `${route.method} ${route.url}: ${limitOf(route)}`).sort()).toEqual([
      // Whether email goes to the trial mailbox: the portal's pages say so before anyone is signed in.
      'GET /api/mail/mode: 1200 per 60 s',
      'GET /api/openapi.json: 60 per 60 s',
      'GET /calendar-feed/:token: 120 per 60 s',
      'GET /healthz: 600 per 60 s',
      'GET /portal/link/:token: 60 per 60 s',
      'GET /portal/questionnaires/:projectId/:questionnaireKey: 60 per 60 s',
      'GET /readyz: 600 per 60 s',
      'POST /api/auth/forgot-password: 10 per 60 s',
      'POST /api/auth/login: 120 per 60 s',
      'POST /api/auth/logout: 30 per 60 s',
      'POST /api/auth/password-link: 30 per 60 s',
      'POST /api/auth/set-password: 30 per 60 s',
      'POST /api/verify: 10 per 60 s',
      'POST /portal/link-request: 10 per 60 s',
      'POST /portal/link/:token: 60 per 60 s',
    ]);
  });

  it('limits every public route per client address: one request past the limit answers 429 with Retry-After, as a page on the HTML pages', async () => {
    const publicRoutes = engage.routes.filter((route) => route.access === 'public');
    expect(
      publicRoutes.filter((route) => route.rateLimit === null).map((route) => `${route.method} ${route.url}`),
    ).toEqual([]);
    let client = 0;
    for (const route of publicRoutes) {
      client += 1;
      // Each route from an address of its own, so that routes sharing a limit do not share this test's requests.
      const remoteAddress = `198.18.${Math.floor(client / 250)}.${(client % 250) + 1}`;
      const answers = await Promise.all(
        Array.from({ length: (route.rateLimit?.max ?? 0) + 1 }, () => call(route, undefined, remoteAddress)),
      );
      const refused = answers.filter((answer) => answer.statusCode === 429);
      const label = `${route.method} ${route.url}`;
      expect([label, refused.length]).toEqual([label, 1]);
      const answer = refused[0];
      if (answer === undefined) continue;
      expect([label, Number(answer.headers['retry-after']) > 0]).toEqual([label, true]);
      const isPage = route.url.startsWith('/portal/');
      expect([label, String(answer.headers['content-type']).split(';')[0]]).toEqual([
        label,
        isPage ? 'text/html' : 'application/json',
      ]);
      if (!isPage) expect([label, answer.json().code]).toEqual([label, 'rate_limited']);
    }
  });

  it('keeps the portal API to signed-in contacts: a staff session is no portal session', async () => {
    const contactRoutes = engage.routes.filter((route) => route.access === 'contact');
    expect(contactRoutes.length).toBeGreaterThan(8);
    for (const route of contactRoutes) {
      expect(route.url.startsWith('/api/portal/')).toBe(true);
      for (const role of staffRoles) {
        const response = await call(route, cookies.get(role));
        expect([`${role} ${route.method} ${route.url}`, response.statusCode]).toEqual([
          `${role} ${route.method} ${route.url}`,
          401,
        ]);
      }
    }
  });

  it('makes public only the plugin routes of the API docs and of files of the built web app', () => {
    const webRoot = path.resolve(import.meta.dirname, '..', '..', '..', 'src', 'web');
    expect(pluginRouteAccess('/api/docs/json', webRoot)).toBe('public');
    expect(pluginRouteAccess('/index.html', webRoot)).toBe('public');
    expect(pluginRouteAccess('/admin', webRoot)).toBeUndefined();
    expect(pluginRouteAccess('/api/projects', webRoot)).toBeUndefined();
    expect(pluginRouteAccess('/../package.json', webRoot)).toBeUndefined();
  });

  it('refuses to register a route that declares no access rule', async () => {
    const app = Fastify();
    collectRouteAccess(app, []);
    expect(() => app.get('/api/unguarded', async () => 'open')).toThrow(/declares no access rule/);
    await app.close();
  });

  it('refuses to register a public route that declares no rate limit', async () => {
    const app = Fastify();
    await registerRateLimits(app, engage.context, { store: 'memory', log: app.log });
    expect(() => app.get('/api/unlimited', { config: { access: 'public' } }, async () => 'open')).toThrow(
      /declares no rate limit/,
    );
    await app.close();
  });

  // The tenant's side of the matrix, still generated from the route table: who works on a project, whose organisation
  // it is, and whether the contact is still enabled.
  describe('who works on the project, whose organisation it is, whether the contact is enabled', () => {
    let manager: string;
    let projectId: string;
    let otherProjectId: string;
    let contact: { id: string; email: string };
    let customerId: string;
    let contactCookie: string;
    const portalRoutes = () => engage.routes.filter((route) => route.access === 'contact');
    const withParams = (route: RouteAccess, params: Record<string, string>) =>
      route.url.replace(
        /:([A-Za-z]+)/g,
        (_match, name: string) => params[name] ?? (name.endsWith('Id') ? randomUUID() : 'call-recording'),
      );
    const send = (route: RouteAccess, url: string, cookie: string) =>
      engage.request({
        method: route.method,
        url,
        headers: { cookie },
        ...(route.method === 'GET' || route.method === 'DELETE' ? {} : { payload: {} }),
      });

    beforeAll(async () => {
      manager = (await engage.staff('manager')).cookie;
      const setup = await projectAtDesignQuestionnaire(engage, manager);
      projectId = setup.projectId;
      contact = setup.customerContact;
      customerId = setup.customer.id;
      otherProjectId = (await projectAtDesignQuestionnaire(engage, manager)).projectId;
      contactCookie = await signInContact(engage, manager, projectId, contact);
    });

    it('answers 404 to an engineer not on the project on every route of its mail, as to a project that does not exist', async () => {
      const mail = (
        await engage.request({ method: 'GET', url: `/api/projects/${projectId}/mail`, headers: { cookie: manager } })
      ).json<{ items: { id: string }[] }>();
      const mailId = mail.items[0]?.id ?? '';
      expect(mailId).not.toBe('');
      const stranger = (await engage.staff('engineer')).cookie;
      const mailRoutes = engage.routes.filter(
        (route) => route.url.startsWith('/api/mail/:id') || route.url === '/api/projects/:id/mail',
      );
      expect(mailRoutes.length).toBeGreaterThanOrEqual(4);
      for (const route of mailRoutes) {
        const url = withParams(route, { id: route.url.startsWith('/api/mail/') ? mailId : projectId });
        const label = `${route.method} ${route.url}`;
        expect([label, (await send(route, url, stranger)).statusCode]).toEqual([label, 404]);
      }
      // The same reads answer the project's readers: the refusals above are about who asks, not about the ids.
      expect(
        (await engage.request({ method: 'GET', url: `/api/mail/${mailId}`, headers: { cookie: manager } })).statusCode,
      ).toBe(200);
    });

    it('answers 404 to a contact on every portal route of another organisation’s project, and changes nothing', async () => {
      const auditBefore = await engage.context.db.execute<{ count: string }>(
        sql`select count(*)::text as count from audit_events where project_id = ${otherProjectId}`,
      );
      expect(portalRoutes().filter((route) => route.url.includes(':id')).length).toBeGreaterThan(10);
      for (const route of portalRoutes().filter((candidate) => candidate.url.includes(':id'))) {
        const answer = await send(route, withParams(route, { id: otherProjectId }), contactCookie);
        const label = `${route.method} ${route.url}`;
        // A body the route refuses (400) is refused before the project is looked up, and tells nothing either.
        expect([
          label,
          route.method === 'GET' ? answer.statusCode === 404 : [400, 404, 415].includes(answer.statusCode),
        ]).toEqual([label, true]);
      }
      const auditAfter = await engage.context.db.execute<{ count: string }>(
        sql`select count(*)::text as count from audit_events where project_id = ${otherProjectId}`,
      );
      expect((auditAfter as { rows: { count: string }[] }).rows).toEqual(
        (auditBefore as { rows: { count: string }[] }).rows,
      );
      expect(
        (
          await engage.request({
            method: 'GET',
            url: `/api/portal/projects/${projectId}`,
            headers: { cookie: contactCookie },
          })
        ).statusCode,
      ).toBe(200);
    });

    it('answers 401 to a disabled contact on every portal route, from the request after the disable', async () => {
      const disabled = await engage.request({
        method: 'POST',
        url: `/api/organisations/${customerId}/contacts/${contact.id}/disable`,
        headers: { cookie: manager },
      });
      expect(disabled.statusCode).toBe(200);
      expect(portalRoutes().length).toBeGreaterThan(8);
      for (const route of portalRoutes()) {
        const label = `${route.method} ${route.url}`;
        expect([label, (await send(route, withParams(route, { id: projectId }), contactCookie)).statusCode]).toEqual([
          label,
          401,
        ]);
      }
    });
  });
});
