import { Anchor, Button, List, Paper, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ErrorAlert } from '../ui/ErrorAlert';
import { formatSessionWhen } from './PortalSessionTime';
import { isNotFound, portalPaths, type PortalSessions } from './portalApi';

const shownUpcoming = 3;

/**
 * The project page's sessions card: dates waiting to be chosen come first and stand out; then the next sessions.
 * A project whose sessions are not shared with this contact shows no card at all.
 */
export function PortalSessionsCard({
  projectId,
  sessions,
  error,
}: {
  projectId: string;
  sessions: PortalSessions | undefined;
  error: unknown;
}) {
  const { t, i18n } = useTranslation();
  if (error) {
    if (isNotFound(error)) return null;
    return (
      <Paper withBorder p={{ base: 'md', sm: 'lg' }} radius="md" component="section" aria-labelledby="sessions-title">
        <Title order={2} size="h3" id="sessions-title" mb="sm">
          {t('portal.sessions.cardTitle')}
        </Title>
        <ErrorAlert error={error} />
      </Paper>
    );
  }
  if (!sessions) return null;
  const zone = sessions.customerTimeZone;
  const openProposals = sessions.proposals.filter((proposal) => proposal.slots.length > 0);
  const hasOpen = openProposals.length > 0;
  const upcoming = [...sessions.upcoming].sort((a, b) => a.start.localeCompare(b.start));
  const isFirst = upcoming.length === 0 && sessions.past.length === 0;
  return (
    <Paper
      withBorder
      p={{ base: 'md', sm: 'lg' }}
      radius="md"
      component="section"
      aria-labelledby="sessions-title"
      style={hasOpen ? { borderColor: 'var(--mantine-color-orange-5)', borderWidth: 2 } : undefined}
    >
      <Title order={2} size="h3" id="sessions-title" mb="sm">
        {hasOpen
          ? isFirst
            ? t('portal.sessions.chooseFirst')
            : t('portal.sessions.chooseNext')
          : t('portal.sessions.cardTitle')}
      </Title>
      <Stack gap="sm" align="flex-start">
        {hasOpen && (
          <>
            <Text>
              {t('portal.sessions.cardProposals', {
                count: openProposals.reduce((sum, proposal) => sum + proposal.slots.length, 0),
                name: openProposals[0]?.engineerName ?? '',
              })}
            </Text>
            <Button component={Link} to={portalPaths.sessions(projectId)}>
              {t('portal.sessions.cardChoose')}
            </Button>
          </>
        )}
        {upcoming.length > 0 && (
          <>
            {hasOpen && (
              <Title order={3} size="h5">
                {t('portal.sessions.upcomingTitle')}
              </Title>
            )}
            <List spacing={4} listStyleType="none" p={0}>
              {upcoming.slice(0, shownUpcoming).map((session) => (
                <List.Item key={session.id}>
                  <Text>
                    <strong>{formatSessionWhen(session, zone, i18n.language)}</strong> · {session.title}
                  </Text>
                </List.Item>
              ))}
            </List>
          </>
        )}
        {!hasOpen && upcoming.length === 0 && <Text>{t('portal.sessions.emptyTitle')}</Text>}
        {!hasOpen && (upcoming.length > 0 || sessions.past.length > 0) && (
          <Anchor component={Link} to={portalPaths.sessions(projectId)}>
            {t('portal.sessions.cardOpen')}
          </Anchor>
        )}
      </Stack>
    </Paper>
  );
}
