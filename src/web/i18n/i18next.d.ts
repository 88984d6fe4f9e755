import type en from './en.json';
import type portalEn from './portal.en.json';
import type sessionsEn from './sessions.en.json';
import type calendarEn from './calendar.en.json';
import type worklogEn from './worklog.en.json';

declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'translation';
    // The portal's texts (customers and partners) live in their own files, under the `portal.` prefix; so do the
    // project's sessions (`sessions.`), the staff calendars and capacity (`calendar.`) and the project's work log
    // (`worklog.`).
    resources: { translation: typeof en & { portal: typeof portalEn; sessions: typeof sessionsEn; calendar: typeof calendarEn; worklog: typeof worklogEn } };
  }
}
