import {
  Anchor,
  Box,
  Button,
  Grid,
  Group,
  Loader,
  Paper,
  SegmentedControl,
  Select,
  Stack,
  Table,
  Text,
  Title,
  VisuallyHidden,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type KeyboardEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { api, call } from '../api/client';
import { useDocumentTitle } from '../layout/useDocumentTitle';
import { DateTime } from '../lib/DateTime';
import { formatDateTime, formatFileSize, localTimeZone } from '../lib/format';
import { addressName, formatAddress } from '../projects/mailFormat';
import { previewPolicy } from '../projects/MailMessageView';
import { ConfirmDialog } from '../ui/ConfirmDialog';
import { EmptyState } from '../ui/EmptyState';
import { LiveError } from '../ui/ErrorAlert';
import {
  trialMailKeys,
  trialMailUrls,
  useMailMode,
  useTrialMailbox,
  useTrialMessage,
  type TrialMailDetail,
  type TrialMailSummary,
} from './trialMail';

const messageParam = 'message';
const recipientParam = 'recipient';

/**
 * Ahead of the HTML part: the preview fetches nothing, and its links open in a new window (the sandbox lets them, and
 * lets that window leave the sandbox, so the link page there works as in any browser).
 */
const linkTarget = '<base target="_blank">';

const urlPattern = /(https?:\/\/[^\s<>"]+)/g;

/** The text part with its addresses as links that open in a new window, where the admin acts as the recipient. */
function TextWithLinks({ text }: { text: string }) {
  const parts: ReactNode[] = text.split(urlPattern).map((part, index) =>
    index % 2 === 1 ? (
      <Anchor key={index} href={part} target="_blank" rel="noopener noreferrer" style={{ wordBreak: 'break-all' }}>
        {part}
      </Anchor>
    ) : (
      part
    ),
  );
  return <>{parts}</>;
}

function HeaderRow({ name, children }: { name: string; children: ReactNode }) {
  return (
    <Table.Tr>
      <Table.Th scope="row" style={{ whiteSpace: 'nowrap', verticalAlign: 'top', width: '1%' }}>
        {name}
      </Table.Th>
      <Table.Td style={{ wordBreak: 'break-word' }}>{children}</Table.Td>
    </Table.Tr>
  );
}

type BodyView = 'html' | 'text';

function MessageBody({ message }: { message: TrialMailDetail }) {
  const { t } = useTranslation();
  const hasHtml = message.html.trim() !== '';
  const [view, setView] = useState<BodyView>('text');
  const shown: BodyView = hasHtml ? view : 'text';
  const subject = message.subject || t('trialMail.noSubject');
  return (
    <Stack gap="xs">
      <Group justify="space-between" align="center">
        <Title order={3} size="h5" id={`trial-body-${message.id}`}>
          {t('trialMail.message.body')}
        </Title>
        <SegmentedControl<BodyView>
          size="xs"
          aria-label={t('trialMail.message.showAs')}
          value={shown}
          onChange={setView}
          data={[
            { value: 'text', label: t('trialMail.message.text') },
            { value: 'html', label: t('trialMail.message.html'), disabled: !hasHtml },
          ]}
        />
      </Group>
      <Text size="sm" c="dimmed">
        {t('trialMail.message.linksHint')}
      </Text>
      {shown === 'html' ? (
        <iframe
          sandbox="allow-popups allow-popups-to-escape-sandbox"
          srcDoc={previewPolicy + linkTarget + message.html}
          title={t('trialMail.message.htmlFrameTitle', { subject })}
          referrerPolicy="no-referrer"
          style={{
            width: '100%',
            height: '60vh',
            border: '1px solid var(--mantine-color-default-border)',
            borderRadius: 'var(--mantine-radius-sm)',
            background: 'white',
          }}
        />
      ) : (
        <Box
          component="pre"
          aria-labelledby={`trial-body-${message.id}`}
          m={0}
          p="sm"
          style={{
            whiteSpace: 'pre-wrap',
            overflowWrap: 'anywhere',
            fontSize: 'var(--mantine-font-size-sm)',
            border: '1px solid var(--mantine-color-default-border)',
            borderRadius: 'var(--mantine-radius-sm)',
            background: 'var(--mantine-color-gray-0)',
          }}
        >
          <TextWithLinks text={message.text} />
        </Box>
      )}
    </Stack>
  );
}

function MessageView({ id }: { id: string }) {
  const { t, i18n } = useTranslation();
  const message = useTrialMessage(id);
  if (message.isPending) {
    return (
      <Group justify="center" p="xl" role="status">
        <Loader aria-label={t('common.loading')} />
      </Group>
    );
  }
  if (message.isError) return <LiveError error={message.error} />;
  const detail = message.data;
  const list = (addresses: TrialMailDetail['to']) =>
    addresses.length === 0 ? '—' : addresses.map(formatAddress).join(', ');
  return (
    <Stack gap="lg" component="article" aria-label={detail.subject || t('trialMail.noSubject')}>
      <Title order={2} size="h4" style={{ wordBreak: 'break-word' }}>
        {detail.subject || t('trialMail.noSubject')}
      </Title>
      <Table verticalSpacing={4} withRowBorders={false}>
        <VisuallyHidden component="caption">{t('trialMail.message.headers')}</VisuallyHidden>
        <Table.Tbody>
          <HeaderRow name={t('trialMail.message.from')}>{formatAddress(detail.from)}</HeaderRow>
          <HeaderRow name={t('trialMail.message.replyTo')}>
            {detail.replyTo ? formatAddress(detail.replyTo) : '—'}
          </HeaderRow>
          <HeaderRow name={t('trialMail.message.to')}>{list(detail.to)}</HeaderRow>
          <HeaderRow name={t('trialMail.message.cc')}>{list(detail.cc)}</HeaderRow>
          <HeaderRow name={t('trialMail.message.date')}>
            <DateTime iso={detail.deliveredAt} />
          </HeaderRow>
          {detail.projectId !== null && detail.projectReference !== null && (
            <HeaderRow name={t('trialMail.project')}>
              <Anchor component={Link} to={`/projects/${detail.projectId}?tab=mail`} size="sm">
                {t('trialMail.message.openProject', { reference: detail.projectReference })}
              </Anchor>
            </HeaderRow>
          )}
        </Table.Tbody>
      </Table>
      <Stack gap={6}>
        <Title order={3} size="h5">
          {t('trialMail.message.attachments')}
        </Title>
        {detail.attachments.length === 0 && detail.calendar === null ? (
          <Text size="sm" c="dimmed">
            {t('trialMail.message.noAttachments')}
          </Text>
        ) : (
          <Stack component="ul" gap={4} m={0} pl="md">
            {detail.calendar !== null && (
              <li>
                <Anchor href={trialMailUrls.calendar(detail.id)} download="invite.ics" size="sm">
                  {detail.calendar.method
                    ? t('trialMail.message.calendarMethod', { method: detail.calendar.method })
                    : t('trialMail.message.calendar')}
                </Anchor>
              </li>
            )}
            {detail.attachments.map((attachment) => (
              <li key={attachment.index}>
                <Anchor
                  href={trialMailUrls.attachment(detail.id, attachment.index)}
                  target="_blank"
                  rel="noopener noreferrer"
                  size="sm"
                >
                  {attachment.filename}
                </Anchor>
                <Text span size="xs" c="dimmed">
                  {' '}
                  ({formatFileSize(attachment.size, i18n.language)})
                </Text>
              </li>
            ))}
          </Stack>
        )}
        <Anchor href={trialMailUrls.source(detail.id)} download size="sm">
          {t('trialMail.message.downloadSource')}
        </Anchor>
      </Stack>
      <MessageBody key={detail.id} message={detail} />
    </Stack>
  );
}

function MessageList({
  items,
  selectedId,
  onSelect,
}: {
  items: TrialMailSummary[];
  selectedId: string | null;
  onSelect: (id: string) => void;
}) {
  const { t, i18n } = useTranslation();
  const onKeyDown = (event: KeyboardEvent<HTMLTableRowElement>, id: string) => {
    if (event.target !== event.currentTarget) return;
    if (event.key === 'Enter' || event.key === ' ') {
      event.preventDefault();
      onSelect(id);
    }
  };
  return (
    <Table.ScrollContainer minWidth={420}>
      <Table highlightOnHover verticalSpacing="xs">
        <VisuallyHidden component="caption">{t('trialMail.caption')}</VisuallyHidden>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{t('trialMail.delivered', { zone: localTimeZone() })}</Table.Th>
            <Table.Th scope="col">{t('trialMail.to')}</Table.Th>
            <Table.Th scope="col">{t('trialMail.subject')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {items.map((item) => {
            const subject = item.subject || t('trialMail.noSubject');
            const recipients = item.recipients.map(addressName).join(', ');
            return (
              <Table.Tr
                key={item.id}
                tabIndex={0}
                aria-label={t('trialMail.rowLabel', {
                  subject,
                  recipients,
                  when: formatDateTime(item.deliveredAt, i18n.language),
                })}
                aria-current={item.id === selectedId ? 'true' : undefined}
                onClick={() => onSelect(item.id)}
                onKeyDown={(event) => onKeyDown(event, item.id)}
                style={{ cursor: 'pointer' }}
                bg={item.id === selectedId ? 'var(--mantine-color-blue-light)' : undefined}
              >
                <Table.Td style={{ whiteSpace: 'nowrap', verticalAlign: 'top' }}>
                  <DateTime iso={item.deliveredAt} />
                </Table.Td>
                <Table.Td style={{ verticalAlign: 'top' }}>
                  <Text size="sm" title={item.recipients.map((address) => address.email).join(', ')}>
                    {recipients}
                  </Text>
                </Table.Td>
                <Table.Td style={{ verticalAlign: 'top' }}>
                  <Text size="sm" fw={500} style={{ wordBreak: 'break-word' }}>
                    {subject}
                  </Text>
                  {item.projectReference !== null && (
                    <Text size="xs" c="dimmed">
                      {item.projectReference}
                    </Text>
                  )}
                </Table.Td>
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

function EmptyMailbox() {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [isOpen, setOpen] = useState(false);
  const [, setSearchParams] = useSearchParams();
  const empty = useMutation({
    mutationFn: () => call(api.DELETE('/api/admin/trial-mail')),
    onSuccess: ({ removed }) => {
      setOpen(false);
      setSearchParams({}, { replace: true });
      void queryClient.invalidateQueries({ queryKey: trialMailKeys.all });
      notifications.show({ color: 'green', message: t('trialMail.emptied', { count: removed }) });
    },
  });
  return (
    <>
      <Button variant="default" color="red" onClick={() => setOpen(true)} aria-haspopup="dialog">
        {t('trialMail.empty')}
      </Button>
      <ConfirmDialog
        opened={isOpen}
        title={t('trialMail.emptyConfirmTitle')}
        message={t('trialMail.emptyConfirm')}
        confirmLabel={t('trialMail.emptyConfirmButton')}
        confirmColor="red"
        isPending={empty.isPending}
        error={empty.error}
        onConfirm={() => empty.mutate()}
        onClose={() => setOpen(false)}
      />
    </>
  );
}

/** The trial mailbox: every email Engage delivered while no SMTP server is configured, for an admin to act as its recipients. */
export default function TrialMailboxPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('trialMail.title'));
  const mode = useMailMode();
  const [searchParams, setSearchParams] = useSearchParams();
  const selectedId = searchParams.get(messageParam);
  const recipient = searchParams.get(recipientParam);
  const [pages, setPages] = useState<string[]>([]);
  const first = useTrialMailbox(recipient, null);
  const setParam = (name: string, value: string | null) =>
    setSearchParams(
      (current) => {
        const next = new URLSearchParams(current);
        if (value === null) next.delete(name);
        else next.set(name, value);
        return next;
      },
      { replace: true },
    );

  if (mode.data?.isTrialMailbox === false) {
    return (
      <Stack>
        <Title order={1}>{t('trialMail.title')}</Title>
        <EmptyState title={t('trialMail.notAvailableTitle')} description={t('trialMail.notAvailableBody')} />
      </Stack>
    );
  }

  const recipients = first.data?.recipients ?? [];
  const recipientOptions = [
    { value: '', label: t('trialMail.allRecipients') },
    ...recipients.map((entry) => ({
      value: entry.email,
      label: t('trialMail.recipientOption', {
        address: entry.name ? `${entry.name} <${entry.email}>` : entry.email,
        count: entry.count,
      }),
    })),
  ];
  return (
    <Stack>
      <Group justify="space-between" align="flex-start" wrap="wrap">
        <Title order={1}>{t('trialMail.title')}</Title>
        {(first.data?.items.length ?? 0) > 0 && <EmptyMailbox />}
      </Group>
      <Text maw={860}>{t('trialMail.intro')}</Text>
      <Select
        label={t('trialMail.recipient')}
        data={recipientOptions}
        value={recipient ?? ''}
        onChange={(value) => {
          setPages([]);
          setSearchParams(value ? { [recipientParam]: value } : {}, { replace: true });
        }}
        allowDeselect={false}
        searchable
        maw={480}
      />
      {first.isPending ? (
        <Group justify="center" p="xl" role="status">
          <Loader aria-label={t('common.loading')} />
        </Group>
      ) : first.isError ? (
        <LiveError error={first.error} />
      ) : first.data.items.length === 0 ? (
        recipient === null ? (
          <EmptyState title={t('trialMail.emptyTitle')} description={t('trialMail.emptyBody')} />
        ) : (
          <EmptyState title={t('trialMail.emptyFilteredTitle')} description={t('trialMail.emptyFilteredBody')} />
        )
      ) : (
        <Grid gap="lg">
          <Grid.Col span={{ base: 12, lg: 5 }}>
            <Paper withBorder p="xs">
              <Stack gap="xs">
                <MessageList
                  items={first.data.items}
                  selectedId={selectedId}
                  onSelect={(id) => setParam(messageParam, id)}
                />
                {pages.map((cursor) => (
                  <OlderPage
                    key={cursor}
                    recipient={recipient}
                    cursor={cursor}
                    selectedId={selectedId}
                    onSelect={(id) => setParam(messageParam, id)}
                    onMore={(next) => setPages((current) => [...current, next])}
                    isLast={cursor === pages.at(-1)}
                  />
                ))}
                {pages.length === 0 && first.data.nextCursor !== null && (
                  <Button variant="subtle" onClick={() => setPages([first.data.nextCursor ?? ''])}>
                    {t('trialMail.showOlder')}
                  </Button>
                )}
              </Stack>
            </Paper>
          </Grid.Col>
          <Grid.Col span={{ base: 12, lg: 7 }}>
            <Paper withBorder p="md">
              {selectedId === null ? (
                <Text c="dimmed">{t('trialMail.chooseMessage')}</Text>
              ) : (
                <MessageView key={selectedId} id={selectedId} />
              )}
            </Paper>
          </Grid.Col>
        </Grid>
      )}
    </Stack>
  );
}

function OlderPage(props: {
  recipient: string | null;
  cursor: string;
  selectedId: string | null;
  onSelect: (id: string) => void;
  onMore: (cursor: string) => void;
  isLast: boolean;
}) {
  const { t } = useTranslation();
  const page = useTrialMailbox(props.recipient, props.cursor);
  if (page.isPending) return <Loader size="sm" aria-label={t('common.loading')} />;
  if (page.isError) return <LiveError error={page.error} />;
  return (
    <>
      <MessageList items={page.data.items} selectedId={props.selectedId} onSelect={props.onSelect} />
      {props.isLast && page.data.nextCursor !== null && (
        <Button variant="subtle" onClick={() => props.onMore(page.data.nextCursor ?? '')}>
          {t('trialMail.showOlder')}
        </Button>
      )}
    </>
  );
}
