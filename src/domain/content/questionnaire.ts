/**
 * Design questionnaires and requirement rules: the checks a questionnaire definition must
 * pass, and the evaluation that turns a customer's answers into requirements (step E5).
 */
import {
  type Application,
  type Condition,
  type ConditionValue,
  type LocalizedContentText,
  type Questionnaire,
  type QuestionnaireField,
  type Requirement,
  type ShowIf,
  type ShowIfLeaf,
  type TableColumn,
} from './content.schemas';
import {
  decideCondition,
  evaluateCondition,
  isAnswered,
  listFields,
  projectFieldPrefix,
  visibleAnswers,
  type Answers,
} from './questionnaire-answers';
import { translate, translatorFor } from '../text/i18n';
import { pick, type Language } from '../text/languages';

/** A problem in a definition; `path` is relative to the file that holds it. */
export {
  decideCondition,
  evaluateCondition,
  isAnswered,
  listFields,
  offeredOptions,
  shownQuestionnaire,
  visibleAnswers,
} from './questionnaire-answers';
export type { Answers, AnswerValue, ShownQuestionnaire } from './questionnaire-answers';

export interface ContentIssue {
  readonly path: string;
  readonly message: string;
}

export interface GeneratedRequirement extends Requirement {
  /** The rule that produced the requirement: the answer to "why is this asked of me?". */
  readonly ruleKey: string;
  readonly applicationKey: string;
}

function duplicates(values: readonly string[]): string[] {
  return [...new Set(values.filter((value, index) => values.indexOf(value) !== index))];
}

function describe(value: unknown): string {
  return JSON.stringify(value);
}

/** Why a field cannot be compared with a value, or undefined when it can. */
function incompatibility(field: QuestionnaireField, value: ConditionValue): string | undefined {
  switch (field.type) {
    case 'choice':
    case 'multi-choice':
      return field.options.some((option) => option.value === value)
        ? undefined
        : `${describe(value)} is not an option of field "${field.key}" (options: ${field.options.map((option) => option.value).join(', ')})`;
    case 'yes-no':
      return typeof value === 'boolean' ? undefined : `field "${field.key}" is yes/no: compare it with true or false`;
    case 'number':
      return typeof value === 'number' ? undefined : `field "${field.key}" is a number: compare it with a number`;
    case 'table':
      return `field "${field.key}" is a table: only "answered" can test it`;
    default:
      return typeof value === 'string' ? undefined : `field "${field.key}" is a text: compare it with a text`;
  }
}

function comparedValues(condition: ShowIfLeaf): readonly ConditionValue[] {
  return 'equals' in condition ? [condition.equals] : condition.in;
}

function showIfLeaves(condition: ShowIf): readonly ShowIfLeaf[] {
  return 'all' in condition ? condition.all : 'any' in condition ? condition.any : [condition];
}

/**
 * What a questionnaire's conditions may name besides its own fields: `project.<key>` for the project questionnaire's
 * fields and the project's facts, each described as a field so that values can be checked against it.
 */
export type ReferenceScope = ReadonlyMap<string, QuestionnaireField>;

const noScope: ReferenceScope = new Map();

function describeUnknownReference(reference: string, scope: ReferenceScope): string {
  const known = [...scope.keys()];
  return reference.startsWith(projectFieldPrefix)
    ? `refers to "${reference}", which is not a project answer or fact${known.length === 0 ? '' : ` (known: ${known.join(', ')})`}`
    : `refers to "${reference}", which is not an earlier field of this questionnaire`;
}

/**
 * Checks a questionnaire: unique keys, options, ranges, and showIf on an earlier field (or on a project answer or fact
 * of `scope`).
 */
