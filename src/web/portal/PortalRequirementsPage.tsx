import { Alert, Anchor, Progress, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { PageLoader } from '../layout/PageLoader';
import { PortalQueryProblem } from './PortalQueryProblem';
import { RequirementCard } from './RequirementCard';
import { portalPaths, usePortalRequirements, type PortalHome, type RequirementCategory } from './portalApi';
import { usePortalTitle } from './usePortalTitle';

const categoryOrder: readonly RequirementCategory[] = [
  'uc-equipment',
  'servers',
  'network',
  'sql-server',
  'email-accounts',
  'active-directory-accounts',
  'other',
];

/** The list of what the customer's side prepares, by category; items sent back come first within each. */
export function PortalRequirementsPage({ me }: { me: PortalHome }) {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const query = usePortalRequirements(id);
  usePortalTitle(t('portal.requirements.title'), me.vendor.name);

  if (query.isPending) return <PageLoader />;
  if (query.isError)
    return (
      <PortalQueryProblem
        error={query.error}
        notFoundTitle={t('portal.project.notAvailableTitle')}
        onRetry={() => void query.refetch()}
      />
    );
  const { isConfirmed, requirements } = query.data;
  // A waived requirement was not prepared: it is counted apart, never as done.
  const waived = requirements.filter((item) => item.status === 'waived').length;
  const toPrepare = requirements.length - waived;
  const done = requirements.filter((item) => item.status === 'fulfilled' || item.status === 'verified').length;
  const rank = (status: string) => (status === 'sent-back' ? 0 : status === 'open' ? 1 : 2);

  return (
    <Stack gap="lg">
      <Anchor component={Link} to={portalPaths.project(id)} size="sm">
        ← {t('portal.questionnaire.back')}
      </Anchor>
      <Stack gap={4}>
        <Title order={1}>{t('portal.requirements.title')}</Title>
        <Text>{t('portal.requirements.intro')}</Text>
      </Stack>
      {!isConfirmed && (
        <Alert color="blue" title={t('portal.requirements.finalising')}>
          {t('portal.requirements.finalisingBody')}
        </Alert>
      )}
      {requirements.length === 0 ? (
        <Text>{t('portal.requirements.empty')}</Text>
      ) : (
        <>
          {isConfirmed && (
            <Stack gap={4}>
              <Text size="sm">
                {t('portal.requirements.summary', { done, total: toPrepare })}
                {waived > 0 && ` · ${t('portal.project.requirementsWaived', { count: waived })}`}
              </Text>
              <Progress
                value={toPrepare === 0 ? 100 : (done / toPrepare) * 100}
                aria-label={t('portal.requirements.progressLabel')}
              />
            </Stack>
          )}
          {categoryOrder.map((category) => {
            const items = requirements
              .filter((item) => item.category === category)
              .sort((a, b) => rank(a.status) - rank(b.status));
            if (items.length === 0) return null;
            return (
              <Stack key={category} gap="sm" component="section" aria-labelledby={`category-${category}`}>
                <Title order={2} size="h3" id={`category-${category}`}>
                  {t(`portal.requirements.categories.${category}`)}
                </Title>
                {items.map((requirement) => (
                  <RequirementCard
                    key={requirement.id}
                    projectId={id}
                    requirement={requirement}
                    isConfirmed={isConfirmed}
                  />
                ))}
              </Stack>
            );
          })}
        </>
      )}
    </Stack>
  );
}
