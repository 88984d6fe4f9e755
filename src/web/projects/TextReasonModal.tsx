import { Button, Group, Modal, Stack, Text, Textarea } from '@mantine/core';
import { useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { LiveError } from '../ui/ErrorAlert';

interface TextReasonModalProps {
  opened: boolean;
  title: string;
  /** What the action does, said before the question. */
  explanation: ReactNode;
  label: string;
  /** The message shown when the text is required and left empty; without it the text is optional. */
  requiredMessage?: string;
  confirmLabel: string;
  confirmColor?: string;
  /** The button that closes without acting (default "Cancel"; "Keep the session" beside "Cancel the session"). */
  dismissLabel?: string;
  /** The longest text accepted (default 2000 characters). */
  maxLength?: number;
  isPending: boolean;
  error: unknown;
  onSubmit: (text: string) => void;
  onClose: () => void;
}

/** A dialog that asks for a comment or reason before an action (send back, waive, remove, cancel a session, mark it held). */
export function TextReasonModal(props: TextReasonModalProps) {
  return (
    <Modal opened={props.opened} onClose={() => !props.isPending && props.onClose()} title={props.title} centered>
      {props.opened && <ReasonForm {...props} />}
    </Modal>
  );
}

function ReasonForm({
  explanation,
  label,
  requiredMessage,
  confirmLabel,
  confirmColor,
  dismissLabel,
  maxLength = 2000,
  isPending,
  error,
  onSubmit,
  onClose,
}: TextReasonModalProps) {
  const { t } = useTranslation();
  const [text, setText] = useState('');
  const [textError, setTextError] = useState<string | null>(null);

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (requiredMessage && !text.trim()) {
      setTextError(requiredMessage);
      return;
    }
    onSubmit(text.trim());
  }

  return (
    <form onSubmit={submit} noValidate>
      <Stack>
        <Text size="sm">{explanation}</Text>
        <Textarea
          label={label}
          required={requiredMessage !== undefined}
          autosize
          minRows={3}
          maxLength={maxLength}
          value={text}
          onChange={(event) => {
            setText(event.currentTarget.value);
            if (textError) setTextError(null);
          }}
          error={textError}
          data-autofocus
        />
        <LiveError preferServerReason error={error} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose} disabled={isPending}>
            {dismissLabel ?? t('common.cancel')}
          </Button>
          <Button type="submit" color={confirmColor} loading={isPending}>
            {confirmLabel}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
