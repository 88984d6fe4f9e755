/**
 * Checks that keep the shipped content library true to what a vendor engineer would use unchanged: branching by
 * platform, asking once per project, arithmetic that agrees with itself, UAT results a customer can observe, and the
 * register of the Italian customers read.
 */
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ContentLibrary } from './check-content';
import type { Application, Questionnaire } from './content.schemas';
import { uatChecklistFor } from './delivery-checklists';
import { loadContentLibrary } from './load-content';
import {
  projectContext,
  projectFactAnswers,
  renderRequirementText,
  requirementTextValues,
  type ProjectFacts,
} from './project-questionnaire';
import {
  decideRequirements,
  evaluateCondition,
  listFields,
  offeredOptions,
  type Answers,
  type AnswerValue,
} from './questionnaire';

const contentDirectory = fileURLToPath(new URL('../../../content', import.meta.url));

let library: ContentLibrary;
beforeAll(async () => {
  library = await loadContentLibrary(contentDirectory);
});

function application(key: string): Application {
  const found = library.applications.find((candidate) => candidate.key === key);
  if (found === undefined) throw new Error(`no application ${key}`);
  return found;
}

/**
 * Answers every question the form shows (not only the required ones, so that every rule gets its chance), in order,
 * with the given answers where they are given and a plain first option elsewhere.
 */
function fillIn(questionnaire: Questionnaire, given: Answers, context: Answers = {}): Record<string, AnswerValue> {
  const answers: Record<string, AnswerValue> = {};
  for (const field of listFields(questionnaire)) {
    if (field.showIf !== undefined && !evaluateCondition(field.showIf, { ...context, ...answers })) continue;
    const preset = given[field.key];
    if (preset !== undefined) {
      answers[field.key] = preset;
      continue;
    }
    switch (field.type) {
      case 'choice':
        answers[field.key] = field.options[0]?.value ?? null;
        break;
      case 'multi-choice':
        answers[field.key] = [field.options[0]?.value ?? ''];
        break;
      case 'number':
        answers[field.key] = field.min ?? 1;
        break;
      case 'yes-no':
        answers[field.key] = true;
        break;
      case 'date':
        answers[field.key] = '2027-04-15';
        break;
      case 'table':
        answers[field.key] = [
          Object.fromEntries(
            field.columns.map((column) => [
              column.key,
              column.type === 'choice'
                ? (column.options[0]?.value ?? '')
                : column.type === 'yes-no'
                  ? true
                  : column.type === 'number'
                    ? 1
                    : 'x',
            ]),
          ),
        ];
        break;
      default:
        answers[field.key] = `Answer to ${field.key}`;
    }
  }
  return answers;
}

interface Raised {
  source: string;
  ruleKey: string;
  category: string;
  title: string;
  description: string;
}

/** Every requirement a project raises: the project questionnaire's, then each application's with the project's answers. */
function raisedFor(
  applicationKeys: readonly string[],
  projectGiven: Answers,
  applicationGiven: Readonly<Record<string, Answers>>,
  deployment: ProjectFacts['deployment'],
): Raised[] {
  const facts: ProjectFacts = { applications: applicationKeys, deployment };
  const project = library.projectQuestionnaire;
  const projectAnswers = fillIn(project.designQuestionnaire, projectGiven, projectFactAnswers(library, facts));
  const context = projectContext(library, facts, projectAnswers);
  const raised: Raised[] = [];
  const values = requirementTextValues(library, applicationKeys, deployment, 'en');
  const collect = (source: string, requirements: ReturnType<typeof decideRequirements>) => {
    expect(requirements.undecided, `${source}: rules left undecided with every project answer given`).toEqual([]);
    for (const requirement of requirements.raised) {
      raised.push({
        source,
        ruleKey: requirement.ruleKey,
        category: requirement.category,
        title: renderRequirementText(requirement.title.en, values),
        description: renderRequirementText(requirement.description.en, values),
      });
    }
  };
  collect(
    'project',
    decideRequirements({ key: 'project', ...project }, projectAnswers, projectFactAnswers(library, facts)),
  );
  for (const key of applicationKeys) {
    const found = application(key);
    collect(
      key,
      decideRequirements(found, fillIn(found.designQuestionnaire, applicationGiven[key] ?? {}, context), context),
    );
  }
  return raised;
}

