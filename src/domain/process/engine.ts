import { translate, type TextKey } from '../text/i18n';
import { unwaivableCriteria, type ProcessTemplate } from './template';
import {
  doesCriterionHold,
  findCurrentStepIndex,
  getStepStatus,
  isSkipConditionMet,
  skipConditionReasons,
} from './state';
import type { Facts, ProcessContext, ProcessState, StepState } from './state';
import type { SkipCondition } from './template';

export type { Facts, ProcessContext, ProcessState, StepState, StepStatus } from './state';
export type { Blocker, CriterionView, ProcessView, StepDisplay, TimelineEntry } from './evaluate';
export { evaluateProcess } from './evaluate';
export { checkInvariants } from './invariants';

export type ActorRole = 'admin' | 'manager' | 'engineer' | 'support';

export type ProcessAction =
  | { readonly type: 'complete'; readonly stepKey: string }
  | { readonly type: 'waive'; readonly stepKey: string; readonly reason: string }
  | { readonly type: 'reopen'; readonly stepKey: string; readonly reason: string }
  | { readonly type: 'skip'; readonly stepKey: string; readonly reason: string };

export type ProcessActionType = ProcessAction['type'];

/** An action the actor may take now; waive, reopen and skip still need the caller's reason. */
export interface AllowedAction {
  readonly type: ProcessActionType;
  readonly stepKey: string;
}

/**
 * - step_not_found: the template has no step with that key.
 * - forbidden_role: the actor's role may never take this kind of action.
 * - not_allowed: the step is not in a status where the action applies.
 * - criteria_unmet: the step cannot be completed while an exit criterion does not hold.
 * - reason_required: waive, reopen and skip need a reason of 1 to 2000 characters.
 */
export type ProcessErrorCode =
  'step_not_found' | 'not_allowed' | 'criteria_unmet' | 'reason_required' | 'forbidden_role';

/** A refusal: its code, its words as a key of the errors resources with their values, and the English text. */
export interface ProcessError {
  readonly code: ProcessErrorCode;
  readonly key: TextKey<'errors'>;
  readonly values: Readonly<Record<string, string>>;
  readonly message: string;
}

export type ApplyActionResult =
  { readonly ok: true; readonly state: ProcessState } | { readonly ok: false; readonly error: ProcessError };

export const maximumReasonLength = 2000;

const actionTypes: readonly ProcessActionType[] = ['complete', 'waive', 'skip', 'reopen'];

const rolesAllowedTo: Record<ProcessActionType, readonly ActorRole[]> = {
  complete: ['admin', 'manager', 'engineer'],
  waive: ['admin', 'manager'],
  skip: ['admin', 'manager'],
  reopen: ['admin', 'manager', 'engineer'],
};

/** Starts a process: optional steps whose skip condition holds are skipped, the first other step is open. */
export function startProcess(template: ProcessTemplate, context: ProcessContext): ProcessState {
  const steps: Record<string, StepState> = {};
  let hasOpenStep = false;
  for (const step of template.steps) {
    if (step.optional !== undefined && isSkipConditionMet(step, context)) {
      steps[step.key] = { status: 'skipped', reason: skipConditionReasons[step.optional.skipWhen] };
    } else {
      steps[step.key] = { status: hasOpenStep ? 'pending' : 'open' };
      hasOpenStep = true;
    }
  }
  return { steps };
}

function refuse(
  code: ProcessErrorCode,
  key: TextKey<'errors'>,
  values: Readonly<Record<string, string>> = {},
): ProcessError {
  return { code, key, values, message: translate('en', 'errors', key, values) };
}

const skipOnlyWhen: Record<SkipCondition, TextKey<'errors'>> = {
  'training-not-purchased': 'process.skip_only_when_training_not_purchased',
};

const roleRefusals: Record<ProcessActionType, TextKey<'errors'>> = {
  complete: 'process.role_cannot_complete',
  waive: 'process.role_cannot_waive',
  skip: 'process.role_cannot_skip',
  reopen: 'process.role_cannot_reopen',
};

const reasonRefusals: Record<Exclude<ProcessActionType, 'complete'>, TextKey<'errors'>> = {
  waive: 'process.reason_required_waive',
  skip: 'process.reason_required_skip',
  reopen: 'process.reason_required_reopen',
};

/** The single source of the action rules, shared by allowedActions and applyAction (reasons aside). */
function findRefusal(
  template: ProcessTemplate,
  state: ProcessState,
  facts: Facts,
  context: ProcessContext,
  role: ActorRole,
  action: AllowedAction,
): ProcessError | null {
  const { type, stepKey } = action;
  const stepIndex = template.steps.findIndex((step) => step.key === stepKey);
  const step = template.steps[stepIndex];
  if (step === undefined) return refuse('step_not_found', 'process.no_such_step', { step: stepKey });
  // The type is checked at run time too: actions may arrive from outside the type system.
  if (!Object.hasOwn(rolesAllowedTo, type))
    return refuse('not_allowed', 'process.unknown_action', { action: String(type) });
  if (!rolesAllowedTo[type].includes(role)) {
    return refuse('forbidden_role', roleRefusals[type]);
  }
  const foundIndex = findCurrentStepIndex(template, state);
  const currentIndex = foundIndex === -1 ? template.steps.length : foundIndex;
  const status = getStepStatus(state, stepKey);
  const isCurrentOrUpcoming = stepIndex === currentIndex || (stepIndex > currentIndex && status === 'pending');
  switch (type) {
    case 'complete':
      if (stepIndex !== currentIndex) return refuse('not_allowed', 'process.not_current', { step: step.code });
      if (!step.exitCriteria.every((criterion) => doesCriterionHold(criterion, facts, context))) {
        return refuse('criteria_unmet', 'process.criteria_unmet', { step: step.code });
      }
      return null;
    case 'waive': {
      if (!isCurrentOrUpcoming) return refuse('not_allowed', 'process.not_current_or_upcoming', { step: step.code });
      const unwaivable = step.exitCriteria.find((criterion) => Object.hasOwn(unwaivableCriteria, criterion.key));
      if (unwaivable !== undefined)
        return refuse('not_allowed', unwaivableCriteria[unwaivable.key] ?? 'process.cannot_waive', { step: step.code });
      return null;
    }
    case 'skip':
      if (!isCurrentOrUpcoming) return refuse('not_allowed', 'process.not_current_or_upcoming', { step: step.code });
      if (step.optional === undefined) return refuse('not_allowed', 'process.not_optional', { step: step.code });
      if (!isSkipConditionMet(step, context)) {
        return refuse('not_allowed', skipOnlyWhen[step.optional.skipWhen], { step: step.code });
      }
      return null;
    case 'reopen':
      // Every step before the current one is done, waived or skipped by definition.
      if (stepIndex >= currentIndex) return refuse('not_allowed', 'process.not_behind', { step: step.code });
      return null;
  }
}

