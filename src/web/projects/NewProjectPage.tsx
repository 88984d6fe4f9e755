import {
  Anchor,
  Button,
  Checkbox,
  Group,
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
import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { api, call } from '../api/client';
import { fieldErrorsFrom } from '../api/errors';
import { queryKeys, useApplications, useDirectory, useOrganisations } from '../api/queries';
import { deployments, priorities, type CreateProjectBody, type Deployment, type Priority } from '../api/types';
import { can, useCurrentUser } from '../auth/session';
import { useDocumentTitle } from '../layout/useDocumentTitle';
import { useLocalized } from '../lib/format';
import { LiveError } from '../ui/ErrorAlert';

interface ProjectFormValues {
  name: string;
  customerId: string | null;
  partnerId: string | null;
  applications: string[];
  priority: Priority;
  deployment: Deployment;
  purchasedEffortDays: number | string;
  trainingPurchased: boolean;
  engineerId: string | null;
}

type ApplicationKey = CreateProjectBody['applications'][number];

const formFields = [
  'name',
  'customerId',
  'partnerId',
  'applications',
  'priority',
  'deployment',
  'purchasedEffortDays',
  'trainingPurchased',
  'engineerId',
] as const;

export default function NewProjectPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('newProject.title'));
  const localize = useLocalized();
  const user = useCurrentUser();
  const navigate = useNavigate();
  const [searchParams] = useSearchParams();
  const queryClient = useQueryClient();
  const customers = useOrganisations('customer');
  const partners = useOrganisations('partner');
  const applications = useApplications();
  const directory = useDirectory();

  const form = useForm<ProjectFormValues>({
    mode: 'controlled',
    initialValues: {
      name: '',
      customerId: searchParams.get('customerId'),
      partnerId: null,
      applications: [],
      priority: 'normal',
      deployment: 'virtual-appliance',
      purchasedEffortDays: '',
      trainingPurchased: false,
      engineerId: null,
    },
    validate: {
      name: (value) => (value.trim() ? null : t('newProject.errors.nameRequired')),
      customerId: (value) => (value ? null : t('newProject.errors.customerRequired')),
      applications: (value) => (value.length > 0 ? null : t('newProject.errors.applicationsRequired')),
      purchasedEffortDays: (value) =>
        typeof value === 'number' && value > 0 ? null : t('newProject.errors.effortPositive'),
    },
  });

  const create = useMutation({
    mutationFn: (body: CreateProjectBody) => call(api.POST('/api/projects', { body })),
    onSuccess: (project) => {
      queryClient.setQueryData(queryKeys.project(project.id), project);
      void queryClient.invalidateQueries({ queryKey: ['projects'] });
      notifications.show({ color: 'green', message: t('newProject.created', { reference: project.reference }) });
      void navigate(`/projects/${project.id}`);
    },
    onError: (error) => {
      const { fieldErrors } = fieldErrorsFrom(error, formFields);
      form.setErrors(fieldErrors);
    },
  });

  if (!can(user, 'createProject')) {
    return (
      <Stack>
        <Title order={1}>{t('newProject.title')}</Title>
        <Text>{t('errors.forbidden')}</Text>
      </Stack>
    );
  }

  const catalogKeys = new Set((applications.data ?? []).map((application) => application.key));
  const isApplicationKey = (key: string): key is ApplicationKey => catalogKeys.has(key);

  const submit = form.onSubmit((values) => {
    const body: CreateProjectBody = {
      name: values.name.trim(),
      customerId: values.customerId ?? '',
      applications: values.applications.filter(isApplicationKey),
      priority: values.priority,
      deployment: values.deployment,
      purchasedEffortDays: Number(values.purchasedEffortDays),
      trainingPurchased: values.trainingPurchased,
      ...(values.partnerId ? { partnerId: values.partnerId } : {}),
      ...(values.engineerId ? { engineerId: values.engineerId } : {}),
    };
    create.mutate(body);
  });

  const noCustomers = customers.isSuccess && customers.data.length === 0;

  return (
    <Stack maw={720}>
      <Anchor component={Link} to="/" size="sm">
        <span aria-hidden>← </span>
        {t('nav.backToPipeline')}
      </Anchor>
      <Title order={1}>{t('newProject.title')}</Title>
      <Paper withBorder p="lg">
        <form onSubmit={submit} noValidate>
          <Stack>
            <LiveError error={create.error} title={t('newProject.failed')} />
            <TextInput label={t('newProject.name')} required {...form.getInputProps('name')} />
            <Select
              label={t('newProject.customer')}
              required
              searchable
              nothingFoundMessage={t('common.nothingFound')}
              data={(customers.data ?? []).map((customer) => ({ value: customer.id, label: customer.name }))}
              description={
                noCustomers ? (
                  <>
                    {t('newProject.noCustomers')}{' '}
                    <Anchor component={Link} to="/organisations?new=customer&return=new-project" size="xs">
                      {t('newProject.createCustomer')}
                    </Anchor>
                  </>
                ) : undefined
              }
              {...form.getInputProps('customerId')}
            />
            <Select
              label={t('newProject.partner')}
              searchable
              clearable
              placeholder={t('common.none')}
              nothingFoundMessage={t('common.nothingFound')}
              data={(partners.data ?? []).map((partner) => ({ value: partner.id, label: partner.name }))}
              {...form.getInputProps('partnerId')}
            />
            <MultiSelect
              label={t('newProject.applications')}
              description={t('newProject.applicationsHint')}
              required
              searchable
              nothingFoundMessage={t('common.nothingFound')}
              data={(applications.data ?? []).map((application) => ({
                value: application.key,
                label: localize(application.name),
              }))}
              {...form.getInputProps('applications')}
            />
            <Select
              label={t('newProject.priority')}
              required
              allowDeselect={false}
              data={priorities.map((priority) => ({ value: priority, label: t(`priority.${priority}`) }))}
              {...form.getInputProps('priority')}
            />
            <Radio.Group label={t('newProject.deployment')} required {...form.getInputProps('deployment')}>
              <Group mt="xs">
                {deployments.map((deployment) => (
                  <Radio key={deployment} value={deployment} label={t(`deployment.${deployment}`)} />
                ))}
              </Group>
            </Radio.Group>
            <NumberInput
              label={t('newProject.effort')}
              required
              min={0.5}
              step={0.5}
              decimalScale={1}
              allowNegative={false}
              {...form.getInputProps('purchasedEffortDays')}
            />
            <Checkbox
              label={t('newProject.training')}
              {...form.getInputProps('trainingPurchased', { type: 'checkbox' })}
            />
            <Select
              label={t('newProject.engineer')}
              searchable
              clearable
              placeholder={t('project.unassigned')}
              nothingFoundMessage={t('common.nothingFound')}
              data={(directory.data ?? [])
                .filter((person) => person.role === 'engineer')
                .map((person) => ({ value: person.id, label: person.name }))}
              {...form.getInputProps('engineerId')}
            />
            <Group justify="flex-end">
              <Button variant="default" component={Link} to="/">
                {t('common.cancel')}
              </Button>
              <Button type="submit" loading={create.isPending}>
                {t('newProject.submit')}
              </Button>
            </Group>
          </Stack>
        </form>
      </Paper>
    </Stack>
  );
}
