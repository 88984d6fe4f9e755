const maxValueLength = 80;
const maxParts = 6;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function shorten(text: string, limit: number): string {
  return text.length > limit ? `${text.slice(0, limit - 1)}…` : text;
}

function formatValue(value: unknown): string {
  if (value === null || value === undefined) return '—';
  if (typeof value === 'string') return shorten(value, maxValueLength);
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return shorten(JSON.stringify(value), maxValueLength);
}

/** Flattens nested objects into `a.b.c → leaf` pairs; arrays and scalars are leaves. */
function flatten(value: unknown, prefix: string, into: Map<string, unknown>): Map<string, unknown> {
  if (isRecord(value)) {
    for (const [key, child] of Object.entries(value)) flatten(child, prefix ? `${prefix}.${key}` : key, into);
  } else if (prefix) {
    into.set(prefix, value);
  }
  return into;
}

/** One line saying what an audited change did: `path: before → after; …` for the leaves that changed. */
export function summariseChange(before: unknown, after: unknown): string {
  if (!isRecord(before) && !isRecord(after)) {
    if (before === null || before === undefined) return after === null || after === undefined ? '' : formatValue(after);
    return `${formatValue(before)} → ${formatValue(after)}`;
  }
  const previous = flatten(before, '', new Map());
  const next = flatten(after, '', new Map());
  const paths = [...new Set([...previous.keys(), ...next.keys()])];
  const parts = paths
    .filter((path) => JSON.stringify(previous.get(path)) !== JSON.stringify(next.get(path)))
    .map((path) =>
      previous.has(path)
        ? `${path}: ${formatValue(previous.get(path))} → ${formatValue(next.get(path))}`
        : `${path}: ${formatValue(next.get(path))}`,
    );
  const shown = parts.slice(0, maxParts).join('; ');
  return parts.length > maxParts ? `${shown}; +${parts.length - maxParts}` : shown;
}
