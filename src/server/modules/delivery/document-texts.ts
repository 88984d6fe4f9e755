/**
 * The words of the signable documents: their titles, the consent the signer agrees to, and the labels of a
 * project's deployment and trainings as the documents print them, from the language resources
 * (src/domain/text/locales/<language>/documents.json).
 */
import { hasText, localized, translate, type Localized, type TextKey } from '../../../domain/text/i18n';
import type { Language } from '../../../domain/text/languages';
import type { SignableKind } from './delivery-state';

export type { Language };

/** The documents' titles in every language (src/domain/text/locales/<language>/documents.json). */
export const documentTitles: Record<SignableKind, Localized> = {
  uat: localized('documents', 'titles.uat'),
  'activity-report': localized('documents', 'titles.activity-report'),
};

/** What the signer agrees to, in their language; stored with the signature exactly as shown. */
export const consentTexts: Localized = localized('documents', 'consent');

export function deploymentLabel(deployment: string, language: Language): string {
  const key = `deployment.${deployment}`;
  return hasText('documents', key) ? translate(language, 'documents', key as TextKey<'documents'>) : deployment;
}

export function trainingLabel(kind: string, language: Language): string {
  const key = `training.${kind}`;
  return hasText('documents', key) ? translate(language, 'documents', key as TextKey<'documents'>) : kind;
}

/** The portal's delivery page carries the consent text the signer agrees to. */
export function consentTextFor(language: Language): string {
  return consentTexts[language];
}
