import { Anchor, Badge, Group, List, Paper, Progress, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { DateTime } from '../lib/DateTime';
import { formatDate, useLocalized } from '../lib/format';
import { PageLoader } from '../layout/PageLoader';
import { PortalDeliveryCard, deliveryWork } from './PortalDeliveryCard';
import { PortalQueryProblem } from './PortalQueryProblem';
import { PortalSessionsCard } from './PortalSessionsCard';
import { StepList } from './StepList';
import {
  portalPaths,
  usePortalDelivery,
  usePortalProject,
  usePortalSessions,
  type PortalDeliveryDocument,
  type PortalHome,
  type PortalProject,
} from './portalApi';
import { usePortalTitle } from './usePortalTitle';

function NeedsBlock({
  project,
  hasDatesToChoose,
  documentsToSign,
}: {
  project: PortalProject;
  hasDatesToChoose: boolean;
  documentsToSign: PortalDeliveryDocument[];
}) {
  const { t, i18n } = useTranslation();
  const localized = useLocalized();
  const openQuestionnaires = project.questionnaires
    .filter((questionnaire) => questionnaire.status === 'open')
    .sort((a, b) => Number(b.isOverdue) - Number(a.isOverdue) || a.dueAt.localeCompare(b.dueAt));
  const { requirements, timeline } = project;
  const isWaitingOnYou = timeline.now?.isWaitingOnYou ?? false;
  // Questionnaires and requirements are asked of some contacts only (those the questionnaire links went to, the side
  // owning a requirement): whoever was not asked can still open them below, but is not told they are needed from them.
  const questionnairesToFill = isWaitingOnYou ? openQuestionnaires : [];
  const hasRequirementWork =
    isWaitingOnYou && requirements.isConfirmed && (requirements.open > 0 || requirements.sentBack > 0);
  const hasNeeds =
    questionnairesToFill.length > 0 || hasRequirementWork || hasDatesToChoose || documentsToSign.length > 0;
  return (
    <Paper
      withBorder
      p={{ base: 'md', sm: 'lg' }}
      radius="md"
      component="section"
      aria-labelledby="needs-title"
      style={hasNeeds || isWaitingOnYou ? { borderColor: 'var(--mantine-color-orange-5)', borderWidth: 2 } : undefined}
    >
      <Title order={2} size="h3" id="needs-title" mb="sm">
        {t('portal.project.needTitle')}
      </Title>
      {!hasNeeds && !isWaitingOnYou && <Text>{t('portal.project.nothingNeeded')}</Text>}
      {!hasNeeds && isWaitingOnYou && timeline.now && (
        <Text>{t('portal.project.waitingFor', { what: localized(timeline.now.waitingFor) })}</Text>
      )}
      {hasNeeds && (
        <List spacing="sm" listStyleType="none" p={0}>
          {documentsToSign.map((document) => (
            <List.Item key={document.id}>
              <Anchor component={Link} to={portalPaths.delivery(project.id)} fw={600}>
                {t('portal.delivery.needSign', { title: t(`portal.delivery.documentKinds.${document.kind}`) })}
              </Anchor>
            </List.Item>
          ))}
          {hasDatesToChoose && (
            <List.Item>
              <Anchor component={Link} to={portalPaths.sessions(project.id)} fw={600}>
                {t('portal.sessions.needChoose')}
              </Anchor>
            </List.Item>
          )}
          {questionnairesToFill.map((questionnaire) => (
            <List.Item key={questionnaire.applicationKey}>
              <Stack gap={2}>
                <Anchor
                  component={Link}
                  to={portalPaths.questionnaire(project.id, questionnaire.applicationKey)}
                  fw={600}
                >
                  {t('portal.project.questionnaireToFill', { title: localized(questionnaire.title) })}
                </Anchor>
                <Group gap="xs">
                  {questionnaire.isOverdue && (
                    <Badge color="red" variant="filled" size="sm">
                      {t('portal.project.overdue')}
                    </Badge>
                  )}
                  <Text size="sm" c={questionnaire.isOverdue ? 'red.8' : 'dimmed'}>
                    {t('portal.project.questionnaireDue', { date: formatDate(questionnaire.dueAt, i18n.language) })}
                    {' · '}
                    {t('portal.project.answeredOf', {
                      answered: questionnaire.answeredCount,
                      count: questionnaire.fieldCount,
                    })}
                  </Text>
                </Group>
              </Stack>
            </List.Item>
          ))}
          {hasRequirementWork && requirements.sentBack > 0 && (
            <List.Item>
              <Anchor component={Link} to={portalPaths.requirements(project.id)} fw={600} c="red.8">
                {t('portal.project.requirementsSentBack', { count: requirements.sentBack })}
              </Anchor>
            </List.Item>
          )}
          {hasRequirementWork && requirements.open > 0 && (
            <List.Item>
              <Anchor component={Link} to={portalPaths.requirements(project.id)} fw={600}>
                {t('portal.project.requirementsOpen', { count: requirements.open })}
              </Anchor>
            </List.Item>
          )}
        </List>
      )}
    </Paper>
  );
}

function WhereWeAre({ project, vendorName }: { project: PortalProject; vendorName: string }) {
  const { t } = useTranslation();
  const localized = useLocalized();
  const { timeline } = project;
  // A skipped step is neither done nor to do: it counts on neither side.
  const countable = timeline.steps.filter((step) => step.state !== 'not-needed' && step.state !== 'skipped');
  const done = countable.filter((step) => step.state === 'done');
  const lastDone = done.at(-1);
  return (
    <Paper withBorder p={{ base: 'md', sm: 'lg' }} radius="md" component="section" aria-labelledby="where-title">
      <Title order={2} size="h3" id="where-title" mb="sm">
        {t('portal.project.whereTitle')}
      </Title>
      {timeline.isComplete ? (
        <Text mb="md">{t('portal.project.completeBody')}</Text>
      ) : (
        <dl style={{ margin: 0 }}>
          <Stack gap="sm" mb="md">
            <div>
              <Text component="dt" fw={700} size="sm" c="dimmed">
                {t('portal.project.doneTitle')}
              </Text>
              <Text component="dd" m={0}>
                {lastDone
                  ? `${t('portal.project.stepsDone', { done: done.length, count: countable.length })} · ${localized(lastDone.title)}`
                  : t('portal.project.nothingDone')}
              </Text>
            </div>
            {timeline.now && (
              <div>
                <Text component="dt" fw={700} size="sm" c="dimmed">
                  {t('portal.project.nowTitle')}
                </Text>
                <Text component="dd" m={0}>
                  <strong>{localized(timeline.now.title)}</strong> —{' '}
                  {t('portal.project.waitingFor', { what: localized(timeline.now.waitingFor) })}
                </Text>
              </div>
            )}
            {timeline.next && (
              <div>
                <Text component="dt" fw={700} size="sm" c="dimmed">
                  {t('portal.project.nextTitle')}
                </Text>
                <Text component="dd" m={0}>
                  {localized(timeline.next.title)}
                </Text>
              </div>
            )}
          </Stack>
        </dl>
      )}
      <Progress
        value={countable.length === 0 ? 0 : (done.length / countable.length) * 100}
        aria-label={t('portal.project.stepsDone', { done: done.length, count: countable.length })}
        mb="md"
      />
      <Title order={3} size="h5" mb="xs">
        {t('portal.project.allSteps')}
      </Title>
      <StepList steps={timeline.steps} vendorName={vendorName} />
    </Paper>
  );
}

function EngineerCard({ engineer }: { engineer: PortalProject['engineer'] }) {
  const { t } = useTranslation();
  return (
    <Paper withBorder p={{ base: 'md', sm: 'lg' }} radius="md" component="section" aria-labelledby="engineer-title">
      <Title order={2} size="h3" id="engineer-title" mb="sm">
        {t('portal.project.engineerTitle')}
      </Title>
      {engineer ? (
        <Stack gap={4}>
          <Text fw={600}>{engineer.name}</Text>
          <Text size="sm">
            {t('portal.project.email')}: <Anchor href={`mailto:${engineer.email}`}>{engineer.email}</Anchor>
          </Text>
          {engineer.phone && (
            <Text size="sm">
              {t('portal.project.phone')}:{' '}
              <Anchor href={`tel:${engineer.phone.replace(/[^+\d]/g, '')}`}>{engineer.phone}</Anchor>
            </Text>
          )}
        </Stack>
      ) : (
        <Text>{t('portal.project.noEngineer')}</Text>
      )}
    </Paper>
  );
}

function QuestionnairesCard({ project }: { project: PortalProject }) {
  const { t, i18n } = useTranslation();
  const localized = useLocalized();
  return (
    <Paper
      withBorder
      p={{ base: 'md', sm: 'lg' }}
      radius="md"
      component="section"
      aria-labelledby="questionnaires-title"
    >
      <Title order={2} size="h3" id="questionnaires-title" mb="sm">
        {t('portal.project.questionnairesTitle')}
      </Title>
      {project.questionnaires.length === 0 ? (
        <Text>{t('portal.project.noQuestionnaires')}</Text>
      ) : (
        <List spacing="sm" listStyleType="none" p={0}>
          {project.questionnaires.map((questionnaire) => (
            <List.Item key={questionnaire.applicationKey}>
              <Stack gap={2}>
                <Anchor component={Link} to={portalPaths.questionnaire(project.id, questionnaire.applicationKey)}>
                  {localized(questionnaire.title)}
                </Anchor>
                {questionnaire.kind === 'project' && questionnaire.status === 'open' && (
                  <Text size="sm">{t('portal.project.projectQuestionnaireFirst')}</Text>
                )}
                <Text size="sm" c="dimmed">
                  {questionnaire.status === 'submitted' && questionnaire.submittedAt ? (
                    <>
                      {t('portal.project.submittedOn')} <DateTime iso={questionnaire.submittedAt} dateOnly />
                    </>
                  ) : (
                    <>
                      {t('portal.project.answeredOf', {
                        answered: questionnaire.answeredCount,
                        count: questionnaire.fieldCount,
                      })}{' '}
                      · {t('portal.project.questionnaireDue', { date: formatDate(questionnaire.dueAt, i18n.language) })}
                    </>
                  )}
                </Text>
              </Stack>
            </List.Item>
          ))}
        </List>
      )}
    </Paper>
  );
}

function RequirementsCard({ project }: { project: PortalProject }) {
  const { t } = useTranslation();
  const { requirements } = project;
  // A waived requirement was not prepared: it is counted apart, never as done.
  const done = requirements.fulfilled + requirements.verified;
  return (
    <Paper withBorder p={{ base: 'md', sm: 'lg' }} radius="md" component="section" aria-labelledby="requirements-title">
      <Title order={2} size="h3" id="requirements-title" mb="sm">
        {t('portal.project.requirementsTitle')}
      </Title>
      <Stack gap="xs" align="flex-start">
        {requirements.total === 0 ? (
          <Text>{t('portal.project.noRequirements')}</Text>
        ) : (
          <Text>
            {requirements.isConfirmed
              ? t('portal.project.requirementsSummary', { done, total: requirements.total - requirements.waived })
              : t('portal.project.requirementsNotConfirmed')}
            {requirements.isConfirmed &&
              requirements.waived > 0 &&
              ` · ${t('portal.project.requirementsWaived', { count: requirements.waived })}`}
          </Text>
        )}
        {requirements.total > 0 && (
          <Anchor component={Link} to={portalPaths.requirements(project.id)}>
            {t('portal.project.openRequirements')}
          </Anchor>
        )}
      </Stack>
    </Paper>
  );
}

/** One calm page per project: what we need from you now, where we are, who to call. */
export function PortalProjectPage({ me }: { me: PortalHome }) {
  const { t } = useTranslation();
  const localized = useLocalized();
  const { id = '' } = useParams();
  const project = usePortalProject(id);
  const sessions = usePortalSessions(id);
  const delivery = usePortalDelivery(id);
  usePortalTitle(
    project.data?.name ?? (project.isError ? t('portal.project.notAvailableTitle') : undefined),
    me.vendor.name,
  );

  if (project.isPending) return <PageLoader />;
  if (project.isError)
    return (
      <PortalQueryProblem
        error={project.error}
        notFoundTitle={t('portal.project.notAvailableTitle')}
        onRetry={() => void project.refetch()}
      />
    );
  const data = project.data;
  const hasOpenProposals = sessions.data?.proposals.some((proposal) => proposal.slots.length > 0) ?? false;
  const sessionsCard = <PortalSessionsCard projectId={id} sessions={sessions.data} error={sessions.error} />;
  const documentsToSign = deliveryWork(delivery.data).toSign;
  const deliveryCard = <PortalDeliveryCard projectId={id} delivery={delivery.data} error={delivery.error} />;
  return (
    <Stack gap="lg">
      <Stack gap={4}>
        <Title order={1}>{data.name}</Title>
        <Text c="dimmed">
          {data.reference} ·{' '}
          {data.partner
            ? t('portal.project.customerPartner', { customer: data.customer, partner: data.partner })
            : data.customer}
        </Text>
        {data.applications.length > 0 && (
          <Text size="sm" c="dimmed">
            {t('portal.project.applications')}:{' '}
            {data.applications.map((application) => localized(application.name)).join(', ')}
          </Text>
        )}
      </Stack>
      {hasOpenProposals && sessionsCard}
      {documentsToSign.length > 0 && deliveryCard}
      {!data.timeline.isComplete && (
        <NeedsBlock project={data} hasDatesToChoose={hasOpenProposals} documentsToSign={documentsToSign} />
      )}
      <WhereWeAre project={data} vendorName={me.vendor.name} />
      <EngineerCard engineer={data.engineer} />
      {!hasOpenProposals && sessionsCard}
      {documentsToSign.length === 0 && deliveryCard}
      <QuestionnairesCard project={data} />
      <RequirementsCard project={data} />
    </Stack>
  );
}
