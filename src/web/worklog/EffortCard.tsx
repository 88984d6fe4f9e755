import { Alert, Card, Group, Progress, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { formatNumber, useLocalized } from '../lib/format';
import type { EffortLevel, EffortLine } from './workLogApi';

const levelColor: Record<EffortLevel, string> = { ok: 'blue', warning: 'orange', exceeded: 'red' };

function EffortRow({ line }: { line: EffortLine }) {
  const { t, i18n } = useTranslation();
  const localize = useLocalized();
  const name = localize(line.name);
  const amount = t(`worklog.effort.${line.unit}`, {
    used: formatNumber(line.used, i18n.language),
    purchased: formatNumber(line.purchased, i18n.language),
    count: line.purchased,
  });
  return (
    <Stack gap={4}>
      <Group justify="space-between" wrap="nowrap" gap="sm">
        <Text fw={600} size="sm">
          {name}
        </Text>
        <Text size="sm">{amount}</Text>
      </Group>
      <Progress
        value={Math.min(line.percent, 100)}
        color={levelColor[line.level]}
        aria-label={t('worklog.effort.progressLabel', { name, percent: Math.round(line.percent) })}
      />
      {line.level !== 'ok' && (
        <Text size="sm" c={line.level === 'exceeded' ? 'red.8' : 'orange.9'}>
          {t(`worklog.effort.level.${line.level}`)}
        </Text>
      )}
    </Stack>
  );
}

/** The effort each purchase order line bought, and how much of it the work log has used. */
export function EffortCard({ lines }: { lines: readonly EffortLine[] }) {
  const { t } = useTranslation();
  return (
    <Card withBorder padding="lg" component="section" aria-labelledby="effort-heading">
      <Stack gap="md">
        <Title order={2} size="h4" id="effort-heading">
          {t('worklog.effort.heading')}
        </Title>
        {lines.length === 0 ? (
          <Text size="sm" c="dimmed">
            {t('worklog.effort.noLines')}
          </Text>
        ) : (
          lines.map((line) => <EffortRow key={line.index} line={line} />)
        )}
      </Stack>
    </Card>
  );
}

/** The warning shown above the work log while a line has used 80% or more of its effort; nothing otherwise. */
export function EffortAlert({ lines }: { lines: readonly EffortLine[] }) {
  const { t } = useTranslation();
  const localize = useLocalized();
  const exceeded = lines.filter((line) => line.level === 'exceeded');
  const warning = lines.filter((line) => line.level === 'warning');
  if (exceeded.length === 0 && warning.length === 0) return null;
  const isExceeded = exceeded.length > 0;
  const names = [...exceeded, ...warning].map((line) => localize(line.name)).join(', ');
  return (
    <Alert
      color={isExceeded ? 'red' : 'orange'}
      title={t(isExceeded ? 'worklog.effort.alert.exceededTitle' : 'worklog.effort.alert.warningTitle')}
    >
      {t('worklog.effort.alert.body', { names })}
    </Alert>
  );
}
