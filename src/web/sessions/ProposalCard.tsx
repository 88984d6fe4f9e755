import { Alert, Group, List, Paper, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { DateTime } from '../lib/DateTime';
import { ProposalStateBadge, SessionStateBadge } from './badges';
import { formatTimeRange } from './sessionFormat';
import type { Proposal } from './sessionsApi';
import { WithdrawProposalButton } from './WithdrawProposalButton';

/** One proposal: its dates, who decided, the customer's request for other dates, and its withdrawal. */
export function ProposalCard({
  projectId,
  proposal,
  canWork,
}: {
  projectId: string;
  proposal: Proposal;
  canWork: boolean;
}) {
  const { t, i18n } = useTranslation();
  const headingId = `proposal-${proposal.id}`;
  const first = proposal.slots[0];
  const isAskingForOthers = proposal.note !== null && proposal.note !== '' && proposal.state !== 'accepted';
  return (
    <Paper withBorder p="md" component="article" aria-labelledby={headingId}>
      <Stack gap="xs">
        <Group justify="space-between" align="flex-start">
          <div>
            <Text fw={600} id={headingId}>
              {first ? `${first.stepCode} · ${first.title}` : t('sessions.proposals.untitled')}
            </Text>
            <Text size="xs" c="dimmed">
              {t('sessions.proposals.sentAt')} <DateTime iso={proposal.createdAt} />
              {first ? ` · ${first.engineer.name}` : ''}
            </Text>
          </div>
          <Group gap="xs">
            <ProposalStateBadge state={proposal.state} />
            {canWork && proposal.state === 'open' && (
              <WithdrawProposalButton projectId={projectId} proposalId={proposal.id} describedBy={headingId} />
            )}
          </Group>
        </Group>
        <List size="sm" spacing={4}>
          {proposal.slots.map((slot) => (
            <List.Item key={slot.id}>
              {formatTimeRange(slot.start, slot.end, i18n.language)}{' '}
              {slot.state !== 'proposed' && <SessionStateBadge state={slot.state} />}
            </List.Item>
          ))}
        </List>
        {proposal.decidedAt && (
          <Text size="xs" c="dimmed">
            {t('sessions.proposals.decided', { name: proposal.decidedBy ?? '—' })} <DateTime iso={proposal.decidedAt} />
          </Text>
        )}
        {isAskingForOthers && (
          <Alert color="orange" title={t('sessions.proposals.askedForOthers')}>
            <Stack gap={4}>
              <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
                “{proposal.note}”
              </Text>
              <Text size="sm" fw={600}>
                {t('sessions.proposals.proposeNew')}
              </Text>
            </Stack>
          </Alert>
        )}
      </Stack>
    </Paper>
  );
}
