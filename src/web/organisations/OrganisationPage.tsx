import {
  Anchor,
  Badge,
  Button,
  Group,
  Loader,
  Modal,
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
import { Link, useParams } from 'react-router';
import { api, call } from '../api/client';
import { fieldErrorsFrom } from '../api/errors';
import { queryKeys, useOrganisation } from '../api/queries';
import { contactRoles, languages, type ContactRole, type CreateContactBody, type Language } from '../api/types';
import { can, useCurrentUser } from '../auth/session';
import { useDocumentTitle } from '../layout/useDocumentTitle';
import { BusinessCalendarCard } from '../calendars/BusinessCalendarCard';
import { EmptyState } from '../ui/EmptyState';
import { LiveError } from '../ui/ErrorAlert';

interface ContactFormValues {
  name: string;
  email: string;
  phone: string;
  language: Language;
  role: ContactRole | null;
}

const contactFields = ['name', 'email', 'phone', 'language', 'role'] as const;
const emailPattern = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

function ContactForm({ organisationId, onDone }: { organisationId: string; onDone: () => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const form = useForm<ContactFormValues>({
    mode: 'controlled',
    initialValues: { name: '', email: '', phone: '', language: 'en', role: null },
    validate: {
      name: (value) => (value.trim() ? null : t('contacts.errors.nameRequired')),
      email: (value) => (emailPattern.test(value.trim()) ? null : t('contacts.errors.emailInvalid')),
      role: (value) => (value ? null : t('contacts.errors.roleRequired')),
    },
  });

  const add = useMutation({
    mutationFn: (body: CreateContactBody) =>
      call(api.POST('/api/organisations/{id}/contacts', { params: { path: { id: organisationId } }, body })),
    onSuccess: (contact) => {
      void queryClient.invalidateQueries({ queryKey: queryKeys.organisation(organisationId) });
      notifications.show({ color: 'green', message: t('contacts.added', { name: contact.name }) });
      onDone();
    },
    onError: (error) => form.setErrors(fieldErrorsFrom(error, contactFields).fieldErrors),
  });

  const submit = form.onSubmit((values) => {
    if (!values.role) return;
    add.mutate({
      name: values.name.trim(),
      email: values.email.trim(),
      language: values.language,
      role: values.role,
      ...(values.phone.trim() ? { phone: values.phone.trim() } : {}),
    });
  });

  return (
    <form onSubmit={submit} noValidate>
      <Stack>
        <TextInput label={t('contacts.name')} required data-autofocus {...form.getInputProps('name')} />
        <TextInput label={t('contacts.email')} type="email" required {...form.getInputProps('email')} />
        <TextInput label={t('contacts.phone')} type="tel" {...form.getInputProps('phone')} />
        <Select
          label={t('contacts.language')}
          required
          allowDeselect={false}
          data={languages.map((language) => ({ value: language, label: t(`languages.${language}`) }))}
          {...form.getInputProps('language')}
        />
        <Select
          label={t('contacts.role')}
          required
          data={contactRoles.map((role) => ({ value: role, label: t(`contactRoles.${role}`) }))}
          {...form.getInputProps('role')}
        />
        <LiveError error={add.error} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onDone} disabled={add.isPending}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={add.isPending}>
            {t('contacts.submit')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

export default function OrganisationPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const user = useCurrentUser();
  const organisation = useOrganisation(id);
  const [isAdding, setAdding] = useState(false);
  useDocumentTitle(organisation.data?.name ?? t('organisations.title'));
  const mayAdd = can(user, 'addContact');

  if (organisation.isPending) {
    return (
      <Group justify="center" p="xl" role="status">
        <Loader aria-label={t('common.loading')} />
      </Group>
    );
  }
  if (organisation.isError) {
    return (
      <Stack>
        <Title order={1}>{t('organisations.title')}</Title>
        <LiveError error={organisation.error} />
      </Stack>
    );
  }
  const detail = organisation.data;
  const addButton = mayAdd ? (
    <Button onClick={() => setAdding(true)} aria-haspopup="dialog">
      {t('contacts.add')}
    </Button>
  ) : null;

  return (
    <Stack>
      <Anchor component={Link} to="/organisations" size="sm">
        <span aria-hidden>← </span>{t('organisations.back')}
      </Anchor>
      <Group gap="sm">
        <Title order={1}>{detail.name}</Title>
        <Badge variant="light" color={detail.kind === 'partner' ? 'grape' : 'teal'}>
          {t(`organisations.kinds.${detail.kind}`)}
        </Badge>
      </Group>
      {detail.paymentTerms && (
        <Text>
          {t('organisations.paymentTerms')}: {t(`paymentTerms.${detail.paymentTerms}`)}
        </Text>
      )}
      <Group justify="space-between" mt="md">
        <Title order={2} size="h3">
          {t('contacts.title')}
        </Title>
        {detail.contacts.length > 0 && addButton}
      </Group>
      {detail.contacts.length === 0 ? (
        <EmptyState
          title={t('contacts.empty')}
          description={mayAdd ? t('contacts.emptyBody') : undefined}
          action={addButton}
        />
      ) : (
        <Table.ScrollContainer minWidth={720}>
          <Table striped>
            <VisuallyHidden component="caption">{t('contacts.caption', { name: detail.name })}</VisuallyHidden>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('contacts.name')}</Table.Th>
                <Table.Th scope="col">{t('contacts.email')}</Table.Th>
                <Table.Th scope="col">{t('contacts.phone')}</Table.Th>
                <Table.Th scope="col">{t('contacts.language')}</Table.Th>
                <Table.Th scope="col">{t('contacts.role')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {detail.contacts.map((contact) => (
                <Table.Tr key={contact.id}>
                  <Table.Td>{contact.name}</Table.Td>
                  <Table.Td>
                    <Anchor href={`mailto:${contact.email}`}>{contact.email}</Anchor>
                  </Table.Td>
                  <Table.Td>{contact.phone || '—'}</Table.Td>
                  <Table.Td>{t(`languages.${contact.language}`)}</Table.Td>
                  <Table.Td>{t(`contactRoles.${contact.role}`)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      <BusinessCalendarCard organisationId={detail.id} mayEdit={user.role === 'admin' || user.role === 'manager'} />
      <Modal opened={isAdding} onClose={() => setAdding(false)} title={t('contacts.addTitle')} centered>
        <ContactForm organisationId={detail.id} onDone={() => setAdding(false)} />
      </Modal>
    </Stack>
  );
}
