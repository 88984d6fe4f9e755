import { Alert, Anchor, Button, Container, Stack, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link, useRouteError } from 'react-router';
import { errorMessage } from '../api/errors';

export function RouteError() {
  const { t } = useTranslation();
  const error = useRouteError();
  return (
    <Container size="sm" py="xl">
      <Stack>
        <Title order={1}>{t('errors.pageFailedTitle')}</Title>
        <Alert color="red" role="alert">
          {errorMessage(error, t('errors.pageFailed'))}
        </Alert>
        <Stack gap="xs" align="flex-start">
          <Button onClick={() => window.location.reload()}>{t('errors.reload')}</Button>
          <Anchor component={Link} to="/">
            {t('errors.backHome')}
          </Anchor>
        </Stack>
      </Stack>
    </Container>
  );
}
