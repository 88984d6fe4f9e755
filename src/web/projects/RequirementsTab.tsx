import { Alert, Badge, Button, Grid, Group, Loader, Stack, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useRequirements } from '../api/queries';
import { requirementCategories, requirementStatuses, type ProjectDetail, type Requirement } from '../api/types';
import { useCurrentUser } from '../auth/session';
import { EmptyState } from '../ui/EmptyState';
import { LiveError } from '../ui/ErrorAlert';
import { DesignReviewPanel } from './DesignReviewPanel';
import { PendingChangesBox } from './PendingChangesBox';
import { canWaive, canWorkOn } from './projectWork';
import { RequirementFormModal } from './RequirementFormModal';
import { RequirementItem, RequirementStatusBadge } from './RequirementItem';

function StatusCounts({ requirements }: { requirements: readonly Requirement[] }) {
  const { t } = useTranslation();
  const counts = requirementStatuses
    .map((status) => ({ status, count: requirements.filter((requirement) => requirement.status === status).length }))
    .filter(({ count }) => count > 0);
  return (
    <Group gap="xs" aria-label={t('requirements.countsLabel')} role="group">
      {counts.map(({ status, count }) => (
        <Group key={status} gap={4} wrap="nowrap">
          <Text size="sm" fw={600}>
            {count}
          </Text>
          <RequirementStatusBadge status={status} />
        </Group>
      ))}
    </Group>
  );
}

/** E5 and E6 for staff: the requirement list by category, the changes new answers make, the design review, verification. */
export function RequirementsTab({ project }: { project: ProjectDetail }) {
  const { t } = useTranslation();
  const user = useCurrentUser();
  const requirements = useRequirements(project.id);
  const [isAdding, setAdding] = useState(false);
  const canWork = canWorkOn(user, project);
  const mayWaive = canWaive(user);

  if (requirements.isPending) {
    return (
      <Group justify="center" p="xl" role="status">
        <Loader aria-label={t('common.loading')} />
      </Group>
    );
  }
  if (requirements.isError) {
    return (
      <Stack>
        <LiveError error={requirements.error} />
        <Button variant="default" onClick={() => void requirements.refetch()} style={{ alignSelf: 'flex-start' }}>
          {t('common.retry')}
        </Button>
      </Stack>
    );
  }

  const data = requirements.data;
  const hasPending = data.pendingChanges.adds.length > 0 || data.pendingChanges.removes.length > 0;
  const groups = requirementCategories
    .map((category) => ({
      category,
      items: data.requirements.filter((requirement) => requirement.category === category),
    }))
    .filter((group) => group.items.length > 0);
  const addButton = canWork && (
    <Button
      onClick={() => setAdding(true)}
      aria-haspopup="dialog"
      variant={data.requirements.length === 0 ? 'filled' : 'light'}
    >
      {t('requirements.add')}
    </Button>
  );

  return (
    <Stack gap="lg">
      {!canWork && user.role !== 'support' && (
        <Alert color="gray" variant="light">
          {t('requirements.onlyAssigned')}
        </Alert>
      )}
      {hasPending && <PendingChangesBox projectId={project.id} changes={data.pendingChanges} canWork={canWork} />}
      <Grid gap="lg">
        <Grid.Col span={{ base: 12, lg: 7 }}>
          <Stack gap="md" component="section" aria-labelledby="requirement-list-heading">
            <Group justify="space-between" align="center">
              <Group gap="sm">
                <Title order={2} size="h3" id="requirement-list-heading">
                  {t('requirements.title')}
                </Title>
                {data.isConfirmed ? (
                  <Badge color="green" variant="light">
                    {t('requirements.confirmed')}
                  </Badge>
                ) : (
                  <Badge color="gray" variant="light">
                    {t('requirements.notConfirmed')}
                  </Badge>
                )}
              </Group>
              {data.requirements.length > 0 && addButton}
            </Group>
            {data.requirements.length === 0 ? (
              <EmptyState
                title={t('requirements.emptyTitle')}
                description={canWork ? t('requirements.emptyBody') : t('requirements.emptyBodyReadOnly')}
                action={addButton || undefined}
              />
            ) : (
              <>
                <StatusCounts requirements={data.requirements} />
                {groups.map((group) => (
                  <Stack
                    key={group.category}
                    gap="xs"
                    component="section"
                    aria-labelledby={`category-${group.category}`}
                  >
                    <Title order={3} size="h5" id={`category-${group.category}`} c="dimmed" tt="uppercase">
                      {t(`requirements.category.${group.category}`)} ({group.items.length})
                    </Title>
                    {group.items.map((requirement) => (
                      <RequirementItem
                        key={requirement.id}
                        projectId={project.id}
                        requirement={requirement}
                        isListConfirmed={data.isConfirmed}
                        canWork={canWork}
                        canWaive={mayWaive}
                      />
                    ))}
                  </Stack>
                ))}
              </>
            )}
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, lg: 5 }}>
          <DesignReviewPanel projectId={project.id} data={data} canWork={canWork} />
        </Grid.Col>
      </Grid>
      <RequirementFormModal
        projectId={project.id}
        requirement={null}
        opened={isAdding}
        onClose={() => setAdding(false)}
      />
    </Stack>
  );
}
