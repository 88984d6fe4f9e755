import { Button } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { markSessionHeld, useSessionMutation, type Session } from './sessionsApi';
import { TextReasonModal } from '../projects/TextReasonModal';

/** Records that a session took place, with an optional note (what was done, what is next). */
export function MarkHeldButton({
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
  const held = useSessionMutation(
    projectId,
    (note: string) => markSessionHeld(projectId, session.id, note),
    t('sessions.held.done'),
  );
  return (
    <>
      <Button
        size="xs"
        variant="light"
        color="blue"
        onClick={() => {
          held.reset();
          setOpen(true);
        }}
        aria-haspopup="dialog"
        aria-describedby={describedBy}
      >
        {t('sessions.held.open')}
      </Button>
      <TextReasonModal
        opened={isOpen}
        title={t('sessions.held.title', { title: session.title })}
        explanation={t('sessions.held.explanation')}
        label={t('sessions.held.note')}
        confirmLabel={t('sessions.held.confirm')}
        maxLength={4000}
        isPending={held.isPending}
        error={held.error}
        onSubmit={(note) => held.mutate(note, { onSuccess: () => setOpen(false) })}
        onClose={() => setOpen(false)}
      />
    </>
  );
}
