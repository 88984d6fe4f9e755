import { Button } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { cancelSession, useSessionMutation, type Session } from './sessionsApi';
import { TextReasonModal } from '../projects/TextReasonModal';

/** Cancels a confirmed session after asking why; the attendees read the reason in the cancellation. */
export function CancelSessionButton({
  projectId,
  session,
  describedBy,
}: {
  projectId: string;
  session: Session;
  describedBy: string;
}) {
  const { t } = useTranslation();
  const [isOpen, setOpen] = useState(false);
  const cancel = useSessionMutation(
    projectId,
    (reason: string) => cancelSession(projectId, session.id, reason),
    t('sessions.cancel.done'),
  );
  return (
    <>
      <Button
        size="xs"
        variant="outline"
        color="red"
        onClick={() => {
          cancel.reset();
          setOpen(true);
        }}
        aria-haspopup="dialog"
        aria-describedby={describedBy}
      >
        {t('sessions.cancel.open')}
      </Button>
      <TextReasonModal
        opened={isOpen}
        title={t('sessions.cancel.title', { title: session.title })}
        explanation={t('sessions.cancel.explanation')}
        label={t('sessions.cancel.reason')}
        requiredMessage={t('sessions.cancel.reasonRequired')}
        maxLength={1000}
        confirmLabel={t('sessions.cancel.confirm')}
        confirmColor="red"
        dismissLabel={t('sessions.cancel.keep')}
        isPending={cancel.isPending}
        error={cancel.error}
        onSubmit={(reason) => cancel.mutate(reason, { onSuccess: () => setOpen(false) })}
        onClose={() => setOpen(false)}
      />
    </>
  );
}
