import { Text, VisuallyHidden } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useLocalized } from '../lib/format';
import type { PortalProject } from './portalApi';

type Step = PortalProject['timeline']['steps'][number];

const marks: Record<Step['state'], { symbol: string; color: string }> = {
  done: { symbol: '✓', color: 'var(--mantine-color-green-8)' },
  now: { symbol: '●', color: 'var(--mantine-color-blue-7)' },
  'not-needed': { symbol: '–', color: 'var(--mantine-color-gray-6)' },
  later: { symbol: '○', color: 'var(--mantine-color-gray-6)' },
};

/** Every step of the project on a few lines: done ones ticked, the current one marked, the state read out to screen readers. */
export function StepList({ steps }: { steps: readonly Step[] }) {
  const { t } = useTranslation();
  const localized = useLocalized();
  return (
    <ol style={{ columns: '2 15rem', columnGap: '1.5rem', margin: 0, paddingLeft: 0, listStyle: 'none' }}>
      {steps.map((step) => {
        const mark = marks[step.state];
        return (
          <li key={step.key} style={{ breakInside: 'avoid', display: 'flex', gap: 8, padding: '2px 0' }}>
            <span aria-hidden style={{ color: mark.color, width: '1em', flexShrink: 0, fontWeight: 700 }}>
              {mark.symbol}
            </span>
            <Text
              size="sm"
              fw={step.state === 'now' ? 700 : 400}
              c={step.state === 'later' || step.state === 'not-needed' ? 'dimmed' : undefined}
              td={step.state === 'not-needed' ? 'line-through' : undefined}
              aria-current={step.state === 'now' ? 'step' : undefined}
            >
              {localized(step.title)}
              <VisuallyHidden> ({t(`portal.project.stepStates.${step.state}`)})</VisuallyHidden>
            </Text>
          </li>
        );
      })}
    </ol>
  );
}
