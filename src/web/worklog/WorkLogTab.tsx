import { Button, Group, Loader, Stack, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ProjectDetail } from '../api/types';
import { useCurrentUser } from '../auth/session';
import { canWorkOn } from '../projects/projectWork';
import { LiveError } from '../ui/ErrorAlert';
import { EffortAlert, EffortCard } from './EffortCard';
import { LogWorkModal } from './LogWorkModal';
import { WorkLogTable } from './WorkLogTable';
import { useWorkLog } from './workLogApi';

/** The project's work log: the effort used against what was purchased, and the work done, by hand or in sessions. */
export function WorkLogTab({ project }: { project: ProjectDetail }) {
  const { t } = useTranslation();
  const user = useCurrentUser();
  const canWork = canWorkOn(user, project);
  const workLog = useWorkLog(project.id);
  const [isLogging, setLogging] = useState(false);

  if (workLog.isPending) {
    return (
      <Group justify="center" p="xl" role="status">
        <Loader aria-label={t('common.loading')} />
      </Group>
    );
  }
  if (workLog.isError) return <LiveError error={workLog.error} />;

  const { entries, effort } = workLog.data;
  return (
    <Stack gap="lg">
      <EffortCard lines={effort.lines} />
      <Stack gap="sm" component="section" aria-labelledby="worklog-heading">
        <Group justify="space-between">
          <Title order={2} size="h4" id="worklog-heading">
            {t('worklog.list.title')}
          </Title>
          {canWork && (
            <Button onClick={() => setLogging(true)} aria-haspopup="dialog">
              {t('worklog.form.open')}
            </Button>
          )}
        </Group>
        {!canWork && (
          <Text size="sm" c="dimmed">
            {t('worklog.readOnly')}
          </Text>
        )}
        <EffortAlert lines={effort.lines} />
        <WorkLogTable projectId={project.id} entries={entries} lines={effort.lines} canWork={canWork} />
      </Stack>
      {canWork && (
        <LogWorkModal project={project} lines={effort.lines} opened={isLogging} onClose={() => setLogging(false)} />
      )}
    </Stack>
  );
}
