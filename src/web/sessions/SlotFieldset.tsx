import { Checkbox, Fieldset, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { EngineerSlots, Slot } from './sessionsApi';
import { formatTimeRange } from './sessionFormat';

interface SlotFieldsetProps {
  engineer: EngineerSlots;
  /** The legend: the engineer's name, and whether they are the project's engineer. */
  legend: string;
  selectedStarts: readonly string[];
  /** Why this engineer's slots cannot be chosen now (another engineer's are), or null. */
  blockedReason: string | null;
  isFull: boolean;
  onToggle: (slot: Slot, isChecked: boolean) => void;
}

/** One engineer's earliest free dates, each a checkbox labelled with its time. */
export function SlotFieldset({ engineer, legend, selectedStarts, blockedReason, isFull, onToggle }: SlotFieldsetProps) {
  const { t, i18n } = useTranslation();
  return (
    <Fieldset legend={legend} variant="filled">
      <Stack gap="xs">
        {engineer.slots.length === 0 ? (
          <Text size="sm" c="dimmed">
            {t('sessions.find.noSlots')}
          </Text>
        ) : (
          engineer.slots.map((slot) => {
            const isChecked = selectedStarts.includes(slot.start);
            const claimedBy = [...new Set(slot.claims.map((claim) => claim.projectReference))];
            return (
              <Checkbox
                key={slot.start}
                label={formatTimeRange(slot.start, slot.end, i18n.language)}
                description={
                  claimedBy.length > 0 ? t('sessions.find.claimed', { references: claimedBy.join(', ') }) : undefined
                }
                checked={isChecked}
                disabled={!isChecked && (blockedReason !== null || isFull)}
                onChange={(event) => onToggle(slot, event.currentTarget.checked)}
              />
            );
          })
        )}
        {blockedReason && engineer.slots.length > 0 && (
          <Text size="xs" c="dimmed">
            {blockedReason}
          </Text>
        )}
      </Stack>
    </Fieldset>
  );
}
