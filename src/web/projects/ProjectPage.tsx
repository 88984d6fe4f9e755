import { Anchor, Badge, Grid, Group, Loader, Paper, SimpleGrid, Stack, Tabs, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams, useSearchParams } from 'react-router';
import { useApplications, useProject, useProjectMail } from '../api/queries';
import type { ProjectDetail } from '../api/types';
import { useCurrentUser } from '../auth/session';
import { useDocumentTitle } from '../layout/useDocumentTitle';
import { useLocalized } from '../lib/format';
import { LiveError } from '../ui/ErrorAlert';
import { AuditTable } from './AuditTable';
import { PriorityBadge, StateBadge } from './badges';
import { MailTab } from './MailTab';
import { canReadMail, canWorkOn } from './projectWork';
import { NextPanel } from './NextPanel';
import { PortalAccessTab } from './PortalAccessTab';
import { ProcessTimeline } from './ProcessTimeline';
import { PurchaseOrderCard } from './PurchaseOrderCard';
import { QuestionnairesTab } from './QuestionnairesTab';
import { RequirementsTab } from './RequirementsTab';
import { SessionsTab } from '../sessions/SessionsTab';
import { DeliveryTab } from '../delivery/DeliveryTab';
import { WorkLogTab } from '../worklog/WorkLogTab';

function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div>
      <Text component="dt" size="xs" c="dimmed" tt="uppercase" fw={600}>
        {label}
      </Text>
      <Text component="dd" m={0} size="sm">
        {children}
      </Text>
    </div>
  );
}

function ProjectHeader({ project }: { project: ProjectDetail }) {
  const { t } = useTranslation();
  const localize = useLocalized();
  const catalog = useApplications();
  const applicationNames = project.applications.map((key) => {
    const application = catalog.data?.find((item) => item.key === key);
    return application ? localize(application.name) : key;
  });
  return (
    <Paper withBorder p="lg">
      <Stack gap="md">
        <Group justify="space-between" align="flex-start">
          <div>
            <Text c="dimmed" fw={600}>
              {project.reference}
            </Text>
            <Title order={1}>{project.name}</Title>
          </div>
          <StateBadge state={project.state} />
        </Group>
        <SimpleGrid cols={{ base: 2, sm: 3, md: 5 }} component="dl" m={0}>
          <Fact label={t('project.customer')}>
            <Anchor component={Link} to={`/organisations/${project.customer.id}`} size="sm">
              {project.customer.name}
            </Anchor>
          </Fact>
          <Fact label={t('project.partner')}>
            {project.partner ? (
              <Anchor component={Link} to={`/organisations/${project.partner.id}`} size="sm">
                {project.partner.name}
              </Anchor>
            ) : (
              t('common.none')
            )}
          </Fact>
          <Fact label={t('project.priority')}>
            <PriorityBadge priority={project.priority} />
          </Fact>
          <Fact label={t('project.engineer')}>{project.engineer?.name ?? t('project.unassigned')}</Fact>
          <Fact label={t('project.status')}>
            {project.currentStep
              ? `${project.currentStep.code} · ${localize(project.currentStep.title)}`
              : t('projectState.complete')}
          </Fact>
          <Fact label={t('project.deployment')}>{t(`deployment.${project.deployment}`)}</Fact>
          <Fact label={t('project.effort')}>{t('project.effortDays', { count: project.purchasedEffortDays })}</Fact>
          <Fact label={t('project.training')}>
            {project.trainingPurchased ? t('project.trainingYes') : t('project.trainingNo')}
          </Fact>
          <Fact label={t('project.applications')}>
            <Group gap={4} component="span">
              {applicationNames.map((name) => (
                <Badge key={name} variant="light" color="gray" component="span">
                  {name}
                </Badge>
              ))}
            </Group>
          </Fact>
          <Fact label={t('project.templateVersion')}>{project.templateVersion}</Fact>
        </SimpleGrid>
      </Stack>
    </Paper>
  );
}

const tabs = [
  'overview',
  'questionnaires',
  'requirements',
  'sessions',
  'delivery',
  'worklog',
  'portal',
  'mail',
  'audit',
] as const;
type ProjectTab = (typeof tabs)[number];

function parseTab(value: string | null, hasPortalTab: boolean): ProjectTab {
  const tab = tabs.find((candidate) => candidate === value) ?? 'overview';
  return tab === 'portal' && !hasPortalTab ? 'overview' : tab;
}

