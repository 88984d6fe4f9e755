import { localized, translate, translatorFor } from '../../../domain/text/i18n';
import { pick } from '../../../domain/text/languages';
import {
  answerProblem,
  deploymentOptions,
  evaluateCondition,
  listFields,
  missingAnswers,
  projectContext,
  projectDeploymentField,
  projectFactAnswers,
  projectQuestionnaireKey,
  visibleAnswers,
  type Answers,
  type AnswerValue,
  type ContentLibrary,
  type DeploymentOption,
  type LocalizedContentText,
  type Questionnaire,
} from '../../../domain/content';
import { inTransaction, type ServiceContext } from '../../context';
import type { Database } from '../../db/database';
import type { StoredAnswer } from '../../db/schema';
import { recordAuditEvent } from '../audit/audit.service';
import { getContentLibrary } from '../content/content.service';
import {
  findFileInfo,
  presentFile,
  removeFileRecord,
  storeFile,
  type FileView,
  listQuestionnaireFiles,
} from '../files/files.service';
import { actorOf, authorOf, languageOf, projectFor, refuseTo, sayTo, type Participant } from '../projects/participant';
import { advanceProjectIn, changeDeploymentIn, type ProjectWithNames } from '../projects/projects.service';
import { announceFirstSubmission } from './first-submission';
import {
  findContactEmailDate,
  findResponse,
  insertMissingResponses,
  listProjectsWithOverdueQuestionnaires,
  listResponses,
  lockOverdueQuestionnaires,
  markQuestionnairesReminded,
  mergeAnswers,
  updateResponse,
  type QuestionnaireResponseRow,
} from './questionnaires.repository';

/** Published for the requirements module, which derives requirements from the responses. */
export { listResponses, type QuestionnaireResponseRow } from './questionnaires.repository';

const dayMs = 24 * 3600 * 1000;

/** One questionnaire of a project: the project questionnaire (asked once) or an application's. */
interface ProjectQuestionnaire {
  key: string;
  kind: 'project' | 'application';
  name: LocalizedContentText;
  questionnaire: Questionnaire;
}

const projectName: LocalizedContentText = localized('words', 'wholeProject');

/**
 * The questionnaires a project asks, the project questionnaire first (when the project asks it: not the projects in
 * flight when it came, migration 0018), then its applications'.
 */
function questionnairesOf(library: ContentLibrary, row: ProjectWithNames): ProjectQuestionnaire[] {
  const project: ProjectQuestionnaire[] = row.project.asksProjectQuestionnaire
    ? [
        {
          key: projectQuestionnaireKey,
          kind: 'project',
          name: projectName,
          questionnaire: library.projectQuestionnaire.designQuestionnaire,
        },
      ]
    : [];
  // In the order the project lists its applications, as the contact email and the portal do.
  const applications = row.project.applications.flatMap((key): ProjectQuestionnaire[] => {
    const application = library.applications.find((candidate) => candidate.key === key);
    return application === undefined
      ? []
      : [{ key, kind: 'application', name: application.name, questionnaire: application.designQuestionnaire }];
  });
  return [...project, ...applications];
}

/**
 * Makes sure every questionnaire the project asks has its row, due QUESTIONNAIRE_DUE_DAYS after the engineer's
 * contact email (or from now, when the questionnaire is opened before it).
 */
export async function ensureResponses(
  context: ServiceContext,
  db: Database,
  library: ContentLibrary,
  row: ProjectWithNames,
): Promise<QuestionnaireResponseRow[]> {
  const existing = await listResponses(db, row.project.id);
  const missing = questionnairesOf(library, row).filter(
    (item) => !existing.some((response) => response.applicationKey === item.key),
  );
  if (missing.length === 0) return existing;
  const from = (await findContactEmailDate(db, row.project.id)) ?? context.now();
  const dueAt = new Date(from.getTime() + context.portal.questionnaireDueDays * dayMs);
  await insertMissingResponses(
    db,
    missing.map((item) => ({
      projectId: row.project.id,
      applicationKey: item.key,
      questionnaireKey: item.questionnaire.key,
      questionnaireVersion: item.questionnaire.version,
      status: 'open' as const,
      answers: {},
      dueAt,
      createdAt: context.now(),
      updatedAt: context.now(),
    })),
  );
  return listResponses(db, row.project.id);
}

function plainAnswers(response: QuestionnaireResponseRow): Answers {
  return Object.fromEntries(Object.entries(response.answers).map(([key, answer]) => [key, answer.value])) as Answers;
}

/**
 * What a questionnaire's conditions read besides its own answers: for the project questionnaire the project's facts;
 * for an application's, the project questionnaire's answers as they stand (so its form follows them at once) and the
 * facts. The requirements read the submitted answers instead (requirements.service).
 */
