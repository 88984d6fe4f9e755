import { Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { localeOf } from '../lib/format';
import type { PortalSession } from './portalApi';

/**
 * "Tuesday 1 December 2026", "martedì 1 dicembre 2026", "Dienstag, 1. Dezember 2026" in the given time zone: each
 * language's own long date, except that English drops the comma en-GB puts after the weekday.
 */
export function formatSessionDay(iso: string, zone: string, language: string): string {
  const format = new Intl.DateTimeFormat(localeOf(language), {
    weekday: 'long',
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    timeZone: zone,
  });
  if (!localeOf(language).startsWith('en')) return format.format(new Date(iso));
  const parts = format.formatToParts(new Date(iso));
  const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((entry) => entry.type === type)?.value ?? '';
  return `${part('weekday')} ${part('day')} ${part('month')} ${part('year')}`;
}

/** "09:00–11:00" in the given time zone. */
export function formatSessionTimes(start: string, end: string, zone: string, language: string): string {
  const format = new Intl.DateTimeFormat(localeOf(language), {
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
    timeZone: zone,
  });
  return `${format.format(new Date(start))}–${format.format(new Date(end))}`;
}

/** "Tuesday 1 December 2026, 09:00–11:00": the words a session's date is named by, on screen and to screen readers. */
export function formatSessionWhen(
  session: Pick<PortalSession, 'start' | 'end'>,
  zone: string,
  language: string,
): string {
  return `${formatSessionDay(session.start, zone, language)}, ${formatSessionTimes(session.start, session.end, zone, language)}`;
}

/** The date and time of a session, large, with its length. */
export function PortalSessionTime({ session, zone }: { session: PortalSession; zone: string }) {
  const { t, i18n } = useTranslation();
  return (
    <div>
      <Text fw={700} size="lg">
        <time dateTime={session.start}>{formatSessionDay(session.start, zone, i18n.language)}</time>
      </Text>
      <Text>
        {formatSessionTimes(session.start, session.end, zone, i18n.language)}
        <Text span c="dimmed" size="sm">
          {' '}
          · {t('portal.sessions.duration', { duration: formatDuration(session.durationMinutes, t) })}
        </Text>
      </Text>
    </div>
  );
}

/** Just what formatDuration needs of i18next's t, so that its deep generic type is not instantiated here. */
type Translate = (key: 'portal.sessions.hours' | 'portal.sessions.minutes', options: { count: number }) => string;

/** "2 hours", "1 hour 30 minutes", "45 minutes". */
export function formatDuration(minutes: number, t: Translate): string {
  const hours = Math.floor(minutes / 60);
  const rest = minutes % 60;
  if (hours === 0) return t('portal.sessions.minutes', { count: rest });
  if (rest === 0) return t('portal.sessions.hours', { count: hours });
  return `${t('portal.sessions.hours', { count: hours })} ${t('portal.sessions.minutes', { count: rest })}`;
}

/** "Remote (online meeting)" or "On site: <place>". */
export function PortalSessionPlace({ mode, location }: { mode: PortalSession['mode']; location: string }) {
  const { t } = useTranslation();
  return (
    <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
      {mode === 'remote' ? t('portal.sessions.remote') : t('portal.sessions.onSite')}
      {location.trim() !== '' && `: ${location}`}
    </Text>
  );
}
