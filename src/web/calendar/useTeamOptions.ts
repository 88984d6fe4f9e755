import { useCurrentUser } from '../auth/session';
import { localizedTextOf, useLocalized } from '../lib/format';
import { useTeamsContent, type EngineerCapacity } from './calendarApi';

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * The competence teams to filter by: named from the content library (teams.yaml) where the viewer may read it (admins),
 * and otherwise the team keys the engineers carry.
 */
export function useTeamOptions(
  engineers: EngineerCapacity[],
  selected: string | null,
): { value: string; label: string }[] {
  const user = useCurrentUser();
  const localized = useLocalized();
  const item = useTeamsContent(user.role === 'admin');
  const body: unknown = item.data?.body;
  const list: unknown = isRecord(body) ? body['teams'] : undefined;
  const named = Array.isArray(list)
    ? list.flatMap((entry: unknown) => {
        if (!isRecord(entry) || typeof entry['key'] !== 'string') return [];
        return [{ value: entry['key'], label: localized(localizedTextOf(entry['name'], entry['key'])) }];
      })
    : [];
  const keys = new Set([...engineers.flatMap((engineer) => engineer.teams), ...(selected ? [selected] : [])]);
  const unnamed = [...keys]
    .filter((key) => !named.some((option) => option.value === key))
    .map((key) => ({ value: key, label: key }));
  return [...named, ...unnamed].sort((a, b) => a.label.localeCompare(b.label));
}
