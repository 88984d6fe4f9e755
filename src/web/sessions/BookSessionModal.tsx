import { Button, Group, Modal, Stack, Text, TextInput } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { ProjectDetail } from '../api/types';
import { localTimeZone } from '../lib/format';
import { LiveError } from '../ui/ErrorAlert';
import { DurationSelect } from './DurationSelect';
import { ProblemList } from './ProblemList';
import { draftToBody } from './sessionDraft';
import { SessionFields } from './SessionFields';
import { localInputToIso } from './sessionFormat';
import { bookSession, useSessionMutation, type BookBody } from './sessionsApi';
import { useSessionForm } from './useSessionForm';

interface BookSessionModalProps {
  project: ProjectDetail;
  opened: boolean;
  onClose: () => void;
}

/** Books a session at a date agreed outside Engage (by phone, or a later session of the activity): confirmed at once. */
export function BookSessionModal(props: BookSessionModalProps) {
  const { t } = useTranslation();
  return (
    <Modal opened={props.opened} onClose={props.onClose} title={t('sessions.book.title')} centered size="lg">
      {props.opened && <BookForm {...props} />}
    </Modal>
  );
}

function BookForm({ project, onClose }: BookSessionModalProps) {
  const { t } = useTranslation();
  const form = useSessionForm(project);
  const [start, setStart] = useState('');
  const [startError, setStartError] = useState<string | null>(null);
  const [durationMinutes, setDurationMinutes] = useState(120);
  const [otherProblems, setOtherProblems] = useState<string[]>([]);
  const book = useSessionMutation(
    project.id,
    (body: BookBody) => bookSession(project.id, body),
    t('sessions.book.done'),
  );

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const startIso = localInputToIso(start);
    const isDraftValid = form.validate();
    setStartError(startIso ? null : t('sessions.form.startRequired'));
    if (!isDraftValid || !startIso) return;
    book.mutate(
      { ...draftToBody(form.draft), durationMinutes, start: startIso },
      {
        onSuccess: onClose,
        onError: (error) => {
          const problems = form.showServerErrors(error);
          // The start's problem (passed, or the engineer is booked then) belongs on the date input.
          const startProblem = problems.find(
            (problem) => problem.startsWith('body.start') || problem.startsWith('start'),
          );
          if (startProblem) setStartError(startProblem.replace(/^[^:]*:\s*/, ''));
          setOtherProblems(problems.filter((problem) => problem !== startProblem));
        },
      },
    );
  }

  return (
    <form onSubmit={submit} noValidate>
      <Stack>
        <Text size="sm">{t('sessions.book.explanation')}</Text>
        <Group grow align="flex-start">
          <TextInput
            type="datetime-local"
            label={t('sessions.form.start')}
            description={t('sessions.form.startZone', { zone: localTimeZone() })}
            value={start}
            onChange={(event) => {
              setStart(event.currentTarget.value);
              setStartError(null);
            }}
            error={startError}
            required
            data-autofocus
          />
          <DurationSelect value={durationMinutes} onChange={setDurationMinutes} />
        </Group>
        <SessionFields project={project} draft={form.draft} errors={form.errors} onChange={form.change} />
        <LiveError preferServerReason error={book.error} />
        <ProblemList problems={otherProblems} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose} disabled={book.isPending}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={book.isPending}>
            {t('sessions.book.submit')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
