import { Stack, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { EmptyState } from '../ui/EmptyState';
import { ProposalCard } from './ProposalCard';
import type { Proposal } from './sessionsApi';

/** The dates proposed to the customer, newest first. */
export function ProposalsSection({
  projectId,
  proposals,
  canWork,
}: {
  projectId: string;
  proposals: readonly Proposal[];
  canWork: boolean;
}) {
  const { t } = useTranslation();
  const sorted = [...proposals].sort((a, b) => b.createdAt.localeCompare(a.createdAt));
  return (
    <Stack gap="sm" component="section" aria-labelledby="proposals-heading">
      <Title order={2} size="h4" id="proposals-heading">
        {t('sessions.proposals.title')}
      </Title>
      {sorted.length === 0 ? (
        <EmptyState title={t('sessions.proposals.emptyTitle')} description={t('sessions.proposals.emptyBody')} />
      ) : (
        sorted.map((proposal) => (
          <ProposalCard key={proposal.id} projectId={projectId} proposal={proposal} canWork={canWork} />
        ))
      )}
    </Stack>
  );
}
