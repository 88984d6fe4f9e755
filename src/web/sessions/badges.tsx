import { Badge } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { ProposalState, SessionState } from './sessionsApi';

const sessionColors: Record<SessionState, string> = {
  proposed: 'gray',
  confirmed: 'green',
  rescheduled: 'teal',
  cancelled: 'red',
  held: 'blue',
};
const proposalColors: Record<ProposalState, string> = {
  open: 'yellow',
  accepted: 'green',
  declined: 'orange',
  withdrawn: 'gray',
};

export function SessionStateBadge({ state }: { state: SessionState }) {
  const { t } = useTranslation();
  return (
    <Badge color={sessionColors[state]} variant="light" component="span">
      {t(`sessions.state.${state}`)}
    </Badge>
  );
}

export function ProposalStateBadge({ state }: { state: ProposalState }) {
  const { t } = useTranslation();
  return (
    <Badge color={proposalColors[state]} variant="light" component="span">
      {t(`sessions.proposalState.${state}`)}
    </Badge>
  );
}

/** The pipeline's mark on a project whose first session is (or will be) later than the target. */
export function ScheduleLateBadge() {
  const { t } = useTranslation();
  return (
    <Badge color="red" variant="light" component="span">
      {t('sessions.lateToSchedule')}
    </Badge>
  );
}
