import {
  Alert,
  Anchor,
  Input,
  Loader,
  MultiSelect,
  SegmentedControl,
  Select,
  Stack,
  Text,
  Textarea,
  TextInput,
} from '@mantine/core';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { ProjectDetail } from '../api/types';
import { useLocalized } from '../lib/format';
import { LiveError } from '../ui/ErrorAlert';
import { useProjectContacts } from '../projects/EmailComposer';
import type { DraftErrors, SessionDraft, SessionFormPurpose } from './sessionDraft';
import { sessionModes } from './sessionsApi';

interface SessionFieldsProps {
  project: ProjectDetail;
  draft: SessionDraft;
  errors: DraftErrors;
  onChange: (change: Partial<SessionDraft>) => void;
  purpose?: SessionFormPurpose;
}

/** The step, title, place, attendees and description of a session, shared by the proposal and booking forms and the form recording a past session. */
export function SessionFields({ project, draft, errors, onChange, purpose = 'invite' }: SessionFieldsProps) {
  const { t } = useTranslation();
  const localize = useLocalized();
  const contacts = useProjectContacts(project);
  const modeLabelId = useId();
  const isRecord = purpose === 'record';

  const stepData = project.process.timeline.map((step) => ({
    value: step.key,
    label: `${step.code} · ${localize(step.title)}`,
  }));
  const sides = ['customer', 'partner'] as const;
  const contactData = sides
    .map((side) => ({
      group: contacts.contacts.find((contact) => contact.side === side)?.organisationName ?? t(`party.${side}`),
      items: contacts.contacts
        .filter((contact) => contact.side === side)
        .map((contact) => ({ value: contact.id, label: `${contact.name} <${contact.email}>` })),
    }))
    .filter((group) => group.items.length > 0);

  return (
    <Stack gap="sm">
      <Select
        label={t('sessions.form.step')}
        data={stepData}
        value={draft.stepKey}
        onChange={(value) => onChange({ stepKey: value })}
        allowDeselect={false}
        searchable
        nothingFoundMessage={t('common.nothingFound')}
        error={errors.stepKey}
        required
      />
      <TextInput
        label={t('sessions.form.title')}
        description={t('sessions.form.titleHint')}
        placeholder={t('sessions.form.titlePlaceholder', {
          reference: project.reference,
          customer: project.customer.name,
        })}
        value={draft.title}
        maxLength={200}
        onChange={(event) => onChange({ title: event.currentTarget.value })}
        error={errors.title}
      />
      <Input.Wrapper label={t('sessions.form.mode')} labelElement="div" id={modeLabelId} error={errors.mode}>
        <div>
          <SegmentedControl
            aria-labelledby={`${modeLabelId}-label`}
            data={sessionModes.map((mode) => ({ value: mode, label: t(`sessions.mode.${mode}`) }))}
            value={draft.mode}
            onChange={(value) => onChange({ mode: value === 'on-site' ? 'on-site' : 'remote' })}
          />
        </div>
      </Input.Wrapper>
      <TextInput
        label={draft.mode === 'remote' ? t('sessions.form.meetingLink') : t('sessions.form.address')}
        description={isRecord ? t('sessions.past.locationHint') : undefined}
        placeholder={draft.mode === 'remote' ? 'https://…' : undefined}
        value={draft.location}
        maxLength={500}
        onChange={(event) => onChange({ location: event.currentTarget.value })}
        error={errors.location}
        required={!isRecord}
      />
      {contacts.isPending ? (
        <Loader size="sm" aria-label={t('common.loading')} />
      ) : contacts.error ? (
        <LiveError error={contacts.error} />
      ) : contacts.contacts.length === 0 ? (
        <Alert color="yellow" title={t('sessions.form.noContactsTitle')}>
          <Stack gap={4}>
            <Text size="sm">{isRecord ? t('sessions.past.noContactsBody') : t('sessions.form.noContactsBody')}</Text>
            <Anchor component={Link} to={`/organisations/${project.customer.id}`} size="sm">
              {project.customer.name}
            </Anchor>
          </Stack>
        </Alert>
      ) : (
        <MultiSelect
          label={t('sessions.form.attendees')}
          description={isRecord ? t('sessions.past.attendeesHint') : t('sessions.form.attendeesHint')}
          placeholder={draft.attendeeContactIds.length === 0 ? t('sessions.form.attendeesPlaceholder') : undefined}
          data={contactData}
          value={draft.attendeeContactIds}
          onChange={(value) => onChange({ attendeeContactIds: value })}
          searchable
          nothingFoundMessage={t('common.nothingFound')}
          error={errors.attendeeContactIds}
          required
        />
      )}
      {!isRecord && (
        <Textarea
          label={t('sessions.form.description')}
          autosize
          minRows={2}
          maxLength={4000}
          value={draft.description}
          onChange={(event) => onChange({ description: event.currentTarget.value })}
          error={errors.description}
        />
      )}
    </Stack>
  );
}
