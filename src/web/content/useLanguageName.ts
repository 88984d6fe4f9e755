import { useTranslation } from 'react-i18next';
import { languages, type Language } from '../api/types';

function isLanguage(code: string): code is Language {
  return (languages as readonly string[]).includes(code);
}

/** "Italian" / "Italiano" for `it`; a language Engage has no name for shows as its code. */
export function useLanguageName(): (code: string) => string {
  const { t } = useTranslation();
  return (code) => (isLanguage(code) ? t(`languages.${code}`) : code.toUpperCase());
}
