import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestEngage, isTestDatabaseAvailable, type TestEngage } from '../test/harness';
import { projectAtDesignQuestionnaire } from '../test/portal';

const pdf = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n', 'latin1');

describe.skipIf(!isTestDatabaseAvailable)(
  'names, titles and file names are stored without characters that mislead their reader',
  () => {
    let engage: TestEngage;
    let admin: string;
    let manager: string;
    let setup: Awaited<ReturnType<typeof projectAtDesignQuestionnaire>>;

    const post = (url: string, cookie: string, payload: Record<string, unknown>) =>
      engage.request({ method: 'POST', url, headers: { cookie }, payload });
    const storedValue = async (query: ReturnType<typeof sql>) =>
      ((await engage.context.db.execute(query)) as { rows: { value: string }[] }).rows[0]?.value;

    beforeAll(async () => {
      engage = await createTestEngage();
      admin = (await engage.staff('admin')).cookie;
      manager = (await engage.staff('manager')).cookie;
      setup = await projectAtDesignQuestionnaire(engage, manager);
    });
    afterAll(async () => {
      await engage?.close();
    });

    it('keeps an uploaded file’s name as it reads, not as a right-to-left override disguises it', async () => {
      // Shown as “invoiceexe.pdf”, it is named .exe; the content (a PDF) decides the extension offered on download.
      const uploaded = await engage.request({
        method: 'POST',
        url: `/api/projects/${setup.projectId}/questionnaires/call-recording/files?name=${encodeURIComponent('invoice\u202Efdp.exe')}`,
        headers: { cookie: manager, 'content-type': 'application/pdf' },
        payload: pdf,
      });
      expect(uploaded.statusCode).toBe(201);
      expect(uploaded.json().name).toBe('invoicefdp.exe.pdf');
      const download = await engage.request({
        method: 'GET',
        url: `/api/projects/${setup.projectId}/files/${uploaded.json().id}`,
        headers: { cookie: manager },
      });
      expect(download.headers['content-disposition']).toBe('attachment; filename=invoicefdp.exe.pdf');
    });

    it('stores contacts, organisations, users, projects and requirements without them, and keeps right-to-left letters', async () => {
      const contact = await post(`/api/organisations/${setup.customer.id}/contacts`, manager, {
        name: 'Maria\u200B Bianchi',
        email: 'maria.zw@customer.example',
        language: 'en',
        role: 'technical-reference',
      });
      expect(contact.statusCode).toBe(201);
      expect(contact.json().name).toBe('Maria Bianchi');
      expect(await storedValue(sql`select name as value from contacts where id = ${contact.json().id}`)).toBe(
        'Maria Bianchi',
      );

      const organisation = await post('/api/organisations', manager, {
        kind: 'customer',
        name: '\u2067شركة الاتصالات\u2069 \uFEFFSpA',
      });
      expect(organisation.json().name).toBe('شركة الاتصالات SpA');
      const user = await post('/api/users', admin, {
        email: 'david.levi@engage.example',
        name: 'דוד\u200F לוי\u202C',
        role: 'engineer',
        language: 'en',
        password: 'a-long-enough-password',
      });
      expect(user.statusCode).toBe(201);
      expect(user.json().name).toBe('דוד לוי');
      const project = await post('/api/projects', manager, {
        name: 'Recording\u2060 roll-out \u202Eadmin\u202C',
        customerId: organisation.json().id,
        applications: ['call-recording'],
        deployment: 'virtual-appliance',
        purchasedEffortDays: 5,
        trainingPurchased: false,
      });
      expect(project.json().name).toBe('Recording roll-out admin');

      await post(`/api/projects/${setup.projectId}/actions`, manager, {
        type: 'waive',
        stepKey: 'design-questionnaire',
        reason: 'Answered in a call',
      });
      const requirement = await post(`/api/projects/${setup.projectId}/requirements`, manager, {
        category: 'network',
        title: { en: 'Open TCP\u200B 5060', it: 'Aprire\u2060 TCP 5060' },
        description: { en: 'For SIPREC.', it: 'Per il SIPREC.' },
        owner: 'customer',
      });
      expect(requirement.statusCode).toBe(201);
      expect(requirement.json().title).toEqual({ en: 'Open TCP 5060', it: 'Aprire TCP 5060' });
    });

    it('refuses a name made only of invisible characters as empty, creating nothing', async () => {
      const invisible = await post('/api/organisations', manager, { kind: 'partner', name: '\u200B\u202E\uFEFF' });
      expect(invisible.statusCode).toBe(400);
      expect(invisible.json().details).toEqual([{ path: 'body.name', message: 'Enter a name.' }]);
      expect(
        await storedValue(sql`select count(*)::text as value from organisations where kind = 'partner' and name = ''`),
      ).toBe('0');
    });
  },
);
