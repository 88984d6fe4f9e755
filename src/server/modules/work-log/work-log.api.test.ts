import { sql } from 'drizzle-orm';
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
  let fixtures: ReturnType<typeof apiFixtures>;
  let orders = 0;

  const call = (method: 'GET' | 'POST' | 'DELETE', url: string, cookie: string, payload?: unknown) =>
    engage.request({
      method,
      url,
      headers: { cookie },
      ...(payload === undefined ? {} : { payload: payload as Record<string, unknown> }),
    });
  const log = (projectId: string, entry: Record<string, unknown>, cookie = engineer.cookie) =>
    call('POST', `/api/projects/${projectId}/work-log`, cookie, entry);
  const workLog = async (projectId: string) =>
    (await call('GET', `/api/projects/${projectId}/work-log`, engineer.cookie)).json<WorkLogLike>();

  /** A fresh project from an approved purchase order (2 remote installation days, 1 admin training), run by the engineer. */
  async function projectWithPurchaseOrder() {
    const customer = await fixtures.customer();
    const partner = await fixtures.partner();
    const partnerTechnician = await fixtures.post<{ id: string }>(`/api/organisations/${partner.id}/contacts`, {
      name: 'Peter Brown',
      email: 'peter@reseller.example',
      language: 'en',
      role: 'partner-technician',
    });
    orders += 1;
    const order = await fixtures.post<{ id: string }>('/api/purchase-orders', {
      number: `PO-2027-09${String(orders).padStart(2, '0')}`,
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
    const projectId = (
      await fixtures.post<{ project: { id: string } }>(`/api/purchase-orders/${order.id}/approve`, {}, 200)
    ).project.id;
    await engage.context.db.execute(sql`update projects set engineer_id = ${engineer.id} where id = ${projectId}`);
    return { projectId, partnerTechnician };
  }

  /** The work of the story: 8 hours on P1, 5 on P3 by the partner's technician, the training, 4 hours on P5. */
  const entriesOf = (project: { partnerTechnician: { id: string } }) => ({
    environment: {
      stepKey: 'environment',
      performer: { kind: 'staff', userId: engineer.id },
      workDate: '2027-02-01',
      durationMinutes: 480,
      description: 'OVA deployed',
    },
    pbx: {
      stepKey: 'pbx-configuration',
      performer: { kind: 'contact', contactId: project.partnerTechnician.id },
      workDate: '2027-02-02',
      durationMinutes: 300,
      description: 'SIP trunk to the recorder',
    },
    training: {
      stepKey: 'training',
      performer: { kind: 'staff', userId: engineer.id },
      workDate: '2027-02-03',
      durationMinutes: 120,
      description: 'Administrator training',
    },
    configuration: {
      stepKey: 'application-configuration',
      performer: { kind: 'staff', userId: engineer.id },
      workDate: '2027-02-04',
      durationMinutes: 240,
      description: 'Retention rules',
    },
  });

  /** A fresh project with the story's four entries logged. */
  async function projectWithWorkLogged() {
    const project = await projectWithPurchaseOrder();
    for (const entry of Object.values(entriesOf(project)))
      expect((await log(project.projectId, entry)).statusCode).toBe(200);
    return project;
  }

  beforeAll(async () => {
    engage = await createTestEngage();
    manager = (await engage.staff('manager')).cookie;
    const staff = await engage.staff('engineer', { name: 'Elena Engineer' });
    engineer = { id: staff.user.id, cookie: staff.cookie };
    fixtures = apiFixtures(engage, manager);
  });
  afterAll(async () => {
    await engage?.close();
  });

  it('starts empty, one line per purchase order line', async () => {
    const { projectId } = await projectWithPurchaseOrder();
    const empty = await workLog(projectId);
    expect(empty.entries).toEqual([]);
    expect(
      empty.effort.lines.map((line) => [line.serviceKey, line.unit, line.purchased, line.used, line.level]),
    ).toEqual([
      ['installation-remote', 'days', 2, 0, 'ok'],
      ['training-admin', 'sessions', 1, 0, 'ok'],
    ]);
  });

  it('charges work to the line paying for its step, and warns at 80% and at 100%', async () => {
    const project = await projectWithPurchaseOrder();
    const { environment, pbx, training, configuration } = entriesOf(project);
    // 8 hours on P1 by the engineer, 5 hours on P3 by the partner's technician: 13 of 16 hours (81%).
    expect((await log(project.projectId, environment)).statusCode).toBe(200);
    const warned = (await log(project.projectId, pbx)).json<WorkLogLike>();
    expect(
      warned.entries.map((entry) => [entry.stepCode, entry.performer.kind, entry.performer.name, entry.lineIndex]),
    ).toEqual([
      ['P1', 'staff', 'Elena Engineer', 0],
      ['P3', 'contact', 'Peter Brown', 0],
    ]);
    expect(warned.effort.lines[0]).toMatchObject({ used: 1.63, percent: 81.3, level: 'warning' });
    // Training goes to the training line, counted in sessions.
    const trained = (await log(project.projectId, training)).json<WorkLogLike>();
    expect(trained.effort.lines[1]).toMatchObject({ used: 1, percent: 100, level: 'exceeded' });
    const over = (await log(project.projectId, configuration)).json<WorkLogLike>();
    expect(over.effort.lines[0]).toMatchObject({ used: 2.13, level: 'exceeded' });
  });

  it('takes an entry out, and the effort follows', async () => {
    const { projectId } = await projectWithWorkLogged();
    const before = await workLog(projectId);
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
    const { projectId } = await projectWithWorkLogged();
    const count = (await workLog(projectId)).entries.length;
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
      const refused = await log(projectId, payload);
      expect([path, refused.statusCode]).toEqual([path, 400]);
      expect(JSON.stringify(refused.json().details)).toContain(path);
    }
    expect((await workLog(projectId)).entries).toHaveLength(count);
  });

  it('lets only the project’s engineer and managers log work', async () => {
    const { projectId } = await projectWithPurchaseOrder();
    const colleague = await engage.staff('engineer');
    expect(
      (
        await log(
          projectId,
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
