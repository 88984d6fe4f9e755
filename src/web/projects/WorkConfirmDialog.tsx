import { Button, Group, Modal, Stack, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { WorkError } from './WorkError';

interface WorkConfirmDialogProps {
  opened: boolean;
  title: string;
  message: ReactNode;
  confirmLabel: string;
  confirmColor?: string;
  isPending: boolean;
  error: unknown;
  onConfirm: () => void;
  onClose: () => void;
}

/** A yes/no question before a change that is hard to undo; a refusal shows the server's reason. */
export function WorkConfirmDialog(props: WorkConfirmDialogProps) {
  const { t } = useTranslation();
  return (
    <Modal opened={props.opened} onClose={() => !props.isPending && props.onClose()} title={props.title} centered>
      <Stack>
        <Text size="sm">{props.message}</Text>
        <WorkError error={props.error} />
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
