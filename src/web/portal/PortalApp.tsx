import { Alert, Button, Group, Stack, Text, Title } from '@mantine/core';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Route, Routes, useLocation } from 'react-router';
import { errorMessage } from '../api/errors';
import { PageLoader } from '../layout/PageLoader';
import { NoSessionPage, SignedOutPage } from './NoSessionPage';
import { PortalDeliveryPage } from './PortalDeliveryPage';
import { PortalFrame } from './PortalFrame';
import { PortalHomePage } from './PortalHomePage';
import { PortalProjectPage } from './PortalProjectPage';
import { PortalQuestionnairePage } from './PortalQuestionnairePage';
import { PortalRequirementsPage } from './PortalRequirementsPage';
import { PortalSessionsPage } from './PortalSessionsPage';
import { portalPaths, usePortalMe, useSignOut, type PortalHome } from './portalApi';

function SignOutButton({ onSignedOut }: { onSignedOut: () => void }) {
  const { t } = useTranslation();
  const signOut = useSignOut();
  return (
    <Stack gap={2} align="flex-end">
      <Button
        variant="default"
        size="xs"
        loading={signOut.isPending}
        onClick={() => signOut.mutate(undefined, { onSuccess: onSignedOut })}
      >
        {t('portal.layout.signOut')}
      </Button>
      {signOut.isError && (
        <Text size="xs" c="red.8" role="alert">
          {errorMessage(signOut.error, t('portal.layout.signOutFailed'))}
        </Text>
      )}
    </Stack>
  );
}

/** Moves focus to the page's content after each in-portal navigation, so screen readers start at the new page. */
function useFocusOnNavigation() {
  const { pathname } = useLocation();
  const previous = useRef(pathname);
  useEffect(() => {
    if (previous.current === pathname) return;
    previous.current = pathname;
    document.getElementById('portal-main')?.focus({ preventScroll: false });
    window.scrollTo({ top: 0 });
  }, [pathname]);
}

function SignedInPortal({ me, onSignedOut }: { me: PortalHome; onSignedOut: () => void }) {
  const { t } = useTranslation();
  useFocusOnNavigation();
  const header = (
    <Group gap="md" wrap="wrap" justify="flex-end" component="nav" aria-label={t('portal.layout.main')}>
      <Link to={portalPaths.home} className="nav-link">
        {t('portal.layout.yourProjects')}
      </Link>
      <Text size="sm" c="dimmed">
        {t('portal.layout.signedInAs', { name: me.contact.name })}
      </Text>
      <SignOutButton onSignedOut={onSignedOut} />
    </Group>
  );
  return (
    <PortalFrame vendorName={me.vendor.name} header={header}>
      <Routes>
        <Route index element={<PortalHomePage me={me} />} />
        <Route path="projects/:id" element={<PortalProjectPage me={me} />} />
        <Route path="projects/:id/questionnaires/:applicationKey" element={<PortalQuestionnairePage me={me} />} />
        <Route path="projects/:id/requirements" element={<PortalRequirementsPage me={me} />} />
        <Route path="projects/:id/sessions" element={<PortalSessionsPage me={me} />} />
        <Route path="projects/:id/delivery" element={<PortalDeliveryPage me={me} />} />
        <Route path="*" element={<PortalHomePage me={me} />} />
      </Routes>
    </PortalFrame>
  );
}

/** The external portal: customers' and partners' contacts, signed in by the link emailed to them. */
export default function PortalApp() {
  const { t, i18n } = useTranslation();
  const me = usePortalMe();
  const [signedOut, setSignedOut] = useState<{ email: string; vendorName: string } | null>(null);
  const language = me.data?.contact.language;

  useEffect(() => {
    if (language && i18n.language !== language) void i18n.changeLanguage(language);
  }, [language, i18n]);

  if (signedOut !== null) {
    return (
      <PortalFrame vendorName={signedOut.vendorName}>
        <SignedOutPage email={signedOut.email} />
      </PortalFrame>
    );
  }
  if (me.isPending) return <PageLoader />;
  if (me.isError) {
    return (
      <PortalFrame vendorName={null}>
        <Stack align="flex-start">
          <Title order={1}>{t('portal.layout.loadFailedTitle')}</Title>
          <Alert color="red" role="alert">
            {errorMessage(me.error, t('portal.layout.loadFailed'))}
          </Alert>
          <Button onClick={() => void me.refetch()}>{t('common.retry')}</Button>
        </Stack>
      </PortalFrame>
    );
  }
  if (me.data === null) {
    return (
      <PortalFrame vendorName={null}>
        <NoSessionPage />
      </PortalFrame>
    );
  }
  const gone = { email: me.data.contact.email, vendorName: me.data.vendor.name };
  return <SignedInPortal me={me.data} onSignedOut={() => setSignedOut(gone)} />;
}
