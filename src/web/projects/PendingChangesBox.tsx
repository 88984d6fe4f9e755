import { Alert, Badge, Button, List, Stack, Text, Title } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, call } from '../api/client';
import { queryKeys } from '../api/queries';
import type { PendingChanges } from '../api/types';
import { useLocalized } from '../lib/format';
import { isConflict, useWorkMutation } from './projectWork';
import { LiveError } from '../ui/ErrorAlert';

/**
 * What the latest submitted answers would change in the list, applied only as shown: the server refuses (409) when
 * the answers changed since, and the box then shows the new changes.
 */
export function PendingChangesBox({
  projectId,
  changes,
  canWork,
}: {
  projectId: string;
  changes: PendingChanges;
  canWork: boolean;
}) {
  const { t } = useTranslation();
  const localize = useLocalized();
  const queryClient = useQueryClient();
  const [changedAgain, setChangedAgain] = useState(false);
  const apply = useWorkMutation(
    projectId,
    (body: { adds: string[]; removes: string[] }) =>
      call(
        api.POST('/api/projects/{id}/requirements/apply-answer-changes', { params: { path: { id: projectId } }, body }),
      ),
    {
      successMessage: t('pendingChanges.applied'),
      invalidate: [queryKeys.requirements(projectId)],
      notifyError: false,
    },
  );

  function submit() {
    setChangedAgain(false);
    apply.mutate(
      {
        adds: changes.adds.map((item) => `${item.applicationKey}/${item.ruleKey}`),
        removes: changes.removes.map((item) => item.id),
      },
      {
        onError: (error) => {
          if (isConflict(error)) {
            setChangedAgain(true);
            void queryClient.invalidateQueries({ queryKey: queryKeys.requirements(projectId) });
          }
        },
      },
    );
  }

  return (
    <Alert color="yellow" variant="light" component="section" aria-labelledby="pending-changes-heading">
      <Stack gap="sm">
        <Title order={2} size="h4" id="pending-changes-heading">
          {t('pendingChanges.title')}
        </Title>
        <Text size="sm">{t('pendingChanges.explanation')}</Text>
        {changes.adds.length > 0 && (
          <div>
            <Text size="sm" fw={600}>
              {t('pendingChanges.adds', { count: changes.adds.length })}
            </Text>
            <List size="sm" spacing={6}>
              {changes.adds.map((item) => (
                <List.Item key={`${item.applicationKey}/${item.ruleKey}`}>
                  <Text span size="sm" fw={500}>
                    {localize(item.title)}
                  </Text>{' '}
                  <Badge size="xs" variant="outline" color="gray" component="span">
                    {t(`requirements.category.${item.category}`)}
                  </Badge>
                  {localize(item.reason) && (
                    <Text size="xs" c="dimmed">
                      {t('pendingChanges.because', { reason: localize(item.reason) })}
                    </Text>
                  )}
                </List.Item>
              ))}
            </List>
          </div>
        )}
        {changes.removes.length > 0 && (
          <div>
            <Text size="sm" fw={600}>
              {t('pendingChanges.removes', { count: changes.removes.length })}
            </Text>
            <List size="sm" spacing={6}>
              {changes.removes.map((item) => (
                <List.Item key={item.id}>
                  <Text span size="sm" fw={500} td="line-through">
                    {localize(item.title)}
                  </Text>{' '}
                  <Badge size="xs" variant="outline" color="gray" component="span">
                    {t(`requirements.category.${item.category}`)}
                  </Badge>
                </List.Item>
              ))}
            </List>
          </div>
        )}
        <div aria-live="polite">
          {changedAgain && (
            <Alert color="orange" role="alert">
              {t('pendingChanges.changedAgain')}
            </Alert>
          )}
        </div>
        {!changedAgain && <LiveError preferServerReason error={apply.error} />}
        {canWork ? (
          <Button onClick={submit} loading={apply.isPending} style={{ alignSelf: 'flex-start' }}>
            {t('pendingChanges.apply')}
          </Button>
        ) : (
          <Text size="sm" c="dimmed">
            {t('requirements.onlyAssigned')}
          </Text>
        )}
      </Stack>
    </Alert>
  );
}
