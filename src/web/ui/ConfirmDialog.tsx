import { Button, Group, Modal, Stack, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { LiveError } from './ErrorAlert';

interface ConfirmDialogProps {
  opened: boolean;
  title: string;
  message: ReactNode;
  confirmLabel: string;
  confirmColor?: string;
  isPending: boolean;
  error?: unknown;
  /** Show a refusal's own reason from the server (see ErrorAlert). */
  preferServerReason?: boolean;
  onConfirm: () => void;
  onClose: () => void;
}

/** A yes/no question before an action that is hard to undo. */
export function ConfirmDialog(props: ConfirmDialogProps) {
  const { t } = useTranslation();
  return (
    <Modal opened={props.opened} onClose={() => !props.isPending && props.onClose()} title={props.title} centered>
      <Stack>
        <Text>{props.message}</Text>
        <LiveError error={props.error} preferServerReason={props.preferServerReason} />
        <Group justify="flex-end">
          <Button variant="default" onClick={props.onClose} disabled={props.isPending}>
            {t('common.cancel')}
          </Button>
          <Button color={props.confirmColor} loading={props.isPending} onClick={props.onConfirm} data-autofocus>
            {props.confirmLabel}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
