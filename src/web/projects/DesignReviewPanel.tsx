import {
  Alert,
  Badge,
  Button,
  Card,
  Checkbox,
  Group,
  List,
  Paper,
  Select,
  Stack,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api, call } from '../api/client';
import { fieldErrorsFrom } from '../api/errors';
import { queryKeys } from '../api/queries';
import { designNoteKinds, type DesignNote, type DesignNoteKind, type StaffRequirements } from '../api/types';
import { DateTime } from '../lib/DateTime';
import { formatCalendarDate } from '../lib/format';
import { todayIsoDate, useWorkMutation } from './projectWork';
import { ConfirmDialog } from '../ui/ConfirmDialog';
import { LiveError } from '../ui/ErrorAlert';

const kindColors: Record<DesignNoteKind, string> = {
  constraint: 'red',
  limitation: 'orange',
  'further-requirement': 'indigo',
};

interface PanelProps {
  projectId: string;
  data: StaffRequirements;
  canWork: boolean;
}

/** E5's review: the design marked reviewed, the constraints, limitations and further requirements, and the confirmation. */
export function DesignReviewPanel({ projectId, data, canWork }: PanelProps) {
  const { t } = useTranslation();
  return (
    <Card withBorder padding="lg" component="section" aria-labelledby="design-review-heading">
      <Stack gap="lg">
        <Title order={2} size="h4" id="design-review-heading">
          {t('designReview.title')}
        </Title>
        <ReviewState projectId={projectId} data={data} canWork={canWork} />
        <DesignNotes projectId={projectId} data={data} canWork={canWork} />
        <Confirmation projectId={projectId} data={data} canWork={canWork} />
      </Stack>
    </Card>
  );
}

function ReviewState({ projectId, data, canWork }: PanelProps) {
  const { t } = useTranslation();
  const review = useWorkMutation(
    projectId,
    () => call(api.POST('/api/projects/{id}/design-review', { params: { path: { id: projectId } } })),
    {
      successMessage: t('designReview.reviewed'),
      invalidate: [queryKeys.requirements(projectId)],
    },
  );
  if (data.isDesignReviewed) {
    return (
      <Group gap="xs">
        <Badge color="green" variant="light">
          {t('designReview.isReviewed')}
        </Badge>
        {data.designReviewedAt && (
          <Text size="sm" c="dimmed">
            <DateTime iso={data.designReviewedAt} />
          </Text>
        )}
      </Group>
    );
  }
  return (
    <Stack gap="xs">
      <Text size="sm">{t('designReview.reviewHint')}</Text>
      {canWork && (
        <Button
          variant="light"
          onClick={() => review.mutate(undefined)}
          loading={review.isPending}
          style={{ alignSelf: 'flex-start' }}
        >
          {t('designReview.markReviewed')}
        </Button>
      )}
    </Stack>
  );
}

