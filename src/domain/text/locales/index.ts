/**
 * The server's and the domain's language resources: one JSON file per namespace and language. The English files are
 * the reference (their keys type every lookup); a test fails when another language lacks a key or changes a
 * placeholder. The web app has its own resources in src/web/i18n.
 */
import deAudit from './de/audit.json';
import deConditions from './de/conditions.json';
import deDocuments from './de/documents.json';
import deErrors from './de/errors.json';
import dePdf from './de/pdf.json';
import dePlaceholders from './de/placeholders.json';
import dePlainWords from './de/plain-words.json';
import dePortalPages from './de/portal-pages.json';
import deProcess from './de/process.json';
import deWords from './de/words.json';
import enAudit from './en/audit.json';
import enConditions from './en/conditions.json';
import enDocuments from './en/documents.json';
import enErrors from './en/errors.json';
import enPdf from './en/pdf.json';
import enPlaceholders from './en/placeholders.json';
import enPlainWords from './en/plain-words.json';
import enPortalPages from './en/portal-pages.json';
import enProcess from './en/process.json';
import enWords from './en/words.json';
import itAudit from './it/audit.json';
import itConditions from './it/conditions.json';
import itDocuments from './it/documents.json';
import itErrors from './it/errors.json';
import itPdf from './it/pdf.json';
import itPlaceholders from './it/placeholders.json';
import itPlainWords from './it/plain-words.json';
import itPortalPages from './it/portal-pages.json';
import itProcess from './it/process.json';
import itWords from './it/words.json';

export const englishResources = {
  audit: enAudit,
  conditions: enConditions,
  documents: enDocuments,
  errors: enErrors,
  pdf: enPdf,
  placeholders: enPlaceholders,
  'plain-words': enPlainWords,
  'portal-pages': enPortalPages,
  process: enProcess,
  words: enWords,
};

export type Namespace = keyof typeof englishResources;

type Resources = { readonly [N in Namespace]: unknown };

/** Every language's resources, German included before it joins the language list (it is translated ahead). */
export const resourcesByLanguage: Readonly<Record<string, Resources>> = {
  en: englishResources,
  it: {
    audit: itAudit,
    conditions: itConditions,
    documents: itDocuments,
    errors: itErrors,
    pdf: itPdf,
    placeholders: itPlaceholders,
    'plain-words': itPlainWords,
    'portal-pages': itPortalPages,
    process: itProcess,
    words: itWords,
  },
  de: {
    audit: deAudit,
    conditions: deConditions,
    documents: deDocuments,
    errors: deErrors,
    pdf: dePdf,
    placeholders: dePlaceholders,
    'plain-words': dePlainWords,
    'portal-pages': dePortalPages,
    process: deProcess,
    words: deWords,
  },
};
