import { Button, Group, Modal, PasswordInput, Stack, Text } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api, call } from '../api/client';
import { ApiError } from '../api/errors';
import { LiveError } from '../ui/ErrorAlert';
import { minimumPasswordLength, newPasswordProblem, passwordFormErrors, waitMessage } from './passwords';
import { useCurrentUser } from './session';

interface Values {
  currentPassword: string;
  newPassword: string;
  repeat: string;
}

function ChangePasswordForm({ onDone }: { onDone: () => void }) {
  const { t } = useTranslation();
  const user = useCurrentUser();
  const form = useForm<Values>({
    mode: 'controlled',
    initialValues: { currentPassword: '', newPassword: '', repeat: '' },
    validate: {
      currentPassword: (value) => (value ? null : t('accounts.change.currentRequired')),
      newPassword: (value) => newPasswordProblem(value, t),
      repeat: (value, values) => (value === values.newPassword ? null : t('accounts.password.mismatch')),
    },
  });
  const change = useMutation({
    mutationFn: (values: Values) =>
      call(
        api.POST('/api/auth/password', {
          body: { currentPassword: values.currentPassword, newPassword: values.newPassword },
        }),
      ),
    onSuccess: ({ otherSessionsEnded }) => {
      notifications.show({ color: 'green', message: t('accounts.change.done', { count: otherSessionsEnded }) });
      onDone();
    },
    onError: (error) => form.setErrors(passwordFormErrors(error, ['currentPassword', 'newPassword'] as const, t)),
  });
  const isFieldError = change.error instanceof ApiError && change.error.details.length > 0;
  const wait =
    change.error instanceof ApiError && change.error.status === 429
      ? waitMessage(change.error.retryAfterSeconds, t)
      : null;
  return (
    <form onSubmit={form.onSubmit((values) => change.mutate(values))} noValidate>
      <Stack>
        <Text size="sm">{t('accounts.change.intro')}</Text>
        {/* The account, for the browser's password manager to update the right entry. */}
        <input type="email" name="username" autoComplete="username" value={user.email} readOnly hidden />
        <PasswordInput
          visibilityToggleButtonProps={{ 'aria-label': t('common.toggleVisibility') }}
          label={t('accounts.change.current')}
          autoComplete="current-password"
          required
          data-autofocus
          {...form.getInputProps('currentPassword')}
        />
        <PasswordInput
          visibilityToggleButtonProps={{ 'aria-label': t('common.toggleVisibility') }}
          label={t('accounts.change.new')}
          description={t('accounts.password.hint', { count: minimumPasswordLength })}
          autoComplete="new-password"
          required
          {...form.getInputProps('newPassword')}
        />
        <PasswordInput
          visibilityToggleButtonProps={{ 'aria-label': t('common.toggleVisibility') }}
          label={t('accounts.password.repeat')}
          autoComplete="new-password"
          required
          {...form.getInputProps('repeat')}
        />
        <div aria-live="polite">
          {wait !== null && (
            <Text c="red" role="alert">
              {wait}
            </Text>
          )}
        </div>
        {wait === null && <LiveError error={isFieldError ? null : change.error} />}
        <Group justify="flex-end">
          <Button variant="default" onClick={onDone} disabled={change.isPending}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={change.isPending}>
            {t('accounts.change.submit')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

/** "Change password" from the account menu: the current password, the new one twice; other sessions end. */
export function ChangePasswordDialog({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  return (
    <Modal opened={opened} onClose={onClose} title={t('accounts.change.title')} centered>
      {opened && <ChangePasswordForm onDone={onClose} />}
    </Modal>
  );
}
