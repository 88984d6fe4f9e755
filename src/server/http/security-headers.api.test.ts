import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiFixtures } from '../test/fixtures';
import { createTestEngage, isTestDatabaseAvailable, type TestEngage } from '../test/harness';
import { projectAtDesignQuestionnaire } from '../test/portal';

const sandbox = "default-src 'none'; sandbox";
const pdf = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n', 'latin1');

describe.skipIf(!isTestDatabaseAvailable)('security headers of API answers and downloads', () => {
  let engage: TestEngage;
  let manager: string;
  let engineer: { id: string; cookie: string };

  const get = (url: string, cookie?: string) =>
    engage.request({ method: 'GET', url, headers: cookie === undefined ? {} : { cookie } });

  beforeAll(async () => {
    engage = await createTestEngage();
    manager = (await engage.staff('manager')).cookie;
    const engineerStaff = await engage.staff('engineer');
    engineer = { id: engineerStaff.user.id, cookie: engineerStaff.cookie };
    await engage.context.db.execute(
      sql`update users set teams = '["recording-analytics"]'::jsonb where id = ${engineer.id}`,
    );
  });
  afterAll(async () => {
    await engage?.close();
  });

  it('marks every API answer no-store, errors included, and leaves the web app’s own caching alone', async () => {
    const answers = [
      await get('/api/auth/me', manager),
      await get('/api/auth/me'),
      await get('/api/no-such-route', manager),
      await get('/api/organisations?kind=planet', manager),
      await engage.request({
        method: 'POST',
        url: '/api/organisations',
        headers: { cookie: manager, 'content-type': 'application/json' },
        payload: '{',
      }),
    ];
    expect(answers.map((answer) => answer.statusCode)).toEqual([200, 401, 404, 400, 400]);
    for (const answer of answers) {
      expect(answer.headers['cache-control']).toBe('no-store');
      expect(answer.headers['content-security-policy']).toContain("default-src 'self'");
    }
    expect((await get('/healthz')).headers['cache-control']).toBeUndefined();
  });

  it('keeps the sandbox policy on downloads: a questionnaire file, a delivery PDF, a mail attachment', async () => {
    const setup = await projectAtDesignQuestionnaire(engage, manager);
    const { projectId } = setup;
    const uploaded = await engage.request({
      method: 'POST',
      url: `/api/projects/${projectId}/questionnaires/call-recording/files?name=diagram.pdf`,
      headers: { cookie: manager, 'content-type': 'application/pdf' },
      payload: pdf,
    });
    expect(uploaded.statusCode).toBe(201);
    const file = await get(`/api/projects/${projectId}/files/${uploaded.json<{ id: string }>().id}`, manager);
    expect(file.statusCode).toBe(200);
    expect(file.headers['content-security-policy']).toBe(sandbox);
    // The route chose its own caching, which is kept.
    expect(file.headers['cache-control']).toBe('private, no-store');

    // A UAT document put up for signature (E4–P4 waived), downloaded as the PDF Engage made.
    await setup.fixtures.post(`/api/projects/${projectId}/engineer`, { engineerId: engineer.id }, 200);
    for (const stepKey of [
      'design-questionnaire',
      'requirements-refining',
      'requirements-fulfilment',
      'activity-schedule',
      'activity-start',
      'environment',
      'installation',
      'pbx-configuration',
      'application-configuration',
    ]) {
      await setup.fixtures.post(
        `/api/projects/${projectId}/actions`,
        { type: 'waive', stepKey, reason: 'Done before Engage' },
        200,
      );
    }
    const delivery = (await get(`/api/projects/${projectId}/delivery`, engineer.cookie)).json<{
      uat: { items: { applicationKey: string; key: string }[] };
    }>();
    for (const item of delivery.uat.items) {
      const ticked = await engage.request({
        method: 'PUT',
        url: `/api/projects/${projectId}/delivery/uat/${item.applicationKey}/${item.key}`,
        headers: { cookie: engineer.cookie },
        payload: { result: 'pass' },
      });
      expect(ticked.statusCode).toBe(200);
    }
    const documents = await engage.request({
      method: 'POST',
      url: `/api/projects/${projectId}/delivery/documents`,
      headers: { cookie: engineer.cookie },
      payload: { kind: 'uat', signerContactIds: [setup.customerContact.id] },
    });
    expect(documents.statusCode).toBe(200);
    const uat = documents
      .json<{ documents: { id: string; kind: string }[] }>()
      .documents.find((document) => document.kind === 'uat');
    const document = await get(`/api/projects/${projectId}/delivery/documents/${uat?.id ?? ''}/pdf`, engineer.cookie);
    expect(document.statusCode).toBe(200);
    expect(document.headers['content-type']).toBe('application/pdf');
    expect(document.headers['content-security-policy']).toBe(sandbox);

    // The presentation email's PDFs, downloaded from the Mail tab: that route sets no policy, the download still has one.
    const fixtures = apiFixtures(engage, manager);
    const customer = await fixtures.customer();
    const contact = await fixtures.post<{ id: string }>(`/api/organisations/${customer.id}/contacts`, {
      name: 'Maria Bianchi',
      email: 'maria.bianchi@customer.example',
      language: 'en',
      role: 'technical-reference',
    });
    const project = await fixtures.project({ customerId: customer.id });
    await fixtures.post(`/api/projects/${project.id}/purchase-order`, { number: `PO-${Date.now()}` }, 200);
    const presented = await engage.request({
      method: 'POST',
      url: `/api/projects/${project.id}/presentation`,
      headers: { cookie: manager },
      payload: { contactIds: [contact.id] },
    });
    expect(presented.statusCode).toBeLessThan(300);
    const mail = (await get(`/api/projects/${project.id}/mail`, manager)).json<{
      items: { id: string; attachments: { id: string }[] }[];
    }>();
    const message = mail.items.find((item) => item.attachments.length > 0);
    const attachment = await get(
      `/api/mail/${message?.id ?? ''}/attachments/${message?.attachments[0]?.id ?? ''}`,
      manager,
    );
    expect(attachment.statusCode).toBe(200);
    expect(attachment.headers['content-disposition']).toMatch(/^attachment;/);
    expect(attachment.headers['content-security-policy']).toBe(sandbox);
    expect(attachment.headers['cache-control']).toBe('no-store');
  });
});