function NoteItem({ projectId, note, canWork }: { projectId: string; note: DesignNote; canWork: boolean }) {
  const { t, i18n } = useTranslation();
  const [isConfirming, setConfirming] = useState(false);
  const remove = useWorkMutation(
    projectId,
    () =>
      call(
        api.DELETE('/api/projects/{id}/design-notes/{noteId}', {
          params: { path: { id: projectId, noteId: note.id } },
        }),
      ),
    { successMessage: t('designNotes.removed'), invalidate: [queryKeys.requirements(projectId)], notifyError: false },
  );
  const textId = `note-${note.id}`;
  return (
    <Paper withBorder p="sm" component="li">
      <Stack gap={4}>
        <Group gap="xs" justify="space-between">
          <Badge color={kindColors[note.kind]} variant="light">
            {t(`designNotes.kind.${note.kind}`)}
          </Badge>
          <Text size="xs" c="dimmed">
            {note.meeting
              ? t('designNotes.notedOnAt', {
                  date: formatCalendarDate(note.notedOn, i18n.language),
                  meeting: note.meeting,
                })
              : t('designNotes.notedOn', { date: formatCalendarDate(note.notedOn, i18n.language) })}
            {note.createdBy ? ` · ${note.createdBy}` : ''}
          </Text>
        </Group>
        <Text size="sm" id={textId} style={{ whiteSpace: 'pre-wrap' }}>
          {note.text}
        </Text>
        {canWork && (
          <Button
            size="compact-xs"
            variant="subtle"
            color="red"
            onClick={() => {
              remove.reset();
              setConfirming(true);
            }}
            aria-haspopup="dialog"
            aria-describedby={textId}
            style={{ alignSelf: 'flex-end' }}
          >
            {t('designNotes.remove')}
          </Button>
        )}
      </Stack>
      <ConfirmDialog
        preferServerReason
        opened={isConfirming}
        title={t('designNotes.removeTitle')}
        message={t('designNotes.removeMessage', {
          text: note.text.length > 120 ? `${note.text.slice(0, 120)}…` : note.text,
        })}
        confirmLabel={t('designNotes.removeConfirm')}
        confirmColor="red"
        isPending={remove.isPending}
        error={remove.error}
        onConfirm={() => remove.mutate(undefined, { onSuccess: () => setConfirming(false) })}
        onClose={() => setConfirming(false)}
      />
    </Paper>
  );
}

const noteFields = ['kind', 'text', 'notedOn', 'meeting'] as const;
type NoteField = (typeof noteFields)[number];

function DesignNotes({ projectId, data, canWork }: PanelProps) {
  const { t } = useTranslation();
  const [kind, setKind] = useState<DesignNoteKind>('constraint');
  const [text, setText] = useState('');
  const [notedOn, setNotedOn] = useState(todayIsoDate);
  const [meeting, setMeeting] = useState('');
  const [errors, setErrors] = useState<Partial<Record<NoteField, string>>>({});
  const add = useWorkMutation(
    projectId,
    (body: { kind: DesignNoteKind; text: string; notedOn: string; meeting: string | null }) =>
      call(api.POST('/api/projects/{id}/design-notes', { params: { path: { id: projectId } }, body })),
    { successMessage: t('designNotes.added'), invalidate: [queryKeys.requirements(projectId)], notifyError: false },
  );
  const server = fieldErrorsFrom(add.error, noteFields);
  const errorOf = (field: NoteField) => errors[field] ?? server.fieldErrors[field];

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const found: Partial<Record<NoteField, string>> = {};
    if (!text.trim()) found.text = t('designNotes.textRequired');
    if (!/^\d{4}-\d{2}-\d{2}$/.test(notedOn)) found.notedOn = t('designNotes.dateInvalid');
    setErrors(found);
    if (Object.keys(found).length > 0) return;
    add.mutate(
      { kind, text: text.trim(), notedOn, meeting: meeting.trim() || null },
      {
        onSuccess: () => {
          setText('');
          setMeeting('');
        },
      },
    );
  }

  return (
    <Stack gap="sm" component="section" aria-labelledby="design-notes-heading">
      <Title order={3} size="h5" id="design-notes-heading">
        {t('designNotes.title')}
      </Title>
      {data.notes.length === 0 ? (
        <Text size="sm" c="dimmed">
          {data.hasNoConstraints ? t('designNotes.noneRecorded') : t('designNotes.empty')}
        </Text>
      ) : (
        <Stack gap="xs" component="ul" p={0} m={0} style={{ listStyle: 'none' }}>
          {data.notes.map((note) => (
            <NoteItem key={note.id} projectId={projectId} note={note} canWork={canWork} />
          ))}
        </Stack>
      )}
      {canWork && (
        <form onSubmit={submit} noValidate aria-labelledby="design-notes-heading">
          <Stack gap="xs">
            <Group grow align="flex-start">
              <Select
                label={t('designNotes.kindLabel')}
                data={designNoteKinds.map((value) => ({ value, label: t(`designNotes.kind.${value}`) }))}
                value={kind}
                onChange={(value) => value && setKind(value)}
                allowDeselect={false}
                error={errorOf('kind')}
              />
              <TextInput
                type="date"
                label={t('designNotes.notedOnLabel')}
                value={notedOn}
                onChange={(event) => {
                  setNotedOn(event.currentTarget.value);
                  if (errors.notedOn) setErrors((current) => ({ ...current, notedOn: undefined }));
                }}
                error={errorOf('notedOn')}
                required
              />
            </Group>
            <Textarea
              label={t('designNotes.text')}
              autosize
              minRows={2}
              maxLength={5000}
              value={text}
              onChange={(event) => {
                setText(event.currentTarget.value);
                if (errors.text) setErrors((current) => ({ ...current, text: undefined }));
              }}
              error={errorOf('text')}
              required
            />
            <TextInput
              label={t('designNotes.meeting')}
              description={t('designNotes.meetingHint')}
              value={meeting}
              maxLength={300}
              onChange={(event) => setMeeting(event.currentTarget.value)}
              error={errorOf('meeting')}
            />
            {server.otherProblems.length > 0 || Object.keys(server.fieldErrors).length === 0 ? (
              <LiveError preferServerReason error={add.error} />
            ) : null}
            <Button type="submit" variant="light" loading={add.isPending} style={{ alignSelf: 'flex-start' }}>
              {t('designNotes.add')}
            </Button>
          </Stack>
        </form>
      )}
    </Stack>
  );
}

