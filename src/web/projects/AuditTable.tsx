import { Button, Group, Loader, Table, Text, VisuallyHidden } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useAudit } from '../api/queries';
import { DateTime } from '../lib/DateTime';
import { localTimeZone } from '../lib/format';
import { EmptyState } from '../ui/EmptyState';
import { LiveError } from '../ui/ErrorAlert';
import { summariseChange } from './auditSummary';

export function AuditTable({ projectId, isActive }: { projectId: string; isActive: boolean }) {
  const { t } = useTranslation();
  const audit = useAudit(projectId, isActive);

  if (audit.isPending) {
    return (
      <Group justify="center" p="xl" role="status">
        <Loader aria-label={t('common.loading')} />
      </Group>
    );
  }
  if (audit.isError) return <LiveError error={audit.error} />;
  const entries = audit.data.pages.flatMap((page) => page.items);
  if (entries.length === 0) return <EmptyState title={t('audit.empty')} />;

  return (
    <>
      <Table.ScrollContainer minWidth={900}>
        <Table striped verticalSpacing="xs">
          <VisuallyHidden component="caption">{t('audit.caption')}</VisuallyHidden>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t('audit.time', { zone: localTimeZone() })}</Table.Th>
              <Table.Th scope="col">{t('audit.actor')}</Table.Th>
              <Table.Th scope="col">{t('audit.action')}</Table.Th>
              <Table.Th scope="col">{t('audit.change')}</Table.Th>
              <Table.Th scope="col">{t('audit.ip')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {entries.map((entry) => {
              const summary = summariseChange(entry.before, entry.after);
              return (
                <Table.Tr key={entry.id}>
                  <Table.Td style={{ whiteSpace: 'nowrap' }}>
                    <DateTime iso={entry.at} />
                  </Table.Td>
                  <Table.Td>
                    {entry.actorName ?? t('audit.system')}
                    {entry.actorRole && (
                      <Text span size="xs" c="dimmed">
                        {' '}
                        ({t(`roles.${entry.actorRole}`, { defaultValue: entry.actorRole })})
                      </Text>
                    )}
                  </Table.Td>
                  <Table.Td title={entry.action}>
                    {t(`auditActions.${entry.action.replaceAll('.', '_')}` as 'auditActions.project_created', {
                      defaultValue: entry.action,
                    })}
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm" style={{ wordBreak: 'break-word' }}>
                      {summary || '—'}
                    </Text>
                  </Table.Td>
                  <Table.Td>{entry.ip ?? '—'}</Table.Td>
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      {audit.hasNextPage && (
        <Group justify="center" mt="md">
          <Button variant="default" loading={audit.isFetchingNextPage} onClick={() => void audit.fetchNextPage()}>
            {t('pipeline.loadMore')}
          </Button>
        </Group>
      )}
    </>
  );
}
