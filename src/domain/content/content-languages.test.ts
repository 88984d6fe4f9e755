import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { languages } from '../text/languages';
import { loadContentLibrary } from './load-content';
import { emailTemplateKeys } from './placeholders';
import type { ContentLibrary } from './check-content';

const contentDirectory = fileURLToPath(new URL('../../../content', import.meta.url));

/** Every localized text of a tree (an object with English and Italian), with where it is. */
function localizedTexts(value: unknown, path: string): [string, Record<string, unknown>][] {
  if (Array.isArray(value)) return value.flatMap((item, index) => localizedTexts(item, `${path}[${index}]`));
  if (typeof value !== 'object' || value === null) return [];
  const record = value as Record<string, unknown>;
  if (typeof record['en'] === 'string' && typeof record['it'] === 'string') return [[path, record]];
  return Object.entries(record).flatMap(([key, child]) => localizedTexts(child, `${path}.${key}`));
}

describe('the shipped content library in every language', () => {
  let library: ContentLibrary;
  beforeAll(async () => {
    library = await loadContentLibrary(contentDirectory);
  });

  it('writes every text of the applications, the project questionnaire, checklists, services and teams in each language', () => {
    const trees = {
      applications: library.applications,
      projectQuestionnaire: library.projectQuestionnaire,
      environmentChecklists: library.environmentChecklists,
      services: library.services,
      teams: library.teams,
    };
    const texts = Object.entries(trees).flatMap(([name, tree]) => localizedTexts(tree, name));
    expect(texts.length).toBeGreaterThan(1000);
    const missing = texts.flatMap(([path, text]) =>
      languages
        .filter((language) => typeof text[language] !== 'string' || text[language] === '')
        .map((language) => `${path}.${language}`),
    );
    expect(missing).toEqual([]);
  });

  it('has every email template and document in each language', () => {
    for (const language of languages) {
      for (const key of emailTemplateKeys)
        expect(library.emailTemplates[key][language], `${key}.${language}`).toBeDefined();
      for (const document of Object.values(library.documents)) expect(document[language]).toBeDefined();
    }
  });
});
