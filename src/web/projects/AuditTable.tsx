import { Box, Button, Code, Group, Loader, Stack, Table, Text, VisuallyHidden } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useAudit } from '../api/queries';
import type { AuditEntry } from '../api/types';
import { DateTime } from '../lib/DateTime';
import { localTimeZone } from '../lib/format';
import { EmptyState } from '../ui/EmptyState';
import { LiveError } from '../ui/ErrorAlert';
import { auditActorText, auditJson, auditSentenceText, auditWriter } from './auditWords';

/** The event as recorded, for whoever needs more than its sentence: its code, who and where from, before and after. */
function AuditDetails({ entry }: { entry: AuditEntry }) {
  const { t } = useTranslation();
  const recorded = [
    { label: t('audit.before'), json: auditJson(entry.before) },
    { label: t('audit.after'), json: auditJson(entry.after) },
  ];
  return (
    <Box component="details" mt={4}>
      <Text component="summary" size="xs" c="dimmed" style={{ cursor: 'pointer' }}>
        {t('audit.details')}
      </Text>
      <Stack gap={4} mt={4}>
        <Text size="xs">{t('audit.code', { action: entry.action })}</Text>
        {entry.actorName !== null && (
          <Text size="xs">
            {t('audit.recordedActor')}: {entry.actorName}
          </Text>
        )}
        {entry.ip !== null && (
          <Text size="xs">
            {t('audit.ip')}: {entry.ip}
          </Text>
        )}
        {recorded.map(
          ({ label, json }) =>
            json !== null && (
              <div key={label}>
                <Text size="xs">{label}</Text>
                <Code block style={{ maxHeight: 240, overflow: 'auto' }}>
                  {json}
                </Code>
              </div>
            ),
        )}
      </Stack>
    </Box>
  );
}

export function AuditTable({ projectId, isActive }: { projectId: string; isActive: boolean }) {
  const { t, i18n } = useTranslation();
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
  const writer = auditWriter(t, i18n.language);
  const label = t as unknown as (key: string) => string;

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
              <Table.Th scope="col">{t('audit.what')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {entries.map((entry) => (
              <Table.Tr key={entry.id} style={{ verticalAlign: 'top' }}>
                <Table.Td style={{ whiteSpace: 'nowrap' }}>
                  <DateTime iso={entry.at} />
                </Table.Td>
                <Table.Td>{auditActorText(entry.sentence, writer) || t('audit.system')}</Table.Td>
                <Table.Td title={entry.action}>{label(`auditEvents.${entry.label}`)}</Table.Td>
                <Table.Td>
                  <Text size="sm" style={{ wordBreak: 'break-word' }}>
                    {auditSentenceText(entry.sentence, writer)}
                  </Text>
                  <AuditDetails entry={entry} />
                </Table.Td>
              </Table.Tr>
            ))}
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
