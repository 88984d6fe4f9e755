import {
  Anchor,
  Button,
  Group,
  Loader,
  Select,
  SimpleGrid,
  Stack,
  Table,
  Text,
  Title,
  Tooltip,
  VisuallyHidden,
} from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import {
  useDirectory,
  useOrganisations,
  usePipelineSteps,
  useProcessSteps,
  useProjects,
  type ProjectFilters,
} from '../api/queries';
import { priorities, type Priority } from '../api/types';
import { can, useCurrentUser } from '../auth/session';
import { useDocumentTitle } from '../layout/useDocumentTitle';
import { PartyBadges, PriorityBadge, StateBadge, StepLabel } from '../projects/badges';
import { ScheduleLateBadge } from '../sessions/badges';
import { useLocalized } from '../lib/format';
import { EmptyState } from '../ui/EmptyState';
import { LiveError } from '../ui/ErrorAlert';

const filterKeys = ['step', 'engineerId', 'customerId', 'priority'] as const;
type FilterKey = (typeof filterKeys)[number];

function isPriority(value: string | null): value is Priority {
  return (priorities as readonly (string | null)[]).includes(value);
}

function readFilters(params: URLSearchParams): ProjectFilters {
  const priority = params.get('priority');
  return {
    step: params.get('step') || undefined,
    engineerId: params.get('engineerId') || undefined,
    customerId: params.get('customerId') || undefined,
    priority: isPriority(priority) ? priority : undefined,
  };
}

function Filters({
  filters,
  onChange,
}: {
  filters: ProjectFilters;
  onChange: (key: FilterKey, value: string | null) => void;
}) {
  const { t } = useTranslation();
  const localize = useLocalized();
  const steps = useProcessSteps();
  const directory = useDirectory();
  const customers = useOrganisations('customer');
  return (
    <div role="search" aria-label={t('pipeline.filters')}>
      <SimpleGrid cols={{ base: 1, sm: 2, lg: 4 }}>
        <Select
          label={t('pipeline.filterStep')}
          placeholder={t('pipeline.anyStep')}
          data={(steps.data ?? []).map((step) => ({
            value: step.key,
            label: `${step.code} · ${localize(step.title)}`,
          }))}
          value={filters.step ?? null}
          onChange={(value) => onChange('step', value)}
          clearable
          searchable
          nothingFoundMessage={t('common.nothingFound')}
        />
        <Select
          label={t('pipeline.filterEngineer')}
          placeholder={t('pipeline.anyEngineer')}
          data={(directory.data ?? [])
            .filter((person) => person.role === 'engineer' || person.id === filters.engineerId)
            .map((person) => ({ value: person.id, label: person.name }))}
          value={filters.engineerId ?? null}
          onChange={(value) => onChange('engineerId', value)}
          clearable
          searchable
          nothingFoundMessage={t('common.nothingFound')}
        />
        <Select
          label={t('pipeline.filterCustomer')}
          placeholder={t('pipeline.anyCustomer')}
          data={(customers.data ?? []).map((customer) => ({ value: customer.id, label: customer.name }))}
          value={filters.customerId ?? null}
          onChange={(value) => onChange('customerId', value)}
          clearable
          searchable
          nothingFoundMessage={t('common.nothingFound')}
        />
        <Select
          label={t('pipeline.filterPriority')}
          placeholder={t('pipeline.anyPriority')}
          data={priorities.map((priority) => ({ value: priority, label: t(`priority.${priority}`) }))}
          value={filters.priority ?? null}
          onChange={(value) => onChange('priority', value)}
          clearable
        />
      </SimpleGrid>
    </div>
  );
}

/** The pipeline at a glance: how many projects stand at each step; a step's button filters the list to it. */
function StepOverview({ filters, onSelect }: { filters: ProjectFilters; onSelect: (stepKey: string | null) => void }) {
  const { t } = useTranslation();
  const localize = useLocalized();
  const { step: selected, ...otherFilters } = filters;
  const steps = usePipelineSteps(otherFilters);
  if (!steps.data) return null;
  return (
    <nav aria-label={t('pipeline.byStep')}>
      <Group gap={6}>
        {steps.data.map((step) => {
          const isSelected = step.stepKey === selected;
          const label = t('pipeline.stepCount', { code: step.code, title: localize(step.title), count: step.projects });
          return (
            <Tooltip
              key={step.stepKey}
              label={step.blocked > 0 ? `${label} · ${t('pipeline.blockedCount', { count: step.blocked })}` : label}
            >
              <Button
                size="compact-sm"
                variant={isSelected ? 'filled' : step.projects > 0 ? 'light' : 'subtle'}
                color={step.blocked > 0 ? 'red' : undefined}
                aria-pressed={isSelected}
                aria-label={label}
                onClick={() => onSelect(isSelected ? null : step.stepKey)}
              >
                {step.code} · {step.projects}
              </Button>
            </Tooltip>
          );
        })}
      </Group>
    </nav>
  );
}