const allApplications = [
  'attendant-console',
  'call-analytics',
  'call-recording',
  'contact-manager',
  'digital-fax',
  'queue-manager',
];

/** A customer on Microsoft Teams only: no CUCM, no other PBX; the directory is Entra ID. */
const teamsOnlyProject: Answers = {
  'calling-platform': ['teams'],
  'teams-tenant': 'customer.onmicrosoft.com',
  'teams-pstn': ['direct-routing'],
  'directory-source': 'entra-id',
  'email-notifications': true,
  'smtp-account': false,
  'internet-access': 'proxy',
  'web-certificate': 'customer-ca',
};

/** What a Teams-only customer answers in each application's own questionnaire. */
const teamsOnlyAnswers: Readonly<Record<string, Answers>> = {
  'call-recording': {
    'recording-method': 'teams-compliance',
    'recording-mode': 'always',
    codecs: ['opus'],
    'storage-target': 'local-disk',
  },
  'call-analytics': { 'cdr-source': 'teams-graph', 'cost-centre-source': 'imported-file' },
  'attendant-console': { 'presence-sources': ['teams-presence'], 'operator-environment': 'windows-pc' },
  'contact-manager': { 'contact-sources': ['entra-id', 'csv'], 'caller-name-lookup': true },
  // Faxes reach the fax server from the session border controller of Direct Routing: SIP is what the answer asks for.
  'digital-fax': { 'fax-route': 'sbc', 'fax-transport': 't38' },
  'queue-manager': { 'announcement-source': 'audio-files', callback: true },
};

/**
 * The rules a Teams-only customer's own answers call for, although they speak of SIP: a fax server receives its calls
 * over SIP from the SBC the questionnaire names.
 */
const sipAskedForByAnswers: Readonly<Record<string, readonly string[]>> = {
  'digital-fax': ['sbc-fax-route', 't38-relay', 'fax-ports'],
};

const mentionsCucm = /\bCUCM\b|Unified CM|Communications Manager|CallManager/i;
const mentionsSip = /\bSIP\b|SIPREC/i;

function problemsOfTeamsOnly(raised: readonly Raised[]): string[] {
  return raised.flatMap((item) => {
    const text = `${item.title} ${item.description}`;
    const where = `${item.source}/${item.ruleKey}`;
    const problems: string[] = [];
    if (item.category === 'sql-server') problems.push(`${where}: a SQL Server requirement`);
    if (mentionsCucm.test(text)) problems.push(`${where}: speaks of CUCM`);
    if (mentionsSip.test(text) && !(sipAskedForByAnswers[item.source] ?? []).includes(item.ruleKey))
      problems.push(`${where}: speaks of SIP`);
    return problems;
  });
}

