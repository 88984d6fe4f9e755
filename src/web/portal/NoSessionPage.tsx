import { Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { RequestLinkForm } from './RequestLinkForm';
import { usePortalTitle } from './usePortalTitle';

/** What a visitor without a portal session sees: where their link is, and how to get a new one. */
export function NoSessionPage() {
  const { t } = useTranslation();
  usePortalTitle(t('portal.noSession.title'), t('portal.title'));
  return (
    <Stack gap="lg">
      <Title order={1}>{t('portal.noSession.title')}</Title>
      <Text>{t('portal.noSession.body')}</Text>
      <RequestLinkForm />
    </Stack>
  );
}

/** Shown after "Sign out". */
export function SignedOutPage({ email }: { email: string | undefined }) {
  const { t } = useTranslation();
  usePortalTitle(t('portal.layout.signedOutTitle'), t('portal.title'));
  return (
    <Stack gap="lg">
      <Title order={1}>{t('portal.layout.signedOutTitle')}</Title>
      <Text>{t('portal.layout.signedOutBody')}</Text>
      <RequestLinkForm {...(email ? { email } : {})} />
    </Stack>
  );
}
