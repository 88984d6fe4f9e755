import { sql } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createTestEngage, isTestDatabaseAvailable, type TestEngage } from '../test/harness';
import { publicRateLimits } from './rate-limit';

describe.skipIf(!isTestDatabaseAvailable)('rate limits across processes on one PostgreSQL database', () => {
  let first: TestEngage;
  let second: TestEngage;
  beforeAll(async () => {
    first = await createTestEngage();
    second = await createTestEngage({ sameDatabaseAs: first });
  });
  afterAll(async () => {
    await second?.close();
    await first?.close();
  });
  afterEach(() => {
    first.setNow(null);
    second.setNow(null);
  });

  const verify = (app: TestEngage, ip: string) =>
    app.request({
      method: 'POST',
      url: '/api/verify',
      remoteAddress: ip,
      headers: { 'content-type': 'application/pdf' },
      payload: Buffer.from('%PDF-1.7 not sealed'),
    });

  async function auditOf(ip: string) {
    const result = await first.context.db.execute(
      sql`select action, after from audit_events where ip = ${ip} order by id`,
    );
    return (result as { rows: { action: string; after: Record<string, unknown> | null }[] }).rows;
  }

  it('holds one window for a client whose requests are split between two processes, also when they arrive at once', async () => {
    const ip = '198.51.100.7';
    const limit = publicRateLimits.verify.max;
    const answers = await Promise.all(
      Array.from({ length: 3 * limit }, (_unused, index) => verify(index % 2 === 0 ? first : second, ip)),
    );
    const statuses = answers.map((answer) => answer.statusCode);
    expect(statuses.filter((status) => status === 200)).toHaveLength(limit);
    expect(statuses.filter((status) => status === 429)).toHaveLength(2 * limit);
    // Exactly one request was the window's first refusal, whichever process answered it.
    expect((await auditOf(ip)).map((row) => row.action)).toEqual(['rate-limit.refused']);
    // A process that never answered this client refuses it too.
    expect((await verify(second, ip)).statusCode).toBe(429);
  });

  it('writes the count of an ended window once, when both processes prune at the same time', async () => {
    const ip = '198.51.100.8';
    const limit = publicRateLimits.verify.max;
    for (let index = 0; index < limit + 5; index += 1) await verify(index % 2 === 0 ? first : second, ip);
    const later = new Date(Date.now() + 2 * 60 * 1000);
    first.setNow(later);
    second.setNow(later);
    await Promise.all([first.pruneRateLimits(), second.pruneRateLimits()]);
    const rows = await auditOf(ip);
    expect(rows.map((row) => row.action)).toEqual(['rate-limit.refused', 'rate-limit.refused.repeated']);
    expect(rows[1]?.after).toMatchObject({ count: 4 });
    expect((await verify(first, ip)).statusCode).toBe(200);
  });
});
