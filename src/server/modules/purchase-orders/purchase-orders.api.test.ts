import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiFixtures, type ProjectDetailLike } from '../../test/fixtures';
import { createTestEngage, isTestDatabaseAvailable, type TestEngage } from '../../test/harness';

describe.skipIf(!isTestDatabaseAvailable)('purchase orders (E1)', () => {
  let engage: TestEngage;
  let manager: string;
  let fixtures: ReturnType<typeof apiFixtures>;
  let customer: { id: string; name: string };
  let counter = 0;

  beforeAll(async () => {
    engage = await createTestEngage();
    manager = (await engage.staff('manager')).cookie;
    fixtures = apiFixtures(engage, manager);
    customer = await fixtures.customer('Rossi Assicurazioni SpA');
  });
  afterAll(async () => {
    await engage?.close();
  });

  const send = (method: 'GET' | 'POST' | 'DELETE', url: string, payload?: unknown, cookie = manager) =>
    engage.request({
      method,
      url,
      headers: { cookie },
      ...(payload === undefined ? {} : { payload: payload as Record<string, unknown> }),
    });

  function order(overrides: Record<string, unknown> = {}) {
    counter += 1;
    return {
      number: `PO-2027-${String(counter).padStart(4, '0')}`,
      orderDate: '2027-01-15',
      customerId: customer.id,
      currency: 'eur',
      amount: 4800,
      lines: [{ serviceKey: 'installation-remote', quantity: 3 }],
      applications: ['call-recording', 'call-analytics'],
      deployment: 'virtual-appliance',
      ...overrides,
    };
  }

  it('records a draft and, once approved, creates its project with what the lines bought', async () => {
    const partner = await fixtures.partner('engage-on-po');
    const recorded = await send(
      'POST',
      '/api/purchase-orders',
      order({
        partnerId: partner.id,
        lines: [
          { serviceKey: 'installation-remote', quantity: 3 },
          { serviceKey: 'upgrade', quantity: 1.5 },
          { serviceKey: 'training-admin', quantity: 1 },
        ],
        projectName: 'Rossi — call recording',
      }),
    );
    expect(recorded.statusCode).toBe(201);
    expect(recorded.json()).toMatchObject({
      status: 'draft',
      currency: 'EUR',
      amount: '4800.00',
      effortDays: 4.5,
      isTrainingPurchased: true,
      project: null,
    });

    const approved = await send('POST', `/api/purchase-orders/${recorded.json().id as string}/approve`);
    expect(approved.statusCode).toBe(200);
    expect(approved.json().status).toBe('approved');
    const projectId = approved.json().project.id as string;
    const project = (await send('GET', `/api/projects/${projectId}`)).json<ProjectDetailLike>();
    expect(project).toMatchObject({
      name: 'Rossi — call recording',
      applications: ['call-recording', 'call-analytics'],
      purchasedEffortDays: 4.5,
      trainingPurchased: true,
      purchaseOrder: { number: recorded.json().number },
      currentStep: { key: 'service-presentation' },
    });
    expect(project.process.timeline.find((step) => step.key === 'training')?.display).not.toBe('skipped');
    expect((await send('POST', `/api/purchase-orders/${recorded.json().id as string}/approve`)).statusCode).toBe(409);
    expect((await send('DELETE', `/api/purchase-orders/${recorded.json().id as string}`)).statusCode).toBe(409);
  });

  it('keeps E1 blocked for a prepayment partner until the payment is recorded, and skips training nobody bought', async () => {
    const partner = await fixtures.partner('prepayment-required');
    const recorded = (await send('POST', '/api/purchase-orders', order({ partnerId: partner.id }))).json();
    expect(recorded.isPaymentRequired).toBe(true);
    const projectId = (await send('POST', `/api/purchase-orders/${recorded.id as string}/approve`)).json().project
      .id as string;
    let project = (await send('GET', `/api/projects/${projectId}`)).json<ProjectDetailLike>();
    expect(project.state).toBe('blocked');
    expect(project.currentStep?.key).toBe('po-confirmation');
    expect(project.process.blockers).toEqual([
      expect.objectContaining({ criterionKey: 'payment-received', isGate: true }),
    ]);
    expect(project.process.timeline.find((step) => step.key === 'training')?.display).toBe('skipped');
    project = (await send('POST', `/api/projects/${projectId}/payment`, {})).json<ProjectDetailLike>();
    expect(project.currentStep?.key).toBe('service-presentation');
  });

  it('refuses an order with no lines, an unknown service, a line buying no days, and a number taken', async () => {
    const noLines = await send('POST', '/api/purchase-orders', order({ lines: [] }));
    expect(noLines.statusCode).toBe(400);
    expect(noLines.json().details).toEqual([
      { path: 'body.lines', message: 'A purchase order needs at least one line: what did the customer buy?' },
    ]);
    const unknown = await send(
      'POST',
      '/api/purchase-orders',
      order({
        lines: [
          { serviceKey: 'installation-remote', quantity: 2 },
          { serviceKey: 'cloud-magic', quantity: 1 },
        ],
      }),
    );
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().details[0].path).toBe('body.lines.1.serviceKey');
    const tooLarge = await send('POST', '/api/purchase-orders', order({ amount: 1_000_000_000_000 }));
    expect(tooLarge.statusCode).toBe(400);
    expect(tooLarge.json().details).toEqual([{ path: 'body.amount', message: 'The amount is too large.' }]);
    const trainingOnly = await send(
      'POST',
      '/api/purchase-orders',
      order({ lines: [{ serviceKey: 'training-admin', quantity: 1 }] }),
    );
    expect(trainingOnly.statusCode).toBe(400);
    const first = order();
    expect((await send('POST', '/api/purchase-orders', first)).statusCode).toBe(201);
    const again = await send('POST', '/api/purchase-orders', { ...first, number: first.number.toLowerCase() });
    expect(again.statusCode).toBe(409);
    const drafts = (await send('GET', '/api/purchase-orders?status=draft')).json().items as { number: string }[];
    expect(drafts.filter((item) => item.number.toLowerCase() === first.number.toLowerCase())).toHaveLength(1);
  });

  it('deletes a draft', async () => {
    const recorded = (await send('POST', '/api/purchase-orders', order())).json();
    expect((await send('DELETE', `/api/purchase-orders/${recorded.id as string}`)).statusCode).toBe(204);
    expect((await send('GET', `/api/purchase-orders/${recorded.id as string}`)).statusCode).toBe(404);
  });

  it('imports a CSV row by row: good rows become drafts, each refused row says why, nothing half-made', async () => {
    await fixtures.partner('engage-on-po');
    const partnerName = (await send('GET', '/api/organisations?kind=partner')).json().items[0].name as string;
    const csv = [
      'Number;Order date;Customer;Partner;Currency;Amount;Applications;Lines;Deployment;Priority;Project name',
      `CSV-001;15/01/2027;${customer.name};${partnerName};EUR;4.800,00;call-recording|call-analytics;installation-remote=3|training-end-user=2;virtual-appliance;high;`,
      `CSV-002;2027-02-30;${customer.name};;EUR;1200;call-recording;installation-remote=1;virtual-appliance;;`,
      `CSV-003;2027-02-01;Nobody Srl;;EUR;1200;call-recording;installation-remote=1;virtual-appliance;;`,
      `CSV-001;2027-02-01;${customer.name};;EUR;1200;call-recording;installation-remote=1;windows-vms;;`,
      `CSV-005;2027-02-01;${customer.name};;EUR;1200;video-wall;cloud-magic=1;windows-vms;;`,
      `CSV-006;2027-02-01;${customer.name};;EUR;1.250,50;digital-fax;installation-on-site=2;windows-vms;;"Fax, phase 1"`,
    ].join('\n');
    const dryRun = await send('POST', '/api/purchase-orders/import', { csv, dryRun: true });
    expect(dryRun.statusCode).toBe(200);
    expect(dryRun.json()).toMatchObject({ created: 0, refused: 4 });
    expect(
      (await send('GET', '/api/purchase-orders'))
        .json()
        .items.some((item: { number: string }) => item.number === 'CSV-001'),
    ).toBe(false);

    const report = (await send('POST', '/api/purchase-orders/import', { csv })).json();
    expect(report).toMatchObject({ created: 2, refused: 4 });
    const byLine = new Map(
      (report.rows as { line: number; status: string; problems: { column: string; message: string }[] }[]).map(
        (row) => [row.line, row],
      ),
    );
    expect(byLine.get(2)?.status).toBe('created');
    expect(byLine.get(3)?.problems).toEqual([
      { column: 'order_date', message: '“2027-02-30” is not a date: write 2027-01-15 or 15/01/2027.' },
    ]);
    expect(byLine.get(4)?.problems[0]).toMatchObject({ column: 'customer' });
    expect(byLine.get(5)?.problems).toEqual([{ column: 'number', message: 'Repeats the number of line 2.' }]);
    expect(
      byLine
        .get(6)
        ?.problems.map((problem) => problem.column)
        .sort(),
    ).toEqual(['applications', 'lines']);
    expect(byLine.get(7)?.status).toBe('created');

    const imported = (await send('GET', '/api/purchase-orders?status=draft')).json().items as {
      number: string;
      amount: string;
      effortDays: number;
      projectName: string | null;
      priority: string;
    }[];
    expect(imported.find((item) => item.number === 'CSV-001')).toMatchObject({
      amount: '4800.00',
      effortDays: 3,
      priority: 'high',
    });
    expect(imported.find((item) => item.number === 'CSV-006')).toMatchObject({
      amount: '1250.50',
      projectName: 'Fax, phase 1',
    });

    const again = (await send('POST', '/api/purchase-orders/import', { csv })).json();
    expect(again.created).toBe(0);
    expect(again.rows[0].problems).toEqual([
      { column: 'number', message: 'Purchase order CSV-001 is recorded already.' },
    ]);
  });

  it('refuses a file it cannot read as a whole, naming the columns', async () => {
    const response = await send('POST', '/api/purchase-orders/import', { csv: 'number,ammount\nX,1\n' });
    expect(response.statusCode).toBe(400);
    expect(response.json().message).toContain('unknown column “ammount”');
    expect(response.json().message).toContain('missing columns');
  });

  it('is for managers and admins', async () => {
    const engineer = (await engage.staff('engineer')).cookie;
    expect((await send('GET', '/api/purchase-orders', undefined, engineer)).statusCode).toBe(403);
    expect((await send('POST', '/api/purchase-orders', order(), engineer)).statusCode).toBe(403);
  });
});
