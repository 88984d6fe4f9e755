import { Button } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ConfirmDialog } from '../ui/ConfirmDialog';
import { useSessionMutation, withdrawProposal } from './sessionsApi';

/** Withdraws an open proposal, after asking: the customer can no longer choose its dates. */
export function WithdrawProposalButton({
  projectId,
  proposalId,
  describedBy,
}: {
  projectId: string;
  proposalId: string;
  describedBy: string;
}) {
  const { t } = useTranslation();
  const [isConfirming, setConfirming] = useState(false);
  const withdraw = useSessionMutation(
    projectId,
    () => withdrawProposal(projectId, proposalId),
    t('sessions.proposals.withdrawn'),
  );
  return (
    <>
      <Button
        size="xs"
        variant="outline"
        color="red"
        onClick={() => {
          withdraw.reset();
          setConfirming(true);
        }}
        aria-haspopup="dialog"
        aria-describedby={describedBy}
      >
        {t('sessions.proposals.withdraw')}
      </Button>
      <ConfirmDialog
        preferServerReason
        opened={isConfirming}
        title={t('sessions.proposals.withdrawTitle')}
        message={t('sessions.proposals.withdrawMessage')}
        confirmLabel={t('sessions.proposals.withdrawConfirm')}
        confirmColor="red"
        isPending={withdraw.isPending}
        error={withdraw.error}
        onConfirm={() => withdraw.mutate(undefined, { onSuccess: () => setConfirming(false) })}
        onClose={() => setConfirming(false)}
      />
    </>
  );
}
