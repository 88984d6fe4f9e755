import { Alert, Button, Card, Group, Stack, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ProjectDetail } from '../api/types';
import { useCurrentUser } from '../auth/session';
import { DateTime } from '../lib/DateTime';
import { ConfirmDialog } from '../ui/ConfirmDialog';
import { CloseWithoutSignedReportModal } from './CloseWithoutSignedReportModal';
import { closeProject, handoverFileUrl, useDeliveryMutation, type Delivery, type UnsignedReport } from './deliveryApi';

interface HandoverCardProps {
  project: ProjectDetail;
  delivery: Delivery;
  canWork: boolean;
}

/**
 * P8: closes the project once the activity report is signed (or P7 waived); a manager may also close it with the report
 * unsigned, saying why. The hand-over package goes to support and stays here to download.
 */
export function HandoverCard({ project, delivery, canWork }: HandoverCardProps) {
  const { t } = useTranslation();
  const user = useCurrentUser();
  const projectId = project.id;
  const [isConfirming, setConfirming] = useState(false);
  const [isClosingUnsigned, setClosingUnsigned] = useState(false);
  const close = useDeliveryMutation(projectId, () => closeProject(projectId), t('delivery.handover.done'), {
    notifyError: false,
  });
  const isReportSigned = delivery.documents.some(
    (document) => document.kind === 'activity-report' && document.state === 'signed',
  );
  const isReportWaived = project.process.timeline.some(
    (step) => step.key === 'activity-report' && step.display === 'waived',
  );
  const canClose = isReportSigned || isReportWaived;
  // Closing without the signature waives P7 itself: it is offered while P7 is the step the project stands at.
  const canCloseUnsigned = !canClose && project.currentStep?.key === 'activity-report';
  const isManager = user.role === 'admin' || user.role === 'manager';
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
            {handover.unsignedReport && <UnsignedReportNotice report={handover.unsignedReport} />}
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
            {!canClose && (
              <Text size="sm" c="dimmed" id="handover-blocker">
                {t('delivery.handover.needsReport')}
              </Text>
            )}
            {!isReportSigned && isReportWaived && <Text size="sm">{t('delivery.handover.reportWaived')}</Text>}
            {canCloseUnsigned && !(canWork && isManager) && (
              <Text size="sm" c="dimmed">
                {t('delivery.handover.unsigned.managersOnly')}
              </Text>
            )}
            {canWork && (
              <Group>
                <Button
                  color="green"
                  disabled={!canClose}
                  aria-describedby={canClose ? undefined : 'handover-blocker'}
                  aria-haspopup="dialog"
                  onClick={() => {
                    close.reset();
                    setConfirming(true);
                  }}
                >
                  {t('delivery.handover.open')}
                </Button>
                {canCloseUnsigned && isManager && (
                  <Button
                    variant="outline"
                    color="orange"
                    aria-haspopup="dialog"
                    onClick={() => setClosingUnsigned(true)}
                  >
                    {t('delivery.handover.unsigned.open')}
                  </Button>
                )}
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
      {canWork && isManager && (
        <CloseWithoutSignedReportModal
          projectId={projectId}
          opened={isClosingUnsigned}
          onClose={() => setClosingUnsigned(false)}
        />
      )}
    </Card>
  );
}

function UnsignedReportNotice({ report }: { report: UnsignedReport }) {
  const { t } = useTranslation();
  return (
    <Alert color="orange" variant="light" title={t('delivery.handover.unsigned.closedTitle')}>
      <Stack gap={4}>
        <Text size="sm" style={{ whiteSpace: 'pre-line' }}>
          {t('delivery.handover.unsigned.closedReason', { reason: report.reason })}
        </Text>
        <Text size="sm" c="dimmed">
          {t('delivery.handover.unsigned.closedBy', { name: report.decidedBy })} <DateTime iso={report.decidedAt} />
        </Text>
      </Stack>
    </Alert>
  );
}