function contextFor(
  library: ContentLibrary,
  row: ProjectWithNames,
  key: string,
  responses: readonly QuestionnaireResponseRow[],
): Record<string, AnswerValue> {
  const facts = { applications: row.project.applications, deployment: row.project.deployment };
  if (key === projectQuestionnaireKey) return projectFactAnswers(library, facts);
  const project = responses.find((response) => response.applicationKey === projectQuestionnaireKey);
  return projectContext(library, facts, project === undefined ? null : plainAnswers(project));
}

function summary(
  context: ServiceContext,
  item: ProjectQuestionnaire,
  response: QuestionnaireResponseRow,
  given: Answers,
) {
  const questionnaire = item.questionnaire;
  const answers = plainAnswers(response);
  const visible = visibleAnswers(questionnaire, answers, given);
  const shownFields = listFields(questionnaire).filter(
    (field) => field.showIf === undefined || evaluateCondition(field.showIf, { ...given, ...visible }),
  );
  return {
    applicationKey: response.applicationKey,
    kind: item.kind,
    applicationName: item.name,
    title: questionnaire.title,
    status: response.status,
    dueAt: response.dueAt,
    isOverdue: response.status === 'open' && response.dueAt.getTime() < context.now().getTime(),
    submittedAt: response.submittedAt,
    submittedBy: response.submittedBy?.name ?? null,
    answeredCount: Object.keys(visible).filter((key) => visible[key] !== null).length,
    fieldCount: shownFields.length,
    missingCount: missingAnswers(questionnaire, answers, given).length,
    updatedAt: response.updatedAt,
  };
}

export type QuestionnaireSummary = ReturnType<typeof summary>;

/** The project's design questionnaires with where each stands, the project questionnaire first. */
export async function listQuestionnaires(
  context: ServiceContext,
  participant: Participant,
  projectId: string,
): Promise<QuestionnaireSummary[]> {
  const row = await projectFor(context, participant, projectId, 'read');
  const library = await getContentLibrary(context.db);
  const responses = await inTransaction(context, (db) => ensureResponses(context, db, library, row));
  return questionnairesOf(library, row).flatMap((item) => {
    const response = responses.find((candidate) => candidate.applicationKey === item.key);
    return response === undefined
      ? []
      : [summary(context, item, response, contextFor(library, row, item.key, responses))];
  });
}

function presentAnswers(response: QuestionnaireResponseRow) {
  return Object.fromEntries(
    Object.entries(response.answers).map(([key, answer]) => [
      key,
      {
        value: answer.value,
        by: { kind: answer.by.kind, name: answer.by.name },
        at: answer.at,
        withEngineer: answer.withEngineer,
      },
    ]),
  );
}

async function loadQuestionnaire(
  context: ServiceContext,
  participant: Participant,
  projectId: string,
  applicationKey: string,
  mode: 'read' | 'write',
) {
  const row = await projectFor(context, participant, projectId, mode);
  const library = await getContentLibrary(context.db);
  const item = questionnairesOf(library, row).find((candidate) => candidate.key === applicationKey);
  if (item === undefined) throw refuseTo(participant)('not_found', 'questionnaires.no_such_questionnaire');
  return { row, library, item };
}

export interface QuestionnaireDetail extends QuestionnaireSummary {
  questionnaire: Questionnaire;
  answers: ReturnType<typeof presentAnswers>;
  /** The project's answers and facts (`project.<key>`) the form's conditions read; absent while not answered. */
  projectAnswers: Record<string, AnswerValue>;
  attachments: FileView[];
}

/** One questionnaire: its form, every answer with who wrote it and when, the project's answers it depends on, and its attachments. */
export async function getQuestionnaire(
  context: ServiceContext,
  participant: Participant,
  projectId: string,
  applicationKey: string,
): Promise<QuestionnaireDetail> {
  const { row, library, item } = await loadQuestionnaire(context, participant, projectId, applicationKey, 'read');
  const responses = await inTransaction(context, (db) => ensureResponses(context, db, library, row));
  const response = responses.find((candidate) => candidate.applicationKey === item.key);
  if (response === undefined) throw refuseTo(participant)('not_found', 'questionnaires.no_such_questionnaire');
  const files = await listQuestionnaireFiles(context.db, projectId, applicationKey);
  const given = contextFor(library, row, item.key, responses);
  return {
    ...summary(context, item, response, given),
    questionnaire: item.questionnaire,
    answers: presentAnswers(response),
    projectAnswers: given,
    attachments: files.map(presentFile),
  };
}

/**
 * Saves some answers of a draft (autosave): each field is written on its own, so several people may fill one form and
 * the last write of a field wins; who wrote it and when is kept. The engineer's answers are marked "filled with the
 * engineer". Refuses unknown fields and wrong values, naming each, and changes nothing then.
 */
