import { Alert, Anchor, Button, Center, Paper, Stack, Text, TextInput, Title } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api, call } from '../api/client';
import { useDocumentTitle } from '../layout/useDocumentTitle';
import { LiveError } from '../ui/ErrorAlert';

/** "Forgot your password?": asks for the address and says the same whatever it is, as the server does. */
export default function ForgotPasswordPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('accounts.forgot.title'));
  const [email, setEmail] = useState('');
  const [missing, setMissing] = useState<string | null>(null);
  const request = useMutation({
    mutationFn: (address: string) => call(api.POST('/api/auth/forgot-password', { body: { email: address } })),
  });

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!email.trim()) {
      setMissing(t('accounts.forgot.emailRequired'));
      return;
    }
    setMissing(null);
    request.mutate(email.trim());
  }

  return (
    <Center mih="100vh" p="md" component="main">
      <Paper withBorder shadow="sm" p="xl" w="100%" maw={420}>
        <Stack>
          <div>
            <Text fw={700} c="blue.8" size="lg">
              Engage
            </Text>
            <Title order={1} size="h2">
              {t('accounts.forgot.title')}
            </Title>
          </div>
          {request.isSuccess ? (
            <Alert color="green" role="status">
              {t('accounts.forgot.sent', { email: request.variables })}
            </Alert>
          ) : (
            <form onSubmit={submit} noValidate>
              <Stack>
                <Text size="sm">{t('accounts.forgot.intro')}</Text>
                <TextInput
                  label={t('accounts.forgot.email')}
                  type="email"
                  autoComplete="username"
                  required
                  autoFocus
                  value={email}
                  onChange={(event) => setEmail(event.currentTarget.value)}
                  error={missing}
                />
                <LiveError error={request.error} />
                <Button type="submit" loading={request.isPending} fullWidth>
                  {t('accounts.forgot.submit')}
                </Button>
              </Stack>
            </form>
          )}
          <Anchor component={Link} to="/login" size="sm" ta="center">
            {t('accounts.forgot.back')}
          </Anchor>
        </Stack>
      </Paper>
    </Center>
  );
}
