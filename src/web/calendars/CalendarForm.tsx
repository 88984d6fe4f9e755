import { ActionIcon, Autocomplete, Button, Checkbox, Group, Select, Stack, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { fieldErrorsFrom } from '../api/errors';
import { localeOf } from '../lib/format';
import { LiveError } from '../ui/ErrorAlert';

export interface WallClockInterval {
  start: string;
  end: string;
}

/** A working week as the calendar endpoints take it, whatever they call its days and hours. */
export interface CalendarValues {
  timeZone: string;
  days: number[];
  hours: WallClockInterval[];
  holidays: { country: string; region: string | null };
}

interface FormValues {
  timeZone: string | null;
  days: string[];
  hours: WallClockInterval[];
  country: string;
  region: string;
}

export const isoWeekdays = [1, 2, 3, 4, 5, 6, 7] as const;
const wallClockPattern = /^([01]\d|2[0-3]):[0-5]\d$|^24:00$/;
const countryPattern = /^[A-Z]{2}$/;
/** Countries offered first; any other two-letter code can be typed. */
const commonCountries = ['IT', 'AE', 'SA', 'QA', 'GB', 'IE', 'DE', 'FR', 'ES', 'PT', 'CH', 'AT', 'NL', 'BE', 'US'];

let timeZones: string[] | undefined;
function allTimeZones(): string[] {
  timeZones ??= Intl.supportedValuesOf('timeZone');
  return timeZones;
}

/** The name of an ISO weekday (1 = Monday … 7 = Sunday) in the given language. */
export function weekdayName(day: number, language: string | undefined, width: 'long' | 'short' = 'long'): string {
  // 1 January 2024 was a Monday.
  return new Intl.DateTimeFormat(localeOf(language), { weekday: width, timeZone: 'UTC' }).format(
    new Date(Date.UTC(2024, 0, day)),
  );
}

/** "09:00–13:00, 14:00–18:00" */
export function formatHours(hours: readonly WallClockInterval[]): string {
  return hours.map((interval) => `${interval.start}–${interval.end}`).join(', ');
}

/** "IT" or "IT (RM)", with the country's name when the browser knows it. */
export function formatHolidayRegion(
  holidays: { country: string; region: string | null },
  language: string | undefined,
): string {
  let country = holidays.country;
  try {
    const name = new Intl.DisplayNames([localeOf(language)], { type: 'region' }).of(holidays.country);
    if (name && name !== holidays.country) country = `${name} (${holidays.country})`;
  } catch {
    // An unknown code is shown as it is.
  }
  return holidays.region ? `${country} · ${holidays.region}` : country;
}

interface CalendarFormProps {
  initial: CalendarValues;
  daysLabel: string;
  hoursLabel: string;
  /** How the endpoint names the days and hours fields, to put its field errors on the right inputs. */
  serverFields: { days: string; hours: string };
  save: (values: CalendarValues) => Promise<unknown>;
  onSaved: () => void;
  onCancel: () => void;
}

/** Time zone, days of the week, hours of a day and the region whose public holidays apply. */
export function CalendarForm({
  initial,
  daysLabel,
  hoursLabel,
  serverFields,
  save,
  onSaved,
  onCancel,
}: CalendarFormProps) {
  const { t, i18n } = useTranslation();
  const form = useForm<FormValues>({
    mode: 'controlled',
    initialValues: {
      timeZone: initial.timeZone,
      days: initial.days.map(String),
      hours: initial.hours.length > 0 ? initial.hours : [{ start: '09:00', end: '18:00' }],
      country: initial.holidays.country,
      region: initial.holidays.region ?? '',
    },
    validate: {
      timeZone: (value) => (value ? null : t('calendars.errors.timeZone')),
      days: (value) => (value.length > 0 ? null : t('calendars.errors.days')),
      hours: {
        start: (value) => (wallClockPattern.test(value.trim()) ? null : t('calendars.errors.time')),
        end: (value, values, path) => {
          if (!wallClockPattern.test(value.trim())) return t('calendars.errors.time');
          const start = values.hours[Number(path.split('.')[1])]?.start.trim() ?? '';
          return wallClockPattern.test(start) && value.trim() <= start ? t('calendars.errors.endBeforeStart') : null;
        },
      },
      country: (value) => (countryPattern.test(value.trim().toUpperCase()) ? null : t('calendars.errors.country')),
    },
  });
  const mutation = useMutation({
    mutationFn: save,
    onSuccess: onSaved,
    onError: (error) => {
      const fields = ['timeZone', serverFields.days, serverFields.hours, 'holidays'];
      const { fieldErrors } = fieldErrorsFrom(error, fields);
      form.setErrors({
        timeZone: fieldErrors['timeZone'],
        days: fieldErrors[serverFields.days],
        hours: fieldErrors[serverFields.hours],
        country: fieldErrors['holidays'],
      });
    },
  });
  const zones = allTimeZones();
  const zoneOptions = initial.timeZone && !zones.includes(initial.timeZone) ? [initial.timeZone, ...zones] : zones;
  const submit = form.onSubmit((values) =>
    mutation.mutate({
      timeZone: values.timeZone ?? '',
      days: values.days.map(Number).sort((a, b) => a - b),
      hours: values.hours.map((interval) => ({ start: interval.start.trim(), end: interval.end.trim() })),
      holidays: { country: values.country.trim().toUpperCase(), region: values.region.trim() || null },
    }),
  );
  const hoursError = form.errors['hours'];

  return (
    <form onSubmit={submit} noValidate>
      <Stack>
        <Select
          label={t('calendars.timeZone')}
          required
          searchable
          allowDeselect={false}
          data={zoneOptions}
          limit={50}
          nothingFoundMessage={t('common.nothingFound')}
          comboboxProps={{ withinPortal: true }}
          data-autofocus
          {...form.getInputProps('timeZone')}
        />
        <Checkbox.Group label={daysLabel} required {...form.getInputProps('days')}>
          <Group gap="md" mt={6}>
            {isoWeekdays.map((day) => (
              <Checkbox key={day} value={String(day)} label={weekdayName(day, i18n.resolvedLanguage)} />
            ))}
          </Group>
        </Checkbox.Group>
        <Stack gap={6} role="group" aria-labelledby="calendar-hours-label">
          <Text id="calendar-hours-label" size="sm" fw={500}>
            {hoursLabel}
          </Text>
          {form.values.hours.map((interval, index) => (
            <Group key={index} gap="xs" align="flex-start" wrap="nowrap">
              <TextInput
                aria-label={t('calendars.hoursFrom', { index: index + 1 })}
                placeholder="09:00"
                w={110}
                autoComplete="off"
                {...form.getInputProps(`hours.${index}.start`)}
              />
              <Text pt={6} aria-hidden>
                –
              </Text>
              <TextInput
                aria-label={t('calendars.hoursTo', { index: index + 1 })}
                placeholder="18:00"
                w={110}
                autoComplete="off"
                {...form.getInputProps(`hours.${index}.end`)}
              />
              <ActionIcon
                variant="subtle"
                color="red"
                mt={4}
                disabled={form.values.hours.length <= 1}
                aria-label={t('calendars.removeHours', { start: interval.start, end: interval.end })}
                onClick={() => form.removeListItem('hours', index)}
              >
                <span aria-hidden>✕</span>
              </ActionIcon>
            </Group>
          ))}
          {typeof hoursError === 'string' || typeof hoursError === 'number' ? (
            <Text size="sm" c="red">
              {hoursError}
            </Text>
          ) : null}
          <Group>
            <Button
              variant="subtle"
              size="xs"
              disabled={form.values.hours.length >= 6}
              onClick={() => form.insertListItem('hours', { start: '', end: '' })}
            >
              {t('calendars.addHours')}
            </Button>
          </Group>
          <Text size="xs" c="dimmed">
            {t('calendars.hoursHint')}
          </Text>
        </Stack>
        <Group grow align="flex-start">
          <Autocomplete
            label={t('calendars.holidayCountry')}
            description={t('calendars.holidayCountryHint')}
            required
            data={commonCountries}
            maxLength={2}
            comboboxProps={{ withinPortal: true }}
            {...form.getInputProps('country')}
            onChange={(value) => form.setFieldValue('country', value.toUpperCase())}
          />
          <TextInput
            label={t('calendars.holidayRegion')}
            description={t('calendars.holidayRegionHint')}
            maxLength={10}
            autoComplete="off"
            {...form.getInputProps('region')}
          />
        </Group>
        <LiveError error={mutation.error} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onCancel} disabled={mutation.isPending}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={mutation.isPending}>
            {t('calendars.save')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
