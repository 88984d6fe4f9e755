import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import en from './en.json';
import it from './it.json';
import portalEn from './portal.en.json';
import portalIt from './portal.it.json';
import sessionsEn from './sessions.en.json';
import sessionsIt from './sessions.it.json';
import calendarEn from './calendar.en.json';
import calendarIt from './calendar.it.json';
import worklogEn from './worklog.en.json';
import worklogIt from './worklog.it.json';
import deliveryEn from './delivery.en.json';
import deliveryIt from './delivery.it.json';
import verifyEn from './verify.en.json';
import verifyIt from './verify.it.json';
import trialMailEn from './trialMail.en.json';
import trialMailIt from './trialMail.it.json';
import accountsEn from './accounts.en.json';
import accountsIt from './accounts.it.json';

export const supportedLanguages = ['en', 'it'] as const;
export type SupportedLanguage = (typeof supportedLanguages)[number];

function isSupported(value: string): value is SupportedLanguage {
  return (supportedLanguages as readonly string[]).includes(value);
}

/** The browser's preferred supported language, else English. */
export function browserLanguage(): SupportedLanguage {
  const preferred = typeof navigator === 'undefined' ? [] : (navigator.languages ?? [navigator.language]);
  for (const tag of preferred) {
    const base = tag.toLowerCase().split('-')[0] ?? '';
    if (isSupported(base)) return base;
  }
  return 'en';
}

void i18n.use(initReactI18next).init({
  resources: {
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
      },
    },
  },
  lng: browserLanguage(),
  fallbackLng: 'en',
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
