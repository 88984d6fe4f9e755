import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, call } from '../api/client';
import { ApiError, toApiError } from '../api/errors';
import type { components } from '../api/schema';
import type { BodyOf, ResponseOf } from '../api/types';
import i18n from '../i18n';
import type { UploadProgress } from '../questionnaire/types';

export type PortalHome = components['schemas']['PortalHome'];
export type PortalProject = components['schemas']['PortalProject'];
export type ContactRequirements = components['schemas']['ContactRequirements'];
export type Requirement = components['schemas']['Requirement'];
export type RequirementCategory = Requirement['category'];
export type PortalSessions = components['schemas']['PortalSessions'];
export type PortalSession = components['schemas']['PortalSession'];
export type PortalProposal = PortalSessions['proposals'][number];
/** The delivery checklists and documents, with the consent text in the contact's language. */
export type PortalDeliveryPage = ResponseOf<'/api/portal/projects/{id}/delivery', 'get'>;
export type PortalChecklistItem = PortalDeliveryPage['environment'][number];
export type PortalDeliveryDocument = PortalDeliveryPage['documents'][number];
export type DeliveryChecklist = 'environment' | 'pbx';
export type SignDocumentBody = BodyOf<'/api/portal/projects/{id}/delivery/documents/{documentId}/signature', 'post'>;

export const portalKeys = {
  all: ['portal'] as const,
  me: ['portal', 'me'] as const,
  project: (id: string) => ['portal', 'project', id] as const,
  questionnaire: (id: string, applicationKey: string) => ['portal', 'questionnaire', id, applicationKey] as const,
  requirements: (id: string) => ['portal', 'requirements', id] as const,
  sessions: (id: string) => ['portal', 'sessions', id] as const,
  delivery: (id: string) => ['portal', 'delivery', id] as const,
};

/** Whether an error means "no portal session": the contact must open their emailed link again. */
export function isSignedOut(error: unknown): boolean {
  return error instanceof ApiError && error.status === 401;
}

export function isNotFound(error: unknown): boolean {
  return error instanceof ApiError && (error.status === 404 || error.status === 403);
}

/** The signed-in contact and their projects; null when this browser has no portal session. */
export function usePortalMe() {
  return useQuery({
    queryKey: portalKeys.me,
    queryFn: async (): Promise<PortalHome | null> => {
      try {
        return await call(api.GET('/api/portal/me'));
      } catch (error) {
        if (isSignedOut(error)) return null;
        throw error;
      }
    },
    staleTime: 60_000,
  });
}

export function usePortalProject(id: string) {
  return useQuery({
    queryKey: portalKeys.project(id),
    queryFn: () => call(api.GET('/api/portal/projects/{id}', { params: { path: { id } } })),
  });
}

export function usePortalQuestionnaire(id: string, applicationKey: string) {
  return useQuery({
    queryKey: portalKeys.questionnaire(id, applicationKey),
    queryFn: () =>
      call(
        api.GET('/api/portal/projects/{id}/questionnaires/{applicationKey}', {
          params: { path: { id, applicationKey } },
        }),
      ),
    // Someone else (the engineer, during a call) may be answering too: coming back to the window always refetches.
    staleTime: 0,
  });
}

export function usePortalRequirements(id: string) {
  return useQuery({
    queryKey: portalKeys.requirements(id),
    queryFn: () => call(api.GET('/api/portal/projects/{id}/requirements', { params: { path: { id } } })),
  });
}

/** The dates offered to the contact to choose from, and the project's coming and past sessions. */
export function usePortalSessions(id: string) {
  return useQuery({
    queryKey: portalKeys.sessions(id),
    queryFn: () => call(api.GET('/api/portal/projects/{id}/sessions', { params: { path: { id } } })),
    // Another contact of the same project may choose a date meanwhile: coming back to the window refetches.
    staleTime: 0,
  });
}

/**
 * Accepts one offered date. A 409 means it was taken a moment ago and the server has offered the next free dates in
 * its place, so the list is refetched either way.
 */
export function useAcceptSlot(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ proposalId, sessionId }: { proposalId: string; sessionId: string }) =>
      call(
        api.POST('/api/portal/projects/{id}/proposals/{proposalId}/accept', {
          params: { path: { id, proposalId } },
          body: { sessionId },
        }),
      ),
    onSuccess: (sessions) => queryClient.setQueryData(portalKeys.sessions(id), sessions),
    onError: () => queryClient.invalidateQueries({ queryKey: portalKeys.sessions(id) }),
    onSettled: () => queryClient.invalidateQueries({ queryKey: portalKeys.project(id) }),
  });
}

/** Tells the engineer none of the offered dates suits, with a note saying which would. */
export function useAskForOtherDates(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ proposalId, note }: { proposalId: string; note: string }) =>
      call(
        api.POST('/api/portal/projects/{id}/proposals/{proposalId}/ask-for-others', {
          params: { path: { id, proposalId } },
          body: { note },
        }),
      ),
    onSuccess: (sessions) => queryClient.setQueryData(portalKeys.sessions(id), sessions),
  });
}

