import { Alert, Button, Center, Stack } from '@mantine/core';
import { useEffect, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, useLocation } from 'react-router';
import { errorMessage } from '../api/errors';
import { browserLanguage } from '../i18n';
import { PageLoader } from '../layout/PageLoader';
import { useSession } from './session';

/** Renders its children only for a logged-in user; otherwise sends the visitor to /login. */
export function RequireSession({ children }: { children: ReactNode }) {
  const { t, i18n } = useTranslation();
  const location = useLocation();
  const session = useSession();
  const language = session.data?.language;

  useEffect(() => {
    const wanted = language ?? browserLanguage();
    if (i18n.language !== wanted) void i18n.changeLanguage(wanted);
  }, [language, i18n]);

  if (session.isPending) return <PageLoader />;
  if (session.isError) {
    return (
      <Center mih="60vh">
        <Stack align="center">
          <Alert color="red" role="alert" title={t('errors.sessionFailedTitle')}>
            {errorMessage(session.error, t('errors.network'))}
          </Alert>
          <Button onClick={() => void session.refetch()}>{t('common.retry')}</Button>
        </Stack>
      </Center>
    );
  }
  if (!session.data) {
    const next = location.pathname + location.search;
    const search = next === '/' ? '' : `?next=${encodeURIComponent(next)}`;
    return <Navigate to={`/login${search}`} replace />;
  }
  return <>{children}</>;
}
