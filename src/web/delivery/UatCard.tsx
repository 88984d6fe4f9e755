import { Alert, Badge, Card, Group, Stack, Table, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useLocalized } from '../lib/format';
import type { ApplicationName, Delivery } from './deliveryApi';
import { UatItemRow } from './UatItemRow';

interface UatCardProps {
  projectId: string;
  uat: Delivery['uat'];
  applications: readonly ApplicationName[];
  canWork: boolean;
}

/** P5: the user acceptance tests, per application, with the tally the UAT document needs before it can be signed. */
export function UatCard({ projectId, uat, applications, canWork }: UatCardProps) {
  const { t } = useTranslation();
  const localize = useLocalized();
  const canChange = canWork && !uat.isLocked;
  const groups = applications
    .map((application) => ({
      key: application.key,
      name: localize(application.name),
      items: uat.items.filter((item) => item.applicationKey === application.key),
    }))
    .filter((group) => group.items.length > 0);
  const { summary } = uat;
  return (
    <Card withBorder padding="lg" component="section" aria-labelledby="uat-heading">
      <Stack gap="sm">
        <Title order={2} size="h4" id="uat-heading">
          {t('delivery.uat.heading')}
        </Title>
        <Text size="sm">{t('delivery.uat.hint')}</Text>
        {uat.items.length > 0 && (
          <Group gap="xs" aria-label={t('delivery.uat.summaryLabel')} role="group">
            <Badge color="green" variant="light" component="span">
              {t('delivery.uat.summary.pass', { count: summary.pass })}
            </Badge>
            <Badge color="teal" variant="light" component="span">
              {t('delivery.uat.summary.passWithRemark', { count: summary.passWithRemark })}
            </Badge>
            <Badge color="red" variant="light" component="span">
              {t('delivery.uat.summary.fail', { count: summary.fail })}
            </Badge>
            <Badge color="gray" variant="light" component="span">
              {t('delivery.uat.summary.notApplicable', { count: summary.notApplicable })}
            </Badge>
            <Badge color={summary.notRun > 0 ? 'yellow' : 'gray'} variant="light" component="span">
              {t('delivery.uat.summary.notRun', { count: summary.notRun })}
            </Badge>
            <Badge color="orange" variant="light" component="span">
              {t('delivery.uat.summary.exceptions', { count: summary.exceptions })}
            </Badge>
            {summary.failedOpen > 0 && (
              <Badge color="red" variant="filled" component="span">
                {t('delivery.uat.summary.failedOpen', { count: summary.failedOpen })}
              </Badge>
            )}
          </Group>
        )}
        {uat.isLocked && (
          <Alert color="blue" title={t('delivery.uat.lockedTitle')}>
            {t('delivery.uat.locked')}
          </Alert>
        )}
        {uat.items.length === 0 && (
          <Text size="sm" c="dimmed">
            {t('delivery.uat.empty')}
          </Text>
        )}
        {groups.map((group) => (
          <Stack gap="xs" key={group.key}>
            <Title order={3} size="h5" id={`uat-${group.key}-heading`}>
              {group.name}
            </Title>
            <Table.ScrollContainer minWidth={860}>
              <Table verticalSpacing="xs" aria-labelledby={`uat-${group.key}-heading`}>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{t('delivery.uat.columns.item')}</Table.Th>
                    <Table.Th>{t('delivery.uat.columns.result')}</Table.Th>
                    <Table.Th>{t('delivery.uat.columns.comment')}</Table.Th>
                    <Table.Th>{t('delivery.uat.columns.evidence')}</Table.Th>
                    <Table.Th>{t('delivery.uat.columns.exception')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {group.items.map((item) => (
                    <UatItemRow key={item.key} projectId={projectId} item={item} canChange={canChange} />
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          </Stack>
        ))}
      </Stack>
    </Card>
  );
}
