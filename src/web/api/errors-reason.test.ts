import { describe, expect, it } from 'vitest';
import i18n from '../i18n';
import { ApiError, errorMessage } from './errors';

describe('a refusal with a reason the server’s resources hold', () => {
  const refusal = () =>
    new ApiError({
      status: 409,
      code: 'conflict',
      message: 'This document is already signed by Ada on 2026-12-07: it cannot be signed twice.',
      reason: 'delivery.already_signed_by',
      values: { name: 'Ada', date: '2026-12-07' },
    });

  it('is shown in the language the reader chose in the web app, with its values', async () => {
    await i18n.changeLanguage('de');
    expect(errorMessage(refusal(), 'fallback')).toBe(
      'Dieses Dokument wurde bereits von Ada am 2026-12-07 unterschrieben: Es kann nicht zweimal unterschrieben werden.',
    );
    await i18n.changeLanguage('it');
    expect(errorMessage(refusal(), 'fallback')).toContain('già firmato da Ada il 2026-12-07');
  });

  it('keeps the server’s words for a reason the resources do not know, and for no reason at all', async () => {
    await i18n.changeLanguage('de');
    const unknown = new ApiError({ status: 409, code: 'conflict', message: 'Server words.', reason: 'nope.nothing' });
    expect(errorMessage(unknown, 'fallback')).toBe('Server words.');
    expect(errorMessage(new ApiError({ status: 409, code: 'conflict', message: 'Plain.' }), 'fallback')).toBe('Plain.');
    await i18n.changeLanguage('en');
  });

  it('says a staff refusal in the reader’s language, its plural chosen by the count the server sends', async () => {
    const missing = (count: number) =>
      new ApiError({
        status: 400,
        code: 'validation_failed',
        message: 'English words from the server.',
        reason: 'questionnaires.answers_missing',
        values: { count },
      });
    const taken = new ApiError({
      status: 409,
      code: 'conflict',
      message: 'Purchase order PO-7 is recorded already.',
      reason: 'purchaseOrders.recorded_already',
      values: { number: 'PO-7' },
    });
    await i18n.changeLanguage('it');
    expect(errorMessage(missing(1), 'fallback')).toBe('Manca una risposta obbligatoria.');
    expect(errorMessage(missing(3), 'fallback')).toBe('Mancano 3 risposte obbligatorie.');
    expect(errorMessage(taken, 'fallback')).toBe('L’ordine d’acquisto PO-7 è già registrato.');
    await i18n.changeLanguage('de');
    expect(errorMessage(missing(3), 'fallback')).toBe('3 Pflichtantworten fehlen.');
    await i18n.changeLanguage('en');
    expect(errorMessage(missing(3), 'fallback')).toBe('3 required answers are missing.');
  });
});