/** The machines to prepare (P1), the telephone system tasks (P3) and the documents to sign (P5/P7). */
export function usePortalDelivery(id: string) {
  return useQuery({
    queryKey: portalKeys.delivery(id),
    queryFn: () => call(api.GET('/api/portal/projects/{id}/delivery', { params: { path: { id } } })),
    // The engineer verifies ticks and puts new document versions up meanwhile: coming back to the window refetches.
    staleTime: 0,
  });
}

/** Ticks a checklist item as done (or takes the tick back), with the contact's optional note. */
export function useTickDeliveryItem(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({
      checklist,
      item,
      ticked,
      note,
    }: {
      checklist: DeliveryChecklist;
      item: PortalChecklistItem;
      ticked: boolean;
      note?: string;
    }) =>
      call(
        api.PUT('/api/portal/projects/{id}/delivery/checklists/{checklist}/ticks', {
          params: { path: { id, checklist } },
          body: {
            ...(item.applicationKey === null ? {} : { applicationKey: item.applicationKey }),
            itemKey: item.key,
            ticked,
            ...(note === undefined ? {} : { note }),
          },
        }),
      ),
    // A read of the page already on its way could land after this answer and show the box unticked again: it is
    // cancelled, and the page is read once more after the answer, so the newest read is the one shown.
    onMutate: () => queryClient.cancelQueries({ queryKey: portalKeys.delivery(id) }),
    onSuccess: (delivery) => queryClient.setQueryData(portalKeys.delivery(id), delivery),
    onSettled: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: portalKeys.project(id) }),
        queryClient.invalidateQueries({ queryKey: portalKeys.delivery(id) }),
      ]),
  });
}

/**
 * Signs one document version. A 409 means it was signed meanwhile or replaced by a newer version, so the page is
 * refetched either way to show what is there now.
 */
export function useSignDocument(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ documentId, body }: { documentId: string; body: SignDocumentBody }) =>
      call(
        api.POST('/api/portal/projects/{id}/delivery/documents/{documentId}/signature', {
          params: { path: { id, documentId } },
          body,
        }),
      ),
    onSuccess: (delivery) => queryClient.setQueryData(portalKeys.delivery(id), delivery),
    onError: () => queryClient.invalidateQueries({ queryKey: portalKeys.delivery(id) }),
    onSettled: () => queryClient.invalidateQueries({ queryKey: portalKeys.project(id) }),
  });
}

export function useSignOut() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => call(api.POST('/api/portal/logout')),
    onSuccess: () => {
      queryClient.removeQueries({ queryKey: portalKeys.all });
    },
  });
}

function readJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/**
 * Sends a file as the raw request body (its name in ?name=), reporting progress as it goes up; rejects with the
 * server's ApiError (file_type_refused, payload_too_large, validation_failed for an empty file).
 */
export function uploadRawFile(url: string, file: File, onProgress?: UploadProgress): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const request = new XMLHttpRequest();
    request.open('POST', `${url}?name=${encodeURIComponent(file.name)}`);
    request.withCredentials = true;
    request.setRequestHeader('content-type', 'application/octet-stream');
    request.setRequestHeader('accept-language', i18n.language || 'en');
    request.setRequestHeader('accept', 'application/json');
    if (onProgress) {
      request.upload.onprogress = (event) => {
        if (event.lengthComputable && event.total > 0) onProgress(event.loaded / event.total);
      };
    }
    request.onload = () => {
      const body = readJson(request.responseText);
      if (request.status >= 200 && request.status < 300) {
        resolve(body);
        return;
      }
      const headers = new Headers();
      const retryAfter = request.getResponseHeader('retry-after');
      if (retryAfter) headers.set('Retry-After', retryAfter);
      reject(toApiError(new Response(null, { status: request.status, statusText: request.statusText, headers }), body));
    };
    request.onerror = () => reject(new Error('network'));
    request.onabort = () => reject(new Error('aborted'));
    request.send(file);
  });
}

export const portalPaths = {
  home: '/portal',
  project: (id: string) => `/portal/projects/${id}`,
  questionnaire: (id: string, applicationKey: string) => `/portal/projects/${id}/questionnaires/${applicationKey}`,
  requirements: (id: string) => `/portal/projects/${id}/requirements`,
  sessions: (id: string) => `/portal/projects/${id}/sessions`,
  delivery: (id: string) => `/portal/projects/${id}/delivery`,
  deliveryPdf: (id: string, documentId: string) =>
    `/api/portal/projects/${encodeURIComponent(id)}/delivery/documents/${encodeURIComponent(documentId)}/pdf`,
  sessionCalendar: (id: string, sessionId: string) =>
    `/api/portal/projects/${encodeURIComponent(id)}/sessions/${encodeURIComponent(sessionId)}/calendar.ics`,
  file: (id: string, fileId: string) =>
    `/api/portal/projects/${encodeURIComponent(id)}/files/${encodeURIComponent(fileId)}`,
};
