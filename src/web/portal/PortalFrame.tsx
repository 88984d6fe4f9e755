import { Box, Container, Group, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useMailMode } from '../admin/trialMail';

/** Said to whoever uses the portal while no email leaves the server: they came from the trial mailbox, not their inbox. */
function PortalTrialBanner() {
  const { t } = useTranslation();
  const mode = useMailMode();
  if (mode.data?.isTrialMailbox !== true) return null;
  return (
    <Box
      role="note"
      bg="yellow.1"
      px="sm"
      py={4}
      mb="md"
      style={{ borderRadius: 'var(--mantine-radius-sm)', borderLeft: '4px solid var(--mantine-color-yellow-6)' }}
    >
      <Text size="sm" fw={600}>
        {t('trialMail.portalBanner')}
      </Text>
    </Box>
  );
}

/** The portal's page frame: a header band and one calm, narrow column that reads well on a phone. */
export function PortalFrame({
  vendorName,
  header,
  children,
}: {
  vendorName: string | null;
  header?: ReactNode;
  children: ReactNode;
}) {
  const { t } = useTranslation();
  return (
    <Box mih="100vh" bg="gray.0">
      <a href="#portal-main" className="skip-link">
        {t('portal.layout.skipToContent')}
      </a>
      <Box component="header" bg="white" style={{ borderBottom: '1px solid var(--mantine-color-gray-3)' }}>
        <Container size={760} py="sm">
          <Group justify="space-between" gap="sm" wrap="wrap">
            <Text component="span" fw={800} size="lg" c="blue.8">
              {vendorName ?? t('portal.title')}
            </Text>
            {header}
          </Group>
        </Container>
      </Box>
      <Container size={760} py="lg" px={{ base: 'sm', sm: 'md' }}>
        <PortalTrialBanner />
        <Box component="main" id="portal-main" tabIndex={-1} style={{ outline: 'none' }}>
          {children}
        </Box>
      </Container>
    </Box>
  );
}
