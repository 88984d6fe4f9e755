import { Button, Group, Modal, Stack, Text, Textarea } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api, call } from '../api/client';
import type { ActionType, ProjectDetail, TimelineStep } from '../api/types';
import { useLocalized } from '../lib/format';
import { LiveError } from '../ui/ErrorAlert';
import { useProjectMutation } from './useProjectMutation';

type ReasonAction = Exclude<ActionType, 'complete'>;

const actionOrder: ActionType[] = ['complete', 'waive', 'skip', 'reopen'];

interface StepActionsProps {
  project: ProjectDetail;
  step: TimelineStep;
  /** The current step's actions read "Complete step"; other steps name their code. */
  isCurrent: boolean;
}

/** The buttons for what the server allows on one step, with the reason dialogs they need. */
export function StepActions({ project, step, isCurrent }: StepActionsProps) {
  const { t } = useTranslation();
  const localize = useLocalized();
  const [dialog, setDialog] = useState<ReasonAction | null>(null);
  const [reason, setReason] = useState('');
  const [reasonError, setReasonError] = useState<string | null>(null);

  const stepName = `${step.code} · ${localize(step.title)}`;
  const run = useProjectMutation(
    project.id,
    (variables: { type: ActionType; reason?: string }) =>
      call(
        api.POST('/api/projects/{id}/actions', {
          params: { path: { id: project.id } },
          body: { type: variables.type, stepKey: step.key, ...(variables.reason ? { reason: variables.reason } : {}) },
        }),
      ),
    t('actions.done', { step: step.code }),
  );

  const allowed = actionOrder.filter((type) =>
    project.allowedActions.some((action) => action.type === type && action.stepKey === step.key),
  );
  if (allowed.length === 0) return null;

  function open(type: ReasonAction) {
    run.reset();
    setReason('');
    setReasonError(null);
    setDialog(type);
  }

  function close() {
    if (!run.isPending) setDialog(null);
  }

  function submitReason(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!dialog) return;
    if (!reason.trim()) {
      setReasonError(t('actions.reasonRequired'));
      return;
    }
    run.mutate({ type: dialog, reason: reason.trim() }, { onSuccess: () => setDialog(null) });
  }

  const label = (type: ActionType) =>
    isCurrent ? t(`actions.${type}.button`) : t(`actions.${type}.buttonForStep`, { code: step.code });

  return (
    <>
      <Group gap="xs">
        {allowed.map((type) =>
          type === 'complete' ? (
            <Button
              key={type}
              size={isCurrent ? 'sm' : 'xs'}
              loading={run.isPending && run.variables?.type === 'complete'}
              disabled={run.isPending && run.variables?.type !== 'complete'}
              onClick={() => run.mutate({ type: 'complete' })}
            >
              {label(type)}
            </Button>
          ) : (
            <Button
              key={type}
              size={isCurrent ? 'sm' : 'xs'}
              variant={type === 'reopen' ? 'outline' : 'default'}
              color={type === 'reopen' ? 'orange' : undefined}
              disabled={run.isPending}
              onClick={() => open(type)}
              aria-haspopup="dialog"
            >
              {label(type)}
            </Button>
          ),
        )}
      </Group>
      <Modal
        opened={dialog !== null}
        onClose={close}
        title={dialog ? t(`actions.${dialog}.title`, { step: stepName }) : ''}
        centered
      >
        {dialog && (
          <form onSubmit={submitReason} noValidate>
            <Stack>
              <Text size="sm">{t(`actions.${dialog}.explanation`)}</Text>
              <Textarea
                label={t('actions.reason')}
                required
                autosize
                minRows={3}
                value={reason}
                onChange={(event) => {
                  setReason(event.currentTarget.value);
                  if (reasonError) setReasonError(null);
                }}
                error={reasonError}
                data-autofocus
              />
              <LiveError error={run.error} />
              <Group justify="flex-end">
                <Button variant="default" onClick={close} disabled={run.isPending}>
                  {t('common.cancel')}
                </Button>
                <Button type="submit" color={dialog === 'reopen' ? 'orange' : undefined} loading={run.isPending}>
                  {t(`actions.${dialog}.confirm`)}
                </Button>
              </Group>
            </Stack>
          </form>
        )}
      </Modal>
    </>
  );
}
