import { Badge, Group, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { formatCalendarDate, useLocalized } from '../lib/format';
import { EmptyState } from '../ui/EmptyState';
import { RemoveEntryButton } from './RemoveEntryButton';
import type { EffortLine, WorkLogEntry } from './workLogApi';
import { formatDuration } from './workLogFormat';

interface WorkLogTableProps {
  projectId: string;
  entries: readonly WorkLogEntry[];
  lines: readonly EffortLine[];
  canWork: boolean;
}

/** The entries of the work log, latest day first. */
export function WorkLogTable({ projectId, entries, lines, canWork }: WorkLogTableProps) {
  const { t, i18n } = useTranslation();
  const localize = useLocalized();
  if (entries.length === 0)
    return <EmptyState title={t('worklog.list.emptyTitle')} description={t('worklog.list.emptyBody')} />;

  const sorted = [...entries].sort(
    (a, b) => b.workDate.localeCompare(a.workDate) || b.createdAt.localeCompare(a.createdAt),
  );
  const lineName = (index: number | null) => {
    const line = index === null ? undefined : lines.find((candidate) => candidate.index === index);
    return line ? localize(line.name) : t('worklog.list.noLine');
  };
  const totalMinutes = entries.reduce((sum, entry) => sum + entry.durationMinutes, 0);

  return (
    <Table.ScrollContainer minWidth={800}>
      <Table striped verticalSpacing="xs">
        <Table.Caption>
          {t('worklog.list.total', { duration: formatDuration(totalMinutes), count: entries.length })}
        </Table.Caption>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{t('worklog.list.date')}</Table.Th>
            <Table.Th scope="col">{t('worklog.list.step')}</Table.Th>
            <Table.Th scope="col">{t('worklog.list.who')}</Table.Th>
            <Table.Th scope="col">{t('worklog.list.duration')}</Table.Th>
            <Table.Th scope="col">{t('worklog.list.description')}</Table.Th>
            <Table.Th scope="col">{t('worklog.list.line')}</Table.Th>
            {canWork && <Table.Th scope="col">{t('worklog.list.actions')}</Table.Th>}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {sorted.map((entry) => (
            <Table.Tr key={entry.id}>
              <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatCalendarDate(entry.workDate, i18n.language)}</Table.Td>
              <Table.Td>{entry.stepCode}</Table.Td>
              <Table.Td>
                <Group gap={6} wrap="nowrap">
                  <Text size="sm">{entry.performer.name}</Text>
                  {entry.sessionId && (
                    <Badge size="sm" variant="light" color="grape">
                      {t('worklog.list.fromSession')}
                    </Badge>
                  )}
                </Group>
              </Table.Td>
              <Table.Td>
                <span
                  aria-label={t('worklog.list.durationLabel', {
                    hours: Math.floor(entry.durationMinutes / 60),
                    minutes: entry.durationMinutes % 60,
                  })}
                >
                  {formatDuration(entry.durationMinutes)}
                </span>
              </Table.Td>
              <Table.Td style={{ whiteSpace: 'pre-line' }}>{entry.description}</Table.Td>
              <Table.Td>{lineName(entry.lineIndex)}</Table.Td>
              {canWork && (
                <Table.Td>
                  <RemoveEntryButton projectId={projectId} entry={entry} />
                </Table.Td>
              )}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
