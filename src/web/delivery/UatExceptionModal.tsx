import { Button, Group, Modal, Stack, Text, Textarea } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { fieldErrorsFrom } from '../api/errors';
import { LiveError } from '../ui/ErrorAlert';
import { setUatResult, useDeliveryMutation, type UatItem } from './deliveryApi';

interface UatExceptionModalProps {
  projectId: string;
  item: UatItem;
  title: string;
  opened: boolean;
  onClose: () => void;
}

/** Accepts a failed UAT item as an exception, with the reason the UAT document will list. */
export function UatExceptionModal(props: UatExceptionModalProps) {
  const { t } = useTranslation();
  return (
    <Modal opened={props.opened} onClose={props.onClose} title={t('delivery.uat.exception.title')} centered>
      {props.opened && <UatExceptionForm {...props} />}
    </Modal>
  );
}

function UatExceptionForm({ projectId, item, title, onClose }: UatExceptionModalProps) {
  const { t } = useTranslation();
  const [reason, setReason] = useState(item.exceptionReason ?? '');
  const [error, setError] = useState<string | undefined>();
  const accept = useDeliveryMutation(
    projectId,
    (exceptionReason: string) =>
      setUatResult(projectId, item.applicationKey, item.key, { result: 'fail', exceptionReason }),
    t('delivery.uat.exception.done', { title }),
    { notifyError: false },
  );

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const trimmed = reason.trim();
    if (trimmed === '') {
      setError(t('delivery.uat.exception.reasonRequired'));
      return;
    }
    setError(undefined);
    accept.mutate(trimmed, {
      onSuccess: onClose,
      onError: (failure) =>
        setError(fieldErrorsFrom(failure, ['exceptionReason'] as const).fieldErrors.exceptionReason),
    });
  }

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="sm">
        <Text size="sm">{t('delivery.uat.exception.intro', { title })}</Text>
        <Textarea
          label={t('delivery.uat.exception.reason')}
          autosize
          minRows={3}
          maxLength={2000}
          value={reason}
          onChange={(event) => {
            setReason(event.currentTarget.value);
            setError(undefined);
          }}
          error={error}
          required
          data-autofocus
        />
        <LiveError preferServerReason error={accept.error} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose} disabled={accept.isPending}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={accept.isPending}>
            {t('delivery.uat.exception.submit')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
