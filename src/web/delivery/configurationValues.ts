import { ApiError } from '../api/errors';
import type { ConfigurationField, ConfigurationValue } from './deliveryApi';

/** What a field's input holds while it is edited: text for text, date and choice, a number or '' for numbers. */
export type DraftValue = string | number | boolean;

/** The input's starting value for a stored value (or none). */
export function draftOf(field: ConfigurationField, stored: string | number | boolean | undefined): DraftValue {
  if (field.type === 'yes-no') return stored === true;
  if (field.type === 'number') return typeof stored === 'number' ? stored : '';
  return typeof stored === 'string' ? stored : '';
}

/** The value sent for a field: null clears it. */
export function valueOf(field: ConfigurationField, draft: DraftValue): ConfigurationValue {
  if (field.type === 'yes-no') return draft === true;
  if (field.type === 'number') return typeof draft === 'number' ? draft : null;
  const text = typeof draft === 'string' ? draft.trim() : '';
  return text === '' ? null : text;
}

/** Only the fields whose value changed: the server changes only the fields sent. */
export function changedValues(
  fields: readonly ConfigurationField[],
  stored: Record<string, string | number | boolean>,
  drafts: Record<string, DraftValue>,
): Record<string, ConfigurationValue> {
  const changed: Record<string, ConfigurationValue> = {};
  for (const field of fields) {
    const draft = drafts[field.key];
    if (draft === undefined) continue;
    const value = valueOf(field, draft);
    const before = stored[field.key] ?? null;
    // An unticked yes-no field never set is left unset, rather than recorded as "no".
    if (field.type === 'yes-no' && before === null && value === false) continue;
    if (value !== before) changed[field.key] = value;
  }
  return changed;
}

/** The server's problems keyed by field (`body.values.<key>`), and the rest. */
export function configurationErrorsFrom(error: unknown): {
  fieldErrors: Record<string, string>;
  otherProblems: string[];
} {
  const fieldErrors: Record<string, string> = {};
  const otherProblems: string[] = [];
  if (!(error instanceof ApiError)) return { fieldErrors, otherProblems };
  for (const problem of error.details) {
    const segments = problem.path.split(/[./[\]]/).filter((segment) => segment !== '' && segment !== 'body');
    const fieldKey = segments[0] === 'values' ? segments[1] : undefined;
    if (fieldKey) fieldErrors[fieldKey] ??= problem.message;
    else otherProblems.push(problem.path ? `${problem.path}: ${problem.message}` : problem.message);
  }
  return { fieldErrors, otherProblems };
}