export default function PipelinePage() {
  const { t } = useTranslation();
  useDocumentTitle(t('pipeline.title'));
  const user = useCurrentUser();
  const [searchParams, setSearchParams] = useSearchParams();
  const filters = readFilters(searchParams);
  const hasFilters = filterKeys.some((key) => filters[key] !== undefined);
  const projects = useProjects(filters);
  const items = projects.data?.pages.flatMap((page) => page.items) ?? [];
  const mayCreate = can(user, 'createProject');

  function setFilter(key: FilterKey, value: string | null) {
    setSearchParams(
      (previous) => {
        const next = new URLSearchParams(previous);
        if (value) next.set(key, value);
        else next.delete(key);
        return next;
      },
      { replace: true },
    );
  }

  // A project normally starts from its purchase order; creating one directly stays possible, as the lesser action.
  const newProjectButton = mayCreate ? (
    <Group gap="sm">
      <Button variant="default" component={Link} to="/projects/new">
        {t('pipeline.newProject')}
      </Button>
      <Button component={Link} to="/purchase-orders/new">
        {t('pipeline.recordPurchaseOrder')}
      </Button>
    </Group>
  ) : null;

  return (
    <Stack>
      <Group justify="space-between">
        <Title order={1}>{t('pipeline.title')}</Title>
        {newProjectButton}
      </Group>
      <Filters filters={filters} onChange={setFilter} />
      <StepOverview filters={filters} onSelect={(stepKey) => setFilter('step', stepKey)} />
      <LiveError error={projects.error} />
      {projects.isPending ? (
        <Group justify="center" p="xl" role="status">
          <Loader aria-label={t('common.loading')} />
        </Group>
      ) : items.length === 0 && !projects.isError ? (
        hasFilters ? (
          <EmptyState
            title={t('pipeline.noMatchesTitle')}
            description={t('pipeline.noMatchesBody')}
            action={
              <Button variant="default" onClick={() => setSearchParams({}, { replace: true })}>
                {t('pipeline.clearFilters')}
              </Button>
            }
          />
        ) : (
          <EmptyState
            title={t('pipeline.emptyTitle')}
            description={mayCreate ? t('pipeline.emptyBodyCreate') : t('pipeline.emptyBodyWait')}
            action={
              mayCreate ? (
                <Button component={Link} to="/purchase-orders/new" variant="light">
                  {t('pipeline.createFirst')}
                </Button>
              ) : undefined
            }
          />
        )
      ) : (
        <>
          <Table.ScrollContainer minWidth={1100}>
            <Table striped highlightOnHover verticalSpacing="sm">
              <VisuallyHidden component="caption">{t('pipeline.tableCaption')}</VisuallyHidden>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">{t('project.reference')}</Table.Th>
                  <Table.Th scope="col">{t('project.name')}</Table.Th>
                  <Table.Th scope="col">{t('project.customer')}</Table.Th>
                  <Table.Th scope="col">{t('project.partner')}</Table.Th>
                  <Table.Th scope="col">{t('project.priority')}</Table.Th>
                  <Table.Th scope="col">{t('project.engineer')}</Table.Th>
                  <Table.Th scope="col">{t('project.currentStep')}</Table.Th>
                  <Table.Th scope="col">{t('project.waitingOn')}</Table.Th>
                  <Table.Th scope="col">{t('project.state')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {items.map((project) => (
                  <Table.Tr key={project.id}>
                    <Table.Td style={{ whiteSpace: 'nowrap' }}>
                      <Anchor component={Link} to={`/projects/${project.id}`} fw={600}>
                        {project.reference}
                      </Anchor>
                    </Table.Td>
                    <Table.Td>{project.name}</Table.Td>
                    <Table.Td>{project.customer.name}</Table.Td>
                    <Table.Td>{project.partner?.name ?? <Text c="dimmed">—</Text>}</Table.Td>
                    <Table.Td>
                      <PriorityBadge priority={project.priority} />
                    </Table.Td>
                    <Table.Td>{project.engineer?.name ?? <Text c="dimmed">{t('project.unassigned')}</Text>}</Table.Td>
                    <Table.Td>
                      <StepLabel step={project.currentStep} />
                    </Table.Td>
                    <Table.Td>
                      <PartyBadges parties={project.waitingOn} />
                    </Table.Td>
                    <Table.Td>
                      <Group gap={4} wrap="nowrap">
                        <StateBadge state={project.state} />
                        {project.scheduleLate && <ScheduleLateBadge />}
                      </Group>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
          <Group justify="space-between">
            <Text size="sm" c="dimmed" aria-live="polite">
              {t('pipeline.shown', { count: items.length })}
            </Text>
            {projects.hasNextPage && (
              <Button
                variant="default"
                onClick={() => void projects.fetchNextPage()}
                loading={projects.isFetchingNextPage}
              >
                {t('pipeline.loadMore')}
              </Button>
            )}
          </Group>
        </>
      )}
    </Stack>
  );
}
