import { describe, expect, it } from 'vitest';
import { fieldKeyOf, mergeNewest, offeredField, pick, relativeTime, shownForm } from './questionnaireLogic';
import type { Answer, QuestionnaireDefinition, QuestionnaireField } from './types';

const label = (en: string) => ({ en, it: en });
const text = (key: string, showIf?: unknown) => ({ key, label: label(key), required: false, type: 'text', showIf });
const choice = (key: string, options: { value: string; showIf?: unknown }[], showIf?: unknown) => ({
  key,
  label: label(key),
  required: false,
  type: 'choice',
  showIf,
  options: options.map((option) => ({ ...option, label: label(option.value) })),
});
const definitionOf = (...fields: unknown[]) =>
  ({ sections: [{ key: 'main', title: label('Main'), fields }] }) as unknown as QuestionnaireDefinition;

// The platform decides what is asked next: a field hidden by a condition hides the fields that depend on it.
const definition = definitionOf(
  choice('platform', [{ value: 'teams' }, { value: 'cucm' }]),
  text('teams-tenant', { field: 'platform', equals: 'teams' }),
  choice('cucm-version', [{ value: '14' }, { value: '15' }], { field: 'platform', equals: 'cucm' }),
  text('cucm-cluster', { field: 'cucm-version', in: ['14', '15'] }),
  choice('storage', [{ value: 'local' }, { value: 'cloud', showIf: { field: 'project.cloud', equals: true } }]),
  text('both', {
    all: [
      { field: 'platform', equals: 'cucm' },
      { field: 'storage', equals: 'local' },
    ],
  }),
);

describe('the questionnaire form’s rules', () => {
  // The rules themselves are the domain's (src/domain/content/questionnaire-answers.test.ts); the form reads them.
  it('shows the fields whose conditions hold, as the domain decides', () => {
    expect([...shownForm(definition, { platform: 'teams', 'cucm-version': '14' }).keys]).toEqual([
      'platform',
      'teams-tenant',
      'storage',
    ]);
  });

  it('offers an option whose condition rests on a project answer not given yet, and counts a choice no longer offered as not given', () => {
    expect(shownForm(definition, {}).offeredOptions.get('storage')).toEqual(new Set(['local', 'cloud']));
    const withoutCloud = shownForm(definition, { platform: 'cucm', storage: 'cloud' }, { 'project.cloud': false });
    expect(withoutCloud.offeredOptions.get('storage')).toEqual(new Set(['local']));
    // The choice of "cloud" no longer counts, so the field that needs "local" stays hidden too.
    expect(withoutCloud.keys.has('both')).toBe(false);
    const storage = definition.sections[0]?.fields[4] as QuestionnaireField & { options: { value: string }[] };
    expect((offeredField(storage, new Set(['local'])) as typeof storage).options.map((option) => option.value)).toEqual(
      ['local'],
    );
    expect(offeredField(storage, undefined)).toBe(storage);
  });

  it('merges answers keeping the newest of each, and the same object when nothing changed', () => {
    const answer = (value: string, at: string) => ({ value, at, by: { name: 'Giulia' } }) as unknown as Answer;
    const current = { a: answer('old', '2027-01-01T10:00:00Z'), b: answer('newer', '2027-01-02T10:00:00Z') };
    const incoming = { a: answer('new', '2027-01-01T11:00:00Z'), b: answer('stale', '2027-01-01T10:00:00Z') };
    const merged = mergeNewest(current, incoming);
    expect(merged).toEqual({ a: incoming.a, b: current.b });
    expect(mergeNewest(merged, { a: answer('new', '2027-01-01T11:00:00Z') })).toBe(merged);
  });

  it('reads the field key of a submission problem, the text in the form’s language, and a relative time', () => {
    expect(fieldKeyOf('body.answers.platform')).toBe('platform');
    expect(fieldKeyOf('/answers/servers/0/name')).toBe('servers');
    expect(fieldKeyOf('body.language')).toBeUndefined();
    expect(pick({ en: 'Platform', it: 'Piattaforma' }, 'it')).toBe('Piattaforma');
    expect(pick({ en: 'Platform' }, 'de')).toBe('Platform');
    expect(pick(undefined, 'en')).toBe('');
    const now = Date.parse('2027-03-10T12:00:00Z');
    expect(relativeTime('2027-03-10T11:59:30Z', now, 'en', 'just now')).toBe('just now');
    expect(relativeTime('2027-03-10T11:55:00Z', now, 'en', 'just now')).toBe('5 minutes ago');
    expect(relativeTime('2027-03-09T12:00:00Z', now, 'en', 'just now')).toBe('yesterday');
    expect(relativeTime('2027-03-08T12:00:00Z', now, 'it', 'adesso')).toBe('l’altro ieri');
    expect(relativeTime('not a date', now, 'en', 'just now')).toBe('not a date');
  });
});
