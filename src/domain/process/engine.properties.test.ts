import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  allowedActions,
  applyAction,
  checkInvariants,
  defaultTemplate,
  evaluateProcess,
  parties,
  startProcess,
} from './index';
import type {
  ActorRole,
  CriterionDefinition,
  Facts,
  ProcessAction,
  ProcessActionType,
  ProcessContext,
  ProcessState,
  StepState,
  StepStatus,
} from './index';

const template = defaultTemplate;
const stepKeys = template.steps.map((step) => step.key);
const criterionKeys = template.steps.flatMap((step) => step.exitCriteria.map((criterion) => criterion.key));
const roles: readonly ActorRole[] = ['admin', 'manager', 'engineer', 'support'];
const actionTypes: readonly ProcessActionType[] = ['complete', 'waive', 'reopen', 'skip'];
const validReason = 'Agreed with the customer';
const runs = { numRuns: 300 };

type StepTarget = { kind: 'current' } | { kind: 'key'; key: string };
/** A criterion of the current step (by position) or any criterion of the template. */
type CriterionTarget = { kind: 'current'; position: number } | { kind: 'key'; key: string };

type Command =
  | { kind: 'act'; role: ActorRole; type: ProcessActionType; target: StepTarget; reason: string }
  | { kind: 'set-fact'; criterion: CriterionTarget; holds: boolean }
  | { kind: 'change-context'; context: ProcessContext };

const contextArbitrary = fc.record({ trainingPurchased: fc.boolean(), paymentRequired: fc.boolean() });

// Mostly true, so that random runs get deep into the process; set-fact commands change them.
const factArbitrary = fc.oneof(
  { arbitrary: fc.constant(true), weight: 9 },
  { arbitrary: fc.constant(false), weight: 1 },
);
const factsArbitrary: fc.Arbitrary<Facts> = fc
  .tuple(...criterionKeys.map(() => factArbitrary))
  .map((values) => Object.fromEntries(criterionKeys.map((key, index) => [key, values[index] === true])));

// Valid reasons come first so that counterexamples shrink towards them.
const reasonArbitrary = fc.oneof(
  fc.constantFrom(validReason, '  New requirement found during configuration  ', ` ${'y'.repeat(2000)} `),
  fc.constantFrom('', ' ', ' \t\n ', 'x'.repeat(2001)),
  fc.string({ maxLength: 12 }),
);

const targetArbitrary: fc.Arbitrary<StepTarget> = fc.oneof(
  { arbitrary: fc.constant({ kind: 'current' as const }), weight: 6 },
  { arbitrary: fc.constantFrom(...stepKeys).map((key) => ({ kind: 'key' as const, key })), weight: 4 },
  { arbitrary: fc.constant({ kind: 'key' as const, key: 'training' }), weight: 2 },
  {
    arbitrary: fc
      .oneof(fc.constantFrom('kick-off', '', '__proto__', 'constructor', 'toString'), fc.string({ maxLength: 8 }))
      .map((key) => ({ kind: 'key' as const, key })),
    weight: 1,
  },
);

const criterionTargetArbitrary: fc.Arbitrary<CriterionTarget> = fc.oneof(
  fc.nat({ max: 2 }).map((position) => ({ kind: 'current' as const, position })),
  fc.constantFrom(...criterionKeys).map((key) => ({ kind: 'key' as const, key })),
);

const commandArbitrary: fc.Arbitrary<Command> = fc.oneof(
  {
    arbitrary: fc.record({
      kind: fc.constant('act' as const),
      role: fc.constantFrom(...roles),
      // Completing is weighted up so that runs travel through the whole process.
      type: fc.oneof(
        { arbitrary: fc.constant('complete' as const), weight: 4 },
        { arbitrary: fc.constantFrom(...actionTypes), weight: 3 },
      ),
      target: targetArbitrary,
      reason: reasonArbitrary,
    }),
    weight: 10,
  },
  {
    arbitrary: fc.record({
      kind: fc.constant('set-fact' as const),
      criterion: criterionTargetArbitrary,
      holds: fc.boolean(),
    }),
    weight: 3,
  },
  { arbitrary: fc.record({ kind: fc.constant('change-context' as const), context: contextArbitrary }), weight: 2 },
);

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null) {
    Object.values(value).forEach(deepFreeze);
    Object.freeze(value);
  }
  return value;
}

