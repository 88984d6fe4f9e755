import { Button, Divider, Group, List, Loader, Stack, Text, TextInput, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, call } from '../api/client';
import { fieldErrorsFrom } from '../api/errors';
import { queryKeys, useStaffCalendar } from '../api/queries';
import type { ResponseOf } from '../api/types';
import { formatCalendarDate, formatDateTime } from '../lib/format';
import { ConfirmDialog } from '../ui/ConfirmDialog';
import { LiveError } from '../ui/ErrorAlert';
import { CalendarForm } from './CalendarForm';

type StaffCalendar = ResponseOf<'/api/users/{id}/calendar', 'get'>;
type TimeOff = StaffCalendar['timeOff'][number];

const shownHolidays = 5;

function describeTimeOff(entry: TimeOff, language: string): string {
  if (entry.kind === 'days' && entry.firstDay) {
    const first = formatCalendarDate(entry.firstDay, language);
    const last = entry.lastDay && entry.lastDay !== entry.firstDay ? formatCalendarDate(entry.lastDay, language) : null;
    return last ? `${first} – ${last}` : first;
  }
  const start = entry.start ? formatDateTime(entry.start, language) : '';
  const end = entry.end ? formatDateTime(entry.end, language) : '';
  return `${start} – ${end}`;
}

function AddTimeOffForm({ userId }: { userId: string }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const form = useForm<{ firstDay: string; lastDay: string; note: string }>({
    mode: 'controlled',
    initialValues: { firstDay: '', lastDay: '', note: '' },
    validate: {
      firstDay: (value) => (value ? null : t('calendars.errors.firstDay')),
      lastDay: (value, values) =>
        !value
          ? t('calendars.errors.lastDay')
          : values.firstDay && value < values.firstDay
            ? t('calendars.errors.lastBeforeFirst')
            : null,
    },
  });
  const add = useMutation({
    mutationFn: (values: { firstDay: string; lastDay: string; note: string }) =>
      call(
        api.POST('/api/users/{id}/time-off', {
          params: { path: { id: userId } },
          body: {
            kind: 'days',
            firstDay: values.firstDay,
            lastDay: values.lastDay,
            ...(values.note.trim() ? { note: values.note.trim() } : {}),
          },
        }),
      ),
    onSuccess: (calendar) => {
      queryClient.setQueryData(queryKeys.staffCalendar(userId), calendar);
      notifications.show({ color: 'green', message: t('calendars.timeOffAdded') });
      form.reset();
    },
    onError: (error) => form.setErrors(fieldErrorsFrom(error, ['firstDay', 'lastDay', 'note'] as const).fieldErrors),
  });
  return (
    <form onSubmit={form.onSubmit((values) => add.mutate(values))} noValidate>
      <Stack gap="xs">
        <Group grow align="flex-start">
          <TextInput type="date" label={t('calendars.firstDay')} required {...form.getInputProps('firstDay')} />
          <TextInput type="date" label={t('calendars.lastDay')} required {...form.getInputProps('lastDay')} />
        </Group>
        <TextInput label={t('calendars.note')} maxLength={300} autoComplete="off" {...form.getInputProps('note')} />
        <LiveError error={add.error} />
        <Group justify="flex-end">
          <Button type="submit" variant="light" loading={add.isPending}>
            {t('calendars.addTimeOff')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

/** The contents of a staff member's "Working calendar" dialog: the week, the coming holidays, the time off. */
export function StaffCalendarPanel({ userId, onDone }: { userId: string; onDone: () => void }) {
  const { t, i18n } = useTranslation();
  const language = i18n.resolvedLanguage ?? 'en';
  const queryClient = useQueryClient();
  const calendar = useStaffCalendar(userId);
  const [removing, setRemoving] = useState<TimeOff | null>(null);
  const remove = useMutation({
    mutationFn: (entry: TimeOff) =>
      call(
        api.DELETE('/api/users/{id}/time-off/{timeOffId}', { params: { path: { id: userId, timeOffId: entry.id } } }),
      ),
    onSuccess: (updated) => {
      queryClient.setQueryData(queryKeys.staffCalendar(userId), updated);
      notifications.show({ color: 'green', message: t('calendars.timeOffRemoved') });
      setRemoving(null);
    },
  });

  if (calendar.isPending) {
    return (
      <Group justify="center" p="xl" role="status">
        <Loader aria-label={t('common.loading')} />
      </Group>
    );
  }
  if (calendar.isError) return <LiveError error={calendar.error} />;
  const data = calendar.data;
  const holidays = data.upcomingHolidays.slice(0, shownHolidays);

  return (
    <Stack>
      <CalendarForm
        initial={{ timeZone: data.timeZone, days: data.workingDays, hours: data.workingHours, holidays: data.holidays }}
        daysLabel={t('calendars.workingDays')}
        hoursLabel={t('calendars.workingHours')}
        serverFields={{ days: 'workingDays', hours: 'workingHours' }}
        save={(values) =>
          call(
            api.PUT('/api/users/{id}/calendar', {
              params: { path: { id: userId } },
              body: {
                timeZone: values.timeZone,
                workingDays: values.days,
                workingHours: values.hours,
                holidays: values.holidays,
              },
            }),
          ).then((updated) => queryClient.setQueryData(queryKeys.staffCalendar(userId), updated))
        }
        onSaved={() => {
          notifications.show({ color: 'green', message: t('calendars.saved') });
          onDone();
        }}
        onCancel={onDone}
      />
      <Divider />
      <Title order={3} size="h5">
        {t('calendars.upcomingHolidays')}
      </Title>
      {holidays.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('calendars.noHolidays')}
        </Text>
      ) : (
        <List size="sm" spacing={2}>
          {holidays.map((holiday) => (
            <List.Item key={`${holiday.date}-${holiday.name}`}>
              {formatCalendarDate(holiday.date, language)} · {holiday.name}
            </List.Item>
          ))}
        </List>
      )}
      <Divider />
      <Title order={3} size="h5">
        {t('calendars.timeOff')}
      </Title>
      {data.timeOff.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('calendars.noTimeOff')}
        </Text>
      ) : (
        <Stack gap={4}>
          {data.timeOff.map((entry) => {
            const when = describeTimeOff(entry, language);
            return (
              <Group key={entry.id} justify="space-between" wrap="nowrap">
                <Text size="sm">
                  {when}
                  {entry.note ? (
                    <Text span c="dimmed" size="sm">
                      {' '}
                      · {entry.note}
                    </Text>
                  ) : null}
                </Text>
                <Button
                  size="xs"
                  variant="subtle"
                  color="red"
                  aria-haspopup="dialog"
                  aria-label={t('calendars.removeTimeOffOf', { when })}
                  onClick={() => {
                    remove.reset();
                    setRemoving(entry);
                  }}
                >
                  {t('calendars.remove')}
                </Button>
              </Group>
            );
          })}
        </Stack>
      )}
      <AddTimeOffForm userId={userId} />
      <ConfirmDialog
        opened={removing !== null}
        title={t('calendars.removeTimeOffTitle')}
        message={removing ? t('calendars.removeTimeOffConfirm', { when: describeTimeOff(removing, language) }) : ''}
        confirmLabel={t('calendars.remove')}
        confirmColor="red"
        isPending={remove.isPending}
        error={remove.error}
        preferServerReason
        onClose={() => !remove.isPending && setRemoving(null)}
        onConfirm={() => removing && remove.mutate(removing)}
      />
    </Stack>
  );
}
