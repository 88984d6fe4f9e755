import { Stack, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { EmptyState } from '../ui/EmptyState';
import { SessionCard } from './SessionCard';
import type { Session } from './sessionsApi';

/** Coming booked sessions first (soonest first), then the past and cancelled ones (latest first). */
export function sortSessions(sessions: readonly Session[], now: number): { upcoming: Session[]; past: Session[] } {
  const isUpcoming = (session: Session) =>
    (session.state === 'confirmed' || session.state === 'rescheduled') && new Date(session.end).getTime() > now;
  const upcoming = sessions.filter(isUpcoming).sort((a, b) => a.start.localeCompare(b.start));
  const past = sessions.filter((session) => !isUpcoming(session)).sort((a, b) => b.start.localeCompare(a.start));
  return { upcoming, past };
}

interface SessionsSectionProps {
  projectId: string;
  sessions: readonly Session[];
  canWork: boolean;
  /** When the list was fetched: "now" for upcoming and past, so that sessions move only when the list is fetched again. */
  now: number;
  /** The time now, moving on at each start: a session can be marked held from its start on. */
  clock: number;
}

/** The project's sessions: coming, then past and cancelled. */
export function SessionsSection({ projectId, sessions, canWork, now, clock }: SessionsSectionProps) {
  const { t } = useTranslation();
  const { upcoming, past } = sortSessions(sessions, now);
  return (
    <Stack gap="sm" component="section" aria-labelledby="sessions-heading">
      <Title order={2} size="h4" id="sessions-heading">
        {t('sessions.list.title')}
      </Title>
      {sessions.length === 0 ? (
        <EmptyState title={t('sessions.list.emptyTitle')} description={t('sessions.list.emptyBody')} />
      ) : (
        <>
          {upcoming.length === 0 && (
            <Title order={3} size="h5" c="dimmed">
              {t('sessions.list.noneUpcoming')}
            </Title>
          )}
          {upcoming.map((session) => (
            <SessionCard
              key={session.id}
              projectId={projectId}
              session={session}
              canWork={canWork}
              now={Math.max(now, clock)}
            />
          ))}
          {past.length > 0 && (
            <Title order={3} size="h5" mt="sm">
              {t('sessions.list.pastTitle')}
            </Title>
          )}
          {past.map((session) => (
            <SessionCard
              key={session.id}
              projectId={projectId}
              session={session}
              canWork={canWork}
              now={Math.max(now, clock)}
            />
          ))}
        </>
      )}
    </Stack>
  );
}
