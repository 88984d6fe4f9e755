/** A duration written h:mm, such as 1:30 for ninety minutes. */
export function formatDuration(minutes: number): string {
  const hours = Math.floor(minutes / 60);
  const rest = minutes % 60;
  return `${hours}:${String(rest).padStart(2, '0')}`;
}

/** Hours as typed (1.25) to the whole minutes the server takes (75). */
export function hoursToMinutes(hours: number): number {
  return Math.round(hours * 60);
}

/** Where a performer choice is kept in one Select value: `staff:<id>` or `contact:<id>`. */
export type PerformerValue = `staff:${string}` | `contact:${string}`;

/** The performer of a POST body from a Select value; null when the value is not one. */
export function performerFromValue(
  value: string | null,
): { kind: 'staff'; userId: string } | { kind: 'contact'; contactId: string } | null {
  if (!value) return null;
  const [kind, id] = value.split(':', 2);
  if (!id) return null;
  if (kind === 'staff') return { kind: 'staff', userId: id };
  if (kind === 'contact') return { kind: 'contact', contactId: id };
  return null;
}
