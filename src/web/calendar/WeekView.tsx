import { Badge, Box, Text } from '@mantine/core';
import type { DateTime } from 'luxon';
import { useTranslation } from 'react-i18next';
import type { EngineerCalendar } from './calendarApi';
import {
  assignLanes,
  dayEndHour,
  dayHeading,
  dayLongName,
  dayStartHour,
  hourLabels,
  placeInDay,
} from './calendarDates';
import { SessionBlock } from './SessionBlock';

const hourHeight = 44;
const bandHeight = (dayEndHour - dayStartHour) * hourHeight;

/** Seven day columns, 07:00 to 20:00, with the sessions placed by time and working hours shaded. */
export function WeekView({
  days,
  calendar,
  zone,
  today,
}: {
  days: DateTime[];
  calendar: EngineerCalendar;
  zone: string;
  today: string;
}) {
  const { t, i18n } = useTranslation();
  const sessions = calendar.sessions.filter((entry) => entry.state !== 'cancelled');
  const gridColumns = '56px repeat(7, minmax(110px, 1fr))';
  return (
    <Box style={{ overflowX: 'auto' }}>
      <Box style={{ minWidth: 56 + 7 * 110 }}>
        <Box
          style={{
            display: 'grid',
            gridTemplateColumns: gridColumns,
            borderBottom: '1px solid var(--mantine-color-gray-4)',
          }}
        >
          <div />
          {days.map((day) => {
            const date = day.toISODate() ?? '';
            const holiday = calendar.holidays.find((entry) => entry.date === date);
            const isToday = date === today;
            return (
              <Box
                key={date}
                p={4}
                ta="center"
                style={{ background: holiday ? 'var(--mantine-color-gray-1)' : undefined }}
              >
                <Text
                  size="sm"
                  fw={isToday ? 800 : 600}
                  c={isToday ? 'blue.8' : undefined}
                  aria-current={isToday ? 'date' : undefined}
                >
                  {dayHeading(day, i18n.language)}
                </Text>
                {holiday && (
                  <Badge size="xs" color="gray" variant="light" title={holiday.name} style={{ maxWidth: '100%' }}>
                    {t('calendar.holiday', { name: holiday.name })}
                  </Badge>
                )}
              </Box>
            );
          })}
        </Box>
        <Box style={{ display: 'grid', gridTemplateColumns: gridColumns }}>
          <Box style={{ position: 'relative', height: bandHeight }} aria-hidden>
            {hourLabels().map((label, index) => (
              <Text
                key={label}
                size="xs"
                c="dimmed"
                style={{ position: 'absolute', top: index * hourHeight - 7, right: 6 }}
              >
                {label}
              </Text>
            ))}
          </Box>
          {days.map((day) => {
            const date = day.toISODate() ?? '';
            const holiday = calendar.holidays.find((entry) => entry.date === date);
            const daySessions = sessions.filter((entry) => placeInDay(entry.start, entry.end, day) !== null);
            return (
              <Box
                key={date}
                component="section"
                aria-label={dayLongName(day, i18n.language)}
                style={{
                  position: 'relative',
                  height: bandHeight,
                  borderLeft: '1px solid var(--mantine-color-gray-3)',
                  background: holiday
                    ? 'var(--mantine-color-gray-1)'
                    : `repeating-linear-gradient(to bottom, transparent 0, transparent ${hourHeight - 1}px, var(--mantine-color-gray-2) ${hourHeight - 1}px, var(--mantine-color-gray-2) ${hourHeight}px)`,
                }}
              >
                {calendar.workingIntervals.map((interval) => {
                  const place = placeInDay(interval.start, interval.end, day);
                  if (!place) return null;
                  return (
                    <div
                      key={interval.start}
                      aria-hidden
                      style={{
                        position: 'absolute',
                        left: 0,
                        right: 0,
                        top: `${place.top}%`,
                        height: `${place.height}%`,
                        background: 'rgba(34, 139, 230, 0.05)',
                      }}
                    />
                  );
                })}
                {assignLanes(daySessions).map(({ item, lane, lanes }) => {
                  const place = placeInDay(item.start, item.end, day);
                  if (!place) return null;
                  return (
                    <SessionBlock
                      key={item.id}
                      entry={item}
                      zone={zone}
                      style={{
                        position: 'absolute',
                        top: `${place.top}%`,
                        height: `${place.height}%`,
                        minHeight: 20,
                        left: `calc(${(lane / lanes) * 100}% + 2px)`,
                        width: `calc(${100 / lanes}% - 4px)`,
                        zIndex: 1,
                      }}
                    />
                  );
                })}
              </Box>
            );
          })}
        </Box>
      </Box>
    </Box>
  );
}
