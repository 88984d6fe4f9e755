import { Badge, Button, Checkbox, Group, Loader, Stack, Text, Textarea } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../api/errors';
import { useLocalized } from '../lib/format';
import { useTickDeliveryItem, type DeliveryChecklist, type PortalChecklistItem } from './portalApi';

/** One P1/P3 item: a checkbox the contact ticks when it is done, the engineer's verification, and an optional note. */
export function DeliveryChecklistItem({
  projectId,
  checklist,
  item,
}: {
  projectId: string;
  checklist: DeliveryChecklist;
  item: PortalChecklistItem;
}) {
  const { t } = useTranslation();
  const localized = useLocalized();
  const tick = useTickDeliveryItem(projectId);
  const [isEditingNote, setIsEditingNote] = useState(false);
  const [note, setNote] = useState(item.note ?? '');
  const title = localized(item.title);
  const isTicked = item.tickedAt !== null;
  // The box shows the change at once while it is saved, and goes back if saving fails; it stays enabled so keyboard
  // focus is not lost. Kept in this component's state, set in the click's own handler: the mutation's pending state
  // reaches React a moment later, in between the controlled box would flip back.
  const [pendingTicked, setPendingTicked] = useState<boolean | null>(null);
  const shownTicked = pendingTicked ?? isTicked;

  const change = (ticked: boolean, noteText?: string) => {
    if (tick.isPending) return;
    setPendingTicked(ticked);
    tick.mutate(
      { checklist, item, ticked, ...(noteText === undefined ? {} : { note: noteText.trim() }) },
      { onSuccess: () => setIsEditingNote(false), onSettled: () => setPendingTicked(null) },
    );
  };

  return (
    <Stack gap={6} py="xs" style={{ borderBottom: '1px solid var(--mantine-color-gray-2)' }}>
      <Group justify="space-between" align="flex-start" gap="xs" wrap="nowrap">
        <Checkbox
          size="md"
          checked={shownTicked}
          aria-busy={tick.isPending || undefined}
          onChange={(event) => change(event.currentTarget.checked)}
          label={title}
          description={item.help ? localized(item.help) : undefined}
          styles={{ label: { fontWeight: 600 } }}
        />
        {tick.isPending && <Loader size="xs" aria-label={t('portal.delivery.saving')} />}
      </Group>
      {tick.isError && (
        <Text size="sm" c="red.8" role="alert" pl={34}>
          {errorMessage(tick.error, t('portal.delivery.tickFailed'))}
        </Text>
      )}
      <Stack gap={4} pl={34} align="flex-start">
        {item.note && !isEditingNote && (
          <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
            {t('portal.delivery.yourNote', { note: item.note })}
          </Text>
        )}
        {isEditingNote && (
          <Stack gap="xs" w="100%">
            <Textarea
              label={t('portal.delivery.noteLabel')}
              description={t('portal.delivery.noteHint')}
              autosize
              minRows={2}
              maxLength={2000}
              value={note}
              onChange={(event) => setNote(event.currentTarget.value)}
              disabled={tick.isPending}
            />
            <Group gap="xs">
              <Button size="xs" loading={tick.isPending} onClick={() => change(isTicked, note)}>
                {t('portal.delivery.saveNote')}
              </Button>
              <Button
                size="xs"
                variant="default"
                disabled={tick.isPending}
                onClick={() => {
                  setNote(item.note ?? '');
                  setIsEditingNote(false);
                }}
              >
                {t('portal.delivery.cancelNote')}
              </Button>
            </Group>
          </Stack>
        )}
        {/* One row that is always there: who ticked it and the verification appear in it without moving the items
            below, so a box being ticked further down does not jump away from the pointer. */}
        <Group gap="xs" mih={22}>
          {!isEditingNote && (
            <Button
              size="compact-sm"
              variant="subtle"
              px={0}
              aria-label={`${item.note ? t('portal.delivery.editNote') : t('portal.delivery.addNote')}: ${title}`}
              onClick={() => {
                setNote(item.note ?? '');
                setIsEditingNote(true);
              }}
            >
              {item.note ? t('portal.delivery.editNote') : t('portal.delivery.addNote')}
            </Button>
          )}
          {item.verifiedAt !== null && (
            <Badge color="green" variant="light">
              {t('portal.delivery.verified')}
            </Badge>
          )}
          {item.tickedBy && (
            <Text size="xs" c="dimmed">
              {t('portal.delivery.tickedBy', { name: item.tickedBy.name })}
            </Text>
          )}
        </Group>
      </Stack>
    </Stack>
  );
}
