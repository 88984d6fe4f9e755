import type en from './en.json';
import type portalEn from './portal.en.json';
import type sessionsEn from './sessions.en.json';
import type calendarEn from './calendar.en.json';
import type worklogEn from './worklog.en.json';
import type deliveryEn from './delivery.en.json';
import type verifyEn from './verify.en.json';
import type trialMailEn from './trialMail.en.json';
import type accountsEn from './accounts.en.json';
import type serverErrorsEn from '../../domain/text/locales/en/errors.json';
import type auditEventsEn from '../../domain/text/locales/en/audit.json';

declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'translation';
    // The portal's texts (customers and partners) live in their own files, under the `portal.` prefix; so do the
    // project's sessions (`sessions.`), the staff calendars and capacity (`calendar.`), the project's work log
    // (`worklog.`) and its delivery with support's dossier search (`delivery.`); the public page checking sealed PDFs
    // has `verify.`; the trial mailbox and the trial mode's banners (staff and portal) have `trialMail.`; passwords
    // (change, forgotten, the link's page) and the invitations on the users page have `accounts.`; the server's
    // refusals, by their reason, are the server's own resources under `serverErrors.`, and so are the audit trail's
    // labels and sentences, under `auditEvents.`.
    resources: {
      translation: typeof en & {
        portal: typeof portalEn;
        sessions: typeof sessionsEn;
        calendar: typeof calendarEn;
        worklog: typeof worklogEn;
        delivery: typeof deliveryEn;
        verify: typeof verifyEn;
        trialMail: typeof trialMailEn;
        accounts: typeof accountsEn;
        serverErrors: typeof serverErrorsEn;
        auditEvents: typeof auditEventsEn;
      };
    };
  }
}
