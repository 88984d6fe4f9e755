import { Group, Loader, Stack, Table, Text, VisuallyHidden } from '@mantine/core';
import { useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { useProjectMail } from '../api/queries';
import type { MailMessage } from '../api/types';
import { DateTime } from '../lib/DateTime';
import { localTimeZone } from '../lib/format';
import { EmptyState } from '../ui/EmptyState';
import { LiveError } from '../ui/ErrorAlert';
import { addressName } from './mailFormat';
import { MailMessageView } from './MailMessageView';
import { MailStatusBadge, useMailStatusLabel } from './MailStatusBadge';

/** The search parameter that holds the open message, so a message can be linked to and survives a reload. */
const messageParam = 'message';

function Recipients({ message }: { message: MailMessage }) {
  const { t } = useTranslation();
  return (
    <Stack gap={2}>
      <Text size="sm" title={message.to.map((address) => address.email).join(', ')}>
        {message.to.map(addressName).join(', ')}
      </Text>
      {message.cc.length > 0 && (
        <Text size="xs" c="dimmed" title={message.cc.map((address) => address.email).join(', ')}>
          {t('mail.ccList', { addresses: message.cc.map(addressName).join(', ') })}
        </Text>
      )}
    </Stack>
  );
}

/** The SMTP server's answer where it matters: a failure the manager must act on, or the reason for a retry. */
function DeliveryProblem({ message }: { message: MailMessage }) {
  const { t } = useTranslation();
  if (!message.lastResponse) return null;
  if (message.status === 'failed') {
    return (
      <Text size="sm" c="red.9" fw={600} style={{ wordBreak: 'break-word' }}>
        {t('mail.serverAnswer', { response: message.lastResponse })}
      </Text>
    );
  }
  if (message.status === 'retrying') {
    return (
      <Text size="sm" c="orange.9" style={{ wordBreak: 'break-word' }}>
        {t('mail.attemptFailed', { attempt: message.attempts, response: message.lastResponse })}
      </Text>
    );
  }
  return null;
}

/** `canResend`: whether the viewer may send a failed message again (the server decides; this only hides the button). */
export function MailTab({ projectId, canResend }: { projectId: string; canResend: boolean }) {
  const { t } = useTranslation();
  const statusLabel = useMailStatusLabel();
  const mail = useProjectMail(projectId);
  const [searchParams, setSearchParams] = useSearchParams();
  const selectedId = searchParams.get(messageParam);
  // Keeps the drawer's content while it slides shut, after the parameter is gone.
  const [shownId, setShownId] = useState(selectedId);
  if (selectedId !== null && selectedId !== shownId) setShownId(selectedId);

  const setSelected = (id: string | null) =>
    setSearchParams(
      (current) => {
        const next = new URLSearchParams(current);
        if (id === null) next.delete(messageParam);
        else next.set(messageParam, id);
        return next;
      },
      { replace: true },
    );

  if (mail.isPending) {
    return (
      <Group justify="center" p="xl" role="status">
        <Loader aria-label={t('common.loading')} />
      </Group>
    );
  }
  if (mail.isError) return <LiveError error={mail.error} />;

  // The API lists the thread in the order it was written; a reader wants the latest on top.
  const messages = [...mail.data].reverse();
  const shownSummary = messages.find((message) => message.id === shownId);

  const onRowKeyDown = (event: KeyboardEvent<HTMLTableRowElement>, id: string) => {
    if (event.target !== event.currentTarget) return;
    if (event.key === 'Enter' || event.key === ' ') {
      event.preventDefault();
      setSelected(id);
    }
  };

  return (
    <>
      {messages.length === 0 ? (
        <EmptyState title={t('mail.emptyTitle')} description={t('mail.emptyBody')} />
      ) : (
        <Table.ScrollContainer minWidth={900}>
          <Table striped highlightOnHover verticalSpacing="xs">
            <VisuallyHidden component="caption">{t('mail.caption')}</VisuallyHidden>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('mail.time', { zone: localTimeZone() })}</Table.Th>
                <Table.Th scope="col">{t('mail.recipients')}</Table.Th>
                <Table.Th scope="col">{t('mail.subject')}</Table.Th>
                <Table.Th scope="col">{t('mail.status')}</Table.Th>
                <Table.Th scope="col">{t('mail.attachments')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {messages.map((message) => {
                const subject = message.subject || t('mail.noSubject');
                const rowLabel = [
                  t('mail.rowLabel', {
                    subject,
                    recipients: message.to.map(addressName).join(', '),
                    status: statusLabel(message),
                  }),
                  message.status === 'failed' && message.lastResponse
                    ? t('mail.serverAnswer', { response: message.lastResponse })
                    : '',
                ]
                  .filter(Boolean)
                  .join('. ');
                return (
                  <Table.Tr
                    key={message.id}
                    tabIndex={0}
                    aria-label={rowLabel}
                    aria-current={message.id === selectedId ? 'true' : undefined}
                    onClick={() => setSelected(message.id)}
                    onKeyDown={(event) => onRowKeyDown(event, message.id)}
                    style={{ cursor: 'pointer' }}
                    bg={message.status === 'failed' ? 'var(--mantine-color-red-light)' : undefined}
                  >
                    <Table.Td style={{ whiteSpace: 'nowrap', verticalAlign: 'top' }}>
                      <DateTime iso={message.createdAt} />
                    </Table.Td>
                    <Table.Td style={{ verticalAlign: 'top' }}>
                      <Recipients message={message} />
                    </Table.Td>
                    <Table.Td style={{ verticalAlign: 'top' }}>
                      <Stack gap={4}>
                        <Text size="sm" fw={500} style={{ wordBreak: 'break-word' }}>
                          {subject}
                        </Text>
                        <DeliveryProblem message={message} />
                      </Stack>
                    </Table.Td>
                    <Table.Td style={{ verticalAlign: 'top' }}>
                      <MailStatusBadge message={message} />
                    </Table.Td>
                    <Table.Td style={{ verticalAlign: 'top' }}>
                      {message.attachments.length === 0 ? (
                        <Text size="sm" c="dimmed">
                          —
                        </Text>
                      ) : (
                        <Stack gap={2}>
                          {message.attachments.map((attachment) => (
                            <Text key={attachment.id} size="sm" style={{ wordBreak: 'break-word' }}>
                              {attachment.filename}
                            </Text>
                          ))}
                        </Stack>
                      )}
                    </Table.Td>
                  </Table.Tr>
                );
              })}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      <MailMessageView
        projectId={projectId}
        canResend={canResend}
        mailId={shownId}
        summary={shownSummary}
        opened={selectedId !== null}
        onClose={() => setSelected(null)}
      />
    </>
  );
}
