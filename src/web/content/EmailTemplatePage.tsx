import {
  Alert,
  Anchor,
  Badge,
  Button,
  Code,
  Grid,
  Group,
  List,
  Loader,
  Modal,
  Paper,
  Stack,
  Text,
  TextInput,
  Textarea,
  Title,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { api, call } from '../api/client';
import { ApiError } from '../api/errors';
import { queryKeys, useContentItem } from '../api/queries';
import type { ContentItem, EmailTemplateDraft, EmailTemplateKey } from '../api/types';
import { can, useCurrentUser } from '../auth/session';
import { useDocumentTitle } from '../layout/useDocumentTitle';
import { DateTime } from '../lib/DateTime';
import { ErrorAlert, LiveError } from '../ui/ErrorAlert';
import { ContentStateBadge } from './ContentStateBadge';
import { emailTemplatePath, isEmailTemplateKey } from './contentPaths';
import { PlaceholderList } from './PlaceholderList';
import { TemplatePreview, useTemplatePreview } from './TemplatePreview';
import { useLanguageName } from './useLanguageName';
import { useUnsavedChangesGuard } from './useUnsavedChangesGuard';

const monospaceInput = {
  input: { fontFamily: 'var(--mantine-font-family-monospace)', fontSize: 'var(--mantine-font-size-sm)' },
};

function readDraft(body: unknown): EmailTemplateDraft {
  const record = typeof body === 'object' && body !== null ? (body as Record<string, unknown>) : {};
  const text = (key: string) => (typeof record[key] === 'string' ? record[key] : '');
  return { subject: text('subject'), text: text('text'), html: text('html') };
}

function isSameDraft(left: EmailTemplateDraft, right: EmailTemplateDraft): boolean {
  return left.subject === right.subject && left.text === right.text && left.html === right.html;
}

function TemplateEditor({ templateKey, item }: { templateKey: EmailTemplateKey; item: ContentItem }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const saved = readDraft(item.body);
  const [draft, setDraft] = useState<EmailTemplateDraft>(saved);
  const isDirty = !isSameDraft(draft, saved);
  const blocker = useUnsavedChangesGuard(isDirty);
  const preview = useTemplatePreview(templateKey, draft);
  const problemCount = preview.preview.data?.problems.length ?? 0;

  const save = useMutation({
    mutationFn: (body: EmailTemplateDraft) =>
      call(
        api.PUT('/api/admin/content/item', {
          params: { query: { path: item.path } },
          body: { body, baseVersion: item.version },
        }),
      ),
    onSuccess: (updated) => {
      void queryClient.invalidateQueries({ queryKey: queryKeys.contentItems });
      notifications.show({ color: 'green', message: t('templateEditor.saved', { version: updated.version }) });
      // A new version remounts the editor (keyed by version) with what was saved.
      queryClient.setQueryData(queryKeys.contentItem(item.path), updated);
    },
  });

  const reload = useMutation({
    mutationFn: () =>
      queryClient.fetchQuery({
        queryKey: queryKeys.contentItem(item.path),
        staleTime: 0,
        queryFn: () => call(api.GET('/api/admin/content/item', { params: { query: { path: item.path } } })),
      }),
  });

  const isConflict = save.error instanceof ApiError && save.error.status === 409;
  const problems = save.error instanceof ApiError && save.error.status === 400 ? save.error.details : [];
  const update = (part: keyof EmailTemplateDraft) => (value: string) =>
    setDraft((previous) => ({ ...previous, [part]: value }));

  return (
    <>
      <Grid gap="lg">
        <Grid.Col span={{ base: 12, lg: 8 }}>
          <form
            onSubmit={(event) => {
              event.preventDefault();
              if (isDirty && !save.isPending) save.mutate(draft);
            }}
            noValidate
          >
            <Stack>
              <Text size="sm" c="dimmed">
                {t('templateEditor.editorHint')}
              </Text>
              <TextInput
                label={t('templateEditor.subject')}
                value={draft.subject}
                onChange={(event) => update('subject')(event.currentTarget.value)}
                styles={monospaceInput}
                spellCheck
              />
              <Textarea
                label={t('templateEditor.text')}
                value={draft.text}
                onChange={(event) => update('text')(event.currentTarget.value)}
                autosize
                minRows={10}
                maxRows={24}
                styles={monospaceInput}
                spellCheck
              />
              <Textarea
                label={t('templateEditor.html')}
                value={draft.html}
                onChange={(event) => update('html')(event.currentTarget.value)}
                autosize
                minRows={10}
                maxRows={24}
                styles={monospaceInput}
                spellCheck={false}
              />
              <div aria-live="polite">
                {isConflict ? (
                  <Alert color="orange" title={t('templateEditor.conflictTitle')} role="alert">
                    <Stack gap="sm" align="flex-start">
                      <Text size="sm">{t('templateEditor.conflictBody')}</Text>
                      <Button variant="light" color="orange" onClick={() => reload.mutate()} loading={reload.isPending}>
                        {t('templateEditor.reload')}
                      </Button>
                      <LiveError error={reload.error} />
                    </Stack>
                  </Alert>
                ) : save.error ? (
                  <Stack gap="xs">
                    <ErrorAlert error={save.error} title={t('templateEditor.saveFailed')} />
                    {problems.length > 0 && (
                      <List size="sm" spacing={4}>
                        {problems.map((problem, index) => (
                          <List.Item key={`${problem.path}-${index}`}>
                            {problem.path && problem.path !== 'body' && <Code>{problem.path}</Code>} {problem.message}
                          </List.Item>
                        ))}
                      </List>
                    )}
                  </Stack>
                ) : null}
              </div>
              <Paper withBorder p="sm" style={{ position: 'sticky', bottom: 0, zIndex: 1 }}>
                <Group justify="space-between">
                  <Group gap="md">
                    <Text
                      size="sm"
                      c={isDirty ? 'orange.9' : 'dimmed'}
                      fw={isDirty ? 600 : undefined}
                      aria-live="polite"
                    >
                      {isDirty ? t('templateEditor.unsaved') : t('templateEditor.allSaved')}
                    </Text>
                    {problemCount > 0 && (
                      <Anchor href="#problems-heading" size="sm" c="red.9">
                        {t('templateEditor.problemCount', { count: problemCount })}
                      </Anchor>
                    )}
                  </Group>
                  <Group gap="sm">
                    <Button
                      variant="default"
                      disabled={!isDirty || save.isPending}
                      onClick={() => {
                        save.reset();
                        setDraft(saved);
                      }}
                    >
                      {t('templateEditor.discard')}
                    </Button>
                    <Button type="submit" disabled={!isDirty} loading={save.isPending}>
                      {t('templateEditor.save')}
                    </Button>
                  </Group>
                </Group>
              </Paper>
            </Stack>
          </form>
        </Grid.Col>
        <Grid.Col span={{ base: 12, lg: 4 }}>
          <Paper withBorder p="md">
            <PlaceholderList templateKey={templateKey} />
          </Paper>
        </Grid.Col>
        <Grid.Col span={12}>
          <TemplatePreview {...preview} />
        </Grid.Col>
      </Grid>
      <Modal
        opened={blocker.state === 'blocked'}
        onClose={() => blocker.reset?.()}
        title={t('templateEditor.leaveTitle')}
        centered
      >
        <Stack>
          <Text>{t('templateEditor.leaveBody')}</Text>
          <Group justify="flex-end">
            <Button variant="default" onClick={() => blocker.reset?.()} data-autofocus>
              {t('templateEditor.stay')}
            </Button>
            <Button color="red" onClick={() => blocker.proceed?.()}>
              {t('templateEditor.leave')}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </>
  );
}

export default function EmailTemplatePage() {
  const { t } = useTranslation();
  const { key, language = '' } = useParams();
  const user = useCurrentUser();
  const languageName = useLanguageName();
  const templateKey = isEmailTemplateKey(key) ? key : null;
  const isValid = templateKey !== null && /^[a-z]{2,3}$/.test(language);
  const path = templateKey ? emailTemplatePath(templateKey, language) : '';
  const title = templateKey
    ? t('templateEditor.title', { template: t(`content.templates.${templateKey}`), language: languageName(language) })
    : t('content.emailTemplates');
  useDocumentTitle(title);

  const back = (
    <Anchor component={Link} to="/admin/content" size="sm">
      <span aria-hidden>← </span>
      {t('content.back')}
    </Anchor>
  );

  if (!can(user, 'manageContent')) {
    return (
      <Stack>
        <Title order={1}>{title}</Title>
        <Text>{t('errors.forbidden')}</Text>
      </Stack>
    );
  }
  if (!isValid || templateKey === null) {
    return (
      <Stack>
        {back}
        <Title order={1}>{t('content.emailTemplates')}</Title>
        <Text>{t('templateEditor.notFound')}</Text>
      </Stack>
    );
  }
  return (
    <Stack>
      {back}
      <TemplateLoader templateKey={templateKey} path={path} title={title} />
    </Stack>
  );
}

function TemplateLoader({ templateKey, path, title }: { templateKey: EmailTemplateKey; path: string; title: string }) {
  const { t } = useTranslation();
  const item = useContentItem(path);
  return (
    <>
      <Group justify="space-between" align="flex-start">
        <Stack gap={4}>
          <Title order={1}>{title}</Title>
          <Code style={{ alignSelf: 'flex-start' }}>{path}</Code>
        </Stack>
        {item.data && (
          <Group gap="xs">
            <Badge variant="outline" color="gray">
              {t('templateEditor.version', { version: item.data.version })}
            </Badge>
            <ContentStateBadge isDefault={item.data.isDefault} />
            <Text size="sm" c="dimmed">
              {item.data.updatedBy ?? t('content.shippedByEngage')} · <DateTime iso={item.data.updatedAt} />
            </Text>
          </Group>
        )}
      </Group>
      {item.isPending ? (
        <Group justify="center" p="xl" role="status">
          <Loader aria-label={t('common.loading')} />
        </Group>
      ) : item.isError ? (
        <LiveError error={item.error} />
      ) : (
        <TemplateEditor key={`${path}@${item.data.version}`} templateKey={templateKey} item={item.data} />
      )}
    </>
  );
}
