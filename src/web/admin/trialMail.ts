import { useQuery } from '@tanstack/react-query';
import { api, call } from '../api/client';
import type { ResponseOf } from '../api/types';

export type TrialMailList = ResponseOf<'/api/admin/trial-mail', 'get'>;
export type TrialMailSummary = TrialMailList['items'][number];
export type TrialMailDetail = ResponseOf<'/api/admin/trial-mail/{id}', 'get'>;

export const trialMailKeys = {
  mode: ['mailMode'] as const,
  all: ['trialMail'] as const,
  list: (recipient: string | null, before: string | null) =>
    ['trialMail', 'list', recipient ?? '', before ?? ''] as const,
  message: (id: string) => ['trialMail', 'message', id] as const,
};

/** Whether email goes to the trial mailbox; it changes only with a restart, so it is read once per page load. */
export function useMailMode() {
  return useQuery({
    queryKey: trialMailKeys.mode,
    queryFn: () => call(api.GET('/api/mail/mode')),
    staleTime: Infinity,
  });
}

/** A page of the trial mailbox, newest first; the list is fetched again every few seconds, as new mail arrives. */
export function useTrialMailbox(recipient: string | null, before: string | null) {
  return useQuery({
    queryKey: trialMailKeys.list(recipient, before),
    queryFn: () =>
      call(
        api.GET('/api/admin/trial-mail', {
          params: {
            query: { ...(recipient === null ? {} : { recipient }), ...(before === null ? {} : { before }), limit: 50 },
          },
        }),
      ),
    refetchInterval: before === null ? 5_000 : false,
  });
}

export function useTrialMessage(id: string | null) {
  return useQuery({
    queryKey: trialMailKeys.message(id ?? ''),
    queryFn: () => call(api.GET('/api/admin/trial-mail/{id}', { params: { path: { id: id ?? '' } } })),
    enabled: id !== null,
    staleTime: Infinity,
  });
}

const base = (id: string) => `/api/admin/trial-mail/${encodeURIComponent(id)}`;

export const trialMailUrls = {
  source: (id: string) => `${base(id)}/source`,
  calendar: (id: string) => `${base(id)}/calendar.ics`,
  attachment: (id: string, index: number) => `${base(id)}/attachments/${index}`,
};
