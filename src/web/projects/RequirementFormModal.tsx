import { Button, Group, Modal, NumberInput, Select, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api, call } from '../api/client';
import { formErrorsFrom } from '../api/errors';
import { queryKeys } from '../api/queries';
import {
  languages,
  requirementCategories,
  requirementOwners,
  type Language,
  type LocalizedText,
  type Requirement,
  type RequirementBody,
  type RequirementCategory,
  type RequirementOwner,
} from '../api/types';
import { languageOf } from '../lib/format';
import { useWorkMutation } from './projectWork';
import { LiveError } from '../ui/ErrorAlert';

const fields = ['category', 'title', 'description', 'owner', 'leadTimeDays'] as const;
const textFields = ['title', 'description'] as const;
type TextField = (typeof textFields)[number];
/** An error's place in the form: a field, or one language of a text (`title.it`), as the server's paths name them. */
type ErrorKey = Exclude<(typeof fields)[number], TextField> | TextField | `${TextField}.${Language}`;

interface Draft {
  category: RequirementCategory;
  title: Record<Language, string>;
  description: Record<Language, string>;
  owner: RequirementOwner;
  leadTimeDays: number | string;
}

type RequirementText = RequirementBody['title'];
/** The languages a requirement's text must have (English and Italian): the others are optional. */
type RequiredLanguage = {
  [L in keyof RequirementText]-?: Record<never, never> extends Pick<RequirementText, L> ? never : L;
}[keyof RequirementText];
/** Each language, `true` exactly where the API requires it, so the compiler asks for an update when either side changes. */
const requiredIn: { [L in Language]: L extends RequiredLanguage ? true : false } = { en: true, it: true, de: false };

/** A text's words in every language, empty where it has none. */
function textsOf(text: LocalizedText | undefined): Record<Language, string> {
  const words = languages.map((language) => [language, text?.[language] ?? ''] as const);
  return Object.fromEntries(words) as Record<Language, string>;
}

/**
 * A text as the API takes it: a required language left empty takes the words of the other one written (the API wants
 * both), an optional one (German) is left out, and its readers read the English.
 */
function bodyText(text: Record<Language, string>): RequirementText {
  const written = (language: Language) => text[language].trim();
  const stand =
    languages
      .filter((language) => requiredIn[language])
      .map(written)
      .find((words) => words !== '') ?? '';
  return Object.fromEntries(
    languages.flatMap((language) => {
      const words = written(language);
      if (words !== '') return [[language, words]];
      return requiredIn[language] ? [[language, stand]] : [];
    }),
  ) as RequirementText;
}

interface RequirementFormModalProps {
  projectId: string;
  /** The requirement to edit; null adds a new one. */
  requirement: Requirement | null;
  opened: boolean;
  onClose: () => void;
}

/** Adds a requirement of the engineer's own, or edits one, its text in English and Italian, and German if wished. */
export function RequirementFormModal({ projectId, requirement, opened, onClose }: RequirementFormModalProps) {
  const { t } = useTranslation();
  return (
    <Modal
      opened={opened}
      onClose={onClose}
      title={requirement ? t('requirements.form.editTitle') : t('requirements.form.addTitle')}
      centered
      size="lg"
    >
      {/* Mounted afresh at each opening, so the form starts from the requirement as it is now. */}
      {opened && <RequirementForm projectId={projectId} requirement={requirement} onClose={onClose} />}
    </Modal>
  );
}

function RequirementForm({ projectId, requirement, onClose }: Omit<RequirementFormModalProps, 'opened'>) {
  const { t, i18n } = useTranslation();
  // The reader's own language first: the one they most likely write in; then the others in the list's order.
  const own = languageOf(i18n.resolvedLanguage);
  const order: readonly Language[] = [own, ...languages.filter((language) => language !== own)];
  // A problem with a whole text (not one language) shows on its first required field.
  const firstRequired = order.find((language) => requiredIn[language]);
  const [draft, setDraft] = useState<Draft>(() => ({
    category: requirement?.category ?? 'other',
    title: textsOf(requirement?.title),
    description: textsOf(requirement?.description),
    owner: requirement?.owner ?? 'customer',
    leadTimeDays: requirement?.leadTimeDays ?? '',
  }));
  const [errors, setErrors] = useState<Partial<Record<ErrorKey, string>>>({});

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
  const serverErrors = formErrorsFrom(save.error, fields, textFields);
  const errorOf = (key: ErrorKey) => errors[key] ?? serverErrors.fieldErrors[key];
  const textErrorOf = (field: TextField, language: Language) =>
    errorOf(`${field}.${language}`) ?? (language === firstRequired ? errorOf(field) : undefined);
  // Problems with a field show on it; anything else (a refusal, a conflict) above the buttons.
  const showGeneralError = serverErrors.otherProblems.length > 0 || Object.keys(serverErrors.fieldErrors).length === 0;

  function update<K extends Exclude<keyof Draft, TextField>>(key: K, value: Draft[K]) {
    setDraft((current) => ({ ...current, [key]: value }));
    if (errors[key]) setErrors((current) => ({ ...current, [key]: undefined }));
  }

  function updateText(field: TextField, language: Language, value: string) {
    setDraft((current) => ({ ...current, [field]: { ...current[field], [language]: value } }));
    setErrors((current) => ({ ...current, [field]: undefined, [`${field}.${language}`]: undefined }));
  }

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const found: Partial<Record<ErrorKey, string>> = {};
    const title = bodyText(draft.title);
    const description = bodyText(draft.description);
    if (!title.en) found.title = t('requirements.form.titleRequired');
    if (!description.en) found.description = t('requirements.form.descriptionRequired');
    const days = draft.leadTimeDays === '' ? null : Number(draft.leadTimeDays);
    if (days !== null && (!Number.isInteger(days) || days < 1 || days > 365))
      found.leadTimeDays = t('requirements.form.leadTimeInvalid');
    setErrors(found);
    if (Object.keys(found).length > 0) return;
    save.mutate(
      { category: draft.category, title, description, owner: draft.owner, leadTimeDays: days },
      { onSuccess: onClose },
    );
  }

  return (
    <form onSubmit={submit} noValidate>
      <Stack>
        <Select
          label={t('requirements.form.category')}
          data={requirementCategories.map((category) => ({
            value: category,
            label: t(`requirements.category.${category}`),
          }))}
          value={draft.category}
          onChange={(value) => value && update('category', value)}
          allowDeselect={false}
          error={errorOf('category')}
          required
        />
        <Text size="sm" c="dimmed">
          {t('requirements.form.languagesHint')}
        </Text>
        {order.map((language, index) => (
          <TextInput
            key={language}
            label={t(`requirements.form.titleIn.${language}`)}
            lang={language}
            value={draft.title[language]}
            onChange={(event) => updateText('title', language, event.currentTarget.value)}
            error={textErrorOf('title', language)}
            maxLength={300}
            data-autofocus={index === 0 ? true : undefined}
          />
        ))}
        {order.map((language) => (
          <Textarea
            key={language}
            label={t(`requirements.form.descriptionIn.${language}`)}
            lang={language}
            value={draft.description[language]}
            onChange={(event) => updateText('description', language, event.currentTarget.value)}
            error={textErrorOf('description', language)}
            maxLength={5000}
            autosize
            minRows={3}
          />
        ))}
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