export default function ProjectPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const [searchParams, setSearchParams] = useSearchParams();
  const user = useCurrentUser();
  // The links and sessions of the project's contacts are for the people who work on projects, not support.
  const hasPortalTab = user.role !== 'support';
  const tab = parseTab(searchParams.get('tab'), hasPortalTab);
  const project = useProject(id);
  // Also feeds the Mail tab itself, from the same cache; a small list, so the count in the label is cheap.
  // A project's mail carries what its contacts were sent: only who works on it reads it (another engineer does not).
  const hasMailTab = project.data !== undefined && canReadMail(user, project.data);
  const mail = useProjectMail(id, hasMailTab);
  const failedMailCount = mail.data?.filter((message) => message.status === 'failed').length ?? 0;
  useDocumentTitle(project.data ? `${project.data.reference} ${project.data.name}` : t('project.title'));

  if (project.isPending) {
    return (
      <Group justify="center" p="xl" role="status">
        <Loader aria-label={t('common.loading')} />
      </Group>
    );
  }
  if (project.isError) {
    return (
      <Stack>
        <Title order={1}>{t('project.title')}</Title>
        <LiveError error={project.error} />
        <Anchor component={Link} to="/">
          {t('nav.backToPipeline')}
        </Anchor>
      </Stack>
    );
  }

  const detail = project.data;
  return (
    <Stack>
      <Anchor component={Link} to="/" size="sm">
        <span aria-hidden>← </span>
        {t('nav.backToPipeline')}
      </Anchor>
      <ProjectHeader project={detail} />
      <Tabs
        value={tab === 'mail' && !hasMailTab ? 'overview' : tab}
        onChange={(value) => setSearchParams(value && value !== 'overview' ? { tab: value } : {}, { replace: true })}
        keepMounted={false}
      >
        <Tabs.List>
          <Tabs.Tab value="overview">{t('project.tabOverview')}</Tabs.Tab>
          <Tabs.Tab value="questionnaires">{t('project.tabQuestionnaires')}</Tabs.Tab>
          <Tabs.Tab value="requirements">{t('project.tabRequirements')}</Tabs.Tab>
          <Tabs.Tab value="sessions">{t('sessions.tab')}</Tabs.Tab>
          <Tabs.Tab value="delivery">{t('delivery.tab')}</Tabs.Tab>
          <Tabs.Tab value="worklog">{t('worklog.tab')}</Tabs.Tab>
          {hasPortalTab && <Tabs.Tab value="portal">{t('project.tabPortal')}</Tabs.Tab>}
          {hasMailTab && (
            <Tabs.Tab
              value="mail"
              rightSection={
                failedMailCount > 0 ? (
                  <Badge color="red" variant="filled" size="sm" component="span">
                    {t('project.tabMailFailed', { count: failedMailCount })}
                  </Badge>
                ) : undefined
              }
            >
              {mail.data ? t('project.tabMailCount', { count: mail.data.length }) : t('project.tabMail')}
            </Tabs.Tab>
          )}
          <Tabs.Tab value="audit">{t('project.tabAudit')}</Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="overview" pt="md">
          <Grid gap="lg">
            <Grid.Col span={{ base: 12, md: 5 }} order={{ base: 1, md: 2 }}>
              <Stack>
                <NextPanel project={detail} />
                <PurchaseOrderCard project={detail} />
              </Stack>
            </Grid.Col>
            <Grid.Col span={{ base: 12, md: 7 }} order={{ base: 2, md: 1 }}>
              <ProcessTimeline project={detail} />
            </Grid.Col>
          </Grid>
        </Tabs.Panel>
        <Tabs.Panel value="questionnaires" pt="md">
          <QuestionnairesTab project={detail} />
        </Tabs.Panel>
        <Tabs.Panel value="requirements" pt="md">
          <RequirementsTab project={detail} />
        </Tabs.Panel>
        <Tabs.Panel value="sessions" pt="md">
          <SessionsTab project={detail} />
        </Tabs.Panel>
        <Tabs.Panel value="delivery" pt="md">
          <DeliveryTab project={detail} />
        </Tabs.Panel>
        <Tabs.Panel value="worklog" pt="md">
          <WorkLogTab project={detail} />
        </Tabs.Panel>
        {hasPortalTab && (
          <Tabs.Panel value="portal" pt="md">
            <PortalAccessTab project={detail} />
          </Tabs.Panel>
        )}
        {hasMailTab && (
          <Tabs.Panel value="mail" pt="md">
            <MailTab projectId={detail.id} canResend={canWorkOn(user, detail)} />
          </Tabs.Panel>
        )}
        <Tabs.Panel value="audit" pt="md">
          <AuditTable projectId={detail.id} isActive={tab === 'audit'} />
        </Tabs.Panel>
      </Tabs>
    </Stack>
  );
}