function findOpenStepKey(state: ProcessState): string | null {
  return stepKeys.find((key) => state.steps[key]?.status === 'open') ?? null;
}

function setFact(facts: Facts, state: ProcessState, command: Extract<Command, { kind: 'set-fact' }>): Facts {
  const { criterion } = command;
  const currentCriteria = template.steps.find((step) => step.key === findOpenStepKey(state))?.exitCriteria ?? [];
  const key =
    criterion.kind === 'key'
      ? criterion.key
      : currentCriteria[criterion.position % Math.max(currentCriteria.length, 1)]?.key;
  return key === undefined ? facts : { ...facts, [key]: command.holds };
}

function toAction(command: Extract<Command, { kind: 'act' }>, state: ProcessState): ProcessAction {
  const { target } = command;
  const stepKey = target.kind === 'current' ? (findOpenStepKey(state) ?? 'no-current-step') : target.key;
  return command.type === 'complete'
    ? { type: 'complete', stepKey }
    : { type: command.type, stepKey, reason: command.reason };
}

/** The test's own reading of the rules, written apart from the engine. */
function holds(criterion: CriterionDefinition, facts: Facts, context: ProcessContext): boolean {
  return facts[criterion.key] === true || (criterion.key === 'payment-received' && !context.paymentRequired);
}

function isAllowedByRules(
  state: ProcessState,
  facts: Facts,
  context: ProcessContext,
  role: ActorRole,
  type: ProcessActionType,
  stepKey: string,
): boolean {
  const index = stepKeys.indexOf(stepKey);
  const step = template.steps[index];
  if (step === undefined || role === 'support') return false;
  const status = state.steps[stepKey]?.status;
  const openKey = findOpenStepKey(state);
  const openIndex = openKey === null ? stepKeys.length : stepKeys.indexOf(openKey);
  const isManager = role === 'admin' || role === 'manager';
  const isAhead = status === 'open' || status === 'pending';
  switch (type) {
    case 'complete':
      return index === openIndex && step.exitCriteria.every((criterion) => holds(criterion, facts, context));
    case 'waive':
      // The hand-over is never waived: support must receive its package (the project is closed instead).
      return isManager && isAhead && stepKey !== 'handover';
    case 'skip':
      return isManager && isAhead && step.optional !== undefined && !context.trainingPurchased;
    case 'reopen':
      return index < openIndex && (status === 'done' || status === 'waived' || status === 'skipped');
  }
}

function isValidReason(reason: string): boolean {
  const trimmed = reason.trim();
  return trimmed !== '' && trimmed.length <= 2000;
}

// Thousands of checks run per property, so they use a plain assertion rather than expect().
function check(condition: boolean, describeProblem: () => string): void {
  if (!condition) throw new Error(describeProblem());
}

function show(value: unknown): string {
  return JSON.stringify(value);
}

function isSameStepState(actual: StepState | undefined, expected: StepState | undefined): boolean {
  return actual?.status === expected?.status && actual?.reason === expected?.reason;
}

