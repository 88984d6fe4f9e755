import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestEngage, isTestDatabaseAvailable, type TestEngage } from '../test/harness';
import { compileRegisteredSerializers } from './serializer';

describe.skipIf(!isTestDatabaseAvailable)(
  'HTTP contract: errors, bad input, cross-origin writes, headers, health',
  () => {
    let engage: TestEngage;
    let cookie: string;

    beforeAll(async () => {
      engage = await createTestEngage();
      cookie = (await engage.staff('admin')).cookie;
    });
    afterAll(async () => {
      await engage?.close();
    });

    const countOrganisations = async () =>
      (await engage.request({ method: 'GET', url: '/api/organisations', headers: { cookie } })).json().items
        .length as number;

    it('answers a bad body with 400 naming the field, in the one error shape, and changes nothing', async () => {
      const before = await countOrganisations();
      const response = await engage.request({
        method: 'POST',
        url: '/api/organisations',
        headers: { cookie },
        payload: { kind: 'customer', name: '' },
      });
      expect(response.statusCode).toBe(400);
      const body = response.json();
      expect(body).toEqual({
        code: 'validation_failed',
        message: expect.stringContaining('body.name'),
        details: [{ path: 'body.name', message: 'Enter a name.' }],
        requestId: expect.any(String),
      });
      expect(response.headers['x-request-id']).toBe(body.requestId);
      expect(await countOrganisations()).toBe(before);
    });

    it('refuses an unknown enum value, naming the field', async () => {
      const response = await engage.request({
        method: 'POST',
        url: '/api/organisations',
        headers: { cookie },
        payload: { kind: 'supplier', name: 'Acme' },
      });
      expect(response.statusCode).toBe(400);
      expect(response.json().details[0].path).toBe('body.kind');
    });

    it('refuses malformed JSON with 400 and a non-JSON body with 415', async () => {
      const malformed = await engage.request({
        method: 'POST',
        url: '/api/organisations',
        headers: { cookie, 'content-type': 'application/json' },
        payload: '{"kind": "customer", "name": ',
      });
      expect(malformed.statusCode).toBe(400);
      expect(malformed.json().code).toBe('malformed_json');
      const text = await engage.request({
        method: 'POST',
        url: '/api/organisations',
        headers: { cookie, 'content-type': 'text/plain' },
        payload: 'kind=customer',
      });
      expect(text.statusCode).toBe(415);
      expect(text.json().code).toBe('unsupported_media_type');
    });

    it('refuses an oversized payload with 413 and changes nothing', async () => {
      const before = await countOrganisations();
      const response = await engage.request({
        method: 'POST',
        url: '/api/organisations',
        headers: { cookie },
        payload: { kind: 'customer', name: 'x'.repeat(300 * 1024) },
      });
      expect(response.statusCode).toBe(413);
      expect(response.json().code).toBe('payload_too_large');
      expect(await countOrganisations()).toBe(before);
    });

    it('refuses a bad path parameter or query value with 400, not 500', async () => {
      const badId = await engage.request({ method: 'GET', url: '/api/projects/not-a-uuid', headers: { cookie } });
      expect(badId.statusCode).toBe(400);
      expect(badId.json().details[0].path).toBe('params.id');
      const badLimit = await engage.request({ method: 'GET', url: '/api/projects?limit=100000', headers: { cookie } });
      expect(badLimit.statusCode).toBe(400);
      expect(badLimit.json().details[0].path).toBe('querystring.limit');
    });

    it('refuses state-changing requests from another site (Sec-Fetch-Site, then Origin) and changes nothing', async () => {
      const before = await countOrganisations();
      const payload = { kind: 'customer', name: 'Forged Ltd' };
      const crossSite = await engage.request({
        method: 'POST',
        url: '/api/organisations',
        headers: { cookie, 'sec-fetch-site': 'cross-site', origin: 'https://evil.example' },
        payload,
      });
      expect(crossSite.statusCode).toBe(403);
      expect(crossSite.json().code).toBe('cross_origin_refused');
      const sameSite = await engage.request({
        method: 'POST',
        url: '/api/organisations',
        headers: { cookie, 'sec-fetch-site': 'same-site' },
        payload,
      });
      expect(sameSite.statusCode).toBe(403);
      const foreignOrigin = await engage.request({
        method: 'POST',
        url: '/api/organisations',
        headers: { cookie, origin: 'https://evil.example' },
        payload,
      });
      expect(foreignOrigin.statusCode).toBe(403);
      const logout = await engage.request({
        method: 'POST',
        url: '/api/auth/logout',
        headers: { cookie, 'sec-fetch-site': 'cross-site' },
      });
      expect(logout.statusCode).toBe(403);
      expect(await countOrganisations()).toBe(before);
      const sameOrigin = await engage.request({
        method: 'POST',
        url: '/api/organisations',
        headers: { cookie, 'sec-fetch-site': 'same-origin', origin: 'http://localhost:3000' },
        payload,
      });
      expect(sameOrigin.statusCode).toBe(201);
      const reads = await engage.request({
        method: 'GET',
        url: '/api/organisations',
        headers: { cookie, 'sec-fetch-site': 'cross-site' },
      });
      expect(reads.statusCode).toBe(200);
    });

    it('sends the security headers on every response, errors and pages included', async () => {
      for (const url of ['/healthz', '/api/projects', '/api/nothing-here', '/pipeline']) {
        const response = await engage.request({ method: 'GET', url });
        const csp = String(response.headers['content-security-policy']);
        expect(csp).toContain("object-src 'none'");
        expect(csp).toContain("frame-ancestors 'none'");
        expect(response.headers['x-content-type-options']).toBe('nosniff');
        expect(response.headers['referrer-policy']).toBe('no-referrer');
        // HSTS only over https (see the https cookie test).
        expect(response.headers['strict-transport-security']).toBeUndefined();
      }
    });

    it('answers an unknown API route with a JSON 404 and any other page with the web app', async () => {
      const api = await engage.request({ method: 'GET', url: '/api/nothing-here', headers: { cookie } });
      expect(api.statusCode).toBe(404);
      expect(api.json()).toMatchObject({ code: 'not_found', requestId: expect.any(String) });
      const page = await engage.request({ method: 'GET', url: '/projects/123' });
      expect(page.statusCode).toBe(200);
      expect(page.headers['content-type']).toContain('text/html');
    });

    it('serves /healthz and /readyz', async () => {
      expect((await engage.request({ method: 'GET', url: '/healthz' })).json()).toEqual({ status: 'ok' });
      expect((await engage.request({ method: 'GET', url: '/readyz' })).json()).toEqual({ status: 'ready' });
    });

    it('compiles every route’s response serializers (compiled lazily at run time, so checked here)', () => {
      expect(compileRegisteredSerializers()).toBeGreaterThan(40);
    });

    it('serves the OpenAPI 3.1 document and its browsable docs', async () => {
      const document = (await engage.request({ method: 'GET', url: '/api/openapi.json' })).json();
      expect(document.openapi).toBe('3.1.0');
      expect(Object.keys(document.paths)).toEqual(
        expect.arrayContaining(['/api/projects', '/api/projects/{id}/actions', '/api/auth/login']),
      );
      expect(document.components.schemas.Error.properties).toHaveProperty('requestId');
      let docs = await engage.request({ method: 'GET', url: '/api/docs' });
      for (let hops = 0; hops < 3 && docs.statusCode === 302; hops += 1) {
        const location = String(docs.headers.location);
        docs = await engage.request({
          method: 'GET',
          url: location.startsWith('/') ? location : `/api/docs/${location.replace(/^\.\//, '')}`,
        });
      }
      expect(docs.statusCode).toBe(200);
      expect(docs.body).toContain('swagger');
    });
  },
);
