import { describe, expect, it } from 'vitest';
import {
  formatCalendarDate,
  formatDate,
  formatDateTime,
  formatFileSize,
  formatMoney,
  formatNumber,
  languageOf,
  localeOf,
  localizedTextOf,
  numberSeparators,
} from './format';

/** Intl writes no-break spaces (U+00A0, U+202F) between a number and its unit: compared as plain spaces. */
const plain = (text: string) => text.replace(/\s/g, ' ');

describe('the web app’s formatting', () => {
  it('reads the language of an i18next language or a browser tag, else English, and its locale', () => {
    expect(languageOf('de-CH')).toBe('de');
    expect(languageOf('IT')).toBe('it');
    expect(languageOf('fr')).toBe('en');
    expect(languageOf(undefined)).toBe('en');
    expect(localeOf('de')).toBe('de-DE');
    expect(localeOf('it-IT')).toBe('it-IT');
    expect(localeOf('pt')).toBe('en-GB');
  });

  it('writes dates in the language’s locale and gives back what is no date as it came', () => {
    expect(formatCalendarDate('2027-03-01', 'de')).toBe('01.03.2027');
    expect(formatCalendarDate('2027-03-01', 'en')).toBe('1 Mar 2027');
    expect(formatCalendarDate('not a date', 'en')).toBe('not a date');
    expect(formatDate('not a date', 'en')).toBe('not a date');
    expect(formatDateTime('not a date', 'it')).toBe('not a date');
    expect(formatDateTime('2027-03-01T12:00:00Z', 'en')).toMatch(/2027/);
  });

  it('writes amounts in their currency, and an unknown code after the number', () => {
    expect(plain(formatMoney('4800.00', 'EUR', 'it'))).toBe('4800,00 €');
    expect(formatMoney('4800.00', 'EUR', 'en')).toBe('€4,800.00');
    expect(plain(formatMoney('4800', 'XYZW', 'de'))).toBe('4.800,00 XYZW');
    expect(formatMoney('abc', 'EUR', 'en')).toBe('abc EUR');
  });

  it('writes file sizes, numbers and the separators of the locale', () => {
    expect(plain(formatFileSize(812, 'en'))).toBe('812 bytes');
    expect(plain(formatFileSize(14_400, 'en'))).toBe('14 kB');
    expect(plain(formatFileSize(2_340_000, 'it'))).toBe('2,3 MB');
    expect(formatNumber(2.5, 'it')).toBe('2,5');
    expect(formatNumber(2.5, 'en')).toBe('2.5');
    expect(numberSeparators('de')).toEqual({ decimal: ',', thousands: '.' });
    expect(numberSeparators('en')).toEqual({ decimal: '.', thousands: ',' });
  });

  it('reads a text in every language from content of unknown shape, English standing in for a missing language', () => {
    expect(localizedTextOf({ en: 'Recording', it: 'Registrazione' }, 'Team')).toEqual({
      en: 'Recording',
      it: 'Registrazione',
      de: 'Recording',
    });
    expect(localizedTextOf({ it: 42 }, 'Team')).toEqual({ en: 'Team', it: 'Team', de: 'Team' });
    expect(localizedTextOf('not an object', 'Team')).toEqual({ en: 'Team', it: 'Team', de: 'Team' });
  });
});
