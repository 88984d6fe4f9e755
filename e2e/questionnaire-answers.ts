import { evaluateCondition, listFields, type Questionnaire } from '../src/domain/content';

/**
 * The answers a contact types into a questionnaire in the browser journeys: the given answers, and a plain value for
 * every other required question the form shows, its free texts written in the contact's words.
 */
export function fillIn(
  questionnaire: Questionnaire,
  projectAnswers: Record<string, unknown>,
  given: Record<string, unknown>,
  words: { answerTo: string; firstRow: string } = { answerTo: 'Answer to', firstRow: 'Row 1' },
): Record<string, unknown> {
  const answers: Record<string, unknown> = {};
  for (const field of listFields(questionnaire)) {
    if (field.showIf !== undefined && !evaluateCondition(field.showIf, { ...projectAnswers, ...answers } as never))
      continue;
    if (given[field.key] !== undefined) {
      answers[field.key] = given[field.key];
      continue;
    }
    if (!field.required) continue;
    const first = 'options' in field ? field.options[0]?.value : undefined;
    answers[field.key] = {
      text: `${words.answerTo} ${field.key}`,
      'long-text': `${words.answerTo} ${field.key}`,
      number: 'min' in field ? (field.min ?? 1) : 1,
      date: '2027-05-03',
      'yes-no': false,
      choice: first,
      'multi-choice': [first],
      table: [
        Object.fromEntries(
          ('columns' in field ? field.columns : []).map((column) => [
            column.key,
            column.type === 'number'
              ? 1
              : column.type === 'yes-no'
                ? true
                : column.type === 'choice'
                  ? (column.options[0]?.value ?? '')
                  : words.firstRow,
          ]),
        ),
      ],
    }[field.type];
  }
  return answers;
}
