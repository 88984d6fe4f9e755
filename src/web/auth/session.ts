import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, call } from '../api/client';
import { ApiError } from '../api/errors';
import type { Role, User } from '../api/types';

export const sessionQueryKey = ['session'] as const;

async function fetchSession(): Promise<User | null> {
  try {
    const body = await call(api.GET('/api/auth/me'));
    return body.user;
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) return null;
    throw error;
  }
}

/** The logged-in user (null when nobody is), cached for the whole app. */
export function useSession() {
  return useQuery({ queryKey: sessionQueryKey, queryFn: fetchSession, staleTime: 5 * 60_000 });
}

/** The logged-in user; only for components rendered inside the authenticated layout. */
export function useCurrentUser(): User {
  const { data } = useSession();
  if (!data) throw new Error('useCurrentUser outside an authenticated page');
  return data;
}

export function useLogin() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (credentials: { email: string; password: string }) =>
      (await call(api.POST('/api/auth/login', { body: credentials }))).user,
    onSuccess: (user) => {
      queryClient.removeQueries({ predicate: (query) => query.queryKey[0] !== sessionQueryKey[0] });
      queryClient.setQueryData(sessionQueryKey, user);
    },
  });
}

export function useLogout() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async () => {
      await call(api.POST('/api/auth/logout'));
    },
    onSettled: () => {
      queryClient.removeQueries({ predicate: (query) => query.queryKey[0] !== sessionQueryKey[0] });
      queryClient.setQueryData(sessionQueryKey, null);
    },
  });
}

const permissions = {
  createProject: ['admin', 'manager'],
  approvePurchaseOrder: ['admin', 'manager'],
  recordPayment: ['admin', 'manager'],
  sendPresentation: ['admin', 'manager'],
  assignEngineer: ['admin', 'manager'],
  confirmCriterion: ['admin', 'manager', 'engineer'],
  createOrganisation: ['admin', 'manager'],
  addContact: ['admin', 'manager', 'engineer'],
  manageUsers: ['admin'],
  managePurchaseOrders: ['admin', 'manager'],
  manageContent: ['admin'],
  openTrialMailbox: ['admin'],
} as const satisfies Record<string, readonly Role[]>;

export type Permission = keyof typeof permissions;

/** Whether the role may see the control for an action; the server still decides. */
export function can(user: Pick<User, 'role'> | null | undefined, permission: Permission): boolean {
  return !!user && (permissions[permission] as readonly Role[]).includes(user.role);
}
