import { Button, Group, Modal, Stack, Text, Textarea } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { LiveError } from '../ui/ErrorAlert';

interface SessionReasonDialogProps {
  opened: boolean;
  title: string;
  explanation: string;
  label: string;
  /** The message when the text is required and left empty; without it the text is optional. */
  requiredMessage?: string;
  confirmLabel: string;
  confirmColor?: string;
  /** The button that closes without acting ("Keep the session" rather than a "Cancel" next to "Cancel the session"). */
  dismissLabel: string;
  isPending: boolean;
  error: unknown;
  onSubmit: (text: string) => void;
  onClose: () => void;
}

/** A dialog that asks for a reason or note before acting on a session. */
export function SessionReasonDialog(props: SessionReasonDialogProps) {
  return (
    <Modal opened={props.opened} onClose={() => !props.isPending && props.onClose()} title={props.title} centered>
      {props.opened && <ReasonForm {...props} />}
    </Modal>
  );
}

function ReasonForm({ explanation, label, requiredMessage, confirmLabel, confirmColor, dismissLabel, isPending, error, onSubmit, onClose }: SessionReasonDialogProps) {
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
          maxLength={requiredMessage ? 1000 : 4000}
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
            {dismissLabel}
          </Button>
          <Button type="submit" color={confirmColor} loading={isPending}>
            {confirmLabel}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