export async function saveAnswers(
  context: ServiceContext,
  participant: Participant,
  projectId: string,
  applicationKey: string,
  values: Record<string, unknown>,
) {
  const refuse = refuseTo(participant);
  const say = sayTo(participant);
  const { row, library, item } = await loadQuestionnaire(context, participant, projectId, applicationKey, 'write');
  const fields = new Map(listFields(item.questionnaire).map((field) => [field.key, field]));
  const problems = Object.entries(values).flatMap(([key, value]) => {
    const field = fields.get(key);
    if (field === undefined) return [{ path: `body.answers.${key}`, message: say('questionnaires.no_such_question') }];
    const problem = answerProblem(field, value);
    // The domain says what is wrong with a value in English (the web form never sends such a value): the line stays so.
    return problem === undefined
      ? []
      : [
          {
            path: `body.answers.${key}`,
            message: translate('en', 'errors', 'questionnaires.answer_problem', { label: field.label.en, problem }),
          },
        ];
  });
  if (problems.length > 0) throw refuse('validation_failed', 'questionnaires.answers_not_saved', { details: problems });
  const keys = Object.keys(values);
  if (keys.length === 0)
    throw refuse('validation_failed', 'questionnaires.send_an_answer', {
      details: [{ path: 'body.answers', message: say('questionnaires.send_an_answer') }],
    });
  const at = context.now();
  const by = authorOf(participant);
  const patch: Record<string, StoredAnswer> = Object.fromEntries(
    keys.map((key) => [
      key,
      { value: values[key] ?? null, by, at: at.toISOString(), withEngineer: participant.kind === 'staff' },
    ]),
  );
  return inTransaction(context, async (db) => {
    const responses = await ensureResponses(context, db, library, row);
    const updated = await mergeAnswers(db, projectId, applicationKey, patch, at);
    if (updated === null) throw refuse('conflict', 'questionnaires.submitted_reopen_to_answer');
    await recordAuditEvent(db, actorOf(participant), {
      action: 'questionnaire.answered',
      projectId,
      subjectType: 'questionnaire',
      subjectId: applicationKey,
      after: { answers: values, withEngineer: participant.kind === 'staff' },
    });
    const current = responses.map((response) => (response.applicationKey === applicationKey ? updated : response));
    return {
      ...summary(context, item, updated, contextFor(library, row, item.key, current)),
      answers: presentAnswers(updated),
    };
  });
}

/**
 * Submits a questionnaire: every required question the form shows must be answered (the refusal lists each missing
 * one), and an application's waits for the project questionnaire's first submission, on which its questions depend.
 * The first submission generates the questionnaire's requirements; the project questionnaire's deployment answer
 * becomes the project's; E4 completes once every one is submitted. Throws conflict or validation_failed.
 */
export async function submitQuestionnaire(
  context: ServiceContext,
  participant: Participant,
  projectId: string,
  applicationKey: string,
) {
  const refuse = refuseTo(participant);
  const { row, library, item } = await loadQuestionnaire(context, participant, projectId, applicationKey, 'write');
  const language = languageOf(participant);
  return inTransaction(context, async (db) => {
    const responses = await ensureResponses(context, db, library, row);
    const response = await findResponse(db, projectId, applicationKey, { lock: true });
    if (response === null) throw refuse('not_found', 'questionnaires.no_such_questionnaire');
    if (response.status === 'submitted') throw refuse('conflict', 'questionnaires.already_submitted');
    const project = responses.find((candidate) => candidate.applicationKey === projectQuestionnaireKey);
    if (item.kind === 'application' && row.project.asksProjectQuestionnaire && project?.submittedAt == null) {
      throw refuse('conflict', 'questionnaires.project_questionnaire_first');
    }
    const given = contextFor(library, row, item.key, responses);
    const answers = plainAnswers(response);
    const missing = missingAnswers(item.questionnaire, answers, given);
    if (missing.length > 0) {
      const t = translatorFor(language, 'words');
      throw refuse('validation_failed', 'questionnaires.answers_missing', {
        values: { count: missing.length },
        details: missing.map((item) => ({
          path: `answers.${item.fieldKey}`,
          message:
            item.detail?.row !== undefined && item.detail.column !== undefined
              ? `${pick(item.label, language)} (${t('answers.row', { row: item.detail.row })}): ${pick(item.detail.column, language)}`
              : item.detail?.minRows !== undefined
                ? `${pick(item.label, language)} (${t('answers.rowsNeeded', { count: item.detail.minRows })})`
                : pick(item.label, language),
        })),
      });
    }
    const isFirst = response.submittedAt === null;
    const now = context.now();
    const submitted = visibleAnswers(item.questionnaire, answers, given);
    await updateResponse(db, projectId, applicationKey, {
      status: 'submitted',
      submittedAnswers: submitted,
      submittedAt: now,
      submittedBy: authorOf(participant),
      updatedAt: now,
    });
    const actor = actorOf(participant);
    await recordAuditEvent(db, actor, {
      action: 'questionnaire.submitted',
      projectId,
      subjectType: 'questionnaire',
      subjectId: applicationKey,
      after: { isFirst, withEngineer: participant.kind === 'staff', answers: submitted },
    });
    const deployment = submitted[projectDeploymentField];
    if (item.kind === 'project' && isDeployment(deployment)) {
      await changeDeploymentIn(context, db, actor, projectId, deployment, 'project questionnaire submitted');
    }
    if (isFirst) await announceFirstSubmission(context, db, actor, projectId, applicationKey);
    await advanceProjectIn(context, db, projectId, actor, `questionnaire ${applicationKey} submitted`);
  });
}

