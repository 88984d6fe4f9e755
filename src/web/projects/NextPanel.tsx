import { Badge, Card, Group, List, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { ProjectDetail } from '../api/types';
import { useLocalized } from '../lib/format';
import { PartyBadges } from './badges';
import { StepActions } from './StepActions';
import { StepWork } from './StepWork';

/** What is next, who must act, what blocks it, and the actions allowed on the current step. */
export function NextPanel({ project }: { project: ProjectDetail }) {
  const { t } = useTranslation();
  const localize = useLocalized();
  const { process } = project;
  const currentKey = project.currentStep?.key;
  const current = process.timeline.find((step) => step.key === currentKey);

  return (
    <Card withBorder padding="lg" component="section" aria-labelledby="next-heading">
      <Stack gap="sm">
        <Title order={2} size="h3" id="next-heading">
          {t('next.title')}
        </Title>
        {process.isComplete || !current ? (
          <Text>{t('next.complete')}</Text>
        ) : (
          <>
            <Group gap="xs">
              <Badge variant="outline" color="gray" size="lg">
                {current.code}
              </Badge>
              <Text fw={600} size="lg">
                {localize(current.title)}
              </Text>
              {project.state === 'blocked' && (
                <Badge color="red" variant="filled">
                  {t('projectState.blocked')}
                </Badge>
              )}
            </Group>
            <Group gap="xs">
              <Text size="sm" fw={500}>
                {t('next.whoActs')}
              </Text>
              <PartyBadges parties={process.waitingOn} />
            </Group>
            <div>
              <Text size="sm" fw={500}>
                {t('next.blockers')}
              </Text>
              {process.blockers.length === 0 ? (
                <Text size="sm" c="dimmed">
                  {t('next.noBlockers')}
                </Text>
              ) : (
                <List size="sm" spacing={4}>
                  {process.blockers.map((blocker) => (
                    <List.Item key={blocker.criterionKey}>
                      {blocker.isGate ? (
                        <Text span c="red.8" fw={600} size="sm">
                          {t('next.blockedBy', { label: localize(blocker.label) })}
                        </Text>
                      ) : (
                        <Text span size="sm">
                          {localize(blocker.label)}
                        </Text>
                      )}{' '}
                      <Text span size="xs" c="dimmed">
                        ({t('next.owner', { owner: t(`party.${blocker.owner}`, { defaultValue: blocker.owner }) })})
                      </Text>
                    </List.Item>
                  ))}
                </List>
              )}
            </div>
            <StepWork project={project} />
            <StepActions project={project} step={current} isCurrent />
          </>
        )}
      </Stack>
    </Card>
  );
}
