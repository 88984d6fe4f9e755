import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { api, call } from './client';
import type { OrganisationKind, Priority } from './types';

export const queryKeys = {
  steps: ['steps'] as const,
  directory: ['directory'] as const,
  applications: ['applications'] as const,
  organisations: (kind?: OrganisationKind) => ['organisations', kind ?? 'all'] as const,
  organisation: (id: string) => ['organisation', id] as const,
  projects: (filters: ProjectFilters) => ['projects', filters] as const,
  // Under 'projects' so that whatever refreshes the pipeline refreshes the step overview too.
  pipelineSteps: (filters: Omit<ProjectFilters, 'step'>) => ['projects', 'steps', filters] as const,
  project: (id: string) => ['project', id] as const,
  audit: (id: string) => ['audit', id] as const,
  users: ['users'] as const,
};

const referenceData = { staleTime: 10 * 60_000 };

export function useProcessSteps() {
  return useQuery({
    queryKey: queryKeys.steps,
    queryFn: async () => (await call(api.GET('/api/process/steps'))).items,
    ...referenceData,
  });
}

export function useDirectory() {
  return useQuery({
    queryKey: queryKeys.directory,
    queryFn: async () => (await call(api.GET('/api/users/directory'))).items,
    staleTime: 60_000,
  });
}

export function useApplications() {
  return useQuery({
    queryKey: queryKeys.applications,
    queryFn: async () => (await call(api.GET('/api/catalog/applications'))).items,
    ...referenceData,
  });
}

export function useOrganisations(kind?: OrganisationKind) {
  return useQuery({
    queryKey: queryKeys.organisations(kind),
    queryFn: async () =>
      (await call(api.GET('/api/organisations', { params: { query: kind ? { kind } : {} } }))).items,
  });
}

export function useOrganisation(id: string) {
  return useQuery({
    queryKey: queryKeys.organisation(id),
    queryFn: () => call(api.GET('/api/organisations/{id}', { params: { path: { id } } })),
  });
}

export interface ProjectFilters {
  step?: string | undefined;
  engineerId?: string | undefined;
  customerId?: string | undefined;
  priority?: Priority | undefined;
}

export const projectPageSize = 25;

export function useProjects(filters: ProjectFilters) {
  return useInfiniteQuery({
    queryKey: queryKeys.projects(filters),
    initialPageParam: undefined as string | undefined,
    queryFn: ({ pageParam }) =>
      call(
        api.GET('/api/projects', {
          params: { query: { ...filters, limit: projectPageSize, ...(pageParam ? { cursor: pageParam } : {}) } },
        }),
      ),
    getNextPageParam: (lastPage) => lastPage.nextCursor ?? undefined,
  });
}

export function usePipelineSteps(filters: Omit<ProjectFilters, 'step'>) {
  return useQuery({
    queryKey: queryKeys.pipelineSteps(filters),
    queryFn: async () => (await call(api.GET('/api/pipeline/steps', { params: { query: filters } }))).items,
  });
}

export function useProject(id: string) {
  return useQuery({
    queryKey: queryKeys.project(id),
    queryFn: () => call(api.GET('/api/projects/{id}', { params: { path: { id } } })),
  });
}

export const auditPageSize = 100;

export function useAudit(id: string, enabled: boolean) {
  return useInfiniteQuery({
    queryKey: queryKeys.audit(id),
    initialPageParam: undefined as number | undefined,
    queryFn: ({ pageParam }) =>
      call(
        api.GET('/api/projects/{id}/audit', {
          params: { path: { id }, query: { limit: auditPageSize, ...(pageParam === undefined ? {} : { cursor: pageParam }) } },
        }),
      ),
    getNextPageParam: (lastPage) => lastPage.nextCursor ?? undefined,
    enabled,
  });
}

export function useUsers() {
  return useQuery({
    queryKey: queryKeys.users,
    queryFn: async () => (await call(api.GET('/api/users'))).items,
  });
}
