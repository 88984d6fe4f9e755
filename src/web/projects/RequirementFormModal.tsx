import { Button, Group, Modal, NumberInput, Select, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api, call } from '../api/client';
import { fieldErrorsFrom } from '../api/errors';
import { queryKeys } from '../api/queries';
import { requirementCategories, requirementOwners, type Requirement, type RequirementBody, type RequirementCategory, type RequirementOwner } from '../api/types';
import { useLocalized } from '../lib/format';
import { useWorkMutation } from './projectWork';
import { LiveError } from '../ui/ErrorAlert';

const fields = ['category', 'title', 'description', 'owner', 'leadTimeDays'] as const;
type Field = (typeof fields)[number];

interface Draft {
  category: RequirementCategory;
  title: string;
  description: string;
  owner: RequirementOwner;
  leadTimeDays: number | string;
}

interface RequirementFormModalProps {
  projectId: string;
  /** The requirement to edit; null adds a new one. */
  requirement: Requirement | null;
  opened: boolean;
  onClose: () => void;
}

/** Adds a requirement of the engineer's own, or edits one (the text is stored for both languages). */
export function RequirementFormModal({ projectId, requirement, opened, onClose }: RequirementFormModalProps) {
  const { t } = useTranslation();
  return (
    <Modal opened={opened} onClose={onClose} title={requirement ? t('requirements.form.editTitle') : t('requirements.form.addTitle')} centered size="lg">
      {/* Mounted afresh at each opening, so the form starts from the requirement as it is now. */}
      {opened && <RequirementForm projectId={projectId} requirement={requirement} onClose={onClose} />}
    </Modal>
  );
}

function RequirementForm({ projectId, requirement, onClose }: Omit<RequirementFormModalProps, 'opened'>) {
  const { t } = useTranslation();
  const localize = useLocalized();
  const [draft, setDraft] = useState<Draft>(() => ({
    category: requirement?.category ?? 'other',
    title: requirement ? localize(requirement.title) : '',
    description: requirement ? localize(requirement.description) : '',
    owner: requirement?.owner ?? 'customer',
    leadTimeDays: requirement?.leadTimeDays ?? '',
  }));
  const [errors, setErrors] = useState<Partial<Record<Field, string>>>({});

  const save = useWorkMutation(
    projectId,
    (body: RequirementBody) =>
      requirement
        ? call(
            api.PATCH('/api/projects/{id}/requirements/{requirementId}', {
              params: { path: { id: projectId, requirementId: requirement.id } },
              body,
            }),
          )
        : call(api.POST('/api/projects/{id}/requirements', { params: { path: { id: projectId } }, body })),
    {
      successMessage: requirement ? t('requirements.form.saved') : t('requirements.form.added'),
      invalidate: [queryKeys.requirements(projectId)],
      notifyError: false,
    },
  );
  const serverErrors = fieldErrorsFrom(save.error, fields);
  const errorOf = (field: Field) => errors[field] ?? serverErrors.fieldErrors[field];
  // Problems with a field show on it; anything else (a refusal, a conflict) above the buttons.
  const showGeneralError = serverErrors.otherProblems.length > 0 || Object.keys(serverErrors.fieldErrors).length === 0;

  function update<K extends keyof Draft>(key: K, value: Draft[K]) {
    setDraft((current) => ({ ...current, [key]: value }));
    if (errors[key]) setErrors((current) => ({ ...current, [key]: undefined }));
  }

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const found: Partial<Record<Field, string>> = {};
    if (!draft.title.trim()) found.title = t('requirements.form.titleRequired');
    if (!draft.description.trim()) found.description = t('requirements.form.descriptionRequired');
    const days = draft.leadTimeDays === '' ? null : Number(draft.leadTimeDays);
    if (days !== null && (!Number.isInteger(days) || days < 1 || days > 365)) found.leadTimeDays = t('requirements.form.leadTimeInvalid');
    setErrors(found);
    if (Object.keys(found).length > 0) return;
    save.mutate(
      { category: draft.category, title: draft.title.trim(), description: draft.description.trim(), owner: draft.owner, leadTimeDays: days },
      { onSuccess: onClose },
    );
  }

  return (
    <form onSubmit={submit} noValidate>
      <Stack>
        <Select
          label={t('requirements.form.category')}
          data={requirementCategories.map((category) => ({ value: category, label: t(`requirements.category.${category}`) }))}
          value={draft.category}
          onChange={(value) => value && update('category', value)}
          allowDeselect={false}
          error={errorOf('category')}
          required
        />
        <TextInput
          label={t('requirements.form.title')}
          value={draft.title}
          onChange={(event) => update('title', event.currentTarget.value)}
          error={errorOf('title')}
          maxLength={300}
          required
          data-autofocus
        />
        <Textarea
          label={t('requirements.form.description')}
          value={draft.description}
          onChange={(event) => update('description', event.currentTarget.value)}
          error={errorOf('description')}
          autosize
          minRows={3}
          required
        />
        {requirement && requirement.title.en !== requirement.title.it && (
          <Text size="xs" c="dimmed">
            {t('requirements.form.bothLanguages')}
          </Text>
        )}
        <Group grow align="flex-start">
          <Select
            label={t('requirements.form.owner')}
            description={t('requirements.form.ownerHint')}
            data={requirementOwners.map((owner) => ({ value: owner, label: t(`party.${owner}`) }))}
            value={draft.owner}
            onChange={(value) => value && update('owner', value)}
            allowDeselect={false}
            error={errorOf('owner')}
            required
          />
          <NumberInput
            label={t('requirements.form.leadTime')}
            description={t('requirements.form.leadTimeHint')}
            value={draft.leadTimeDays}
            onChange={(value) => update('leadTimeDays', value)}
            min={1}
            max={365}
            allowDecimal={false}
            allowNegative={false}
            error={errorOf('leadTimeDays')}
          />
        </Group>
        <LiveError preferServerReason error={showGeneralError ? save.error : null} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose} disabled={save.isPending}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={save.isPending}>
            {t('requirements.form.save')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
