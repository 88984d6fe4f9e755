import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ContentLibrary } from './check-content';
import type { Application, Questionnaire } from './content.schemas';
import { loadContentLibrary } from './load-content';
import { computeChanges, type ListedRequirement } from './requirement-changes';

const contentDirectory = fileURLToPath(new URL('../../../content', import.meta.url));
const text = (en: string) => ({ en, it: `${en} (it)`, de: `${en} (de)` });

// An application whose answers raise a storage server, and a Teams account once the project says Teams carries calls.
const questionnaire = {
  key: 'recorder',
  version: 1,
  title: text('Recorder'),
  intro: text(''),
  sections: [
    {
      key: 'main',
      title: text('Main'),
      fields: [
        {
          key: 'storage',
          type: 'choice',
          required: true,
          label: text('Where are recordings stored?'),
          options: [
            { value: 'local', label: text('On a local server') },
            { value: 'cloud', label: text('In the cloud') },
          ],
        },
      ],
    },
  ],
} as unknown as Questionnaire;

const requirement = (title: string) => ({
  category: 'servers' as const,
  title: text(title),
  description: text(`${title}, described`),
  owner: 'customer' as const,
});

let library: ContentLibrary;
const project = { applications: ['recorder'], deployment: 'windows-vms' as const };

beforeAll(async () => {
  const loaded = await loadContentLibrary(contentDirectory);
  const application: Application = {
    ...(loaded.applications[0] as Application),
    key: 'recorder',
    designQuestionnaire: questionnaire,
    requirementRules: [
      {
        key: 'storage-server',
        when: { field: 'storage', equals: 'local' },
        requirement: requirement('Storage server'),
      },
      {
        key: 'teams-account',
        when: { field: 'project.calling-platform', equals: 'teams' },
        requirement: { ...requirement('Teams account'), leadTimeDays: 5 },
      },
    ],
  };
  library = { ...loaded, applications: [application] };
});

interface Row extends ListedRequirement {
  id: string;
}
const row = (id: string, ruleKey: string | null, removed?: 'engineer' | 'answers'): Row => ({
  id,
  applicationKey: 'recorder',
  ruleKey,
  removedAt: removed === undefined ? null : new Date('2027-01-01T00:00:00Z'),
  removedCause: removed ?? null,
});
const response = (applicationKey: string, submittedAnswers: Record<string, unknown> | null) => ({
  applicationKey,
  submittedAnswers,
});

describe('how submitted answers change a project’s requirement list', () => {
  it('adds what the rules raise, in every language with the answers that raise it, not what waits on a project answer not given', () => {
    const changes = computeChanges(library, project, [response('recorder', { storage: 'local' })], []);
    expect(changes.removes).toEqual([]);
    expect(changes.adds.map((item) => item.ruleKey)).toEqual(['storage-server']);
    const [storage] = changes.adds;
    expect(storage).toMatchObject({
      applicationKey: 'recorder',
      category: 'servers',
      owner: 'customer',
      leadTimeDays: null,
      title: { en: 'Storage server', it: 'Storage server (it)', de: 'Storage server (de)' },
    });
    expect(storage?.reason.en).toContain('Where are recordings stored?');
    // Nothing is submitted yet: nothing changes.
    expect(computeChanges(library, project, [response('recorder', null)], [])).toEqual({ adds: [], removes: [] });
  });

  it('withdraws what the answers no longer raise, but not what the engineer added or removed, nor what waits on the project', () => {
    const rows = [row('a', 'storage-server'), row('b', null), row('c', 'teams-account')];
    const changes = computeChanges(library, project, [response('recorder', { storage: 'cloud' })], rows);
    expect(changes.adds).toEqual([]);
    // The Teams account waits on the project questionnaire, which nobody submitted: it stays.
    expect(changes.removes.map((item) => item.id)).toEqual(['a']);

    const removedByHand = [row('a', 'storage-server', 'engineer'), row('c', 'teams-account')];
    expect(computeChanges(library, project, [response('recorder', { storage: 'local' })], removedByHand)).toEqual({
      adds: [],
      removes: [],
    });
  });

  it('decides a rule on the project’s answers once the project questionnaire is submitted, and can look at one application only', () => {
    const responses = [
      response('project', { 'calling-platform': ['cucm'] }),
      response('recorder', { storage: 'local' }),
    ];
    const rows = [row('a', 'storage-server'), row('c', 'teams-account')];
    expect(computeChanges(library, project, responses, rows).removes.map((item) => item.id)).toEqual(['c']);
    const ofProject = computeChanges(library, project, responses, rows, 'project');
    expect(ofProject.removes).toEqual([]);
    expect(ofProject.adds.every((item) => item.applicationKey === 'project')).toBe(true);
    const onTeams = [
      response('project', { 'calling-platform': ['teams'] }),
      response('recorder', { storage: 'cloud' }),
    ];
    const teams = computeChanges(library, project, onTeams, [], 'recorder').adds;
    expect(teams.map((item) => [item.ruleKey, item.leadTimeDays])).toEqual([['teams-account', 5]]);
    expect(computeChanges(library, project, responses, [], 'recorder').adds.map((item) => item.ruleKey)).toEqual([
      'storage-server',
    ]);
  });
});
