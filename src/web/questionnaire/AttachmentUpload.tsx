import { Alert, Box, Group, Loader, Progress, Stack, Text } from '@mantine/core';
import { useId, useRef, useState, type DragEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../api/errors';
import type { UploadProgress } from './types';

interface AttachmentUploadProps {
  /** The input's label; "Attach a file" unless given. */
  label?: string;
  hint?: string;
  disabled?: boolean;
  onUpload: (file: File, onProgress?: UploadProgress) => Promise<void>;
}

interface Uploading {
  name: string;
  fraction: number | null;
}

/**
 * A file input that also takes files dropped on it. Files go up one at a time, each with its progress; a refusal
 * (a type Engage does not take, a file too large, an empty file) is shown beside the input in the server's words.
 */
export function AttachmentUpload({ label, hint, disabled = false, onUpload }: AttachmentUploadProps) {
  const { t } = useTranslation();
  const inputId = useId();
  const hintId = useId();
  const errorId = useId();
  const input = useRef<HTMLInputElement>(null);
  const [uploading, setUploading] = useState<Uploading | null>(null);
  const [problems, setProblems] = useState<string[]>([]);
  const [isOver, setIsOver] = useState(false);
  const isBusy = uploading !== null;

  async function upload(files: readonly File[]) {
    const failed: string[] = [];
    for (const file of files) {
      setUploading({ name: file.name, fraction: null });
      try {
        await onUpload(file, (fraction) => setUploading({ name: file.name, fraction }));
      } catch (error) {
        const reason = error instanceof ApiError ? error.message : t('portal.files.uploadFailed');
        failed.push(t('portal.files.refused', { name: file.name, reason }));
      }
    }
    setUploading(null);
    setProblems(failed);
    if (input.current) input.current.value = '';
  }

  function onDrop(event: DragEvent<HTMLDivElement>) {
    event.preventDefault();
    setIsOver(false);
    if (disabled || isBusy) return;
    const files = Array.from(event.dataTransfer.files);
    if (files.length > 0) void upload(files);
  }

  return (
    <Stack gap={6}>
      <Box
        onDragOver={(event) => {
          event.preventDefault();
          if (!disabled && !isBusy) setIsOver(true);
        }}
        onDragLeave={() => setIsOver(false)}
        onDrop={onDrop}
        p="md"
        style={{
          border: `2px dashed ${isOver ? 'var(--mantine-color-blue-6)' : 'var(--mantine-color-gray-5)'}`,
          borderRadius: 'var(--mantine-radius-md)',
          background: isOver ? 'var(--mantine-color-blue-0)' : undefined,
        }}
      >
        <Stack gap={6}>
          <label htmlFor={inputId} style={{ fontWeight: 600 }}>
            {label ?? t('portal.files.attach')}
          </label>
          <Text id={hintId} size="sm" c="dimmed">
            {hint ?? t('portal.files.hint')}
          </Text>
          <input
            ref={input}
            id={inputId}
            type="file"
            multiple
            disabled={disabled || isBusy}
            aria-describedby={problems.length > 0 ? `${hintId} ${errorId}` : hintId}
            aria-invalid={problems.length > 0 || undefined}
            onChange={(event) => {
              const files = Array.from(event.currentTarget.files ?? []);
              if (files.length > 0) void upload(files);
            }}
          />
        </Stack>
      </Box>
      {uploading && (
        <Stack gap={4} role="status" aria-live="polite">
          <Group gap="xs">
            <Loader size="xs" aria-hidden />
            <Text size="sm">
              {uploading.fraction === null
                ? t('portal.files.uploading', { name: uploading.name })
                : t('portal.files.uploadingPercent', {
                    name: uploading.name,
                    percent: Math.round(uploading.fraction * 100),
                  })}
            </Text>
          </Group>
          {uploading.fraction !== null && (
            <Progress
              value={uploading.fraction * 100}
              aria-label={t('portal.files.progress', { name: uploading.name })}
            />
          )}
        </Stack>
      )}
      {problems.length > 0 && (
        <Alert id={errorId} color="red" role="alert" p="xs">
          <Stack gap={2}>
            {problems.map((problem) => (
              <Text key={problem} size="sm">
                {problem}
              </Text>
            ))}
          </Stack>
        </Alert>
      )}
    </Stack>
  );
}
