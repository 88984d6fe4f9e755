import { Badge, Button, Card, Group, Paper, Stack, Text, Textarea, Title } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { fieldErrorsFrom } from '../api/errors';
import { LiveError } from '../ui/ErrorAlert';
import { saveNotes, useDeliveryMutation, type Delivery, type NotesBody } from './deliveryApi';

interface NotesCardProps {
  projectId: string;
  notes: Delivery['notes'];
  canWork: boolean;
}

/** P7: the notes the activity report shows the customer, and the maintenance notes that stay with staff and support. */
export function NotesCard({ projectId, notes, canWork }: NotesCardProps) {
  const { t } = useTranslation();
  return (
    <Card withBorder padding="lg" component="section" aria-labelledby="notes-heading">
      <Stack gap="md">
        <Title order={2} size="h4" id="notes-heading">
          {t('delivery.notes.heading')}
        </Title>
        <NoteForm projectId={projectId} field="reportNotes" initial={notes.reportNotes} canWork={canWork} />
        <Paper p="md" radius="md" bg="orange.0" style={{ border: '1px solid var(--mantine-color-orange-4)' }}>
          <NoteForm projectId={projectId} field="maintenanceNotes" initial={notes.maintenanceNotes} canWork={canWork} />
        </Paper>
      </Stack>
    </Card>
  );
}

type NoteField = keyof NotesBody;

const limits: Record<NoteField, number> = { reportNotes: 20_000, maintenanceNotes: 50_000 };

function LockIcon() {
  return (
    <svg
      width="16"
      height="16"
      viewBox="0 0 24 24"
      fill="none"
      stroke="currentColor"
      strokeWidth="2"
      strokeLinecap="round"
      strokeLinejoin="round"
      aria-hidden="true"
      focusable="false"
    >
      <rect x="5" y="11" width="14" height="10" rx="2" />
      <path d="M8 11V7a4 4 0 0 1 8 0v4" />
    </svg>
  );
}

function NoteForm({
  projectId,
  field,
  initial,
  canWork,
}: {
  projectId: string;
  field: NoteField;
  initial: string;
  canWork: boolean;
}) {
  const { t } = useTranslation();
  const [text, setText] = useState(initial);
  const [error, setError] = useState<string | undefined>();
  const isInternal = field === 'maintenanceNotes';
  const save = useDeliveryMutation(
    projectId,
    (value: string) => saveNotes(projectId, { [field]: value }),
    t(isInternal ? 'delivery.notes.maintenanceSaved' : 'delivery.notes.reportSaved'),
    { notifyError: false },
  );

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setError(undefined);
    save.mutate(text, { onError: (failure) => setError(fieldErrorsFrom(failure, [field]).fieldErrors[field]) });
  }

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="xs">
        {isInternal && (
          <Group gap={6} c="orange.9">
            <LockIcon />
            <Badge color="orange" variant="filled" component="span">
              {t('delivery.notes.internalBadge')}
            </Badge>
          </Group>
        )}
        <Textarea
          label={t(isInternal ? 'delivery.notes.maintenance' : 'delivery.notes.report')}
          description={t(isInternal ? 'delivery.notes.maintenanceHint' : 'delivery.notes.reportHint')}
          autosize
          minRows={4}
          maxRows={16}
          maxLength={limits[field]}
          value={text}
          onChange={(event) => {
            setText(event.currentTarget.value);
            setError(undefined);
          }}
          readOnly={!canWork}
          error={error}
        />
        <LiveError preferServerReason error={save.error} />
        {canWork && (
          <Group justify="space-between">
            <Text size="xs" c="dimmed">
              {text === initial ? t('delivery.notes.unchanged') : t('delivery.notes.unsaved')}
            </Text>
            <Button
              type="submit"
              variant={isInternal ? 'outline' : 'filled'}
              color={isInternal ? 'orange' : undefined}
              loading={save.isPending}
              aria-label={t(isInternal ? 'delivery.notes.saveMaintenanceLabel' : 'delivery.notes.saveReportLabel')}
            >
              {t('delivery.notes.save')}
            </Button>
          </Group>
        )}
      </Stack>
    </form>
  );
}
