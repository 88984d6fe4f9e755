import { Alert, Badge, Button, Group, Paper, Stack, Text, Textarea, Title } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, call } from '../api/client';
import { ApiError, errorMessage } from '../api/errors';
import { DateTime } from '../lib/DateTime';
import { useLocalized } from '../lib/format';
import { AttachmentList } from '../questionnaire/AttachmentList';
import { AttachmentUpload } from '../questionnaire/AttachmentUpload';
import { portalKeys, portalPaths, uploadRawFile, type Requirement } from './portalApi';

const statusColors: Record<Requirement['status'], string> = {
  open: 'blue',
  'sent-back': 'red',
  fulfilled: 'yellow',
  verified: 'green',
  waived: 'gray',
};

/** One requirement: what it is and why, where it stands, and — while it is the contact's to do — a note, evidence and "Mark as done". */
export function RequirementCard({
  projectId,
  requirement,
  isConfirmed,
}: {
  projectId: string;
  requirement: Requirement;
  isConfirmed: boolean;
}) {
  const { t } = useTranslation();
  const localized = useLocalized();
  const queryClient = useQueryClient();
  const titleId = useId();
  const [note, setNote] = useState(requirement.fulfilmentNote ?? '');
  const [problem, setProblem] = useState<string | null>(null);
  const [isMarking, setIsMarking] = useState(false);
  const isOpen = requirement.status === 'open' || requirement.status === 'sent-back';
  const canWork = isConfirmed && isOpen && requirement.owner !== 'vendor';
  const base = `/api/portal/projects/${encodeURIComponent(projectId)}/requirements/${encodeURIComponent(requirement.id)}`;
  const path = { id: projectId, requirementId: requirement.id };

  async function refresh() {
    await Promise.all([
      queryClient.invalidateQueries({ queryKey: portalKeys.requirements(projectId) }),
      queryClient.invalidateQueries({ queryKey: portalKeys.project(projectId) }),
    ]);
  }

  async function markDone() {
    setProblem(null);
    if (note.trim() === '' && requirement.evidence.length === 0) {
      setProblem(t('portal.requirements.needNoteOrFile'));
      return;
    }
    setIsMarking(true);
    try {
      await call(
        api.POST('/api/portal/projects/{id}/requirements/{requirementId}/fulfil', {
          params: { path },
          body: note.trim() === '' ? {} : { note: note.trim() },
        }),
      );
      await refresh();
    } catch (error) {
      setProblem(
        error instanceof ApiError && error.code === 'validation_failed'
          ? t('portal.requirements.needNoteOrFile')
          : errorMessage(error, t('portal.requirements.markFailed')),
      );
    } finally {
      setIsMarking(false);
    }
  }

  return (
    <Paper withBorder p={{ base: 'sm', sm: 'md' }} radius="md" component="section" aria-labelledby={titleId}>
      <Stack gap="sm">
        <Group justify="space-between" align="flex-start" gap="xs" wrap="nowrap">
          <Title order={3} size="h4" id={titleId}>
            {localized(requirement.title)}
          </Title>
          <Badge color={statusColors[requirement.status]} variant="light">
            {t(`portal.requirements.statuses.${requirement.status}`)}
          </Badge>
        </Group>
        {requirement.status === 'sent-back' && requirement.reviewComment && (
          <Alert color="orange" title={t('portal.requirements.engineerComment')} variant="light">
            <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
              {requirement.reviewComment}
            </Text>
            {requirement.reviewedBy && (
              <Text size="xs" c="dimmed" mt={4}>
                {t('portal.requirements.reviewedBy', { name: requirement.reviewedBy })}
              </Text>
            )}
          </Alert>
        )}
        <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
          {localized(requirement.description)}
        </Text>
        {requirement.reason && (
          <Text size="sm">
            <strong>{t('portal.requirements.reason')}:</strong> {localized(requirement.reason)}
          </Text>
        )}
        <Group gap="md">
          <Text size="xs" c="dimmed">
            {t(`portal.requirements.owners.${requirement.owner}`)}
          </Text>
          {requirement.leadTimeDays !== null && (
            <Text size="xs" c="dimmed">
              {t('portal.requirements.leadTime', { count: requirement.leadTimeDays })}
            </Text>
          )}
        </Group>
        {requirement.status === 'waived' && requirement.waiveReason && (
          <Text size="sm">{t('portal.requirements.waivedBecause', { reason: requirement.waiveReason })}</Text>
        )}
        {(requirement.status === 'fulfilled' || requirement.status === 'verified') && requirement.fulfilledBy && (
          <Stack gap={2}>
            <Text size="sm">
              {t('portal.requirements.fulfilledBy', { name: requirement.fulfilledBy })}
              {requirement.fulfilledAt && (
                <>
                  {', '}
                  <DateTime iso={requirement.fulfilledAt} />
                </>
              )}
            </Text>
            {requirement.fulfilmentNote && (
              <Text size="sm" c="dimmed" style={{ whiteSpace: 'pre-wrap' }}>
                {requirement.fulfilmentNote}
              </Text>
            )}
          </Stack>
        )}
        {(requirement.evidence.length > 0 || canWork) && (
          <Stack gap={4}>
            <Text size="sm" fw={600}>
              {t('portal.requirements.evidence')}
            </Text>
            <AttachmentList
              files={requirement.evidence}
              fileHref={(fileId) => portalPaths.file(projectId, fileId)}
              onRemove={
                canWork
                  ? async (fileId) => {
                      await call(
                        api.DELETE('/api/portal/projects/{id}/requirements/{requirementId}/files/{fileId}', {
                          params: { path: { ...path, fileId } },
                        }),
                      );
                      await refresh();
                    }
                  : undefined
              }
              emptyText={t('portal.requirements.noEvidence')}
            />
          </Stack>
        )}
        {canWork && (
          <Stack gap="sm">
            <AttachmentUpload
              onUpload={async (file, onProgress) => {
                await uploadRawFile(`${base}/files`, file, onProgress);
                await refresh();
              }}
            />
            <Textarea
              label={t('portal.requirements.note')}
              description={t('portal.requirements.noteHint')}
              autosize
              minRows={2}
              maxRows={8}
              maxLength={5000}
              value={note}
              error={problem !== null}
              onChange={(event) => setNote(event.currentTarget.value)}
            />
            {problem && (
              <Text c="red.8" size="sm" role="alert">
                {problem}
              </Text>
            )}
            <Group>
              <Button loading={isMarking} onClick={() => void markDone()}>
                {t('portal.requirements.markDone')}
              </Button>
            </Group>
          </Stack>
        )}
      </Stack>
    </Paper>
  );
}
