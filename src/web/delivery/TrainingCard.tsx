import { Alert, Button, Card, Group, Stack, Table, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatCalendarDate } from '../lib/format';
import { ConfirmDialog } from '../ui/ConfirmDialog';
import { removeTraining, useDeliveryMutation, type Delivery, type TrainingRecord } from './deliveryApi';
import { RecordTrainingModal } from './RecordTrainingModal';

interface TrainingCardProps {
  projectId: string;
  training: Delivery['training'];
  canWork: boolean;
}

/**
 * P6: the trainings given, and the kinds the purchase order bought that no record shows yet (on-the-job training never
 * stands in for one); when none was purchased, only on-the-job training is recorded and the step is skipped.
 */
export function TrainingCard({ projectId, training, canWork }: TrainingCardProps) {
  const { t } = useTranslation();
  const [isRecording, setRecording] = useState(false);
  const records = [...training.records].sort((a, b) => b.date.localeCompare(a.date));
  return (
    <Card withBorder padding="lg" component="section" aria-labelledby="training-heading">
      <Stack gap="sm">
        <Group justify="space-between" align="flex-start">
          <Title order={2} size="h4" id="training-heading">
            {t('delivery.training.heading')}
          </Title>
          {canWork && (
            <Button onClick={() => setRecording(true)} aria-haspopup="dialog">
              {t('delivery.training.form.open')}
            </Button>
          )}
        </Group>
        {!training.purchased && (
          <Alert color="gray" variant="light">
            {t('delivery.training.notPurchased')}
          </Alert>
        )}
        {training.purchased && training.boughtKinds.length > 0 && (
          <Text size="sm">
            {t('delivery.training.bought', {
              kinds: training.boughtKinds.map((kind) => t(`delivery.training.kinds.${kind}`)).join(', '),
            })}
          </Text>
        )}
        {training.purchased && training.missingKinds.length > 0 && (
          <Alert color="yellow" variant="light" title={t('delivery.training.missingTitle')}>
            {t('delivery.training.missing', {
              count: training.missingKinds.length,
              kinds: training.missingKinds.map((kind) => t(`delivery.training.kinds.${kind}`)).join(', '),
            })}
          </Alert>
        )}
        {records.length === 0 ? (
          <Text size="sm" c="dimmed">
            {t('delivery.training.empty')}
          </Text>
        ) : (
          <Table.ScrollContainer minWidth={640}>
            <Table verticalSpacing="xs" aria-labelledby="training-heading">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('delivery.training.columns.date')}</Table.Th>
                  <Table.Th>{t('delivery.training.columns.kind')}</Table.Th>
                  <Table.Th>{t('delivery.training.columns.duration')}</Table.Th>
                  <Table.Th>{t('delivery.training.columns.attendees')}</Table.Th>
                  <Table.Th>{t('delivery.training.columns.topics')}</Table.Th>
                  {canWork && <Table.Th>{t('delivery.training.columns.actions')}</Table.Th>}
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {records.map((record) => (
                  <TrainingRow key={record.id} projectId={projectId} record={record} canWork={canWork} />
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </Stack>
      {canWork && (
        <RecordTrainingModal
          projectId={projectId}
          isPurchased={training.purchased}
          opened={isRecording}
          onClose={() => setRecording(false)}
        />
      )}
    </Card>
  );
}

function TrainingRow({ projectId, record, canWork }: { projectId: string; record: TrainingRecord; canWork: boolean }) {
  const { t, i18n } = useTranslation();
  const [isRemoving, setRemoving] = useState(false);
  const date = formatCalendarDate(record.date, i18n.language);
  const kind = t(`delivery.training.kinds.${record.kind}`);
  const remove = useDeliveryMutation(
    projectId,
    () => removeTraining(projectId, record.id),
    t('delivery.training.remove.done'),
    { notifyError: false },
  );
  return (
    <Table.Tr>
      <Table.Td>
        <time dateTime={record.date}>{date}</time>
      </Table.Td>
      <Table.Td>{kind}</Table.Td>
      <Table.Td>{t('delivery.training.minutes', { count: record.durationMinutes })}</Table.Td>
      <Table.Td>{record.attendees.join(', ')}</Table.Td>
      <Table.Td style={{ whiteSpace: 'pre-line' }}>{record.topics}</Table.Td>
      {canWork && (
        <Table.Td>
          <Button
            size="xs"
            variant="subtle"
            color="red"
            aria-haspopup="dialog"
            aria-label={t('delivery.training.remove.label', { kind, date })}
            onClick={() => {
              remove.reset();
              setRemoving(true);
            }}
          >
            {t('delivery.training.remove.open')}
          </Button>
          <ConfirmDialog
            opened={isRemoving}
            title={t('delivery.training.remove.title')}
            message={t('delivery.training.remove.message', { kind, date })}
            confirmLabel={t('delivery.training.remove.confirm')}
            confirmColor="red"
            isPending={remove.isPending}
            error={remove.error}
            preferServerReason
            onConfirm={() => remove.mutate(undefined, { onSuccess: () => setRemoving(false) })}
            onClose={() => setRemoving(false)}
          />
        </Table.Td>
      )}
    </Table.Tr>
  );
}
