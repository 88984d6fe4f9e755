import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient, type QueryKey } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { ApiError, errorMessage } from '../api/errors';
import { queryKeys } from '../api/queries';
import type { ProjectDetail, User } from '../api/types';

/**
 * Whether the user may change the project's questionnaires, requirements and links: managers and admins on any
 * project, engineers on the projects assigned to them. The server decides; this only hides controls it would refuse.
 */
export function canWorkOn(user: Pick<User, 'id' | 'role'>, project: Pick<ProjectDetail, 'engineer'>): boolean {
  if (user.role === 'admin' || user.role === 'manager') return true;
  return user.role === 'engineer' && project.engineer?.id === user.id;
}

/** Whether the user reads the project's mail: who works on it, and support once it is complete (the server decides). */
export function canReadMail(
  user: Pick<User, 'id' | 'role'>,
  project: Pick<ProjectDetail, 'engineer' | 'state'>,
): boolean {
  return canWorkOn(user, project) || (user.role === 'support' && project.state === 'complete');
}

/** Waivers of single requirements are for managers and admins. */
export function canWaive(user: Pick<User, 'role'>): boolean {
  return user.role === 'admin' || user.role === 'manager';
}

/**
 * The text for a failed change: a refusal (403) carries the server's reason (such as "only the assigned engineer"),
 * which says more than the generic one; everything else as errorMessage does.
 */
export function workErrorMessage(error: unknown, fallback: string): string {
  if (error instanceof ApiError && error.status === 403 && error.message) return error.message;
  return errorMessage(error, fallback);
}

export function isConflict(error: unknown): boolean {
  return error instanceof ApiError && error.status === 409;
}

interface WorkMutationOptions {
  /** Shown when the change is done. */
  successMessage: string;
  /** The lists the change touches, fetched again with the project, its audit trail and the pipeline. */
  invalidate: readonly QueryKey[];
  /** Whether a failure also shows a notification (dialogs show it inline instead). */
  notifyError?: boolean;
}

/** A change to a project's step work (E4–E6): the lists it touches, the project and its audit trail are fetched again. */
export function useWorkMutation<Variables, Result>(
  projectId: string,
  mutationFn: (variables: Variables) => Promise<Result>,
  { successMessage, invalidate, notifyError = true }: WorkMutationOptions,
) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn,
    onSuccess: () => {
      notifications.show({ color: 'green', message: successMessage });
    },
    onError: (error) => {
      if (notifyError) {
        notifications.show({
          color: 'red',
          title: t('errors.actionFailed'),
          message: workErrorMessage(error, t('errors.network')),
        });
      }
    },
    onSettled: () =>
      Promise.all([
        ...invalidate.map((queryKey) => queryClient.invalidateQueries({ queryKey })),
        queryClient.invalidateQueries({ queryKey: queryKeys.project(projectId) }),
        queryClient.invalidateQueries({ queryKey: queryKeys.audit(projectId) }),
        queryClient.invalidateQueries({ queryKey: ['projects'] }),
      ]),
  });
}

/** Today in the viewer's time zone, written YYYY-MM-DD. */
export function todayIsoDate(now: Date = new Date()): string {
  const month = String(now.getMonth() + 1).padStart(2, '0');
  const day = String(now.getDate()).padStart(2, '0');
  return `${now.getFullYear()}-${month}-${day}`;
}
