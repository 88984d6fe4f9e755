import {
  Anchor,
  Badge,
  Button,
  Group,
  Loader,
  Modal,
  MultiSelect,
  PasswordInput,
  Select,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
  VisuallyHidden,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, call } from '../api/client';
import { ApiError, fieldErrorsFrom } from '../api/errors';
import { queryKeys, useContentItem, useUsers } from '../api/queries';
import {
  languages,
  roles,
  type CreateUserBody,
  type InviteUserBody,
  type Language,
  type LocalizedText,
  type Role,
  type UpdateUserBody,
  type UserAccount,
} from '../api/types';
import { minimumPasswordLength, newPasswordProblem, passwordFormErrors } from '../auth/passwords';
import { can, sessionQueryKey, useCurrentUser } from '../auth/session';
import { useDocumentTitle } from '../layout/useDocumentTitle';
import { localizedTextOf, useLocalized } from '../lib/format';
import { StaffCalendarPanel } from '../calendars/StaffCalendarPanel';
import { ConfirmDialog } from '../ui/ConfirmDialog';
import { EmptyState } from '../ui/EmptyState';
import { LiveError } from '../ui/ErrorAlert';

const emailPattern = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

interface UserFormValues {
  name: string;
  email: string;
  role: Role;
  language: Language;
  password: string;
}

const userFields = ['name', 'email', 'role', 'language', 'password'] as const;

