/**
 * Cross-checks of a content library once each file has passed its schema: references
 * between files, rule fields, template placeholders, and the two languages agreeing. Pure,
 * so the admin's live copy can be checked with the same rules as the shipped files.
 */
import { defaultTemplate } from '../process/default-template';
import type {
  Application,
  ContentDocument,
  ContentLanguage,
  DocumentKey,
  EmailTemplate,
  EnvironmentChecklists,
  Service,
  Team,
  Vendor,
} from './content.schemas';
import { contentLanguages, deploymentOptions, documentKeys } from './content.schemas';
import { callingPlatformFieldKey, callingPlatformOptions } from './delivery-checklists';
import { checkEmailTemplate } from './email-templates';
import { emailTemplateKeys, placeholderSpecs, type EmailTemplateKey } from './placeholders';
import { checkQuestionnaire, checkRequirementRules } from './questionnaire';

/** A problem in the content library, located by its file (relative to content/). */
export interface ContentProblem {
  readonly file: string;
  readonly message: string;
}

type ByLanguage<T> = Readonly<Record<ContentLanguage, T>>;

/** The whole content library, as the application reads it. */
export interface ContentLibrary {
  readonly vendor: Vendor;
  readonly teams: readonly Team[];
  readonly services: readonly Service[];
  readonly applications: readonly Application[];
  /** The environment checklist (step P1) of each deployment option. */
  readonly environmentChecklists: EnvironmentChecklists;
  readonly emailTemplates: Readonly<Record<EmailTemplateKey, ByLanguage<EmailTemplate>>>;
  readonly documents: Readonly<Record<DocumentKey, ByLanguage<ContentDocument>>>;
}

/** A library being assembled: any part may be missing (a file absent or refused). */
export interface ContentLibraryDraft {
  readonly vendor?: Vendor;
  readonly teams?: readonly Team[];
  readonly services?: readonly Service[];
  readonly applications: readonly Application[];
  readonly environmentChecklists?: EnvironmentChecklists;
  readonly emailTemplates: Partial<Record<EmailTemplateKey, Partial<ByLanguage<EmailTemplate>>>>;
  readonly documents: Partial<Record<DocumentKey, Partial<ByLanguage<ContentDocument>>>>;
}

export const contentFiles = {
  vendor: 'vendor.yaml',
  teams: 'teams.yaml',
  services: 'services.yaml',
  environmentChecklists: 'environment-checklists.yaml',
  application: (key: string) => `applications/${key}.yaml`,
  emailTemplate: (language: string, key: string) => `email-templates/${language}/${key}.yaml`,
  document: (language: string, key: string) => `documents/${language}/${key}.yaml`,
};

function duplicates(values: readonly string[]): string[] {
  return [...new Set(values.filter((value, index) => values.indexOf(value) !== index))];
}

function checkApplication(application: Application, teamKeys: ReadonlySet<string> | undefined): ContentProblem[] {
  const file = contentFiles.application(application.key);
  const messages: string[] = [];
  if (teamKeys !== undefined && !teamKeys.has(application.competenceTeam)) {
    messages.push(`competenceTeam "${application.competenceTeam}" is not a team of ${contentFiles.teams}`);
  }
  for (const issue of [...checkQuestionnaire(application.designQuestionnaire), ...checkRequirementRules(application)]) {
    messages.push(`${issue.path}: ${issue.message}`);
  }
  for (const key of duplicates(application.uatChecklist.map((item) => item.key))) {
    messages.push(`uatChecklist: item key "${key}" is used more than once`);
  }
  for (const key of duplicates(application.configurationFields.map((field) => field.key))) {
    messages.push(`configurationFields: field key "${key}" is used more than once`);
  }
  messages.push(...checkPbxTasks(application));
  const hasSqlRule = application.requirementRules.some((rule) => rule.requirement.category === 'sql-server');
  if (application.needsSqlServer && !hasSqlRule) {
    messages.push('needsSqlServer is true but no requirement rule has the category "sql-server"');
  }
  return messages.map((message) => ({ file, message }));
}

function checkPbxTasks(application: Application): string[] {
  const messages = duplicates(application.pbxTasks.map((task) => task.key)).map((key) => `pbxTasks: task key "${key}" is used more than once`);
  const platforms = callingPlatformOptions(application);
  for (const task of application.pbxTasks) {
    if (task.platforms === undefined) continue;
    if (platforms === undefined) {
      messages.push(
        `pbxTasks.${task.key}.platforms: the design questionnaire has no choice field "${callingPlatformFieldKey}", so a task cannot name platforms`,
      );
      continue;
    }
    for (const platform of task.platforms) {
      if (!platforms.includes(platform)) {
        messages.push(
          `pbxTasks.${task.key}.platforms: "${platform}" is not an option of the questionnaire field "${callingPlatformFieldKey}" (${platforms.join(', ')})`,
        );
      }
    }
    for (const platform of duplicates(task.platforms)) messages.push(`pbxTasks.${task.key}.platforms: "${platform}" is listed more than once`);
  }
  return messages;
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
      if (!stepKeys.has(step)) messages.push(`service "${service.key}": step "${step}" is not a step of the default process template`);
    }
    for (const step of duplicates(service.steps)) messages.push(`service "${service.key}": step "${step}" is listed more than once`);
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
      problems.push({ file, message: `version ${italian.version} differs from the English version ${english.version}` });
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
  for (const application of library.applications) problems.push(...checkApplication(application, teamKeys));
  for (const key of duplicates(library.applications.map((application) => application.designQuestionnaire.key))) {
    problems.push({ file: 'applications/', message: `questionnaire key "${key}" is used by more than one application` });
  }
  if (library.services !== undefined) problems.push(...checkServices(library.services));
  if (library.environmentChecklists !== undefined) problems.push(...checkEnvironmentChecklists(library.environmentChecklists));
  problems.push(...checkEmailTemplates(library.emailTemplates), ...checkDocuments(library.documents));
  return problems;
}