/** Lists the actions a role may take now, in template order. */
export function allowedActions(
  template: ProcessTemplate,
  state: ProcessState,
  facts: Facts,
  context: ProcessContext,
  role: ActorRole,
): AllowedAction[] {
  return template.steps.flatMap((step) =>
    actionTypes
      .map((type) => ({ type, stepKey: step.key }))
      .filter((action) => findRefusal(template, state, facts, context, role, action) === null),
  );
}

function cleanReason(reason: unknown): string | null {
  if (typeof reason !== 'string') return null;
  const trimmed = reason.trim();
  return trimmed === '' || trimmed.length > maximumReasonLength ? null : trimmed;
}

/** Copies the state in template order, reading missing entries as pending. */
function copySteps(template: ProcessTemplate, state: ProcessState): Record<string, StepState> {
  return Object.fromEntries(template.steps.map((step) => [step.key, state.steps[step.key] ?? { status: 'pending' }]));
}

/** Finishes a step (done, waived or skipped); when it was current, the next pending step opens. */
function finishStep(
  template: ProcessTemplate,
  state: ProcessState,
  stepKey: string,
  finished: StepState,
): ProcessState {
  const stepIndex = template.steps.findIndex((step) => step.key === stepKey);
  const wasCurrent = stepIndex === findCurrentStepIndex(template, state);
  const steps = copySteps(template, state);
  steps[stepKey] = finished;
  if (wasCurrent) {
    const next = template.steps.slice(stepIndex + 1).find((step) => steps[step.key]?.status === 'pending');
    if (next !== undefined) steps[next.key] = { status: 'open' };
  }
  return { steps };
}

/** Re-opens a step; later done or open steps go back to pending, later waivers and skips stay. */
function reopenStep(template: ProcessTemplate, state: ProcessState, stepKey: string, reason: string): ProcessState {
  const stepIndex = template.steps.findIndex((step) => step.key === stepKey);
  const steps = copySteps(template, state);
  template.steps.forEach((step, index) => {
    const status = steps[step.key]?.status;
    if (index === stepIndex) steps[step.key] = { status: 'open', reason };
    else if (index > stepIndex && (status === 'done' || status === 'open')) steps[step.key] = { status: 'pending' };
  });
  return { steps };
}

/** Applies an action for a role, or explains why it is refused; the input state is never changed. */
export function applyAction(
  template: ProcessTemplate,
  state: ProcessState,
  facts: Facts,
  context: ProcessContext,
  role: ActorRole,
  action: ProcessAction,
): ApplyActionResult {
  const refusal = findRefusal(template, state, facts, context, role, action);
  if (refusal !== null) return { ok: false, error: refusal };
  if (action.type === 'complete') {
    return { ok: true, state: finishStep(template, state, action.stepKey, { status: 'done' }) };
  }
  const reason = cleanReason(action.reason);
  if (reason === null) {
    return {
      ok: false,
      error: refuse('reason_required', reasonRefusals[action.type], { maximum: String(maximumReasonLength) }),
    };
  }
  switch (action.type) {
    case 'waive':
      return { ok: true, state: finishStep(template, state, action.stepKey, { status: 'waived', reason }) };
    case 'skip':
      return { ok: true, state: finishStep(template, state, action.stepKey, { status: 'skipped', reason }) };
    case 'reopen':
      return { ok: true, state: reopenStep(template, state, action.stepKey, reason) };
  }
}

/**
 * Completes, one after the other, the current steps whose exit criteria all hold and are all recorded by Engage
 * itself (an approved purchase order, a recorded payment): nobody has to press "complete" for what Engage already
 * knows. A step with a criterion confirmed by hand, or with no criterion, waits for a person.
 */
export function advanceAutomaticSteps(
  template: ProcessTemplate,
  state: ProcessState,
  facts: Facts,
  context: ProcessContext,
): { state: ProcessState; completed: string[] } {
  let current = state;
  const completed: string[] = [];
  for (;;) {
    const index = findCurrentStepIndex(template, current);
    const step = template.steps[index];
    if (step === undefined || step.exitCriteria.length === 0) break;
    if (step.exitCriteria.some((criterion) => criterion.source === 'manual')) break;
    const result = applyAction(template, current, facts, context, 'manager', { type: 'complete', stepKey: step.key });
    if (!result.ok) break;
    current = result.state;
    completed.push(step.key);
  }
  return { state: current, completed };
}
