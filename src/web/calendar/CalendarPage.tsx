import { Button, Group, Loader, Paper, Select, Stack, Text, Title } from '@mantine/core';
import { type DateTime } from 'luxon';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { useDirectory } from '../api/queries';
import { useCurrentUser } from '../auth/session';
import { PageLoader } from '../layout/PageLoader';
import { useDocumentTitle } from '../layout/useDocumentTitle';
import { ErrorAlert } from '../ui/ErrorAlert';
import { CalendarFeedCard } from './CalendarFeedCard';
import { useEngineerSessions, useViewerTimeZone } from './calendarApi';
import { parseAnchor, rangeOf, shiftAnchor, todayIn, viewTitle, visibleDays, type CalendarView } from './calendarDates';
import { MonthView } from './MonthView';
import { WeekView } from './WeekView';

function readView(value: string | null): CalendarView {
  return value === 'month' ? 'month' : 'week';
}

function UserPicker({ value, onChange }: { value: string; onChange: (id: string) => void }) {
  const { t } = useTranslation();
  const directory = useDirectory();
  const data = (directory.data ?? []).map((entry) => ({ value: entry.id, label: entry.name }));
  return (
    <Select
      label={t('calendar.userLabel')}
      data={data}
      value={value}
      onChange={(next) => next && onChange(next)}
      searchable
      allowDeselect={false}
      nothingFoundMessage={t('common.nothingFound')}
      disabled={directory.isPending}
      error={directory.isError ? t('calendar.directoryFailed') : undefined}
      w={260}
    />
  );
}

/** A staff member's sessions by week or month, in the viewer's time zone, and the viewer's calendar subscription. */
export default function CalendarPage() {
  const { t, i18n } = useTranslation();
  const me = useCurrentUser();
  const [searchParams, setSearchParams] = useSearchParams();
  const userId = searchParams.get('user') ?? me.id;
  const view = readView(searchParams.get('view'));
  const viewer = useViewerTimeZone(me.id);
  const zone = viewer.timeZone;
  const anchor = parseAnchor(searchParams.get('date'), zone);
  const days = visibleDays(view, anchor);
  const range = rangeOf(days);
  const calendar = useEngineerSessions(viewer.isPending ? '' : userId, range);
  const today = todayIn(zone);
  useDocumentTitle(t('calendar.title'));

  const update = (changes: Record<string, string | null>) => {
    const next = new URLSearchParams(searchParams);
    for (const [key, value] of Object.entries(changes)) {
      if (value === null) next.delete(key);
      else next.set(key, value);
    }
    setSearchParams(next, { replace: true });
  };
  const goTo = (date: DateTime) => update({ date: date.toISODate() });
  const unit = view === 'week' ? 'week' : 'month';
  const shownSessions = calendar.data?.sessions.filter((entry) => entry.state !== 'cancelled') ?? [];

  if (viewer.isPending) return <PageLoader />;
  return (
    <Stack gap="md">
      <Title order={1}>{t('calendar.title')}</Title>
      <Group align="flex-end" gap="md" wrap="wrap">
        <UserPicker value={userId} onChange={(id) => update({ user: id === me.id ? null : id })} />
        <Button.Group aria-label={t('calendar.viewLabel')}>
          {(['week', 'month'] as const).map((option) => (
            <Button
              key={option}
              variant={view === option ? 'filled' : 'default'}
              aria-pressed={view === option}
              onClick={() => update({ view: option === 'week' ? null : option })}
            >
              {t(`calendar.views.${option}`)}
            </Button>
          ))}
        </Button.Group>
        <Group gap={4}>
          <Button
            variant="default"
            onClick={() => goTo(shiftAnchor(view, anchor, -1))}
            aria-label={t(`calendar.previous.${unit}`)}
          >
            ‹
          </Button>
          <Button variant="default" onClick={() => update({ date: null })}>
            {t('calendar.today')}
          </Button>
          <Button
            variant="default"
            onClick={() => goTo(shiftAnchor(view, anchor, 1))}
            aria-label={t(`calendar.next.${unit}`)}
          >
            ›
          </Button>
        </Group>
      </Group>
      <Paper withBorder p="md" radius="md" component="section" aria-labelledby="calendar-range-title">
        <Stack gap="sm">
          <Group justify="space-between" align="baseline" wrap="wrap">
            <Group gap="sm" align="baseline">
              <Title order={2} size="h3" id="calendar-range-title" aria-live="polite">
                {calendar.data && calendar.data.user.id !== me.id
                  ? t('calendar.rangeOf', {
                      name: calendar.data.user.name,
                      range: viewTitle(view, days, anchor, i18n.language),
                    })
                  : viewTitle(view, days, anchor, i18n.language)}
              </Title>
              {calendar.isFetching && <Loader size="xs" aria-label={t('common.loading')} />}
            </Group>
            <Text size="sm" c="dimmed">
              {t('calendar.timesIn', { zone })}
            </Text>
          </Group>
          <Group gap="md" wrap="wrap">
            <Text size="xs" c="dimmed">
              <span
                style={{
                  display: 'inline-block',
                  width: 12,
                  height: 12,
                  border: '1px solid var(--mantine-color-blue-6)',
                  background: 'var(--mantine-color-blue-0)',
                  marginRight: 4,
                  verticalAlign: 'middle',
                }}
              />
              {t('calendar.legend.confirmed')}
            </Text>
            <Text size="xs" c="dimmed">
              <span
                style={{
                  display: 'inline-block',
                  width: 12,
                  height: 12,
                  border: '1px dashed var(--mantine-color-yellow-8)',
                  background: 'var(--mantine-color-yellow-0)',
                  marginRight: 4,
                  verticalAlign: 'middle',
                }}
              />
              {t('calendar.legend.tentative')}
            </Text>
            <Text size="xs" c="dimmed">
              <span
                style={{
                  display: 'inline-block',
                  width: 12,
                  height: 12,
                  background: 'var(--mantine-color-gray-1)',
                  border: '1px solid var(--mantine-color-gray-4)',
                  marginRight: 4,
                  verticalAlign: 'middle',
                }}
              />
              {t('calendar.legend.holiday')}
            </Text>
          </Group>
          {calendar.isError && (
            <ErrorAlert error={calendar.error} title={t('calendar.loadFailed')} preferServerReason />
          )}
          {calendar.isPending && !calendar.isError && <PageLoader />}
          {calendar.data && (
            <>
              {shownSessions.length === 0 && <Text c="dimmed">{t(`calendar.empty.${unit}`)}</Text>}
              {view === 'week' ? (
                <WeekView days={days} calendar={calendar.data} zone={zone} today={today} />
              ) : (
                <MonthView days={days} month={anchor.month} calendar={calendar.data} zone={zone} today={today} />
              )}
            </>
          )}
        </Stack>
      </Paper>
      <CalendarFeedCard />
    </Stack>
  );
}
