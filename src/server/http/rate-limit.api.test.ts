import { sql } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createTestEngage, eventually, isTestDatabaseAvailable, type TestEngage } from '../test/harness';
import { publicRateLimits } from './rate-limit';

const minute = 60 * 1000;
const form = { 'content-type': 'application/x-www-form-urlencoded' };

describe.skipIf(!isTestDatabaseAvailable)('public routes limit each client address', () => {
  let engage: TestEngage;

  beforeAll(async () => {
    engage = await createTestEngage();
  });
  afterAll(async () => {
    await engage?.close();
  });
  afterEach(() => {
    engage.setNow(null);
  });

  async function auditOf(ip: string) {
    const result = await engage.context.db.execute(
      sql`select action, after from audit_events where ip = ${ip} order by id`,
    );
    return (result as { rows: { action: string; after: Record<string, unknown> | null }[] }).rows;
  }

  async function refusalsCounted(key: string): Promise<number> {
    const result = await engage.context.db.execute(sql`select hits from rate_limit_windows where key = ${key}`);
    return (result as { rows: { hits: number }[] }).rows[0]?.hits ?? 0;
  }

  it('refuses a flood of fresh-link requests past the limit with a page in the person’s language, audits it in a handful of rows, and lets the address in again once the window ends', async () => {
    const ip = '203.0.113.10';
    const limit = publicRateLimits['link-request'].max;
    const statuses: number[] = [];
    let refused = null;
    for (let index = 0; index < 2000; index += 1) {
      const response = await engage.request({
        method: 'POST',
        url: '/portal/link-request',
        remoteAddress: ip,
        headers: { ...form, 'accept-language': 'it-IT,it;q=0.9' },
        payload: `email=nobody${index}%40nowhere.example`,
      });
      statuses.push(response.statusCode);
      refused ??= response.statusCode === 429 ? response : null;
    }
    expect(statuses.slice(0, limit).every((status) => status === 200)).toBe(true);
    expect(statuses.slice(limit).every((status) => status === 429)).toBe(true);
    if (refused === null) throw new Error('nothing was refused');
    const retryAfter = Number(refused.headers['retry-after']);
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(60);
    expect(refused.headers['content-type']).toContain('text/html');
    expect(refused.body).toContain('<html lang="it">');
    expect(refused.body).toContain(`Riprovate tra ${retryAfter} secondi`);

    // The accepted requests are handled after their answer: wait until all of them were counted.
    expect(
      await eventually(async () => (await refusalsCounted(`refusal|portal.link-requested|${ip}`)) === limit, 10_000),
    ).toBe(true);
    expect((await auditOf(ip)).map((row) => row.action)).toEqual(['portal.link-requested', 'rate-limit.refused']);
    // Another route's limit is its own: the address still opens link pages.
    expect(
      (await engage.request({ method: 'GET', url: '/portal/link/some-token', remoteAddress: ip })).statusCode,
    ).toBe(200);

    // Past both windows (the limit's minute, the refusal count's quarter of an hour) the address is let in again, and
    // the counts of the windows that ended are written, once each.
    engage.setNow(new Date(Date.now() + 16 * minute));
    const again = await engage.request({
      method: 'POST',
      url: '/portal/link-request',
      remoteAddress: ip,
      headers: form,
      payload: 'email=nobody-again%40nowhere.example',
    });
    expect(again.statusCode).toBe(200);
    expect(await eventually(async () => (await auditOf(ip)).length === 5, 10_000)).toBe(true);
    const rows = await auditOf(ip);
    expect(rows.map((row) => row.action)).toEqual([
      'portal.link-requested',
      'rate-limit.refused',
      'rate-limit.refused.repeated',
      'portal.link-requested.repeated',
      'portal.link-requested',
    ]);
    expect(rows[2]?.after).toMatchObject({ count: 2000 - limit - 1 });
    expect(rows[3]?.after).toMatchObject({ count: limit - 1 });
  });

  it('answers the JSON API’s refusal in the house shape with Retry-After, for that address only', async () => {
    const ip = '203.0.113.20';
    // Log-out, anonymous and harmless, reaches its route's limit before anything else limits it.
    const logOut = (remoteAddress: string) =>
      engage.request({ method: 'POST', url: '/api/auth/logout', remoteAddress });
    const limit = publicRateLimits.logout.max;
    for (let attempt = 0; attempt < limit; attempt += 1) expect((await logOut(ip)).statusCode).toBe(204);
    expect((await engage.login('stranger@nowhere.example', 'a guess', { remoteAddress: ip })).statusCode).toBe(401);
    const refused = await logOut(ip);
    expect(refused.statusCode).toBe(429);
    expect(refused.headers['content-type']).toContain('application/json');
    const body = refused.json();
    expect(Object.keys(body).sort()).toEqual(['code', 'message', 'requestId']);
    expect(body.code).toBe('rate_limited');
    expect(body.message).toBe(
      `Too many requests from your address; try again in ${refused.headers['retry-after']} seconds.`,
    );
    expect((await logOut('203.0.113.21')).statusCode).toBe(204);
    // Failures for unknown emails and the refusals are each audited once in their window, the rest counted.
    expect((await auditOf(ip)).map((row) => row.action)).toEqual(['auth.login.failed', 'rate-limit.refused']);
  });

  it('never refuses a person at a real pace', async () => {
    const ip = '203.0.113.30';
    const { user, password } = await engage.staff('engineer');
    const answers = [
      await engage.login(user.email, 'a mistyped password', { remoteAddress: ip }),
      await engage.login(user.email, 'another mistyped password', { remoteAddress: ip }),
      await engage.login(user.email, password, { remoteAddress: ip }),
      await engage.request({ method: 'GET', url: '/portal/link/an-old-token', remoteAddress: ip }),
      await engage.request({ method: 'POST', url: '/portal/link/an-old-token', remoteAddress: ip }),
      await engage.request({
        method: 'POST',
        url: '/portal/link-request',
        remoteAddress: ip,
        headers: form,
        payload: 'email=me%40customer.example',
      }),
      await engage.request({ method: 'GET', url: '/portal/link/the-new-token', remoteAddress: ip }),
      await engage.request({
        method: 'POST',
        url: '/api/verify',
        remoteAddress: ip,
        headers: { 'content-type': 'application/pdf' },
        payload: Buffer.from('%PDF-1.7 not sealed'),
      }),
    ];
    expect(answers.map((answer) => answer.statusCode)).toEqual([401, 401, 200, 200, 410, 200, 200, 200]);
    for (const answer of answers) expect(Number(answer.headers['x-ratelimit-remaining'])).toBeGreaterThan(0);
  });

  it('audits the refusals of a window that ended when pruned, once', async () => {
    const ip = '203.0.113.40';
    const limit = publicRateLimits.verify.max;
    const verify = () =>
      engage.request({
        method: 'POST',
        url: '/api/verify',
        remoteAddress: ip,
        headers: { 'content-type': 'application/pdf' },
        payload: Buffer.from('%PDF-1.7'),
      });
    for (let attempt = 0; attempt < limit + 6; attempt += 1) await verify();
    expect((await verify()).statusCode).toBe(429);
    engage.setNow(new Date(Date.now() + 2 * minute));
    await engage.pruneRateLimits();
    await engage.pruneRateLimits();
    const rows = await auditOf(ip);
    expect(rows.map((row) => row.action)).toEqual(['rate-limit.refused', 'rate-limit.refused.repeated']);
    expect(rows[1]?.after).toMatchObject({ count: 6 });
    // The window is gone: the address starts afresh.
    expect((await verify()).statusCode).toBe(200);
  });

  it('takes no more than a few KB on the log-in and the link forms, and no more on /api/verify than a scan may be', async () => {
    const big = 'x'.repeat(5000);
    const login = await engage.request({
      method: 'POST',
      url: '/api/auth/login',
      remoteAddress: '203.0.113.50',
      payload: { email: 'a@b.example', password: big },
    });
    expect([login.statusCode, login.json().code]).toEqual([413, 'payload_too_large']);
    const form413 = await engage.request({
      method: 'POST',
      url: '/portal/link-request',
      remoteAddress: '203.0.113.50',
      headers: form,
      payload: `email=${big}`,
    });
    expect(form413.statusCode).toBe(413);
    const continueJson = await engage.request({
      method: 'POST',
      url: '/portal/link/some-token',
      remoteAddress: '203.0.113.50',
      payload: { padding: big },
    });
    expect(continueJson.statusCode).toBe(413);
    const tooLarge = await engage.request({
      method: 'POST',
      url: '/api/verify',
      remoteAddress: '203.0.113.50',
      headers: { 'content-type': 'application/pdf' },
      payload: Buffer.alloc(engage.context.portal.uploadMaxBytes + 1, 0x20),
    });
    expect([tooLarge.statusCode, tooLarge.json().code]).toEqual([413, 'payload_too_large']);
    expect(tooLarge.json().message).toContain('10 MB');
  });
});
