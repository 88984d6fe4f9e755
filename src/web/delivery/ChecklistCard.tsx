import { Box, Button, Card, Checkbox, Group, Loader, Stack, Text, Title } from '@mantine/core';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DateTime } from '../lib/DateTime';
import { useLocalized } from '../lib/format';
import {
  tickChecklistItem,
  useDeliveryMutation,
  verifyChecklistItem,
  type ApplicationName,
  type ChecklistItem,
  type ChecklistKind,
} from './deliveryApi';

interface ChecklistCardProps {
  projectId: string;
  checklist: ChecklistKind;
  title: string;
  description: string;
  items: readonly ChecklistItem[];
  /** For the PBX checklist, whose tasks are grouped by application. */
  applications?: readonly ApplicationName[];
  canWork: boolean;
}

/** P1 or P3: what the customer, the partner or the engineer ticks as done, and the engineer verifies. */
export function ChecklistCard({
  projectId,
  checklist,
  title,
  description,
  items,
  applications,
  canWork,
}: ChecklistCardProps) {
  const { t } = useTranslation();
  const localize = useLocalized();
  const headingId = `checklist-${checklist}-heading`;
  const groups = applications
    ? applications
        .map((application) => ({
          key: application.key,
          name: localize(application.name),
          items: items.filter((item) => item.applicationKey === application.key),
        }))
        .filter((group) => group.items.length > 0)
    : [{ key: '', name: null, items }];
  const done = items.filter((item) => item.tickedAt !== null).length;
  const verified = items.filter((item) => item.verifiedAt !== null).length;
  return (
    <Card withBorder padding="lg" component="section" aria-labelledby={headingId}>
      <Stack gap="sm">
        <Group justify="space-between" align="flex-start">
          <Title order={2} size="h4" id={headingId}>
            {title}
          </Title>
          {items.length > 0 && (
            <Text size="sm" c="dimmed">
              {t('delivery.checklist.progress', { done, verified, total: items.length })}
            </Text>
          )}
        </Group>
        <Text size="sm">{description}</Text>
        {items.length === 0 && (
          <Text size="sm" c="dimmed">
            {t('delivery.checklist.empty')}
          </Text>
        )}
        {groups.map((group) => (
          <Stack gap="xs" key={group.key}>
            {group.name && (
              <Title order={3} size="h5">
                {group.name}
              </Title>
            )}
            <Stack component="ul" gap="xs" m={0} p={0} style={{ listStyle: 'none' }}>
              {group.items.map((item) => (
                <ChecklistItemRow
                  key={`${item.applicationKey ?? ''}/${item.key}`}
                  projectId={projectId}
                  checklist={checklist}
                  item={item}
                  canWork={canWork}
                />
              ))}
            </Stack>
          </Stack>
        ))}
      </Stack>
    </Card>
  );
}

interface ChecklistItemRowProps {
  projectId: string;
  checklist: ChecklistKind;
  item: ChecklistItem;
  canWork: boolean;
}

function ChecklistItemRow({ projectId, checklist, item, canWork }: ChecklistItemRowProps) {
  const { t } = useTranslation();
  const localize = useLocalized();
  const statusId = useId();
  const title = localize(item.title);
  const ref = { itemKey: item.key, ...(item.applicationKey ? { applicationKey: item.applicationKey } : {}) };
  const isTicked = item.tickedAt !== null;
  // The box follows the click at once (assistive technology and tests expect it to); the server's answer settles it.
  const [pendingTick, setPendingTick] = useState<boolean | null>(null);
  const isVerified = item.verifiedAt !== null;
  const tick = useDeliveryMutation(
    projectId,
    (ticked: boolean) => tickChecklistItem(projectId, checklist, { ...ref, ticked }),
    (ticked) => t(ticked ? 'delivery.checklist.tickDone' : 'delivery.checklist.untickDone', { title }),
  );
  const verify = useDeliveryMutation(
    projectId,
    (verified: boolean) => verifyChecklistItem(projectId, checklist, { ...ref, verified }),
    (verified) => t(verified ? 'delivery.checklist.verifyDone' : 'delivery.checklist.unverifyDone', { title }),
  );
  return (
    <Box component="li" p="xs" style={{ borderBottom: '1px solid var(--mantine-color-gray-2)' }}>
      <Group justify="space-between" align="flex-start" wrap="nowrap" gap="sm">
        <Stack gap={4} style={{ flex: 1 }}>
          <Group gap="xs" wrap="nowrap" align="flex-start">
            <Checkbox
              label={title}
              description={item.help ? localize(item.help) : undefined}
              checked={pendingTick ?? isTicked}
              disabled={!canWork}
              onChange={(event) => {
                if (tick.isPending) return;
                const ticked = event.currentTarget.checked;
                setPendingTick(ticked);
                tick.mutate(ticked, { onSettled: () => setPendingTick(null) });
              }}
              aria-busy={tick.isPending}
              aria-describedby={statusId}
            />
            {tick.isPending && <Loader size="xs" aria-label={t('common.loading')} />}
          </Group>
          <Text size="xs" c="dimmed" id={statusId} pl={32}>
            {item.tickedAt && item.tickedBy ? (
              <>
                {t(
                  item.tickedBy.kind === 'contact'
                    ? 'delivery.checklist.tickedByContact'
                    : 'delivery.checklist.tickedBy',
                  { name: item.tickedBy.name },
                )}{' '}
                <DateTime iso={item.tickedAt} />
              </>
            ) : (
              t('delivery.checklist.notDone')
            )}
            {item.verifiedAt && (
              <>
                {' · '}
                {item.verifiedBy
                  ? t('delivery.checklist.verifiedBy', { name: item.verifiedBy.name })
                  : t('delivery.checklist.verifiedAt')}{' '}
                <DateTime iso={item.verifiedAt} />
              </>
            )}
          </Text>
          {item.note && (
            <Text size="sm" pl={32}>
              {t('delivery.checklist.note', { note: item.note })}
            </Text>
          )}
        </Stack>
        {/* Only a ticked item can be verified: until then there is nothing for the engineer to press. */}
        {canWork && (isTicked || isVerified) && (
          <Button
            size="xs"
            variant={isVerified ? 'light' : 'default'}
            color={isVerified ? 'green' : undefined}
            aria-pressed={isVerified}
            aria-describedby={statusId}
            loading={verify.isPending}
            onClick={() => verify.mutate(!isVerified)}
          >
            {isVerified ? t('delivery.checklist.verified') : t('delivery.checklist.verify')}
          </Button>
        )}
      </Group>
    </Box>
  );
}
