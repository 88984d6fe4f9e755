import { Box, Group, List, Loader, Paper, Stack, Text, Title } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api, call } from '../api/client';
import { queryKeys } from '../api/queries';
import type { EmailTemplateDraft, EmailTemplateKey } from '../api/types';
import { ErrorAlert } from '../ui/ErrorAlert';

const previewDelayMs = 400;

/** Ahead of the HTML part: the preview fetches nothing (no remote images, fonts or frames), on top of the sandbox. */
const previewPolicy =
  '<meta http-equiv="Content-Security-Policy" content="default-src \'none\'; img-src data: cid:; style-src \'unsafe-inline\'; font-src data:">';

const monospace = { fontFamily: 'var(--mantine-font-family-monospace)' };

/** The draft rendered with example values by the server, and its problems, a moment after each change. */
export function useTemplatePreview(templateKey: EmailTemplateKey, draft: EmailTemplateDraft) {
  const [debounced] = useDebouncedValue(draft, previewDelayMs);
  const preview = useQuery({
    queryKey: queryKeys.templatePreview(templateKey, debounced),
    queryFn: ({ signal }) =>
      call(
        api.POST('/api/admin/email-templates/{key}/preview', {
          params: { path: { key: templateKey } },
          body: debounced,
          signal,
        }),
      ),
    placeholderData: keepPreviousData,
    staleTime: Infinity,
    refetchOnWindowFocus: false,
    retry: false,
  });
  return { preview, isUpdating: preview.isFetching || debounced !== draft };
}

export function TemplatePreview({ preview, isUpdating }: ReturnType<typeof useTemplatePreview>) {
  const { t } = useTranslation();
  const data = preview.data;
  const partName = {
    subject: t('templateEditor.subject'),
    text: t('templateEditor.text'),
    html: t('templateEditor.html'),
  } as const;

  return (
    <Stack gap="sm" component="section" aria-labelledby="preview-heading">
      <Group justify="space-between" align="baseline">
        <Title order={2} size="h3" id="preview-heading">
          {t('templateEditor.preview')}
        </Title>
        <Group gap={6} role="status" aria-live="polite" mih={20}>
          {isUpdating && (
            <>
              <Loader size="xs" aria-hidden />
              <Text size="sm" c="dimmed">
                {t('templateEditor.previewUpdating')}
              </Text>
            </>
          )}
        </Group>
      </Group>
      <Text size="sm" c="dimmed">
        {t('templateEditor.previewHint')}
      </Text>
      {preview.isError && !isUpdating && <ErrorAlert error={preview.error} title={t('templateEditor.previewFailed')} />}
      <Stack gap={4} component="section" aria-labelledby="problems-heading">
        <Title order={3} size="h5" id="problems-heading">
          {t('templateEditor.problems')}
        </Title>
        <div aria-live="polite">
          {data && data.problems.length === 0 && (
            <Text size="sm" c="green.9">
              {t('templateEditor.noProblems')}
            </Text>
          )}
          {data && data.problems.length > 0 && (
            <List size="sm" spacing={4}>
              {data.problems.map((problem, index) => (
                <List.Item key={`${problem.part}-${problem.line}-${problem.column}-${index}`}>
                  <Text span size="sm" fw={600} c="red.9">
                    {t('templateEditor.problemAt', {
                      part: partName[problem.part],
                      line: problem.line,
                      column: problem.column,
                    })}
                  </Text>{' '}
                  {problem.message}
                </List.Item>
              ))}
            </List>
          )}
        </div>
      </Stack>
      {data && !data.rendered && data.problems.length > 0 && (
        <Text size="sm" c="dimmed">
          {t('templateEditor.previewUnavailable')}
        </Text>
      )}
      {data?.rendered && (
        <Stack gap="sm" style={{ opacity: isUpdating ? 0.6 : 1 }}>
          <Paper withBorder p="sm">
            <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
              {t('templateEditor.previewSubject')}
            </Text>
            <Text fw={600}>{data.rendered.subject}</Text>
          </Paper>
          <Text size="sm" fw={600}>
            {t('templateEditor.previewHtml')}
          </Text>
          <iframe
            sandbox=""
            srcDoc={previewPolicy + data.rendered.html}
            title={t('templateEditor.previewFrameTitle')}
            referrerPolicy="no-referrer"
            style={{
              width: '100%',
              height: '60vh',
              border: '1px solid var(--mantine-color-default-border)',
              borderRadius: 'var(--mantine-radius-sm)',
              background: 'white',
            }}
          />
          <Text size="sm" fw={600} id="preview-text-label">
            {t('templateEditor.previewText')}
          </Text>
          <Box
            component="pre"
            tabIndex={0}
            aria-labelledby="preview-text-label"
            m={0}
            p="sm"
            style={{
              ...monospace,
              fontSize: 'var(--mantine-font-size-sm)',
              whiteSpace: 'pre-wrap',
              wordBreak: 'break-word',
              border: '1px solid var(--mantine-color-default-border)',
              borderRadius: 'var(--mantine-radius-sm)',
              maxHeight: '60vh',
              overflow: 'auto',
            }}
          >
            {data.rendered.text}
          </Box>
        </Stack>
      )}
    </Stack>
  );
}
