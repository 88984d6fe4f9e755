import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, call } from '../api/client';
import { queryKeys, useStaffCalendar } from '../api/queries';
import type { ResponseOf } from '../api/types';
import { localTimeZone } from '../lib/format';

export type EngineerCalendar = ResponseOf<'/api/users/{id}/sessions', 'get'>;
export type CalendarEntry = EngineerCalendar['sessions'][number];
export type TeamCapacity = ResponseOf<'/api/capacity', 'get'>;
export type EngineerCapacity = TeamCapacity['engineers'][number];
export type CalendarFeedStatus = ResponseOf<'/api/me/calendar-feed', 'get'>;

export const calendarKeys = {
  sessions: (userId: string, from: string, to: string) => ['calendarSessions', userId, from, to] as const,
  capacity: (from: string, weeks: number, team: string | null) => ['capacity', from, weeks, team ?? 'all'] as const,
  feed: ['calendarFeed'] as const,
};

/** A staff member's sessions, working time and holidays between two instants (at most 62 days apart). */
export function useEngineerSessions(userId: string, range: { from: string; to: string }) {
  return useQuery({
    queryKey: calendarKeys.sessions(userId, range.from, range.to),
    queryFn: () => call(api.GET('/api/users/{id}/sessions', { params: { path: { id: userId }, query: range } })),
    enabled: userId !== '',
    placeholderData: (previous) => previous,
  });
}

/** Available and booked hours per engineer for `weeks` weeks from the Monday `from` (YYYY-MM-DD). */
export function useCapacity(from: string, weeks: number, team: string | null) {
  return useQuery({
    queryKey: calendarKeys.capacity(from, weeks, team),
    queryFn: () => call(api.GET('/api/capacity', { params: { query: { from, weeks, ...(team ? { team } : {}) } } })),
    placeholderData: (previous) => previous,
  });
}

/**
 * The time zone the signed-in person sees times in: the one of their working calendar, else the browser's.
 * `isPending` stays true until the calendar has answered, so a view does not jump from one zone to another.
 */
export function useViewerTimeZone(userId: string): { timeZone: string; isPending: boolean } {
  const calendar = useStaffCalendar(userId);
  return { timeZone: calendar.data?.timeZone ?? localTimeZone(), isPending: calendar.isPending };
}

export function useCalendarFeed() {
  return useQuery({ queryKey: calendarKeys.feed, queryFn: () => call(api.GET('/api/me/calendar-feed')) });
}

/** Creates the caller's subscription address; any earlier address stops working. */
export function useCreateCalendarFeed() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => call(api.POST('/api/me/calendar-feed')),
    onSettled: () => queryClient.invalidateQueries({ queryKey: calendarKeys.feed }),
  });
}

export function useRevokeCalendarFeed() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async () => {
      await call(api.DELETE('/api/me/calendar-feed'));
    },
    onSettled: () => queryClient.invalidateQueries({ queryKey: calendarKeys.feed }),
  });
}

/** The content library's teams.yaml, which only admins may read; nothing is fetched for anyone else. */
export function useTeamsContent(isAllowed: boolean) {
  return useQuery({
    queryKey: queryKeys.contentItem('teams.yaml'),
    queryFn: () => call(api.GET('/api/admin/content/item', { params: { query: { path: 'teams.yaml' } } })),
    enabled: isAllowed,
    staleTime: Infinity,
    refetchOnWindowFocus: false,
    retry: false,
  });
}
