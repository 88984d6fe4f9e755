/**
 * What the delivery steps ask of the customer and the partner, drawn from the content library: the environment
 * checklist of step P1 (`environment`) and the calling-platform tasks of step P3 (`pbx-configuration`). Pure.
 */
import type { ContentLibrary } from './check-content';
import type { Application, DeploymentOption, EnvironmentItem, PbxTask } from './content.schemas';
import { listFields } from './questionnaire';

/** The design questionnaire field whose answer selects an application's PBX tasks. */
export const callingPlatformFieldKey = 'calling-platform';

/**
 * The option values of the application's `calling-platform` questionnaire field; undefined when the questionnaire has
 * no such field or it is not a single choice.
 */
export function callingPlatformOptions(application: Pick<Application, 'designQuestionnaire'>): string[] | undefined {
  const field = listFields(application.designQuestionnaire).find((candidate) => candidate.key === callingPlatformFieldKey);
  return field?.type === 'choice' ? field.options.map((option) => option.value) : undefined;
}

/** The P1 items for a deployment option; SQL Server items only when some application in scope needs SQL Server. */
export function environmentChecklistFor(
  library: ContentLibrary,
  deployment: DeploymentOption,
  applicationKeys: readonly string[],
): EnvironmentItem[] {
  const needsSqlServer = library.applications.some((application) => application.needsSqlServer && applicationKeys.includes(application.key));
  return library.environmentChecklists[deployment].filter((item) => item.onlyWhenSqlServer !== true || needsSqlServer);
}

/**
 * The P3 tasks per application in scope, filtered by the calling platform answered in that application's
 * questionnaire (answer unknown/absent → every task of the application). In the order given; an application the
 * library does not have is left out.
 */
export function pbxTasksFor(
  library: ContentLibrary,
  applications: readonly { key: string; callingPlatform: string | null }[],
): { applicationKey: string; tasks: PbxTask[] }[] {
  return applications.flatMap(({ key, callingPlatform }) => {
    const application = library.applications.find((candidate) => candidate.key === key);
    if (application === undefined) return [];
    const known = callingPlatform !== null && (callingPlatformOptions(application)?.includes(callingPlatform) ?? false);
    const tasks = application.pbxTasks.filter(
      (task) => !known || task.platforms === undefined || (callingPlatform !== null && task.platforms.includes(callingPlatform)),
    );
    return [{ applicationKey: key, tasks }];
  });
}
