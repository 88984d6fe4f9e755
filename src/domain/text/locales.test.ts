import { describe, expect, it } from 'vitest';
import { localized, translate } from './i18n';
import { languages } from './languages';
import { englishResources, resourcesByLanguage } from './locales';

/** Every leaf of a resource as [dotted path, text]. */
function leaves(value: unknown, prefix = ''): [string, unknown][] {
  if (typeof value !== 'object' || value === null) return [[prefix, value]];
  return Object.entries(value).flatMap(([key, child]) => leaves(child, prefix === '' ? key : `${prefix}.${key}`));
}

const placeholders = (text: unknown) => [...String(text).matchAll(/\{\{\s*([\w.]+)\s*\}\}/g)].map((m) => m[1]).sort();

describe('the language resources of the server and the domain', () => {
  it('has resources for every language of the list', () => {
    for (const language of languages) expect(Object.keys(resourcesByLanguage)).toContain(language);
  });

  for (const [language, namespaces] of Object.entries(resourcesByLanguage)) {
    if (language === 'en') continue;
    it(`${language}: every namespace and key of English, each a non-empty text with the same placeholders`, () => {
      const problems: string[] = [];
      for (const [namespace, english] of Object.entries(englishResources)) {
        const translated = (namespaces as Record<string, unknown>)[namespace];
        const theirs = new Map(leaves(translated));
        for (const [path, text] of leaves(english)) {
          const other = theirs.get(path);
          if (typeof other !== 'string' || other.trim() === '') problems.push(`${namespace}:${path} is missing`);
          else if (placeholders(other).join() !== placeholders(text).join())
            problems.push(
              `${namespace}:${path} has {{${placeholders(other).join(', ')}}}, not {{${placeholders(text).join(', ')}}}`,
            );
          theirs.delete(path);
        }
        for (const path of theirs.keys()) problems.push(`${namespace}:${path} is not in English`);
      }
      expect(problems).toEqual([]);
    });
  }

  it('fills placeholders and falls back to English only for a key the language lacks', () => {
    expect(translate('en', 'portal-pages', 'limitedBody', { seconds: 30 })).toContain('Try again in 30 seconds.');
    expect(translate('it', 'portal-pages', 'limitedBody', { seconds: 30 })).toContain('Riprovate tra 30 secondi.');
    const title = localized('plain-words', 'steps.handover.title');
    expect(Object.keys(title).sort()).toEqual([...languages].sort());
    expect(title.en).toBe('Handed over to support');
    expect(title.it).not.toBe(title.en);
  });
});
