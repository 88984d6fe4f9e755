import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ContentLibrary } from './check-content';
import { loadContentLibrary } from './load-content';
import {
  callingPlatformsOf,
  checkRequirementText,
  deploymentOf,
  projectContext,
  renderRequirementText,
  requirementTextValues,
  summedSizing,
} from './project-questionnaire';

const contentDirectory = fileURLToPath(new URL('../../../content', import.meta.url));

let library: ContentLibrary;
beforeAll(async () => {
  library = await loadContentLibrary(contentDirectory);
});

describe('projectContext', () => {
  it('gives each answer as project.<key>, a hidden one as null, and leaves out what waits for an answer', () => {
    const context = projectContext(
      library,
      { applications: ['call-recording'], deployment: 'virtual-appliance' },
      { 'calling-platform': ['teams'], 'teams-tenant': 'contoso.onmicrosoft.com' },
    );
    expect(context['project.calling-platform']).toEqual(['teams']);
    expect(context['project.teams-tenant']).toBe('contoso.onmicrosoft.com');
    // Asked of CUCM customers only: decided, not waiting.
    expect(context['project.cucm-version']).toBeNull();
    // Asked of everyone and not answered yet: conditions on it stay undecided.
    expect('project.directory-source' in context).toBe(false);
    expect(context['project.applications']).toEqual(['call-recording']);
    expect(context['project.needs-sql-server']).toBe(true);
  });

  it('takes the deployment of the order until the questionnaire answers it, then the answer', () => {
    const facts = { applications: ['attendant-console'], deployment: 'virtual-appliance' } as const;
    expect(deploymentOf(projectContext(library, facts, null), 'windows-vms')).toBe('virtual-appliance');
    expect(deploymentOf(projectContext(library, facts, { deployment: 'vendor-cloud' }), 'windows-vms')).toBe(
      'vendor-cloud',
    );
    expect(projectContext(library, facts, null)['project.needs-sql-server']).toBe(false);
  });

  it('reads the calling platforms, or none while unanswered', () => {
    expect(callingPlatformsOf({ 'project.calling-platform': ['cucm', 'teams'] })).toEqual(['cucm', 'teams']);
    expect(callingPlatformsOf({ 'project.calling-platform': [] })).toBeUndefined();
    expect(callingPlatformsOf({})).toBeUndefined();
  });
});

describe('the summed sizing and the placeholders of a requirement text', () => {
  it("adds up the applications in scope for the deployment, and is zero in the vendor's cloud", () => {
    const applications = library.applications.filter((application) =>
      ['call-recording', 'attendant-console'].includes(application.key),
    );
    expect(summedSizing(applications, 'virtual-appliance')).toEqual({ vcpu: 6, ramGb: 24, diskGb: 180 });
    expect(summedSizing(applications, 'windows-vms')).toEqual({ vcpu: 6, ramGb: 24, diskGb: 180 });
    expect(summedSizing(applications, 'vendor-cloud')).toEqual({ vcpu: 0, ramGb: 0, diskGb: 0 });
  });

  it('prints the values in the language of the text, and leaves a text without placeholders alone', () => {
    const values = requirementTextValues(library, ['call-recording', 'queue-manager'], 'windows-vms', 'it');
    expect(renderRequirementText('{{sizing.vcpu}} vCPU e {{sizing.ramGb}} GB per {{applications}}', values)).toBe(
      '8 vCPU e 32 GB per Call Recording, Advanced Queuing',
    );
    expect(renderRequirementText('Nothing to fill & <b>kept</b>', values)).toBe('Nothing to fill & <b>kept</b>');
  });

  it('refuses a placeholder that is not one, or a partial', () => {
    expect(checkRequirementText('{{sizing.vcpu}} vCPU')).toEqual([]);
    expect(checkRequirementText('{{sizing.cores}} cores')[0]).toMatch(/"sizing\.cores" is not a placeholder/);
    expect(checkRequirementText('{{#applications}}x{{/applications}}')).toEqual([]);
    expect(checkRequirementText('{{> partial}}')[0]).toMatch(/partials/);
  });
});
