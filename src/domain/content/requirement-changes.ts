/**
 * How a project's submitted answers change its requirement list (step E5): the requirements the rules now raise that
 * the list lacks, and the generated ones the answers no longer raise. Pure: the server reads the responses and the
 * list, and stores what this decides.
 */
import type { ContentLibrary } from './check-content';
import {
  projectQuestionnaireKey,
  type DeploymentOption,
  type Questionnaire,
  type Requirement,
  type RequirementRule,
} from './content.schemas';
import {
  applicationScope,
  deploymentOf,
  projectContext,
  projectFactAnswers,
  projectQuestionnaireScope,
  renderRequirementText,
  requirementTextValues,
} from './project-questionnaire';
import { decideRequirements, describeCondition, type ReferenceScope } from './questionnaire';
import type { Answers, AnswerValue } from './questionnaire-answers';
import { inEveryLanguage, pick, type Language } from '../text/languages';

/** A requirement the rules would add, with the answers that raise it. */
export interface ProposedRequirement {
  applicationKey: string;
  ruleKey: string;
  category: Requirement['category'];
  title: Record<Language, string>;
  description: Record<Language, string>;
  owner: Requirement['owner'];
  reason: Record<Language, string>;
  leadTimeDays: number | null;
}

/** What a project is, as the requirement rules read it: its applications and the deployment of its order. */
export interface ProjectScope {
  applications: readonly string[];
  deployment: DeploymentOption;
}

/** A questionnaire's response as the rules read it: whose, and the answers submitted (null until submitted). */
export interface SubmittedResponse {
  readonly applicationKey: string;
  readonly submittedAnswers: Readonly<Record<string, unknown>> | null;
}

/** A requirement of the list as the rules read it: the rule that raised it (null if added by hand) and its removal. */
export interface ListedRequirement {
  readonly applicationKey: string | null;
  readonly ruleKey: string | null;
  readonly removedAt: Date | null;
  /** 'engineer' (removed by hand; a rule does not raise it again) or 'answers'. */
  readonly removedCause: string | null;
}

export interface RequirementChanges<Row extends ListedRequirement> {
  adds: ProposedRequirement[];
  removes: Row[];
}

/** The questionnaire, rules and reference scope behind a response: the project questionnaire's or an application's. */
function rulesOf(
  library: ContentLibrary,
  key: string,
): {
  questionnaire: Questionnaire;
  rules: readonly RequirementRule[];
  scope: ReferenceScope;
  isProject: boolean;
} | null {
  if (key === projectQuestionnaireKey) {
    const project = library.projectQuestionnaire;
    return {
      questionnaire: project.designQuestionnaire,
      rules: project.requirementRules,
      scope: projectQuestionnaireScope(library.applications),
      isProject: true,
    };
  }
  const application = library.applications.find((candidate) => candidate.key === key);
  if (application === undefined) return null;
  return {
    questionnaire: application.designQuestionnaire,
    rules: application.requirementRules,
    scope: applicationScope(library.projectQuestionnaire, library.applications),
    isProject: false,
  };
}

/**
 * What the rules decide from the submitted answers of one questionnaire: the requirements they raise, with the answers
 * that raise them in words and the project's values printed, and the rules still waiting on a project answer.
 */
function proposedFor(
  library: ContentLibrary,
  project: ProjectScope,
  response: SubmittedResponse,
  projectResponse: SubmittedResponse | undefined,
): { proposed: ProposedRequirement[]; undecided: Set<string> } {
  const source = rulesOf(library, response.applicationKey);
  if (source === null || response.submittedAnswers === null) return { proposed: [], undecided: new Set() };
  const facts = { applications: project.applications, deployment: project.deployment };
  const projectAnswers = (projectResponse?.submittedAnswers ?? null) as Answers | null;
  const context: Record<string, AnswerValue> = source.isProject
    ? projectFactAnswers(library, facts)
    : projectContext(library, facts, projectAnswers);
  const deployment = source.isProject
    ? deploymentOf({ 'project.deployment': (response.submittedAnswers as Answers).deployment }, project.deployment)
    : deploymentOf(context, project.deployment);
  const values = inEveryLanguage((language) =>
    requirementTextValues(library, project.applications, deployment, language),
  );
  const rules = new Map(source.rules.map((rule) => [rule.key, rule]));
  const decided = decideRequirements(
    { key: response.applicationKey, designQuestionnaire: source.questionnaire, requirementRules: [...source.rules] },
    response.submittedAnswers as Answers,
    context,
  );
  const describe = (rule: RequirementRule | undefined, language: Language) =>
    rule === undefined
      ? ''
      : describeCondition(rule.when, source.questionnaire, language, {
          scope: source.scope,
          isProject: source.isProject,
        });
  const proposed = decided.raised.map((generated) => {
    const rule = rules.get(generated.ruleKey);
    return {
      applicationKey: response.applicationKey,
      ruleKey: generated.ruleKey,
      category: generated.category,
      title: inEveryLanguage((language) => renderRequirementText(pick(generated.title, language), values[language])),
      description: inEveryLanguage((language) =>
        renderRequirementText(pick(generated.description, language), values[language]),
      ),
      owner: generated.owner,
      reason: inEveryLanguage((language) => describe(rule, language)),
      leadTimeDays: generated.leadTimeDays ?? null,
    };
  });
  return { proposed, undecided: new Set(decided.undecided) };
}

/**
 * How the submitted answers would change the list: requirements the rules now raise that the list lacks (unless the
 * engineer removed them by hand), and generated ones the answers no longer raise. A rule that waits on a project
 * answer nobody submitted yet, or that the library no longer has, neither adds nor withdraws anything: only answers
 * withdraw what answers raised.
 */
export function computeChanges<Row extends ListedRequirement>(
  library: ContentLibrary,
  project: ProjectScope,
  responses: readonly SubmittedResponse[],
  rows: readonly Row[],
  onlyApplication?: string,
): RequirementChanges<Row> {
  const adds: ProposedRequirement[] = [];
  const removes: Row[] = [];
  const projectResponse = responses.find((response) => response.applicationKey === projectQuestionnaireKey);
  for (const response of responses) {
    if (response.submittedAnswers === null) continue;
    if (onlyApplication !== undefined && response.applicationKey !== onlyApplication) continue;
    const { proposed, undecided } = proposedFor(library, project, response, projectResponse);
    const known = new Set(rulesOf(library, response.applicationKey)?.rules.map((rule) => rule.key) ?? []);
    const proposedKeys = new Set(proposed.map((item) => item.ruleKey));
    const ofApplication = rows.filter((row) => row.applicationKey === response.applicationKey && row.ruleKey !== null);
    const active = new Set(ofApplication.filter((row) => row.removedAt === null).map((row) => row.ruleKey));
    const removedByEngineer = new Set(
      ofApplication.filter((row) => row.removedCause === 'engineer').map((row) => row.ruleKey),
    );
    for (const item of proposed) if (!active.has(item.ruleKey) && !removedByEngineer.has(item.ruleKey)) adds.push(item);
    for (const row of ofApplication) {
      if (row.removedAt !== null || row.ruleKey === null || proposedKeys.has(row.ruleKey)) continue;
      if (undecided.has(row.ruleKey) || !known.has(row.ruleKey)) continue;
      removes.push(row);
    }
  }
  return { adds, removes };
}
