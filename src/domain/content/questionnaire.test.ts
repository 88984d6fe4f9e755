import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Application, Questionnaire } from './content.schemas';
import { loadContentLibrary } from './load-content';
import {
  answerProblem,
  checkQuestionnaire,
  decideCondition,
  decideRequirements,
  describeCondition,
  evaluateCondition,
  generateRequirements,
  isAnswered,
  listFields,
  missingAnswers,
  offeredOptions,
  visibleAnswers,
} from './questionnaire';

const contentDirectory = fileURLToPath(new URL('../../../content', import.meta.url));

const answers = {
  platform: 'cucm',
  codecs: ['g711', 'g729a'],
  hours: 120,
  recorded: false,
  users: [{ name: 'Laura Bianchi' }],
  empty: '   ',
  none: null,
};

describe('evaluateCondition', () => {
  it('equals compares the answer, and means "contains" for a multi-choice', () => {
    expect(evaluateCondition({ field: 'platform', equals: 'cucm' }, answers)).toBe(true);
    expect(evaluateCondition({ field: 'platform', equals: 'teams' }, answers)).toBe(false);
    expect(evaluateCondition({ field: 'codecs', equals: 'g729a' }, answers)).toBe(true);
    expect(evaluateCondition({ field: 'codecs', equals: 'opus' }, answers)).toBe(false);
    expect(evaluateCondition({ field: 'recorded', equals: false }, answers)).toBe(true);
    expect(evaluateCondition({ field: 'missing', equals: 'cucm' }, answers)).toBe(false);
  });

  it('in holds when the answer (or a chosen option) is listed', () => {
    expect(evaluateCondition({ field: 'platform', in: ['teams', 'cucm'] }, answers)).toBe(true);
    expect(evaluateCondition({ field: 'platform', in: ['teams', 'sip-trunk'] }, answers)).toBe(false);
    expect(evaluateCondition({ field: 'codecs', in: ['opus', 'g711'] }, answers)).toBe(true);
  });

  it('answered ignores blanks and null but counts false, numbers and table rows', () => {
    expect(evaluateCondition({ field: 'hours', answered: true }, answers)).toBe(true);
    expect(evaluateCondition({ field: 'recorded', answered: true }, answers)).toBe(true);
    expect(evaluateCondition({ field: 'users', answered: true }, answers)).toBe(true);
    expect(evaluateCondition({ field: 'empty', answered: true }, answers)).toBe(false);
    expect(evaluateCondition({ field: 'none', answered: true }, answers)).toBe(false);
    expect(evaluateCondition({ field: 'missing', answered: true }, answers)).toBe(false);
    expect(isAnswered([])).toBe(false);
  });

  it('all, any and always combine conditions', () => {
    const isCucm = { field: 'platform', equals: 'cucm' } as const;
    const isTeams = { field: 'platform', equals: 'teams' } as const;
    expect(evaluateCondition({ all: [isCucm, { field: 'hours', answered: true }] }, answers)).toBe(true);
    expect(evaluateCondition({ all: [isCucm, isTeams] }, answers)).toBe(false);
    expect(evaluateCondition({ any: [isTeams, isCucm] }, answers)).toBe(true);
    expect(evaluateCondition({ any: [isTeams, { field: 'none', answered: true }] }, answers)).toBe(false);
    expect(evaluateCondition({ always: true }, {})).toBe(true);
  });
});

