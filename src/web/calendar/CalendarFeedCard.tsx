import { Alert, Button, CopyButton, Group, Paper, Stack, Text, TextInput, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DateTime } from '../lib/DateTime';
import { ConfirmDialog } from '../ui/ConfirmDialog';
import { ErrorAlert, LiveError } from '../ui/ErrorAlert';
import { useCalendarFeed, useCreateCalendarFeed, useRevokeCalendarFeed } from './calendarApi';

type Dialog = 'replace' | 'revoke' | null;

/** The signed-in person's calendar subscription: an address Outlook or Google Calendar reads their sessions from. */
export function CalendarFeedCard() {
  const { t } = useTranslation();
  const feed = useCalendarFeed();
  const create = useCreateCalendarFeed();
  const revoke = useRevokeCalendarFeed();
  const [dialog, setDialog] = useState<Dialog>(null);
  const [createdUrl, setCreatedUrl] = useState<string | null>(null);
  const [wasRevoked, setWasRevoked] = useState(false);

  const createAddress = () =>
    create.mutate(undefined, {
      onSuccess: ({ url }) => {
        setCreatedUrl(url);
        setWasRevoked(false);
        setDialog(null);
      },
    });
  const revokeAddress = () =>
    revoke.mutate(undefined, {
      onSuccess: () => {
        setCreatedUrl(null);
        setWasRevoked(true);
        setDialog(null);
      },
    });

  const status = feed.data;
  return (
    <Paper withBorder p="md" radius="md" component="section" aria-labelledby="calendar-feed-title">
      <Stack gap="sm">
        <Title order={2} size="h3" id="calendar-feed-title">
          {t('calendar.feed.title')}
        </Title>
        <Text size="sm">{t('calendar.feed.intro')}</Text>
        {feed.isPending && <Text size="sm">{t('common.loading')}</Text>}
        {feed.isError && <ErrorAlert error={feed.error} title={t('calendar.feed.loadFailed')} />}
        {status && (
          <Text size="sm" aria-live="polite">
            {status.isActive ? (
              <>
                {t('calendar.feed.active')}
                {status.createdAt && (
                  <>
                    {' '}
                    {t('calendar.feed.createdAt')} <DateTime iso={status.createdAt} />.
                  </>
                )}{' '}
                {status.lastReadAt ? (
                  <>
                    {t('calendar.feed.lastReadAt')} <DateTime iso={status.lastReadAt} />.
                  </>
                ) : (
                  t('calendar.feed.neverRead')
                )}
              </>
            ) : (
              t('calendar.feed.inactive')
            )}
          </Text>
        )}
        {wasRevoked && (
          <Alert color="blue" role="status">
            {t('calendar.feed.revoked')}
          </Alert>
        )}
        {createdUrl && (
          <Alert color="green" title={t('calendar.feed.createdTitle')} role="status">
            <Stack gap="xs">
              <Text size="sm">{t('calendar.feed.createdBody')}</Text>
              <Group gap="xs" align="flex-end" wrap="nowrap">
                <TextInput
                  label={t('calendar.feed.addressLabel')}
                  value={createdUrl}
                  readOnly
                  onFocus={(event) => event.currentTarget.select()}
                  style={{ flex: 1 }}
                />
                <CopyButton value={createdUrl}>
                  {({ copied, copy }) => (
                    <Button color={copied ? 'teal' : 'blue'} onClick={copy}>
                      {copied ? t('calendar.feed.copied') : t('calendar.feed.copy')}
                    </Button>
                  )}
                </CopyButton>
              </Group>
            </Stack>
          </Alert>
        )}
        {status && (
          <Group gap="sm">
            {status.isActive ? (
              <>
                <Button variant="default" onClick={() => setDialog('replace')}>
                  {t('calendar.feed.replace')}
                </Button>
                <Button variant="light" color="red" onClick={() => setDialog('revoke')}>
                  {t('calendar.feed.revoke')}
                </Button>
              </>
            ) : (
              <Button loading={create.isPending} onClick={createAddress}>
                {t('calendar.feed.create')}
              </Button>
            )}
          </Group>
        )}
        {dialog === null && <LiveError error={create.error ?? revoke.error} />}
      </Stack>
      <ConfirmDialog
        opened={dialog === 'replace'}
        title={t('calendar.feed.replaceTitle')}
        message={t('calendar.feed.replaceMessage')}
        confirmLabel={t('calendar.feed.replaceConfirm')}
        isPending={create.isPending}
        error={create.error}
        onConfirm={createAddress}
        onClose={() => {
          create.reset();
          setDialog(null);
        }}
      />
      <ConfirmDialog
        opened={dialog === 'revoke'}
        title={t('calendar.feed.revokeTitle')}
        message={t('calendar.feed.revokeMessage')}
        confirmLabel={t('calendar.feed.revokeConfirm')}
        confirmColor="red"
        isPending={revoke.isPending}
        error={revoke.error}
        onConfirm={revokeAddress}
        onClose={() => {
          revoke.reset();
          setDialog(null);
        }}
      />
    </Paper>
  );
}
