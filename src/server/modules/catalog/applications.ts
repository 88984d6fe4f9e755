import type { LocalizedText } from '../../../domain/process';

/**
 * The applications a project can have in scope. The content library (service descriptions, questionnaires,
 * requirement rules, UAT checklists) will hang off these keys.
 */
export const applicationCatalog: readonly { key: string; name: LocalizedText }[] = [
  { key: 'call-recording', name: { en: 'Call Recording', it: 'Registrazione chiamate' } },
  { key: 'call-analytics', name: { en: 'Call Analytics and Billing', it: 'Analisi e tariffazione chiamate' } },
  { key: 'attendant-console', name: { en: 'Attendant Console', it: 'Console operatore' } },
  { key: 'contact-manager', name: { en: 'Contact Manager', it: 'Rubrica aziendale' } },
  { key: 'queue-manager', name: { en: 'Queue Manager', it: 'Gestione code' } },
  { key: 'digital-fax', name: { en: 'Digital Fax', it: 'Fax digitale' } },
];

export const applicationKeys = applicationCatalog.map((application) => application.key);
