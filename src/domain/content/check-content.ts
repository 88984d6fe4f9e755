/**
 * Cross-checks of a content library once each file has passed its schema: references
 * between files, rule fields, template placeholders, and the two languages agreeing. Pure,
 * so the admin's live copy can be checked with the same rules as the shipped files.
 */
import { defaultTemplate } from '../process/default-template';
import type {
  Application,
  EnvironmentChecklists,
  ProjectQuestionnaireFile,
  RequirementRule,
  Service,
} from './content.schemas';
import {
  contentLanguages,
  deploymentOptions,
  documentKeys,
  onPremisesDeployments,
  projectQuestionnaireKey,
} from './content.schemas';
import { callingPlatformFieldKey, callingPlatformOptions, projectCallingPlatformOptions } from './delivery-checklists';
import { checkEmailTemplate } from './email-templates';
import type { ContentLibrary, ContentLibraryDraft } from './library';
import { emailTemplateKeys, placeholderSpecs } from './placeholders';
import {
  applicationScope,
  checkRequirementText,
  projectDeploymentField,
  projectQuestionnaireScope,
  usesSizing,
} from './project-questionnaire';
import {
  checkConditionOf,
  checkQuestionnaire,
  checkRequirementRules,
  listFields,
  type ReferenceScope,
} from './questionnaire';

/** A problem in the content library, located by its file (relative to content/). */
export interface ContentProblem {
  readonly file: string;
  readonly message: string;
}

// The library's types live in library.ts (delivery-checklists.ts reads them too); kept here under their old address.
export type { ContentLibrary, ContentLibraryDraft };

export const contentFiles = {
  vendor: 'vendor.yaml',
  teams: 'teams.yaml',
  services: 'services.yaml',
  projectQuestionnaire: 'project-questionnaire.yaml',
  environmentChecklists: 'environment-checklists.yaml',
  application: (key: string) => `applications/${key}.yaml`,
  emailTemplate: (language: string, key: string) => `email-templates/${language}/${key}.yaml`,
  document: (language: string, key: string) => `documents/${language}/${key}.yaml`,
};

function duplicates(values: readonly string[]): string[] {
  return [...new Set(values.filter((value, index) => values.indexOf(value) !== index))];
}

/** The problems of requirement texts' placeholders, as `requirementRules.<key>.<part>.<language>: …` messages. */
function checkRuleTexts(rules: readonly RequirementRule[]): string[] {
  return rules.flatMap((rule) =>
    (['title', 'description'] as const).flatMap((part) =>
      contentLanguages.flatMap((language) =>
        checkRequirementText(rule.requirement[part][language] ?? '').map(
          (message) => `requirementRules.${rule.key}.${part}.${language}, ${message}`,
        ),
      ),
    ),
  );
}

function checkApplication(
  application: Application,
  teamKeys: ReadonlySet<string> | undefined,
  project: { file: ProjectQuestionnaireFile; scope: ReferenceScope } | undefined,
): ContentProblem[] {
  const file = contentFiles.application(application.key);
  const messages: string[] = [];
  const scope = project?.scope ?? new Map();
  if (application.key === projectQuestionnaireKey)
    messages.push(`key "${projectQuestionnaireKey}" is the project questionnaire's: name the application otherwise`);
  if (teamKeys !== undefined && !teamKeys.has(application.competenceTeam)) {
    messages.push(`competenceTeam "${application.competenceTeam}" is not a team of ${contentFiles.teams}`);
  }
  const questionnaire = application.designQuestionnaire;
  for (const issue of [
    ...checkQuestionnaire(questionnaire, 'designQuestionnaire', scope),
    ...checkRequirementRules(application, scope),
    ...application.uatChecklist.flatMap((item) =>
      item.when === undefined ? [] : checkConditionOf(item.when, questionnaire, `uatChecklist.${item.key}.when`, scope),
    ),
    ...application.pbxTasks.flatMap((task) =>
      task.when === undefined ? [] : checkConditionOf(task.when, questionnaire, `pbxTasks.${task.key}.when`, scope),
    ),
  ]) {
    messages.push(`${issue.path}: ${issue.message}`);
  }
  messages.push(...checkRuleTexts(application.requirementRules));
  for (const key of duplicates(application.uatChecklist.map((item) => item.key))) {
    messages.push(`uatChecklist: item key "${key}" is used more than once`);
  }
  for (const key of duplicates(application.configurationFields.map((field) => field.key))) {
    messages.push(`configurationFields: field key "${key}" is used more than once`);
  }
  messages.push(...checkPbxTasks(application, project?.file));
  const isSqlRule = (rule: RequirementRule) => rule.requirement.category === 'sql-server';
  const hasSqlRule =
    application.requirementRules.some(isSqlRule) || (project?.file.requirementRules.some(isSqlRule) ?? false);
  if (application.needsSqlServer && !hasSqlRule) {
    messages.push(
      'needsSqlServer is true but no requirement rule (of the application or of the project questionnaire) has the category "sql-server"',
    );
  }
  return messages.map((message) => ({ file, message }));
}

