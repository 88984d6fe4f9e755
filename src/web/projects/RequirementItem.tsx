import { Anchor, Badge, Button, Group, List, Paper, Stack, Text } from '@mantine/core';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { api, call } from '../api/client';
import { queryKeys } from '../api/queries';
import type { Requirement, RequirementStatus, StoredFile } from '../api/types';
import { DateTime } from '../lib/DateTime';
import { formatFileSize, useLocalized } from '../lib/format';
import { useWorkMutation } from './projectWork';
import { RequirementFormModal } from './RequirementFormModal';
import { TextReasonModal } from './TextReasonModal';

const statusColors: Record<RequirementStatus, string> = {
  open: 'blue',
  fulfilled: 'yellow',
  'sent-back': 'orange',
  verified: 'green',
  waived: 'gray',
};

export function RequirementStatusBadge({ status }: { status: RequirementStatus }) {
  const { t } = useTranslation();
  return (
    <Badge color={statusColors[status]} variant={status === 'verified' ? 'filled' : 'light'} component="span">
      {t(`requirements.status.${status}`)}
    </Badge>
  );
}

/** The link that downloads a file attached to the project. */
export function FileLink({ projectId, file }: { projectId: string; file: StoredFile }) {
  const { t, i18n } = useTranslation();
  return (
    <Text size="sm" span>
      <Anchor href={`/api/projects/${projectId}/files/${file.id}`} download={file.name} size="sm">
        {file.name}
      </Anchor>{' '}
      <Text span size="xs" c="dimmed">
        ({formatFileSize(file.size, i18n.language)} · {t('requirements.uploadedBy', { name: file.uploadedBy.name })})
      </Text>
    </Text>
  );
}

type Dialog = 'edit' | 'remove' | 'send-back' | 'waive' | 'fulfil';

interface RequirementItemProps {
  projectId: string;
  requirement: Requirement;
  /** Requirements are fulfilled once the list is confirmed (E6), not while the engineer still shapes it. */
  isListConfirmed: boolean;
  canWork: boolean;
  canWaive: boolean;
}

