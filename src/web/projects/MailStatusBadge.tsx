import { Badge } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { MailMessage, MailStatus } from '../api/types';

const statusColors: Record<MailStatus, string> = {
  queued: 'gray',
  sending: 'blue',
  retrying: 'orange',
  sent: 'green',
  failed: 'red',
  'not-configured': 'yellow',
  // Counts as sent, but reached only the trial mailbox: told apart from sent at a glance.
  trial: 'grape',
};

const attentionStatuses: ReadonlySet<MailStatus> = new Set(['failed', 'not-configured']);

/** The words a manager reads for a message's delivery status. */
export function useMailStatusLabel(): (message: Pick<MailMessage, 'status' | 'attempts'>) => string {
  const { t } = useTranslation();
  return ({ status, attempts }) => {
    switch (status) {
      // The attempts counted so far have failed; the job is about to make the next one.
      case 'retrying':
        return t('mail.statuses.retrying', { attempt: attempts + 1 });
      case 'not-configured':
        return t('mail.statuses.notConfigured');
      default:
        return t(`mail.statuses.${status}`);
    }
  };
}

export function MailStatusBadge({ message }: { message: Pick<MailMessage, 'status' | 'attempts'> }) {
  const label = useMailStatusLabel();
  return (
    // Filled where the manager must act or know that nothing went out; autoContrast keeps yellow readable.
    <Badge
      color={statusColors[message.status]}
      variant={attentionStatuses.has(message.status) ? 'filled' : 'light'}
      autoContrast
      tt="none"
    >
      {label(message)}
    </Badge>
  );
}
