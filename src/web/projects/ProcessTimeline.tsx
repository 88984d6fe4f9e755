import { Badge, Group, List, Stack, Text, ThemeIcon, Timeline, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Criterion, ProjectDetail, TimelineStep } from '../api/types';
import { can, useCurrentUser } from '../auth/session';
import { useLocalized } from '../lib/format';
import { PartyBadges } from './badges';
import { ConfirmCriterionButton } from './ConfirmCriterionButton';
import { StepActions } from './StepActions';

type Display = TimelineStep['display'];

const displayStyle: Record<Display, { color: string; symbol: string }> = {
  done: { color: 'green', symbol: '✓' },
  current: { color: 'blue', symbol: '●' },
  blocked: { color: 'red', symbol: '!' },
  waived: { color: 'yellow', symbol: '~' },
  skipped: { color: 'gray', symbol: '↷' },
  upcoming: { color: 'gray', symbol: '' },
};

// Criteria are confirmed by hand only on the step being worked on, so later steps stay uncluttered.
const openDisplays: readonly Display[] = ['current', 'blocked'];

function isParty(value: string): value is 'vendor' | 'customer' | 'partner' {
  return value === 'vendor' || value === 'customer' || value === 'partner';
}

function CriterionRow({
  project,
  step,
  criterion,
}: {
  project: ProjectDetail;
  step: TimelineStep;
  criterion: Criterion;
}) {
  const { t } = useTranslation();
  const localize = useLocalized();
  const user = useCurrentUser();
  const mayConfirm =
    criterion.source === 'manual' &&
    !criterion.holds &&
    openDisplays.includes(step.display) &&
    can(user, 'confirmCriterion');
  return (
    <List.Item
      icon={
        <ThemeIcon
          size={18}
          radius="xl"
          color={criterion.holds ? 'green' : 'gray'}
          variant={criterion.holds ? 'filled' : 'light'}
          aria-hidden
        >
          <span style={{ fontSize: 11 }}>{criterion.holds ? '✓' : '○'}</span>
        </ThemeIcon>
      }
    >
      <Group gap="xs" wrap="wrap">
        <Text size="sm">
          {localize(criterion.label)}{' '}
          <Text span size="xs" c={criterion.holds ? 'green.9' : 'dimmed'}>
            ({criterion.holds ? t('criteria.met') : t('criteria.notMet')})
          </Text>
        </Text>
        {mayConfirm && <ConfirmCriterionButton project={project} criterion={criterion} />}
      </Group>
    </List.Item>
  );
}

/** The 16 steps top to bottom, each with its state, who holds the ball, its criteria and actions. */
export function ProcessTimeline({ project }: { project: ProjectDetail }) {
  const { t } = useTranslation();
  const localize = useLocalized();
  const { timeline } = project.process;
  const currentKey = project.currentStep?.key;
  const lastReached = timeline.reduce((last, step, index) => (step.display === 'upcoming' ? last : index), -1);

  return (
    <section aria-labelledby="timeline-heading">
      <Title order={2} size="h3" id="timeline-heading" mb="md">
        {t('timeline.title')}
      </Title>
      <Timeline active={lastReached} bulletSize={26} lineWidth={2} role="list">
        {timeline.map((step) => {
          const style = displayStyle[step.display];
          const isCurrent = step.key === currentKey;
          return (
            <Timeline.Item
              key={step.key}
              role="listitem"
              color={style.color}
              bullet={<span aria-hidden>{style.symbol}</span>}
              aria-current={isCurrent ? 'step' : undefined}
              title={
                <Group gap="xs" wrap="wrap">
                  <Title order={3} size="h5">
                    {step.code} · {localize(step.title)}
                  </Title>
                  <Badge color={style.color} variant={step.display === 'blocked' ? 'filled' : 'light'} size="sm">
                    {t(`timeline.display.${step.display}`)}
                  </Badge>
                </Group>
              }
            >
              <Stack gap={6} mt={4}>
                <Group gap="xs">
                  <Text size="xs" c="dimmed">
                    {t('timeline.ballWith')}
                  </Text>
                  <PartyBadges parties={step.ballWith.filter(isParty)} />
                </Group>
                {step.reason && (
                  <Text size="sm">
                    <Text span fw={600}>
                      {step.display === 'waived'
                        ? t('timeline.waivedReason')
                        : step.display === 'skipped'
                          ? t('timeline.skippedReason')
                          : t('timeline.reason')}
                    </Text>{' '}
                    {step.reason}
                  </Text>
                )}
                {step.criteria.length > 0 && (
                  <List spacing={4} size="sm" center aria-label={t('timeline.criteriaFor', { code: step.code })}>
                    {step.criteria.map((criterion) => (
                      <CriterionRow key={criterion.key} project={project} step={step} criterion={criterion} />
                    ))}
                  </List>
                )}
                {!isCurrent && <StepActions project={project} step={step} isCurrent={false} />}
              </Stack>
            </Timeline.Item>
          );
        })}
      </Timeline>
    </section>
  );
}
