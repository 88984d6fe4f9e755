import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api, call } from '../api/client';
import { queryKeys } from '../api/queries';
import { workLogKeys } from '../worklog/workLogApi';
import type { BodyOf, ResponseOf } from '../api/types';
import { useWorkMutation } from '../projects/projectWork';

export type ProjectSessions = ResponseOf<'/api/projects/{id}/sessions', 'get'>;
export type Session = ProjectSessions['sessions'][number];
export type SessionState = Session['state'];
export type SessionMode = Session['mode'];
export type Proposal = ProjectSessions['proposals'][number];
export type ProposalState = Proposal['state'];
export type ScheduleTarget = ProjectSessions['schedule'];
export type SlotSuggestions = ResponseOf<'/api/projects/{id}/slot-suggestions', 'get'>;
export type EngineerSlots = SlotSuggestions['engineer'];
export type Slot = EngineerSlots['slots'][number];
export type ProposeBody = BodyOf<'/api/projects/{id}/proposals', 'post'>;
export type BookBody = BodyOf<'/api/projects/{id}/sessions', 'post'>;
export type RecordPastBody = BodyOf<'/api/projects/{id}/past-sessions', 'post'>;
export type RescheduleBody = BodyOf<'/api/projects/{id}/sessions/{sessionId}/reschedule', 'post'>;

export const sessionModes = ['remote', 'on-site'] as const satisfies readonly SessionMode[];

export const sessionKeys = {
  sessions: (projectId: string) => ['projectSessions', projectId] as const,
  suggestions: (projectId: string, durationMinutes: number) => ['slotSuggestions', projectId, durationMinutes] as const,
};

/** The project's sessions, proposals, scheduling gate and target. */
export function useProjectSessions(projectId: string) {
  return useQuery({
    queryKey: sessionKeys.sessions(projectId),
    queryFn: () => call(api.GET('/api/projects/{id}/sessions', { params: { path: { id: projectId } } })),
  });
}

/** The earliest free dates of the project's engineer and of the other engineers of the team; fetched on demand. */
export function useSlotSuggestions(projectId: string, durationMinutes: number, isEnabled: boolean) {
  return useQuery({
    queryKey: sessionKeys.suggestions(projectId, durationMinutes),
    queryFn: () =>
      call(
        api.GET('/api/projects/{id}/slot-suggestions', {
          params: { path: { id: projectId }, query: { durationMinutes, count: 3, onePerDay: 'true' } },
        }),
      ),
    enabled: isEnabled,
    placeholderData: keepPreviousData,
    retry: false,
  });
}

/** A change to the project's sessions: sessions, suggestions, mail, the work log (a held session), project and audit are fetched again. */
export function useSessionMutation<Variables, Result>(
  projectId: string,
  mutationFn: (variables: Variables) => Promise<Result>,
  successMessage: string,
) {
  return useWorkMutation(projectId, mutationFn, {
    successMessage,
    invalidate: [
      sessionKeys.sessions(projectId),
      ['slotSuggestions', projectId],
      queryKeys.projectMail(projectId),
      workLogKeys.workLog(projectId),
    ],
    notifyError: false,
  });
}

export function proposeSessions(projectId: string, body: ProposeBody) {
  return call(api.POST('/api/projects/{id}/proposals', { params: { path: { id: projectId } }, body }));
}

export function bookSession(projectId: string, body: BookBody) {
  return call(api.POST('/api/projects/{id}/sessions', { params: { path: { id: projectId } }, body }));
}

export function recordPastSession(projectId: string, body: RecordPastBody) {
  return call(api.POST('/api/projects/{id}/past-sessions', { params: { path: { id: projectId } }, body }));
}

export function withdrawProposal(projectId: string, proposalId: string) {
  return call(
    api.POST('/api/projects/{id}/proposals/{proposalId}/withdraw', { params: { path: { id: projectId, proposalId } } }),
  );
}

export function overrideScheduling(projectId: string, reason: string) {
  return call(
    api.POST('/api/projects/{id}/scheduling-override', { params: { path: { id: projectId } }, body: { reason } }),
  );
}

export function rescheduleSession(projectId: string, sessionId: string, body: RescheduleBody) {
  return call(
    api.POST('/api/projects/{id}/sessions/{sessionId}/reschedule', {
      params: { path: { id: projectId, sessionId } },
      body,
    }),
  );
}

export function cancelSession(projectId: string, sessionId: string, reason: string) {
  return call(
    api.POST('/api/projects/{id}/sessions/{sessionId}/cancel', {
      params: { path: { id: projectId, sessionId } },
      body: { reason },
    }),
  );
}

export function markSessionHeld(projectId: string, sessionId: string, note: string) {
  return call(
    api.POST('/api/projects/{id}/sessions/{sessionId}/held', {
      params: { path: { id: projectId, sessionId } },
      body: note ? { note } : {},
    }),
  );
}

/** Where the session's calendar file is downloaded from. */
export function calendarFileUrl(projectId: string, sessionId: string): string {
  return `/api/projects/${encodeURIComponent(projectId)}/sessions/${encodeURIComponent(sessionId)}/calendar.ics`;
}
