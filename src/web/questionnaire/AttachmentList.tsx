import { Anchor, Button, Group, List, Modal, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../api/errors';
import { DateTime } from '../lib/DateTime';
import { formatFileSize } from '../lib/format';
import type { StoredFile } from './types';

interface AttachmentListProps {
  files: readonly StoredFile[];
  fileHref: (fileId: string) => string;
  /** Absent when the files cannot be removed (a submitted form, a read-only viewer). */
  onRemove?: ((fileId: string) => Promise<void>) | undefined;
  emptyText: string;
}

/** Files with a download link each and, where allowed, a Remove button that asks first. */
export function AttachmentList({ files, fileHref, onRemove, emptyText }: AttachmentListProps) {
  const { t, i18n } = useTranslation();
  const [confirming, setConfirming] = useState<StoredFile | null>(null);
  const [isRemoving, setIsRemoving] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);

  async function remove() {
    if (!confirming || !onRemove) return;
    setIsRemoving(true);
    setProblem(null);
    try {
      await onRemove(confirming.id);
      setConfirming(null);
    } catch (error) {
      setProblem(errorMessage(error, t('portal.files.removeFailed')));
    } finally {
      setIsRemoving(false);
    }
  }

  if (files.length === 0) {
    return (
      <Text size="sm" c="dimmed">
        {emptyText}
      </Text>
    );
  }
  return (
    <>
      <List spacing="xs" listStyleType="none" p={0}>
        {files.map((file) => (
          <List.Item key={file.id}>
            <Group gap="sm" wrap="wrap" justify="space-between">
              <Stack gap={0}>
                <Anchor href={fileHref(file.id)} download={file.name} style={{ wordBreak: 'break-all' }}>
                  {file.name}
                </Anchor>
                <Text size="xs" c="dimmed">
                  {formatFileSize(file.size, i18n.language)} ·{' '}
                  {t('portal.files.uploadedBy', { name: file.uploadedBy.name })} <DateTime iso={file.createdAt} />
                </Text>
              </Stack>
              {onRemove && (
                <Button
                  variant="subtle"
                  color="red"
                  size="compact-sm"
                  aria-label={t('portal.files.removeNamed', { name: file.name })}
                  onClick={() => {
                    setProblem(null);
                    setConfirming(file);
                  }}
                >
                  {t('portal.files.remove')}
                </Button>
              )}
            </Group>
          </List.Item>
        ))}
      </List>
      <Modal
        opened={confirming !== null}
        onClose={() => setConfirming(null)}
        title={t('portal.files.removeTitle')}
        centered
      >
        <Stack>
          <Text>{t('portal.files.removeBody', { name: confirming?.name ?? '' })}</Text>
          {problem && (
            <Text c="red" role="alert" size="sm">
              {problem}
            </Text>
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setConfirming(null)}>
              {t('common.cancel')}
            </Button>
            <Button color="red" loading={isRemoving} onClick={() => void remove()}>
              {t('portal.files.remove')}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </>
  );
}
