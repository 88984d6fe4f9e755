import {
  Alert,
  Anchor,
  Badge,
  Button,
  Group,
  Loader,
  Progress,
  SegmentedControl,
  Stack,
  Table,
  Text,
  Title,
  VisuallyHidden,
} from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { api, call } from '../api/client';
import { queryKeys, useQuestionnaire, useQuestionnaires } from '../api/queries';
import { languages, type ProjectDetail, type QuestionnaireSummary, type StoredFile } from '../api/types';
import { useCurrentUser } from '../auth/session';
import { DateTime } from '../lib/DateTime';
import { languageOf, useLocalized } from '../lib/format';
import { QuestionnaireForm } from '../questionnaire/QuestionnaireForm';
import type { ContentLanguage } from '../questionnaire/types';
import { EmptyState } from '../ui/EmptyState';
import { LiveError } from '../ui/ErrorAlert';
import { canWorkOn } from './projectWork';
import { uploadFile } from './uploadFile';

/** The search parameter that holds the open questionnaire, so it can be linked to and survives a reload. */
const questionnaireParam = 'questionnaire';

function StatusBadge({ item }: { item: QuestionnaireSummary }) {
  const { t } = useTranslation();
  return (
    <Group gap={4}>
      <Badge color={item.status === 'submitted' ? 'green' : 'blue'} variant="light">
        {t(`questionnaires.status.${item.status}`)}
      </Badge>
      {item.isOverdue && item.status === 'open' && (
        <Badge color="red" variant="filled">
          {t('questionnaires.overdue')}
        </Badge>
      )}
    </Group>
  );
}

