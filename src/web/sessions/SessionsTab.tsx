import { Button, Card, Group, Loader, Stack, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ProjectDetail } from '../api/types';
import { useCurrentUser } from '../auth/session';
import { canWaive, canWorkOn } from '../projects/projectWork';
import { LiveError } from '../ui/ErrorAlert';
import { BookSessionModal } from './BookSessionModal';
import { FindDates } from './FindDates';
import { ProposalsSection } from './ProposalsSection';
import { RecordPastSessionModal } from './RecordPastSessionModal';
import { ScheduleSummary } from './ScheduleSummary';
import { SessionsSection } from './SessionsSection';
import { useProjectSessions } from './sessionsApi';
import { useClockPassing } from './useClockPassing';

function BookSession({ project }: { project: ProjectDetail }) {
  const { t } = useTranslation();
  const [isOpen, setOpen] = useState(false);
  return (
    <Card withBorder padding="lg" component="section" aria-labelledby="book-heading">
      <Stack gap="sm">
        <Title order={2} size="h4" id="book-heading">
          {t('sessions.book.heading')}
        </Title>
        <Text size="sm">{t('sessions.book.hint')}</Text>
        <Button
          variant="default"
          onClick={() => setOpen(true)}
          aria-haspopup="dialog"
          style={{ alignSelf: 'flex-start' }}
        >
          {t('sessions.book.open')}
        </Button>
      </Stack>
      <BookSessionModal project={project} opened={isOpen} onClose={() => setOpen(false)} />
    </Card>
  );
}

function RecordPastSession({ project }: { project: ProjectDetail }) {
  const { t } = useTranslation();
  const [isOpen, setOpen] = useState(false);
  return (
    <Card withBorder padding="lg" component="section" aria-labelledby="past-session-heading">
      <Stack gap="sm">
        <Title order={2} size="h4" id="past-session-heading">
          {t('sessions.past.heading')}
        </Title>
        <Text size="sm">{t('sessions.past.hint')}</Text>
        <Button
          variant="default"
          onClick={() => setOpen(true)}
          aria-haspopup="dialog"
          style={{ alignSelf: 'flex-start' }}
        >
          {t('sessions.past.open')}
        </Button>
      </Stack>
      <RecordPastSessionModal project={project} opened={isOpen} onClose={() => setOpen(false)} />
    </Card>
  );
}

/** The project's scheduling: the target, finding and proposing dates, booking, recording past sessions, and the proposals and sessions. */
export function SessionsTab({ project }: { project: ProjectDetail }) {
  const { t } = useTranslation();
  const user = useCurrentUser();
  const canWork = canWorkOn(user, project);
  const sessions = useProjectSessions(project.id);
  const clock = useClockPassing(sessions.data?.sessions.map((session) => session.start) ?? []);

  if (sessions.isPending) {
    return (
      <Group justify="center" p="xl" role="status">
        <Loader aria-label={t('common.loading')} />
      </Group>
    );
  }
  if (sessions.isError) return <LiveError error={sessions.error} />;

  const data = sessions.data;
  return (
    <Stack gap="lg">
      <ScheduleSummary projectId={project.id} sessions={data} canOverride={canWaive(user)} />
      {canWork ? (
        <>
          <FindDates project={project} />
          <BookSession project={project} />
          <RecordPastSession project={project} />
        </>
      ) : (
        <Text size="sm" c="dimmed">
          {t('sessions.readOnly')}
        </Text>
      )}
      <ProposalsSection projectId={project.id} proposals={data.proposals} canWork={canWork} />
      <SessionsSection
        projectId={project.id}
        sessions={data.sessions}
        canWork={canWork}
        now={sessions.dataUpdatedAt}
        clock={clock}
      />
    </Stack>
  );
}