export function checkQuestionnaire(
  questionnaire: Questionnaire,
  basePath = 'designQuestionnaire',
  scope: ReferenceScope = noScope,
): ContentIssue[] {
  const issues: ContentIssue[] = [];
  const add = (path: string, message: string) => issues.push({ path: `${basePath}.${path}`, message });

  for (const key of duplicates(questionnaire.sections.map((section) => section.key))) {
    add('sections', `section key "${key}" is used more than once`);
  }
  const earlier = new Map<string, QuestionnaireField>();
  for (const section of questionnaire.sections) {
    for (const field of section.fields) {
      const path = `${section.key}.${field.key}`;
      if (earlier.has(field.key)) add(path, `field key "${field.key}" is used more than once in the questionnaire`);
      if (field.type === 'choice' || field.type === 'multi-choice') {
        for (const value of duplicates(field.options.map((option) => option.value))) {
          add(`${path}.options`, `option "${value}" is listed more than once`);
        }
      }
      if (field.type === 'number' && field.min !== undefined && field.max !== undefined && field.min > field.max) {
        add(path, `min (${field.min}) is greater than max (${field.max})`);
      }
      if (field.type === 'table') {
        for (const key of duplicates(field.columns.map((column) => column.key))) {
          add(`${path}.columns`, `column key "${key}" is used more than once`);
        }
        for (const column of field.columns) {
          if (column.type !== 'choice') continue;
          for (const value of duplicates(column.options.map((option) => option.value))) {
            add(`${path}.columns.${column.key}.options`, `option "${value}" is listed more than once`);
          }
        }
      }
      const conditions = [
        ...(field.showIf === undefined ? [] : [{ where: `${path}.showIf`, showIf: field.showIf }]),
        ...(field.type === 'choice' || field.type === 'multi-choice'
          ? field.options.flatMap((option) =>
              option.showIf === undefined
                ? []
                : [{ where: `${path}.options.${option.value}.showIf`, showIf: option.showIf }],
            )
          : []),
      ];
      for (const { where, showIf } of conditions) {
        for (const leaf of showIfLeaves(showIf)) {
          const target = leaf.field.startsWith(projectFieldPrefix) ? scope.get(leaf.field) : earlier.get(leaf.field);
          if (target === undefined) {
            add(where, describeUnknownReference(leaf.field, scope));
            continue;
          }
          for (const value of comparedValues(leaf)) {
            const problem = incompatibility(target, value);
            if (problem !== undefined) add(where, problem);
          }
        }
      }
      if (!earlier.has(field.key)) earlier.set(field.key, field);
    }
  }
  return issues;
}

function checkCondition(
  condition: Condition,
  fields: ReadonlyMap<string, QuestionnaireField>,
  path: string,
  issues: ContentIssue[],
  scope: ReferenceScope = noScope,
): void {
  if ('all' in condition || 'any' in condition) {
    const parts = 'all' in condition ? condition.all : condition.any;
    const name = 'all' in condition ? 'all' : 'any';
    parts.forEach((part, index) => checkCondition(part, fields, `${path}.${name}[${index}]`, issues, scope));
    return;
  }
  if ('always' in condition) return;
  const isProject = condition.field.startsWith(projectFieldPrefix);
  const field = isProject ? scope.get(condition.field) : fields.get(condition.field);
  if (field === undefined) {
    issues.push({
      path,
      message: isProject
        ? describeUnknownReference(condition.field, scope)
        : `refers to "${condition.field}", which is not a field of the design questionnaire`,
    });
    return;
  }
  const values = 'equals' in condition ? [condition.equals] : 'in' in condition ? condition.in : [];
  for (const value of values) {
    const problem = incompatibility(field, value);
    if (problem !== undefined) issues.push({ path, message: problem });
  }
}

/** Checks an application's (or the project questionnaire's) requirement rules against its own questionnaire and the project's answers. */
export function checkRequirementRules(
  application: Pick<Application, 'designQuestionnaire' | 'requirementRules'>,
  scope: ReferenceScope = noScope,
): ContentIssue[] {
  const issues: ContentIssue[] = [];
  const fields = new Map(listFields(application.designQuestionnaire).map((field) => [field.key, field]));
  for (const key of duplicates(application.requirementRules.map((rule) => rule.key))) {
    issues.push({ path: 'requirementRules', message: `rule key "${key}" is used more than once` });
  }
  for (const rule of application.requirementRules) {
    checkCondition(rule.when, fields, `requirementRules.${rule.key}.when`, issues, scope);
  }
  return issues;
}

/** Checks a condition that is not a rule's (a UAT item's, a PBX task's) against the questionnaire and the project's answers. */
export function checkConditionOf(
  condition: Condition,
  questionnaire: Questionnaire,
  path: string,
  scope: ReferenceScope = noScope,
): ContentIssue[] {
  const issues: ContentIssue[] = [];
  checkCondition(condition, new Map(listFields(questionnaire).map((field) => [field.key, field])), path, issues, scope);
  return issues;
}

