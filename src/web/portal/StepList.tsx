import { Text, VisuallyHidden } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useLocalized } from '../lib/format';
import type { PortalProject } from './portalApi';

type Step = PortalProject['timeline']['steps'][number];

const marks: Record<Step['state'], { symbol: string; color: string }> = {
  done: { symbol: '✓', color: 'var(--mantine-color-green-8)' },
  now: { symbol: '●', color: 'var(--mantine-color-blue-7)' },
  skipped: { symbol: '–', color: 'var(--mantine-color-gray-6)' },
  'not-needed': { symbol: '–', color: 'var(--mantine-color-gray-6)' },
  later: { symbol: '○', color: 'var(--mantine-color-gray-6)' },
};

/** Why a step was not done, in words: never a tick, so that nobody reads a skipped step as done. */
function useSkipNote(vendorName: string): (step: Step) => string | null {
  const { t } = useTranslation();
  return (step) => {
    if (step.state === 'skipped') return t('portal.project.skippedBy', { vendor: vendorName });
    if (step.state === 'not-needed')
      return step.notNeededBecause
        ? t(`portal.project.notNeededBecause.${step.notNeededBecause}`)
        : t('portal.project.stepStates.not-needed');
    return null;
  };
}

/** Every step of the project on a few lines: done ones ticked, the current one marked, skipped ones saying why, the state read out to screen readers. */
export function StepList({ steps, vendorName }: { steps: readonly Step[]; vendorName: string }) {
  const { t } = useTranslation();
  const localized = useLocalized();
  const skipNote = useSkipNote(vendorName);
  return (
    <ol style={{ columns: '2 15rem', columnGap: '1.5rem', margin: 0, paddingLeft: 0, listStyle: 'none' }}>
      {steps.map((step) => {
        const mark = marks[step.state];
        const note = skipNote(step);
        return (
          <li key={step.key} style={{ breakInside: 'avoid', display: 'flex', gap: 8, padding: '2px 0' }}>
            <span aria-hidden style={{ color: mark.color, width: '1em', flexShrink: 0, fontWeight: 700 }}>
              {mark.symbol}
            </span>
            <Text
              size="sm"
              fw={step.state === 'now' ? 700 : 400}
              c={step.state === 'later' || note !== null ? 'dimmed' : undefined}
              aria-current={step.state === 'now' ? 'step' : undefined}
            >
              {localized(step.title)}
              {note === null ? (
                <VisuallyHidden> ({t(`portal.project.stepStates.${step.state}`)})</VisuallyHidden>
              ) : (
                ` — ${note}`
              )}
            </Text>
          </li>
        );
      })}
    </ol>
  );
}
