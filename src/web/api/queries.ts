import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { api, call } from './client';
import type {
  EmailTemplateKey,
  MailMessage,
  MailStatus,
  OrganisationKind,
  Priority,
  PurchaseOrderStatus,
} from './types';

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
  projectMail: (projectId: string) => ['projectMail', projectId] as const,
  mailMessage: (id: string) => ['mailMessage', id] as const,
  users: ['users'] as const,
  services: ['services'] as const,
  purchaseOrders: (status?: PurchaseOrderStatus) => ['purchaseOrders', status ?? 'all'] as const,
  purchaseOrder: (id: string) => ['purchaseOrder', id] as const,
  contentItems: ['contentItems'] as const,
  contentItem: (path: string) => ['contentItem', path] as const,
  placeholders: (key: EmailTemplateKey) => ['placeholders', key] as const,
  templatePreview: (key: EmailTemplateKey, draft: unknown) => ['templatePreview', key, draft] as const,
  requirements: (projectId: string) => ['requirements', projectId] as const,
  questionnaires: (projectId: string) => ['questionnaires', projectId] as const,
  questionnaire: (projectId: string, applicationKey: string) => ['questionnaires', projectId, applicationKey] as const,
  portalLinks: (projectId: string) => ['portalLinks', projectId] as const,
  staffCalendar: (userId: string) => ['staffCalendar', userId] as const,
  customerCalendar: (organisationId: string) => ['customerCalendar', organisationId] as const,
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
    queryFn: async () => (await call(api.GET('/api/organisations', { params: { query: kind ? { kind } : {} } }))).items,
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
          params: {
            path: { id },
            query: { limit: auditPageSize, ...(pageParam === undefined ? {} : { cursor: pageParam }) },
          },
        }),
      ),
    getNextPageParam: (lastPage) => lastPage.nextCursor ?? undefined,
    enabled,
  });
}

/** Statuses the mail job may still change; while one is shown, the Mail tab polls so the manager sees it go out. */
const unsettledMailStatuses: ReadonlySet<MailStatus> = new Set(['queued', 'sending', 'retrying']);
const mailPollMs = 5_000;

export function isMailUnsettled(message: Pick<MailMessage, 'status'>): boolean {
  return unsettledMailStatuses.has(message.status);
}

/** The project's messages, oldest first, as the API gives them; nothing is fetched for someone who may not read them. */
export function useProjectMail(projectId: string, enabled = true) {
  return useQuery({
    queryKey: queryKeys.projectMail(projectId),
    queryFn: async () =>
      (await call(api.GET('/api/projects/{id}/mail', { params: { path: { id: projectId } } }))).items,
    refetchInterval: (query) => (query.state.data?.some(isMailUnsettled) ? mailPollMs : false),
    enabled,
  });
}

/** One message with its text and HTML parts; nothing is fetched while `id` is null. */
export function useMailMessage(id: string | null) {
  return useQuery({
    queryKey: queryKeys.mailMessage(id ?? ''),
    queryFn: () => call(api.GET('/api/mail/{id}', { params: { path: { id: id ?? '' } } })),
    enabled: id !== null,
    refetchInterval: (query) => (query.state.data && isMailUnsettled(query.state.data) ? mailPollMs : false),
  });
}

export function useUsers() {
  return useQuery({
    queryKey: queryKeys.users,
    queryFn: async () => (await call(api.GET('/api/users'))).items,
  });
}

export function useServices() {
  return useQuery({
    queryKey: queryKeys.services,
    queryFn: async () => (await call(api.GET('/api/catalog/services'))).items,
    ...referenceData,
  });
}

export function usePurchaseOrders(status?: PurchaseOrderStatus) {
  return useQuery({
    queryKey: queryKeys.purchaseOrders(status),
    queryFn: async () =>
      (await call(api.GET('/api/purchase-orders', { params: { query: status ? { status } : {} } }))).items,
  });
}

export function usePurchaseOrder(id: string) {
  return useQuery({
    queryKey: queryKeys.purchaseOrder(id),
    queryFn: () => call(api.GET('/api/purchase-orders/{id}', { params: { path: { id } } })),
  });
}

export function useContentItems() {
  return useQuery({
    queryKey: queryKeys.contentItems,
    queryFn: async () => (await call(api.GET('/api/admin/content'))).items,
  });
}

/** One item of the content library; not refetched behind an editor's back (a newer version shows up as a 409 on save). */
export function useContentItem(path: string) {
  return useQuery({
    queryKey: queryKeys.contentItem(path),
    queryFn: () => call(api.GET('/api/admin/content/item', { params: { query: { path } } })),
    staleTime: Infinity,
    refetchOnWindowFocus: false,
  });
}

export function usePlaceholders(key: EmailTemplateKey) {
  return useQuery({
    queryKey: queryKeys.placeholders(key),
    queryFn: async () =>
      (await call(api.GET('/api/admin/email-templates/{key}/placeholders', { params: { path: { key } } }))).items,
    ...referenceData,
  });
}

/** E5/E6 for staff: the requirement list, design notes, the review, and the changes the latest answers would make. */
export function useRequirements(projectId: string) {
  return useQuery({
    queryKey: queryKeys.requirements(projectId),
    queryFn: () => call(api.GET('/api/projects/{id}/requirements', { params: { path: { id: projectId } } })),
  });
}

/** E4: the project's design questionnaires and where each stands. */
export function useQuestionnaires(projectId: string) {
  return useQuery({
    queryKey: queryKeys.questionnaires(projectId),
    queryFn: async () =>
      (await call(api.GET('/api/projects/{id}/questionnaires', { params: { path: { id: projectId } } }))).items,
  });
}

/** One questionnaire with its form, answers and attachments; nothing is fetched while `applicationKey` is null. */
export function useQuestionnaire(projectId: string, applicationKey: string | null) {
  return useQuery({
    queryKey: queryKeys.questionnaire(projectId, applicationKey ?? ''),
    queryFn: () =>
      call(
        api.GET('/api/projects/{id}/questionnaires/{applicationKey}', {
          params: { path: { id: projectId, applicationKey: applicationKey ?? '' } },
        }),
      ),
    enabled: applicationKey !== null,
  });
}

/**
 * The personal links sent to the project's contacts, newest first. A link exists only once its email is delivered (the
 * token is minted then), and contacts use links at any time: the list is read again every few seconds while shown.
 */
export function usePortalLinks(projectId: string, enabled = true) {
  return useQuery({
    queryKey: queryKeys.portalLinks(projectId),
    queryFn: async () =>
      (await call(api.GET('/api/projects/{id}/portal-links', { params: { path: { id: projectId } } }))).items,
    enabled,
    refetchInterval: 5_000,
  });
}

export function useStaffCalendar(userId: string) {
  return useQuery({
    queryKey: queryKeys.staffCalendar(userId),
    queryFn: () => call(api.GET('/api/users/{id}/calendar', { params: { path: { id: userId } } })),
  });
}

export function useCustomerCalendar(organisationId: string) {
  return useQuery({
    queryKey: queryKeys.customerCalendar(organisationId),
    queryFn: () => call(api.GET('/api/organisations/{id}/calendar', { params: { path: { id: organisationId } } })),
  });
}
