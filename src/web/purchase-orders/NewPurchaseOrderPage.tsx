import {
  Alert,
  Anchor,
  Button,
  Group,
  List,
  MultiSelect,
  NumberInput,
  Paper,
  Radio,
  Select,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { randomId } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { summarizeLines } from '../../domain/purchase-orders/effort';
import { api, call } from '../api/client';
import { formErrorsFrom } from '../api/errors';
import { queryKeys, useApplications, useOrganisations, useServices } from '../api/queries';
import {
  deployments,
  priorities,
  type CreatePurchaseOrderBody,
  type Deployment,
  type Organisation,
  type OrganisationKind,
  type Priority,
  type Service,
} from '../api/types';
import { can, useCurrentUser } from '../auth/session';
import { useDocumentTitle } from '../layout/useDocumentTitle';
import { numberSeparators, useLocalized } from '../lib/format';
import { NewOrganisationModal } from '../organisations/NewOrganisationModal';
import { LiveError } from '../ui/ErrorAlert';
import { PaymentTermsBadge } from './badges';
import { useQuantity } from './quantity';

interface LineValues {
  /** Identifies the row for React while rows are added and removed. */
  rowId: string;
  serviceKey: string | null;
  quantity: number | string;
}

interface PurchaseOrderFormValues {
  number: string;
  orderDate: string;
  customerId: string | null;
  partnerId: string | null;
  currency: string;
  amount: number | string;
  lines: LineValues[];
  applications: string[];
  deployment: Deployment;
  priority: Priority;
  projectName: string;
}

const formFields = [
  'number',
  'orderDate',
  'customerId',
  'partnerId',
  'currency',
  'amount',
  'lines',
  'applications',
  'deployment',
  'priority',
  'projectName',
] as const;

/** Today in the viewer's time zone, as the YYYY-MM-DD a date input holds. */
function today(): string {
  const now = new Date();
  const pad = (value: number) => String(value).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

function emptyLine(): LineValues {
  return { rowId: randomId(), serviceKey: null, quantity: '' };
}

/** Whole or half units, more than 0, as the server accepts them. */
function isValidQuantity(value: number | string): boolean {
  return typeof value === 'number' && value > 0 && value <= 1000 && Number.isInteger(value * 2);
}

/** What the lines filled in so far buy, as the server will count it: a line without its service or quantity counts for nothing. */
function summarize(lines: readonly LineValues[], services: readonly Service[]) {
  const complete = lines.flatMap((line) =>
    line.serviceKey !== null && typeof line.quantity === 'number'
      ? [{ serviceKey: line.serviceKey, quantity: line.quantity }]
      : [],
  );
  return summarizeLines(complete, services);
}

export default function NewPurchaseOrderPage() {
  const { t, i18n } = useTranslation();
  useDocumentTitle(t('purchaseOrderForm.title'));
  const localize = useLocalized();
  const quantity = useQuantity();
  const user = useCurrentUser();
  const navigate = useNavigate();
  const [searchParams] = useSearchParams();
  const queryClient = useQueryClient();
  const customers = useOrganisations('customer');
  const partners = useOrganisations('partner');
  const applications = useApplications();
  const services = useServices();
  const [creatingKind, setCreatingKind] = useState<OrganisationKind | null>(null);
  const [otherProblems, setOtherProblems] = useState<string[]>([]);
  const separators = numberSeparators(i18n.language);

  const form = useForm<PurchaseOrderFormValues>({
    mode: 'controlled',
    initialValues: {
      number: '',
      orderDate: today(),
      customerId: searchParams.get('customerId'),
      partnerId: null,
      currency: 'EUR',
      amount: '',
      lines: [emptyLine()],
      applications: [],
      deployment: 'virtual-appliance',
      priority: 'normal',
      projectName: '',
    },
    validate: (values) => {
      const errors: Record<string, string> = {};
      if (!values.number.trim()) errors.number = t('purchaseOrderForm.errors.numberRequired');
      if (!/^\d{4}-\d{2}-\d{2}$/.test(values.orderDate))
        errors.orderDate = t('purchaseOrderForm.errors.orderDateRequired');
      if (!values.customerId) errors.customerId = t('purchaseOrderForm.errors.customerRequired');
      if (!/^[A-Za-z]{3}$/.test(values.currency.trim()))
        errors.currency = t('purchaseOrderForm.errors.currencyInvalid');
      if (typeof values.amount !== 'number' || values.amount < 0)
        errors.amount = t('purchaseOrderForm.errors.amountRequired');
      if (values.lines.length === 0) errors.lines = t('purchaseOrderForm.errors.linesRequired');
      values.lines.forEach((line, index) => {
        if (!line.serviceKey) errors[`lines.${index}.serviceKey`] = t('purchaseOrderForm.errors.serviceRequired');
        if (!isValidQuantity(line.quantity))
          errors[`lines.${index}.quantity`] = t('purchaseOrderForm.errors.quantityPositive');
      });
      if (values.applications.length === 0) errors.applications = t('purchaseOrderForm.errors.applicationsRequired');
      return errors;
    },
  });

  const create = useMutation({
    mutationFn: (body: CreatePurchaseOrderBody) => call(api.POST('/api/purchase-orders', { body })),
    onSuccess: (order) => {
      queryClient.setQueryData(queryKeys.purchaseOrder(order.id), order);
      void queryClient.invalidateQueries({ queryKey: ['purchaseOrders'] });
      notifications.show({ color: 'green', message: t('purchaseOrderForm.saved', { number: order.number }) });
      void navigate(`/purchase-orders/${order.id}`);
    },
    onError: (error) => {
      const { fieldErrors, otherProblems: others } = formErrorsFrom(error, formFields, ['lines']);
      form.setErrors(fieldErrors);
      setOtherProblems(others);
    },
  });

  if (!can(user, 'managePurchaseOrders')) {
    return (
      <Stack>
        <Title order={1}>{t('purchaseOrderForm.title')}</Title>
        <Text>{t('errors.forbidden')}</Text>
      </Stack>
    );
  }

  const serviceList = services.data ?? [];
  const serviceByKey = new Map(serviceList.map((service) => [service.key, service]));
  const partnerList = partners.data ?? [];
  const selectedPartner = partnerList.find((partner) => partner.id === form.values.partnerId);
  const summary = summarize(form.values.lines, serviceList);

  const submit = form.onSubmit((values) => {
    setOtherProblems([]);
    const projectName = values.projectName.trim();
    create.mutate({
      number: values.number.trim(),
      orderDate: values.orderDate,
      customerId: values.customerId ?? '',
      partnerId: values.partnerId,
      currency: values.currency.trim().toUpperCase(),
      amount: Number(values.amount),
      lines: values.lines.map((line) => ({ serviceKey: line.serviceKey ?? '', quantity: Number(line.quantity) })),
      applications: values.applications,
      deployment: values.deployment,
      priority: values.priority,
      ...(projectName ? { projectName } : {}),
    });
  });

  function onOrganisationCreated(organisation: Organisation) {
    setCreatingKind(null);
    form.setFieldValue(organisation.kind === 'partner' ? 'partnerId' : 'customerId', organisation.id);
  }

  const noCustomers = customers.isSuccess && customers.data.length === 0;
  const linesError = form.errors.lines;

  return (
    <Stack maw={760}>
      <Anchor component={Link} to="/purchase-orders" size="sm">
        <span aria-hidden>← </span>
        {t('purchaseOrders.back')}
      </Anchor>
      <Title order={1}>{t('purchaseOrderForm.title')}</Title>
      <Text c="dimmed">{t('purchaseOrderForm.intro')}</Text>
      <Paper withBorder p="lg">
        <form onSubmit={submit} noValidate>
          <Stack>
            <LiveError error={create.error} title={t('purchaseOrderForm.failed')} />
            {otherProblems.length > 0 && (
              <Alert color="red" variant="outline">
                <List size="sm">
                  {otherProblems.map((problem) => (
                    <List.Item key={problem}>{problem}</List.Item>
                  ))}
                </List>
              </Alert>
            )}
            <Group grow align="flex-start" wrap="wrap">
              <TextInput
                label={t('purchaseOrderForm.number')}
                required
                maxLength={50}
                autoComplete="off"
                style={{ minWidth: '12rem' }}
                {...form.getInputProps('number')}
              />
              <TextInput
                type="date"
                label={t('purchaseOrderForm.orderDate')}
                required
                style={{ minWidth: '12rem' }}
                {...form.getInputProps('orderDate')}
              />
            </Group>
            <Select
              label={t('purchaseOrderForm.customer')}
              required
              searchable
              nothingFoundMessage={t('common.nothingFound')}
              data={(customers.data ?? []).map((customer) => ({ value: customer.id, label: customer.name }))}
              description={
                <>
                  {noCustomers ? t('purchaseOrderForm.noCustomers') : t('purchaseOrderForm.customerMissing')}{' '}
                  <Anchor
                    component="button"
                    type="button"
                    size="xs"
                    onClick={() => setCreatingKind('customer')}
                    aria-haspopup="dialog"
                  >
                    {t('purchaseOrderForm.createCustomer')}
                  </Anchor>
                </>
              }
              {...form.getInputProps('customerId')}
            />
            <Select
              label={t('purchaseOrderForm.partner')}
              searchable
              clearable
              placeholder={t('purchaseOrders.direct')}
              nothingFoundMessage={t('common.nothingFound')}
              data={partnerList.map((partner) => ({ value: partner.id, label: partner.name }))}
              renderOption={({ option }) => {
                const terms = partnerList.find((partner) => partner.id === option.value)?.paymentTerms;
                return (
                  <Group justify="space-between" wrap="nowrap" w="100%" gap="sm">
                    <span>{option.label}</span>
                    {terms && <PaymentTermsBadge terms={terms} />}
                  </Group>
                );
              }}
              description={
                <>
                  {t('purchaseOrderForm.partnerHint')} {t('purchaseOrderForm.partnerMissing')}{' '}
                  <Anchor
                    component="button"
                    type="button"
                    size="xs"
                    onClick={() => setCreatingKind('partner')}
                    aria-haspopup="dialog"
                  >
                    {t('purchaseOrderForm.createPartner')}
                  </Anchor>
                </>
              }
              {...form.getInputProps('partnerId')}
            />
            {selectedPartner?.paymentTerms && (
              <Group gap="xs" aria-live="polite">
                <Text size="sm">{t('purchaseOrderForm.partnerTerms', { name: selectedPartner.name })}</Text>
                <PaymentTermsBadge terms={selectedPartner.paymentTerms} />
              </Group>
            )}
            <Group grow align="flex-start" wrap="wrap">
              <TextInput
                label={t('purchaseOrderForm.currency')}
                description={t('purchaseOrderForm.currencyHint')}
                required
                maxLength={3}
                autoComplete="off"
                style={{ minWidth: '10rem' }}
                {...form.getInputProps('currency')}
                onChange={(event) => form.setFieldValue('currency', event.currentTarget.value.toUpperCase())}
              />
              <NumberInput
                label={t('purchaseOrderForm.amount')}
                description={'\u00a0'}
                required
                min={0}
                decimalScale={2}
                allowNegative={false}
                decimalSeparator={separators.decimal}
                thousandSeparator={separators.thousands}
                hideControls
                style={{ minWidth: '12rem' }}
                {...form.getInputProps('amount')}
              />
            </Group>

            <Stack
              gap="xs"
              component="fieldset"
              style={{ border: 0, padding: 0, margin: 0 }}
              aria-describedby="lines-hint"
            >
              <Text component="legend" fw={500} size="sm">
                {t('purchaseOrderForm.linesTitle')}{' '}
                <Text span c="red" aria-hidden>
                  *
                </Text>
              </Text>
              <Text size="xs" c="dimmed" id="lines-hint">
                {t('purchaseOrderForm.linesHint')}
              </Text>
              {form.values.lines.map((line, index) => {
                const service = line.serviceKey ? serviceByKey.get(line.serviceKey) : undefined;
                const serviceProps = form.getInputProps(`lines.${index}.serviceKey`);
                return (
                  <Group key={line.rowId} align="flex-start" wrap="wrap" gap="sm">
                    <Select
                      label={t('purchaseOrderForm.serviceOf', { number: index + 1 })}
                      required
                      searchable
                      nothingFoundMessage={t('common.nothingFound')}
                      data={serviceList.map((item) => ({
                        value: item.key,
                        label: `${localize(item.name)} (${t(`unitNames.${item.unit}`)})`,
                      }))}
                      style={{ flex: '1 1 18rem' }}
                      {...serviceProps}
                      onChange={(value: string | null) => {
                        const chosen = value ? serviceByKey.get(value) : undefined;
                        // A new line takes the service's usual quantity; a quantity already typed is kept.
                        const lineQuantity = chosen && line.quantity === '' ? chosen.defaultQuantity : line.quantity;
                        form.replaceListItem('lines', index, { ...line, serviceKey: value, quantity: lineQuantity });
                        form.clearFieldError(`lines.${index}.serviceKey`);
                      }}
                    />
                    <NumberInput
                      label={t('purchaseOrderForm.quantityOf', { number: index + 1 })}
                      required
                      min={0.5}
                      max={1000}
                      step={0.5}
                      decimalScale={1}
                      allowNegative={false}
                      decimalSeparator={separators.decimal}
                      rightSection={
                        service ? (
                          <Text size="xs" c="dimmed">
                            {t(`unitNames.${service.unit}`)}
                          </Text>
                        ) : undefined
                      }
                      rightSectionWidth={service ? 72 : undefined}
                      rightSectionPointerEvents="none"
                      style={{ flex: '0 1 11rem' }}
                      {...form.getInputProps(`lines.${index}.quantity`)}
                    />
                    <Button
                      variant="subtle"
                      color="red"
                      mt={24}
                      disabled={form.values.lines.length === 1}
                      aria-label={t('purchaseOrderForm.removeLine', { number: index + 1 })}
                      onClick={() => form.removeListItem('lines', index)}
                    >
                      {t('purchaseOrderForm.remove')}
                    </Button>
                  </Group>
                );
              })}
              {typeof linesError === 'string' && (
                <Text c="red" size="sm" role="alert">
                  {linesError}
                </Text>
              )}
              <Group justify="space-between" wrap="wrap">
                <Button
                  variant="light"
                  onClick={() => form.insertListItem('lines', emptyLine())}
                  disabled={form.values.lines.length >= 50}
                >
                  {t('purchaseOrderForm.addLine')}
                </Button>
                <Text size="sm" c="dimmed" aria-live="polite">
                  {t('purchaseOrderForm.summaryEffort', { days: quantity(summary.effortDays, 'days') })} ·{' '}
                  {summary.isTrainingPurchased
                    ? t('purchaseOrderForm.summaryTrainingYes')
                    : t('purchaseOrderForm.summaryTrainingNo')}
                </Text>
              </Group>
            </Stack>

            <MultiSelect
              label={t('purchaseOrderForm.applications')}
              description={t('purchaseOrderForm.applicationsHint')}
              required
              searchable
              nothingFoundMessage={t('common.nothingFound')}
              data={(applications.data ?? []).map((application) => ({
                value: application.key,
                label: localize(application.name),
              }))}
              {...form.getInputProps('applications')}
            />
            <Radio.Group label={t('purchaseOrderForm.deployment')} required {...form.getInputProps('deployment')}>
              <Group mt="xs">
                {deployments.map((deployment) => (
                  <Radio key={deployment} value={deployment} label={t(`deployment.${deployment}`)} />
                ))}
              </Group>
            </Radio.Group>
            <Select
              label={t('purchaseOrderForm.priority')}
              required
              allowDeselect={false}
              data={priorities.map((priority) => ({ value: priority, label: t(`priority.${priority}`) }))}
              {...form.getInputProps('priority')}
            />
            <TextInput
              label={t('purchaseOrderForm.projectName')}
              description={t('purchaseOrderForm.projectNameHint')}
              maxLength={200}
              {...form.getInputProps('projectName')}
            />
            <Group justify="flex-end">
              <Button variant="default" component={Link} to="/purchase-orders">
                {t('common.cancel')}
              </Button>
              <Button type="submit" loading={create.isPending}>
                {t('purchaseOrderForm.submit')}
              </Button>
            </Group>
          </Stack>
        </form>
      </Paper>
      {can(user, 'createOrganisation') && (
        <NewOrganisationModal
          opened={creatingKind !== null}
          initialKind={creatingKind ?? 'customer'}
          onClose={() => setCreatingKind(null)}
          onCreated={onOrganisationCreated}
        />
      )}
    </Stack>
  );
}
