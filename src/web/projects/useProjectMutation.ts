import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../api/errors';
import { queryKeys } from '../api/queries';
import type { ProjectDetail } from '../api/types';

/**
 * A change to one project: on success the page shows the returned detail at once, and the
 * project, its audit trail and the pipeline are fetched again.
 */
export function useProjectMutation<Variables>(
  projectId: string,
  mutationFn: (variables: Variables) => Promise<ProjectDetail>,
  successMessage: string,
) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn,
    onSuccess: (project) => {
      queryClient.setQueryData(queryKeys.project(projectId), project);
      notifications.show({ color: 'green', message: successMessage });
    },
    onError: (error) => {
      notifications.show({
        color: 'red',
        title: t('errors.actionFailed'),
        message: errorMessage(error, t('errors.network')),
      });
    },
    onSettled: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: queryKeys.project(projectId) }),
        queryClient.invalidateQueries({ queryKey: queryKeys.audit(projectId) }),
        queryClient.invalidateQueries({ queryKey: ['projects'] }),
      ]),
  });
}
