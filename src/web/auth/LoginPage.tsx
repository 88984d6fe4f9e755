import { Alert, Anchor, Button, Center, Paper, PasswordInput, Stack, Text, TextInput, Title } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Navigate, useNavigate, useSearchParams } from 'react-router';
import { ApiError } from '../api/errors';
import { PageLoader } from '../layout/PageLoader';
import { useDocumentTitle } from '../layout/useDocumentTitle';
import { waitMessage } from './passwords';
import { useLogin, useSession } from './session';

/** Only same-app paths are followed after login, never another origin. */
function safeNext(value: string | null): string {
  if (!value || !value.startsWith('/') || value.startsWith('//')) return '/';
  return value;
}

export default function LoginPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('login.title'));
  const navigate = useNavigate();
  const [searchParams] = useSearchParams();
  const next = safeNext(searchParams.get('next'));
  const session = useSession();
  const login = useLogin();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [missing, setMissing] = useState<{ email?: string; password?: string }>({});

  if (session.isPending) return <PageLoader />;
  if (session.data && !login.isPending) return <Navigate to={next} replace />;

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const problems: { email?: string; password?: string } = {};
    if (!email.trim()) problems.email = t('login.emailRequired');
    if (!password) problems.password = t('login.passwordRequired');
    setMissing(problems);
    if (problems.email || problems.password) return;
    login.mutate({ email: email.trim(), password }, { onSuccess: () => void navigate(next, { replace: true }) });
  }

  let failure: string | null = null;
  if (login.error) {
    const error = login.error;
    if (error instanceof ApiError && error.status === 429) {
      failure = waitMessage(error.retryAfterSeconds, t);
    } else if (error instanceof ApiError && error.code === 'invalid_credentials') {
      failure = t('login.invalidCredentials');
    } else if (error instanceof ApiError && error.status < 500) {
      failure = error.message;
    } else {
      failure = t('errors.network');
    }
  }

  return (
    <Center mih="100vh" p="md" component="main">
      <Paper withBorder shadow="sm" p="xl" w="100%" maw={420}>
        <form onSubmit={submit} noValidate aria-describedby={failure ? 'login-error' : undefined}>
          <Stack>
            <div>
              <Text fw={700} c="blue.8" size="lg">
                Engage
              </Text>
              <Title order={1} size="h2">
                {t('login.heading')}
              </Title>
            </div>
            <div aria-live="assertive" id="login-error">
              {failure && (
                <Alert color="red" role="alert">
                  {failure}
                </Alert>
              )}
            </div>
            <TextInput
              label={t('login.email')}
              type="email"
              autoComplete="username"
              required
              autoFocus
              value={email}
              onChange={(event) => setEmail(event.currentTarget.value)}
              error={missing.email}
            />
            <PasswordInput
              visibilityToggleButtonProps={{ 'aria-label': t('common.toggleVisibility') }}
              label={t('login.password')}
              autoComplete="current-password"
              required
              value={password}
              onChange={(event) => setPassword(event.currentTarget.value)}
              error={missing.password}
            />
            <Button type="submit" loading={login.isPending} fullWidth>
              {t('login.submit')}
            </Button>
            <Anchor component={Link} to="/forgot-password" size="sm" ta="center">
              {t('accounts.login.forgot')}
            </Anchor>
          </Stack>
        </form>
      </Paper>
    </Center>
  );
}