function Confirmation({ projectId, data, canWork }: PanelProps) {
  const { t } = useTranslation();
  const [noConstraints, setNoConstraints] = useState(data.hasNoConstraints);
  const [checkError, setCheckError] = useState<string | null>(null);
  const confirm = useWorkMutation(
    projectId,
    (body: { noConstraints: boolean }) =>
      call(api.POST('/api/projects/{id}/requirements/confirm', { params: { path: { id: projectId } }, body })),
    { successMessage: t('confirmList.done'), invalidate: [queryKeys.requirements(projectId)], notifyError: false },
  );

  if (data.isConfirmed) {
    return (
      <Alert color="green" variant="light" title={t('confirmList.confirmedTitle')}>
        {data.confirmedAt ? (
          <>
            {t('confirmList.confirmedOn')} <DateTime iso={data.confirmedAt} />
          </>
        ) : (
          t('confirmList.confirmedTitle')
        )}
      </Alert>
    );
  }

  const needsNoConstraints = data.notes.length === 0;
  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (needsNoConstraints && !noConstraints) {
      setCheckError(t('confirmList.noConstraintsRequired'));
      return;
    }
    confirm.mutate({ noConstraints: needsNoConstraints && noConstraints });
  }

  return (
    <Stack gap="sm" component="section" aria-labelledby="confirm-list-heading">
      <Title order={3} size="h5" id="confirm-list-heading">
        {t('confirmList.title')}
      </Title>
      <Text size="sm">{t('confirmList.explanation')}</Text>
      {data.confirmBlockers.length > 0 && (
        <Alert color="yellow" variant="light" title={t('confirmList.blockersTitle')}>
          <List size="sm" spacing={2}>
            {data.confirmBlockers.map((blocker) => (
              <List.Item key={blocker}>{blocker}</List.Item>
            ))}
          </List>
        </Alert>
      )}
      {canWork ? (
        <form onSubmit={submit} noValidate>
          <Stack gap="sm">
            {needsNoConstraints && (
              <Checkbox
                label={t('confirmList.noConstraints')}
                checked={noConstraints}
                onChange={(event) => {
                  setNoConstraints(event.currentTarget.checked);
                  setCheckError(null);
                }}
                error={checkError}
              />
            )}
            <LiveError preferServerReason error={confirm.error} />
            <Button type="submit" loading={confirm.isPending} style={{ alignSelf: 'flex-start' }}>
              {t('confirmList.confirm')}
            </Button>
          </Stack>
        </form>
      ) : (
        <Text size="sm" c="dimmed">
          {t('requirements.onlyAssigned')}
        </Text>
      )}
    </Stack>
  );
}
