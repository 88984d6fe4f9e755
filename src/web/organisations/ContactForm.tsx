import { Alert, Button, Group, Select, Stack, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api, call } from '../api/client';
import { fieldErrorsFrom } from '../api/errors';
import { queryKeys } from '../api/queries';
import { contactRoles, languages, type Contact, type ContactRole, type Language } from '../api/types';
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

interface ContactFormProps {
  organisationId: string;
  /** The contact to edit; absent, the form adds a new one. */
  contact?: Contact;
  onDone: () => void;
}

/** Adds a contact to an organisation, or edits one (only the fields changed are sent). */
export function ContactForm({ organisationId, contact, onDone }: ContactFormProps) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const form = useForm<ContactFormValues>({
    mode: 'controlled',
    initialValues: contact
      ? {
          name: contact.name,
          email: contact.email,
          phone: contact.phone ?? '',
          language: contact.language,
          role: contact.role,
        }
      : { name: '', email: '', phone: '', language: 'en', role: null },
    validate: {
      name: (value) => (value.trim() ? null : t('contacts.errors.nameRequired')),
      email: (value) => (emailPattern.test(value.trim()) ? null : t('contacts.errors.emailInvalid')),
      role: (value) => (value ? null : t('contacts.errors.roleRequired')),
    },
  });

  const save = useMutation({
    mutationFn: async (values: ContactFormValues & { role: ContactRole }) => {
      const fields = {
        name: values.name.trim(),
        email: values.email.trim(),
        language: values.language,
        role: values.role,
      };
      if (!contact) {
        const phone = values.phone.trim();
        return call(
          api.POST('/api/organisations/{id}/contacts', {
            params: { path: { id: organisationId } },
            body: { ...fields, ...(phone ? { phone } : {}) },
          }),
        );
      }
      return call(
        api.PATCH('/api/organisations/{id}/contacts/{contactId}', {
          params: { path: { id: organisationId, contactId: contact.id } },
          body: { ...fields, phone: values.phone.trim() || null },
        }),
      );
    },
    onSuccess: (saved) => {
      void queryClient.invalidateQueries({ queryKey: queryKeys.organisation(organisationId) });
      notifications.show({
        color: 'green',
        message: t(contact ? 'contacts.saved' : 'contacts.added', { name: saved.name }),
      });
      onDone();
    },
    onError: (error) => form.setErrors(fieldErrorsFrom(error, contactFields).fieldErrors),
  });

  const submit = form.onSubmit((values) => {
    if (!values.role) return;
    save.mutate({ ...values, role: values.role });
  });
  const isNewEmail = contact !== undefined && form.values.email.trim().toLowerCase() !== contact.email;

  return (
    <form onSubmit={submit} noValidate>
      <Stack>
        <TextInput label={t('contacts.name')} required data-autofocus {...form.getInputProps('name')} />
        <TextInput label={t('contacts.email')} type="email" required {...form.getInputProps('email')} />
        {contact && isNewEmail && (
          <Alert color="yellow" aria-live="polite">
            {t('contacts.emailChangeHint', { email: contact.email, name: contact.name })}
          </Alert>
        )}
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
        <LiveError error={save.error} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onDone} disabled={save.isPending}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={save.isPending}>
            {t('contacts.submit')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
