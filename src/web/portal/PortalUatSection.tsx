import { Anchor, Badge, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useLocalized } from '../lib/format';
import type { PortalDeliveryPage as DeliveryData } from './portalApi';

type UatItem = DeliveryData['uat'][number];

const resultColours: Record<NonNullable<UatItem['result']>, string> = {
  pass: 'green',
  'pass-with-remark': 'teal',
  fail: 'red',
  'not-applicable': 'gray',
};

/**
 * The user acceptance tests as recorded, the way the document to sign prints them: each result, the remark of a pass
 * with a remark (a minor defect you accept by signing), and the evidence file, which opens from here.
 */
export function PortalUatSection({ projectId, data }: { projectId: string; data: DeliveryData }) {
  const { t } = useTranslation();
  const localize = useLocalized();
  const groups = data.applications
    .map((application) => ({
      key: application.key,
      name: localize(application.name),
      items: data.uat.filter((item) => item.applicationKey === application.key),
    }))
    .filter((group) => group.items.length > 0);
  return (
    <Paper withBorder p={{ base: 'md', sm: 'lg' }} radius="md" component="section" aria-labelledby="uat-title">
      <Stack gap="sm">
        <Title order={2} size="h3" id="uat-title">
          {t('portal.delivery.uatTitle')}
        </Title>
        <Text>{t('portal.delivery.uatIntro')}</Text>
        {groups.map((group) => (
          <Stack gap="xs" key={group.key}>
            <Title order={3} size="h4" id={`uat-${group.key}`}>
              {group.name}
            </Title>
            <Table.ScrollContainer minWidth={560}>
              <Table verticalSpacing="xs" aria-labelledby={`uat-${group.key}`}>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{t('portal.delivery.uatColumns.test')}</Table.Th>
                    <Table.Th>{t('portal.delivery.uatColumns.result')}</Table.Th>
                    <Table.Th>{t('portal.delivery.uatColumns.remark')}</Table.Th>
                    <Table.Th>{t('portal.delivery.uatColumns.evidence')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {group.items.map((item) => (
                    <Table.Tr key={item.key}>
                      <Table.Td>
                        <Text size="sm" fw={600}>
                          {localize(item.title)}
                        </Text>
                        <Text size="xs" c="dimmed">
                          {localize(item.expectedResult)}
                        </Text>
                      </Table.Td>
                      <Table.Td>
                        {item.result === null ? (
                          <Text size="sm" c="dimmed">
                            {t('portal.delivery.uatResults.notRun')}
                          </Text>
                        ) : (
                          <Badge color={resultColours[item.result]} variant="light" component="span">
                            {t(`portal.delivery.uatResults.${item.result}`)}
                          </Badge>
                        )}
                      </Table.Td>
                      <Table.Td>
                        <Text size="sm">
                          {item.result === 'fail' && item.exceptionReason ? item.exceptionReason : (item.comment ?? '')}
                        </Text>
                      </Table.Td>
                      <Table.Td>
                        {item.evidence && (
                          <Anchor
                            href={`/api/portal/projects/${encodeURIComponent(projectId)}/files/${encodeURIComponent(item.evidence.id)}`}
                            download={item.evidence.name}
                            size="sm"
                          >
                            {item.evidence.name}
                          </Anchor>
                        )}
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          </Stack>
        ))}
      </Stack>
    </Paper>
  );
}
