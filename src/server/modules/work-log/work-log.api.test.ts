import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiFixtures } from '../../test/fixtures';
import { createTestEngage, isTestDatabaseAvailable, type TestEngage } from '../../test/harness';

interface WorkLogLike {
  entries: {
    id: string;
    stepKey: string;
    stepCode: string;
    performer: { kind: string; name: string };
    durationMinutes: number;
    lineIndex: number | null;
  }[];
  effort: {
    lines: {
      index: number;
      serviceKey: string | null;
      unit: string;
      purchased: number;
      used: number;
      percent: number;
      level: string;
    }[];
  };
}

describe.skipIf(!isTestDatabaseAvailable)('the work log and the effort used against the purchase order', () => {
  let engage: TestEngage;
  let manager: string;
  let engineer: { id: string; cookie: string };
  let projectId: string;
  let partnerTechnician: { id: string };

  const call = (method: 'GET' | 'POST' | 'DELETE', url: string, cookie: string, payload?: Record<string, unknown>) =>
    engage.request({ method, url, headers: { cookie }, ...(payload === undefined ? {} : { payload }) });
  const log = (entry: Record<string, unknown>, cookie = engineer.cookie) =>
    call('POST', `/api/projects/${projectId}/work-log`, cookie, entry);

  beforeAll(async () => {
    engage = await createTestEngage();
    manager = (await engage.staff('manager')).cookie;
    const staff = await engage.staff('engineer', { name: 'Elena Engineer' });
    engineer = { id: staff.user.id, cookie: staff.cookie };
    const fixtures = apiFixtures(engage, manager);
    const customer = await fixtures.customer();
    const partner = await fixtures.partner();
    partnerTechnician = await fixtures.post<{ id: string }>(`/api/organisations/${partner.id}/contacts`, {
      name: 'Peter Brown',
      email: 'peter@reseller.example',
      language: 'en',
      role: 'partner-technician',
    });
    const order = await fixtures.post<{ id: string }>('/api/purchase-orders', {
      number: 'PO-2027-0900',
      orderDate: '2027-01-15',
      customerId: customer.id,
      partnerId: partner.id,
      currency: 'EUR',
      amount: 4800,
      lines: [
        { serviceKey: 'installation-remote', quantity: 2 },
        { serviceKey: 'training-admin', quantity: 1 },
      ],
      applications: ['call-recording'],
      deployment: 'virtual-appliance',
    });
    projectId = (await fixtures.post<{ project: { id: string } }>(`/api/purchase-orders/${order.id}/approve`, {}, 200))
      .project.id;
    await engage.context.db.execute(
      (await import('drizzle-orm')).sql`update projects set engineer_id = ${engineer.id} where id = ${projectId}`,
    );
  });
  afterAll(async () => {
    await engage?.close();
  });

  it('starts empty, one line per purchase order line', async () => {
    const empty = (await call('GET', `/api/projects/${projectId}/work-log`, engineer.cookie)).json<WorkLogLike>();
    expect(empty.entries).toEqual([]);
    expect(
      empty.effort.lines.map((line) => [line.serviceKey, line.unit, line.purchased, line.used, line.level]),
    ).toEqual([
      ['installation-remote', 'days', 2, 0, 'ok'],
      ['training-admin', 'sessions', 1, 0, 'ok'],
    ]);
  });

  it('charges work to the line paying for its step, and warns at 80% and at 100%', async () => {
    // 8 hours on P1 by the engineer, 5 hours on P3 by the partner's technician: 13 of 16 hours (81%).
    expect(
      (
        await log({
          stepKey: 'environment',
          performer: { kind: 'staff', userId: engineer.id },
          workDate: '2027-02-01',
          durationMinutes: 480,
          description: 'OVA deployed',
        })
      ).statusCode,
    ).toBe(200);
    const warned = (
      await log({
        stepKey: 'pbx-configuration',
        performer: { kind: 'contact', contactId: partnerTechnician.id },
        workDate: '2027-02-02',
        durationMinutes: 300,
        description: 'SIP trunk to the recorder',
      })
    ).json<WorkLogLike>();
    expect(
      warned.entries.map((entry) => [entry.stepCode, entry.performer.kind, entry.performer.name, entry.lineIndex]),
    ).toEqual([
      ['P1', 'staff', 'Elena Engineer', 0],
      ['P3', 'contact', 'Peter Brown', 0],
    ]);
    expect(warned.effort.lines[0]).toMatchObject({ used: 1.63, percent: 81.3, level: 'warning' });
    // Training goes to the training line, counted in sessions.
    const trained = (
      await log({
        stepKey: 'training',
        performer: { kind: 'staff', userId: engineer.id },
        workDate: '2027-02-03',
        durationMinutes: 120,
        description: 'Administrator training',
      })
    ).json<WorkLogLike>();
    expect(trained.effort.lines[1]).toMatchObject({ used: 1, percent: 100, level: 'exceeded' });
    const over = (
      await log({
        stepKey: 'application-configuration',
        performer: { kind: 'staff', userId: engineer.id },
        workDate: '2027-02-04',
        durationMinutes: 240,
        description: 'Retention rules',
      })
    ).json<WorkLogLike>();
    expect(over.effort.lines[0]).toMatchObject({ used: 2.13, level: 'exceeded' });
  });

  it('takes an entry out, and the effort follows', async () => {
    const before = (await call('GET', `/api/projects/${projectId}/work-log`, engineer.cookie)).json<WorkLogLike>();
    const last = before.entries.at(-1);
    const after = (
      await call('DELETE', `/api/projects/${projectId}/work-log/${last?.id}`, engineer.cookie)
    ).json<WorkLogLike>();
    expect(after.entries).toHaveLength(before.entries.length - 1);
    expect(after.effort.lines[0]).toMatchObject({ used: 1.63, level: 'warning' });
    expect((await call('DELETE', `/api/projects/${projectId}/work-log/${last?.id}`, engineer.cookie)).statusCode).toBe(
      404,
    );
  });

  it('refuses entries a person can correct, naming the field, and writes nothing', async () => {
    const count = (await call('GET', `/api/projects/${projectId}/work-log`, engineer.cookie)).json<WorkLogLike>()
      .entries.length;
    const base = {
      stepKey: 'environment',
      performer: { kind: 'staff', userId: engineer.id },
      workDate: '2027-02-05',
      durationMinutes: 60,
      description: 'Checks',
    };
    const cases: [Record<string, unknown>, string][] = [
      [{ ...base, durationMinutes: 0 }, 'body.durationMinutes'],
      [{ ...base, durationMinutes: 2000 }, 'body.durationMinutes'],
      [{ ...base, description: '  ' }, 'body.description'],
      [{ ...base, workDate: '5 Feb' }, 'body.workDate'],
      [{ ...base, stepKey: 'no-such-step' }, 'body.stepKey'],
      [{ ...base, lineIndex: 7 }, 'body.lineIndex'],
      [{ ...base, performer: { kind: 'contact', contactId: engineer.id } }, 'body.performer.contactId'],
    ];
    for (const [payload, path] of cases) {
      const refused = await log(payload);
      expect([path, refused.statusCode]).toEqual([path, 400]);
      expect(JSON.stringify(refused.json().details)).toContain(path);
    }
    expect(
      (await call('GET', `/api/projects/${projectId}/work-log`, engineer.cookie)).json<WorkLogLike>().entries,
    ).toHaveLength(count);
  });

  it('lets only the project’s engineer and managers log work', async () => {
    const colleague = await engage.staff('engineer');
    expect(
      (
        await log(
          {
            stepKey: 'environment',
            performer: { kind: 'staff', userId: colleague.user.id },
            workDate: '2027-02-05',
            durationMinutes: 60,
            description: 'Checks',
          },
          colleague.cookie,
        )
      ).statusCode,
    ).toBe(403);
    const support = await engage.staff('support');
    expect((await call('GET', `/api/projects/${projectId}/work-log`, support.cookie)).statusCode).toBe(404);
  });
});
