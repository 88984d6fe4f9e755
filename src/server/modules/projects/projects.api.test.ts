import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultTemplate } from '../../../domain/process';
import { createTestEngage, eventually, isTestDatabaseAvailable, type TestEngage } from '../../test/harness';
import { startTestSmtpServer, type TestSmtpServer } from '../../test/smtp';
import { forgetCachedTemplates } from '../process/process.service';
import { answersForRequired, signInContact } from '../../test/portal';
import { submitProjectQuestionnaire } from '../../test/questionnaires';
import { apiFixtures, type ProjectDetailLike } from '../../test/fixtures';

describe.skipIf(!isTestDatabaseAvailable)('projects through the 16-step process', () => {
  let smtp: TestSmtpServer;
  let engage: TestEngage;
  let manager: { cookie: string; user: { id: string } };
  let fixtures: ReturnType<typeof apiFixtures>;

  beforeAll(async () => {
    // A project completes only once support's mail server accepted its hand-over package.
    smtp = await startTestSmtpServer();
    engage = await createTestEngage({ mail: { smtpUrl: smtp.url } });
    manager = await engage.staff('manager');
    fixtures = apiFixtures(engage, manager.cookie);
  });
  afterAll(async () => {
    await engage?.close();
    await smtp?.close();
  });

  const act = (cookie: string, id: string, payload: Record<string, unknown>) =>
    engage.request({ method: 'POST', url: `/api/projects/${id}/actions`, headers: { cookie }, payload });
  const get = (cookie: string, url: string) => engage.request({ method: 'GET', url, headers: { cookie } });

  it('creates a project at E1 with the 16-step timeline, waiting on the vendor', async () => {
    const customer = await fixtures.customer();
    const project = await fixtures.project({
      customerId: customer.id,
      applications: ['call-recording', 'attendant-console'],
    });
    expect(project.reference).toMatch(/^ENG-\d{4}-\d{5}$/);
    expect(project.currentStep).toMatchObject({ key: 'po-confirmation', code: 'E1' });
    expect(project.process.timeline.map((step) => step.code)).toEqual(defaultTemplate.steps.map((step) => step.code));
    expect(project.process.timeline[0]?.display).toBe('current');
    expect(project.waitingOn).toEqual(['vendor']);
    // No training bought: P6 is skipped from the start, not waived.
    expect(project.process.timeline.find((step) => step.key === 'training')?.display).toBe('skipped');
  });

  it('refuses to complete E1 until the purchase order is approved, then completes it by itself', async () => {
    const customer = await fixtures.customer();
    const project = await fixtures.project({ customerId: customer.id });
    expect(project.allowedActions).not.toContainEqual({ type: 'complete', stepKey: 'po-confirmation' });
    const refused = await act(manager.cookie, project.id, { type: 'complete', stepKey: 'po-confirmation' });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().code).toBe('criteria_unmet');

    // Every criterion of E1 is recorded by Engage: once they hold, nobody has to press complete.
    const approved = await fixtures.post<ProjectDetailLike>(
      `/api/projects/${project.id}/purchase-order`,
      { number: 'PO-2026-118' },
      200,
    );
    expect(approved.currentStep).toMatchObject({ key: 'service-presentation', code: 'E2' });
    expect(approved.process.timeline[0]?.display).toBe('done');
  });

  it('leaves a re-opened E1 open even though its criteria hold', async () => {
    const customer = await fixtures.customer();
    const project = await fixtures.project({ customerId: customer.id });
    await fixtures.post(`/api/projects/${project.id}/purchase-order`, { number: 'PO-2026-119' }, 200);
    const reopened = await act(manager.cookie, project.id, {
      type: 'reopen',
      stepKey: 'po-confirmation',
      reason: 'The customer changed the order.',
    });
    expect(reopened.statusCode).toBe(200);
    expect(reopened.json().currentStep).toMatchObject({ key: 'po-confirmation' });
    expect(reopened.json().allowedActions).toContainEqual({ type: 'complete', stepKey: 'po-confirmation' });
  });

  it('blocks E1 on a prepayment partner until the payment is recorded', async () => {
    const customer = await fixtures.customer();
    const partner = await fixtures.partner('prepayment-required');
    const project = await fixtures.project({ customerId: customer.id, partnerId: partner.id });
    const approved = await fixtures.post<ProjectDetailLike>(
      `/api/projects/${project.id}/purchase-order`,
      { number: 'PO-7' },
      200,
    );
    expect(approved.state).toBe('blocked');
    expect(approved.process.timeline[0]?.display).toBe('blocked');
    expect(approved.process.blockers).toEqual([
      expect.objectContaining({ criterionKey: 'payment-received', isGate: true, owner: 'partner' }),
    ]);
    expect(approved.waitingOn).toEqual(['partner']);
    const paid = await fixtures.post<ProjectDetailLike>(`/api/projects/${project.id}/payment`, {}, 200);
    expect(paid.state).toBe('current');
    expect(paid.currentStep?.key).toBe('service-presentation');
  });

  it('lets only a manager waive, and only with a reason; the waiver shows on the timeline', async () => {
    const engineer = await engage.staff('engineer');
    const customer = await fixtures.customer();
    const project = await fixtures.project({ customerId: customer.id, engineerId: engineer.user.id });
    const byEngineer = await act(engineer.cookie, project.id, {
      type: 'waive',
      stepKey: 'po-confirmation',
      reason: 'trust me',
    });
    expect(byEngineer.statusCode).toBe(403);
    const withoutReason = await act(manager.cookie, project.id, {
      type: 'waive',
      stepKey: 'po-confirmation',
      reason: '   ',
    });
    expect(withoutReason.statusCode).toBe(400);
    expect(withoutReason.json().details).toEqual([expect.objectContaining({ path: 'body.reason' })]);
    const waived = await act(manager.cookie, project.id, {
      type: 'waive',
      stepKey: 'po-confirmation',
      reason: 'PO signed on paper, scan to follow',
    });
    expect(waived.statusCode).toBe(200);
    expect(waived.json().process.timeline[0]).toMatchObject({
      display: 'waived',
      reason: 'PO signed on paper, scan to follow',
    });
  });

  it('waits on the customer alone where a step involves the partner but the project has none', async () => {
    const customer = await fixtures.customer();
    const project = await fixtures.project({ customerId: customer.id });
    await fixtures.post(`/api/projects/${project.id}/purchase-order`, { number: 'PO-NP-1' }, 200);
    await act(manager.cookie, project.id, {
      type: 'waive',
      stepKey: 'service-presentation',
      reason: 'Presented at the kick-off',
    });
    const atE4 = (
      await act(manager.cookie, project.id, {
        type: 'waive',
        stepKey: 'engineer-contact',
        reason: 'Contacted by phone',
      })
    ).json();
    expect(atE4.currentStep.code).toBe('E4');
    expect(atE4.waitingOn).toEqual(['customer']);
    expect(atE4.process.timeline[3].ballWith).toEqual(['customer']);
    // The pipeline's column too.
    const stored = await engage.context.db.execute<{ waitingOn: string[] }>(
      sql`select waiting_on as "waitingOn" from projects where id = ${project.id}`,
    );
    expect((stored as { rows: { waitingOn: string[] }[] }).rows[0]?.waitingOn).toEqual(['customer']);
  });

  it('re-opens an earlier step with a reason, sending later done steps back to pending', async () => {
    const customer = await fixtures.customer();
    const project = await fixtures.project({ customerId: customer.id });
    await fixtures.post(`/api/projects/${project.id}/purchase-order`, { number: 'PO-9' }, 200);
    await act(manager.cookie, project.id, {
      type: 'waive',
      stepKey: 'service-presentation',
      reason: 'Presented at the kick-off',
    });
    await act(manager.cookie, project.id, { type: 'waive', stepKey: 'engineer-contact', reason: 'Contacted by phone' });
    // E4 completes by itself once its questionnaires are submitted (filled here by the manager, "with the engineer").
    await submitProjectQuestionnaire(engage, manager.cookie, project.id);
    const form = await get(manager.cookie, `/api/projects/${project.id}/questionnaires/call-recording`);
    const answers = answersForRequired(form.json().questionnaire);
    await engage.request({
      method: 'PATCH',
      url: `/api/projects/${project.id}/questionnaires/call-recording/answers`,
      headers: { cookie: manager.cookie },
      payload: { answers },
    });
    await fixtures.post(`/api/projects/${project.id}/questionnaires/call-recording/submit`, {}, 204);
    expect((await get(manager.cookie, `/api/projects/${project.id}`)).json().currentStep.code).toBe('E5');
    const reopened = await act(manager.cookie, project.id, {
      type: 'reopen',
      stepKey: 'po-confirmation',
      reason: 'PO amended by the partner',
    });
    expect(reopened.statusCode).toBe(200);
    const timeline = reopened.json().process.timeline as ProjectDetailLike['process']['timeline'];
    expect(timeline[0]).toMatchObject({ display: 'current', reason: 'PO amended by the partner' });
    // Done steps after it go back to pending; waivers stay.
    expect(timeline.slice(1, 4).map((step) => step.display)).toEqual(['waived', 'waived', 'upcoming']);
  });

  it('refuses an engineer acting on a project not assigned to them, and audits it', async () => {
    const engineer = await engage.staff('engineer');
    const customer = await fixtures.customer();
    const project = await fixtures.project({ customerId: customer.id });
    await fixtures.post(`/api/projects/${project.id}/purchase-order`, { number: 'PO-10' }, 200);
    const detail = await get(engineer.cookie, `/api/projects/${project.id}`);
    expect(detail.json().allowedActions).toEqual([]);
    const refused = await act(engineer.cookie, project.id, { type: 'complete', stepKey: 'po-confirmation' });
    expect(refused.statusCode).toBe(403);
    const audit = await get(manager.cookie, `/api/projects/${project.id}/audit`);
    expect(audit.json().items[0]).toMatchObject({ action: 'access.refused', actorRole: 'engineer' });
  });

  it('rejects unknown steps, unknown criteria and duplicate approvals without changing anything', async () => {
    const customer = await fixtures.customer();
    const project = await fixtures.project({ customerId: customer.id });
    expect((await act(manager.cookie, project.id, { type: 'complete', stepKey: 'no-such-step' })).statusCode).toBe(400);
    expect((await act(manager.cookie, project.id, { type: 'teleport', stepKey: 'po-confirmation' })).statusCode).toBe(
      400,
    );
    const unknownCriterion = await engage.request({
      method: 'POST',
      url: `/api/projects/${project.id}/criteria/nope/confirm`,
      headers: { cookie: manager.cookie },
      payload: {},
    });
    expect(unknownCriterion.statusCode).toBe(404);
    const manualPo = await engage.request({
      method: 'POST',
      url: `/api/projects/${project.id}/criteria/po-approved/confirm`,
      headers: { cookie: manager.cookie },
      payload: {},
    });
    expect(manualPo.statusCode).toBe(409);
    await fixtures.post(`/api/projects/${project.id}/purchase-order`, { number: 'PO-11' }, 200);
    const again = await engage.request({
      method: 'POST',
      url: `/api/projects/${project.id}/purchase-order`,
      headers: { cookie: manager.cookie },
      payload: { number: 'PO-12' },
    });
    expect(again.statusCode).toBe(409);
    const detail = (await get(manager.cookie, `/api/projects/${project.id}`)).json();
    expect(detail.purchaseOrder.number).toBe('PO-11');
    expect(detail.currentStep.code).toBe('E2');
  });

  it('words its refusals from the resources: English for staff with a reason to translate, a contact’s own language', async () => {
    const customer = await fixtures.customer();
    const project = await fixtures.project({ customerId: customer.id });
    await fixtures.post(`/api/projects/${project.id}/purchase-order`, { number: 'PO-21' }, 200);
    const again = await engage.request({
      method: 'POST',
      url: `/api/projects/${project.id}/purchase-order`,
      headers: { cookie: manager.cookie },
      payload: { number: 'PO-22' },
    });
    expect(again.json()).toMatchObject({
      code: 'conflict',
      message: 'Purchase order PO-21 is already approved for this project.',
      reason: 'projects.purchase_order_approved',
      values: { number: 'PO-21' },
    });
    const unknownCriterion = await engage.request({
      method: 'POST',
      url: `/api/projects/${project.id}/criteria/nope/confirm`,
      headers: { cookie: manager.cookie },
      payload: {},
    });
    expect(unknownCriterion.json()).toMatchObject({
      message: 'This project\'s process has no criterion "nope".',
      reason: 'projects.no_such_criterion',
    });
    // An Italian contact asking for another customer's project is told it does not exist, in Italian.
    const contact = await fixtures.post<{ id: string; email: string }>(`/api/organisations/${customer.id}/contacts`, {
      name: 'Giulia Rossi',
      email: `giulia.${Date.now()}@customer.example`,
      language: 'it',
      role: 'technical-reference',
    });
    const portalCookie = await signInContact(engage, manager.cookie, project.id, contact);
    const elsewhere = await fixtures.project({ customerId: (await fixtures.customer()).id });
    const refused = await get(portalCookie, `/api/portal/projects/${elsewhere.id}`);
    expect(refused.statusCode).toBe(404);
    expect(refused.json()).toMatchObject({ message: 'Progetto non trovato.', reason: 'common.no_such_project' });
    expect((await get(manager.cookie, `/api/projects/${crypto.randomUUID()}`)).json().message).toBe('No such project.');
  });

  it('serves a change that comes first after a restart (the template is then read inside the transaction)', async () => {
    const customer = await fixtures.customer();
    const project = await fixtures.project({ customerId: customer.id });
    forgetCachedTemplates();
    const approved = await fixtures.post<ProjectDetailLike>(
      `/api/projects/${project.id}/purchase-order`,
      { number: 'PO-1' },
      200,
    );
    expect(approved.process.timeline[0]?.criteria[0]?.holds).toBe(true);
    expect((await engage.request({ method: 'GET', url: '/readyz' })).statusCode).toBe(200);
  });

  it('answers crafted cursors and NUL characters with 400, never 500', async () => {
    const crafted = [
      `2020-01-01 (x)|${'-'.repeat(36)}`,
      '2026-11-28 06:14:04.00044+00|00000000-0000-4000-8000-00000000000g',
      '2026-13-45 99:99:99+00|00000000-0000-4000-8000-000000000000',
    ];
    for (const cursor of crafted) {
      const response = await get(manager.cookie, `/api/projects?cursor=${Buffer.from(cursor).toString('base64url')}`);
      expect([cursor, response.statusCode]).toEqual([cursor, 400]);
    }
    const nul = await engage.request({
      method: 'POST',
      url: '/api/organisations',
      headers: { cookie: manager.cookie },
      payload: { kind: 'customer', name: 'Nul\u0000Ltd' },
    });
    expect(nul.statusCode).toBe(400);
    const nulLogin = await engage.login('someone\u0000@example.com', 'whatever password', {
      remoteAddress: '192.0.2.200',
    });
    expect(nulLogin.statusCode).toBe(400);
  });

  it('refuses a project for an unknown customer or a non-engineer, naming the field, and creates nothing', async () => {
    const customer = await fixtures.customer();
    const before = (await get(manager.cookie, `/api/projects?customerId=${customer.id}`)).json().items.length;
    const badCustomer = await engage.request({
      method: 'POST',
      url: '/api/projects',
      headers: { cookie: manager.cookie },
      payload: {
        name: 'X',
        customerId: '00000000-0000-4000-8000-000000000000',
        applications: ['call-recording'],
        deployment: 'windows-vms',
        purchasedEffortDays: 2,
      },
    });
    expect(badCustomer.statusCode).toBe(400);
    expect(badCustomer.json().details[0].path).toBe('body.customerId');
    const badEngineer = await engage.request({
      method: 'POST',
      url: '/api/projects',
      headers: { cookie: manager.cookie },
      payload: {
        name: 'X',
        customerId: customer.id,
        engineerId: manager.user.id,
        applications: ['call-recording'],
        deployment: 'windows-vms',
        purchasedEffortDays: 2,
      },
    });
    expect(badEngineer.statusCode).toBe(400);
    expect(badEngineer.json().details[0].path).toBe('body.engineerId');
    const badApplication = await engage.request({
      method: 'POST',
      url: '/api/projects',
      headers: { cookie: manager.cookie },
      payload: {
        name: 'X',
        customerId: customer.id,
        applications: ['time-machine'],
        deployment: 'windows-vms',
        purchasedEffortDays: 2,
      },
    });
    expect(badApplication.statusCode).toBe(400);
    expect(badApplication.json().details[0].path).toBe('body.applications.0');
    expect((await get(manager.cookie, `/api/projects?customerId=${customer.id}`)).json().items.length).toBe(before);
  });

  it('lists the pipeline with filters and pages through it with a cursor', async () => {
    const engineer = await engage.staff('engineer');
    const customer = await fixtures.customer();
    const created: string[] = [];
    for (let index = 0; index < 5; index += 1) {
      created.push(
        (
          await fixtures.project({
            customerId: customer.id,
            engineerId: engineer.user.id,
            priority: index === 0 ? 'urgent' : 'low',
          })
        ).id,
      );
    }
    await fixtures.post(`/api/projects/${created[1] ?? ''}/purchase-order`, { number: 'PO-20' }, 200);
    await act(manager.cookie, created[1] ?? '', { type: 'complete', stepKey: 'po-confirmation' });

    const atE2 = (
      await get(manager.cookie, `/api/projects?step=service-presentation&engineerId=${engineer.user.id}`)
    ).json();
    expect(atE2.items.map((item: { id: string }) => item.id)).toEqual([created[1]]);
    const urgent = (await get(manager.cookie, `/api/projects?priority=urgent&customerId=${customer.id}`)).json();
    expect(urgent.items.map((item: { id: string }) => item.id)).toEqual([created[0]]);

    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: { items: { id: string }[]; nextCursor: string | null } = (
        await get(
          manager.cookie,
          `/api/projects?customerId=${customer.id}&limit=2${cursor === null ? '' : `&cursor=${cursor}`}`,
        )
      ).json();
      expect(page.items.length).toBeLessThanOrEqual(2);
      seen.push(...page.items.map((item) => item.id));
      cursor = page.nextCursor;
    } while (cursor !== null);
    expect([...seen].sort()).toEqual([...created].sort());
    expect(seen[0]).toBe(created[1]);
    expect((await get(manager.cookie, '/api/projects?cursor=garbage')).statusCode).toBe(400);
  });

  it('counts running projects per step for the pipeline overview, within the other filters', async () => {
    const engineer = await engage.staff('engineer');
    const customer = await fixtures.customer();
    const partner = await fixtures.partner('prepayment-required');
    const atE2 = await fixtures.project({ customerId: customer.id, engineerId: engineer.user.id });
    await fixtures.post(`/api/projects/${atE2.id}/purchase-order`, { number: 'PO-40' }, 200);
    await act(manager.cookie, atE2.id, { type: 'complete', stepKey: 'po-confirmation' });
    const blocked = await fixtures.project({
      customerId: customer.id,
      partnerId: partner.id,
      engineerId: engineer.user.id,
    });
    await fixtures.post(`/api/projects/${blocked.id}/purchase-order`, { number: 'PO-41' }, 200);
    await fixtures.project({ customerId: customer.id, engineerId: engineer.user.id });

    const counts = (await get(manager.cookie, `/api/pipeline/steps?engineerId=${engineer.user.id}`)).json().items;
    expect(counts.map((step: { code: string }) => step.code)).toEqual(defaultTemplate.steps.map((step) => step.code));
    expect(counts[0]).toMatchObject({ stepKey: 'po-confirmation', projects: 2, blocked: 1 });
    expect(counts[1]).toMatchObject({ stepKey: 'service-presentation', projects: 1, blocked: 0 });
    expect(counts.slice(2).every((step: { projects: number }) => step.projects === 0)).toBe(true);
    const support = await engage.staff('support');
    const forSupport = (await get(support.cookie, '/api/pipeline/steps')).json().items;
    expect(forSupport.every((step: { projects: number }) => step.projects === 0)).toBe(true);
  });

  it('hides running projects from support and shows completed ones', async () => {
    const support = await engage.staff('support');
    const customer = await fixtures.customer();
    const project = await fixtures.project({ customerId: customer.id });
    expect((await get(support.cookie, `/api/projects/${project.id}`)).statusCode).toBe(404);
    expect((await get(support.cookie, `/api/projects/${project.id}/audit`)).statusCode).toBe(404);
    for (const step of defaultTemplate.steps.filter((candidate) => candidate.key !== 'handover')) {
      await act(manager.cookie, project.id, { type: 'waive', stepKey: step.key, reason: 'closing a test project' });
    }
    // The hand-over is never waived: the project is closed, and completes once support's package is sent.
    expect(
      (await act(manager.cookie, project.id, { type: 'waive', stepKey: 'handover', reason: 'closing a test project' }))
        .statusCode,
    ).toBe(409);
    expect(
      (
        await engage.request({
          method: 'POST',
          url: `/api/projects/${project.id}/delivery/handover`,
          headers: { cookie: manager.cookie },
        })
      ).statusCode,
    ).toBe(200);
    expect(
      await eventually(
        async () => (await get(support.cookie, `/api/projects/${project.id}`)).statusCode === 200,
        10_000,
      ),
    ).toBe(true);
    const closed = (await get(support.cookie, `/api/projects/${project.id}`)).json();
    expect(closed.state).toBe('complete');
    expect(closed.currentStep).toBeNull();
    expect(closed.allowedActions).toEqual([]);
    const list = (await get(support.cookie, `/api/projects?customerId=${customer.id}`)).json();
    expect(list.items.map((item: { id: string }) => item.id)).toEqual([project.id]);
  });

  it('keeps a project on the template version it started with', async () => {
    const customer = await fixtures.customer();
    const project = await fixtures.project({ customerId: customer.id });
    const changed = {
      ...defaultTemplate,
      version: defaultTemplate.version + 1,
      steps: defaultTemplate.steps.slice(0, 3),
    };
    await engage.context.db.execute(
      sql`insert into process_templates (key, version, definition) values (${changed.key}, ${changed.version}, ${JSON.stringify(changed)}::jsonb)`,
    );
    const detail = (await get(manager.cookie, `/api/projects/${project.id}`)).json();
    expect(detail.templateVersion).toBe(defaultTemplate.version);
    expect(detail.process.timeline).toHaveLength(16);
  });

  it('writes an append-only audit trail with actor, time, address and before/after', async () => {
    const customer = await fixtures.customer();
    const project = await fixtures.project({ customerId: customer.id });
    await fixtures.post(`/api/projects/${project.id}/purchase-order`, { number: 'PO-30' }, 200);
    await act(manager.cookie, project.id, {
      type: 'waive',
      stepKey: 'service-presentation',
      reason: 'Presented in person at the kick-off.',
    });
    const audit = (await get(manager.cookie, `/api/projects/${project.id}/audit`)).json();
    expect(audit.items.map((item: { action: string }) => item.action)).toEqual([
      'process.step.waived',
      'purchase-order.approved',
      'project.created',
    ]);
    const [waived, approved] = audit.items;
    expect(approved.after).toMatchObject({
      currentStepKey: 'service-presentation',
      completedByEngage: ['po-confirmation'],
    });
    expect(waived).toMatchObject({ actorRole: 'manager', ip: '127.0.0.1' });
    expect(waived.before).toMatchObject({
      currentStepKey: 'service-presentation',
      steps: { 'service-presentation': 'open' },
    });
    expect(waived.after).toMatchObject({
      currentStepKey: 'engineer-contact',
      steps: { 'service-presentation': 'waived' },
    });
    expect(Date.parse(waived.at)).not.toBeNaN();
    const causeOf = (error: unknown) => String((error as { cause?: { message?: string } }).cause?.message ?? error);
    await expect(
      engage.context.db.execute(sql`update audit_events set action = 'forged'`).catch(causeOf),
    ).resolves.toMatch(/append-only/);
    await expect(engage.context.db.execute(sql`delete from audit_events`).catch(causeOf)).resolves.toMatch(
      /append-only/,
    );
    expect((await get(manager.cookie, `/api/projects/${project.id}/audit`)).json().items).toHaveLength(3);
  });
});
