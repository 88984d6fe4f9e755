import { Button } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatCalendarDate } from '../lib/format';
import { ConfirmDialog } from '../ui/ConfirmDialog';
import { removeWorkLogEntry, useWorkLogMutation, type WorkLogEntry } from './workLogApi';

/** Takes an entry out of the work log after asking; the effort it used is freed. */
export function RemoveEntryButton({ projectId, entry }: { projectId: string; entry: WorkLogEntry }) {
  const { t, i18n } = useTranslation();
  const [isOpen, setOpen] = useState(false);
  const remove = useWorkLogMutation(projectId, () => removeWorkLogEntry(projectId, entry.id), t('worklog.remove.done'));
  const date = formatCalendarDate(entry.workDate, i18n.language);
  return (
    <>
      <Button
        size="xs"
        variant="subtle"
        color="red"
        onClick={() => {
          remove.reset();
          setOpen(true);
        }}
        aria-haspopup="dialog"
        aria-label={t('worklog.remove.label', { date, description: entry.description })}
      >
        {t('worklog.remove.open')}
      </Button>
      <ConfirmDialog
        opened={isOpen}
        title={t('worklog.remove.title')}
        message={t(entry.sessionId ? 'worklog.remove.messageSession' : 'worklog.remove.message', {
          date,
          name: entry.performer.name,
          description: entry.description,
        })}
        confirmLabel={t('worklog.remove.confirm')}
        confirmColor="red"
        isPending={remove.isPending}
        error={remove.error}
        preferServerReason
        onConfirm={() => remove.mutate(undefined, { onSuccess: () => setOpen(false) })}
        onClose={() => setOpen(false)}
      />
    </>
  );
}
