import { Button, Group, Modal, Radio, Select, Stack, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api, call } from '../api/client';
import { fieldErrorsFrom } from '../api/errors';
import {
  organisationKinds,
  paymentTermsOptions,
  type CreateOrganisationBody,
  type Organisation,
  type OrganisationKind,
  type PaymentTerms,
} from '../api/types';
import { LiveError } from '../ui/ErrorAlert';

interface OrganisationFormValues {
  kind: OrganisationKind;
  name: string;
  paymentTerms: PaymentTerms | null;
}

const formFields = ['kind', 'name', 'paymentTerms'] as const;

interface NewOrganisationModalProps {
  opened: boolean;
  initialKind: OrganisationKind;
  onClose: () => void;
  onCreated: (organisation: Organisation) => void;
}

/** The "New organisation" dialog; its form starts empty each time the dialog opens. */
export function NewOrganisationModal(props: NewOrganisationModalProps) {
  const { t } = useTranslation();
  return (
    <Modal opened={props.opened} onClose={props.onClose} title={t('organisations.newTitle')} centered>
      <OrganisationForm {...props} />
    </Modal>
  );
}

function OrganisationForm({ initialKind, onClose, onCreated }: NewOrganisationModalProps) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const form = useForm<OrganisationFormValues>({
    mode: 'controlled',
    initialValues: { kind: initialKind, name: '', paymentTerms: 'engage-on-po' },
    validate: {
      name: (value) => (value.trim() ? null : t('organisations.errors.nameRequired')),
      paymentTerms: (value, values) =>
        values.kind === 'partner' && !value ? t('organisations.errors.paymentTermsRequired') : null,
    },
  });

  const create = useMutation({
    mutationFn: (body: CreateOrganisationBody) => call(api.POST('/api/organisations', { body })),
    onSuccess: (organisation) => {
      void queryClient.invalidateQueries({ queryKey: ['organisations'] });
      notifications.show({ color: 'green', message: t('organisations.created', { name: organisation.name }) });
      onCreated(organisation);
    },
    onError: (error) => form.setErrors(fieldErrorsFrom(error, formFields).fieldErrors),
  });

  const submit = form.onSubmit((values) => {
    create.mutate({
      kind: values.kind,
      name: values.name.trim(),
      ...(values.kind === 'partner' && values.paymentTerms ? { paymentTerms: values.paymentTerms } : {}),
    });
  });

  return (
    <form onSubmit={submit} noValidate>
      <Stack>
        <Radio.Group label={t('organisations.kind')} required {...form.getInputProps('kind')}>
          <Group mt="xs">
            {organisationKinds.map((kind) => (
              <Radio key={kind} value={kind} label={t(`organisations.kinds.${kind}`)} />
            ))}
          </Group>
        </Radio.Group>
        <TextInput label={t('organisations.name')} required data-autofocus {...form.getInputProps('name')} />
        {form.values.kind === 'partner' && (
          <Select
            label={t('organisations.paymentTerms')}
            required
            allowDeselect={false}
            data={paymentTermsOptions.map((terms) => ({ value: terms, label: t(`paymentTerms.${terms}`) }))}
            {...form.getInputProps('paymentTerms')}
          />
        )}
        <LiveError error={create.error} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose} disabled={create.isPending}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={create.isPending}>
            {t('organisations.submit')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
