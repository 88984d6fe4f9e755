import { Button, Group, Modal, Stack, Text, Textarea } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api, call } from '../api/client';
import type { Criterion, ProjectDetail } from '../api/types';
import { useLocalized } from '../lib/format';
import { LiveError } from '../ui/ErrorAlert';
import { useProjectMutation } from './useProjectMutation';

/** "Mark as done" for a manual exit criterion, with an optional note. */
export function ConfirmCriterionButton({ project, criterion }: { project: ProjectDetail; criterion: Criterion }) {
  const { t } = useTranslation();
  const localize = useLocalized();
  const [opened, setOpened] = useState(false);
  const [note, setNote] = useState('');
  const label = localize(criterion.label);

  const confirm = useProjectMutation(
    project.id,
    (text: string) =>
      call(
        api.POST('/api/projects/{id}/criteria/{criterionKey}/confirm', {
          params: { path: { id: project.id, criterionKey: criterion.key } },
          body: text ? { note: text } : {},
        }),
      ),
    t('criteria.confirmed', { label }),
  );

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    confirm.mutate(note.trim(), { onSuccess: () => setOpened(false) });
  }

  return (
    <>
      <Button
        size="compact-xs"
        variant="light"
        aria-label={t('criteria.markDoneFor', { label })}
        aria-haspopup="dialog"
        onClick={() => {
          confirm.reset();
          setNote('');
          setOpened(true);
        }}
      >
        {t('criteria.markDone')}
      </Button>
      <Modal
        opened={opened}
        onClose={() => !confirm.isPending && setOpened(false)}
        title={t('criteria.markDoneTitle')}
        centered
      >
        <form onSubmit={submit} noValidate>
          <Stack>
            <Text fw={500}>{label}</Text>
            <Textarea
              label={t('criteria.note')}
              autosize
              minRows={2}
              value={note}
              onChange={(event) => setNote(event.currentTarget.value)}
              data-autofocus
            />
            <LiveError error={confirm.error} />
            <Group justify="flex-end">
              <Button variant="default" onClick={() => setOpened(false)} disabled={confirm.isPending}>
                {t('common.cancel')}
              </Button>
              <Button type="submit" loading={confirm.isPending}>
                {t('criteria.markDoneConfirm')}
              </Button>
            </Group>
          </Stack>
        </form>
      </Modal>
    </>
  );
}
