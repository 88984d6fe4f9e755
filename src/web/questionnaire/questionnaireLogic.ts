import { pick as pickIn } from '../../domain/text/languages';
import { localeOf } from '../lib/format';
import type { Answer, ContentLanguage, LocalizedContent, QuestionnaireDefinition, QuestionnaireField } from './types';

/** The text of a content-library text in the form's language, else English. */
export function pick(text: LocalizedContent | undefined, language: ContentLanguage): string {
  if (!text) return '';
  return pickIn(text, language) || text.en;
}

function matches(answer: unknown, value: unknown): boolean {
  if (Array.isArray(answer)) return (answer as unknown[]).includes(value);
  return answer === value;
}

type ShowIf = NonNullable<QuestionnaireField['showIf']>;
type ShowIfLeaf = Exclude<ShowIf, { all: unknown } | { any: unknown }>;

/** Like the server: a test of a project answer nobody gave yet (absent from the context) holds, so the question is asked. */
function leafHolds(leaf: ShowIfLeaf, values: Readonly<Record<string, unknown>>): boolean {
  const answer = values[leaf.field];
  if (answer === undefined && leaf.field.startsWith('project.')) return true;
  if ('equals' in leaf) return matches(answer, leaf.equals);
  return leaf.in.some((value) => matches(answer, value));
}

function holds(showIf: ShowIf, values: Readonly<Record<string, unknown>>): boolean {
  if ('all' in showIf) return showIf.all.every((leaf) => leafHolds(leaf, values));
  if ('any' in showIf) return showIf.any.some((leaf) => leafHolds(leaf, values));
  return leafHolds(showIf, values);
}

/** What the form shows: the keys of the fields, and for a choice whose options depend on answers, the options offered. */
export interface ShownForm {
  keys: Set<string>;
  /** By field key, the option values offered; a field absent here offers all its options. */
  offeredOptions: Map<string, Set<string>>;
}

/**
 * What the form shows, in order. Like the server, a field hidden by a condition hides the fields that depend on it too,
 * whatever answer it still holds, and a choice of an option no longer offered counts as not given. `context` holds the
 * project's answers and facts (`project.<key>`) an application's questions may depend on.
 */
export function shownForm(
  definition: QuestionnaireDefinition,
  values: Readonly<Record<string, unknown>>,
  context: Readonly<Record<string, unknown>> = {},
): ShownForm {
  const keys = new Set<string>();
  const offeredOptions = new Map<string, Set<string>>();
  const shownValues: Record<string, unknown> = { ...context };
  for (const section of definition.sections) {
    for (const field of section.fields) {
      if (field.showIf !== undefined && !holds(field.showIf, shownValues)) continue;
      keys.add(field.key);
      let value = values[field.key];
      if (
        (field.type === 'choice' || field.type === 'multi-choice') &&
        field.options.some((option) => option.showIf !== undefined)
      ) {
        const offered = new Set(
          field.options
            .filter((option) => option.showIf === undefined || holds(option.showIf, shownValues))
            .map((option) => option.value),
        );
        offeredOptions.set(field.key, offered);
        if (typeof value === 'string' && !offered.has(value)) value = undefined;
        if (Array.isArray(value))
          value = (value as unknown[]).filter((item) => typeof item === 'string' && offered.has(item));
      }
      shownValues[field.key] = value;
    }
  }
  return { keys, offeredOptions };
}

/** A field with only the options the form offers now (an option that depends on an answer not given is offered). */
export function offeredField(field: QuestionnaireField, offered: ReadonlySet<string> | undefined): QuestionnaireField {
  if (offered === undefined || (field.type !== 'choice' && field.type !== 'multi-choice')) return field;
  return { ...field, options: field.options.filter((option) => offered.has(option.value)) };
}

/** The keys of the fields the form shows, in order (see shownForm). */
export function visibleFieldKeys(
  definition: QuestionnaireDefinition,
  values: Readonly<Record<string, unknown>>,
  context: Readonly<Record<string, unknown>> = {},
): Set<string> {
  return shownForm(definition, values, context).keys;
}

/** Whether a value counts as an answer: false, 0 and a table with rows do; blanks do not. */
export function isAnswered(value: unknown): boolean {
  if (value === null || value === undefined) return false;
  if (typeof value === 'string') return value.trim() !== '';
  if (typeof value === 'number') return Number.isFinite(value);
  if (Array.isArray(value)) return value.length > 0;
  return true;
}

/** Merges answers field by field, keeping whichever was written last, so a slow refetch cannot undo a newer save. */
export function mergeNewest(current: Record<string, Answer>, incoming: Record<string, Answer>): Record<string, Answer> {
  let changed = false;
  const next: Record<string, Answer> = { ...current };
  for (const [key, answer] of Object.entries(incoming)) {
    const known = current[key];
    if (known === undefined || Date.parse(answer.at) >= Date.parse(known.at)) {
      if (
        known === undefined ||
        known.at !== answer.at ||
        known.value !== answer.value ||
        known.by.name !== answer.by.name
      )
        changed = true;
      next[key] = answer;
    }
  }
  return changed ? next : current;
}

/** The field key a submission problem is about: `answers.<key>` (possibly with more after it). */
export function fieldKeyOf(path: string): string | undefined {
  const segments = path.split(/[./[\]]/).filter((segment) => segment !== '' && segment !== 'body');
  return segments[0] === 'answers' ? segments[1] : undefined;
}

/** "5 minutes ago", "yesterday", "in 2 days" in the given language; `justNow` under a minute. */
export function relativeTime(iso: string, now: number, language: string, justNow: string): string {
  const then = Date.parse(iso);
  if (Number.isNaN(then)) return iso;
  const seconds = Math.round((then - now) / 1000);
  // "now" is refreshed once a minute, so an answer saved since can look a little in the future.
  if (seconds > -60) return justNow;
  const format = new Intl.RelativeTimeFormat(localeOf(language), { numeric: 'auto' });
  const steps: [Intl.RelativeTimeFormatUnit, number][] = [
    ['year', 365 * 24 * 3600],
    ['month', 30 * 24 * 3600],
    ['week', 7 * 24 * 3600],
    ['day', 24 * 3600],
    ['hour', 3600],
    ['minute', 60],
  ];
  for (const [unit, size] of steps) {
    if (Math.abs(seconds) >= size) return format.format(Math.round(seconds / size), unit);
  }
  return justNow;
}

/** The DOM id of a field's block, which the missing-answers summary links to. */
export function fieldBlockId(key: string): string {
  return `question-${key}`;
}

/** The DOM id of a field's input (or first input). */
export function fieldInputId(key: string): string {
  return `answer-${key}`;
}