describe('generateRequirements (shipped call recording)', () => {
  let callRecording: Application;
  beforeAll(async () => {
    const library = await loadContentLibrary(contentDirectory);
    const found = library.applications.find((application) => application.key === 'call-recording');
    if (found === undefined) throw new Error('call-recording is missing from the content library');
    callRecording = found;
  });

  const cucmCustomer = {
    'recording-method': 'built-in-bridge',
    'recording-mode': 'always',
    'recorded-users': 40,
    'recorded-hours-per-day': 120,
    codecs: ['g711'],
    'retention-months': 12,
    announcement: false,
    'storage-target': 'local-disk',
    'recorded-user-list': [{ name: 'Laura Bianchi', extension: '2001', recorded: true, role: 'user' }],
  };
  const onCucm = {
    'project.calling-platform': ['cucm'],
    'project.deployment': 'virtual-appliance',
    'project.directory-source': 'entra-id',
  };

  it('returns the requirements whose rule holds, each with its rule key', () => {
    const requirements = generateRequirements(callRecording, cucmCustomer, onCucm);
    expect(requirements.map((requirement) => requirement.ruleKey)).toEqual([
      'cucm-built-in-bridge',
      'recorder-ports',
      'recording-storage',
    ]);
    const bridge = requirements.find((requirement) => requirement.ruleKey === 'cucm-built-in-bridge');
    expect(bridge).toMatchObject({ category: 'uc-equipment', owner: 'partner', applicationKey: 'call-recording' });
  });

  it('ignores the answer of a field its showIf now hides', () => {
    // The network share path was answered, then the storage target changed to a local disk.
    const staleShare = { ...cucmCustomer, 'network-share-path': '\\\\nas01\\recordings' };
    expect(
      generateRequirements(callRecording, staleShare, onCucm).map((requirement) => requirement.ruleKey),
    ).not.toContain('network-share-account');
    const share = { ...staleShare, 'storage-target': 'network-share' };
    expect(generateRequirements(callRecording, share, onCucm).map((requirement) => requirement.ruleKey)).toContain(
      'network-share-account',
    );
  });

  it("follows the project's answers: Teams compliance recording in the vendor's cloud", () => {
    const teams = { ...cucmCustomer, 'recording-method': 'teams-compliance' };
    const onTeams = { 'project.calling-platform': ['teams'], 'project.deployment': 'vendor-cloud' };
    const keys = generateRequirements(callRecording, teams, onTeams).map((requirement) => requirement.ruleKey);
    expect(keys).toEqual(['teams-compliance-policy']);
    // Built-in Bridge picked by mistake on a Teams-only project raises nothing of CUCM.
    expect(
      generateRequirements(callRecording, cucmCustomer, onTeams).map((requirement) => requirement.ruleKey),
    ).not.toContain('cucm-built-in-bridge');
  });

  it('leaves undecided, neither raised nor withdrawn, the rules that wait on a project answer nobody gave', () => {
    const decided = decideRequirements(callRecording, cucmCustomer, {});
    expect(decided.undecided).toEqual(['cucm-built-in-bridge', 'recording-storage']);
    expect(decided.raised.map((requirement) => requirement.ruleKey)).toEqual(['recorder-ports']);
  });
});

describe("conditions on the project's answers", () => {
  it('are undecided while the answer is missing, and decided once given or hidden (null)', () => {
    const isCucm = { field: 'project.calling-platform', equals: 'cucm' } as const;
    expect(decideCondition(isCucm, {})).toBeUndefined();
    expect(decideCondition(isCucm, { 'project.calling-platform': null })).toBe(false);
    expect(decideCondition(isCucm, { 'project.calling-platform': ['teams', 'cucm'] })).toBe(true);
    // A missing answer of the questionnaire's own is simply not given.
    expect(decideCondition({ field: 'platform', equals: 'cucm' }, {})).toBe(false);
  });

  it('combine undecided parts as little as they must: all is false on one false part, any true on one true part', () => {
    const unknown = { field: 'project.deployment', equals: 'windows-vms' } as const;
    expect(decideCondition({ all: [unknown, { field: 'platform', equals: 'teams' }] }, answers)).toBe(false);
    expect(decideCondition({ all: [unknown, { field: 'platform', equals: 'cucm' }] }, answers)).toBeUndefined();
    expect(decideCondition({ any: [unknown, { field: 'platform', equals: 'cucm' }] }, answers)).toBe(true);
    expect(decideCondition({ any: [unknown, { field: 'platform', equals: 'teams' }] }, answers)).toBeUndefined();
  });

  it('show a question that waits on one (asked rather than dropped)', () => {
    expect(evaluateCondition({ field: 'project.calling-platform', equals: 'cucm' }, {})).toBe(true);
    expect(
      evaluateCondition(
        { field: 'project.calling-platform', equals: 'cucm' },
        { 'project.calling-platform': ['teams'] },
      ),
    ).toBe(false);
  });
});

