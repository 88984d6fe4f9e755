import {
  Anchor,
  Box,
  Button,
  Drawer,
  Group,
  Loader,
  SegmentedControl,
  Stack,
  Table,
  Text,
  Title,
  VisuallyHidden,
} from '@mantine/core';
import { useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { api, call } from '../api/client';
import { useMailMode } from '../admin/trialMail';
import { queryKeys, useMailMessage } from '../api/queries';
import type { MailMessage, MailMessageDetail } from '../api/types';
import { DateTime } from '../lib/DateTime';
import { formatFileSize } from '../lib/format';
import { LiveError } from '../ui/ErrorAlert';
import { formatAddress, mailAttachmentUrl, mailSourceUrl } from './mailFormat';
import { MailStatusBadge } from './MailStatusBadge';
import { useWorkMutation } from './projectWork';

type BodyView = 'html' | 'text';

/**
 * Put ahead of the HTML part: the preview shows what we sent and fetches nothing (no remote images, fonts or
 * frames), on top of the sandbox that already forbids scripts, forms and the app's origin.
 */
export const previewPolicy =
  '<meta http-equiv="Content-Security-Policy" content="default-src \'none\'; img-src data: cid:; style-src \'unsafe-inline\'; font-src data:">';

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

function addresses(list: MailMessage['to']): string {
  return list.length === 0 ? '—' : list.map(formatAddress).join(', ');
}

function MessageBody({ message }: { message: MailMessageDetail }) {
  const { t } = useTranslation();
  const hasHtml = message.html.trim() !== '';
  const [view, setView] = useState<BodyView>(hasHtml ? 'html' : 'text');
  const shown: BodyView = hasHtml ? view : 'text';
  const subject = message.subject || t('mail.noSubject');
  return (
    <Stack gap="xs">
      <Group justify="space-between" align="center">
        <Title order={3} size="h5" id={`mail-body-${message.id}`}>
          {t('mail.view.body')}
        </Title>
        <SegmentedControl<BodyView>
          size="xs"
          aria-label={t('mail.view.showAs')}
          value={shown}
          onChange={setView}
          data={[
            { value: 'html', label: t('mail.view.html'), disabled: !hasHtml },
            { value: 'text', label: t('mail.view.text') },
          ]}
        />
      </Group>
      {!hasHtml && (
        <Text size="sm" c="dimmed">
          {t('mail.view.noHtml')}
        </Text>
      )}
      {shown === 'html' ? (
        <iframe
          sandbox=""
          srcDoc={previewPolicy + message.html}
          title={t('mail.view.htmlFrameTitle', { subject })}
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
          aria-labelledby={`mail-body-${message.id}`}
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
          {message.text}
        </Box>
      )}
    </Stack>
  );
}

/** A message that ended without being sent, sent again on request: the same message goes back to the outbox. */
function ResendMessage({ message, projectId }: { message: MailMessageDetail; projectId: string }) {
  const { t } = useTranslation();
  const isTrialMailbox = useMailMode().data?.isTrialMailbox === true;
  const hint = isTrialMailbox
    ? t('mail.resendTrialHint')
    : message.status === 'trial'
      ? t('mail.resendToRecipientsHint')
      : t('mail.resendHint');
  const resend = useWorkMutation(
    projectId,
    () => call(api.POST('/api/mail/{id}/resend', { params: { path: { id: message.id } } })),
    {
      successMessage: isTrialMailbox ? t('mail.resentTrial') : t('mail.resent'),
      invalidate: [queryKeys.projectMail(projectId), queryKeys.mailMessage(message.id)],
    },
  );
  // A second click before the button shows it is busy would only be refused (the message is already queued).
  const isSending = useRef(false);
  const sendAgain = () => {
    if (isSending.current) return;
    isSending.current = true;
    resend.mutate(undefined, { onSettled: () => (isSending.current = false) });
  };
  return (
    <Group gap="sm" align="center" wrap="nowrap">
      <Button size="xs" onClick={sendAgain} loading={resend.isPending}>
        {t('mail.resend')}
      </Button>
      <Text size="sm" c="dimmed">
        {hint}
      </Text>
    </Group>
  );
}

function MessageDetail({
  message,
  projectId,
  canResend,
}: {
  message: MailMessageDetail;
  projectId: string;
  canResend: boolean;
}) {
  const { t, i18n } = useTranslation();
  return (
    <Stack gap="lg">
      <Stack gap={6}>
        <Group gap="xs">
          <MailStatusBadge message={message} />
          <Text size="sm" c="dimmed">
            {t('mail.view.attempts', { count: message.attempts })}
          </Text>
        </Group>
        {message.lastResponse && (
          <Text
            size="sm"
            c={message.status === 'failed' ? 'red.9' : undefined}
            fw={message.status === 'failed' ? 600 : undefined}
            style={{ wordBreak: 'break-word' }}
          >
            {t('mail.serverAnswer', { response: message.lastResponse })}
          </Text>
        )}
        {canResend && message.canSendAgain && <ResendMessage message={message} projectId={projectId} />}
      </Stack>

      <Table verticalSpacing={4} withRowBorders={false}>
        <VisuallyHidden component="caption">{t('mail.view.headers')}</VisuallyHidden>
        <Table.Tbody>
          <HeaderRow name={t('mail.view.from')}>{formatAddress(message.from)}</HeaderRow>
          <HeaderRow name={t('mail.view.replyTo')}>{message.replyTo ? formatAddress(message.replyTo) : '—'}</HeaderRow>
          <HeaderRow name={t('mail.view.to')}>{addresses(message.to)}</HeaderRow>
          <HeaderRow name={t('mail.view.cc')}>{addresses(message.cc)}</HeaderRow>
          <HeaderRow name={t('mail.view.date')}>
            <DateTime iso={message.sentAt ?? message.createdAt} />
            {message.sentAt === null && (
              <Text span size="xs" c="dimmed">
                {' '}
                ({t('mail.view.notSentYet')})
              </Text>
            )}
          </HeaderRow>
          <HeaderRow name={t('mail.view.subject')}>{message.subject || t('mail.noSubject')}</HeaderRow>
          <HeaderRow name={t('mail.view.messageId')}>
            <Text span size="sm" ff="monospace">
              {message.messageId}
            </Text>
          </HeaderRow>
          <HeaderRow name={t('mail.view.inReplyTo')}>
            {message.inReplyTo ? (
              <Text span size="sm" ff="monospace">
                {message.inReplyTo}
              </Text>
            ) : (
              t('mail.view.firstInThread')
            )}
          </HeaderRow>
        </Table.Tbody>
      </Table>

      <Stack gap={6}>
        <Title order={3} size="h5">
          {t('mail.view.attachments')}
        </Title>
        {message.attachments.length === 0 ? (
          <Text size="sm" c="dimmed">
            {t('mail.view.noAttachments')}
          </Text>
        ) : (
          <Stack component="ul" gap={4} m={0} pl="md">
            {message.attachments.map((attachment) => (
              <li key={attachment.id}>
                <Anchor href={mailAttachmentUrl(message.id, attachment.id)} download={attachment.filename} size="sm">
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
        <Anchor href={mailSourceUrl(message.id)} download size="sm">
          {t('mail.view.downloadSource')}
        </Anchor>
      </Stack>

      <MessageBody message={message} />
    </Stack>
  );
}

interface MailMessageViewProps {
  projectId: string;
  /** Whether to offer "Send again" on a message that was not sent. */
  canResend: boolean;
  /** The message to show; kept after closing so the drawer does not empty while it slides shut. */
  mailId: string | null;
  /** The list's copy of the message, for the title before the full message has loaded. */
  summary: MailMessage | undefined;
  opened: boolean;
  onClose: () => void;
}

/** One message as it was sent: headers, attachments, the .eml, and its HTML or text part. */
export function MailMessageView({ projectId, canResend, mailId, summary, opened, onClose }: MailMessageViewProps) {
  const { t } = useTranslation();
  const message = useMailMessage(mailId);
  const subject = message.data?.subject ?? summary?.subject;
  return (
    <Drawer
      opened={opened}
      onClose={onClose}
      position="right"
      size="xl"
      title={
        <Text component="span" fw={600} style={{ wordBreak: 'break-word' }}>
          {subject || t('mail.view.title')}
        </Text>
      }
      closeButtonProps={{ 'aria-label': t('common.close') }}
    >
      {message.isPending ? (
        <Group justify="center" p="xl" role="status">
          <Loader aria-label={t('common.loading')} />
        </Group>
      ) : message.isError ? (
        <LiveError error={message.error} />
      ) : (
        <MessageDetail key={message.data.id} message={message.data} projectId={projectId} canResend={canResend} />
      )}
    </Drawer>
  );
}
