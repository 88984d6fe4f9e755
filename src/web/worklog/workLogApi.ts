import { useQuery } from '@tanstack/react-query';
import { api, call } from '../api/client';
import type { BodyOf, ResponseOf } from '../api/types';
import { useWorkMutation } from '../projects/projectWork';

export type WorkLog = ResponseOf<'/api/projects/{id}/work-log', 'get'>;
export type WorkLogEntry = WorkLog['entries'][number];
export type EffortLine = WorkLog['effort']['lines'][number];
export type EffortLevel = EffortLine['level'];
export type NewWorkLogEntryBody = BodyOf<'/api/projects/{id}/work-log', 'post'>;

export const workLogKeys = {
  workLog: (projectId: string) => ['projectWorkLog', projectId] as const,
};

/** The project's work log and the effort used against each purchase order line. */
export function useWorkLog(projectId: string) {
  return useQuery({
    queryKey: workLogKeys.workLog(projectId),
    queryFn: () => call(api.GET('/api/projects/{id}/work-log', { params: { path: { id: projectId } } })),
  });
}

/** A change to the project's work log: the log, the project and its audit trail are fetched again. */
export function useWorkLogMutation<Variables, Result>(
  projectId: string,
  mutationFn: (variables: Variables) => Promise<Result>,
  successMessage: string,
) {
  return useWorkMutation(projectId, mutationFn, {
    successMessage,
    invalidate: [workLogKeys.workLog(projectId)],
    notifyError: false,
  });
}

export function logWork(projectId: string, body: NewWorkLogEntryBody) {
  return call(api.POST('/api/projects/{id}/work-log', { params: { path: { id: projectId } }, body }));
}

export function removeWorkLogEntry(projectId: string, entryId: string) {
  return call(api.DELETE('/api/projects/{id}/work-log/{entryId}', { params: { path: { id: projectId, entryId } } }));
}
