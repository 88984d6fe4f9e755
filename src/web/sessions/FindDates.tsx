import { Button, Card, Group, Loader, Select, Stack, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ProjectDetail } from '../api/types';
import { LiveError } from '../ui/ErrorAlert';
import { ProposeModal } from './ProposeModal';
import { durationChoices } from './sessionFormat';
import { useDurationLabel } from './DurationSelect';
import { useSlotSuggestions, type Slot } from './sessionsApi';
import { SlotFieldset } from './SlotFieldset';

const maxSlots = 3;

interface Selection {
  engineerId: string;
  engineerName: string;
  slots: Slot[];
}

/** The engineer's earliest free dates and the team's alternatives; up to three of one engineer are proposed to the customer. */
export function FindDates({ project }: { project: ProjectDetail }) {
  const { t } = useTranslation();
  const durationLabel = useDurationLabel();
  const [durationMinutes, setDurationMinutes] = useState(120);
  const [isSearching, setSearching] = useState(false);
  const [selection, setSelection] = useState<Selection | null>(null);
  const [isProposing, setProposing] = useState(false);
  const suggestions = useSlotSuggestions(project.id, durationMinutes, isSearching);
  const isFull = (selection?.slots.length ?? 0) >= maxSlots;

  function toggle(engineerId: string, engineerName: string, slot: Slot, isChecked: boolean) {
    setSelection((current) => {
      const slots = current?.engineerId === engineerId ? current.slots : [];
      const next = isChecked
        ? [...slots, slot].slice(0, maxSlots)
        : slots.filter((candidate) => candidate.start !== slot.start);
      return next.length === 0
        ? null
        : { engineerId, engineerName, slots: next.sort((a, b) => a.start.localeCompare(b.start)) };
    });
  }

  function fieldsetFor(engineer: NonNullable<typeof suggestions.data>['engineer'], legend: string) {
    const isOther = selection !== null && selection.engineerId !== engineer.id;
    return (
      <SlotFieldset
        key={engineer.id}
        engineer={engineer}
        legend={legend}
        selectedStarts={selection?.engineerId === engineer.id ? selection.slots.map((slot) => slot.start) : []}
        blockedReason={isOther ? t('sessions.find.oneEngineer', { name: selection.engineerName }) : null}
        isFull={isFull}
        onToggle={(slot, isChecked) => toggle(engineer.id, engineer.name, slot, isChecked)}
      />
    );
  }

  const data = suggestions.data;
  return (
    <Card withBorder padding="lg" component="section" aria-labelledby="find-dates-heading">
      <Stack gap="sm">
        <Title order={2} size="h4" id="find-dates-heading">
          {t('sessions.find.title')}
        </Title>
        <Text size="sm">{t('sessions.find.explanation')}</Text>
        <Group align="flex-end" gap="sm">
          <Select
            label={t('sessions.find.duration')}
            data={durationChoices.map((minutes) => ({ value: String(minutes), label: durationLabel(minutes) }))}
            value={String(durationMinutes)}
            onChange={(value) => {
              if (value) setDurationMinutes(Number(value));
              setSelection(null);
            }}
            allowDeselect={false}
            w={220}
          />
          <Button
            onClick={() => {
              setSearching(true);
              if (isSearching) void suggestions.refetch();
            }}
            loading={suggestions.isFetching}
          >
            {t('sessions.find.submit')}
          </Button>
        </Group>
        <LiveError error={suggestions.error} />
        {isSearching && suggestions.isPending && (
          <Group role="status" gap="xs">
            <Loader size="sm" aria-label={t('common.loading')} />
          </Group>
        )}
        {data && (
          <Stack gap="sm" aria-busy={suggestions.isFetching}>
            <Text size="sm" c="dimmed">
              {t('sessions.find.customerZone', { zone: data.customerTimeZone })}
            </Text>
            {fieldsetFor(data.engineer, t('sessions.find.projectEngineer', { name: data.engineer.name }))}
            {data.alternatives.length > 0 && (
              <>
                <Title order={3} size="h5">
                  {t('sessions.find.alternatives')}
                </Title>
                {data.alternatives.map((alternative) => fieldsetFor(alternative, alternative.name))}
              </>
            )}
            <Text size="sm" aria-live="polite">
              {isFull
                ? t('sessions.find.full', { count: maxSlots })
                : t('sessions.find.chosen', { count: selection?.slots.length ?? 0 })}
            </Text>
            <Group>
              <Button onClick={() => setProposing(true)} disabled={selection === null} aria-haspopup="dialog">
                {t('sessions.find.propose')}
              </Button>
            </Group>
          </Stack>
        )}
      </Stack>
      {selection && (
        <ProposeModal
          project={project}
          opened={isProposing}
          durationMinutes={durationMinutes}
          engineer={{
            id: selection.engineerId,
            name: selection.engineerName,
            isProjectEngineer: selection.engineerId === data?.engineer.id,
          }}
          slots={selection.slots}
          onClose={() => setProposing(false)}
          onProposed={() => {
            setProposing(false);
            setSelection(null);
          }}
        />
      )}
    </Card>
  );
}
