import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiFixtures } from '../../test/fixtures';
import { createTestEngage, isTestDatabaseAvailable, type TestEngage } from '../../test/harness';
import { contentDirectory } from '../../paths';
import { systemActor } from '../audit/actor';
import { insertContentItem } from './content.repository';
import { syncDefaultContent } from './content.service';

const templatePath = 'email-templates/en/service-presentation.yaml';

describe.skipIf(!isTestDatabaseAvailable)('the content library in the database', () => {
  let engage: TestEngage;
  let admin: string;
  let manager: string;

  beforeAll(async () => {
    engage = await createTestEngage();
    admin = (await engage.staff('admin')).cookie;
    manager = (await engage.staff('manager')).cookie;
  });
  afterAll(async () => {
    await engage?.close();
  });

  const get = (url: string, cookie = admin) => engage.request({ method: 'GET', url, headers: { cookie } });
  const put = (url: string, payload: unknown, cookie = admin) =>
    engage.request({ method: 'PUT', url, headers: { cookie }, payload: payload as Record<string, unknown> });
  const post = (url: string, payload: unknown, cookie = admin) =>
    engage.request({ method: 'POST', url, headers: { cookie }, payload: payload as Record<string, unknown> });

  it('holds the shipped defaults, each at version 1', async () => {
    const response = await get('/api/admin/content');
    expect(response.statusCode).toBe(200);
    const items = response.json().items as { path: string; version: number; isDefault: boolean }[];
    expect(items.map((item) => item.path)).toEqual(
      expect.arrayContaining([
        'teams.yaml',
        'services.yaml',
        'environment-checklists.yaml',
        'applications/call-recording.yaml',
        templatePath,
        'documents/it/terms-and-conditions.yaml',
      ]),
    );
    expect(items.every((item) => item.version === 1 && item.isDefault)).toBe(true);
  });

  it('refuses a template with a misspelt placeholder, says where, and saves nothing', async () => {
    const current = (await get(`/api/admin/content/item?path=${templatePath}`)).json();
    const body = { ...current.body, text: `Dear {{recipent.name}},\n${current.body.text as string}` };
    const response = await put(`/api/admin/content/item?path=${templatePath}`, { body, baseVersion: current.version });
    expect(response.statusCode).toBe(400);
    expect(response.json().code).toBe('validation_failed');
    expect(JSON.stringify(response.json().details)).toContain('recipent.name');
    expect(JSON.stringify(response.json().details)).toMatch(/line 1/);
    expect((await get(`/api/admin/content/item?path=${templatePath}`)).json().version).toBe(current.version);
  });

  it('saves a valid change as a new version, and refuses a change made on an older one', async () => {
    const current = (await get(`/api/admin/content/item?path=${templatePath}`)).json();
    const subject = 'Welcome to {{vendor.name}} professional services — {{project.reference}}';
    const saved = await put(`/api/admin/content/item?path=${templatePath}`, {
      body: { ...current.body, subject },
      baseVersion: current.version,
    });
    expect(saved.statusCode).toBe(200);
    expect(saved.json()).toMatchObject({
      version: current.version + 1,
      isDefault: false,
      body: { subject },
      updatedBy: expect.stringMatching(/^Admin /),
    });
    const stale = await put(`/api/admin/content/item?path=${templatePath}`, {
      body: current.body,
      baseVersion: current.version,
    });
    expect(stale.statusCode).toBe(409);
    expect((await get(`/api/admin/content/item?path=${templatePath}`)).json().body.subject).toBe(subject);
  });

  it('checks a change against the whole library: an application cannot name a team that does not exist', async () => {
    const application = (await get('/api/admin/content/item?path=applications/digital-fax.yaml')).json();
    const response = await put('/api/admin/content/item?path=applications/digital-fax.yaml', {
      body: { ...application.body, competenceTeam: 'no-such-team' },
      baseVersion: application.version,
    });
    expect(response.statusCode).toBe(400);
    expect(JSON.stringify(response.json().details)).toContain('no-such-team');
  });

  it('checks the environment checklists and the PBX tasks of a change', async () => {
    const checklists = (await get('/api/admin/content/item?path=environment-checklists.yaml')).json();
    expect(checklists.body['windows-vms']).toEqual(
      expect.arrayContaining([expect.objectContaining({ key: 'sql-server-installed', onlyWhenSqlServer: true })]),
    );
    const noWindows = await put('/api/admin/content/item?path=environment-checklists.yaml', {
      body: {
        'virtual-appliance': checklists.body['virtual-appliance'],
        'windows-vms': [],
        'vendor-cloud': checklists.body['vendor-cloud'],
      },
      baseVersion: checklists.version,
    });
    expect(noWindows.statusCode).toBe(400);
    expect(noWindows.json().details).toEqual([{ path: 'body', message: 'windows-vms: must list at least one item' }]);

    const fax = (await get('/api/admin/content/item?path=applications/digital-fax.yaml')).json();
    const pbxTasks = (fax.body.pbxTasks as { key: string; platforms?: string[] }[]).map((task) =>
      task.key === 'sbc-fax-routing' ? { ...task, platforms: ['sbc'] } : task,
    );
    const wrongPlatform = await put('/api/admin/content/item?path=applications/digital-fax.yaml', {
      body: { ...fax.body, pbxTasks },
      baseVersion: fax.version,
    });
    expect(wrongPlatform.statusCode).toBe(400);
    expect(wrongPlatform.json().details).toEqual([
      {
        path: 'body',
        message:
          'pbxTasks.sbc-fax-routing.platforms: "sbc" is not an option of the project questionnaire\'s field "calling-platform" (cucm, teams, webex-calling, other-sip)',
      },
    ]);
  });

  it('previews a template with example values, HTML-escaped in the HTML part only', async () => {
    const draft = {
      subject: 'For {{customer.name}}',
      text: 'Dear {{recipient.name}}',
      html: '<p>Dear {{recipient.name}}</p>',
    };
    const preview = await post('/api/admin/email-templates/service-presentation/preview', draft);
    expect(preview.statusCode).toBe(200);
    expect(preview.json().problems).toEqual([]);
    expect(preview.json().rendered.text).toMatch(/^Dear \S/);
    const broken = await post('/api/admin/email-templates/service-presentation/preview', {
      ...draft,
      html: '<p>{{#applications}}{{name}}</p>',
    });
    expect(broken.json().rendered).toBeNull();
    expect(broken.json().problems[0]).toMatchObject({ part: 'html' });
    const placeholders = await get('/api/admin/email-templates/engineer-contact/placeholders');
    expect(placeholders.json().items).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ name: 'questionnaireLink', inside: 'applications', kind: 'value' }),
      ]),
    );
  });

  it('is for admins only', async () => {
    expect((await get('/api/admin/content', manager)).statusCode).toBe(403);
    expect(
      (await put(`/api/admin/content/item?path=${templatePath}`, { body: {}, baseVersion: 1 }, manager)).statusCode,
    ).toBe(403);
    expect((await get('/api/admin/content/item?path=../../etc/passwd.yaml')).statusCode).toBe(400);
    expect((await get('/api/admin/content/item?path=applications/nothing.yaml')).statusCode).toBe(404);
  });

  it('installs a newer shipped default, but never over an admin’s change', async () => {
    const copy = fs.mkdtempSync(path.join(os.tmpdir(), 'engage-content-'));
    try {
      fs.cpSync(contentDirectory, copy, { recursive: true });
      const teams = path.join(copy, 'teams.yaml');
      fs.writeFileSync(teams, fs.readFileSync(teams, 'utf8').replace(/it: ([^\n]+)/, 'it: $1 (aggiornato)'));
      const template = path.join(copy, templatePath);
      fs.writeFileSync(
        template,
        fs.readFileSync(template, 'utf8').replace('Dear {{recipient.name}}', 'Hello {{recipient.name}}'),
      );
      const { added } = await syncDefaultContent(engage.context.db, new Date(), copy, systemActor);
      expect(added).toEqual(['teams.yaml']);
      const items = (await get('/api/admin/content')).json().items as {
        path: string;
        version: number;
        isDefault: boolean;
      }[];
      expect(items.find((item) => item.path === 'teams.yaml')).toMatchObject({ version: 2, isDefault: true });
      expect(items.find((item) => item.path === templatePath)).toMatchObject({ isDefault: false });
      expect((await syncDefaultContent(engage.context.db, new Date(), copy, systemActor)).added).toEqual([]);
    } finally {
      fs.rmSync(copy, { recursive: true, force: true });
    }
  });

  it('completes an admin’s item with the parts a newer default added, keeping the admin’s change', async () => {
    const itemPath = 'applications/contact-manager.yaml';
    const current = (await get(`/api/admin/content/item?path=${itemPath}`)).json();
    // As an admin saved it before PBX tasks existed.
    const { pbxTasks, ...older } = current.body as Record<string, unknown>;
    const edited = { ...older, name: { en: 'Contact Manager (edited)', it: 'Contact Manager (modificato)' } };
    await insertContentItem(engage.context.db, {
      path: itemPath,
      version: current.version + 1,
      body: edited,
      isDefault: false,
      createdBy: null,
      createdAt: new Date(),
    });
    const copy = fs.mkdtempSync(path.join(os.tmpdir(), 'engage-content-'));
    try {
      fs.cpSync(contentDirectory, copy, { recursive: true });
      const services = path.join(copy, 'services.yaml');
      fs.writeFileSync(services, `# a newer release\n${fs.readFileSync(services, 'utf8')}`);
      const result = await syncDefaultContent(engage.context.db, new Date(), copy, systemActor);
      expect(result.completed).toEqual([itemPath]);
      const after = (await get(`/api/admin/content/item?path=${itemPath}`)).json();
      expect(after).toMatchObject({ version: current.version + 2, isDefault: false });
      expect(after.body).toEqual({ ...edited, pbxTasks });
      expect((await get('/api/catalog/applications', manager)).statusCode).toBe(200);
    } finally {
      fs.rmSync(copy, { recursive: true, force: true });
    }
  });

  it('stops the start, changing nothing, when an admin’s item does not fit the parts a newer default would add', async () => {
    const itemPath = 'applications/digital-fax.yaml';
    const current = (await get(`/api/admin/content/item?path=${itemPath}`)).json();
    // As an admin saved it before PBX tasks existed, when the fax route was still its "calling-platform" question: the
    // default tasks name the route by its new key.
    const { pbxTasks: _pbxTasks, ...older } = current.body as { pbxTasks: unknown };
    const edited = JSON.parse(JSON.stringify(older).replaceAll('"fax-route"', '"calling-platform"')) as typeof older;
    await insertContentItem(engage.context.db, {
      path: itemPath,
      version: current.version + 1,
      body: edited,
      isDefault: false,
      createdBy: null,
      createdAt: new Date(),
    });
    const copy = fs.mkdtempSync(path.join(os.tmpdir(), 'engage-content-'));
    try {
      fs.cpSync(contentDirectory, copy, { recursive: true });
      const services = path.join(copy, 'services.yaml');
      fs.writeFileSync(services, `# a release after that\n${fs.readFileSync(services, 'utf8')}`);
      await expect(syncDefaultContent(engage.context.db, new Date(), copy, systemActor)).rejects.toThrow(
        /edited items completed[\s\S]*digital-fax[\s\S]*"fax-route"/,
      );
      expect((await get(`/api/admin/content/item?path=${itemPath}`)).json()).toMatchObject({
        version: current.version + 1,
      });
    } finally {
      fs.rmSync(copy, { recursive: true, force: true });
      // The admin puts the item right again, for the tests after this one.
      await insertContentItem(engage.context.db, {
        path: itemPath,
        version: current.version + 2,
        body: current.body,
        isDefault: false,
        createdBy: null,
        createdAt: new Date(),
      });
    }
  });

  it('serves the catalog from the library, and refuses a project with an application it does not have', async () => {
    const services = (await get('/api/catalog/services', manager)).json().items as { key: string; steps: string[] }[];
    expect(services.map((service) => service.key)).toEqual(
      expect.arrayContaining(['installation-remote', 'training-end-user']),
    );
    const applications = (await get('/api/catalog/applications', manager)).json().items as {
      key: string;
      competenceTeam: string;
    }[];
    expect(applications.find((application) => application.key === 'call-recording')?.competenceTeam).toBe(
      'recording-analytics',
    );
    const fixtures = apiFixtures(engage, manager);
    const customer = await fixtures.customer();
    const refused = await post(
      '/api/projects',
      {
        name: 'Unknown app',
        customerId: customer.id,
        applications: ['call-recording', 'video-wall'],
        deployment: 'virtual-appliance',
        purchasedEffortDays: 3,
        trainingPurchased: false,
      },
      manager,
    );
    expect(refused.statusCode).toBe(400);
    expect(refused.json().details).toEqual([
      { path: 'body.applications.1', message: 'Not an application of the catalog.' },
    ]);
  });
});