function checkViewAgrees(state: ProcessState, facts: Facts, context: ProcessContext): void {
  const view = evaluateProcess(template, state, facts, context);
  const openKey = findOpenStepKey(state);
  const currentKey = view.currentStep?.key ?? null;
  check(currentKey === openKey, () => `current step ${currentKey} but open step ${openKey}`);
  check(view.isComplete === (openKey === null), () => `isComplete ${view.isComplete} with open step ${openKey}`);
  check(show(view.timeline.map((entry) => entry.key)) === show(stepKeys), () => 'timeline is not in template order');
  const unmet = (template.steps.find((step) => step.key === openKey)?.exitCriteria ?? []).filter(
    (criterion) => !holds(criterion, facts, context),
  );
  const expectedBlockers = unmet.map((criterion) => criterion.key);
  const blockers = view.blockers.map((blocker) => blocker.criterionKey);
  check(show(blockers) === show(expectedBlockers), () => `blockers ${show(blockers)}`);
  const owners = parties.filter((party) => unmet.some((criterion) => criterion.owner === party));
  const expectedWaitingOn = openKey === null ? [] : owners.length === 0 ? ['vendor'] : owners;
  check(show(view.waitingOn) === show(expectedWaitingOn), () => `waiting on ${show(view.waitingOn)}`);
  const isGateUnmet = unmet.some((criterion) => criterion.gate === true);
  const expectedDisplay: Record<StepStatus, string> = {
    done: 'done',
    waived: 'waived',
    skipped: 'skipped',
    pending: 'upcoming',
    open: isGateUnmet ? 'blocked' : 'current',
  };
  for (const entry of view.timeline) {
    const stepState = state.steps[entry.key];
    const expected = expectedDisplay[stepState?.status ?? 'pending'];
    check(entry.display === expected, () => `${entry.key} displayed ${entry.display}, expected ${expected}`);
    check(entry.reason === stepState?.reason, () => `${entry.key} shows reason ${entry.reason}`);
  }
}

/** Checks what changed: the acted step, plus the next step opening or later steps resetting. */
function checkEffects(before: ProcessState, after: ProcessState, action: ProcessAction): void {
  const index = stepKeys.indexOf(action.stepKey);
  const reason = 'reason' in action ? action.reason.trim() : undefined;
  const expectedStatus = { complete: 'done', waive: 'waived', skip: 'skipped', reopen: 'open' } as const;
  const acted = { status: expectedStatus[action.type], reason };
  const describeAction = `${action.type} ${action.stepKey}`;
  check(isSameStepState(after.steps[action.stepKey], acted), () => `${describeAction} gave ${show(after.steps)}`);
  const wasOpen = before.steps[action.stepKey]?.status === 'open';
  const nextPendingKey = stepKeys.slice(index + 1).find((key) => before.steps[key]?.status === 'pending');
  stepKeys.forEach((key, otherIndex) => {
    const previous = before.steps[key];
    let expected = previous;
    const keepsThroughReopen = previous?.status === 'waived' || previous?.status === 'skipped';
    if (action.type === 'reopen' && otherIndex > index && !keepsThroughReopen) {
      expected = { status: 'pending' };
    } else if (action.type !== 'reopen' && wasOpen && key === nextPendingKey) {
      expected = { status: 'open' };
    }
    if (otherIndex !== index) {
      const describeChange = () => `${describeAction} changed ${key}: ${show(after.steps)}`;
      check(isSameStepState(after.steps[key], expected), describeChange);
    }
  });
}

function checkAct(
  state: ProcessState,
  facts: Facts,
  context: ProcessContext,
  command: Extract<Command, { kind: 'act' }>,
): ProcessState {
  const action = toAction(command, state);
  const describeAttempt = `${command.role} ${action.type} ${action.stepKey}`;
  const snapshot = show(state);
  const allowed = allowedActions(template, state, facts, context, command.role);
  const isListed = allowed.some((entry) => entry.type === action.type && entry.stepKey === action.stepKey);
  const isExpected = isAllowedByRules(state, facts, context, command.role, action.type, action.stepKey);
  check(isListed === isExpected, () => `${describeAttempt}: listed ${isListed}, rules say ${isExpected}`);
  const result = applyAction(template, state, facts, context, command.role, action);
  check(show(state) === snapshot, () => 'applyAction changed its input state');
  if (!result.ok) {
    const code = result.error.code;
    check(isListed === (code === 'reason_required'), () => `${describeAttempt} refused: ${code}`);
    check(stepKeys.includes(action.stepKey) || code === 'step_not_found', () => `unknown step refused with ${code}`);
    return state;
  }
  check(isListed, () => `${describeAttempt} accepted but not listed`);
  check(!('reason' in action) || isValidReason(action.reason), () => `accepted reason ${show(action)}`);
  checkEffects(state, result.state, action);
  return result.state;
}

