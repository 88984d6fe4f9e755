import { Alert, Anchor, Button, Stack, Text, Title } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { errorMessage } from '../api/errors';
import { PageLoader } from '../layout/PageLoader';
import { isNotFound, isSignedOut, portalKeys, portalPaths } from './portalApi';

/**
 * What a portal page shows when its data did not load: a session that ended sends the whole portal back to "open the
 * link from your latest email"; something not shared with this contact says only that it is not available.
 */
export function PortalQueryProblem({
  error,
  notFoundTitle,
  onRetry,
}: {
  error: unknown;
  notFoundTitle: string;
  onRetry: () => void;
}) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const hasSessionEnded = isSignedOut(error);

  useEffect(() => {
    if (hasSessionEnded) queryClient.setQueryData(portalKeys.me, null);
  }, [hasSessionEnded, queryClient]);

  if (hasSessionEnded) return <PageLoader />;
  if (isNotFound(error)) {
    return (
      <Stack>
        <Title order={1}>{notFoundTitle}</Title>
        <Text>{t('portal.project.notAvailableBody')}</Text>
        <Anchor component={Link} to={portalPaths.home}>
          {t('portal.project.backToProjects')}
        </Anchor>
      </Stack>
    );
  }
  return (
    <Stack align="flex-start">
      <Title order={1}>{t('portal.layout.loadFailedTitle')}</Title>
      <Alert color="red" role="alert">
        {errorMessage(error, t('portal.layout.loadFailed'))}
      </Alert>
      <Button onClick={onRetry}>{t('common.retry')}</Button>
    </Stack>
  );
}