describe('options offered only for some answers', () => {
  const label = { en: 'Label', it: 'Etichetta' };
  const questionnaire: Questionnaire = {
    key: 'q',
    version: 1,
    title: label,
    intro: label,
    sections: [
      {
        key: 's',
        title: label,
        fields: [
          {
            key: 'method',
            type: 'choice',
            label,
            required: true,
            options: [
              { value: 'bridge', label, showIf: { field: 'project.calling-platform', equals: 'cucm' } },
              { value: 'bot', label, showIf: { field: 'project.calling-platform', equals: 'teams' } },
            ],
          },
          {
            key: 'codecs',
            type: 'multi-choice',
            label,
            required: false,
            options: [
              { value: 'g711', label },
              { value: 'opus', label, showIf: { field: 'method', equals: 'bot' } },
            ],
          },
        ],
      },
    ],
  };

  it('count an answer whose option is no longer offered as not given, so it is asked again and raises nothing', () => {
    const onTeams = { 'project.calling-platform': ['teams'] };
    expect(visibleAnswers(questionnaire, { method: 'bridge', codecs: ['g711', 'opus'] }, onTeams)).toEqual({
      codecs: ['g711'],
    });
    expect(missingAnswers(questionnaire, { method: 'bridge' }, onTeams).map((item) => item.fieldKey)).toEqual([
      'method',
    ]);
    expect(visibleAnswers(questionnaire, { method: 'bot', codecs: ['opus'] }, onTeams)).toEqual({
      method: 'bot',
      codecs: ['opus'],
    });
    // While the platform is not answered every option is offered.
    expect(visibleAnswers(questionnaire, { method: 'bridge' }, {})).toEqual({ method: 'bridge' });
    const [method] = listFields(questionnaire);
    if (method?.type !== 'choice') throw new Error('the sample starts with a choice');
    expect(offeredOptions(method.options, onTeams).map((option) => option.value)).toEqual(['bot']);
  });

  it("check an option's condition like a question's: an earlier field or a project answer", () => {
    const broken: Questionnaire = {
      ...questionnaire,
      sections: [
        {
          key: 's',
          title: label,
          fields: [
            {
              key: 'first',
              type: 'choice',
              label,
              required: true,
              options: [
                { value: 'a', label, showIf: { field: 'first', equals: 'a' } },
                { value: 'b', label },
              ],
            },
          ],
        },
      ],
    };
    expect(checkQuestionnaire(broken).map((issue) => `${issue.path}: ${issue.message}`)).toEqual([
      'designQuestionnaire.s.first.options.a.showIf: refers to "first", which is not an earlier field of this questionnaire',
    ]);
  });
});

