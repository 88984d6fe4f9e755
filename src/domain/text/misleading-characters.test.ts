import { describe, expect, it } from 'vitest';
import { withoutMisleadingCharacters } from './misleading-characters';

describe('misleading characters', () => {
  it('removes direction overrides, isolates and zero-width characters', () => {
    expect(withoutMisleadingCharacters('invoice\u202Efdp.exe')).toBe('invoicefdp.exe');
    expect(withoutMisleadingCharacters('\uFEFFMaria\u200B Bianchi\u2060')).toBe('Maria Bianchi');
    expect(withoutMisleadingCharacters('\u2066Acme\u2069 \u202Aspa\u202C \u200E\u200F')).toBe('Acme spa ');
  });

  it('keeps ordinary text, accents and right-to-left names as typed', () => {
    // The Persian surname Mohammadi-Nejad is spelled with a zero-width non-joiner, which stays.
    for (const text of [
      'Łukasz Żółć',
      'François d’Arc',
      'محمد بن راشد',
      'דוד לוי',
      'Ελένη',
      'Ирина',
      'محمدی\u200Cنژاد',
      'Call recording — phase 2 (50%)',
    ]) {
      expect(withoutMisleadingCharacters(text)).toBe(text);
    }
  });
});
