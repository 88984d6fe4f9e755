import { Alert, Anchor, Button, Center, Group, Loader, Paper, PasswordInput, Stack, Text, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { api, call } from '../api/client';
import { ApiError } from '../api/errors';
import { useDocumentTitle } from '../layout/useDocumentTitle';
import { LiveError } from '../ui/ErrorAlert';
import { minimumPasswordLength, newPasswordProblem, passwordFormErrors } from './passwords';
import { sessionQueryKey } from './session';

/** The token of a password link, which the emails put after '#' so that it never reaches a server's log. */
function tokenFromAddress(): string {
  return typeof window === 'undefined' ? '' : window.location.hash.replace(/^#/, '');
}

/**
 * The page a password link opens (a reset or an invitation): it shows whose link it is without spending it (mail
 * scanners open links too), and the password is set, and the link spent, only when the person saves it.
 */
export default function SetPasswordPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  // Read once: the address bar keeps it, but the page no longer depends on it after the first render.
  const [token] = useState(tokenFromAddress);
  const link = useQuery({
    queryKey: ['passwordLink', token],
    queryFn: () => call(api.POST('/api/auth/password-link', { body: { token } })),
    enabled: token !== '',
    retry: false,
    staleTime: Infinity,
  });
  useDocumentTitle(
    link.data?.purpose === 'invitation'
      ? t('accounts.setPassword.titleInvitation')
      : t('accounts.setPassword.titleReset'),
  );
  const form = useForm<{ password: string; repeat: string }>({
    mode: 'controlled',
    initialValues: { password: '', repeat: '' },
    validate: {
      password: (value) => newPasswordProblem(value, t),
      repeat: (value, values) => (value === values.password ? null : t('accounts.password.mismatch')),
    },
  });
  const save = useMutation({
    mutationFn: (password: string) => call(api.POST('/api/auth/set-password', { body: { token, password } })),
    onSuccess: ({ user }) => {
      queryClient.removeQueries({ predicate: (query) => query.queryKey[0] !== sessionQueryKey[0] });
      queryClient.setQueryData(sessionQueryKey, user);
      // The link is spent: nothing to keep in the address bar or the history entry.
      window.history.replaceState(null, '', '/set-password');
      void navigate('/', { replace: true });
    },
    onError: (error) => form.setErrors(passwordFormErrors(error, ['password'] as const, t)),
  });

  const unusable = !token
    ? t('accounts.setPassword.missingToken')
    : link.error instanceof ApiError && link.error.status < 500
      ? link.error.message
      : null;
  const spentMeanwhile =
    save.error instanceof ApiError && save.error.code === 'link_unusable' ? save.error.message : null;

  return (
    <Center mih="100vh" p="md" component="main">
      <Paper withBorder shadow="sm" p="xl" w="100%" maw={460}>
        <Stack>
          <div>
            <Text fw={700} c="blue.8" size="lg">
              Engage
            </Text>
            <Title order={1} size="h2">
              {link.data?.purpose === 'invitation'
                ? t('accounts.setPassword.titleInvitation')
                : t('accounts.setPassword.titleReset')}
            </Title>
          </div>
          {unusable !== null || spentMeanwhile !== null ? (
            <>
              <Alert color="red" role="alert" title={t('accounts.setPassword.unusable')}>
                {spentMeanwhile ?? unusable}
              </Alert>
              <Group justify="space-between">
                <Anchor component={Link} to="/forgot-password">
                  {t('accounts.setPassword.requestNew')}
                </Anchor>
                <Anchor component={Link} to="/login">
                  {t('accounts.setPassword.toLogin')}
                </Anchor>
              </Group>
            </>
          ) : link.isPending ? (
            <Group justify="center" p="md" role="status">
              <Loader aria-label={t('accounts.setPassword.checking')} />
            </Group>
          ) : link.isError ? (
            <LiveError error={link.error} />
          ) : (
            <form onSubmit={form.onSubmit((values) => save.mutate(values.password))} noValidate>
              <Stack>
                <Text>
                  {link.data.purpose === 'invitation'
                    ? t('accounts.setPassword.invitationIntro', { name: link.data.name, email: link.data.email })
                    : t('accounts.setPassword.resetIntro', { email: link.data.email })}
                </Text>
                {/* The address, for the browser's password manager to store the new password under. */}
                <input type="email" name="username" autoComplete="username" value={link.data.email} readOnly hidden />
                <PasswordInput
                  visibilityToggleButtonProps={{ 'aria-label': t('common.toggleVisibility') }}
                  label={t('accounts.setPassword.newPassword')}
                  description={t('accounts.password.hint', { count: minimumPasswordLength })}
                  autoComplete="new-password"
                  required
                  data-autofocus
                  {...form.getInputProps('password')}
                />
                <PasswordInput
                  visibilityToggleButtonProps={{ 'aria-label': t('common.toggleVisibility') }}
                  label={t('accounts.password.repeat')}
                  autoComplete="new-password"
                  required
                  {...form.getInputProps('repeat')}
                />
                <LiveError
                  error={save.error instanceof ApiError && save.error.details.length > 0 ? null : save.error}
                />
                <Button type="submit" loading={save.isPending} fullWidth>
                  {t('accounts.setPassword.submit')}
                </Button>
              </Stack>
            </form>
          )}
        </Stack>
      </Paper>
    </Center>
  );
}
