import { Button, Group, List, Modal, Stack, Text } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { ProjectDetail } from '../api/types';
import { LiveError } from '../ui/ErrorAlert';
import { draftToBody } from './sessionDraft';
import { SessionFields } from './SessionFields';
import { formatTimeRange } from './sessionFormat';
import { proposeSessions, useSessionMutation, type ProposeBody, type Slot } from './sessionsApi';
import { useSessionForm } from './useSessionForm';
import { ProblemList } from './ProblemList';
import { useDurationLabel } from './DurationSelect';

interface ProposeModalProps {
  project: ProjectDetail;
  opened: boolean;
  durationMinutes: number;
  engineer: { id: string; name: string; isProjectEngineer: boolean };
  slots: readonly Slot[];
  onClose: () => void;
  onProposed: () => void;
}

/** The proposal of the chosen dates: what the session is about, where, and which contacts choose the date. */
export function ProposeModal(props: ProposeModalProps) {
  const { t } = useTranslation();
  return (
    <Modal opened={props.opened} onClose={props.onClose} title={t('sessions.propose.title')} centered size="lg">
      {props.opened && <ProposeForm {...props} />}
    </Modal>
  );
}

function ProposeForm({ project, durationMinutes, engineer, slots, onClose, onProposed }: ProposeModalProps) {
  const { t, i18n } = useTranslation();
  const durationLabel = useDurationLabel();
  const form = useSessionForm(project);
  const [otherProblems, setOtherProblems] = useState<string[]>([]);
  const propose = useSessionMutation(
    project.id,
    (body: ProposeBody) => proposeSessions(project.id, body),
    t('sessions.propose.done'),
  );

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!form.validate()) return;
    const body: ProposeBody = {
      ...draftToBody(form.draft),
      durationMinutes,
      slots: slots.map((slot) => ({ start: slot.start })),
      ...(engineer.isProjectEngineer ? {} : { engineerId: engineer.id }),
    };
    propose.mutate(body, {
      onSuccess: onProposed,
      onError: (error) => setOtherProblems(form.showServerErrors(error)),
    });
  }

  return (
    <form onSubmit={submit} noValidate>
      <Stack>
        <div>
          <Text size="sm" fw={600}>
            {t('sessions.propose.dates', { name: engineer.name, duration: durationLabel(durationMinutes) })}
          </Text>
          <List size="sm">
            {slots.map((slot) => (
              <List.Item key={slot.start}>{formatTimeRange(slot.start, slot.end, i18n.language)}</List.Item>
            ))}
          </List>
          {!engineer.isProjectEngineer && (
            <Text size="sm" c="orange.9">
              {t('sessions.propose.otherEngineer', { name: engineer.name })}
            </Text>
          )}
        </div>
        <Text size="sm">{t('sessions.propose.explanation')}</Text>
        <SessionFields project={project} draft={form.draft} errors={form.errors} onChange={form.change} />
        <LiveError preferServerReason error={propose.error} />
        <ProblemList problems={otherProblems} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose} disabled={propose.isPending}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={propose.isPending}>
            {t('sessions.propose.submit')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
