import type { ZxcvbnFactory } from '@zxcvbn-ts/core';
import { translate, type TextKey } from '../../../domain/text/i18n';
import { refuse } from '../../errors';

import { maximumPasswordLength, minimumPasswordLength } from '../users/users.schemas';

// The lengths live with the users' schemas (below auth); kept here under their old address.
export { maximumPasswordLength, minimumPasswordLength };

/*
 * zxcvbn estimates how many guesses a password needs, knowing the common passwords, names, words, keyboard patterns,
 * dates and the small changes people make to them ("Password1234!" is "password" capitalised, a sequence and a
 * symbol). Score 3 means at least 10^8 guesses: with argon2id and the log-in delays, out of reach online and costly
 * offline. Only the first characters are judged: a longer tail can only add to a strong start, and matching is
 * superlinear in the length.
 */
const minimumScore = 3;
const judgedLength = 64;

let checker: Promise<ZxcvbnFactory> | undefined;

// Loaded on first use: the dictionaries take a few tens of milliseconds to read, which a start without users to
// create need not pay.
async function loadChecker(): Promise<ZxcvbnFactory> {
  const [{ ZxcvbnFactory: Factory }, common] = await Promise.all([
    import('@zxcvbn-ts/core'),
    import('@zxcvbn-ts/language-common'),
  ]);
  return new Factory({ dictionary: { ...common.dictionary }, graphs: common.adjacencyGraphs, maxLength: judgedLength });
}

const commonWarnings = new Set(['topTen', 'topHundred', 'common', 'similarToCommon']);

/** Why a password is refused: a text of the errors resources and the values it names. */
export interface PasswordProblem {
  key: TextKey<'errors'>;
  values: Readonly<Record<string, number>>;
}

/**
 * Why a new password would be refused, in words a person can act on, or null when it may be used. `personal` holds
 * what an attacker knows about its owner (email, name), which the password should not be built from.
 */
export async function findPasswordProblem(
  password: string,
  personal: readonly string[] = [],
): Promise<PasswordProblem | null> {
  if (password.length < minimumPasswordLength)
    return { key: 'auth.password_too_short', values: { minimum: minimumPasswordLength } };
  if (password.length > maximumPasswordLength)
    return { key: 'auth.password_too_long', values: { maximum: maximumPasswordLength } };
  checker ??= loadChecker();
  const inputs = personal
    .flatMap((text) => [text, ...text.toLowerCase().split(/[^\p{L}\p{N}]+/u)])
    .filter((text) => text.length >= 3);
  const result = (await checker).check(password, inputs);
  if (result.score >= minimumScore) return null;
  const warning = result.feedback.warning ?? '';
  const key = commonWarnings.has(warning)
    ? 'auth.password_common'
    : warning === 'userInputs'
      ? 'auth.password_personal'
      : 'auth.password_guessable';
  return { key, values: {} };
}

/**
 * Throws weak_password naming the field (such as `body.password`) when the password is too short or too easy to guess;
 * every route that sets a password calls it.
 */
export async function checkNewPassword(password: string, personal: readonly string[], field: string): Promise<void> {
  const problem = await findPasswordProblem(password, personal);
  if (problem !== null)
    throw refuse('weak_password', problem.key, {
      values: problem.values,
      details: [{ path: field, message: translate('en', 'errors', problem.key, problem.values) }],
    });
}
