import { Button } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { TextReasonModal } from '../projects/TextReasonModal';
import { overrideScheduling, useSessionMutation } from './sessionsApi';

/** A manager lets the engineer schedule before the requirements are verified, giving the reason (audited). */
export function OverrideButton({ projectId }: { projectId: string }) {
  const { t } = useTranslation();
  const [isOpen, setOpen] = useState(false);
  const override = useSessionMutation(
    projectId,
    (reason: string) => overrideScheduling(projectId, reason),
    t('sessions.gate.overridden'),
  );
  return (
    <>
      <Button
        variant="outline"
        color="orange"
        onClick={() => {
          override.reset();
          setOpen(true);
        }}
        aria-haspopup="dialog"
        style={{ alignSelf: 'flex-start' }}
      >
        {t('sessions.gate.override')}
      </Button>
      <TextReasonModal
        opened={isOpen}
        title={t('sessions.gate.overrideTitle')}
        explanation={t('sessions.gate.overrideExplanation')}
        label={t('sessions.gate.overrideReason')}
        requiredMessage={t('sessions.gate.overrideReasonRequired')}
        confirmLabel={t('sessions.gate.overrideConfirm')}
        confirmColor="orange"
        isPending={override.isPending}
        error={override.error}
        onSubmit={(reason) => override.mutate(reason, { onSuccess: () => setOpen(false) })}
        onClose={() => setOpen(false)}
      />
    </>
  );
}
