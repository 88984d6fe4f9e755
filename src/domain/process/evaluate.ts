import { parties } from './template';
import type { LocalizedText, Party, Phase, ProcessTemplate, StepDefinition } from './template';
import { doesCriterionHold, findCurrentStepIndex } from './state';
import type { Facts, ProcessContext, ProcessState, StepStatus } from './state';

export type StepDisplay = 'done' | 'current' | 'blocked' | 'waived' | 'skipped' | 'upcoming';

export interface CriterionView {
  readonly key: string;
  readonly label: LocalizedText;
  readonly owner: Party;
  readonly holds: boolean;
}

export interface TimelineEntry {
  readonly key: string;
  readonly code: string;
  readonly phase: Phase;
  readonly title: LocalizedText;
  readonly ballWith: readonly Party[];
  readonly display: StepDisplay;
  readonly reason?: string;
  readonly criteria: readonly CriterionView[];
}

export interface Blocker {
  readonly criterionKey: string;
  readonly label: LocalizedText;
  readonly owner: Party;
  /** A gate blocks the step; the other criteria are work in progress. */
  readonly isGate: boolean;
}

/** What is next, who must act, and what blocks it. */
export interface ProcessView {
  /** The first step not done, waived or skipped; null when the process is complete. */
  readonly currentStep: TimelineEntry | null;
  readonly isComplete: boolean;
  readonly waitingOn: readonly Party[];
  readonly blockers: readonly Blocker[];
  readonly timeline: readonly TimelineEntry[];
}

// An 'open' step that is not the current one only exists in an invalid state.
const displayOfStatus: Record<StepStatus, StepDisplay> = {
  done: 'done',
  waived: 'waived',
  skipped: 'skipped',
  pending: 'upcoming',
  open: 'upcoming',
};

function listBlockers(step: StepDefinition, facts: Facts, context: ProcessContext): Blocker[] {
  return step.exitCriteria
    .filter((criterion) => !doesCriterionHold(criterion, facts, context))
    .map((criterion) => ({
      criterionKey: criterion.key,
      label: criterion.label,
      owner: criterion.owner,
      isGate: criterion.gate === true,
    }));
}

function describeStep(
  step: StepDefinition,
  state: ProcessState,
  facts: Facts,
  context: ProcessContext,
  isCurrent: boolean,
): TimelineEntry {
  const stepState = state.steps[step.key];
  const criteria = step.exitCriteria.map((criterion) => ({
    key: criterion.key,
    label: criterion.label,
    owner: criterion.owner,
    holds: doesCriterionHold(criterion, facts, context),
  }));
  const isBlocked = isCurrent && listBlockers(step, facts, context).some((blocker) => blocker.isGate);
  const display = isCurrent ? (isBlocked ? 'blocked' : 'current') : displayOfStatus[stepState?.status ?? 'pending'];
  return {
    key: step.key,
    code: step.code,
    phase: step.phase,
    title: step.title,
    ballWith: step.ballWith,
    display,
    ...(stepState?.reason === undefined ? {} : { reason: stepState.reason }),
    criteria,
  };
}

/** Describes a project's process: the current step, who it waits on, what blocks it, and the timeline. */
export function evaluateProcess(
  template: ProcessTemplate,
  state: ProcessState,
  facts: Facts,
  context: ProcessContext,
): ProcessView {
  const currentIndex = findCurrentStepIndex(template, state);
  const timeline = template.steps.map((step, index) =>
    describeStep(step, state, facts, context, index === currentIndex),
  );
  const currentDefinition = template.steps[currentIndex];
  if (currentDefinition === undefined) {
    return { currentStep: null, isComplete: true, waitingOn: [], blockers: [], timeline };
  }
  const blockers = listBlockers(currentDefinition, facts, context);
  const owners = new Set(blockers.map((blocker) => blocker.owner));
  // With every criterion met, the vendor still has to mark the step complete.
  const waitingOn: Party[] = blockers.length === 0 ? ['vendor'] : parties.filter((party) => owners.has(party));
  return {
    currentStep: timeline[currentIndex] ?? null,
    isComplete: false,
    waitingOn,
    blockers,
    timeline,
  };
}
