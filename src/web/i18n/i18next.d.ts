import type en from './en.json';
import type portalEn from './portal.en.json';

declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'translation';
    // The portal's texts (customers and partners) live in their own files, under the `portal.` prefix.
    resources: { translation: typeof en & { portal: typeof portalEn } };
  }
}
