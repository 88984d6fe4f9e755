import {
  Alert,
  Anchor,
  Badge,
  Box,
  Button,
  Checkbox,
  Group,
  List,
  Loader,
  Modal,
  SegmentedControl,
  Stack,
  Text,
  Title,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQueries, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api, call } from '../api/client';
import { errorMessage } from '../api/errors';
import { queryKeys } from '../api/queries';
import type { Contact, ContactRole, DraftMessage, ProjectDetail } from '../api/types';
import { formatFileSize } from '../lib/format';
import { LiveError } from '../ui/ErrorAlert';
import { previewPolicy } from './MailMessageView';

export type EmailKind = 'presentation' | 'contact';

export interface ProjectContact extends Contact {
  side: 'customer' | 'partner';
  organisationName: string;
}

/**
 * The contacts of the project's customer and partner, from the organisations API; disabled ones are left out (nobody
 * sends them anything) unless `includeDisabled`, for pickers of past facts such as who did a piece of work.
 */
export function useProjectContacts(
  project: ProjectDetail,
  { includeDisabled = false }: { includeDisabled?: boolean } = {},
) {
  const organisations = [
    { side: 'customer' as const, id: project.customer.id },
    ...(project.partner ? [{ side: 'partner' as const, id: project.partner.id }] : []),
  ];
  const results = useQueries({
    queries: organisations.map(({ id }) => ({
      queryKey: queryKeys.organisation(id),
      queryFn: () => call(api.GET('/api/organisations/{id}', { params: { path: { id } } })),
    })),
  });
  const isPending = results.some((result) => result.isPending);
  const error = results.find((result) => result.isError)?.error ?? null;
  const contacts: ProjectContact[] = results.flatMap((result, index) =>
    result.data
      ? result.data.contacts
          .filter((contact) => includeDisabled || !contact.isDisabled)
          .map((contact) => ({
            ...contact,
            side: organisations[index]?.side ?? 'customer',
            organisationName: result.data.name,
          }))
      : [],
  );
  return { isPending, error, contacts, refetch: () => Promise.all(results.map((result) => result.refetch())) };
}

type Stage = 'choose' | 'preview' | 'confirm';

interface EmailComposerProps {
  project: ProjectDetail;
  kind: EmailKind;
  opened: boolean;
  onClose: () => void;
  /** Which contacts are ticked when the dialog opens. */
  preselect: (contact: ProjectContact) => boolean;
}

const draftPath = {
  presentation: '/api/projects/{id}/presentation/draft',
  contact: '/api/projects/{id}/contact-email/draft',
} as const;
const sendPath = {
  presentation: '/api/projects/{id}/presentation',
  contact: '/api/projects/{id}/contact-email',
} as const;