describe('checkQuestionnaire', () => {
  const label = { en: 'Label', it: 'Etichetta' };
  const options = [
    { value: 'a', label },
    { value: 'b', label },
  ];

  function questionnaire(fields: Questionnaire['sections'][number]['fields']): Questionnaire {
    return { key: 'q', version: 1, title: label, intro: label, sections: [{ key: 's', title: label, fields }] };
  }

  it('accepts a showIf on an earlier field with a valid option', () => {
    const valid = questionnaire([
      { key: 'first', type: 'choice', label, required: true, options },
      { key: 'second', type: 'text', label, required: true, showIf: { field: 'first', equals: 'a' } },
    ]);
    expect(checkQuestionnaire(valid)).toEqual([]);
  });

  it("checks a showIf on the project's answers against the scope, and each part of an all or any", () => {
    const scope = new Map([
      [
        'project.calling-platform',
        {
          key: 'calling-platform',
          type: 'multi-choice' as const,
          label,
          required: true,
          options: [
            { value: 'cucm', label },
            { value: 'teams', label },
          ],
        },
      ],
    ]);
    const checked = questionnaire([
      { key: 'first', type: 'choice', label, required: true, options },
      {
        key: 'second',
        type: 'text',
        label,
        required: true,
        showIf: {
          all: [
            { field: 'first', equals: 'a' },
            { field: 'project.calling-platform', equals: 'cucm' },
          ],
        },
      },
      {
        key: 'third',
        type: 'text',
        label,
        required: true,
        showIf: {
          any: [
            { field: 'project.calling-platform', equals: 'webex' },
            { field: 'project.region', equals: 'eu' },
          ],
        },
      },
    ]);
    expect(
      checkQuestionnaire(checked, 'designQuestionnaire', scope).map((issue) => `${issue.path}: ${issue.message}`),
    ).toEqual([
      'designQuestionnaire.s.third.showIf: "webex" is not an option of field "calling-platform" (options: cucm, teams)',
      'designQuestionnaire.s.third.showIf: refers to "project.region", which is not a project answer or fact (known: project.calling-platform)',
    ]);
  });

  it('reports a showIf on a later field, an unknown option, duplicate keys and options', () => {
    const broken = questionnaire([
      { key: 'first', type: 'text', label, required: true, showIf: { field: 'second', equals: 'a' } },
      { key: 'second', type: 'choice', label, required: true, options: [...options, { value: 'a', label }] },
      { key: 'third', type: 'yes-no', label, required: true, showIf: { field: 'second', in: ['c'] } },
      { key: 'third', type: 'yes-no', label, required: false },
    ]);
    expect(checkQuestionnaire(broken).map((issue) => `${issue.path}: ${issue.message}`)).toEqual([
      'designQuestionnaire.s.first.showIf: refers to "second", which is not an earlier field of this questionnaire',
      'designQuestionnaire.s.second.options: option "a" is listed more than once',
      'designQuestionnaire.s.third.showIf: "c" is not an option of field "second" (options: a, b, a)',
      'designQuestionnaire.s.third: field key "third" is used more than once in the questionnaire',
    ]);
  });
});

