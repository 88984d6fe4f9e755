import { Button, Group, Modal, NumberInput, Select, Stack, Textarea, TextInput } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { fieldErrorsFrom } from '../api/errors';
import { todayIsoDate } from '../projects/projectWork';
import { LiveError } from '../ui/ErrorAlert';
import { ProblemList } from '../sessions/ProblemList';
import { addTraining, trainingKinds, useDeliveryMutation, type TrainingBody, type TrainingKind } from './deliveryApi';

interface RecordTrainingModalProps {
  projectId: string;
  isPurchased: boolean;
  opened: boolean;
  onClose: () => void;
}

/** P6: records a training given: its kind, day, length, who attended and what was covered. */
export function RecordTrainingModal(props: RecordTrainingModalProps) {
  const { t } = useTranslation();
  return (
    <Modal opened={props.opened} onClose={props.onClose} title={t('delivery.training.form.title')} centered size="lg">
      {props.opened && <RecordTrainingForm {...props} />}
    </Modal>
  );
}

const fields = ['kind', 'date', 'durationMinutes', 'attendees', 'topics'] as const;
type Field = (typeof fields)[number];
type FieldErrors = Partial<Record<Field, string>>;

/** The attendees typed one per line or separated by commas. */
export function parseAttendees(text: string): string[] {
  return text
    .split(/[\n,;]/)
    .map((name) => name.trim())
    .filter((name) => name !== '');
}

function isTrainingKind(value: string): value is TrainingKind {
  return (trainingKinds as readonly string[]).includes(value);
}

function RecordTrainingForm({ projectId, isPurchased, onClose }: RecordTrainingModalProps) {
  const { t } = useTranslation();
  const [kind, setKind] = useState<TrainingKind>(isPurchased ? 'admin' : 'on-the-job');
  const [date, setDate] = useState(() => todayIsoDate());
  const [duration, setDuration] = useState<number | string>(60);
  const [attendees, setAttendees] = useState('');
  const [topics, setTopics] = useState('');
  const [errors, setErrors] = useState<FieldErrors>({});
  const [otherProblems, setOtherProblems] = useState<string[]>([]);
  const record = useDeliveryMutation(
    projectId,
    (body: TrainingBody) => addTraining(projectId, body),
    t('delivery.training.form.done'),
    { notifyError: false },
  );

  function clearError(field: Field) {
    setErrors((current) => ({ ...current, [field]: undefined }));
  }

  function check(): FieldErrors {
    const found: FieldErrors = {};
    if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) found.date = t('delivery.training.form.dateRequired');
    if (typeof duration !== 'number' || !Number.isInteger(duration) || duration < 5)
      found.durationMinutes = t('delivery.training.form.durationTooShort');
    else if (duration > 24 * 60) found.durationMinutes = t('delivery.training.form.durationTooLong');
    if (parseAttendees(attendees).length === 0) found.attendees = t('delivery.training.form.attendeesRequired');
    if (topics.trim() === '') found.topics = t('delivery.training.form.topicsRequired');
    return found;
  }

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const found = check();
    setErrors(found);
    setOtherProblems([]);
    if (Object.keys(found).length > 0 || typeof duration !== 'number') return;
    record.mutate(
      { kind, date, durationMinutes: duration, attendees: parseAttendees(attendees), topics: topics.trim() },
      {
        onSuccess: onClose,
        onError: (error) => {
          const { fieldErrors, otherProblems: rest } = fieldErrorsFrom(error, fields);
          setErrors(fieldErrors);
          setOtherProblems(rest);
        },
      },
    );
  }

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="sm">
        <Select
          label={t('delivery.training.form.kind')}
          data={trainingKinds.map((value) => ({ value, label: t(`delivery.training.kinds.${value}`) }))}
          value={kind}
          onChange={(value) => {
            if (value !== null && isTrainingKind(value)) setKind(value);
            clearError('kind');
          }}
          allowDeselect={false}
          description={isPurchased ? undefined : t('delivery.training.form.notPurchasedHint')}
          error={errors.kind}
          required
          data-autofocus
        />
        <Group grow align="flex-start">
          <TextInput
            type="date"
            label={t('delivery.training.form.date')}
            value={date}
            onChange={(event) => {
              setDate(event.currentTarget.value);
              clearError('date');
            }}
            error={errors.date}
            required
          />
          <NumberInput
            label={t('delivery.training.form.duration')}
            value={duration}
            onChange={(value) => {
              setDuration(value);
              clearError('durationMinutes');
            }}
            min={5}
            max={24 * 60}
            step={15}
            allowDecimal={false}
            error={errors.durationMinutes}
            required
          />
        </Group>
        <Textarea
          label={t('delivery.training.form.attendees')}
          description={t('delivery.training.form.attendeesHint')}
          autosize
          minRows={2}
          value={attendees}
          onChange={(event) => {
            setAttendees(event.currentTarget.value);
            clearError('attendees');
          }}
          error={errors.attendees}
          required
        />
        <Textarea
          label={t('delivery.training.form.topics')}
          autosize
          minRows={2}
          maxLength={4000}
          value={topics}
          onChange={(event) => {
            setTopics(event.currentTarget.value);
            clearError('topics');
          }}
          error={errors.topics}
          required
        />
        <LiveError preferServerReason error={record.error} />
        <ProblemList problems={otherProblems} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose} disabled={record.isPending}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={record.isPending}>
            {t('delivery.training.form.submit')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
