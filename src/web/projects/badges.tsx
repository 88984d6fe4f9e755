import { Badge, Group, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Party, Priority, ProjectSummary } from '../api/types';
import { useLocalized } from '../lib/format';

const priorityColors: Record<Priority, string> = { low: 'gray', normal: 'blue', high: 'orange', urgent: 'red' };
const partyColors: Record<Party, string> = { vendor: 'indigo', customer: 'teal', partner: 'grape' };

export function PriorityBadge({ priority }: { priority: Priority }) {
  const { t } = useTranslation();
  return (
    <Badge color={priorityColors[priority]} variant={priority === 'urgent' ? 'filled' : 'light'}>
      {t(`priority.${priority}`)}
    </Badge>
  );
}

export function PartyBadges({ parties }: { parties: readonly Party[] }) {
  const { t } = useTranslation();
  if (parties.length === 0) return <Text c="dimmed">—</Text>;
  return (
    <Group gap={4}>
      {parties.map((party) => (
        <Badge key={party} color={partyColors[party]} variant="light">
          {t(`party.${party}`)}
        </Badge>
      ))}
    </Group>
  );
}

export function StateBadge({ state }: { state: ProjectSummary['state'] }) {
  const { t } = useTranslation();
  const color = state === 'blocked' ? 'red' : state === 'complete' ? 'green' : 'blue';
  return (
    <Badge color={color} variant={state === 'blocked' ? 'filled' : 'light'}>
      {t(`projectState.${state}`)}
    </Badge>
  );
}

export function StepLabel({ step }: { step: ProjectSummary['currentStep'] }) {
  const { t } = useTranslation();
  const localize = useLocalized();
  if (!step) return <Text c="dimmed">{t('pipeline.noCurrentStep')}</Text>;
  return (
    <Group gap={6} wrap="nowrap">
      <Badge variant="outline" color="gray">
        {step.code}
      </Badge>
      <Text size="sm">{localize(step.title)}</Text>
    </Group>
  );
}
