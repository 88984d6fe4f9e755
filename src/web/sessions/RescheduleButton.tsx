import { Button, Group, Modal, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { fieldErrorsFrom } from '../api/errors';
import { localTimeZone } from '../lib/format';
import { LiveError } from '../ui/ErrorAlert';
import { DurationSelect } from './DurationSelect';
import { isoToLocalInput, localInputToIso } from './sessionFormat';
import { rescheduleSession, useSessionMutation, type RescheduleBody, type Session } from './sessionsApi';

interface RescheduleProps {
  projectId: string;
  session: Session;
  describedBy: string;
}

/** Moves a confirmed session to another date; the attendees get an updated invitation. */
export function RescheduleButton({ projectId, session, describedBy }: RescheduleProps) {
  const { t } = useTranslation();
  const [isOpen, setOpen] = useState(false);
  return (
    <>
      <Button
        size="xs"
        variant="default"
        onClick={() => setOpen(true)}
        aria-haspopup="dialog"
        aria-describedby={describedBy}
      >
        {t('sessions.reschedule.open')}
      </Button>
      <Modal
        opened={isOpen}
        onClose={() => setOpen(false)}
        title={t('sessions.reschedule.title', { title: session.title })}
        centered
      >
        {isOpen && <RescheduleForm projectId={projectId} session={session} onClose={() => setOpen(false)} />}
      </Modal>
    </>
  );
}

function RescheduleForm({ projectId, session, onClose }: { projectId: string; session: Session; onClose: () => void }) {
  const { t } = useTranslation();
  const [start, setStart] = useState(() => isoToLocalInput(session.start));
  const [durationMinutes, setDurationMinutes] = useState(session.durationMinutes);
  const [reason, setReason] = useState('');
  const [startError, setStartError] = useState<string | null>(null);
  const reschedule = useSessionMutation(
    projectId,
    (body: RescheduleBody) => rescheduleSession(projectId, session.id, body),
    t('sessions.reschedule.done'),
  );

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const startIso = localInputToIso(start);
    if (!startIso) {
      setStartError(t('sessions.form.startRequired'));
      return;
    }
    reschedule.mutate(
      { start: startIso, durationMinutes, ...(reason.trim() ? { reason: reason.trim() } : {}) },
      {
        onSuccess: onClose,
        onError: (error) => setStartError(fieldErrorsFrom(error, ['start'] as const).fieldErrors.start ?? null),
      },
    );
  }

  return (
    <form onSubmit={submit} noValidate>
      <Stack>
        <Text size="sm">{t('sessions.reschedule.explanation')}</Text>
        <TextInput
          type="datetime-local"
          label={t('sessions.reschedule.start')}
          description={t('sessions.form.startZone', { zone: localTimeZone() })}
          value={start}
          onChange={(event) => {
            setStart(event.currentTarget.value);
            setStartError(null);
          }}
          error={startError}
          required
          data-autofocus
        />
        <DurationSelect value={durationMinutes} onChange={setDurationMinutes} />
        <Textarea
          label={t('sessions.reschedule.reason')}
          description={t('sessions.reschedule.reasonHint')}
          autosize
          minRows={2}
          maxLength={1000}
          value={reason}
          onChange={(event) => setReason(event.currentTarget.value)}
        />
        <LiveError preferServerReason error={reschedule.error} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose} disabled={reschedule.isPending}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={reschedule.isPending}>
            {t('sessions.reschedule.submit')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