function DraftView({ draft }: { draft: DraftMessage }) {
  const { t, i18n } = useTranslation();
  const [view, setView] = useState<'html' | 'text'>(draft.html.trim() ? 'html' : 'text');
  const headingId = `draft-${draft.contact.id}`;
  return (
    <Box
      component="section"
      aria-labelledby={headingId}
      p="sm"
      style={{ border: '1px solid var(--mantine-color-default-border)', borderRadius: 'var(--mantine-radius-sm)' }}
    >
      <Stack gap="xs">
        <Title order={3} size="h5" id={headingId}>
          {t('compose.draftFor', { name: draft.contact.name, email: draft.contact.email })}
        </Title>
        <Group gap="xs">
          <Badge variant="light" color="gray" tt="none">
            {t(`languages.${draft.contact.language}`)}
          </Badge>
          <Badge variant="light" color="gray" tt="none">
            {t(`party.${draft.contact.organisation}`)}
          </Badge>
        </Group>
        <Text size="sm">
          <Text span fw={600}>
            {t('compose.subject')}
          </Text>{' '}
          {draft.subject}
        </Text>
        <div>
          <Text size="sm" fw={600}>
            {t('compose.attachments')}
          </Text>
          {draft.attachments.length === 0 ? (
            <Text size="sm" c="dimmed">
              {t('compose.noAttachments')}
            </Text>
          ) : (
            <List size="sm">
              {draft.attachments.map((attachment) => (
                <List.Item key={attachment.filename}>
                  {attachment.filename} ({formatFileSize(attachment.size, i18n.language)})
                </List.Item>
              ))}
            </List>
          )}
        </div>
        <SegmentedControl<'html' | 'text'>
          size="xs"
          aria-label={t('mail.view.showAs')}
          value={view}
          onChange={setView}
          data={[
            { value: 'html', label: t('mail.view.html'), disabled: !draft.html.trim() },
            { value: 'text', label: t('mail.view.text') },
          ]}
          style={{ alignSelf: 'flex-start' }}
        />
        {view === 'html' ? (
          <iframe
            sandbox=""
            srcDoc={previewPolicy + draft.html}
            title={t('mail.view.htmlFrameTitle', { subject: draft.subject })}
            referrerPolicy="no-referrer"
            style={{
              width: '100%',
              height: '40vh',
              border: '1px solid var(--mantine-color-default-border)',
              background: 'white',
            }}
          />
        ) : (
          <Box
            component="pre"
            m={0}
            p="sm"
            aria-label={t('mail.view.text')}
            style={{
              whiteSpace: 'pre-wrap',
              overflowWrap: 'anywhere',
              fontSize: 'var(--mantine-font-size-sm)',
              background: 'var(--mantine-color-gray-0)',
              maxHeight: '40vh',
              overflow: 'auto',
            }}
          >
            {draft.text}
          </Box>
        )}
      </Stack>
    </Box>
  );
}

const roleOrder: ContactRole[] = ['technical-reference', 'approver', 'partner-technician'];

/**
 * Choose contacts of the project's customer and partner, preview each one's message as the server drafts it,
 * then send after a confirmation.
 */
