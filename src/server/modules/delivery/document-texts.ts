/**
 * The words of the signable documents kept in one place, in English and Italian: their titles, the consent the signer
 * agrees to, and the labels of a project's deployment and trainings as the documents print them.
 */
import type { SignableKind } from './delivery-state';

export type Language = 'en' | 'it';

export const documentTitles: Record<SignableKind, Record<Language, string>> = {
  uat: { en: 'User acceptance tests', it: 'Test di accettazione (collaudo)' },
  'activity-report': { en: 'Activity report', it: 'Rapporto delle attività' },
};

/** What the signer agrees to, in their language; stored with the signature exactly as shown. */
export const consentTexts: Record<Language, string> = {
  en: 'I have reviewed this document and I sign it electronically. I agree that my typed name and signature, together with the time, my address (IP), my browser and the personal link emailed to me, record my approval, and that they are kept with the document.',
  it: 'Ho esaminato questo documento e lo firmo elettronicamente. Accetto che il nome e la firma che inserisco, insieme all’ora, al mio indirizzo (IP), al mio browser e al link personale ricevuto per email, registrino la mia approvazione e siano conservati con il documento.',
};

const deploymentLabels: Record<string, Record<Language, string>> = {
  'virtual-appliance': { en: 'Virtual appliance', it: 'Virtual appliance' },
  'windows-vms': { en: 'Windows virtual machines', it: 'Macchine virtuali Windows' },
  'vendor-cloud': { en: 'The vendor’s cloud', it: 'Cloud del fornitore' },
};

const trainingLabels: Record<string, Record<Language, string>> = {
  admin: { en: 'Administrators', it: 'Amministratori' },
  'end-user': { en: 'End users', it: 'Utenti finali' },
  'on-the-job': { en: 'On the job', it: 'Affiancamento operativo' },
};

export function deploymentLabel(deployment: string, language: Language): string {
  return deploymentLabels[deployment]?.[language] ?? deployment;
}

export function trainingLabel(kind: string, language: Language): string {
  return trainingLabels[kind]?.[language] ?? kind;
}

/** The portal's delivery page carries the consent text the signer agrees to. */
export function consentTextFor(language: Language): string {
  return consentTexts[language];
}
