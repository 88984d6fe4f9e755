/**
 * The project questionnaire: the questions asked once per project (where the applications run, the calling platform,
 * the directory, the relay, licences, certificates…), the context its answers give the applications' conditions
 * (`project.<key>`), the server sizing summed over the applications in scope, and the placeholders a requirement text
 * may print. Pure.
 */
import { pick } from '../text/languages';
import Mustache from 'mustache';
import type { Language } from '../text/languages';
import type {
  Application,
  ApplicationSizing,
  DeploymentOption,
  ProjectQuestionnaireFile,
  QuestionnaireField,
  ServerSizing,
} from './content.schemas';
import { deploymentOptions, onPremisesDeployments } from './content.schemas';
import { projectFieldPrefix } from './questionnaire-answers';
import { findUnknownPlaceholders } from './email-templates';
import { placeholderText, type PlaceholderSpec } from './placeholders';
import {
  evaluateCondition,
  isAnswered,
  listFields,
  projectFactKeys,
  type Answers,
  type AnswerValue,
  type ReferenceScope,
} from './questionnaire';

/** The project questionnaire's field whose options are the calling platforms (`pbxTasks.platforms` name them). */
export const projectCallingPlatformField = 'calling-platform';
/** The project questionnaire's field whose options are the deployment options (its answer becomes the project's). */
export const projectDeploymentField = 'deployment';

/** What Engage knows of a project without asking: the applications in scope and the deployment of its order. */
export interface ProjectFacts {
  readonly applications: readonly string[];
  readonly deployment: DeploymentOption;
}

/** The facts' labels in every language, for a condition's description that quotes a fact as its question. */
const factLabels = {
  applications: placeholderText('project-facts.applications'),
  needsSqlServer: placeholderText('project-facts.needsSqlServer'),
};

function factFields(applications: readonly Pick<Application, 'key' | 'name'>[]): QuestionnaireField[] {
  return [
    {
      key: projectFactKeys.applications,
      type: 'multi-choice',
      required: false,
      label: factLabels.applications,
      // A library needs two options for a multi-choice; with one application the check still reads its key.
      options: applications.map((application) => ({ value: application.key, label: application.name })),
    },
    {
      key: projectFactKeys.needsSqlServer,
      type: 'yes-no',
      required: false,
      label: factLabels.needsSqlServer,
    },
  ];
}

/** What the project questionnaire's own conditions may name besides its fields: the project's facts. */
export function projectQuestionnaireScope(applications: readonly Pick<Application, 'key' | 'name'>[]): ReferenceScope {
  return new Map(factFields(applications).map((field) => [field.key, field]));
}

/** What an application's conditions may name as `project.<key>`: the project questionnaire's fields and the project's facts. */
export function applicationScope(
  project: ProjectQuestionnaireFile,
  applications: readonly Pick<Application, 'key' | 'name'>[],
): ReferenceScope {
  const scope = new Map<string, QuestionnaireField>();
  for (const field of listFields(project.designQuestionnaire)) scope.set(`${projectFieldPrefix}${field.key}`, field);
  for (const field of factFields(applications)) scope.set(field.key, field);
  return scope;
}

/** The facts as the project questionnaire's conditions read them. */
export function projectFactAnswers(
  library: { readonly applications: readonly Application[] },
  facts: ProjectFacts,
): Record<string, AnswerValue> {
  const inScope = library.applications.filter((application) => facts.applications.includes(application.key));
  return {
    [projectFactKeys.applications]: [...facts.applications],
    [projectFactKeys.needsSqlServer]: inScope.some((application) => application.needsSqlServer),
  };
}

/**
 * The context an application's conditions read: each project questionnaire field as `project.<key>` (its answer; null
 * when its own condition hides it; absent while it waits for an answer, so that what depends on it stays undecided),
 * `project.deployment` from the project when unanswered, and the facts. `projectAnswers` null: not answered at all.
 */
export function projectContext(
  library: { readonly applications: readonly Application[]; readonly projectQuestionnaire: ProjectQuestionnaireFile },
  facts: ProjectFacts,
  projectAnswers: Answers | null,
): Record<string, AnswerValue> {
  const factAnswers = projectFactAnswers(library, facts);
  const context: Record<string, AnswerValue> = { ...factAnswers };
  const own: Record<string, AnswerValue> = {};
  for (const field of listFields(library.projectQuestionnaire.designQuestionnaire)) {
    const answer = projectAnswers?.[field.key];
    const isShown = field.showIf === undefined || evaluateCondition(field.showIf, { ...factAnswers, ...own });
    if (!isShown) {
      context[`${projectFieldPrefix}${field.key}`] = null;
      continue;
    }
    if (answer !== undefined && answer !== null && isAnswered(answer)) {
      own[field.key] = answer;
      context[`${projectFieldPrefix}${field.key}`] = answer;
    }
  }
  const deploymentKey = `${projectFieldPrefix}${projectDeploymentField}`;
  if (context[deploymentKey] === undefined || context[deploymentKey] === null)
    context[deploymentKey] = facts.deployment;
  return context;
}

