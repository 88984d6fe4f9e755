import { describe, expect, it } from 'vitest';
import type { Questionnaire } from './content.schemas';
import { decideCondition, isAnswered, shownQuestionnaire, visibleAnswers } from './questionnaire-answers';

const label = (en: string) => ({ en, it: en });
const text = (key: string, showIf?: unknown) => ({ key, label: label(key), required: false, type: 'text', showIf });
const choice = (
  key: string,
  options: { value: string; showIf?: unknown }[],
  showIf?: unknown,
  type: 'choice' | 'multi-choice' = 'choice',
) => ({
  key,
  label: label(key),
  required: false,
  type,
  showIf,
  options: options.map((option) => ({ ...option, label: label(option.value) })),
});
const questionnaireOf = (...fields: unknown[]) =>
  ({
    key: 'q',
    version: 1,
    title: label('Q'),
    intro: label(''),
    sections: [{ key: 'main', title: label('Main'), fields }],
  }) as unknown as Questionnaire;

// The platform decides what is asked next: a field hidden by a condition hides the fields that depend on it.
const questionnaire = questionnaireOf(
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
  choice(
    'codecs',
    [{ value: 'g711' }, { value: 'opus', showIf: { field: 'platform', equals: 'teams' } }],
    undefined,
    'multi-choice',
  ),
);

describe('what a questionnaire’s form shows for the answers so far', () => {
  it('shows the fields whose conditions hold, hiding those that depend on a hidden one whatever it still holds', () => {
    expect([...shownQuestionnaire(questionnaire, {}).keys]).toEqual(['platform', 'storage', 'codecs']);
    expect([...shownQuestionnaire(questionnaire, { platform: 'teams', 'cucm-version': '14' }).keys]).toEqual([
      'platform',
      'teams-tenant',
      'storage',
      'codecs',
    ]);
    expect([
      ...shownQuestionnaire(questionnaire, { platform: 'cucm', 'cucm-version': '14', storage: 'local' }).keys,
    ]).toEqual(['platform', 'cucm-version', 'cucm-cluster', 'storage', 'both', 'codecs']);
  });

  it('offers an option whose condition rests on a project answer not given yet, and counts a choice no longer offered as not given', () => {
    expect(shownQuestionnaire(questionnaire, {}).offeredOptions.get('storage')).toEqual(new Set(['local', 'cloud']));
    const withoutCloud = shownQuestionnaire(
      questionnaire,
      { platform: 'cucm', storage: 'cloud' },
      { 'project.cloud': false },
    );
    expect(withoutCloud.offeredOptions.get('storage')).toEqual(new Set(['local']));
    // The choice of "cloud" no longer counts, so the field that needs "local" stays hidden too.
    expect(withoutCloud.keys.has('both')).toBe(false);
    expect(withoutCloud.answers).toEqual({ platform: 'cucm' });
    // A choice whose options all are always offered is not listed: it offers them all.
    expect(withoutCloud.offeredOptions.has('platform')).toBe(false);
  });

  it('keeps of a multi-choice the options still offered, and drops it when none is', () => {
    expect(visibleAnswers(questionnaire, { platform: 'cucm', codecs: ['g711', 'opus'] })).toEqual({
      platform: 'cucm',
      codecs: ['g711'],
    });
    expect(visibleAnswers(questionnaire, { platform: 'cucm', codecs: ['opus'] })).toEqual({ platform: 'cucm' });
    expect(visibleAnswers(questionnaire, { platform: 'teams', codecs: ['opus'] })).toEqual({
      platform: 'teams',
      codecs: ['opus'],
    });
  });

  it('leaves undecided a condition on a project answer nobody gave, and decides one given as null', () => {
    expect(decideCondition({ field: 'project.cloud', equals: true }, {})).toBeUndefined();
    expect(decideCondition({ field: 'project.cloud', equals: true }, { 'project.cloud': null })).toBe(false);
    expect(
      decideCondition(
        {
          any: [
            { field: 'project.cloud', equals: true },
            { field: 'a', equals: 'x' },
          ],
        },
        { a: 'x' },
      ),
    ).toBe(true);
  });

  it('tells an answer from a blank: false, 0 and a non-empty list are answers', () => {
    expect([false, 0, 'x', ['row'], { a: 1 }].map(isAnswered)).toEqual([true, true, true, true, true]);
    expect([null, undefined, '  ', [], Number.NaN].map(isAnswered)).toEqual([false, false, false, false, false]);
  });
});
