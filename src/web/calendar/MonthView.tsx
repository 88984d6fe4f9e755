import { Stack, Table, Text, VisuallyHidden } from '@mantine/core';
import type { DateTime } from 'luxon';
import { useTranslation } from 'react-i18next';
import { localeOf } from '../lib/format';
import type { EngineerCalendar } from './calendarApi';
import { dayLongName, touchesDay } from './calendarDates';
import { SessionBlock } from './SessionBlock';

/** Whole weeks covering the month, each day listing its sessions. */
export function MonthView({
  days,
  month,
  calendar,
  zone,
  today,
}: {
  days: DateTime[];
  month: number;
  calendar: EngineerCalendar;
  zone: string;
  today: string;
}) {
  const { t, i18n } = useTranslation();
  const sessions = calendar.sessions
    .filter((entry) => entry.state !== 'cancelled')
    .sort((a, b) => a.start.localeCompare(b.start));
  const weeks: DateTime[][] = [];
  for (let index = 0; index < days.length; index += 7) weeks.push(days.slice(index, index + 7));
  const locale = localeOf(i18n.language);
  return (
    <Table.ScrollContainer minWidth={780}>
      <Table withTableBorder withColumnBorders layout="fixed" aria-label={t('calendar.monthTableLabel')}>
        <Table.Thead>
          <Table.Tr>
            {(weeks[0] ?? []).map((day) => (
              <Table.Th key={day.weekday} scope="col" ta="center">
                {day.setLocale(locale).toLocaleString({ weekday: 'short' })}
              </Table.Th>
            ))}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {weeks.map((week) => (
            <Table.Tr key={week[0]?.toISODate() ?? ''}>
              {week.map((day) => {
                const date = day.toISODate() ?? '';
                const holiday = calendar.holidays.find((entry) => entry.date === date);
                const isOtherMonth = day.month !== month;
                const isToday = date === today;
                const daySessions = sessions.filter((entry) => touchesDay(entry.start, entry.end, day));
                return (
                  <Table.Td
                    key={date}
                    valign="top"
                    style={{
                      height: 110,
                      verticalAlign: 'top',
                      background: holiday ? 'var(--mantine-color-gray-1)' : undefined,
                      opacity: isOtherMonth ? 0.6 : 1,
                    }}
                  >
                    <Stack gap={2}>
                      <Text
                        size="sm"
                        fw={isToday ? 800 : 500}
                        c={isToday ? 'blue.8' : isOtherMonth ? 'dimmed' : undefined}
                        aria-current={isToday ? 'date' : undefined}
                      >
                        <span aria-hidden>{day.day}</span>
                        <VisuallyHidden>{dayLongName(day, i18n.language)}</VisuallyHidden>
                      </Text>
                      {holiday && (
                        <Text size="xs" c="dimmed" fs="italic">
                          {t('calendar.holiday', { name: holiday.name })}
                        </Text>
                      )}
                      {daySessions.map((entry) => (
                        <SessionBlock key={entry.id} entry={entry} zone={zone} compact />
                      ))}
                    </Stack>
                  </Table.Td>
                );
              })}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