describe('a Teams-only project', () => {
  for (const deployment of ['vendor-cloud', 'virtual-appliance'] as const) {
    it(`raises no CUCM, SIP trunk or SQL Server requirement for any application alone (${deployment})`, () => {
      for (const key of allApplications) {
        const raised = raisedFor([key], { ...teamsOnlyProject, deployment }, teamsOnlyAnswers, deployment);
        expect(problemsOfTeamsOnly(raised), key).toEqual([]);
      }
    });

    it(`raises none for the six applications together (${deployment})`, () => {
      const raised = raisedFor(allApplications, { ...teamsOnlyProject, deployment }, teamsOnlyAnswers, deployment);
      expect(raised.length).toBeGreaterThan(10);
      expect(problemsOfTeamsOnly(raised)).toEqual([]);
    });
  }

  it('is not asked a CUCM question by any application', () => {
    const facts: ProjectFacts = { applications: allApplications, deployment: 'vendor-cloud' };
    const context = projectContext(
      library,
      facts,
      fillIn(
        library.projectQuestionnaire.designQuestionnaire,
        { ...teamsOnlyProject, deployment: 'vendor-cloud' },
        projectFactAnswers(library, facts),
      ),
    );
    for (const key of allApplications) {
      const found = application(key);
      const shown = Object.keys(fillIn(found.designQuestionnaire, teamsOnlyAnswers[key] ?? {}, context));
      const shownFields = listFields(found.designQuestionnaire).filter((field) => shown.includes(field.key));
      const cucmQuestions = shownFields.filter((field) => mentionsCucm.test(field.label.en)).map((field) => field.key);
      // Nor an option of CUCM in a question it is asked (a recording method, a source of call records).
      const cucmOptions = shownFields.flatMap((field) =>
        field.type === 'choice' || field.type === 'multi-choice'
          ? offeredOptions(field.options, {
              ...context,
              ...fillIn(found.designQuestionnaire, teamsOnlyAnswers[key] ?? {}, context),
            })
              .filter((option) => mentionsCucm.test(option.label.en))
              .map((option) => `${field.key}: ${option.value}`)
          : [],
      );
      expect([...cucmQuestions, ...cucmOptions], key).toEqual([]);
    }
  });

  it('would be caught raising a CUCM requirement (the check can fail)', () => {
    const onCucm = raisedFor(
      ['call-recording'],
      { 'calling-platform': ['cucm'], deployment: 'windows-vms', 'sql-server-source': 'new-instance' },
      { 'call-recording': { 'recording-method': 'built-in-bridge' } },
      'windows-vms',
    );
    expect(problemsOfTeamsOnly(onCucm)).toEqual(
      expect.arrayContaining([
        'call-recording/cucm-built-in-bridge: speaks of CUCM',
        'call-recording/recorder-ports: speaks of SIP',
        'project/sql-server-new: a SQL Server requirement',
      ]),
    );
  });

  it('is not offered a CUCM recording method, and one chosen before the platform was Teams counts as not given', () => {
    const raised = raisedFor(
      ['call-recording'],
      { ...teamsOnlyProject, deployment: 'virtual-appliance' },
      { 'call-recording': { 'recording-method': 'built-in-bridge' } },
      'virtual-appliance',
    );
    expect(raised.map((item) => item.ruleKey)).not.toContain('recorder-ports');
    expect(problemsOfTeamsOnly(raised)).toEqual([]);
  });
});