/** One requirement: what is needed, who provides it and why, where it stands, and the engineer's or manager's actions. */
export function RequirementItem({ projectId, requirement, isListConfirmed, canWork, canWaive }: RequirementItemProps) {
  const { t } = useTranslation();
  const localize = useLocalized();
  const [dialog, setDialog] = useState<Dialog | null>(null);
  const titleId = `requirement-${requirement.id}`;
  const title = localize(requirement.title);
  const reason = localize(requirement.reason);
  const invalidate = [queryKeys.requirements(projectId)];
  const path = { params: { path: { id: projectId, requirementId: requirement.id } } };

  const verify = useWorkMutation(
    projectId,
    () => call(api.POST('/api/projects/{id}/requirements/{requirementId}/verify', path)),
    {
      successMessage: t('requirements.verified', { title }),
      invalidate,
    },
  );
  const sendBack = useWorkMutation(
    projectId,
    (comment: string) =>
      call(api.POST('/api/projects/{id}/requirements/{requirementId}/send-back', { ...path, body: { comment } })),
    { successMessage: t('requirements.sentBack', { title }), invalidate, notifyError: false },
  );
  const waive = useWorkMutation(
    projectId,
    (waiveReason: string) =>
      call(
        api.POST('/api/projects/{id}/requirements/{requirementId}/waive', { ...path, body: { reason: waiveReason } }),
      ),
    { successMessage: t('requirements.waived', { title }), invalidate, notifyError: false },
  );
  const fulfil = useWorkMutation(
    projectId,
    (note: string) =>
      call(api.POST('/api/projects/{id}/requirements/{requirementId}/fulfil', { ...path, body: { note } })),
    { successMessage: t('requirements.markedFulfilled', { title }), invalidate, notifyError: false },
  );
  const remove = useWorkMutation(
    projectId,
    (removeReason: string) =>
      call(
        api.POST('/api/projects/{id}/requirements/{requirementId}/remove', {
          ...path,
          body: removeReason ? { reason: removeReason } : {},
        }),
      ),
    { successMessage: t('requirements.removed', { title }), invalidate, notifyError: false },
  );

  function open(next: Dialog) {
    sendBack.reset();
    fulfil.reset();
    waive.reset();
    remove.reset();
    setDialog(next);
  }
  const close = () => setDialog(null);

  const isSettled = requirement.status === 'verified' || requirement.status === 'waived';
  const canVerify = canWork && requirement.status === 'fulfilled';
  const showWaive = canWaive && !isSettled;
  const showEdit = canWork && !isSettled;
  const canFulfil = canWork && isListConfirmed && (requirement.status === 'open' || requirement.status === 'sent-back');

  return (
    <Paper withBorder p="md" component="article" aria-labelledby={titleId}>
      <Stack gap="xs">
        <Group justify="space-between" align="flex-start" wrap="nowrap">
          <Text fw={600} id={titleId} component="h4" m={0} size="md">
            {title}
          </Text>
          <RequirementStatusBadge status={requirement.status} />
        </Group>
        <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
          {localize(requirement.description)}
        </Text>
        <Group gap="lg" component="dl" m={0}>
          <Fact label={t('requirements.owner')}>{t(`party.${requirement.owner}`)}</Fact>
          {requirement.leadTimeDays !== null && (
            <Fact label={t('requirements.leadTime')}>
              {t('requirements.leadTimeDays', { count: requirement.leadTimeDays })}
            </Fact>
          )}
          <Fact label={t('requirements.origin')}>
            {requirement.ruleKey
              ? t('requirements.fromAnswers')
              : t('requirements.addedBy', { name: requirement.createdBy ?? t('requirements.someone') })}
          </Fact>
        </Group>
        {requirement.ruleKey && reason && (
          <Text size="sm">
            <Text span fw={600} size="sm">
              {t('requirements.why')}
            </Text>{' '}
            {reason}
          </Text>
        )}
        {(requirement.fulfilledAt !== null || requirement.fulfilmentNote || requirement.evidence.length > 0) && (
          <Paper bg="var(--mantine-color-default-hover)" p="xs">
            <Stack gap={4}>
              {requirement.fulfilledAt !== null && (
                <Text size="sm" fw={500}>
                  {t('requirements.fulfilledBy', { name: requirement.fulfilledBy ?? t('requirements.someone') })}{' '}
                  <DateTime iso={requirement.fulfilledAt} />
                </Text>
              )}
              {requirement.fulfilmentNote && (
                <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
                  {requirement.fulfilmentNote}
                </Text>
              )}
              {requirement.evidence.length > 0 && (
                <div>
                  <Text size="sm" fw={500}>
                    {t('requirements.evidence')}
                  </Text>
                  <List size="sm" spacing={2}>
                    {requirement.evidence.map((file) => (
                      <List.Item key={file.id}>
                        <FileLink projectId={projectId} file={file} />
                      </List.Item>
                    ))}
                  </List>
                </div>
              )}
            </Stack>
          </Paper>
        )}
        {requirement.reviewedAt !== null && requirement.status !== 'waived' && (
          <Text size="sm" c={requirement.status === 'sent-back' ? 'orange.9' : undefined}>
            {requirement.status === 'sent-back'
              ? t('requirements.sentBackBy', { name: requirement.reviewedBy ?? t('requirements.someone') })
              : t('requirements.verifiedBy', { name: requirement.reviewedBy ?? t('requirements.someone') })}{' '}
            <DateTime iso={requirement.reviewedAt} />
            {requirement.reviewComment && (
              <>
                {': '}
                <Text span size="sm" fs="italic" style={{ whiteSpace: 'pre-wrap' }}>
                  {requirement.reviewComment}
                </Text>
              </>
            )}
          </Text>
        )}
        {requirement.status === 'waived' && (
          <Text size="sm">
            <Text span fw={600} size="sm">
              {requirement.reviewedBy
                ? t('requirements.waivedBy', { name: requirement.reviewedBy })
                : t('requirements.waivedLabel')}
            </Text>{' '}
            {requirement.waiveReason}
          </Text>
        )}
        {(canVerify || showWaive || showEdit) && (
          <Group gap="xs" mt={4}>
            {canFulfil && (
              <Button
                size="xs"
                variant="light"
                onClick={() => open('fulfil')}
                aria-haspopup="dialog"
                aria-describedby={titleId}
              >
                {t('requirements.markFulfilled')}
              </Button>
            )}
            {canVerify && (
              <>
                <Button
                  size="xs"
                  color="green"
                  onClick={() => verify.mutate(undefined)}
                  loading={verify.isPending}
                  aria-describedby={titleId}
                >
                  {t('requirements.verify')}
                </Button>
                <Button
                  size="xs"
                  variant="outline"
                  color="orange"
                  onClick={() => open('send-back')}
                  aria-haspopup="dialog"
                  aria-describedby={titleId}
                >
                  {t('requirements.sendBack')}
                </Button>
              </>
            )}
            {showWaive && (
              <Button
                size="xs"
                variant="default"
                onClick={() => open('waive')}
                aria-haspopup="dialog"
                aria-describedby={titleId}
              >
                {t('requirements.waive')}
              </Button>
            )}
            {showEdit && (
              <>
                <Button
                  size="xs"
                  variant="subtle"
                  onClick={() => open('edit')}
                  aria-haspopup="dialog"
                  aria-describedby={titleId}
                >
                  {t('requirements.edit')}
                </Button>
                <Button
                  size="xs"
                  variant="subtle"
                  color="red"
                  onClick={() => open('remove')}
                  aria-haspopup="dialog"
                  aria-describedby={titleId}
                >
                  {t('requirements.remove')}
                </Button>
              </>
            )}
          </Group>
        )}
      </Stack>
      <RequirementFormModal
        projectId={projectId}
        requirement={requirement}
        opened={dialog === 'edit'}
        onClose={close}
      />
      <TextReasonModal
        opened={dialog === 'send-back'}
        title={t('requirements.sendBackTitle', { title })}
        explanation={t('requirements.sendBackExplanation')}
        label={t('requirements.sendBackComment')}
        requiredMessage={t('requirements.sendBackCommentRequired')}
        confirmLabel={t('requirements.sendBack')}
        confirmColor="orange"
        isPending={sendBack.isPending}
        error={sendBack.error}
        onSubmit={(comment) => sendBack.mutate(comment, { onSuccess: close })}
        onClose={close}
      />
      <TextReasonModal
        opened={dialog === 'fulfil'}
        title={t('requirements.markFulfilledTitle', { title })}
        explanation={t('requirements.markFulfilledExplanation')}
        label={t('requirements.markFulfilledNote')}
        requiredMessage={t('requirements.markFulfilledNoteRequired')}
        confirmLabel={t('requirements.markFulfilled')}
        isPending={fulfil.isPending}
        error={fulfil.error}
        onSubmit={(note) => fulfil.mutate(note, { onSuccess: close })}
        onClose={close}
      />
      <TextReasonModal
        opened={dialog === 'waive'}
        title={t('requirements.waiveTitle', { title })}
        explanation={t('requirements.waiveExplanation')}
        label={t('requirements.waiveReason')}
        requiredMessage={t('requirements.waiveReasonRequired')}
        confirmLabel={t('requirements.waive')}
        isPending={waive.isPending}
        error={waive.error}
        onSubmit={(text) => waive.mutate(text, { onSuccess: close })}
        onClose={close}
      />
      <TextReasonModal
        opened={dialog === 'remove'}
        title={t('requirements.removeTitle', { title })}
        explanation={
          requirement.ruleKey ? t('requirements.removeExplanationGenerated') : t('requirements.removeExplanation')
        }
        label={t('requirements.removeReason')}
        confirmLabel={t('requirements.removeConfirm')}
        confirmColor="red"
        isPending={remove.isPending}
        error={remove.error}
        onSubmit={(text) => remove.mutate(text, { onSuccess: close })}
        onClose={close}
      />
    </Paper>
  );
}

function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <Group gap={4} wrap="nowrap">
      <Text component="dt" size="xs" c="dimmed" fw={600}>
        {label}
      </Text>
      <Text component="dd" m={0} size="sm">
        {children}
      </Text>
    </Group>
  );
}
