import { shownQuestionnaire, type Answers, type ShownQuestionnaire } from '../../domain/content/questionnaire-answers';
import { pick as pickIn } from '../../domain/text/languages';
import { localeOf } from '../lib/format';
import type { Answer, ContentLanguage, LocalizedContent, QuestionnaireDefinition, QuestionnaireField } from './types';

/** The text of a content-library text in the form's language, else English. */
export function pick(text: LocalizedContent | undefined, language: ContentLanguage): string {
  if (!text) return '';
  return pickIn(text, language) || text.en;
}

/**
 * What the form shows for the answers so far: the keys of the fields, in order, and by field key the options offered by
 * a choice whose options depend on answers (a field absent there offers all). The rule is the domain's, which the
 * server enforces when it stores answers, checks a submission and raises requirements: a field hidden by a condition
 * hides the fields that depend on it, a choice of an option no longer offered counts as not given, and a condition on
 * a project answer nobody gave yet (absent from `context`, the project's `project.<key>` answers and facts) holds.
 */
export function shownForm(
  definition: QuestionnaireDefinition,
  values: Readonly<Record<string, unknown>>,
  context: Readonly<Record<string, unknown>> = {},
): ShownQuestionnaire {
  // The API's document types answers as unknown; they are the domain's answer values, which the server checked.
  return shownQuestionnaire(definition, values as Answers, context as Answers);
}

/** A field with only the options the form offers now (an option that depends on an answer not given is offered). */
export function offeredField(field: QuestionnaireField, offered: ReadonlySet<string> | undefined): QuestionnaireField {
  if (offered === undefined || (field.type !== 'choice' && field.type !== 'multi-choice')) return field;
  return { ...field, options: field.options.filter((option) => offered.has(option.value)) };
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
