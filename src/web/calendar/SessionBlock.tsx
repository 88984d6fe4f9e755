import { Text } from '@mantine/core';
import type { CSSProperties } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { CalendarEntry } from './calendarApi';
import { timeRange } from './calendarDates';

/** Where a session's project page opens: on its sessions tab. */
export function sessionHref(entry: CalendarEntry): string {
  return `/projects/${entry.project.id}?tab=sessions`;
}

/** The colours of a session by state: proposed ones are tentative (dashed), held ones done (grey). */
export function sessionStyle(entry: CalendarEntry): CSSProperties {
  if (entry.state === 'proposed') {
    return {
      background: 'var(--mantine-color-yellow-0)',
      border: '1px dashed var(--mantine-color-yellow-8)',
      color: 'var(--mantine-color-dark-7)',
    };
  }
  if (entry.state === 'held') {
    return {
      background: 'var(--mantine-color-gray-1)',
      border: '1px solid var(--mantine-color-gray-5)',
      color: 'var(--mantine-color-dark-6)',
    };
  }
  return {
    background: 'var(--mantine-color-blue-0)',
    border: '1px solid var(--mantine-color-blue-6)',
    color: 'var(--mantine-color-dark-7)',
  };
}

/** One session as a link to its project: the time, the title, the project, and whether it is only proposed. */
export function SessionBlock({
  entry,
  zone,
  compact = false,
  style,
}: {
  entry: CalendarEntry;
  zone: string;
  compact?: boolean;
  style?: CSSProperties;
}) {
  const { t } = useTranslation();
  const isTentative = entry.state === 'proposed';
  return (
    <Link
      to={sessionHref(entry)}
      style={{
        display: 'block',
        overflow: 'hidden',
        borderRadius: 4,
        padding: compact ? '1px 4px' : '2px 4px',
        textDecoration: 'none',
        fontSize: 12,
        lineHeight: 1.25,
        ...sessionStyle(entry),
        ...style,
      }}
      title={`${timeRange(entry.start, entry.end, zone)} ${entry.title} · ${entry.project.reference} ${entry.project.customerName}`}
    >
      <Text span size="xs" fw={700}>
        {timeRange(entry.start, entry.end, zone)}
      </Text>{' '}
      {isTentative && (
        <Text span size="xs" fs="italic">
          ({t('calendar.states.tentative')}){' '}
        </Text>
      )}
      {entry.state === 'held' && (
        <Text span size="xs" fs="italic">
          ({t('calendar.states.held')}){' '}
        </Text>
      )}
      <Text span size="xs">
        {entry.title}
      </Text>
      {!compact && !entry.title.includes(entry.project.reference) && (
        <Text size="xs" c="dimmed" truncate>
          {entry.project.reference} · {entry.project.customerName}
        </Text>
      )}
    </Link>
  );
}