/** A title as people compare them: case, punctuation and spacing aside. */
function normalised(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

describe('a project with all six applications', () => {
  it('asks each project-level question in the project questionnaire only', () => {
    const projectFields = listFields(library.projectQuestionnaire.designQuestionnaire).filter(
      (field) => field.key !== 'notes',
    );
    const keys = new Set(projectFields.map((field) => field.key));
    const labels = new Set(projectFields.map((field) => normalised(field.label.en)));
    const repeated = library.applications.flatMap((found) =>
      listFields(found.designQuestionnaire)
        .filter((field) => keys.has(field.key) || labels.has(normalised(field.label.en)))
        .map((field) => `${found.key}: ${field.key} (“${field.label.en}”)`),
    );
    expect(repeated).toEqual([]);
  });

  it('has no application rule that copies a project rule', () => {
    const projectRules = library.projectQuestionnaire.requirementRules;
    const keys = new Set(projectRules.map((rule) => rule.key));
    const titles = new Set(projectRules.map((rule) => normalised(rule.requirement.title.en)));
    const copies = library.applications.flatMap((found) =>
      found.requirementRules
        .filter((rule) => keys.has(rule.key) || titles.has(normalised(rule.requirement.title.en)))
        .map((rule) => `${found.key}: ${rule.key}`),
    );
    expect(copies).toEqual([]);
  });

  const scenarios: {
    name: string;
    deployment: ProjectFacts['deployment'];
    project: Answers;
    applications: Readonly<Record<string, Answers>>;
  }[] = [
    {
      name: 'CUCM, Active Directory, Windows VMs',
      deployment: 'windows-vms',
      project: {
        'calling-platform': ['cucm'],
        'cucm-mixed-mode': true,
        'directory-source': 'active-directory',
        ldaps: true,
        'email-notifications': true,
        'smtp-account': true,
        'internet-access': 'direct',
        'high-availability': true,
      },
      applications: {
        'call-recording': { 'recording-method': 'built-in-bridge', 'storage-target': 'network-share' },
        'call-analytics': { 'cdr-source': 'cucm-billing-server' },
        'contact-manager': { 'contact-sources': ['active-directory', 'crm'] },
        'digital-fax': { 'fax-route': 'cucm' },
      },
    },
    {
      name: 'CUCM and Teams, Entra ID, virtual appliance',
      deployment: 'virtual-appliance',
      project: {
        'calling-platform': ['cucm', 'teams'],
        'cucm-mixed-mode': false,
        'directory-source': 'entra-id',
        'email-notifications': true,
        'internet-access': 'none',
      },
      applications: {
        'call-recording': { 'recording-method': 'network-based' },
        'call-analytics': { 'cdr-source': 'cucm-billing-server' },
        'contact-manager': { 'contact-sources': ['entra-id', 'exchange'] },
        'digital-fax': { 'fax-route': 'sbc' },
      },
    },
    {
      name: 'Teams only, vendor cloud',
      deployment: 'vendor-cloud',
      project: { ...teamsOnlyProject },
      applications: teamsOnlyAnswers,
    },
  ];

  for (const scenario of scenarios) {
    it(`raises no requirement twice (${scenario.name})`, () => {
      const raised = raisedFor(
        allApplications,
        { ...scenario.project, deployment: scenario.deployment },
        scenario.applications,
        scenario.deployment,
      );
      const byTitle = new Map<string, string[]>();
      for (const item of raised)
        byTitle.set(normalised(item.title), [
          ...(byTitle.get(normalised(item.title)) ?? []),
          `${item.source}/${item.ruleKey}`,
        ]);
      const twice = [...byTitle.entries()]
        .filter(([, sources]) => sources.length > 1)
        .map(([title, sources]) => `${title}: ${sources.join(', ')}`);
      expect(twice).toEqual([]);
      // One server for the project: its preparation is raised once, by the project questionnaire.
      const servers = raised.filter(
        (item) => item.category === 'servers' && /virtual machine prepared|hypervisor host/i.test(item.title),
      );
      expect(servers.map((item) => item.source)).toEqual(scenario.deployment === 'vendor-cloud' ? [] : ['project']);
    });
  }

  it("declares every shipped application's sizing on the appliance and on Windows VMs", () => {
    const missing = library.applications.flatMap((found) =>
      (['virtual-appliance', 'windows-vms'] as const)
        .filter((deployment) => found.sizing?.[deployment] === undefined)
        .map((deployment) => `${found.key}: ${deployment}`),
    );
    expect(missing).toEqual([]);
  });

  it('prints the server sizing summed over the applications in scope', () => {
    const raised = raisedFor(
      allApplications,
      { 'calling-platform': ['cucm'], deployment: 'virtual-appliance', 'high-availability': false },
      {},
      'virtual-appliance',
    );
    const host = raised.find((item) => item.ruleKey === 'virtual-appliance-host');
    const sum = (part: 'vcpu' | 'ramGb' | 'diskGb') =>
      library.applications.reduce((total, found) => total + (found.sizing?.['virtual-appliance']?.[part] ?? 0), 0);
    expect(host?.description).toContain(`${sum('vcpu')} vCPU, ${sum('ramGb')} GB RAM and ${sum('diskGb')} GB of disk`);
    expect(host?.description).toContain('Call Recording');
    expect(host?.description).not.toMatch(/\{\{|\}\}/);
  });
});

describe('the recording storage example', () => {
  /** The example's inputs and results, read from the text (in either language). */
  function readExample(text: string) {
    const numbers = (pattern: RegExp) =>
      Number((pattern.exec(text)?.[1] ?? 'NaN').replace(/[.,](?=\d{3}\b)/g, '').replace(',', '.'));
    return {
      hours: numbers(/(\d+) (?:hours a day|ore al giorno) ×/),
      days: numbers(/× (\d+) (?:days|giorni) ×/),
      months: numbers(/× (\d+) (?:months|mesi) ×/),
      megabytes: numbers(/× (\d+) MB =/),
      beforeMargin: numbers(/= ([\d.,]+) GB/),
      margin: numbers(/(\d+)% (?:margin|di margine) ≈/),
      withMargin: numbers(/≈ ([\d.,]+) GB/),
    };
  }

  it('agrees with its own formula, margin included, in both languages', () => {
    const rule = application('call-recording').requirementRules.find(
      (candidate) => candidate.key === 'recording-storage',
    );
    for (const language of ['en', 'it'] as const) {
      const example = readExample(rule?.requirement.description[language] ?? '');
      for (const [name, value] of Object.entries(example))
        expect(Number.isFinite(value), `${language}: ${name} not found in the example`).toBe(true);
      const gigabytes = (example.hours * example.days * example.months * example.megabytes) / 1000;
      // The example rounds to whole gigabytes: within one of the exact figure.
      expect(Math.abs(example.beforeMargin - gigabytes), `${language}: before the margin`).toBeLessThanOrEqual(1);
      expect(
        Math.abs(example.withMargin - gigabytes * (1 + example.margin / 100)),
        `${language}: with the margin`,
      ).toBeLessThanOrEqual(1);
    }
  });

  it('would catch the example that forgot its margin (the check can fail)', () => {
    const wrong = readExample(
      'For example 100 hours a day × 22 days × 12 months × 18 MB = 475 GB, plus 20% margin ≈ 475 GB.',
    );
    const gigabytes = (wrong.hours * wrong.days * wrong.months * wrong.megabytes) / 1000;
    expect(Math.abs(wrong.withMargin - gigabytes * (1 + wrong.margin / 100))).toBeGreaterThan(1);
  });
});

/**
 * A UAT result is testable when it names what the tester observes. The check is a floor, not a judgement: it refuses
 * an empty or one-word result and one that rests on words that observe nothing ("works", "correctly", "as expected",
 * "as designed"); it cannot tell a vague sentence written in other words.
 */
const vagueEnglish =
  /\b(works?|working|correctly|properly|as expected|as designed|exactly as|as the design states|fine|successfully|behaves)\b/i;
const vagueItalian =
  /\b(correttamente|come previsto|come progettato|come da progetto|esattamente come|funziona|funzionano|come atteso|quello atteso)\b/i;

function untestable(item: { expectedResult: { en: string; it: string } }): string | undefined {
  const { en, it: italian } = item.expectedResult;
  if (en.trim().split(/\s+/).length < 5) return `too short to name an observation: “${en}”`;
  const english = vagueEnglish.exec(en);
  if (english !== null) return `rests on “${english[0]}”: “${en}”`;
  const words = vagueItalian.exec(italian);
  if (words !== null) return `rests on “${words[0]}”: “${italian}”`;
  return undefined;
}

describe('the UAT checklists', () => {
  it('give every item an expected result a customer can observe', () => {
    const problems = library.applications.flatMap((found) =>
      found.uatChecklist.flatMap((item) => {
        const problem = untestable(item);
        return problem === undefined ? [] : [`${found.key}/${item.key}: ${problem}`];
      }),
    );
    expect(problems).toEqual([]);
  });

  it('would catch a result that only says it works (the check can fail)', () => {
    expect(
      untestable({
        expectedResult: { en: 'The recording of the test call works as expected.', it: 'La registrazione funziona.' },
      }),
    ).toMatch(/rests on/);
    expect(untestable({ expectedResult: { en: 'OK', it: 'OK' } })).toMatch(/too short/);
  });

  it('leave out the tests a design makes fail by design (an internal call with network-based recording)', () => {
    const recording = application('call-recording');
    const keysFor = (method: string) =>
      uatChecklistFor(library, [{ key: 'call-recording', answers: { 'recording-method': method } }], {
        'project.directory-source': 'none',
        'project.email-notifications': false,
      })[0]?.items.map((item) => item.key) ?? [];
    expect(keysFor('network-based')).not.toContain('internal-call');
    expect(keysFor('siprec')).not.toContain('internal-call');
    expect(keysFor('built-in-bridge')).toContain('internal-call');
    expect(recording.uatChecklist.length).toBeGreaterThan(keysFor('network-based').length);
  });
});

/**
 * The Italian customers read uses "voi" (and "Lei" for one signer), never "tu". The heuristic looks for what a "tu"
 * slip looks like in practice: a second-person singular pronoun or verb ("tu", "ti", "tuo", "puoi"…), or a singular
 * imperative opening a sentence or a button ("Compila", "Apri", "Scegli"…; for forms that are also nouns, such as
 * "Verifica" or "Firma", only when an article follows, as in "Firma il documento"). Its limits: it knows a list of
 * verbs, not the grammar, so an imperative it does not list passes, and a "tu" inside a word never counts.
 */
const singularImperatives = [
  'Compila',
  'Apri',
  'Scegli',
  'Inserisci',
  'Clicca',
  'Proponi',
  'Scarica',
  'Accedi',
  'Leggi',
  'Rispondi',
  'Allega',
  'Premi',
  'Vai',
  'Seleziona',
  'Completa',
  'Aggiungi',
  'Usa',
  'Controlla',
  'Prenota',
  'Ricorda',
  'Segui',
  'Torna',
  'Guarda',
  'Scrivi',
  'Entra',
  'Attendi',
];
const imperativesThatAreNouns = ['Verifica', 'Firma', 'Conferma', 'Modifica', 'Invia', 'Carica', 'Imposta', 'Chiudi'];
const sentenceStart = String.raw`(?:^|[.!?:;]\s+|>\s*|\n\s*|—\s*|\(\s*|"\s*)`;
const articles = String.raw`(?:il|lo|la|i|gli|le|l['’]|un|una|uno|questo|questa|qui|ora|subito|e)\b`;
const tuImperative = new RegExp(
  `${sentenceStart}(?:(?:${singularImperatives.join('|')})\\b|(?:${imperativesThatAreNouns.join('|')})\\s+${articles})`,
  'u',
);
const tuWords = /(?<![\p{L}'’])(?:tu|ti|te|tuo|tua|tuoi|tue|puoi|devi|vuoi|hai)(?![\p{L}])/iu;

function tuIn(text: string): string | undefined {
  const match = tuImperative.exec(text) ?? tuWords.exec(text);
  return match === null ? undefined : match[0].trim();
}

/** Every Italian text of a parsed content file: `it` of a `{ en, it }` pair, or every string of an Italian file. */
function italianTexts(value: unknown, isItalianFile: boolean, path = ''): { path: string; text: string }[] {
  if (typeof value === 'string') return isItalianFile ? [{ path, text: value }] : [];
  if (Array.isArray(value))
    return value.flatMap((item, index) => italianTexts(item, isItalianFile, `${path}[${index}]`));
  if (value !== null && typeof value === 'object') {
    return Object.entries(value).flatMap(([key, item]) =>
      !isItalianFile && key === 'it' && typeof item === 'string'
        ? [{ path: `${path}.it`, text: item }]
        : italianTexts(item, isItalianFile, `${path}.${key}`),
    );
  }
  return [];
}

/** The emails that go to customers and partners (the hand-over package and the request for other dates are internal). */
const customerEmails = [
  'service-presentation',
  'engineer-contact',
  'portal-link',
  'questionnaire-reminder',
  'requirements-reminder',
  'session-proposal',
  'session-invitation',
  'session-cancellation',
  'session-reminder',
  'signature-request',
  'signed-document',
] as const;

describe('the Italian customers read', () => {
  it('never says "tu": questionnaires, requirements, UAT, checklists, emails, documents and the portal', async () => {
    const sources: { where: string; texts: { path: string; text: string }[] }[] = [
      { where: 'project-questionnaire.yaml', texts: italianTexts(library.projectQuestionnaire, false) },
      { where: 'environment-checklists.yaml', texts: italianTexts(library.environmentChecklists, false) },
      ...library.applications.map((found) => ({
        where: `applications/${found.key}.yaml`,
        texts: italianTexts(found, false),
      })),
      ...customerEmails.map((key) => ({
        where: `email-templates/it/${key}.yaml`,
        texts: italianTexts(library.emailTemplates[key].it, true),
      })),
      ...(['terms-and-conditions', 'workflow-overview'] as const).map((key) => ({
        where: `documents/it/${key}.yaml`,
        texts: italianTexts(library.documents[key].it, true),
      })),
      {
        where: 'src/web/i18n/portal.it.json',
        texts: italianTexts(
          JSON.parse(await readFile(fileURLToPath(new URL('../../web/i18n/portal.it.json', import.meta.url)), 'utf8')),
          true,
        ),
      },
    ];
    const found = sources.flatMap(({ where, texts }) =>
      texts.flatMap(({ path, text }) => {
        const slip = tuIn(text);
        return slip === undefined ? [] : [`${where} ${path}: “${slip}”`];
      }),
    );
    expect(found).toEqual([]);
  });

  it('catches the slips it is meant to catch, and lets nouns and "voi" pass', () => {
    for (const slip of [
      '<a href="x">Compila il questionario</a>',
      'Verifica e firma il documento nel portale',
      'Firma il documento',
      'Qui puoi seguire il progetto.',
      'Il tuo progetto',
    ]) {
      expect(tuIn(slip), slip).toBeDefined();
    }
    for (const fine of [
      'Compilate il questionario',
      'Verifica del documento firmato',
      'Firma digitale',
      'Potete seguire il progetto.',
      'Tutti i tuoni',
      'la tua'.replace('tua', 'vostra'),
    ]) {
      expect(tuIn(fine), fine).toBeUndefined();
    }
  });
});
