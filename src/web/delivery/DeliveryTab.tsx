import { Group, Loader, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { ProjectDetail } from '../api/types';
import { useCurrentUser } from '../auth/session';
import { useLocalized } from '../lib/format';
import { canWorkOn } from '../projects/projectWork';
import { LiveError } from '../ui/ErrorAlert';
import { ChecklistCard } from './ChecklistCard';
import { ConfigurationCard } from './ConfigurationCard';
import { useDelivery, type Delivery } from './deliveryApi';
import { DocumentsCard } from './DocumentsCard';
import { HandoverCard } from './HandoverCard';
import { NotesCard } from './NotesCard';
import { TrainingCard } from './TrainingCard';
import { UatCard } from './UatCard';

/** Why the UAT document cannot be put up for signature yet, as the server would say. */
function useUatBlocker(uat: Delivery['uat']): string | null {
  const { t } = useTranslation();
  const { notRun, failedOpen } = uat.summary;
  if (notRun === 0 && failedOpen === 0) return null;
  return [
    notRun > 0 ? t('delivery.documents.uatNotRun', { count: notRun }) : null,
    failedOpen > 0 ? t('delivery.documents.uatFailedOpen', { count: failedOpen }) : null,
  ]
    .filter((part) => part !== null)
    .join(' ');
}

/** The project's delivery, P1 to P8: checklists, installation and configuration, UAT, training, notes, documents and hand-over. */
export function DeliveryTab({ project }: { project: ProjectDetail }) {
  const { t } = useTranslation();
  const user = useCurrentUser();
  const delivery = useDelivery(project.id);

  if (delivery.isPending) {
    return (
      <Group justify="center" p="xl" role="status">
        <Loader aria-label={t('common.loading')} />
      </Group>
    );
  }
  if (delivery.isError) return <LiveError error={delivery.error} />;
  return (
    <DeliveryContent
      project={project}
      delivery={delivery.data}
      canWork={canWorkOn(user, project) && delivery.data.handover === null}
    />
  );
}

function DeliveryContent({
  project,
  delivery,
  canWork,
}: {
  project: ProjectDetail;
  delivery: Delivery;
  canWork: boolean;
}) {
  const { t } = useTranslation();
  const localize = useLocalized();
  const uatBlocker = useUatBlocker(delivery.uat);
  const nameOf = (applicationKey: string) => {
    const application = delivery.applications.find((candidate) => candidate.key === applicationKey);
    return application ? localize(application.name) : applicationKey;
  };
  return (
    <Stack gap="lg">
      {!canWork && (
        <Text size="sm" c="dimmed">
          {delivery.handover ? t('delivery.closedReadOnly') : t('delivery.readOnly')}
        </Text>
      )}
      <ChecklistCard
        projectId={project.id}
        checklist="environment"
        title={t('delivery.environment.heading')}
        description={t('delivery.environment.hint', { deployment: t(`deployment.${delivery.deployment}`) })}
        items={delivery.environment}
        canWork={canWork}
      />
      <Stack gap="sm" component="section" aria-labelledby="configurations-heading">
        <Title order={2} size="h4" id="configurations-heading">
          {t('delivery.configuration.heading')}
        </Title>
        <Text size="sm">{t('delivery.configuration.hint')}</Text>
        {delivery.configurations.length === 0 ? (
          <Text size="sm" c="dimmed">
            {t('delivery.configuration.empty')}
          </Text>
        ) : (
          delivery.configurations.map((record) => (
            <ConfigurationCard
              key={record.applicationKey}
              projectId={project.id}
              applicationName={nameOf(record.applicationKey)}
              record={record}
              canWork={canWork}
            />
          ))
        )}
      </Stack>
      <ChecklistCard
        projectId={project.id}
        checklist="pbx"
        title={t('delivery.pbx.heading')}
        description={t('delivery.pbx.hint')}
        items={delivery.pbx}
        applications={delivery.applications}
        canWork={canWork}
      />
      <UatCard projectId={project.id} uat={delivery.uat} applications={delivery.applications} canWork={canWork} />
      <DocumentsCard
        project={project}
        kind="uat"
        documents={delivery.documents}
        canWork={canWork}
        blocker={uatBlocker}
      />
      <TrainingCard projectId={project.id} training={delivery.training} canWork={canWork} />
      <NotesCard projectId={project.id} notes={delivery.notes} canWork={canWork} />
      <DocumentsCard project={project} kind="activity-report" documents={delivery.documents} canWork={canWork} />
      <HandoverCard project={project} delivery={delivery} canWork={canWork} />
    </Stack>
  );
}
