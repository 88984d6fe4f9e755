import {
  Alert,
  Anchor,
  Button,
  Code,
  Group,
  List,
  Loader,
  Modal,
  Paper,
  Stack,
  Text,
  Textarea,
  Title,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Navigate, useSearchParams } from 'react-router';
import { parse, stringify, YAMLError } from 'yaml';
import { api, call } from '../api/client';
import { ApiError } from '../api/errors';
import { queryKeys, useContentItem } from '../api/queries';
import type { ContentItem } from '../api/types';
import { can, useCurrentUser } from '../auth/session';
import { useDocumentTitle } from '../layout/useDocumentTitle';
import { DateTime } from '../lib/DateTime';
import { ErrorAlert, LiveError } from '../ui/ErrorAlert';
import { ContentStateBadge } from './ContentStateBadge';
import { emailTemplateUrl, parseEmailTemplatePath } from './contentPaths';
import { useUnsavedChangesGuard } from './useUnsavedChangesGuard';

const monospaceInput = {
  input: { fontFamily: 'var(--mantine-font-family-monospace)', fontSize: 'var(--mantine-font-size-sm)' },
};

/** The body as YAML, the format the library's files are written in; JSON if it cannot be written as YAML. */
function toYaml(body: unknown): string {
  try {
    return stringify(body, { lineWidth: 0 });
  } catch {
    return JSON.stringify(body, null, 2);
  }
}

interface YamlProblem {
  line: number | null;
  column: number | null;
  message: string;
}

/** Parses the edited text; a syntax error comes back with where it is. */
function parseYaml(text: string): { ok: true; value: unknown } | { ok: false; problem: YamlProblem } {
  try {
    return { ok: true, value: parse(text) as unknown };
  } catch (error) {
    if (error instanceof YAMLError) {
      const position = error.linePos?.[0];
      // The message's first line says what is wrong; the rest is a copy of the text around it.
      // Without the library's own " at line …, column …:", said in the user's language instead.
      const message = (error.message.split('\n')[0] ?? error.message)
        .replace(/ at line \d+, column \d+:?$/, '')
        .replace(/:$/, '');
      return { ok: false, problem: { line: position?.line ?? null, column: position?.col ?? null, message } };
    }
    return {
      ok: false,
      problem: { line: null, column: null, message: error instanceof Error ? error.message : String(error) },
    };
  }
}

