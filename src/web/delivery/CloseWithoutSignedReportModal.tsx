import { Alert, Button, Group, Modal, Stack, Text, Textarea } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { fieldErrorsFrom } from '../api/errors';
import { LiveError } from '../ui/ErrorAlert';
import { closeWithoutSignedReport, useDeliveryMutation } from './deliveryApi';

interface CloseWithoutSignedReportModalProps {
  projectId: string;
  opened: boolean;
  onClose: () => void;
}

/** A manager closes the project although the activity report stays unsigned: the reason first, then a confirmation. */
export function CloseWithoutSignedReportModal(props: CloseWithoutSignedReportModalProps) {
  const { t } = useTranslation();
  return (
    <Modal
      opened={props.opened}
      onClose={props.onClose}
      title={t('delivery.handover.unsigned.title')}
      centered
      size="lg"
    >
      {props.opened && <CloseWithoutSignedReportForm {...props} />}
    </Modal>
  );
}

function CloseWithoutSignedReportForm({ projectId, onClose }: CloseWithoutSignedReportModalProps) {
  const { t } = useTranslation();
  const [reason, setReason] = useState('');
  const [reasonError, setReasonError] = useState<string | undefined>(undefined);
  const [isConfirming, setConfirming] = useState(false);
  const close = useDeliveryMutation(
    projectId,
    (text: string) => closeWithoutSignedReport(projectId, text),
    t('delivery.handover.unsigned.done'),
    { notifyError: false },
  );

  function review(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (reason.trim() === '') {
      setReasonError(t('delivery.handover.unsigned.reasonRequired'));
      return;
    }
    close.reset();
    setConfirming(true);
  }

  function confirm() {
    close.mutate(reason.trim(), {
      onSuccess: onClose,
      onError: (error) => {
        const found = fieldErrorsFrom(error, ['reason'] as const).fieldErrors.reason;
        if (found !== undefined) {
          setReasonError(found);
          setConfirming(false);
        }
      },
    });
  }

  if (isConfirming) {
    return (
      <Stack gap="sm">
        <Text>{t('delivery.handover.unsigned.confirmMessage')}</Text>
        <Alert color="orange" variant="light" title={t('delivery.handover.unsigned.reason')}>
          <Text size="sm" style={{ whiteSpace: 'pre-line' }}>
            {reason.trim()}
          </Text>
        </Alert>
        <LiveError preferServerReason error={close.error} />
        <Group justify="flex-end">
          <Button variant="default" onClick={() => setConfirming(false)} disabled={close.isPending}>
            {t('delivery.handover.unsigned.back')}
          </Button>
          <Button color="orange" loading={close.isPending} onClick={confirm} data-autofocus>
            {t('delivery.handover.unsigned.confirm')}
          </Button>
        </Group>
      </Stack>
    );
  }

  return (
    <form onSubmit={review} noValidate>
      <Stack gap="sm">
        <Text size="sm">{t('delivery.handover.unsigned.intro')}</Text>
        <Textarea
          label={t('delivery.handover.unsigned.reason')}
          description={t('delivery.handover.unsigned.reasonHint')}
          autosize
          minRows={3}
          maxLength={2000}
          value={reason}
          onChange={(event) => {
            setReason(event.currentTarget.value);
            setReasonError(undefined);
          }}
          error={reasonError}
          required
          data-autofocus
        />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" color="orange">
            {t('delivery.handover.unsigned.review')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
