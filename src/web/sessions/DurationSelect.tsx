import { Select } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { durationChoices } from './sessionFormat';

interface DurationSelectProps {
  value: number;
  onChange: (minutes: number) => void;
  error?: string | undefined;
  label?: string;
}

/** The length of a session: 1 hour, 2 hours, 4 hours or a full day; a length set elsewhere stays selectable. */
export function DurationSelect({ value, onChange, error, label }: DurationSelectProps) {
  const { t } = useTranslation();
  const durationLabel = useDurationLabel();
  const choices: number[] = durationChoices.includes(value as (typeof durationChoices)[number]) ? [...durationChoices] : [...durationChoices, value].sort((a, b) => a - b);
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
        return t('sessions.duration.minutes', { count: minutes });
    }
  };
}
