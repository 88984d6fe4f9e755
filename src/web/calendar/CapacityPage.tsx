import { Box, Button, Group, Loader, Select, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { useCurrentUser } from '../auth/session';
import { PageLoader } from '../layout/PageLoader';
import { useDocumentTitle } from '../layout/useDocumentTitle';
import { formatNumber } from '../lib/format';
import { EmptyState } from '../ui/EmptyState';
import { ErrorAlert } from '../ui/ErrorAlert';
import { useCapacity, useViewerTimeZone, type EngineerCapacity } from './calendarApi';
import { mondayOf, plusWeeks, weekHeading } from './calendarDates';
import { useTeamOptions } from './useTeamOptions';

const weekCounts = ['2', '4', '6', '8', '12'];

function readWeeks(value: string | null): number {
  return value && weekCounts.includes(value) ? Number(value) : 4;
}

/** One engineer's week: "booked / available h" over a bar; overbooked in red, no working time greyed. */
function CapacityCell({
  week,
  weekLabel,
  engineerName,
}: {
  week: EngineerCapacity['weeks'][number];
  weekLabel: string;
  engineerName: string;
}) {
  const { t, i18n } = useTranslation();
  const { availableHours, bookedHours } = week;
  const hasNoTime = availableHours <= 0;
  const share = hasNoTime ? (bookedHours > 0 ? 1 : 0) : bookedHours / availableHours;
  const isOver = bookedHours > availableHours;
  const booked = formatNumber(bookedHours, i18n.language);
  const available = formatNumber(availableHours, i18n.language);
  const color = isOver
    ? 'var(--mantine-color-red-7)'
    : share >= 0.8
      ? 'var(--mantine-color-orange-6)'
      : 'var(--mantine-color-blue-6)';
  const label =
    hasNoTime && bookedHours === 0
      ? t('calendar.capacity.noTimeLabel', { name: engineerName, week: weekLabel })
      : t('calendar.capacity.cellLabel', {
          name: engineerName,
          week: weekLabel,
          booked,
          available,
          percent: Math.round(share * 100),
        });
  return (
    <Table.Td style={{ background: hasNoTime ? 'var(--mantine-color-gray-1)' : undefined }}>
      <Stack gap={4}>
        <Text size="sm" c={isOver ? 'red.8' : hasNoTime ? 'dimmed' : undefined} fw={isOver ? 700 : undefined}>
          {hasNoTime && bookedHours === 0
            ? t('calendar.capacity.noTime')
            : t('calendar.capacity.hours', { booked, available })}
          {isOver && ` · ${t('calendar.capacity.over')}`}
        </Text>
        <Box
          role="meter"
          aria-label={label}
          aria-valuemin={0}
          aria-valuemax={100}
          aria-valuenow={Math.round(Math.min(share, 1) * 100)}
          style={{ height: 6, borderRadius: 3, background: 'var(--mantine-color-gray-2)', overflow: 'hidden' }}
        >
          <div
            style={{
              width: `${Math.min(share, 1) * 100}%`,
              height: '100%',
              background: hasNoTime && bookedHours === 0 ? 'transparent' : color,
            }}
          />
        </Box>
      </Stack>
    </Table.Td>
  );
}

/** Booked against available hours for every engineer, week by week: who has room for the next session. */
export default function CapacityPage() {
  const { t, i18n } = useTranslation();
  const me = useCurrentUser();
  const viewer = useViewerTimeZone(me.id);
  const [searchParams, setSearchParams] = useSearchParams();
  const from = mondayOf(searchParams.get('from'), viewer.timeZone);
  const weeks = readWeeks(searchParams.get('weeks'));
  const team = searchParams.get('team') || null;
  const capacity = useCapacity(from, weeks, team);
  const everyone = useCapacity(from, weeks, null);
  const teamOptions = useTeamOptions(everyone.data?.engineers ?? [], team);
  useDocumentTitle(t('calendar.capacity.title'));

  const update = (changes: Record<string, string | null>) => {
    const next = new URLSearchParams(searchParams);
    for (const [key, value] of Object.entries(changes)) {
      if (value === null) next.delete(key);
      else next.set(key, value);
    }
    setSearchParams(next, { replace: true });
  };
  const thisMonday = mondayOf(null, viewer.timeZone);

  if (viewer.isPending) return <PageLoader />;
  const data = capacity.data;
  return (
    <Stack gap="md">
      <Title order={1}>{t('calendar.capacity.title')}</Title>
      <Text c="dimmed">{t('calendar.capacity.intro')}</Text>
      <Group align="flex-end" gap="md" wrap="wrap">
        <TextInput
          type="date"
          label={t('calendar.capacity.from')}
          value={from}
          onChange={(event) =>
            event.currentTarget.value && update({ from: mondayOf(event.currentTarget.value, viewer.timeZone) })
          }
          w={180}
        />
        <Group gap={4}>
          <Button variant="default" onClick={() => update({ from: plusWeeks(from, -1) })}>
            {t('calendar.capacity.previousWeek')}
          </Button>
          <Button variant="default" onClick={() => update({ from: null })} disabled={from === thisMonday}>
            {t('calendar.capacity.thisWeek')}
          </Button>
          <Button variant="default" onClick={() => update({ from: plusWeeks(from, 1) })}>
            {t('calendar.capacity.nextWeek')}
          </Button>
        </Group>
        <Select
          label={t('calendar.capacity.weeks')}
          data={weekCounts}
          value={String(weeks)}
          onChange={(value) => update({ weeks: value && value !== '4' ? value : null })}
          allowDeselect={false}
          w={100}
        />
        <Select
          label={t('calendar.capacity.team')}
          placeholder={t('calendar.capacity.allTeams')}
          data={teamOptions}
          value={team}
          onChange={(value) => update({ team: value })}
          clearable
          searchable
          nothingFoundMessage={t('common.nothingFound')}
          w={240}
        />
        {capacity.isFetching && <Loader size="sm" aria-label={t('common.loading')} />}
      </Group>
      {capacity.isError && (
        <ErrorAlert error={capacity.error} title={t('calendar.capacity.loadFailed')} preferServerReason />
      )}
      {capacity.isPending && !capacity.isError && <PageLoader />}
      {data && data.engineers.length === 0 && (
        <EmptyState
          title={t('calendar.capacity.emptyTitle')}
          description={team ? t('calendar.capacity.emptyTeam') : t('calendar.capacity.emptyAll')}
        />
      )}
      {data && data.engineers.length > 0 && (
        <Table.ScrollContainer minWidth={200 + data.weeks.length * 150}>
          <Table
            striped={false}
            withTableBorder
            highlightOnHover={false}
            aria-label={t('calendar.capacity.tableLabel')}
          >
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('calendar.capacity.engineer')}</Table.Th>
                {data.weeks.map((week) => (
                  <Table.Th key={week} scope="col">
                    {t('calendar.capacity.weekOf', { date: weekHeading(week, i18n.language) })}
                  </Table.Th>
                ))}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {data.engineers.map((engineer) => (
                <Table.Tr key={engineer.id}>
                  <Table.Th scope="row" fw={500}>
                    <Text size="sm" fw={600}>
                      {engineer.name}
                    </Text>
                    {engineer.timeZone !== viewer.timeZone && (
                      <Text size="xs" c="dimmed">
                        {engineer.timeZone}
                      </Text>
                    )}
                  </Table.Th>
                  {data.weeks.map((week) => {
                    const cell = engineer.weeks.find((entry) => entry.week === week) ?? {
                      week,
                      availableHours: 0,
                      bookedHours: 0,
                    };
                    return (
                      <CapacityCell
                        key={week}
                        week={cell}
                        weekLabel={weekHeading(week, i18n.language)}
                        engineerName={engineer.name}
                      />
                    );
                  })}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Stack>
  );
}