describe('answers: their shape, what a submission lacks, and why a rule applies', () => {
  const questionnaire: Questionnaire = {
    key: 'sample-design',
    version: 1,
    title: { en: 'Sample', it: 'Esempio' },
    intro: { en: 'Intro', it: 'Intro' },
    sections: [
      {
        key: 'main',
        title: { en: 'Main', it: 'Principale' },
        fields: [
          {
            key: 'platform',
            type: 'choice',
            required: true,
            label: { en: 'Which platform?', it: 'Quale piattaforma?' },
            options: [
              { value: 'cucm', label: { en: 'CUCM', it: 'CUCM' } },
              { value: 'teams', label: { en: 'Teams', it: 'Teams' } },
            ],
          },
          {
            key: 'cucm-version',
            type: 'text',
            required: true,
            label: { en: 'CUCM version', it: 'Versione CUCM' },
            showIf: { field: 'platform', equals: 'cucm' },
          },
          { key: 'users', type: 'number', required: true, min: 1, max: 5000, label: { en: 'Users', it: 'Utenti' } },
          { key: 'go-live', type: 'date', required: false, label: { en: 'Go-live', it: 'Avvio' } },
          {
            key: 'agents',
            type: 'table',
            required: true,
            minRows: 2,
            label: { en: 'Agents', it: 'Agenti' },
            columns: [
              { key: 'name', type: 'text', required: true, label: { en: 'Name', it: 'Nome' } },
              { key: 'recorded', type: 'yes-no', required: false, label: { en: 'Recorded', it: 'Registrato' } },
            ],
          },
        ],
      },
    ],
  };
  const [platform, version, users, goLive, agents] = questionnaire.sections[0]?.fields ?? [];

  it('refuses values of the wrong shape and accepts null to clear an answer', () => {
    if (!platform || !users || !goLive || !agents || !version) throw new Error('sample fields');
    expect(answerProblem(platform, 'fax')).toBe('must be one of cucm, teams');
    expect(answerProblem(platform, null)).toBeUndefined();
    expect(answerProblem(users, 0)).toBe('must be at least 1');
    expect(answerProblem(users, '12')).toBe('must be a number');
    expect(answerProblem(goLive, '2027-02-30')).toBe('must be a date written YYYY-MM-DD');
    expect(answerProblem(goLive, '2027-02-28')).toBeUndefined();
    expect(answerProblem(agents, [{ name: 'Ann', shoeSize: 41 }])).toBe('row 1 has no column "shoeSize"');
    expect(answerProblem(agents, [{ name: 'Ann', recorded: 'yes' }])).toBe('row 1, Recorded: must be yes or no');
    expect(answerProblem(version, 'x'.repeat(5001))).toMatch(/at most 5000/);
  });

  it('lists the required answers the shown form lacks, down to a table row’s cell, never a hidden one', () => {
    expect(
      missingAnswers(questionnaire, { platform: 'teams', users: 10, agents: [{ name: 'Ann' }, { name: 'Bo' }] }),
    ).toEqual([]);
    const missing = missingAnswers(questionnaire, { platform: 'cucm', agents: [{ name: 'Ann' }, { recorded: true }] });
    expect(missing.map((item) => [item.fieldKey, item.detail ?? null])).toEqual([
      ['cucm-version', null],
      ['users', null],
      ['agents', { row: 2, column: { en: 'Name', it: 'Nome' } }],
    ]);
    expect(
      missingAnswers(questionnaire, { platform: 'teams', users: 3, agents: [{ name: 'Ann' }] }).map(
        (item) => item.detail,
      ),
    ).toEqual([{ minRows: 2 }]);
  });

  it('says why a rule applies by quoting the questions and the answers given', () => {
    expect(describeCondition({ field: 'platform', equals: 'cucm' }, questionnaire, 'en')).toBe(
      'You answered “CUCM” to “Which platform?”',
    );
    expect(
      describeCondition(
        {
          all: [
            { field: 'platform', equals: 'teams' },
            { field: 'users', answered: true },
          ],
        },
        questionnaire,
        'it',
      ),
    ).toBe('Avete risposto “Teams” a “Quale piattaforma?”; avete risposto a “Utenti”');
    expect(describeCondition({ always: true }, questionnaire, 'en')).toBe('Always needed for this application');
    const scope = new Map([
      [
        'project.deployment',
        {
          key: 'deployment',
          type: 'choice' as const,
          required: true,
          label: { en: 'Where will the applications run?', it: 'Dove funzioneranno le applicazioni?' },
          options: [
            { value: 'windows-vms', label: { en: 'Windows VMs', it: 'VM Windows' } },
            { value: 'vendor-cloud', label: { en: 'The vendor’s cloud', it: 'Il cloud del fornitore' } },
          ],
        },
      ],
      [
        'project.applications',
        {
          key: 'project.applications',
          type: 'multi-choice' as const,
          required: false,
          label: { en: 'Applications', it: 'Applicazioni' },
          options: [
            { value: 'call-recording', label: { en: 'Call Recording', it: 'Call Recording' } },
            { value: 'queue-manager', label: { en: 'Queue Manager', it: 'Queue Manager' } },
          ],
        },
      ],
    ]);
    expect(
      describeCondition(
        {
          all: [
            { field: 'project.deployment', equals: 'windows-vms' },
            { field: 'project.applications', in: ['call-recording', 'queue-manager'] },
          ],
        },
        questionnaire,
        'en',
        { scope },
      ),
    ).toBe(
      'You answered “Windows VMs” to “Where will the applications run?”; the project includes “Call Recording” or “Queue Manager”',
    );
    expect(describeCondition({ always: true }, questionnaire, 'it', { isProject: true })).toBe(
      'Sempre necessario per questo progetto',
    );
  });
});