function checkPbxTasks(application: Application, project: ProjectQuestionnaireFile | undefined): string[] {
  const messages = duplicates(application.pbxTasks.map((task) => task.key)).map(
    (key) => `pbxTasks: task key "${key}" is used more than once`,
  );
  // An application that still asks its own calling platform (an admin's copy from before the project questionnaire)
  // names that field's options; every other names the project questionnaire's.
  const ownPlatforms = callingPlatformOptions(application);
  const platforms = ownPlatforms ?? (project === undefined ? undefined : projectCallingPlatformOptions(project));
  const where =
    ownPlatforms === undefined
      ? `the project questionnaire's field "${callingPlatformFieldKey}"`
      : `the questionnaire field "${callingPlatformFieldKey}"`;
  for (const task of application.pbxTasks) {
    if (task.platforms === undefined) continue;
    if (platforms === undefined) {
      if (project !== undefined) {
        messages.push(
          `pbxTasks.${task.key}.platforms: neither the design questionnaire nor the project questionnaire has a field "${callingPlatformFieldKey}", so a task cannot name platforms`,
        );
      }
      continue;
    }
    for (const platform of task.platforms) {
      if (!platforms.includes(platform)) {
        messages.push(
          `pbxTasks.${task.key}.platforms: "${platform}" is not an option of ${where} (${platforms.join(', ')})`,
        );
      }
    }
    for (const platform of duplicates(task.platforms))
      messages.push(`pbxTasks.${task.key}.platforms: "${platform}" is listed more than once`);
  }
  return messages;
}

function checkProjectQuestionnaire(
  project: ProjectQuestionnaireFile,
  applications: readonly Application[],
): ContentProblem[] {
  const messages: string[] = [];
  const scope = projectQuestionnaireScope(applications);
  for (const issue of [
    ...checkQuestionnaire(project.designQuestionnaire, 'designQuestionnaire', scope),
    ...checkRequirementRules(project, scope),
  ]) {
    messages.push(`${issue.path}: ${issue.message}`);
  }
  messages.push(...checkRuleTexts(project.requirementRules));
  const fields = listFields(project.designQuestionnaire);
  const platform = fields.find((field) => field.key === callingPlatformFieldKey);
  if (platform?.type !== 'multi-choice') {
    messages.push(
      `designQuestionnaire: needs a multi-choice field "${callingPlatformFieldKey}" (the calling platforms, which PBX tasks name)`,
    );
  }
  const deployment = fields.find((field) => field.key === projectDeploymentField);
  const options = deployment?.type === 'choice' ? deployment.options.map((option) => option.value) : undefined;
  if (
    options === undefined ||
    options.length !== deploymentOptions.length ||
    !deploymentOptions.every((value) => options.includes(value))
  ) {
    messages.push(
      `designQuestionnaire: needs a choice field "${projectDeploymentField}" whose options are the deployment options (${deploymentOptions.join(', ')})`,
    );
  }
  if (deployment !== undefined && deployment.showIf !== undefined)
    messages.push(
      `designQuestionnaire: the field "${projectDeploymentField}" is asked of every project: it takes no showIf`,
    );
  return messages.map((message) => ({ file: contentFiles.projectQuestionnaire, message }));
}

/**
 * The applications whose sizing lacks a deployment option the library's requirement texts print. An application with no
 * `sizing` at all (one an admin added before sizings existed) adds nothing to the sum rather than stop every request:
 * the content tests require it of the shipped applications.
 */