function checkEveryAllowedActionSucceeds(
  state: ProcessState,
  facts: Facts,
  context: ProcessContext,
  role: ActorRole,
): void {
  for (const { type, stepKey } of allowedActions(template, state, facts, context, role)) {
    const action: ProcessAction = type === 'complete' ? { type, stepKey } : { type, stepKey, reason: validReason };
    const result = applyAction(template, state, facts, context, role, action);
    check(result.ok, () => `${role} ${type} ${stepKey} is listed but refused`);
  }
}

function checkInvariantsHold(state: ProcessState): void {
  const problems = checkInvariants(template, state);
  check(problems.length === 0, () => `invalid state ${show(state)}: ${problems.join('; ')}`);
}

interface Scenario {
  readonly context: ProcessContext;
  readonly facts: Facts;
  /** Steps a manager completes first, so that runs also start deep into the process. */
  readonly headStart: number;
  readonly commands: readonly Command[];
}

const scenarioArbitrary: fc.Arbitrary<Scenario> = fc.record({
  context: contextArbitrary,
  facts: factsArbitrary,
  headStart: fc.nat({ max: 16 }),
  commands: fc.array(commandArbitrary, { maxLength: 60, size: 'max' }),
});

const allFacts: Facts = Object.fromEntries(criterionKeys.map((key) => [key, true]));

function completeCurrentStep(state: ProcessState, context: ProcessContext): ProcessState {
  const stepKey = findOpenStepKey(state);
  if (stepKey === null) return state;
  const result = applyAction(template, state, allFacts, context, 'manager', { type: 'complete', stepKey });
  if (!result.ok) throw new Error(`complete ${stepKey} refused: ${result.error.code}`);
  return result.state;
}

/** Plays a scenario; with isChecked, checks every rule after each command. */
function playScenario(scenario: Scenario, isChecked: boolean): { state: ProcessState; context: ProcessContext } {
  let { context, facts } = scenario;
  let state = deepFreeze(startProcess(template, context));
  for (let count = 0; count < scenario.headStart; count += 1) {
    state = deepFreeze(completeCurrentStep(state, context));
  }
  if (isChecked) checkInvariantsHold(state);
  for (const command of scenario.commands) {
    if (command.kind === 'set-fact') facts = deepFreeze(setFact(facts, state, command));
    else if (command.kind === 'change-context') context = command.context;
    else if (isChecked) state = deepFreeze(checkAct(state, facts, context, command));
    else {
      const result = applyAction(template, state, facts, context, command.role, toAction(command, state));
      state = deepFreeze(result.ok ? result.state : state);
    }
    if (!isChecked) continue;
    checkInvariantsHold(state);
    checkViewAgrees(state, facts, context);
    checkEveryAllowedActionSucceeds(state, facts, context, command.kind === 'act' ? command.role : 'manager');
  }
  return { state, context };
}

describe('process engine properties', () => {
  it('keeps every rule through random sequences of actions, roles and reasons', { timeout: 60_000 }, () => {
    fc.assert(
      fc.property(scenarioArbitrary, (scenario) => {
        playScenario(scenario, true);
      }),
      runs,
    );
  });

  it('finishes in at most 16 completions by a manager once every fact holds', { timeout: 60_000 }, () => {
    fc.assert(
      fc.property(scenarioArbitrary, (scenario) => {
        const played = playScenario({ ...scenario, headStart: 0 }, false);
        const { context } = played;
        let { state } = played;
        let completions = 0;
        while (!evaluateProcess(template, state, allFacts, context).isComplete && completions < 16) {
          state = completeCurrentStep(state, context);
          completions += 1;
        }
        expect(evaluateProcess(template, state, allFacts, context).isComplete).toBe(true);
        expect(completions).toBeLessThanOrEqual(16);
      }),
      runs,
    );
  });
});
