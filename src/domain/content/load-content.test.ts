import { cp, mkdtemp, readFile, rm, unlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { defaultTemplate } from '../process/default-template';
import { checkEmailTemplate, renderEmailTemplate } from './email-templates';
import { ContentLibraryError, loadContentLibrary } from './load-content';
import { emailTemplateKeys, examplePlaceholderValues, placeholderSpecs, type EmailTemplateKey } from './placeholders';
import { callingPlatformOptions, projectCallingPlatformOptions } from './delivery-checklists';
import { listFields } from './questionnaire';

const contentDirectory = fileURLToPath(new URL('../../../content', import.meta.url));

describe('the shipped content library', () => {
  it('loads without problems', async () => {
    const library = await loadContentLibrary(contentDirectory);
    expect(library.applications.map((application) => application.key)).toEqual([
      'attendant-console',
      'call-analytics',
      'call-recording',
      'contact-manager',
      'digital-fax',
      'queue-manager',
    ]);
    expect(library.teams.length).toBeGreaterThanOrEqual(4);
    expect(library.services.map((service) => service.key)).toEqual(
      expect.arrayContaining([
        'installation-remote',
        'installation-on-site',
        'training-admin',
        'training-end-user',
        'upgrade',
        'migration',
      ]),
    );
  });

  it('gives each application a real questionnaire, rules and checklist, and the project its own questionnaire', async () => {
    const library = await loadContentLibrary(contentDirectory);
    const projectFields = listFields(library.projectQuestionnaire.designQuestionnaire);
    expect(projectFields.map((field) => field.key)).toEqual(
      expect.arrayContaining(['calling-platform', 'deployment', 'directory-source', 'smtp-relay']),
    );
    expect(library.projectQuestionnaire.requirementRules.length).toBeGreaterThanOrEqual(10);
    for (const application of library.applications) {
      const fields = listFields(application.designQuestionnaire);
      // The questions every application shared (platform, server, directory, email) are asked once, in the project questionnaire.
      expect(fields.length, application.key).toBeGreaterThanOrEqual(8);
      expect(fields.length, application.key).toBeLessThanOrEqual(30);
      expect(
        fields.some((field) => field.showIf !== undefined),
        application.key,
      ).toBe(true);
      expect(
        fields.some((field) => field.type === 'table'),
        application.key,
      ).toBe(true);
      expect(application.requirementRules.length, application.key).toBeGreaterThanOrEqual(6);
      expect(application.uatChecklist.length, application.key).toBeGreaterThanOrEqual(8);
    }
  });

  it('gives each deployment option an environment checklist, with SQL Server items only for Windows VMs', async () => {
    const library = await loadContentLibrary(contentDirectory);
    for (const deployment of ['virtual-appliance', 'windows-vms', 'vendor-cloud'] as const) {
      const items = library.environmentChecklists[deployment];
      expect(items.length, deployment).toBeGreaterThanOrEqual(6);
      expect(items.length, deployment).toBeLessThanOrEqual(10);
    }
    expect(library.environmentChecklists['virtual-appliance'].some((item) => item.onlyWhenSqlServer === true)).toBe(
      false,
    );
    expect(library.environmentChecklists['vendor-cloud'].some((item) => item.onlyWhenSqlServer === true)).toBe(false);
    expect(
      library.environmentChecklists['windows-vms'].filter((item) => item.onlyWhenSqlServer === true).length,
    ).toBeGreaterThanOrEqual(1);
  });

  it('gives each application PBX tasks, some for CUCM and, except the fax, some for Teams', async () => {
    const library = await loadContentLibrary(contentDirectory);
    expect(projectCallingPlatformOptions(library.projectQuestionnaire)).toEqual([
      'cucm',
      'teams',
      'webex-calling',
      'other-sip',
    ]);
    for (const application of library.applications) {
      expect(callingPlatformOptions(application), application.key).toBeUndefined();
      expect(application.pbxTasks.length, application.key).toBeGreaterThanOrEqual(4);
      expect(application.pbxTasks.length, application.key).toBeLessThanOrEqual(8);
      // Faxes reach Teams users through an SBC or the carrier's trunk, which the fax questionnaire's own route selects.
      for (const platform of application.key === 'digital-fax' ? ['cucm'] : ['cucm', 'teams']) {
        const specific = application.pbxTasks.filter((task) => task.platforms?.includes(platform) === true);
        expect(specific.length, `${application.key}: ${platform}`).toBeGreaterThanOrEqual(1);
      }
    }
  });

  it('needs the training step only for training lines', async () => {
    const library = await loadContentLibrary(contentDirectory);
    const stepKeys = defaultTemplate.steps.map((step) => step.key);
    for (const service of library.services) {
      expect(service.steps.every((step) => stepKeys.includes(step))).toBe(true);
      expect(service.steps.includes('training'), service.key).toBe(service.kind === 'training');
    }
  });

  it('renders every email template with the example values, with no placeholder problem', async () => {
    const library = await loadContentLibrary(contentDirectory);
    // A text of the second example item of each template's list, which shows the list is
    // rendered whole; for a template without a list, a text its main section must print.
    const listItemText: Record<EmailTemplateKey, string> = {
      'service-presentation': 'Call Analytics',
      'engineer-contact': 'Digital Fax design questionnaire',
      'portal-link': 'AS-2025-0187',
      'questionnaire-reminder': 'Digital Fax design questionnaire',
      'requirements-reminder': 'Firewall ports 5060–5061 open towards Cisco CUCM',
      'session-proposal': 'Thursday 3 December 2026',
      'session-invitation': 'Tuesday 1 December 2026',
      'session-cancellation': 'The virtual machine for the recording server is not ready yet.',
      'session-reminder': 'Tuesday 1 December 2026',
      'session-slots-requested': 'Any morning in the week of 14 December works for us.',
      'signature-request': 'User acceptance tests',
      'signed-document': '9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08',
      'handover-package': '28 March 2025',
      'password-reset': 'Marco Rossi',
      'staff-invitation': 'giulia.conti@example.com',
      'turn-update': 'Firewall ports 5060–5061 open towards Cisco CUCM',
    };
    for (const key of emailTemplateKeys) {
      for (const language of ['en', 'it'] as const) {
        const template = library.emailTemplates[key][language];
        expect(checkEmailTemplate(template, placeholderSpecs[key])).toEqual([]);
        const rendered = renderEmailTemplate(template, examplePlaceholderValues(key));
        expect(rendered.html, `${language}/${key}`).toContain(listItemText[key]);
        expect(rendered.text, `${language}/${key}`).toContain(listItemText[key]);
        expect(rendered.text).not.toMatch(/\{\{|\}\}/);
      }
    }
  });

  it('gives every portal link email the link and the date it expires, in both languages', async () => {
    const library = await loadContentLibrary(contentDirectory);
    for (const key of [
      'portal-link',
      'questionnaire-reminder',
      'requirements-reminder',
      'session-proposal',
      'signature-request',
    ] as const) {
      for (const language of ['en', 'it'] as const) {
        const rendered = renderEmailTemplate(library.emailTemplates[key][language], examplePlaceholderValues(key));
        expect(rendered.text, `${language}/${key}`).toContain(
          'https://engage.example.com/portal/sign-in/3kq8Zt1vN0xPa7Lw',
        );
        expect(rendered.html, `${language}/${key}`).toContain(
          'href="https:&#x2F;&#x2F;engage.example.com&#x2F;portal&#x2F;sign-in&#x2F;',
        );
        expect(rendered.text, `${language}/${key}`).toContain('21 March 2025');
      }
    }
  });
});

describe('the session emails', () => {
  type SessionEmailKey = Extract<EmailTemplateKey, `session-${string}`>;

  function render(key: SessionEmailKey, language: 'en' | 'it', changes: Record<string, unknown>) {
    return loadContentLibrary(contentDirectory).then((library) => {
      const example = examplePlaceholderValues(key) as Record<string, unknown>;
      const values = Object.fromEntries(
        Object.entries(changes).map(([name, change]) => [
          name,
          typeof change === 'object' && change !== null ? { ...(example[name] as object), ...change } : change,
        ]),
      );
      return renderEmailTemplate(library.emailTemplates[key][language], { ...example, ...values } as Parameters<
        typeof renderEmailTemplate
      >[1]);
    });
  }

  it('say whether an invitation is new or replaces an earlier one, in both languages', async () => {
    const updatedEn = await render('session-invitation', 'en', { session: { isUpdate: 'yes' } });
    const newEn = await render('session-invitation', 'en', { session: { isUpdate: '' } });
    expect(updatedEn.subject).toContain('updated invitation');
    expect(updatedEn.text).toContain('has been updated');
    expect(newEn.subject).not.toContain('updated');
    expect(newEn.text).not.toContain('has been updated');
    expect(newEn.text).toContain('is confirmed');
    const updatedIt = await render('session-invitation', 'it', { session: { isUpdate: 'yes' } });
    const newIt = await render('session-invitation', 'it', { session: { isUpdate: '' } });
    expect(updatedIt.text).toContain('è stata aggiornata');
    expect(newIt.text).not.toContain('aggiornata');
    expect(newIt.text).toContain('vi confermiamo');
  });

  it('leave out an empty reason, note, location or phone without a stray label or blank line', async () => {
    const cases = [
      ['session-cancellation', { reason: '' }, /Reason|Motivo/],
      ['session-slots-requested', { note: '' }, /note|nota/i],
      ['session-reminder', { session: { location: '' }, engineer: { phone: '' } }, /Where|Dove|\+39/],
      ['session-proposal', { session: { location: '' }, engineer: { phone: '' } }, /Where|Dove|\+39/],
    ] as const;
    for (const [key, changes, absent] of cases) {
      for (const language of ['en', 'it'] as const) {
        const rendered = await render(key, language, changes);
        expect(rendered.text, `${language}/${key}`).not.toMatch(absent);
        expect(rendered.html, `${language}/${key}`).not.toMatch(absent);
        expect(rendered.text, `${language}/${key}`).not.toMatch(/\n\s*\n\s*\n/);
      }
    }
    const withReason = await render('session-cancellation', 'it', {});
    expect(withReason.text).toContain('Motivo: The virtual machine for the recording server is not ready yet.');
  });

  it('list every proposed date with its time and time zone', async () => {
    for (const language of ['en', 'it'] as const) {
      const rendered = await render('session-proposal', language, {});
      for (const slot of [
        'Tuesday 1 December 2026, 09:00–11:00 (Europe/Rome)',
        'Monday 7 December 2026, 10:00–12:00 (Europe/Rome)',
      ]) {
        expect(rendered.text, language).toContain(slot);
      }
    }
  });
});

describe('a broken copy of the content library', () => {
  let directory: string | undefined;
  afterEach(async () => {
    if (directory !== undefined) await rm(directory, { recursive: true, force: true });
  });

  async function copyContent(): Promise<string> {
    directory = await mkdtemp(join(tmpdir(), 'engage-content-'));
    await cp(contentDirectory, directory, { recursive: true });
    return directory;
  }

  async function edit(root: string, file: string, change: (text: string) => string): Promise<void> {
    const path = join(root, file);
    const before = await readFile(path, 'utf8');
    const after = change(before);
    if (after === before) throw new Error(`the edit of ${file} changed nothing`);
    await writeFile(path, after);
  }

  async function problemsOf(root: string): Promise<string[]> {
    try {
      await loadContentLibrary(root);
    } catch (error) {
      if (error instanceof ContentLibraryError)
        return error.problems.map((problem) => `${problem.file}: ${problem.message}`);
      throw error;
    }
    throw new Error('the broken library loaded');
  }

  it('reports every problem with its file', async () => {
    const root = await copyContent();
    await edit(root, 'applications/digital-fax.yaml', (text) =>
      text.replace('competenceTeam: fax-messaging', 'competenceTeam: fax-and-mail'),
    );
    await edit(root, 'applications/queue-manager.yaml', (text) =>
      text.replace('field: wallboard\n      equals: true', 'field: wall-board\n      equals: true'),
    );
    await edit(root, 'email-templates/en/service-presentation.yaml', (text) =>
      text.replace('<p style="margin: 0 0 12px;">Dear {{recipient.name}},</p>', '<p>Dear {{recipent.name}},</p>'),
    );
    await edit(root, 'services.yaml', (text) => text.replace('      - training\n', '      - trainings\n'));
    await unlink(join(root, 'email-templates/it/engineer-contact.yaml'));
    await writeFile(join(root, 'documents/it/privacy.yaml'), 'title: x\n');

    const problems = await problemsOf(root);
    expect(problems).toEqual(
      expect.arrayContaining([
        'applications/digital-fax.yaml: competenceTeam "fax-and-mail" is not a team of teams.yaml',
        'applications/queue-manager.yaml: requirementRules.wallboard-screen.when: refers to "wall-board", which is not a field of the design questionnaire',
        expect.stringMatching(
          /^email-templates\/en\/service-presentation\.yaml: html, line 2 column \d+: "recipent\.name" is not a placeholder/,
        ),
        'services.yaml: service "training-admin": step "trainings" is not a step of the default process template',
        'email-templates/it/engineer-contact.yaml: missing: this file is required',
        expect.stringMatching(/^documents\/it\/privacy\.yaml: unexpected file/),
      ]),
    );
    expect(problems).toHaveLength(6);
  });

  it('reports invalid YAML, an unknown key, and an application whose key does not match its file', async () => {
    const root = await copyContent();
    await edit(root, 'applications/contact-manager.yaml', (text) =>
      text.replace('key: contact-manager', 'key: contacts'),
    );
    await edit(root, 'documents/en/workflow-overview.yaml', (text) =>
      text.replace(/^version: (\d+)$/m, 'version: [$1'),
    );
    await edit(root, 'teams.yaml', (text) =>
      text.replace('  - key: contact-center\n', '  - key: contact-center\n    colour: blue\n'),
    );
    const problems = await problemsOf(root);
    expect(problems).toEqual([
      'applications/contact-manager.yaml: key "contacts" must match the file name "contact-manager"',
      expect.stringMatching(/^documents\/en\/workflow-overview\.yaml: not valid YAML: /),
      'teams.yaml: teams[1]: Unrecognized key: "colour"',
    ]);
  });

  it('reports a PBX task platform that is not a calling platform of the project questionnaire, a duplicate key, and a missing checklist', async () => {
    const root = await copyContent();
    await edit(root, 'applications/digital-fax.yaml', (text) =>
      text.replace('  - key: sbc-fax-routing\n', '  - key: sbc-fax-routing\n    platforms: [sbc]\n'),
    );
    await edit(root, 'applications/queue-manager.yaml', (text) =>
      text.replace('  - key: cucm-agent-devices\n', '  - key: cucm-route-points-ports\n'),
    );
    await edit(root, 'environment-checklists.yaml', (text) =>
      text.replace('  - key: dns-records\n', '  - key: ova-deployed\n'),
    );
    const problems = await problemsOf(root);
    expect(problems).toEqual([
      'applications/digital-fax.yaml: pbxTasks.sbc-fax-routing.platforms: "sbc" is not an option of the project questionnaire\'s field "calling-platform" (cucm, teams, webex-calling, other-sip)',
      'applications/queue-manager.yaml: pbxTasks: task key "cucm-route-points-ports" is used more than once',
      'environment-checklists.yaml: virtual-appliance: item key "ova-deployed" is used more than once',
    ]);
    await unlink(join(root, 'environment-checklists.yaml'));
    expect(await problemsOf(root)).toContain('environment-checklists.yaml: missing: this file is required');
  });

  it("reads the platforms of an application that still asks its own calling platform (an admin's older copy) from that question", async () => {
    const root = await copyContent();
    const ownPlatform = [
      '        - key: calling-platform',
      '          type: choice',
      '          required: true',
      '          label: { en: Calling platform, it: Piattaforma di telefonia }',
      '          options:',
      '            - { value: cucm, label: { en: CUCM, it: CUCM } }',
      '            - { value: sip-trunk, label: { en: SIP trunk, it: Trunk SIP } }',
      '',
    ].join('\n');
    await edit(root, 'applications/queue-manager.yaml', (text) =>
      text.replace(
        '      fields:\n        - key: concurrent-calls\n',
        `      fields:\n${ownPlatform}        - key: concurrent-calls\n`,
      ),
    );
    expect(await problemsOf(root)).toEqual([
      'applications/queue-manager.yaml: pbxTasks.teams-resource-accounts.platforms: "teams" is not an option of the questionnaire field "calling-platform" (cucm, sip-trunk)',
      'applications/queue-manager.yaml: pbxTasks.teams-application-access.platforms: "teams" is not an option of the questionnaire field "calling-platform" (cucm, sip-trunk)',
      'applications/queue-manager.yaml: pbxTasks.teams-agents-enabled.platforms: "teams" is not an option of the questionnaire field "calling-platform" (cucm, sip-trunk)',
    ]);
  });

  it('refuses a condition on a project answer the project questionnaire does not ask, and an unknown placeholder in a requirement', async () => {
    const root = await copyContent();
    await edit(root, 'applications/contact-manager.yaml', (text) =>
      text.replace(
        'field: project.calling-platform\n            equals: cucm',
        'field: project.phone-system\n            equals: cucm',
      ),
    );
    await edit(root, 'project-questionnaire.yaml', (text) =>
      text.replace(
        '{{sizing.vcpu}} vCPU, {{sizing.ramGb}} GB\n          RAM',
        '{{sizing.cpus}} vCPU, {{sizing.ramGb}} GB\n          RAM',
      ),
    );
    const problems = await problemsOf(root);
    expect(problems).toEqual([
      expect.stringMatching(
        /^applications\/contact-manager\.yaml: designQuestionnaire\.platform\.phone-models\.showIf: refers to "project\.phone-system", which is not a project answer or fact \(known: project\.calling-platform, /,
      ),
      expect.stringMatching(
        /^project-questionnaire\.yaml: requirementRules\.virtual-appliance-host\.description\.en, line 1 column \d+: "sizing\.cpus" is not a placeholder/,
      ),
    ]);
  });

  it('needs the project questionnaire, with the deployment options and the calling platforms, and a sizing per application when texts print it', async () => {
    const root = await copyContent();
    await edit(root, 'project-questionnaire.yaml', (text) =>
      text.replace('            - value: vendor-cloud\n', '            - value: vendor-hosted\n'),
    );
    await edit(root, 'applications/digital-fax.yaml', (text) =>
      text.replace('  windows-vms: { vcpu: 2, ramGb: 8, diskGb: 100 }\n', ''),
    );
    const problems = await problemsOf(root);
    expect(problems).toEqual(
      expect.arrayContaining([
        'applications/digital-fax.yaml: sizing.windows-vms is missing: requirement texts print the server sizing summed over the applications in scope',
        'project-questionnaire.yaml: designQuestionnaire: needs a choice field "deployment" whose options are the deployment options (virtual-appliance, windows-vms, vendor-cloud)',
      ]),
    );
    await unlink(join(root, 'project-questionnaire.yaml'));
    expect(await problemsOf(root)).toContain('project-questionnaire.yaml: missing: this file is required');
  });

  it('refuses an environment checklist without every deployment option, or with an unknown one', async () => {
    const root = await copyContent();
    await edit(root, 'environment-checklists.yaml', (text) => text.replace('windows-vms:', 'linux-vms:'));
    expect(await problemsOf(root)).toEqual([
      'environment-checklists.yaml: windows-vms: Invalid input: expected array, received undefined',
      'environment-checklists.yaml: Unrecognized key: "linux-vms"',
    ]);
  });

  it('puts every problem in the thrown error message', async () => {
    const root = await copyContent();
    let english = 0;
    await edit(root, 'documents/it/terms-and-conditions.yaml', (text) =>
      text.replace(/^version: (\d+)$/m, (_line, version: string) => {
        english = Number(version);
        return `version: ${english + 1}`;
      }),
    );
    await expect(loadContentLibrary(root)).rejects.toThrow(
      new RegExp(
        `1 problem\\(s\\):\\n- documents/it/terms-and-conditions\\.yaml: version ${english + 1} differs from the English version ${english}`,
      ),
    );
  });
});
