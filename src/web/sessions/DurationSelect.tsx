import { Select } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { durationChoices } from './sessionFormat';

interface DurationSelectProps {
  value: number;
  onChange: (minutes: number) => void;
  error?: string | undefined;
  label?: string;
  /** The lengths offered, in minutes; by default those of a session to book. */
  choices?: readonly number[];
}

/** The length of a session: 1 hour, 2 hours, 4 hours or a full day; a length set elsewhere stays selectable. */
export function DurationSelect({
  value,
  onChange,
  error,
  label,
  choices: offered = durationChoices,
}: DurationSelectProps) {
  const { t } = useTranslation();
  const durationLabel = useDurationLabel();
  const choices: number[] = offered.includes(value) ? [...offered] : [...offered, value].sort((a, b) => a - b);
  return (
    <Select
      label={label ?? t('sessions.form.duration')}
      data={choices.map((minutes) => ({ value: String(minutes), label: durationLabel(minutes) }))}
      value={String(value)}
      onChange={(next) => next && onChange(Number(next))}
      allowDeselect={false}
      error={error}
    />
  );
}

/** Names a session length: "2 hours", "Full day (8 hours)", or minutes for a length the choices do not name. */
export function useDurationLabel(): (minutes: number) => string {
  const { t } = useTranslation();
  return (minutes) => {
    switch (minutes) {
      case 60:
        return t('sessions.duration.60');
      case 120:
        return t('sessions.duration.120');
      case 240:
        return t('sessions.duration.240');
      case 480:
        return t('sessions.duration.480');
      default:
        return minutes % 60 === 0
          ? t('sessions.duration.hours', { count: minutes / 60 })
          : t('sessions.duration.minutes', { count: minutes });
    }
  };
}