/**
 * The requirements whose rule holds for the answers, each with the rule that produced it, and the keys of the rules
 * that wait on a project answer not given yet (they neither raise nor withdraw anything until it is).
 */
export function decideRequirements(
  application: Pick<Application, 'key' | 'designQuestionnaire' | 'requirementRules'>,
  answers: Answers,
  context: Answers = {},
): { raised: GeneratedRequirement[]; undecided: string[] } {
  const visible = { ...context, ...visibleAnswers(application.designQuestionnaire, answers, context) };
  const raised: GeneratedRequirement[] = [];
  const undecided: string[] = [];
  for (const rule of application.requirementRules) {
    const decision = decideCondition(rule.when, visible);
    if (decision === true) raised.push({ ...rule.requirement, ruleKey: rule.key, applicationKey: application.key });
    else if (decision === undefined) undecided.push(rule.key);
  }
  return { raised, undecided };
}

/** The requirements whose rule holds for the answers (and the project's, in `context`), each with the rule that produced it. */
export function generateRequirements(
  application: Pick<Application, 'key' | 'designQuestionnaire' | 'requirementRules'>,
  answers: Answers,
  context: Answers = {},
): GeneratedRequirement[] {
  return decideRequirements(application, answers, context).raised;
}

const maxTextLength = 5000;
const maxTableRows = 500;
const isoDate = /^\d{4}-\d{2}-\d{2}$/;

