import { Alert, Badge, Card, Group, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { DateTime } from '../lib/DateTime';
import { OverrideButton } from './OverrideButton';
import type { ProjectSessions } from './sessionsApi';

function Fact({ label, children, note }: { label: string; children: ReactNode; note?: string | undefined }) {
  return (
    <div>
      <Text component="dt" size="xs" c="dimmed" tt="uppercase" fw={600}>
        {label}
      </Text>
      <Text component="dd" m={0} size="sm">
        {children}
        {note && (
          <Text component="span" size="xs" c="dimmed" display="block">
            {note}
          </Text>
        )}
      </Text>
    </div>
  );
}

interface ScheduleSummaryProps {
  projectId: string;
  sessions: ProjectSessions;
  canOverride: boolean;
}

/** Where the project stands against the scheduling target, and whether it may be scheduled yet. */
export function ScheduleSummary({ projectId, sessions, canOverride }: ScheduleSummaryProps) {
  const { t } = useTranslation();
  const { schedule, gate, engineer } = sessions;
  return (
    <Card withBorder padding="lg" component="section" aria-labelledby="schedule-heading">
      <Stack gap="md">
        <Group justify="space-between">
          <Title order={2} size="h4" id="schedule-heading">
            {t('sessions.target.title')}
          </Title>
          {schedule.isLate && (
            <Badge color="red" variant="filled">
              {t('sessions.target.late')}
            </Badge>
          )}
        </Group>
        <SimpleGrid cols={{ base: 1, sm: 2, md: 4 }} component="dl" m={0}>
          <Fact label={t('sessions.target.readyAt')}>
            {schedule.readyAt ? <DateTime iso={schedule.readyAt} dateOnly /> : t('sessions.target.notYet')}
          </Fact>
          <Fact
            label={t('sessions.target.dueAt')}
            note={t('sessions.target.targetDays', { count: schedule.targetBusinessDays })}
          >
            {schedule.dueAt ? <DateTime iso={schedule.dueAt} dateOnly /> : t('sessions.target.notYet')}
          </Fact>
          <Fact
            label={t('sessions.target.firstSession')}
            note={
              schedule.businessDays !== null
                ? t('sessions.target.daysTaken', { count: schedule.businessDays })
                : undefined
            }
          >
            {schedule.firstSessionAt ? <DateTime iso={schedule.firstSessionAt} /> : t('sessions.target.noneBooked')}
          </Fact>
          <Fact label={t('sessions.target.engineer')} note={engineer ? engineer.timeZone : undefined}>
            {engineer?.name ?? t('sessions.target.noEngineer')}
          </Fact>
        </SimpleGrid>
        {!gate.canSchedule && (
          <Alert color="yellow" title={t('sessions.gate.closedTitle')}>
            <Stack gap="xs">
              <Text size="sm">{t('sessions.gate.closedBody')}</Text>
              {canOverride ? (
                <OverrideButton projectId={projectId} />
              ) : (
                <Text size="sm">{t('sessions.gate.askManager')}</Text>
              )}
            </Stack>
          </Alert>
        )}
        {gate.override && !gate.requirementsVerified && (
          <Text size="sm" c="orange.9">
            {t('sessions.gate.overrideNote')} <DateTime iso={gate.override.at} />: {gate.override.reason}
          </Text>
        )}
        {engineer === null && (
          <Alert color="yellow" title={t('sessions.gate.noEngineerTitle')}>
            <Text size="sm">{t('sessions.gate.noEngineerBody')}</Text>
          </Alert>
        )}
      </Stack>
    </Card>
  );
}
