import { useTranslation } from 'react-i18next';
import { formatDate, formatDateTime, localTimeZone } from './format';

/** A timestamp shown in the user's local time zone; the zone's full name is in the tooltip. */
export function DateTime({ iso, dateOnly = false }: { iso: string; dateOnly?: boolean }) {
  const { i18n } = useTranslation();
  const text = dateOnly ? formatDate(iso, i18n.language) : formatDateTime(iso, i18n.language);
  return (
    <time dateTime={iso} title={localTimeZone()}>
      {text}
    </time>
  );
}
