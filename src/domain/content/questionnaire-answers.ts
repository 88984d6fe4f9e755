/**
 * What a questionnaire's answers mean, shared by the server (which stores, checks and turns them into requirements) and
 * the web app's form (which shows the same questions and options): whether an answer is given, whether a condition
 * holds, and which fields and options the form shows for the answers so far. Pure, and without the schemas' runtime
 * (zod) or the language resources, so the web app can import it.
 */
import type { Condition, ConditionValue, Questionnaire, QuestionnaireField, ShowIf } from './content.schemas';

/** The prefix of a condition's field that names the project's answers and facts rather than the questionnaire's own. */
export const projectFieldPrefix = 'project.';

/** One answer: texts, numbers, yes/no, the values of a multi-choice, or the rows of a table. */
export type AnswerValue = string | number | boolean | readonly string[] | readonly Record<string, unknown>[] | null;
export type Answers = Readonly<Record<string, AnswerValue | undefined>>;

/** Every field of a questionnaire, in the order the form shows them. */
export function listFields(questionnaire: Questionnaire): QuestionnaireField[] {
  return questionnaire.sections.flatMap((section) => section.fields);
}

/** Whether a question has an answer: false, 0 and a table with rows count; blanks do not. Any value may be asked about. */
export function isAnswered(value: unknown): boolean {
  if (value === null || value === undefined) return false;
  if (typeof value === 'string') return value.trim() !== '';
  if (typeof value === 'number') return Number.isFinite(value);
  if (Array.isArray(value)) return value.length > 0;
  return true;
}

/** Whether an answer matches a value; a multi-choice answer matches any value it contains. */
function matches(answer: AnswerValue | undefined, value: ConditionValue): boolean {
  if (Array.isArray(answer)) return (answer as readonly unknown[]).includes(value);
  return answer === value;
}

const noQuestions: ReadonlySet<string> = new Set();

/**
 * Whether a condition holds for the answers: true, false, or undefined when it depends on a project answer nobody has
 * given yet (a `project.` key absent from the answers; a project answer hidden by its own condition is given as null,
 * and so decided), or on one of the `awaited` questions, asked and not answered yet. `all` is false as soon as one part
 * is false, `any` true as soon as one part is true.
 */
export function decideCondition(
  condition: Condition | ShowIf,
  answers: Answers,
  awaited: ReadonlySet<string> = noQuestions,
): boolean | undefined {
  if ('all' in condition || 'any' in condition) {
    const parts: readonly (Condition | ShowIf)[] = 'all' in condition ? condition.all : condition.any;
    const decided = parts.map((part) => decideCondition(part, answers, awaited));
    const decisive = 'all' in condition ? false : true;
    if (decided.includes(decisive)) return decisive;
    return decided.includes(undefined) ? undefined : !decisive;
  }
  if ('always' in condition) return true;
  const answer = answers[condition.field];
  if (answer === undefined && (condition.field.startsWith(projectFieldPrefix) || awaited.has(condition.field)))
    return undefined;
  if ('equals' in condition) return matches(answer, condition.equals);
  if ('in' in condition) return condition.in.some((value) => matches(answer, value));
  return isAnswered(answer);
}

/**
 * Whether a requirement-rule condition (or a showIf) holds for the given answers. One that waits on a project answer
 * not given yet holds: a question is asked, a task or a test listed, rather than silently dropped.
 */
export function evaluateCondition(condition: Condition | ShowIf, answers: Answers): boolean {
  return decideCondition(condition, answers) !== false;
}

/** The options a choice offers for the answers given so far (an option whose showIf fails is not offered). */
export function offeredOptions<Option extends { readonly showIf?: ShowIf | undefined }>(
  options: readonly Option[],
  given: Answers,
): Option[] {
  return options.filter((option) => option.showIf === undefined || evaluateCondition(option.showIf, given));
}

/**
 * An answer as the form offers it: a choice of an option no longer offered (Built-in Bridge after the platform became
 * Teams) counts as not given, and a multi-choice keeps only the offered options it chose.
 */
function offeredAnswer(
  type: 'choice' | 'multi-choice',
  answer: AnswerValue,
  offered: ReadonlySet<string>,
): AnswerValue | undefined {
  if (type === 'choice') return typeof answer === 'string' && !offered.has(answer) ? undefined : answer;
  if (!Array.isArray(answer)) return answer;
  const kept = (answer as readonly unknown[]).filter(
    (value) => typeof value === 'string' && offered.has(value),
  ) as string[];
  return kept.length === 0 ? undefined : kept;
}

/** What the form shows for the answers so far. */
export interface ShownQuestionnaire {
  /** The keys of the fields shown, in the form's order. */
  readonly keys: ReadonlySet<string>;
  /** By field key, the options offered by a choice whose options depend on answers; a choice absent offers all. */
  readonly offeredOptions: ReadonlyMap<string, ReadonlySet<string>>;
  /** The answers of the fields shown, as the form offers them (a choice of an option not offered counts as not given). */
  readonly answers: Record<string, AnswerValue>;
}

/**
 * What the form shows, in order: a field whose showIf fails is hidden, and so are the fields that depend on it, whatever
 * answer it still holds; a choice offers the options whose showIf holds, and its choice of one no longer offered counts
 * as not given. A condition on a project answer nobody gave yet holds (the question is asked). `context` holds the
 * project's answers and facts (`project.<key>`) the conditions may name.
 */
export function shownQuestionnaire(
  questionnaire: Questionnaire,
  answers: Answers,
  context: Answers = {},
): ShownQuestionnaire {
  const keys = new Set<string>();
  const offeredByKey = new Map<string, ReadonlySet<string>>();
  const visible: Record<string, AnswerValue> = {};
  for (const field of listFields(questionnaire)) {
    const given = { ...context, ...visible };
    if (field.showIf !== undefined && !evaluateCondition(field.showIf, given)) continue;
    keys.add(field.key);
    let answer = answers[field.key];
    if (
      (field.type === 'choice' || field.type === 'multi-choice') &&
      field.options.some((option) => option.showIf !== undefined)
    ) {
      const offered = new Set(offeredOptions(field.options, given).map((option) => option.value));
      offeredByKey.set(field.key, offered);
      if (answer !== undefined) answer = offeredAnswer(field.type, answer, offered);
    }
    if (answer !== undefined) visible[field.key] = answer;
  }
  return { keys, offeredOptions: offeredByKey, answers: visible };
}

/**
 * The answers of the fields the form shows: an answer left behind by a field that a later
 * change hid (say, the CUCM version after switching to Teams) must not raise requirements.
 * `context` holds the project's answers and facts (`project.<key>`) the conditions may name.
 */
export function visibleAnswers(
  questionnaire: Questionnaire,
  answers: Answers,
  context: Answers = {},
): Record<string, AnswerValue> {
  return shownQuestionnaire(questionnaire, answers, context).answers;
}
