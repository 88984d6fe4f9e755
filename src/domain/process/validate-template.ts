import { criterionSources, parties, phases, skipConditions } from './template';

const kebabCase = /^[a-z0-9]+(-[a-z0-9]+)*$/;

type UnknownRecord = Readonly<Record<string, unknown>>;

function isRecord(value: unknown): value is UnknownRecord {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isNonEmptyString(value: unknown): value is string {
  return typeof value === 'string' && value.trim() !== '';
}

function isOneOf<T extends string>(choices: readonly T[], value: unknown): value is T {
  return typeof value === 'string' && (choices as readonly string[]).includes(value);
}

function describeValue(value: unknown): string {
  return JSON.stringify(value) ?? String(value);
}

function checkLocalizedText(value: unknown, where: string, problems: string[]): void {
  if (!isRecord(value)) {
    problems.push(`${where} must be an object with "en" and "it" texts`);
    return;
  }
  for (const language of ['en', 'it']) {
    if (!isNonEmptyString(value[language])) problems.push(`${where}.${language} must be a non-empty text`);
  }
}

/** Checks that a key is kebab-case and not seen before, then remembers it. */
function checkUniqueKey(key: unknown, seen: Set<string>, where: string, problems: string[]): void {
  if (!isNonEmptyString(key) || !kebabCase.test(key)) {
    problems.push(`${where}.key must be a kebab-case text, got ${describeValue(key)}`);
    return;
  }
  if (seen.has(key)) problems.push(`${where}.key "${key}" is a duplicate`);
  seen.add(key);
}

function checkCriterion(criterion: unknown, where: string, seenKeys: Set<string>, problems: string[]): void {
  if (!isRecord(criterion)) {
    problems.push(`${where} must be an object`);
    return;
  }
  checkUniqueKey(criterion.key, seenKeys, where, problems);
  checkLocalizedText(criterion.label, `${where}.label`, problems);
  if (!isOneOf(parties, criterion.owner)) {
    problems.push(`${where}.owner is an unknown party: ${describeValue(criterion.owner)}`);
  }
  if (criterion.gate !== undefined && typeof criterion.gate !== 'boolean') {
    problems.push(`${where}.gate must be true or false when present`);
  }
  if (!isOneOf(criterionSources, criterion.source)) {
    problems.push(`${where}.source is unknown: ${describeValue(criterion.source)}`);
  }
}

function checkBallWith(ballWith: unknown, where: string, problems: string[]): void {
  if (!Array.isArray(ballWith) || ballWith.length === 0) {
    problems.push(`${where}.ballWith must list at least one party`);
    return;
  }
  for (const party of ballWith) {
    if (!isOneOf(parties, party)) problems.push(`${where}.ballWith has an unknown party: ${describeValue(party)}`);
  }
  if (new Set(ballWith).size !== ballWith.length) problems.push(`${where}.ballWith repeats a party`);
}

interface SeenKeys {
  readonly steps: Set<string>;
  readonly codes: Set<string>;
  readonly criteria: Set<string>;
}

function checkStep(step: unknown, where: string, seen: SeenKeys, problems: string[]): void {
  if (!isRecord(step)) {
    problems.push(`${where} must be an object`);
    return;
  }
  checkUniqueKey(step.key, seen.steps, where, problems);
  if (!isNonEmptyString(step.code)) {
    problems.push(`${where}.code must be a non-empty text`);
  } else {
    if (seen.codes.has(step.code)) problems.push(`${where}.code "${step.code}" is a duplicate`);
    seen.codes.add(step.code);
  }
  if (!isOneOf(phases, step.phase)) problems.push(`${where}.phase is unknown: ${describeValue(step.phase)}`);
  checkLocalizedText(step.title, `${where}.title`, problems);
  checkBallWith(step.ballWith, where, problems);
  if (step.optional !== undefined) {
    if (!isRecord(step.optional) || !isOneOf(skipConditions, step.optional.skipWhen)) {
      problems.push(`${where}.optional.skipWhen must be one of: ${skipConditions.join(', ')}`);
    }
  }
  if (!Array.isArray(step.exitCriteria) || step.exitCriteria.length === 0) {
    problems.push(`${where} has no exit criteria`);
    return;
  }
  step.exitCriteria.forEach((criterion: unknown, index) => {
    checkCriterion(criterion, `${where}.exitCriteria[${index}]`, seen.criteria, problems);
  });
}

/** Lists what is wrong with a template loaded from storage; an empty list means it is usable. */
export function validateTemplate(template: unknown): string[] {
  if (!isRecord(template)) return ['template must be an object'];
  const problems: string[] = [];
  if (!isNonEmptyString(template.key)) problems.push('template.key must be a non-empty text');
  if (typeof template.version !== 'number' || !Number.isInteger(template.version) || template.version < 1) {
    problems.push('template.version must be a positive integer');
  }
  if (!Array.isArray(template.steps) || template.steps.length === 0) {
    problems.push('template.steps must list at least one step');
    return problems;
  }
  const seen: SeenKeys = { steps: new Set(), codes: new Set(), criteria: new Set() };
  template.steps.forEach((step: unknown, index) => {
    const label = isRecord(step) && typeof step.key === 'string' ? ` (${step.key})` : '';
    checkStep(step, `steps[${index}]${label}`, seen, problems);
  });
  return problems;
}