function QuestionnaireList({
  items,
  onOpen,
}: {
  items: readonly QuestionnaireSummary[];
  onOpen: (key: string) => void;
}) {
  const { t } = useTranslation();
  const localize = useLocalized();
  return (
    <Table.ScrollContainer minWidth={760}>
      <Table striped verticalSpacing="sm">
        <VisuallyHidden component="caption">{t('questionnaires.caption')}</VisuallyHidden>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{t('questionnaires.application')}</Table.Th>
            <Table.Th scope="col">{t('questionnaires.statusColumn')}</Table.Th>
            <Table.Th scope="col">{t('questionnaires.progress')}</Table.Th>
            <Table.Th scope="col">{t('questionnaires.due')}</Table.Th>
            <Table.Th scope="col">{t('questionnaires.submitted')}</Table.Th>
            <Table.Th scope="col">
              <VisuallyHidden>{t('questionnaires.actions')}</VisuallyHidden>
            </Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {items.map((item) => {
            const nameId = `questionnaire-${item.applicationKey}`;
            const percent = item.fieldCount === 0 ? 0 : Math.round((item.answeredCount / item.fieldCount) * 100);
            return (
              <Table.Tr
                key={item.applicationKey}
                bg={item.isOverdue && item.status === 'open' ? 'var(--mantine-color-red-light)' : undefined}
              >
                <Table.Td style={{ verticalAlign: 'top' }}>
                  <Text size="sm" fw={600} id={nameId}>
                    {localize(item.applicationName)}
                  </Text>
                  <Text size="xs" c="dimmed">
                    {localize(item.title)}
                  </Text>
                  {item.kind === 'project' && (
                    <Text size="xs" c="dimmed">
                      {t('questionnaires.projectFirst')}
                    </Text>
                  )}
                </Table.Td>
                <Table.Td style={{ verticalAlign: 'top' }}>
                  <StatusBadge item={item} />
                </Table.Td>
                <Table.Td style={{ verticalAlign: 'top', minWidth: 180 }}>
                  <Text size="sm">
                    {t('questionnaires.answered', { answered: item.answeredCount, count: item.fieldCount })}
                  </Text>
                  <Progress
                    value={percent}
                    size="sm"
                    mt={4}
                    color={item.status === 'submitted' ? 'green' : 'blue'}
                    aria-label={t('questionnaires.progressLabel', { name: localize(item.applicationName), percent })}
                  />
                  {item.status === 'open' && item.missingCount > 0 && (
                    <Text size="xs" c="orange.9" mt={2}>
                      {t('questionnaires.missing', { count: item.missingCount })}
                    </Text>
                  )}
                </Table.Td>
                <Table.Td style={{ verticalAlign: 'top' }}>
                  <Text
                    size="sm"
                    c={item.isOverdue && item.status === 'open' ? 'red.9' : undefined}
                    fw={item.isOverdue && item.status === 'open' ? 600 : undefined}
                  >
                    <DateTime iso={item.dueAt} dateOnly />
                  </Text>
                </Table.Td>
                <Table.Td style={{ verticalAlign: 'top' }}>
                  {item.submittedAt ? (
                    <Text size="sm">
                      <DateTime iso={item.submittedAt} />
                      {item.submittedBy && (
                        <Text span size="xs" c="dimmed" display="block">
                          {item.submittedBy}
                        </Text>
                      )}
                    </Text>
                  ) : (
                    <Text size="sm" c="dimmed">
                      —
                    </Text>
                  )}
                </Table.Td>
                <Table.Td style={{ verticalAlign: 'top' }}>
                  <Button
                    size="xs"
                    variant="light"
                    onClick={() => onOpen(item.applicationKey)}
                    aria-describedby={nameId}
                  >
                    {t('questionnaires.open')}
                  </Button>
                </Table.Td>
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

function OpenQuestionnaire({
  project,
  applicationKey,
  onBack,
}: {
  project: ProjectDetail;
  applicationKey: string;
  onBack: () => void;
}) {
  const { t, i18n } = useTranslation();
  const localize = useLocalized();
  const user = useCurrentUser();
  const queryClient = useQueryClient();
  const detail = useQuestionnaire(project.id, applicationKey);
  const [language, setLanguage] = useState<ContentLanguage>(languageOf(i18n.resolvedLanguage));
  const canWork = canWorkOn(user, project);
  const path = { params: { path: { id: project.id, applicationKey } } };

  const refreshDetail = () =>
    queryClient.invalidateQueries({ queryKey: queryKeys.questionnaire(project.id, applicationKey) });
  const refreshAll = () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: queryKeys.questionnaires(project.id) }),
      queryClient.invalidateQueries({ queryKey: queryKeys.requirements(project.id) }),
      queryClient.invalidateQueries({ queryKey: queryKeys.project(project.id) }),
      queryClient.invalidateQueries({ queryKey: queryKeys.audit(project.id) }),
      queryClient.invalidateQueries({ queryKey: ['projects'] }),
    ]);

  const back = (
    <Anchor component="button" type="button" size="sm" onClick={onBack} style={{ alignSelf: 'flex-start' }}>
      <span aria-hidden>← </span>
      {t('questionnaires.back')}
    </Anchor>
  );

  if (detail.isPending) {
    return (
      <Stack>
        {back}
        <Group justify="center" p="xl" role="status">
          <Loader aria-label={t('common.loading')} />
        </Group>
      </Stack>
    );
  }
  if (detail.isError) {
    return (
      <Stack>
        {back}
        <LiveError error={detail.error} />
      </Stack>
    );
  }

  return (
    <Stack gap="md">
      {back}
      <Group justify="space-between" align="flex-end">
        <div>
          <Text c="dimmed" fw={600} size="sm">
            {localize(detail.data.applicationName)}
          </Text>
          <Title order={2} size="h3">
            {localize(detail.data.title)}
          </Title>
        </div>
        <SegmentedControl<ContentLanguage>
          size="xs"
          aria-label={t('questionnaires.language')}
          value={language}
          onChange={setLanguage}
          data={languages.map((code) => ({ value: code, label: t(`languages.${code}`) }))}
        />
      </Group>
      {canWork ? (
        <Alert color="grape" variant="light">
          {t('questionnaires.withEngineerNote')}
        </Alert>
      ) : (
        <Text size="sm" c="dimmed">
          {t('questionnaires.readOnly')}
        </Text>
      )}
      <QuestionnaireForm
        key={applicationKey}
        detail={detail.data}
        language={language}
        readOnly={!canWork}
        headingLevel={3}
        reopenNotice={t('questionnaires.reopenNotice')}
        fileHref={(fileId) => `/api/projects/${project.id}/files/${fileId}`}
        onSaveAnswers={async (answers) => {
          const saved = await call(
            api.PATCH('/api/projects/{id}/questionnaires/{applicationKey}/answers', { ...path, body: { answers } }),
          );
          void queryClient.invalidateQueries({ queryKey: queryKeys.questionnaires(project.id) });
          return saved;
        }}
        onUpload={async (file, onProgress) => {
          await uploadFile<StoredFile>(
            `/api/projects/${project.id}/questionnaires/${encodeURIComponent(applicationKey)}/files`,
            file,
            onProgress,
          );
          await refreshDetail();
        }}
        onRemoveFile={async (fileId) => {
          await call(
            api.DELETE('/api/projects/{id}/questionnaires/{applicationKey}/files/{fileId}', {
              params: { path: { id: project.id, applicationKey, fileId } },
            }),
          );
          await refreshDetail();
        }}
        onSubmit={async () => {
          await call(api.POST('/api/projects/{id}/questionnaires/{applicationKey}/submit', path));
          await Promise.all([refreshDetail(), refreshAll()]);
        }}
        onReopen={async () => {
          await call(api.POST('/api/projects/{id}/questionnaires/{applicationKey}/reopen', path));
          await Promise.all([refreshDetail(), refreshAll()]);
        }}
      />
    </Stack>
  );
}

/** E4 for staff: where each design questionnaire stands, and the form itself for filling it in with the customer. */
export function QuestionnairesTab({ project }: { project: ProjectDetail }) {
  const { t } = useTranslation();
  const questionnaires = useQuestionnaires(project.id);
  const [searchParams, setSearchParams] = useSearchParams();
  const openKey = searchParams.get(questionnaireParam);

  const setOpen = (key: string | null) =>
    setSearchParams(
      (current) => {
        const next = new URLSearchParams(current);
        if (key === null) next.delete(questionnaireParam);
        else next.set(questionnaireParam, key);
        return next;
      },
      { replace: false },
    );

  if (openKey !== null)
    return <OpenQuestionnaire project={project} applicationKey={openKey} onBack={() => setOpen(null)} />;

  if (questionnaires.isPending) {
    return (
      <Group justify="center" p="xl" role="status">
        <Loader aria-label={t('common.loading')} />
      </Group>
    );
  }
  if (questionnaires.isError) return <LiveError error={questionnaires.error} />;

  const items = questionnaires.data;
  const submitted = items.filter((item) => item.status === 'submitted').length;
  const overdue = items.filter((item) => item.isOverdue && item.status === 'open').length;
  return (
    <Stack gap="md">
      <Group justify="space-between">
        <Title order={2} size="h3">
          {t('questionnaires.title')}
        </Title>
        {items.length > 0 && (
          <Group gap="xs">
            <Text size="sm">{t('questionnaires.summary', { submitted, count: items.length })}</Text>
            {overdue > 0 && (
              <Badge color="red" variant="filled">
                {t('questionnaires.overdueCount', { count: overdue })}
              </Badge>
            )}
          </Group>
        )}
      </Group>
      {items.length === 0 ? (
        <EmptyState title={t('questionnaires.emptyTitle')} description={t('questionnaires.emptyBody')} />
      ) : (
        <>
          <Text size="sm" c="dimmed">
            {t('questionnaires.hint')}
          </Text>
          <QuestionnaireList items={items} onOpen={setOpen} />
        </>
      )}
    </Stack>
  );
}
