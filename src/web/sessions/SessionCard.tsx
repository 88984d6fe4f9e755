import { Anchor, Badge, Button, Group, Paper, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { DateTime } from '../lib/DateTime';
import { SessionStateBadge } from './badges';
import { CancelSessionButton } from './CancelSessionButton';
import { MarkHeldButton } from './MarkHeldButton';
import { RescheduleButton } from './RescheduleButton';
import { formatTimeRange, isWebLink } from './sessionFormat';
import { calendarFileUrl, type Session } from './sessionsApi';

interface SessionCardProps {
  projectId: string;
  session: Session;
  canWork: boolean;
  /** The time now: from a session's start on it can be marked held. */
  now: number;
}

/** One booked, held or cancelled session, with what can be done to it. */
export function SessionCard({ projectId, session, canWork, now }: SessionCardProps) {
  const { t, i18n } = useTranslation();
  const headingId = `session-${session.id}`;
  const isBooked = session.state === 'confirmed' || session.state === 'rescheduled';
  const hasStarted = new Date(session.start).getTime() <= now;
  const when = formatTimeRange(session.start, session.end, i18n.language);
  return (
    <Paper withBorder p="md" component="article" aria-labelledby={headingId}>
      <Stack gap={6}>
        <Group justify="space-between" align="flex-start" wrap="nowrap">
          <div>
            <Group gap="xs">
              <Badge variant="outline" color="gray" component="span">
                {session.stepCode}
              </Badge>
              <Text fw={600} id={headingId} component="h3" m={0} size="md">
                {session.title}
              </Text>
            </Group>
            <Text size="sm">
              <time dateTime={session.start}>{when}</time>
            </Text>
          </div>
          <Group gap="xs">
            <SessionStateBadge state={session.state} />
            {session.sequence > 0 && (
              <Text size="xs" c="dimmed">
                {t('sessions.list.updated', { count: session.sequence })}
              </Text>
            )}
          </Group>
        </Group>
        <Text size="sm">
          {t(`sessions.mode.${session.mode}`)}
          {session.location ? ' · ' : ''}
          {!session.location ? null : isWebLink(session.location) ? (
            <Anchor href={session.location} target="_blank" rel="noopener noreferrer" size="sm">
              {session.location}
            </Anchor>
          ) : (
            session.location
          )}
        </Text>
        <Text size="sm" c="dimmed">
          {t('sessions.list.engineer', { name: session.engineer.name })} ·{' '}
          {t('sessions.list.attendees', {
            names: session.attendees.map((attendee) => attendee.name).join(', ') || '—',
          })}
        </Text>
        {session.description && (
          <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
            {session.description}
          </Text>
        )}
        {session.heldAt && (
          <Text size="sm">
            {t('sessions.list.heldAt')} <DateTime iso={session.heldAt} />
            {session.heldNote ? ` — ${session.heldNote}` : ''}
          </Text>
        )}
        {session.cancelledAt && (
          <Text size="sm" c="red.8">
            {t('sessions.list.cancelledAt')} <DateTime iso={session.cancelledAt} />
            {session.cancellationReason
              ? ` — ${
                  session.cancellationReasonKey === null
                    ? session.cancellationReason
                    : (t as unknown as (key: string, options: object) => string)(
                        `serverErrors.${session.cancellationReasonKey}`,
                        { defaultValue: session.cancellationReason },
                      )
                }`
              : ''}
          </Text>
        )}
        <Group gap="xs" mt={4}>
          {canWork && isBooked && <RescheduleButton projectId={projectId} session={session} describedBy={headingId} />}
          {canWork && isBooked && (
            <CancelSessionButton projectId={projectId} session={session} describedBy={headingId} />
          )}
          {canWork && isBooked && hasStarted && (
            <MarkHeldButton projectId={projectId} session={session} describedBy={headingId} />
          )}
          {session.state !== 'proposed' && (
            <Button
              component="a"
              href={calendarFileUrl(projectId, session.id)}
              download
              size="xs"
              variant="subtle"
              aria-describedby={headingId}
            >
              {t('sessions.list.downloadIcs')}
            </Button>
          )}
        </Group>
      </Stack>
    </Paper>
  );
}