function ItemEditor({ item, onClose }: { item: ContentItem; onClose: () => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const saved = toYaml(item.body);
  const [text, setText] = useState(saved);
  const [yamlProblem, setYamlProblem] = useState<YamlProblem | null>(null);
  const [confirmingCancel, setConfirmingCancel] = useState(false);
  const isDirty = text !== saved;
  const blocker = useUnsavedChangesGuard(isDirty);
  const textareaId = `content-item-editor-${item.path}`;
  const textareaRef = useRef<HTMLTextAreaElement>(null);
  useEffect(() => textareaRef.current?.focus(), []);

  const save = useMutation({
    mutationFn: (body: unknown) =>
      call(
        api.PUT('/api/admin/content/item', {
          params: { query: { path: item.path } },
          body: { body, baseVersion: item.version },
        }),
      ),
    onSuccess: (updated) => {
      void queryClient.invalidateQueries({ queryKey: queryKeys.contentItems });
      notifications.show({ color: 'green', message: t('content.itemEditor.saved', { version: updated.version }) });
      queryClient.setQueryData(queryKeys.contentItem(item.path), updated);
      onClose();
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

  const submit = () => {
    if (save.isPending) return;
    const parsed = parseYaml(text);
    if (!parsed.ok) {
      save.reset();
      setYamlProblem(parsed.problem);
      return;
    }
    setYamlProblem(null);
    save.mutate(parsed.value);
  };

  const cancel = () => {
    if (isDirty) setConfirmingCancel(true);
    else onClose();
  };

  const yamlError = yamlProblem
    ? yamlProblem.line !== null
      ? t('content.itemEditor.yamlErrorAt', {
          line: yamlProblem.line,
          column: yamlProblem.column ?? 1,
          message: yamlProblem.message,
        })
      : t('content.itemEditor.yamlError', { message: yamlProblem.message })
    : null;

  const leaveModalOpen = blocker.state === 'blocked' || confirmingCancel;
  const stay = () => {
    if (blocker.state === 'blocked') blocker.reset();
    setConfirmingCancel(false);
  };
  const leave = () => {
    if (blocker.state === 'blocked') {
      blocker.proceed();
    } else {
      setConfirmingCancel(false);
      onClose();
    }
  };

  return (
    <>
      <form
        onSubmit={(event) => {
          event.preventDefault();
          submit();
        }}
        noValidate
      >
        <Stack>
          <Text size="sm" c="dimmed">
            {t('content.itemEditor.hint')}
          </Text>
          <Textarea
            id={textareaId}
            label={t('content.itemEditor.label', { path: item.path })}
            value={text}
            onChange={(event) => {
              setText(event.currentTarget.value);
              if (yamlProblem) setYamlProblem(null);
            }}
            error={yamlError}
            autosize
            minRows={12}
            maxRows={30}
            styles={monospaceInput}
            spellCheck={false}
            autoCapitalize="off"
            autoCorrect="off"
            ref={textareaRef}
          />
          <div aria-live="polite">
            {isConflict ? (
              <Alert color="orange" title={t('content.itemEditor.conflictTitle')} role="alert">
                <Stack gap="sm" align="flex-start">
                  <Text size="sm">{t('content.itemEditor.conflictBody')}</Text>
                  <Button variant="light" color="orange" onClick={() => reload.mutate()} loading={reload.isPending}>
                    {t('templateEditor.reload')}
                  </Button>
                  <LiveError error={reload.error} />
                </Stack>
              </Alert>
            ) : save.error ? (
              <Stack gap="xs">
                <ErrorAlert error={save.error} title={t('content.itemEditor.saveFailed')} />
                {problems.length > 0 && (
                  <List size="sm" spacing={4} aria-label={t('content.itemEditor.problems')}>
                    {problems.map((problem, index) => (
                      <List.Item key={`${problem.path}-${index}`}>
                        <Code>{!problem.path || problem.path === 'body' ? item.path : problem.path}</Code>{' '}
                        {problem.message}
                      </List.Item>
                    ))}
                  </List>
                )}
              </Stack>
            ) : null}
          </div>
          <Paper withBorder p="sm" style={{ position: 'sticky', bottom: 0, zIndex: 1 }}>
            <Group justify="space-between">
              <Text size="sm" c={isDirty ? 'orange.9' : 'dimmed'} fw={isDirty ? 600 : undefined} aria-live="polite">
                {isDirty ? t('templateEditor.unsaved') : t('templateEditor.allSaved')}
              </Text>
              <Group gap="sm">
                <Button variant="default" onClick={cancel} disabled={save.isPending}>
                  {t('common.cancel')}
                </Button>
                <Button type="submit" disabled={!isDirty} loading={save.isPending}>
                  {t('templateEditor.save')}
                </Button>
              </Group>
            </Group>
          </Paper>
        </Stack>
      </form>
      <Modal opened={leaveModalOpen} onClose={stay} title={t('content.itemEditor.leaveTitle')} centered>
        <Stack>
          <Text>{t('content.itemEditor.leaveBody')}</Text>
          <Group justify="flex-end">
            <Button variant="default" onClick={stay} data-autofocus>
              {t('content.itemEditor.keepEditing')}
            </Button>
            <Button color="red" onClick={leave}>
              {t('content.itemEditor.discard')}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </>
  );
}

function ItemView({ path }: { path: string }) {
  const { t } = useTranslation();
  const item = useContentItem(path);
  const [editing, setEditing] = useState(false);
  const editButtonRef = useRef<HTMLButtonElement>(null);
  const stopEditing = () => {
    setEditing(false);
    // Back to the button that opened the editor, for keyboard users.
    requestAnimationFrame(() => editButtonRef.current?.focus());
  };
  if (item.isPending) {
    return (
      <Group justify="center" p="xl" role="status">
        <Loader aria-label={t('common.loading')} />
      </Group>
    );
  }
  if (item.isError) return <LiveError error={item.error} />;
  return (
    <Stack>
      <Group justify="space-between">
        <Group gap="sm">
          <Text size="sm">{t('content.itemVersion', { version: item.data.version })}</Text>
          <ContentStateBadge isDefault={item.data.isDefault} />
          <Text size="sm" c="dimmed">
            {item.data.updatedBy ?? t('content.shippedByEngage')} · <DateTime iso={item.data.updatedAt} />
          </Text>
        </Group>
        {!editing && (
          <Button
            ref={editButtonRef}
            variant="light"
            onClick={() => setEditing(true)}
            aria-label={t('content.itemEditor.editItem', { path })}
          >
            {t('content.edit')}
          </Button>
        )}
      </Group>
      {editing ? (
        // A new version (saved here or reloaded after a conflict) remounts the editor with it.
        <ItemEditor key={`${path}@${item.data.version}`} item={item.data} onClose={stopEditing} />
      ) : (
        <Paper withBorder>
          <Text size="sm" fw={500} px="md" pt="sm" id="content-body-label">
            {t('content.itemBody')}
          </Text>
          <Code
            block
            aria-labelledby="content-body-label"
            tabIndex={0}
            style={{ whiteSpace: 'pre', overflow: 'auto', maxHeight: '75vh', background: 'transparent' }}
          >
            {toYaml(item.data.body)}
          </Code>
        </Paper>
      )}
    </Stack>
  );
}

export default function ContentItemPage() {
  const { t } = useTranslation();
  const [searchParams] = useSearchParams();
  const path = searchParams.get('path') ?? '';
  useDocumentTitle(path || t('content.title'));
  const user = useCurrentUser();
  const template = parseEmailTemplatePath(path);

  if (template) return <Navigate to={emailTemplateUrl(template.key, template.language)} replace />;

  return (
    <Stack maw={1000}>
      <Anchor component={Link} to="/admin/content" size="sm">
        <span aria-hidden>← </span>
        {t('content.back')}
      </Anchor>
      <Title order={1} ff="monospace" size="h2" style={{ wordBreak: 'break-all' }}>
        {path}
      </Title>
      {!can(user, 'manageContent') ? (
        <Text>{t('errors.forbidden')}</Text>
      ) : path ? (
        <ItemView key={path} path={path} />
      ) : (
        <Text>{t('notFound.body')}</Text>
      )}
    </Stack>
  );
}
