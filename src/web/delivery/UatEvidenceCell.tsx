import { Anchor, Button, FileButton, Group, Loader, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { attachUatEvidence, projectFileUrl, removeUatEvidence, useDeliveryMutation, type UatItem } from './deliveryApi';

interface UatEvidenceCellProps {
  projectId: string;
  item: UatItem;
  title: string;
  canChange: boolean;
}

/**
 * A UAT result's evidence: the file to download, and while the UAT is not signed a button to attach one (in place of
 * the one it has) or take it off. A refused file is told in the server's words, in a notification.
 */
export function UatEvidenceCell({ projectId, item, title, canChange }: UatEvidenceCellProps) {
  const { t } = useTranslation();
  const [percent, setPercent] = useState<number | null>(null);
  const attach = useDeliveryMutation(
    projectId,
    (file: File) =>
      attachUatEvidence(projectId, item.applicationKey, item.key, file, (fraction) =>
        setPercent(Math.round(fraction * 100)),
      ),
    (file) => t('delivery.uat.evidence.attached', { title, name: file.name }),
  );
  const remove = useDeliveryMutation(
    projectId,
    () => removeUatEvidence(projectId, item.applicationKey, item.key),
    t('delivery.uat.evidence.removed', { title }),
  );
  const evidence = item.evidence;
  return (
    <Stack gap={4}>
      {evidence ? (
        <Anchor
          href={projectFileUrl(projectId, evidence.id)}
          download={evidence.name}
          size="xs"
          aria-label={t('delivery.uat.evidence.downloadLabel', { title, name: evidence.name })}
        >
          {evidence.name}
        </Anchor>
      ) : (
        !canChange && (
          <Text size="xs" c="dimmed">
            {t('delivery.uat.evidence.none')}
          </Text>
        )
      )}
      {canChange && (
        <Group gap={4} wrap="nowrap">
          <FileButton
            onChange={(file) => file && attach.mutate(file, { onSettled: () => setPercent(null) })}
            disabled={attach.isPending}
          >
            {(props) => (
              <Button
                {...props}
                size="compact-xs"
                variant="default"
                aria-label={t('delivery.uat.evidence.attachLabel', { title })}
              >
                {evidence ? t('delivery.uat.evidence.replace') : t('delivery.uat.evidence.attach')}
              </Button>
            )}
          </FileButton>
          {evidence && (
            <Button
              size="compact-xs"
              variant="subtle"
              color="red"
              onClick={() => remove.mutate(undefined)}
              loading={remove.isPending}
              aria-label={t('delivery.uat.evidence.removeLabel', { title })}
            >
              {t('delivery.uat.evidence.remove')}
            </Button>
          )}
          {attach.isPending && (
            <Group gap={4} wrap="nowrap" role="status" aria-live="polite">
              <Loader size="xs" aria-hidden />
              <Text size="xs">{percent === null ? t('delivery.uat.evidence.uploading') : `${percent}%`}</Text>
            </Group>
          )}
        </Group>
      )}
    </Stack>
  );
}
