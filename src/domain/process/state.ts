import type { CriterionDefinition, ProcessTemplate, SkipCondition, StepDefinition } from './template';

export const stepStatuses = ['pending', 'open', 'done', 'waived', 'skipped'] as const;
export type StepStatus = (typeof stepStatuses)[number];

export interface StepState {
  readonly status: StepStatus;
  /** Why the step was waived, skipped or re-opened. */
  readonly reason?: string;
}

/** One entry per template step, keyed by step key. */
export interface ProcessState {
  readonly steps: Readonly<Record<string, StepState>>;
}

/** Criterion key → whether it holds; a missing key means it does not. */
export type Facts = Readonly<Record<string, boolean>>;

export interface ProcessContext {
  readonly trainingPurchased: boolean;
  /** Whether the partner's terms require payment before the engagement goes on. */
  readonly paymentRequired: boolean;
}

const finishedStatuses: readonly StepStatus[] = ['done', 'waived', 'skipped'];

/** Tells whether a status lets the process move past the step. */
export function isFinishedStatus(status: StepStatus | undefined): boolean {
  return status !== undefined && finishedStatuses.includes(status);
}

/** Returns the status of a step, reading a missing entry as 'pending'. */
export function getStepStatus(state: ProcessState, stepKey: string): StepStatus {
  return state.steps[stepKey]?.status ?? 'pending';
}

/** Returns the index of the first step not done, waived or skipped, or -1 when the process is complete. */
export function findCurrentStepIndex(template: ProcessTemplate, state: ProcessState): number {
  return template.steps.findIndex((step) => !isFinishedStatus(getStepStatus(state, step.key)));
}

const skipConditionChecks: Record<SkipCondition, (context: ProcessContext) => boolean> = {
  'training-not-purchased': (context) => !context.trainingPurchased,
};

/** The reason recorded when a step is skipped because its condition holds at start. */
export const skipConditionReasons: Record<SkipCondition, string> = {
  'training-not-purchased': 'training not purchased',
};

/** Tells whether an optional step's skip condition holds in this context. */
export function isSkipConditionMet(step: StepDefinition, context: ProcessContext): boolean {
  return step.optional !== undefined && skipConditionChecks[step.optional.skipWhen](context);
}

/** Tells whether a criterion holds; a payment criterion holds when no payment is required. */
export function doesCriterionHold(criterion: CriterionDefinition, facts: Facts, context: ProcessContext): boolean {
  if (criterion.source === 'payment' && !context.paymentRequired) return true;
  return facts[criterion.key] === true;
}
