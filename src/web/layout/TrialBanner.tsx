import { Anchor, Box, Group, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useMailMode } from '../admin/trialMail';

/**
 * The slim band every staff page shows while no SMTP server is configured: nothing Engage writes leaves the server, so
 * nobody mistakes the trial mailbox for sent email. `mailboxLink` offers the mailbox to whoever may open it.
 */
export function TrialBanner({ mailboxLink }: { mailboxLink: boolean }) {
  const { t } = useTranslation();
  const mode = useMailMode();
  if (mode.data?.isTrialMailbox !== true) return null;
  return (
    <Box
      role="note"
      aria-label={t('trialMail.title')}
      bg="yellow.1"
      px="md"
      py={4}
      mb="sm"
      style={{ borderRadius: 'var(--mantine-radius-sm)', borderLeft: '4px solid var(--mantine-color-yellow-6)' }}
    >
      <Group gap="sm" wrap="wrap">
        <Text size="sm" fw={600}>
          {t('trialMail.banner')}
        </Text>
        {mailboxLink && (
          <Anchor component={Link} to="/admin/trial-mailbox" size="sm">
            {t('trialMail.bannerMailbox')}
          </Anchor>
        )}
      </Group>
    </Box>
  );
}
