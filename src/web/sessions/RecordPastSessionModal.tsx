import { Button, Group, Modal, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { ProjectDetail } from '../api/types';
import { localTimeZone } from '../lib/format';
import { LiveError } from '../ui/ErrorAlert';
import { DurationSelect } from './DurationSelect';
import { ProblemList } from './ProblemList';
import { draftToBody } from './sessionDraft';
import { SessionFields } from './SessionFields';
import { localDayAndTimeToIso, localToday, pastDurationChoices } from './sessionFormat';
import { recordPastSession, useSessionMutation, type RecordPastBody } from './sessionsApi';
import { useSessionForm } from './useSessionForm';

interface RecordPastSessionModalProps {
  project: ProjectDetail;
  opened: boolean;
  onClose: () => void;
}

/** Records a session that already took place (a kick-off by phone, a session booked in another tool) as held. */
export function RecordPastSessionModal(props: RecordPastSessionModalProps) {
  const { t } = useTranslation();
  return (
    <Modal opened={props.opened} onClose={props.onClose} title={t('sessions.past.title')} centered size="lg">
      {props.opened && <RecordForm {...props} />}
    </Modal>
  );
}

function RecordForm({ project, onClose }: RecordPastSessionModalProps) {
  const { t } = useTranslation();
  const form = useSessionForm(project, 'record');
  const [day, setDay] = useState('');
  const [time, setTime] = useState('');
  const [startError, setStartError] = useState<string | null>(null);
  const [durationMinutes, setDurationMinutes] = useState(60);
  const [note, setNote] = useState('');
  const [otherProblems, setOtherProblems] = useState<string[]>([]);
  const record = useSessionMutation(
    project.id,
    (body: RecordPastBody) => recordPastSession(project.id, body),
    t('sessions.past.done'),
  );

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const startIso = localDayAndTimeToIso(day, time);
    const isDraftValid = form.validate();
    // The server refuses a start still to come too; saying it here spares a round trip.
    const problem = !startIso
      ? t('sessions.past.startRequired')
      : Date.parse(startIso) > Date.now()
        ? t('sessions.past.future')
        : null;
    setStartError(problem);
    if (!isDraftValid || !startIso || problem) return;
    const { location, ...fields } = draftToBody(form.draft);
    record.mutate(
      {
        ...fields,
        ...(location ? { location } : {}),
        durationMinutes,
        start: startIso,
        ...(note.trim() ? { note: note.trim() } : {}),
      },
      {
        onSuccess: onClose,
        onError: (error) => {
          const problems = form.showServerErrors(error);
          // The start's problems (still to come, before the project, the engineer's time taken) belong on the date.
          const startProblem = problems.find(
            (candidate) => candidate.startsWith('body.start') || candidate.startsWith('start'),
          );
          if (startProblem) setStartError(startProblem.replace(/^[^:]*:\s*/, ''));
          setOtherProblems(problems.filter((candidate) => candidate !== startProblem));
        },
      },
    );
  }

  return (
    <form onSubmit={submit} noValidate>
      <Stack>
        <Text size="sm">{t('sessions.past.explanation')}</Text>
        <Group grow align="flex-start">
          <TextInput
            type="date"
            label={t('sessions.past.day')}
            max={localToday()}
            value={day}
            onChange={(event) => {
              setDay(event.currentTarget.value);
              setStartError(null);
            }}
            error={startError}
            required
            data-autofocus
          />
          <TextInput
            type="time"
            label={t('sessions.past.time')}
            description={t('sessions.form.startZone', { zone: localTimeZone() })}
            value={time}
            onChange={(event) => {
              setTime(event.currentTarget.value);
              setStartError(null);
            }}
            required
          />
          <DurationSelect value={durationMinutes} onChange={setDurationMinutes} choices={pastDurationChoices} />
        </Group>
        <SessionFields
          project={project}
          draft={form.draft}
          errors={form.errors}
          onChange={form.change}
          purpose="record"
        />
        <Textarea
          label={t('sessions.past.note')}
          description={t('sessions.past.noteHint')}
          autosize
          minRows={2}
          maxLength={4000}
          value={note}
          onChange={(event) => setNote(event.currentTarget.value)}
        />
        <LiveError preferServerReason error={record.error} />
        <ProblemList problems={otherProblems} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose} disabled={record.isPending}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={record.isPending}>
            {t('sessions.past.submit')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
