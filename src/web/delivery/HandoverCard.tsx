import { Alert, Button, Card, Group, Stack, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DateTime } from '../lib/DateTime';
import { ConfirmDialog } from '../ui/ConfirmDialog';
import { closeProject, handoverFileUrl, useDeliveryMutation, type Delivery } from './deliveryApi';

interface HandoverCardProps {
  projectId: string;
  delivery: Delivery;
  canWork: boolean;
}

/** P8: closes the project once the activity report is signed; the hand-over package goes to support and stays here to download. */
export function HandoverCard({ projectId, delivery, canWork }: HandoverCardProps) {
  const { t } = useTranslation();
  const [isConfirming, setConfirming] = useState(false);
  const close = useDeliveryMutation(projectId, () => closeProject(projectId), t('delivery.handover.done'), { notifyError: false });
  const isReportSigned = delivery.documents.some((document) => document.kind === 'activity-report' && document.state === 'signed');
  const { handover } = delivery;
  return (
    <Card withBorder padding="lg" component="section" aria-labelledby="handover-heading">
      <Stack gap="sm">
        <Title order={2} size="h4" id="handover-heading">
          {t('delivery.handover.heading')}
        </Title>
        {handover ? (
          <>
            <Alert color="green" variant="light">
              {t('delivery.handover.closed')} <DateTime iso={handover.createdAt} />
            </Alert>
            <Group gap="sm">
              <Button component="a" href={handoverFileUrl(projectId, 'pdf')} download variant="default">
                {t('delivery.handover.downloadPdf')}
              </Button>
              <Button component="a" href={handoverFileUrl(projectId, 'json')} download variant="default">
                {t('delivery.handover.downloadJson')}
              </Button>
            </Group>
          </>
        ) : (
          <>
            <Text size="sm">{t('delivery.handover.hint')}</Text>
            {!isReportSigned && (
              <Text size="sm" c="dimmed" id="handover-blocker">
                {t('delivery.handover.needsReport')}
              </Text>
            )}
            {canWork && (
              <Group>
                <Button
                  color="green"
                  disabled={!isReportSigned}
                  aria-describedby={isReportSigned ? undefined : 'handover-blocker'}
                  aria-haspopup="dialog"
                  onClick={() => {
                    close.reset();
                    setConfirming(true);
                  }}
                >
                  {t('delivery.handover.open')}
                </Button>
              </Group>
            )}
          </>
        )}
      </Stack>
      <ConfirmDialog
        opened={isConfirming}
        title={t('delivery.handover.confirmTitle')}
        message={t('delivery.handover.confirmMessage')}
        confirmLabel={t('delivery.handover.confirm')}
        confirmColor="green"
        isPending={close.isPending}
        error={close.error}
        preferServerReason
        onConfirm={() => close.mutate(undefined, { onSuccess: () => setConfirming(false) })}
        onClose={() => setConfirming(false)}
      />
    </Card>
  );
}