function isValidDate(text: string): boolean {
  if (!isoDate.test(text)) return false;
  const date = new Date(`${text}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === text;
}

function optionValues(options: readonly { value: string }[]): string {
  return options.map((option) => option.value).join(', ');
}

function checkCell(column: TableColumn, value: unknown): string | undefined {
  if (value === null || value === undefined || value === '') return undefined;
  switch (column.type) {
    case 'text':
      return typeof value === 'string' && value.length <= maxTextLength
        ? undefined
        : `must be a text of at most ${maxTextLength} characters`;
    case 'number':
      return typeof value === 'number' && Number.isFinite(value) ? undefined : 'must be a number';
    case 'yes-no':
      return typeof value === 'boolean' ? undefined : 'must be yes or no';
    case 'choice':
      return typeof value === 'string' && column.options.some((option) => option.value === value)
        ? undefined
        : `must be one of ${optionValues(column.options)}`;
  }
}

/**
 * Why a value cannot be the answer to a field, or undefined when it can. null clears an answer. Checks the shape only:
 * whether a required field is answered is for submission (missingAnswers), so a draft may be incomplete.
 */
export function answerProblem(field: QuestionnaireField, value: unknown): string | undefined {
  if (value === null) return undefined;
  switch (field.type) {
    case 'text':
    case 'long-text':
      return typeof value === 'string' && value.length <= maxTextLength
        ? undefined
        : `must be a text of at most ${maxTextLength} characters`;
    case 'number':
      if (typeof value !== 'number' || !Number.isFinite(value)) return 'must be a number';
      if (field.min !== undefined && value < field.min) return `must be at least ${field.min}`;
      if (field.max !== undefined && value > field.max) return `must be at most ${field.max}`;
      return undefined;
    case 'yes-no':
      return typeof value === 'boolean' ? undefined : 'must be yes or no (true or false)';
    case 'date':
      return typeof value === 'string' && isValidDate(value) ? undefined : 'must be a date written YYYY-MM-DD';
    case 'choice':
      return typeof value === 'string' && field.options.some((option) => option.value === value)
        ? undefined
        : `must be one of ${optionValues(field.options)}`;
    case 'multi-choice':
      return Array.isArray(value) &&
        value.every((item) => typeof item === 'string' && field.options.some((option) => option.value === item))
        ? new Set(value).size === value.length
          ? undefined
          : 'lists an option more than once'
        : `must be a list of options among ${optionValues(field.options)}`;
    case 'table': {
      if (!Array.isArray(value)) return 'must be a list of rows';
      if (value.length > maxTableRows) return `may hold at most ${maxTableRows} rows`;
      const columns = new Map(field.columns.map((column) => [column.key, column]));
      for (const [index, row] of value.entries()) {
        if (typeof row !== 'object' || row === null || Array.isArray(row))
          return `row ${index + 1} must be an object of column values`;
        for (const [key, cell] of Object.entries(row as Record<string, unknown>)) {
          const column = columns.get(key);
          if (column === undefined) return `row ${index + 1} has no column "${key}"`;
          const problem = checkCell(column, cell);
          if (problem !== undefined) return `row ${index + 1}, ${column.label.en}: ${problem}`;
        }
      }
      return undefined;
    }
  }
}

/** A required answer a submission lacks: the field, or one cell of a table row. */
export interface MissingAnswer {
  readonly fieldKey: string;
  readonly label: LocalizedContentText;
  /** For a table: the row (1-based) and column that lack a value, or the rows it lacks. */
  readonly detail?: { readonly row?: number; readonly column?: LocalizedContentText; readonly minRows?: number };
}

/** The required answers missing from the fields the form shows (a hidden field is never required). */
export function missingAnswers(questionnaire: Questionnaire, answers: Answers, context: Answers = {}): MissingAnswer[] {
  const visible = visibleAnswers(questionnaire, answers, context);
  const missing: MissingAnswer[] = [];
  for (const field of listFields(questionnaire)) {
    if (field.showIf !== undefined && !evaluateCondition(field.showIf, { ...context, ...visible })) continue;
    const answer = visible[field.key];
    if (field.type === 'table') {
      const rows = Array.isArray(answer) ? (answer as readonly Record<string, unknown>[]) : [];
      const minRows = Math.max(field.minRows ?? 0, field.required ? 1 : 0);
      if (rows.length < minRows) {
        missing.push({ fieldKey: field.key, label: field.label, detail: { minRows } });
        continue;
      }
      rows.forEach((row, index) => {
        for (const column of field.columns) {
          if (column.required && !isAnswered(row[column.key])) {
            missing.push({ fieldKey: field.key, label: field.label, detail: { row: index + 1, column: column.label } });
          }
        }
      });
      continue;
    }
    if (field.required && !isAnswered(answer)) missing.push({ fieldKey: field.key, label: field.label });
  }
  return missing;
}

function describeValue(field: QuestionnaireField | undefined, value: ConditionValue, language: Language): string {
  if (field !== undefined && (field.type === 'choice' || field.type === 'multi-choice')) {
    const option = field.options.find((candidate) => candidate.value === value);
    if (option !== undefined) return `“${pick(option.label, language)}”`;
  }
  if (typeof value === 'boolean') return translate(language, 'conditions', value ? 'yes' : 'no');
  return `“${String(value)}”`;
}

/** The project's facts a condition may name, which nobody answered: they are described as what the project is. */
export const projectFactKeys = {
  applications: 'project.applications',
  needsSqlServer: 'project.needs-sql-server',
} as const;

/**
 * Why a rule raised its requirement, in words a customer reads: the answers its condition tested, quoting the
 * questions (“You answered “Network-based” to “How are calls recorded?””); a project answer is quoted from the
 * project questionnaire (`scope`), a project fact said as what the project is.
 */
export function describeCondition(
  condition: Condition,
  questionnaire: Questionnaire,
  language: Language,
  options: { scope?: ReferenceScope; isProject?: boolean } = {},
): string {
  const fields = new Map(listFields(questionnaire).map((field) => [field.key, field]));
  const scope = options.scope ?? noScope;
  const t = translatorFor(language, 'conditions');
  const describe = (part: Condition): string => {
    if ('all' in part) return part.all.map(describe).join(t('and'));
    if ('any' in part) return part.any.map(describe).join(t('or'));
    if ('always' in part) return t(options.isProject === true ? 'alwaysProject' : 'alwaysApplication');
    const field = part.field.startsWith(projectFieldPrefix) ? scope.get(part.field) : fields.get(part.field);
    if (part.field === projectFactKeys.needsSqlServer) return t('needsSql');
    if (part.field === projectFactKeys.applications && !('answered' in part)) {
      const values = 'equals' in part ? [part.equals] : part.in;
      return t('includes', { values: values.map((value) => describeValue(field, value, language)).join(t('or')) });
    }
    const question = field === undefined ? part.field : pick(field.label, language);
    if ('equals' in part) return t('answered', { value: describeValue(field, part.equals, language), question });
    if ('in' in part)
      return t('oneOf', { values: part.in.map((value) => describeValue(field, value, language)).join(', '), question });
    return t('gave', { question });
  };
  const text = describe(condition);
  return text.charAt(0).toUpperCase() + text.slice(1);
}