export function EmailComposer({ project, kind, opened, onClose, preselect }: EmailComposerProps) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const { contacts, isPending, error, refetch } = useProjectContacts(project);
  const [selected, setSelected] = useState<string[] | null>(null);
  const [stage, setStage] = useState<Stage>('choose');
  const [selectionError, setSelectionError] = useState<string | null>(null);

  // The ticked contacts; until the user changes anything, the preselection.
  const chosen = selected ?? contacts.filter(preselect).map((contact) => contact.id);

  const preview = useMutation({
    mutationFn: async (contactIds: string[]) =>
      (await call(api.POST(draftPath[kind], { params: { path: { id: project.id } }, body: { contactIds } }))).items,
    onSuccess: () => setStage('preview'),
  });
  const send = useMutation({
    mutationFn: (contactIds: string[]) =>
      call(api.POST(sendPath[kind], { params: { path: { id: project.id } }, body: { contactIds } })),
    onSuccess: (detail, contactIds) => {
      queryClient.setQueryData(queryKeys.project(project.id), detail);
      notifications.show({ color: 'green', message: t(`compose.${kind}.sent`, { count: contactIds.length }) });
      close(true);
    },
    onError: (failure) => {
      notifications.show({
        color: 'red',
        title: t('errors.actionFailed'),
        message: errorMessage(failure, t('errors.network')),
      });
    },
    onSettled: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: queryKeys.project(project.id) }),
        queryClient.invalidateQueries({ queryKey: queryKeys.projectMail(project.id) }),
        queryClient.invalidateQueries({ queryKey: queryKeys.audit(project.id) }),
        queryClient.invalidateQueries({ queryKey: ['projects'] }),
      ]),
  });

  function close(force = false) {
    if (send.isPending && !force) return;
    setStage('choose');
    setSelected(null);
    setSelectionError(null);
    preview.reset();
    send.reset();
    onClose();
  }

  function runPreview() {
    if (chosen.length === 0) {
      setSelectionError(t('compose.chooseOne'));
      return;
    }
    preview.mutate(chosen);
  }

  const title = t(`compose.${kind}.title`);
  const sorted = [...contacts].sort(
    (left, right) =>
      Number(left.side === 'partner') - Number(right.side === 'partner') ||
      roleOrder.indexOf(left.role) - roleOrder.indexOf(right.role) ||
      left.name.localeCompare(right.name),
  );
  const drafts = preview.data ?? [];

  return (
    <Modal opened={opened} onClose={() => close()} title={title} size="xl" centered>
      {isPending ? (
        <Group justify="center" p="lg" role="status">
          <Loader aria-label={t('common.loading')} />
        </Group>
      ) : error ? (
        <Stack>
          <LiveError error={error} />
          <Button variant="default" onClick={() => void refetch()} style={{ alignSelf: 'flex-start' }}>
            {t('common.retry')}
          </Button>
        </Stack>
      ) : contacts.length === 0 ? (
        <Stack>
          <Alert color="yellow" title={t('compose.noContactsTitle')}>
            {t('compose.noContactsBody')}
          </Alert>
          <Group>
            <Anchor component={Link} to={`/organisations/${project.customer.id}`}>
              {t('compose.addContactTo', { name: project.customer.name })}
            </Anchor>
            {project.partner && (
              <Anchor component={Link} to={`/organisations/${project.partner.id}`}>
                {t('compose.addContactTo', { name: project.partner.name })}
              </Anchor>
            )}
          </Group>
        </Stack>
      ) : stage === 'choose' ? (
        <Stack>
          <Text size="sm">{t(`compose.${kind}.intro`)}</Text>
          <Checkbox.Group
            label={t('compose.recipients')}
            description={t('compose.recipientsHint')}
            value={chosen}
            onChange={(value) => {
              setSelectionError(null);
              setSelected(value);
            }}
            error={selectionError}
          >
            <Stack gap="xs" mt="xs">
              {sorted.map((contact) => (
                <Checkbox
                  key={contact.id}
                  value={contact.id}
                  label={`${contact.name} <${contact.email}>`}
                  description={t('compose.contactLine', {
                    role: t(`contactRoles.${contact.role}`),
                    language: t(`languages.${contact.language}`),
                    organisation: contact.organisationName,
                    side: t(`party.${contact.side}`),
                  })}
                />
              ))}
            </Stack>
          </Checkbox.Group>
          <Text size="xs" c="dimmed">
            {t('compose.missingContact')}{' '}
            <Anchor component={Link} to={`/organisations/${project.customer.id}`} size="xs">
              {project.customer.name}
            </Anchor>
            {project.partner && (
              <>
                {' · '}
                <Anchor component={Link} to={`/organisations/${project.partner.id}`} size="xs">
                  {project.partner.name}
                </Anchor>
              </>
            )}
          </Text>
          <LiveError error={preview.error} />
          <Group justify="flex-end">
            <Button variant="default" onClick={() => close()}>
              {t('common.cancel')}
            </Button>
            <Button onClick={runPreview} loading={preview.isPending}>
              {t('compose.preview')}
            </Button>
          </Group>
        </Stack>
      ) : stage === 'preview' ? (
        <Stack>
          <Text size="sm">{t('compose.previewIntro', { count: drafts.length })}</Text>
          {drafts.map((draft) => (
            <DraftView key={draft.contact.id} draft={draft} />
          ))}
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setStage('choose')}>
              {t('compose.back')}
            </Button>
            <Button onClick={() => setStage('confirm')}>{t('compose.send', { count: drafts.length })}</Button>
          </Group>
        </Stack>
      ) : (
        <Stack>
          <Title order={3} size="h4">
            {t('compose.confirmTitle', { count: drafts.length })}
          </Title>
          <List size="sm">
            {drafts.map((draft) => (
              <List.Item key={draft.contact.id}>
                {draft.contact.name} &lt;{draft.contact.email}&gt; — {draft.subject}
              </List.Item>
            ))}
          </List>
          <Text size="sm">{t('compose.confirmBody')}</Text>
          <LiveError error={send.error} />
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setStage('preview')} disabled={send.isPending}>
              {t('compose.back')}
            </Button>
            <Button
              data-autofocus
              loading={send.isPending}
              onClick={() => send.mutate(drafts.map((draft) => draft.contact.id))}
            >
              {t('compose.sendNow', { count: drafts.length })}
            </Button>
          </Group>
        </Stack>
      )}
    </Modal>
  );
}
