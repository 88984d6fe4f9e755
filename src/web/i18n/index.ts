import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import { defaultLanguage, isLanguage, languages, type Language } from '../../domain/text/languages';
import en from './en.json';
import it from './it.json';
import de from './de.json';
import portalEn from './portal.en.json';
import portalIt from './portal.it.json';
import portalDe from './portal.de.json';
import sessionsEn from './sessions.en.json';
import sessionsIt from './sessions.it.json';
import sessionsDe from './sessions.de.json';
import calendarEn from './calendar.en.json';
import calendarIt from './calendar.it.json';
import calendarDe from './calendar.de.json';
import worklogEn from './worklog.en.json';
import worklogIt from './worklog.it.json';
import worklogDe from './worklog.de.json';
import deliveryEn from './delivery.en.json';
import deliveryIt from './delivery.it.json';
import deliveryDe from './delivery.de.json';
import verifyEn from './verify.en.json';
import verifyIt from './verify.it.json';
import verifyDe from './verify.de.json';
import trialMailEn from './trialMail.en.json';
import trialMailIt from './trialMail.it.json';
import trialMailDe from './trialMail.de.json';
import accountsEn from './accounts.en.json';
import accountsIt from './accounts.it.json';
import accountsDe from './accounts.de.json';
import serverErrorsEn from '../../domain/text/locales/en/errors.json';
import serverErrorsIt from '../../domain/text/locales/it/errors.json';
import serverErrorsDe from '../../domain/text/locales/de/errors.json';
import auditEventsEn from '../../domain/text/locales/en/audit.json';
import auditEventsIt from '../../domain/text/locales/it/audit.json';
import auditEventsDe from '../../domain/text/locales/de/audit.json';

/** The languages the web app speaks: Engage's one list (src/domain/text/languages.ts). */
export const supportedLanguages = languages;

/** The browser's preferred supported language, else English. */
export function browserLanguage(): Language {
  const preferred = typeof navigator === 'undefined' ? [] : (navigator.languages ?? [navigator.language]);
  for (const tag of preferred) {
    const base = tag.toLowerCase().split('-')[0] ?? '';
    if (isLanguage(base)) return base;
  }
  return defaultLanguage;
}

/** Every language's resources, its own file for each namespace: the compiler refuses a language left out. */
const resources: Record<Language, { translation: object }> = {
  en: {
    translation: {
      ...en,
      portal: portalEn,
      sessions: sessionsEn,
      calendar: calendarEn,
      worklog: worklogEn,
      delivery: deliveryEn,
      verify: verifyEn,
      trialMail: trialMailEn,
      accounts: accountsEn,
      serverErrors: serverErrorsEn,
      auditEvents: auditEventsEn,
    },
  },
  it: {
    translation: {
      ...it,
      portal: portalIt,
      sessions: sessionsIt,
      calendar: calendarIt,
      worklog: worklogIt,
      delivery: deliveryIt,
      verify: verifyIt,
      trialMail: trialMailIt,
      accounts: accountsIt,
      serverErrors: serverErrorsIt,
      auditEvents: auditEventsIt,
    },
  },
  de: {
    translation: {
      ...de,
      portal: portalDe,
      sessions: sessionsDe,
      calendar: calendarDe,
      worklog: worklogDe,
      delivery: deliveryDe,
      verify: verifyDe,
      trialMail: trialMailDe,
      accounts: accountsDe,
      serverErrors: serverErrorsDe,
      auditEvents: auditEventsDe,
    },
  },
};

void i18n.use(initReactI18next).init({
  resources,
  lng: browserLanguage(),
  fallbackLng: defaultLanguage,
  supportedLngs: supportedLanguages,
  interpolation: { escapeValue: false },
  returnNull: false,
});

function syncDocumentLanguage(language: string): void {
  if (typeof document !== 'undefined') document.documentElement.lang = language;
}
syncDocumentLanguage(i18n.language);
i18n.on('languageChanged', syncDocumentLanguage);

export default i18n;