function checkSizing(library: ContentLibraryDraft): ContentProblem[] {
  const rules = [
    ...(library.projectQuestionnaire?.requirementRules ?? []),
    ...library.applications.flatMap((application) => application.requirementRules),
  ];
  const isPrinted = rules.some((rule) =>
    contentLanguages.some(
      (language) =>
        usesSizing(rule.requirement.title[language] ?? '') || usesSizing(rule.requirement.description[language] ?? ''),
    ),
  );
  if (!isPrinted) return [];
  return library.applications.flatMap((application) =>
    application.sizing === undefined
      ? []
      : onPremisesDeployments
          .filter((deployment) => application.sizing?.[deployment] === undefined)
          .map((deployment) => ({
            file: contentFiles.application(application.key),
            message: `sizing.${deployment} is missing: requirement texts print the server sizing summed over the applications in scope`,
          })),
  );
}

function checkEnvironmentChecklists(checklists: EnvironmentChecklists): ContentProblem[] {
  return deploymentOptions.flatMap((deployment) =>
    duplicates(checklists[deployment].map((item) => item.key)).map((key) => ({
      file: contentFiles.environmentChecklists,
      message: `${deployment}: item key "${key}" is used more than once`,
    })),
  );
}

function checkServices(services: readonly Service[]): ContentProblem[] {
  const stepKeys = new Set(defaultTemplate.steps.map((step) => step.key));
  const messages: string[] = duplicates(services.map((service) => service.key)).map(
    (key) => `service key "${key}" is used more than once`,
  );
  for (const service of services) {
    for (const step of service.steps) {
      if (!stepKeys.has(step))
        messages.push(`service "${service.key}": step "${step}" is not a step of the default process template`);
    }
    for (const step of duplicates(service.steps))
      messages.push(`service "${service.key}": step "${step}" is listed more than once`);
  }
  return messages.map((message) => ({ file: contentFiles.services, message }));
}

function checkEmailTemplates(templates: ContentLibraryDraft['emailTemplates']): ContentProblem[] {
  return emailTemplateKeys.flatMap((key) =>
    contentLanguages.flatMap((language) => {
      const template = templates[key]?.[language];
      if (template === undefined) return [];
      return checkEmailTemplate(template, placeholderSpecs[key]).map((problem) => ({
        file: contentFiles.emailTemplate(language, key),
        message: `${problem.part}, line ${problem.line} column ${problem.column}: ${problem.message}`,
      }));
    }),
  );
}

function checkDocuments(documents: ContentLibraryDraft['documents']): ContentProblem[] {
  const problems: ContentProblem[] = [];
  for (const key of documentKeys) {
    const english = documents[key]?.en;
    const italian = documents[key]?.it;
    if (english === undefined || italian === undefined) continue;
    const file = contentFiles.document('it', key);
    if (english.version !== italian.version) {
      problems.push({
        file,
        message: `version ${italian.version} differs from the English version ${english.version}`,
      });
    }
    if (english.sections.length !== italian.sections.length) {
      problems.push({
        file,
        message: `has ${italian.sections.length} sections where the English document has ${english.sections.length}`,
      });
    }
  }
  return problems;
}

/** Every cross-file problem of a library whose files each passed their schema. */
export function checkContentLibrary(library: ContentLibraryDraft): ContentProblem[] {
  const teamKeys = library.teams === undefined ? undefined : new Set(library.teams.map((team) => team.key));
  const problems: ContentProblem[] = [];
  if (library.teams !== undefined) {
    for (const key of duplicates(library.teams.map((team) => team.key))) {
      problems.push({ file: contentFiles.teams, message: `team key "${key}" is used more than once` });
    }
  }
  const project =
    library.projectQuestionnaire === undefined
      ? undefined
      : {
          file: library.projectQuestionnaire,
          scope: applicationScope(library.projectQuestionnaire, library.applications),
        };
  if (library.projectQuestionnaire !== undefined)
    problems.push(...checkProjectQuestionnaire(library.projectQuestionnaire, library.applications));
  for (const application of library.applications) problems.push(...checkApplication(application, teamKeys, project));
  const questionnaireKeys = [
    ...library.applications.map((application) => application.designQuestionnaire.key),
    ...(library.projectQuestionnaire === undefined ? [] : [library.projectQuestionnaire.designQuestionnaire.key]),
  ];
  for (const key of duplicates(questionnaireKeys)) {
    problems.push({
      file: 'applications/',
      message: `questionnaire key "${key}" is used by more than one questionnaire`,
    });
  }
  problems.push(...checkSizing(library));
  if (library.services !== undefined) problems.push(...checkServices(library.services));
  if (library.environmentChecklists !== undefined)
    problems.push(...checkEnvironmentChecklists(library.environmentChecklists));
  problems.push(...checkEmailTemplates(library.emailTemplates), ...checkDocuments(library.documents));
  return problems;
}