/** Opens a submitted questionnaire again so its answers can change; the requirements change only once it is resubmitted and the engineer applies them. */
export async function reopenQuestionnaire(
  context: ServiceContext,
  participant: Participant,
  projectId: string,
  applicationKey: string,
): Promise<void> {
  const refuse = refuseTo(participant);
  await loadQuestionnaire(context, participant, projectId, applicationKey, 'write');
  await inTransaction(context, async (db) => {
    const response = await findResponse(db, projectId, applicationKey, { lock: true });
    if (response === null) throw refuse('not_found', 'questionnaires.no_such_questionnaire');
    if (response.status !== 'submitted') throw refuse('conflict', 'questionnaires.not_submitted');
    await updateResponse(db, projectId, applicationKey, { status: 'open', updatedAt: context.now() });
    await recordAuditEvent(db, actorOf(participant), {
      action: 'questionnaire.reopened',
      projectId,
      subjectType: 'questionnaire',
      subjectId: applicationKey,
    });
  });
}

function isDeployment(value: unknown): value is DeploymentOption {
  return typeof value === 'string' && (deploymentOptions as readonly string[]).includes(value);
}

/** Attaches a file to an open questionnaire (checked by its content, stored under a generated id). */
export async function attachToQuestionnaire(
  context: ServiceContext,
  participant: Participant,
  projectId: string,
  applicationKey: string,
  name: string,
  content: Buffer,
): Promise<FileView> {
  const refuse = refuseTo(participant);
  const { row, library } = await loadQuestionnaire(context, participant, projectId, applicationKey, 'write');
  return inTransaction(context, async (db) => {
    await ensureResponses(context, db, library, row);
    const response = await findResponse(db, projectId, applicationKey, { lock: true });
    if (response?.status !== 'open') throw refuse('conflict', 'questionnaires.submitted_reopen_to_attach');
    return storeFile(context, db, participant, { projectId, purpose: 'questionnaire', applicationKey, name, content });
  });
}

export async function removeQuestionnaireFile(
  context: ServiceContext,
  participant: Participant,
  projectId: string,
  applicationKey: string,
  fileId: string,
): Promise<void> {
  const refuse = refuseTo(participant);
  await loadQuestionnaire(context, participant, projectId, applicationKey, 'write');
  await inTransaction(context, async (db) => {
    const response = await findResponse(db, projectId, applicationKey, { lock: true });
    if (response?.status !== 'open') throw refuse('conflict', 'questionnaires.submitted_reopen_to_remove');
    const file = await findFileInfo(db, projectId, fileId);
    if (file.purpose !== 'questionnaire' || file.applicationKey !== applicationKey)
      throw refuse('not_found', 'questionnaires.no_such_file');
    await removeFileRecord(context, db, participant, file);
  });
}

/** Projects with an open questionnaire overdue and not reminded since the cutoff (the reminders' sweep). */
export async function findProjectsWithOverdueQuestionnaires(db: Database, now: Date, cutoff: Date): Promise<string[]> {
  return listProjectsWithOverdueQuestionnaires(db, now, cutoff);
}

/** A project's overdue questionnaires due a reminder, locked in the caller's transaction (held ones are skipped). */
export async function lockQuestionnairesToRemind(
  db: Database,
  projectId: string,
  now: Date,
  cutoff: Date,
): Promise<{ applicationKey: string; dueAt: string | Date }[]> {
  return lockOverdueQuestionnaires(db, projectId, now, cutoff);
}

/** Records in the caller's transaction that these questionnaires of a project were reminded now. */
export async function recordQuestionnairesReminded(
  db: Database,
  projectId: string,
  applicationKeys: readonly string[],
  now: Date,
): Promise<void> {
  await markQuestionnairesReminded(db, projectId, applicationKeys, now);
}
