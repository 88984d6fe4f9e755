import { Alert, Anchor, Badge, Box, Button, Group, List, Modal, Paper, Stack, Text, Title } from '@mantine/core';
import { useMemo, useRef, useState, type FocusEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { isAnswered } from '../../domain/content/questionnaire-answers';
import { ApiError, errorMessage, type FieldProblem } from '../api/errors';
import { DateTime } from '../lib/DateTime';
import { AnswerValue } from './AnswerValue';
import { AttachmentList } from './AttachmentList';
import { AttachmentUpload } from './AttachmentUpload';
import { QuestionInput } from './QuestionInput';
import {
  fieldBlockId,
  fieldInputId,
  fieldKeyOf,
  offeredField,
  pick,
  relativeTime,
  shownForm,
} from './questionnaireLogic';
import type {
  Answer,
  ContentLanguage,
  QuestionnaireDetail,
  QuestionnaireField,
  SavedAnswers,
  UploadProgress,
} from './types';
import { useAnswerDrafts, type SaveState } from './useAnswerDrafts';
import { useNow } from './useNow';

export type { QuestionnaireDetail, SavedAnswers, UploadProgress } from './types';

export interface QuestionnaireFormProps {
  /** The questionnaire as GET …/questionnaires/:applicationKey returns it (portal or staff). */
  detail: QuestionnaireDetail;
  /** The language of the questions and options (the contact's language). */
  language: ContentLanguage;
  /** True when the viewer may only read (no saving, uploading, submitting or reopening). */
  readOnly: boolean;
  /** PATCH …/answers with only the changed fields ({ key: value }, null clears); resolves with every answer. */
  onSaveAnswers: (answers: Record<string, unknown>) => Promise<SavedAnswers>;
  /** POST …/files?name=…; may report progress (0–1). Rejects with an ApiError to show the server's reason. */
  onUpload: (file: File, onProgress?: UploadProgress) => Promise<void>;
  /** DELETE …/files/:fileId (the form asks for confirmation first). */
  onRemoveFile: (fileId: string) => Promise<void>;
  /** Where an attachment downloads from. */
  fileHref: (fileId: string) => string;
  /** POST …/submit; rejects with the server's validation_failed ApiError when answers are missing. */
  onSubmit: () => Promise<void>;
  /** POST …/reopen (the form asks for confirmation first). */
  onReopen: () => Promise<void>;
  /** Missing answers to mark when the form opens ([{ path: 'answers.<key>', message }]), e.g. from a refused submission. */
  missing?: readonly FieldProblem[];
  /** The heading level of section titles; the page's own title is one above. */
  headingLevel?: 2 | 3 | 4;
  /** Shown before reopening; the portal's "Your engineer will review the changes" unless given. */
  reopenNotice?: string;
}

interface MissingAnswer {
  key: string;
  message: string;
}

function toMissing(problems: readonly FieldProblem[]): MissingAnswer[] {
  return problems.flatMap((problem) => {
    const key = fieldKeyOf(problem.path);
    return key === undefined ? [] : [{ key, message: problem.message }];
  });
}

function focusField(key: string) {
  const block = document.getElementById(fieldBlockId(key));
  if (!block) return;
  block.scrollIntoView({ behavior: 'smooth', block: 'center' });
  const target =
    document.getElementById(fieldInputId(key)) ?? block.querySelector<HTMLElement>('input, textarea, select, button');
  target?.focus({ preventScroll: true });
}

function AnswerMeta({ answer, now, language }: { answer: Answer | undefined; now: number; language: string }) {
  const { t } = useTranslation();
  if (!answer || !isAnswered(answer.value)) return null;
  return (
    <Group gap="xs" mt={4}>
      <Text size="xs" c="dimmed">
        <time dateTime={answer.at}>
          {t('portal.questionnaire.answeredBy', {
            name: answer.by.name,
            when: relativeTime(answer.at, now, language, t('portal.questionnaire.justNow')),
          })}
        </time>
      </Text>
      {answer.withEngineer && (
        <Badge size="xs" variant="light" color="grape">
          {t('portal.questionnaire.withEngineer')}
        </Badge>
      )}
    </Group>
  );
}

function SaveStatus({ saveState, onRetry }: { saveState: SaveState; onRetry: () => void }) {
  const { t } = useTranslation();
  return (
    <Box role="status" aria-live="polite" style={{ minHeight: 24 }}>
      {saveState.state === 'saving' && <Text size="sm">{t('portal.questionnaire.saving')}</Text>}
      {saveState.state === 'saved' && (
        <Text size="sm" c="green.8">
          {t('portal.questionnaire.saved')}
        </Text>
      )}
      {saveState.state === 'error' && (
        <Group gap="xs">
          <Text size="sm" c="red.8">
            {t('portal.questionnaire.saveFailed', {
              reason: errorMessage(saveState.error, t('portal.questionnaire.network')),
            })}
          </Text>
          <Button size="compact-sm" variant="light" color="red" onClick={onRetry}>
            {t('portal.questionnaire.retrySave')}
          </Button>
        </Group>
      )}
    </Box>
  );
}

/**
 * A design questionnaire, shared by the customer portal and the staff screens: every change is saved on its own,
 * each answer says who gave it and when, attachments go with it, and submitting lists any required answer missing.
 */
export function QuestionnaireForm({
  detail,
  language,
  readOnly,
  onSaveAnswers,
  onUpload,
  onRemoveFile,
  fileHref,
  onSubmit,
  onReopen,
  missing: initialMissing,
  headingLevel = 2,
  reopenNotice,
}: QuestionnaireFormProps) {
  const { t, i18n } = useTranslation();
  const now = useNow();
  const drafts = useAnswerDrafts(detail.answers, onSaveAnswers);
  const { values, serverAnswers } = drafts;
  const [missing, setMissing] = useState<MissingAnswer[]>(() => toMissing(initialMissing ?? []));
  const [submitProblem, setSubmitProblem] = useState<string | null>(null);
  const [isSubmitting, setIsSubmitting] = useState(false);
  const [isConfirmingReopen, setIsConfirmingReopen] = useState(false);
  const [isReopening, setIsReopening] = useState(false);
  const [reopenProblem, setReopenProblem] = useState<string | null>(null);
  const missingSummary = useRef<HTMLDivElement>(null);

  const isSubmitted = detail.status === 'submitted';
  const isEditable = !readOnly && !isSubmitted;
  const definition = detail.questionnaire;
  const projectAnswers = detail.projectAnswers;
  const shown = useMemo(() => shownForm(definition, values, projectAnswers), [definition, values, projectAnswers]);
  const visible = shown.keys;
  const fields = useMemo(() => definition.sections.flatMap((section) => section.fields), [definition]);
  const shownFields = fields.filter((field) => visible.has(field.key));
  const answeredCount = shownFields.filter((field) => isAnswered(values[field.key])).length;

  // A missing answer stops being listed once it is given (a table stays until the next submission checks its rows).
  const fieldsByKey = useMemo(() => new Map(fields.map((field) => [field.key, field])), [fields]);
  const stillMissing = missing.filter((item) => {
    const field = fieldsByKey.get(item.key);
    if (!field || !visible.has(item.key)) return false;
    return field.type === 'table' || !isAnswered(values[item.key]);
  });
  const missingByKey = new Map(stillMissing.map((item) => [item.key, item.message]));

  async function submit() {
    setSubmitProblem(null);
    setIsSubmitting(true);
    try {
      const isSaved = await drafts.flush();
      if (!isSaved) {
        setSubmitProblem(t('portal.questionnaire.saveBeforeSubmit'));
        return;
      }
      await onSubmit();
      setMissing([]);
    } catch (error) {
      if (error instanceof ApiError && error.code === 'validation_failed' && toMissing(error.details).length > 0) {
        setMissing(toMissing(error.details));
        window.setTimeout(() => missingSummary.current?.focus(), 0);
      } else {
        setSubmitProblem(errorMessage(error, t('portal.questionnaire.submitFailed')));
      }
    } finally {
      setIsSubmitting(false);
    }
  }

  async function reopen() {
    setReopenProblem(null);
    setIsReopening(true);
    try {
      await onReopen();
      setIsConfirmingReopen(false);
    } catch (error) {
      setReopenProblem(errorMessage(error, t('portal.questionnaire.reopenFailed')));
    } finally {
      setIsReopening(false);
    }
  }

  function blockFocusHandlers(key: string) {
    return {
      onFocus: () => drafts.enterField(key),
      onBlur: (event: FocusEvent<HTMLDivElement>) => {
        if (event.relatedTarget instanceof Node && event.currentTarget.contains(event.relatedTarget)) return;
        drafts.leaveField(key);
      },
    };
  }

  function renderField(field: QuestionnaireField) {
    const value = values[field.key];
    const answer = serverAnswers[field.key];
    // The summary names each missing question; under the question itself, a table says which row and column lack a value.
    const missingMessage = !missingByKey.has(field.key)
      ? undefined
      : field.type === 'table'
        ? (missingByKey.get(field.key) ?? t('portal.questionnaire.required'))
        : t('portal.questionnaire.required');
    const error = drafts.rejected[field.key] ?? missingMessage;
    if (!isEditable) {
      return (
        <Box key={field.key} id={fieldBlockId(field.key)}>
          <Text fw={600} size="sm">
            {pick(field.label, language)}
          </Text>
          <AnswerValue field={field} value={value} language={language} />
          <AnswerMeta answer={answer} now={now} language={i18n.language} />
        </Box>
      );
    }
    return (
      <Box key={field.key} id={fieldBlockId(field.key)} {...blockFocusHandlers(field.key)}>
        <QuestionInput
          field={offeredField(field, shown.offeredOptions.get(field.key))}
          value={value}
          language={language}
          error={error}
          onChange={(next) => drafts.change(field.key, next)}
          onInvalid={(next, message) => drafts.holdInvalid(field.key, next, message)}
        />
        <AnswerMeta answer={answer} now={now} language={i18n.language} />
      </Box>
    );
  }

  return (
    <Stack gap="lg">
      {pick(definition.intro, language) && (
        <Text style={{ whiteSpace: 'pre-line' }}>{pick(definition.intro, language)}</Text>
      )}

      {isSubmitted && (
        <Alert color="green" title={t('portal.questionnaire.submittedTitle')}>
          <Stack gap="xs" align="flex-start">
            <Text size="sm">
              {detail.submittedAt ? (
                <>
                  {t('portal.questionnaire.submittedOn')} <DateTime iso={detail.submittedAt} />
                  {detail.submittedBy ? ` ${t('portal.questionnaire.submittedBy', { name: detail.submittedBy })}` : ''}
                </>
              ) : (
                t('portal.questionnaire.submittedTitle')
              )}
            </Text>
            {!readOnly && (
              <Button
                variant="default"
                onClick={() => {
                  setReopenProblem(null);
                  setIsConfirmingReopen(true);
                }}
              >
                {t('portal.questionnaire.changeAnswers')}
              </Button>
            )}
          </Stack>
        </Alert>
      )}

      {!isSubmitted && (
        <Text size="sm" c="dimmed">
          {t('portal.questionnaire.progress', { answered: answeredCount, count: shownFields.length })}
          {isEditable ? ` ${t('portal.questionnaire.autosaveNote')}` : ''}
        </Text>
      )}

      {stillMissing.length > 0 && isEditable && (
        <Alert
          ref={missingSummary}
          tabIndex={-1}
          color="red"
          role="alert"
          title={t('portal.questionnaire.missing', { count: stillMissing.length })}
        >
          <List size="sm" spacing={4}>
            {stillMissing.map((item) => (
              <List.Item key={item.key}>
                <Anchor
                  href={`#${fieldBlockId(item.key)}`}
                  size="sm"
                  onClick={(event) => {
                    event.preventDefault();
                    focusField(item.key);
                  }}
                >
                  {item.message}
                </Anchor>
              </List.Item>
            ))}
          </List>
        </Alert>
      )}

      {definition.sections.map((section) => {
        const sectionFields = section.fields.filter((field) => visible.has(field.key));
        if (sectionFields.length === 0) return null;
        return (
          <Paper
            key={section.key}
            withBorder
            p={{ base: 'sm', sm: 'lg' }}
            radius="md"
            component="section"
            aria-labelledby={`section-${section.key}`}
          >
            <Title order={headingLevel} size="h3" id={`section-${section.key}`} mb="md">
              {pick(section.title, language)}
            </Title>
            <Stack gap="lg">{sectionFields.map(renderField)}</Stack>
          </Paper>
        );
      })}

      <Paper
        withBorder
        p={{ base: 'sm', sm: 'lg' }}
        radius="md"
        component="section"
        aria-labelledby="questionnaire-attachments"
      >
        <Title order={headingLevel} size="h3" id="questionnaire-attachments" mb="xs">
          {t('portal.questionnaire.attachments')}
        </Title>
        <Text size="sm" c="dimmed" mb="md">
          {t('portal.questionnaire.attachmentsHint')}
        </Text>
        <Stack gap="md">
          <AttachmentList
            files={detail.attachments}
            fileHref={fileHref}
            onRemove={isEditable ? onRemoveFile : undefined}
            emptyText={t('portal.questionnaire.noAttachments')}
          />
          {isEditable && <AttachmentUpload onUpload={onUpload} />}
        </Stack>
      </Paper>

      {isEditable && (
        <Paper withBorder p="sm" radius="md" shadow="sm" style={{ position: 'sticky', bottom: 8, zIndex: 2 }}>
          <Stack gap="xs">
            {submitProblem && (
              <Text c="red.8" size="sm" role="alert">
                {submitProblem}
              </Text>
            )}
            <Group justify="space-between" wrap="wrap" gap="sm">
              <SaveStatus saveState={drafts.saveState} onRetry={drafts.retry} />
              <Button onClick={() => void submit()} loading={isSubmitting}>
                {t('portal.questionnaire.submit')}
              </Button>
            </Group>
          </Stack>
        </Paper>
      )}

      <Modal
        opened={isConfirmingReopen}
        onClose={() => setIsConfirmingReopen(false)}
        title={t('portal.questionnaire.reopenTitle')}
        centered
      >
        <Stack>
          <Text>{reopenNotice ?? t('portal.questionnaire.reopenNotice')}</Text>
          {reopenProblem && (
            <Text c="red.8" size="sm" role="alert">
              {reopenProblem}
            </Text>
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setIsConfirmingReopen(false)}>
              {t('common.cancel')}
            </Button>
            <Button loading={isReopening} onClick={() => void reopen()}>
              {t('portal.questionnaire.reopenConfirm')}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </Stack>
  );
}

export default QuestionnaireForm;
