/**
 * The server's and the domain's language resources: one JSON file per namespace and language. The English files are
 * the reference (their keys type every lookup); a test fails when another language lacks a key or changes a
 * placeholder. The web app has its own resources in src/web/i18n.
 */
import deConditions from './de/conditions.json';
import dePlainWords from './de/plain-words.json';
import dePortalPages from './de/portal-pages.json';
import deWords from './de/words.json';
import enConditions from './en/conditions.json';
import enPlainWords from './en/plain-words.json';
import enPortalPages from './en/portal-pages.json';
import enWords from './en/words.json';
import itConditions from './it/conditions.json';
import itPlainWords from './it/plain-words.json';
import itPortalPages from './it/portal-pages.json';
import itWords from './it/words.json';

export const englishResources = {
  conditions: enConditions,
  'plain-words': enPlainWords,
  'portal-pages': enPortalPages,
  words: enWords,
};

export type Namespace = keyof typeof englishResources;

type Resources = { readonly [N in Namespace]: unknown };

/** Every language's resources, German included before it joins the language list (it is translated ahead). */
export const resourcesByLanguage: Readonly<Record<string, Resources>> = {
  en: englishResources,
  it: { conditions: itConditions, 'plain-words': itPlainWords, 'portal-pages': itPortalPages, words: itWords },
  de: { conditions: deConditions, 'plain-words': dePlainWords, 'portal-pages': dePortalPages, words: deWords },
};
