/**
 * What the delivery steps ask of the customer and the partner, drawn from the content library: the environment
 * checklist of step P1 (`environment`), the calling-platform tasks of step P3 (`pbx-configuration`) and the UAT items
 * of step P5, each narrowed by the project's answers. Pure.
 */
import type { ContentLibrary } from './library';
import type {
  Application,
  DeploymentOption,
  EnvironmentItem,
  PbxTask,
  ProjectQuestionnaireFile,
  UatItem,
} from './content.schemas';
import { callingPlatformsOf, projectCallingPlatformField } from './project-questionnaire';
import { decideCondition, listFields, visibleAnswers, type Answers } from './questionnaire';

/** The design questionnaire field whose answer selects PBX tasks (the project questionnaire's, or an application's own). */
export const callingPlatformFieldKey = projectCallingPlatformField;

/**
 * The option values of the application's own `calling-platform` questionnaire field; undefined when the questionnaire
 * has no such field or it is not a single choice (the shipped applications leave it to the project questionnaire).
 */
export function callingPlatformOptions(application: Pick<Application, 'designQuestionnaire'>): string[] | undefined {
  const field = listFields(application.designQuestionnaire).find(
    (candidate) => candidate.key === callingPlatformFieldKey,
  );
  return field?.type === 'choice' ? field.options.map((option) => option.value) : undefined;
}

/** The calling platforms of the project questionnaire (the values `pbxTasks.platforms` name), undefined without the field. */
export function projectCallingPlatformOptions(project: ProjectQuestionnaireFile): string[] | undefined {
  const field = listFields(project.designQuestionnaire).find((candidate) => candidate.key === callingPlatformFieldKey);
  return field?.type === 'choice' || field?.type === 'multi-choice'
    ? field.options.map((option) => option.value)
    : undefined;
}

/** The P1 items for a deployment option; SQL Server items only when some application in scope needs SQL Server. */
export function environmentChecklistFor(
  library: ContentLibrary,
  deployment: DeploymentOption,
  applicationKeys: readonly string[],
): EnvironmentItem[] {
  const needsSqlServer = library.applications.some(
    (application) => application.needsSqlServer && applicationKeys.includes(application.key),
  );
  return library.environmentChecklists[deployment].filter((item) => item.onlyWhenSqlServer !== true || needsSqlServer);
}

/** One application in scope with its answers (as submitted, else as drafted). */
export interface ApplicationAnswers {
  readonly key: string;
  readonly answers: Answers;
}

function applicationsIn(library: ContentLibrary, applications: readonly ApplicationAnswers[]) {
  return applications.flatMap(({ key, answers }) => {
    const application = library.applications.find((candidate) => candidate.key === key);
    return application === undefined ? [] : [{ application, answers }];
  });
}

/**
 * Whether an item's condition lets it in: one that waits on an answer not given yet – a project answer, or a question of
 * the application the form asks and nobody has answered – lets it in (shown rather than dropped); a question its form
 * hides counts as answered "no".
 */
function isIncluded(when: PbxTask['when'], application: Application, answers: Answers, context: Answers): boolean {
  if (when === undefined) return true;
  const given = { ...context, ...visibleAnswers(application.designQuestionnaire, answers, context) };
  // In the form's order, so that a question shown only after an awaited one is awaited too.
  const awaited = new Set<string>();
  for (const field of listFields(application.designQuestionnaire)) {
    if (
      given[field.key] === undefined &&
      (field.showIf === undefined || decideCondition(field.showIf, given, awaited) !== false)
    )
      awaited.add(field.key);
  }
  return decideCondition(when, given, awaited) !== false;
}

/**
 * The P3 tasks per application in scope: those of the project's calling platforms (answered in the project
 * questionnaire, in `context`; or, for an application that still asks its own, in its questionnaire) whose condition
 * the answers meet. While the platform is not answered every task of the application is listed. In the order given;
 * an application the library does not have is left out.
 */
export function pbxTasksFor(
  library: ContentLibrary,
  applications: readonly ApplicationAnswers[],
  context: Answers,
): { applicationKey: string; tasks: PbxTask[] }[] {
  return applicationsIn(library, applications).map(({ application, answers }) => {
    const ownOptions = callingPlatformOptions(application);
    let platforms: readonly string[] | undefined;
    if (ownOptions === undefined) {
      platforms = callingPlatformsOf(context);
    } else {
      const own = answers[callingPlatformFieldKey];
      platforms = typeof own === 'string' && ownOptions.includes(own) ? [own] : undefined;
    }
    const tasks = application.pbxTasks.filter(
      (task) =>
        (platforms === undefined ||
          task.platforms === undefined ||
          task.platforms.some((platform) => platforms.includes(platform))) &&
        isIncluded(task.when, application, answers, context),
    );
    return { applicationKey: application.key, tasks };
  });
}

/** The P5 items per application in scope whose condition the answers meet (an item that waits on an unanswered question is listed). */
export function uatChecklistFor(
  library: ContentLibrary,
  applications: readonly ApplicationAnswers[],
  context: Answers,
): { applicationKey: string; items: UatItem[] }[] {
  return applicationsIn(library, applications).map(({ application, answers }) => ({
    applicationKey: application.key,
    items: application.uatChecklist.filter((item) => isIncluded(item.when, application, answers, context)),
  }));
}