/** The deployment option a project's answers settle on: the questionnaire's answer when it is one, else the order's. */
export function deploymentOf(context: Answers, fallback: DeploymentOption): DeploymentOption {
  const answer = context[`${projectFieldPrefix}${projectDeploymentField}`];
  return typeof answer === 'string' && (deploymentOptions as readonly string[]).includes(answer)
    ? (answer as DeploymentOption)
    : fallback;
}

/** The calling platforms the project answered, or undefined while they are not answered. */
export function callingPlatformsOf(context: Answers): readonly string[] | undefined {
  const answer = context[`${projectFieldPrefix}${projectCallingPlatformField}`];
  if (Array.isArray(answer) && answer.length > 0)
    return answer.filter((value): value is string => typeof value === 'string');
  if (typeof answer === 'string' && answer !== '') return [answer];
  return undefined;
}

/** The server the applications in scope need together on a deployment option: the sum of their sizings (zero for the vendor's cloud). */
export function summedSizing(
  applications: readonly Pick<Application, 'sizing'>[],
  deployment: DeploymentOption,
): ServerSizing {
  const total: ServerSizing = { vcpu: 0, ramGb: 0, diskGb: 0 };
  if (!(onPremisesDeployments as readonly string[]).includes(deployment)) return total;
  for (const application of applications) {
    const sizing = application.sizing?.[deployment as keyof ApplicationSizing];
    if (sizing === undefined) continue;
    total.vcpu += sizing.vcpu;
    total.ramGb += sizing.ramGb;
    total.diskGb += sizing.diskGb;
  }
  return total;
}

/** The placeholders a requirement's title and description may print: the project's values, filled when it is raised. */
export const requirementTextPlaceholders: PlaceholderSpec = {
  sizing: {
    kind: 'object',
    description: placeholderText('requirement-text.sizing.about'),
    children: {
      vcpu: { kind: 'value', description: placeholderText('requirement-text.sizing.vcpu'), example: '8' },
      ramGb: { kind: 'value', description: placeholderText('requirement-text.sizing.ramGb'), example: '24' },
      diskGb: { kind: 'value', description: placeholderText('requirement-text.sizing.diskGb'), example: '250' },
    },
  },
  applications: {
    kind: 'value',
    description: placeholderText('requirement-text.applications'),
    example: 'Call Recording, Call Analytics',
  },
};

/** The problems of a requirement text's placeholders (unknown names, lists, partials), as messages. */
export function checkRequirementText(text: string): string[] {
  return findUnknownPlaceholders(text, requirementTextPlaceholders, { allowUnescaped: true }).map(
    (problem) => `line ${problem.line} column ${problem.column}: ${problem.message}`,
  );
}

/** Whether a requirement text prints the summed sizing. */
export function usesSizing(text: string): boolean {
  return /\{\{\s*sizing\./.test(text);
}

/** The values of the placeholders for a project, in a language. */
export interface RequirementTextValues {
  readonly sizing: ServerSizing;
  readonly applicationNames: string;
}

/** A requirement text with the project's values printed (plain text: nothing is escaped). */
export function renderRequirementText(text: string, values: RequirementTextValues): string {
  if (!text.includes('{{')) return text;
  return Mustache.render(
    text,
    {
      sizing: {
        vcpu: String(values.sizing.vcpu),
        ramGb: String(values.sizing.ramGb),
        diskGb: String(values.sizing.diskGb),
      },
      applications: values.applicationNames,
    },
    {},
    { escape: (value: unknown) => String(value) },
  );
}

/** The values a project's requirement texts print, in a language: the sizing of its deployment and its applications' names. */
export function requirementTextValues(
  library: { readonly applications: readonly Application[] },
  applicationKeys: readonly string[],
  deployment: DeploymentOption,
  language: Language,
): RequirementTextValues {
  // In the project's order, as its other documents list them.
  const inScope = applicationKeys.flatMap((key) =>
    library.applications.filter((application) => application.key === key),
  );
  return {
    sizing: summedSizing(inScope, deployment),
    applicationNames: inScope.map((application) => pick(application.name, language)).join(', '),
  };
}
