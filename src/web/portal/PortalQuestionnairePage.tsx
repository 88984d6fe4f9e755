import { Anchor, Badge, Group, Stack, Text, Title } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { api, call } from '../api/client';
import { PageLoader } from '../layout/PageLoader';
import { formatDate } from '../lib/format';
import { QuestionnaireForm } from '../questionnaire/QuestionnaireForm';
import { pick } from '../questionnaire/questionnaireLogic';
import type { QuestionnaireDetail, UploadProgress } from '../questionnaire/types';
import { PortalQueryProblem } from './PortalQueryProblem';
import { portalKeys, portalPaths, uploadRawFile, usePortalQuestionnaire, type PortalHome } from './portalApi';
import { usePortalTitle } from './usePortalTitle';

/** A design questionnaire as the customer fills it in: the shared form, wired to the portal's API. */
export function PortalQuestionnairePage({ me }: { me: PortalHome }) {
  const { t, i18n } = useTranslation();
  const { id = '', applicationKey = '' } = useParams();
  const queryClient = useQueryClient();
  const questionnaire = usePortalQuestionnaire(id, applicationKey);
  const language = me.contact.language;
  usePortalTitle(
    questionnaire.data
      ? pick(questionnaire.data.title, language)
      : questionnaire.isError
        ? t('portal.questionnaire.notAvailableTitle')
        : undefined,
    me.vendor.name,
  );

  const path = { id, applicationKey };

  const refresh = useCallback(async () => {
    await Promise.all([
      queryClient.invalidateQueries({ queryKey: portalKeys.questionnaire(id, applicationKey) }),
      queryClient.invalidateQueries({ queryKey: portalKeys.project(id) }),
    ]);
  }, [queryClient, id, applicationKey]);

  const onSaveAnswers = useCallback(
    async (answers: Record<string, unknown>) => {
      const saved = await call(
        api.PATCH('/api/portal/projects/{id}/questionnaires/{applicationKey}/answers', {
          params: { path: { id, applicationKey } },
          body: { answers },
        }),
      );
      queryClient.setQueryData<QuestionnaireDetail>(portalKeys.questionnaire(id, applicationKey), (current) =>
        current ? { ...current, ...saved } : current,
      );
      void queryClient.invalidateQueries({ queryKey: portalKeys.project(id) });
      return saved;
    },
    [queryClient, id, applicationKey],
  );

  if (questionnaire.isPending) return <PageLoader />;
  if (questionnaire.isError) {
    return (
      <PortalQueryProblem
        error={questionnaire.error}
        notFoundTitle={t('portal.questionnaire.notAvailableTitle')}
        onRetry={() => void questionnaire.refetch()}
      />
    );
  }
  const detail = questionnaire.data;
  const filesUrl = `/api/portal/projects/${encodeURIComponent(id)}/questionnaires/${encodeURIComponent(applicationKey)}/files`;

  return (
    <Stack gap="lg">
      <Anchor component={Link} to={portalPaths.project(id)} size="sm">
        ← {t('portal.questionnaire.back')}
      </Anchor>
      <Stack gap={4}>
        <Title order={1}>{pick(detail.title, language)}</Title>
        <Group gap="xs">
          <Text c="dimmed">{pick(detail.applicationName, language)}</Text>
          {detail.status === 'open' && (
            <>
              <Text c={detail.isOverdue ? 'red.8' : 'dimmed'} size="sm">
                · {t('portal.questionnaire.due', { date: formatDate(detail.dueAt, i18n.language) })}
              </Text>
              {detail.isOverdue && (
                <Badge color="red" size="sm">
                  {t('portal.questionnaire.overdue')}
                </Badge>
              )}
            </>
          )}
        </Group>
      </Stack>
      <QuestionnaireForm
        key={`${id}/${applicationKey}`}
        detail={detail}
        language={language}
        readOnly={false}
        onSaveAnswers={onSaveAnswers}
        onUpload={async (file: File, onProgress?: UploadProgress) => {
          await uploadRawFile(filesUrl, file, onProgress);
          await refresh();
        }}
        onRemoveFile={async (fileId) => {
          await call(
            api.DELETE('/api/portal/projects/{id}/questionnaires/{applicationKey}/files/{fileId}', {
              params: { path: { ...path, fileId } },
            }),
          );
          await refresh();
        }}
        fileHref={(fileId) => portalPaths.file(id, fileId)}
        onSubmit={async () => {
          await call(
            api.POST('/api/portal/projects/{id}/questionnaires/{applicationKey}/submit', { params: { path } }),
          );
          await refresh();
        }}
        onReopen={async () => {
          await call(
            api.POST('/api/portal/projects/{id}/questionnaires/{applicationKey}/reopen', { params: { path } }),
          );
          await refresh();
        }}
      />
    </Stack>
  );
}