function NewUserForm({ onDone }: { onDone: () => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const form = useForm<UserFormValues>({
    mode: 'controlled',
    initialValues: { name: '', email: '', role: 'engineer', language: 'en', password: '' },
    validate: {
      name: (value) => (value.trim() ? null : t('users.errors.nameRequired')),
      email: (value) => (emailPattern.test(value.trim()) ? null : t('users.errors.emailInvalid')),
      password: (value) => newPasswordProblem(value, t),
    },
  });
  const create = useMutation({
    mutationFn: (body: CreateUserBody) => call(api.POST('/api/users', { body })),
    onSuccess: (user) => {
      void queryClient.invalidateQueries({ queryKey: queryKeys.users });
      void queryClient.invalidateQueries({ queryKey: queryKeys.directory });
      notifications.show({ color: 'green', message: t('users.created', { name: user.name }) });
      onDone();
    },
    onError: (error) => form.setErrors(passwordFormErrors(error, userFields, t)),
  });
  const submit = form.onSubmit((values) =>
    create.mutate({ ...values, name: values.name.trim(), email: values.email.trim() }),
  );
  return (
    <form onSubmit={submit} noValidate>
      <Stack>
        <TextInput label={t('users.name')} required data-autofocus {...form.getInputProps('name')} />
        <TextInput label={t('users.email')} type="email" required autoComplete="off" {...form.getInputProps('email')} />
        <Select
          label={t('users.role')}
          required
          allowDeselect={false}
          data={roles.map((role) => ({ value: role, label: t(`roles.${role}`) }))}
          {...form.getInputProps('role')}
        />
        <Select
          label={t('users.language')}
          required
          allowDeselect={false}
          data={languages.map((language) => ({ value: language, label: t(`languages.${language}`) }))}
          {...form.getInputProps('language')}
        />
        <PasswordInput
          visibilityToggleButtonProps={{ 'aria-label': t('common.toggleVisibility') }}
          label={t('users.initialPassword')}
          description={t('accounts.password.hint', { count: minimumPasswordLength })}
          required
          autoComplete="new-password"
          {...form.getInputProps('password')}
        />
        {/* A password too easy to guess is said on its field, in the reader's language. */}
        <LiveError
          error={create.error instanceof ApiError && create.error.code === 'weak_password' ? null : create.error}
        />
        <Group justify="flex-end">
          <Button variant="default" onClick={onDone} disabled={create.isPending}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={create.isPending}>
            {t('users.submit')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

type InviteFormValues = Omit<UserFormValues, 'password'>;

const inviteFields = ['name', 'email', 'role', 'language'] as const;

/** The default way to add a member of staff: they receive a link and choose their own password. */
function InviteUserForm({ onDone, onCreateWithPassword }: { onDone: () => void; onCreateWithPassword: () => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const form = useForm<InviteFormValues>({
    mode: 'controlled',
    initialValues: { name: '', email: '', role: 'engineer', language: 'en' },
    validate: {
      name: (value) => (value.trim() ? null : t('users.errors.nameRequired')),
      email: (value) => (emailPattern.test(value.trim()) ? null : t('users.errors.emailInvalid')),
    },
  });
  const invite = useMutation({
    mutationFn: (body: InviteUserBody) => call(api.POST('/api/users/invitations', { body })),
    onSuccess: (user) => {
      void queryClient.invalidateQueries({ queryKey: queryKeys.users });
      void queryClient.invalidateQueries({ queryKey: queryKeys.directory });
      notifications.show({ color: 'green', message: t('accounts.users.invited', { email: user.email }) });
      onDone();
    },
    onError: (error) => form.setErrors(fieldErrorsFrom(error, inviteFields).fieldErrors),
  });
  return (
    <form
      onSubmit={form.onSubmit((values) =>
        invite.mutate({ ...values, name: values.name.trim(), email: values.email.trim() }),
      )}
      noValidate
    >
      <Stack>
        <Text size="sm">{t('accounts.users.inviteIntro')}</Text>
        <TextInput label={t('users.name')} required data-autofocus {...form.getInputProps('name')} />
        <TextInput label={t('users.email')} type="email" required autoComplete="off" {...form.getInputProps('email')} />
        <Select
          label={t('users.role')}
          required
          allowDeselect={false}
          data={roles.map((role) => ({ value: role, label: t(`roles.${role}`) }))}
          {...form.getInputProps('role')}
        />
        <Select
          label={t('users.language')}
          required
          allowDeselect={false}
          data={languages.map((language) => ({ value: language, label: t(`languages.${language}`) }))}
          {...form.getInputProps('language')}
        />
        <LiveError error={invite.error} />
        <Group justify="space-between">
          <Anchor
            component="button"
            type="button"
            size="sm"
            onClick={onCreateWithPassword}
            title={t('accounts.users.createWithPasswordHint')}
          >
            {t('accounts.users.createWithPassword')}
          </Anchor>
          <Group>
            <Button variant="default" onClick={onDone} disabled={invite.isPending}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={invite.isPending}>
              {t('accounts.users.inviteSubmit')}
            </Button>
          </Group>
        </Group>
      </Stack>
    </form>
  );
}

interface TeamOption {
  key: string;
  name: LocalizedText;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The competence teams of the content library (teams.yaml), read through the admin content API. */
function useTeams() {
  const item = useContentItem('teams.yaml');
  const body: unknown = item.data?.body;
  const list: unknown = isRecord(body) ? body['teams'] : undefined;
  const teams: TeamOption[] = Array.isArray(list)
    ? list.flatMap((entry: unknown) => {
        if (!isRecord(entry) || typeof entry['key'] !== 'string') return [];
        return [{ key: entry['key'], name: localizedTextOf(entry['name'], entry['key']) }];
      })
    : [];
  return { teams, isPending: item.isPending, error: item.error };
}

const phonePattern = /^[+0-9 ()./-]*$/;

function TeamsForm({
  user,
  teams,
  onDone,
}: {
  user: UserAccount;
  teams: ReturnType<typeof useTeams>;
  onDone: () => void;
}) {
  const { t } = useTranslation();
  const localize = useLocalized();
  const queryClient = useQueryClient();
  const form = useForm<{ teams: string[]; phone: string }>({
    mode: 'controlled',
    initialValues: { teams: user.teams, phone: user.phone ?? '' },
    validate: { phone: (value) => (phonePattern.test(value.trim()) ? null : t('usersTeams.phoneInvalid')) },
  });
  const save = useMutation({
    mutationFn: (body: UpdateUserBody) =>
      call(api.PATCH('/api/users/{id}', { params: { path: { id: user.id } }, body })),
    onSuccess: (updated) => {
      void queryClient.invalidateQueries({ queryKey: queryKeys.users });
      void queryClient.invalidateQueries({ queryKey: ['engineerSuggestions'] });
      notifications.show({ color: 'green', message: t('users.updated', { name: updated.name }) });
      onDone();
    },
    onError: (error) => form.setErrors(fieldErrorsFrom(error, ['teams', 'phone'] as const).fieldErrors),
  });
  // Keys no longer in the library stay selectable so that saving does not drop them silently.
  const options = [
    ...teams.teams.map((team) => ({ value: team.key, label: localize(team.name) })),
    ...user.teams
      .filter((key) => !teams.teams.some((team) => team.key === key))
      .map((key) => ({ value: key, label: key })),
  ];
  return (
    <form
      onSubmit={form.onSubmit((values) => save.mutate({ teams: values.teams, phone: values.phone.trim() }))}
      noValidate
    >
      <Stack>
        <LiveError error={teams.error} title={t('usersTeams.teamsUnavailable')} />
        <MultiSelect
          label={t('usersTeams.teamsLabel')}
          description={t('usersTeams.teamsHint')}
          data={options}
          searchable
          clearable
          nothingFoundMessage={t('common.nothingFound')}
          disabled={teams.isPending}
          data-autofocus
          comboboxProps={{ withinPortal: true }}
          {...form.getInputProps('teams')}
        />
        <TextInput
          label={t('usersTeams.phone')}
          description={t('usersTeams.phoneHint')}
          type="tel"
          autoComplete="off"
          {...form.getInputProps('phone')}
        />
        <LiveError error={save.error} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onDone} disabled={save.isPending}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={save.isPending}>
            {t('usersTeams.save')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

type PendingChange =
  | { kind: 'role'; user: UserAccount; role: Role }
  | { kind: 'status'; user: UserAccount; isDisabled: boolean }
  | { kind: 'resend-invitation'; user: UserAccount }
  | { kind: 'reset-password'; user: UserAccount };

export default function UsersPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('users.title'));
  const currentUser = useCurrentUser();
  const queryClient = useQueryClient();
  const users = useUsers();
  const [adding, setAdding] = useState<'invite' | 'password' | null>(null);
  const [pending, setPending] = useState<PendingChange | null>(null);
  const [editing, setEditing] = useState<UserAccount | null>(null);
  const [calendarOf, setCalendarOf] = useState<UserAccount | null>(null);
  const teams = useTeams();
  const localize = useLocalized();
  const teamName = (key: string) => {
    const team = teams.teams.find((candidate) => candidate.key === key);
    return team ? localize(team.name) : key;
  };

  const update = useMutation({
    mutationFn: ({ id, body }: { id: string; body: UpdateUserBody }) =>
      call(api.PATCH('/api/users/{id}', { params: { path: { id } }, body })),
    onSuccess: (user) => {
      void queryClient.invalidateQueries({ queryKey: queryKeys.users });
      void queryClient.invalidateQueries({ queryKey: queryKeys.directory });
      if (user.id === currentUser.id) void queryClient.invalidateQueries({ queryKey: sessionQueryKey });
      notifications.show({ color: 'green', message: t('users.updated', { name: user.name }) });
      setPending(null);
    },
  });
  const passwordLink = useMutation({
    mutationFn: ({ user, kind }: { user: UserAccount; kind: 'resend-invitation' | 'reset-password' }) =>
      kind === 'resend-invitation'
        ? call(api.POST('/api/users/{id}/invitation', { params: { path: { id: user.id } } }))
        : call(api.POST('/api/users/{id}/password-reset', { params: { path: { id: user.id } } })),
    onSuccess: (user, { kind }) => {
      void queryClient.invalidateQueries({ queryKey: queryKeys.users });
      notifications.show({
        color: 'green',
        message:
          kind === 'resend-invitation'
            ? t('accounts.users.resent', { email: user.email })
            : t('accounts.users.resetDone', { name: user.name, email: user.email }),
      });
      setPending(null);
    },
  });

  if (!can(currentUser, 'manageUsers')) {
    return (
      <Stack>
        <Title order={1}>{t('users.title')}</Title>
        <Text>{t('errors.forbidden')}</Text>
      </Stack>
    );
  }

  function ask(change: PendingChange) {
    update.reset();
    passwordLink.reset();
    setPending(change);
  }

  function confirmPending() {
    if (!pending) return;
    if (pending.kind === 'resend-invitation' || pending.kind === 'reset-password') {
      passwordLink.mutate({ user: pending.user, kind: pending.kind });
      return;
    }
    const body: UpdateUserBody = pending.kind === 'role' ? { role: pending.role } : { isDisabled: pending.isDisabled };
    update.mutate({ id: pending.user.id, body });
  }

  let dialogTitle = '';
  let dialogMessage = '';
  let dialogConfirm = '';
  if (pending?.kind === 'role') {
    dialogTitle = t('users.changeRoleTitle');
    dialogMessage = t('users.changeRoleConfirm', {
      name: pending.user.name,
      from: t(`roles.${pending.user.role}`),
      to: t(`roles.${pending.role}`),
    });
    dialogConfirm = t('users.changeRole');
  } else if (pending?.kind === 'status') {
    dialogTitle = pending.isDisabled ? t('users.disableTitle') : t('users.enableTitle');
    dialogMessage = pending.isDisabled
      ? t('users.disableConfirm', { name: pending.user.name })
      : t('users.enableConfirm', { name: pending.user.name });
    dialogConfirm = pending.isDisabled ? t('users.disable') : t('users.enable');
  } else if (pending?.kind === 'resend-invitation') {
    dialogTitle = t('accounts.users.resendTitle');
    dialogMessage = t('accounts.users.resendConfirm', { name: pending.user.name, email: pending.user.email });
    dialogConfirm = t('accounts.users.resendInvitation');
  } else if (pending?.kind === 'reset-password') {
    dialogTitle = t('accounts.users.resetTitle');
    dialogMessage = t('accounts.users.resetConfirm', { name: pending.user.name, email: pending.user.email });
    dialogConfirm = t('accounts.users.resetPassword');
  }
  const isPasswordLinkPending = pending?.kind === 'resend-invitation' || pending?.kind === 'reset-password';

  return (
    <Stack>
      <Group justify="space-between">
        <Title order={1}>{t('users.title')}</Title>
        <Group gap="xs">
          <Button variant="default" onClick={() => setAdding('password')} aria-haspopup="dialog">
            {t('accounts.users.createWithPassword')}
          </Button>
          <Button onClick={() => setAdding('invite')} aria-haspopup="dialog">
            {t('accounts.users.invite')}
          </Button>
        </Group>
      </Group>
      <LiveError error={users.error} />
      {users.isPending ? (
        <Group justify="center" p="xl" role="status">
          <Loader aria-label={t('common.loading')} />
        </Group>
      ) : users.isSuccess && users.data.length === 0 ? (
        <EmptyState title={t('users.empty')} description={t('users.emptyBody')} />
      ) : users.isSuccess ? (
        <Table.ScrollContainer minWidth={1320}>
          <Table striped verticalSpacing="sm">
            <VisuallyHidden component="caption">{t('users.caption')}</VisuallyHidden>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('users.name')}</Table.Th>
                <Table.Th scope="col">{t('users.email')}</Table.Th>
                <Table.Th scope="col">{t('users.role')}</Table.Th>
                <Table.Th scope="col">{t('users.language')}</Table.Th>
                <Table.Th scope="col">{t('usersTeams.teams')}</Table.Th>
                <Table.Th scope="col">{t('usersTeams.phone')}</Table.Th>
                <Table.Th scope="col">{t('users.status')}</Table.Th>
                <Table.Th scope="col">
                  <VisuallyHidden>{t('users.actions')}</VisuallyHidden>
                </Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {users.data.map((user) => (
                <Table.Tr key={user.id}>
                  <Table.Td fw={500}>{user.name}</Table.Td>
                  <Table.Td>{user.email}</Table.Td>
                  <Table.Td>
                    <Select
                      aria-label={t('users.roleFor', { name: user.name })}
                      size="xs"
                      w={150}
                      allowDeselect={false}
                      data={roles.map((role) => ({ value: role, label: t(`roles.${role}`) }))}
                      value={user.role}
                      disabled={user.id === currentUser.id}
                      onChange={(value) => {
                        const role = roles.find((candidate) => candidate === value);
                        if (role && role !== user.role) ask({ kind: 'role', user, role });
                      }}
                    />
                  </Table.Td>
                  <Table.Td>{t(`languages.${user.language}`)}</Table.Td>
                  <Table.Td>
                    {user.teams.length === 0 ? (
                      <Text size="sm" c="dimmed">
                        {t('usersTeams.none')}
                      </Text>
                    ) : (
                      <Group gap={4}>
                        {user.teams.map((key) => (
                          <Badge key={key} variant="light" color="gray" tt="none">
                            {teamName(key)}
                          </Badge>
                        ))}
                      </Group>
                    )}
                  </Table.Td>
                  <Table.Td style={{ whiteSpace: 'nowrap' }}>{user.phone ?? t('usersTeams.none')}</Table.Td>
                  <Table.Td>
                    {user.isDisabled ? (
                      <Badge color="red" variant="light">
                        {t('users.disabled')}
                      </Badge>
                    ) : user.passwordState !== 'set' ? (
                      <Badge color="yellow" variant="light" tt="none">
                        {t(`accounts.users.passwordState.${user.passwordState}`)}
                      </Badge>
                    ) : (
                      <Badge color="green" variant="light">
                        {t('users.active')}
                      </Badge>
                    )}
                  </Table.Td>
                  <Table.Td>
                    <Group gap="xs" wrap="nowrap">
                      <Button
                        size="xs"
                        variant="default"
                        aria-haspopup="dialog"
                        aria-label={t('usersTeams.editUser', { name: user.name })}
                        onClick={() => setEditing(user)}
                      >
                        {t('usersTeams.edit')}
                      </Button>
                      <Button
                        size="xs"
                        variant="default"
                        aria-haspopup="dialog"
                        aria-label={t('calendars.editStaff', { name: user.name })}
                        onClick={() => setCalendarOf(user)}
                      >
                        {t('calendars.calendar')}
                      </Button>
                      {!user.isDisabled && user.passwordState === 'invited' && (
                        <Button
                          size="xs"
                          variant="default"
                          aria-haspopup="dialog"
                          aria-label={t('accounts.users.resendInvitationFor', { name: user.name })}
                          onClick={() => ask({ kind: 'resend-invitation', user })}
                        >
                          {t('accounts.users.resendInvitation')}
                        </Button>
                      )}
                      {!user.isDisabled && user.passwordState !== 'invited' && user.id !== currentUser.id && (
                        <Button
                          size="xs"
                          variant="default"
                          aria-haspopup="dialog"
                          aria-label={t('accounts.users.resetPasswordFor', { name: user.name })}
                          onClick={() => ask({ kind: 'reset-password', user })}
                        >
                          {t('accounts.users.resetPassword')}
                        </Button>
                      )}
                      <Button
                        size="xs"
                        variant={user.isDisabled ? 'light' : 'outline'}
                        color={user.isDisabled ? 'green' : 'red'}
                        aria-haspopup="dialog"
                        disabled={user.id === currentUser.id}
                        aria-label={
                          user.isDisabled
                            ? t('users.enableUser', { name: user.name })
                            : t('users.disableUser', { name: user.name })
                        }
                        onClick={() => ask({ kind: 'status', user, isDisabled: !user.isDisabled })}
                      >
                        {user.isDisabled ? t('users.enable') : t('users.disable')}
                      </Button>
                    </Group>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      ) : null}
      <Modal
        opened={adding === 'invite'}
        onClose={() => setAdding(null)}
        title={t('accounts.users.inviteTitle')}
        centered
      >
        <InviteUserForm onDone={() => setAdding(null)} onCreateWithPassword={() => setAdding('password')} />
      </Modal>
      <Modal opened={adding === 'password'} onClose={() => setAdding(null)} title={t('users.newTitle')} centered>
        <NewUserForm onDone={() => setAdding(null)} />
      </Modal>
      <Modal
        opened={editing !== null}
        onClose={() => setEditing(null)}
        title={editing ? t('usersTeams.editTitle', { name: editing.name }) : ''}
        centered
      >
        {editing && <TeamsForm key={editing.id} user={editing} teams={teams} onDone={() => setEditing(null)} />}
      </Modal>
      <Modal
        opened={calendarOf !== null}
        onClose={() => setCalendarOf(null)}
        title={calendarOf ? t('calendars.staffTitle', { name: calendarOf.name }) : ''}
        size="lg"
        centered
      >
        {calendarOf && (
          <StaffCalendarPanel key={calendarOf.id} userId={calendarOf.id} onDone={() => setCalendarOf(null)} />
        )}
      </Modal>
      <ConfirmDialog
        opened={pending !== null}
        title={dialogTitle}
        message={dialogMessage}
        confirmLabel={dialogConfirm}
        confirmColor={
          (pending?.kind === 'status' && pending.isDisabled) || pending?.kind === 'reset-password' ? 'red' : undefined
        }
        isPending={isPasswordLinkPending ? passwordLink.isPending : update.isPending}
        error={isPasswordLinkPending ? passwordLink.error : update.error}
        preferServerReason={isPasswordLinkPending}
        onClose={() => !update.isPending && !passwordLink.isPending && setPending(null)}
        onConfirm={confirmPending}
      />
    </Stack>
  );
}
