import { Anchor, Badge, Group, List, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { formatSessionWhen, PortalSessionPlace } from './PortalSessionTime';
import { portalPaths, type PortalSession } from './portalApi';

/** Coming or past sessions, one line each; coming ones offer an .ics file to add to a calendar. */
export function PortalSessionList({
  projectId,
  sessions,
  zone,
  isUpcoming,
}: {
  projectId: string;
  sessions: PortalSession[];
  zone: string;
  isUpcoming: boolean;
}) {
  const { t, i18n } = useTranslation();
  return (
    <List spacing="md" listStyleType="none" p={0}>
      {sessions.map((session) => {
        const when = formatSessionWhen(session, zone, i18n.language);
        return (
          <List.Item key={session.id}>
            <Stack gap={2}>
              <Group gap="xs">
                <Text fw={700}>
                  <time dateTime={session.start}>{when}</time>
                </Text>
                {session.state === 'rescheduled' && (
                  <Badge color="orange" variant="light" size="sm">
                    {t('portal.sessions.states.rescheduled')}
                  </Badge>
                )}
                {!isUpcoming && session.state === 'held' && (
                  <Badge color="green" variant="light" size="sm">
                    {t('portal.sessions.states.held')}
                  </Badge>
                )}
                {session.state === 'cancelled' && (
                  <Badge color="gray" variant="light" size="sm">
                    {t('portal.sessions.states.cancelled')}
                  </Badge>
                )}
              </Group>
              <Text>{session.title}</Text>
              <PortalSessionPlace mode={session.mode} location={session.location} />
              <Text size="sm" c="dimmed">
                {t('portal.sessions.withEngineer', { name: session.engineerName })}
                {session.attendees.length > 0 &&
                  ` · ${t('portal.sessions.attendees', { names: session.attendees.map((attendee) => attendee.name).join(', ') })}`}
              </Text>
              {isUpcoming && session.state !== 'cancelled' && (
                <Anchor
                  href={portalPaths.sessionCalendar(projectId, session.id)}
                  download
                  size="sm"
                  aria-label={t('portal.sessions.addToCalendarLabel', { when })}
                >
                  {t('portal.sessions.addToCalendar')}
                </Anchor>
              )}
            </Stack>
          </List.Item>
        );
      })}
    </List>
  );
}
