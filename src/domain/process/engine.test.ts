import { describe, expect, it } from 'vitest';
import { allowedActions, applyAction, checkInvariants, defaultTemplate, evaluateProcess, startProcess } from './index';
import type { ActorRole, Facts, ProcessAction, ProcessContext, ProcessState } from './index';

const template = defaultTemplate;
const criterionKeys = template.steps.flatMap((step) => step.exitCriteria.map((criterion) => criterion.key));
const allFacts: Facts = Object.fromEntries(criterionKeys.map((key) => [key, true]));
const prepaid: ProcessContext = { trainingPurchased: true, paymentRequired: true };
const withoutTraining: ProcessContext = { trainingPurchased: false, paymentRequired: false };

function factsWithout(...missing: string[]): Facts {
  return Object.fromEntries(criterionKeys.map((key) => [key, !missing.includes(key)]));
}

/** Applies actions that must all succeed, returning the final state. */
function run(
  state: ProcessState,
  actions: ProcessAction[],
  options: { facts?: Facts; context?: ProcessContext; role?: ActorRole } = {},
): ProcessState {
  const { facts = allFacts, context = prepaid, role = 'manager' } = options;
  return actions.reduce((current, action) => {
    const result = applyAction(template, current, facts, context, role, action);
    if (!result.ok) throw new Error(`${action.type} ${action.stepKey}: ${result.error.code}`);
    expect(checkInvariants(template, result.state)).toEqual([]);
    return result.state;
  }, state);
}

function complete(...stepKeys: string[]): ProcessAction[] {
  return stepKeys.map((stepKey) => ({ type: 'complete', stepKey }));
}

function statuses(state: ProcessState): Record<string, string> {
  return Object.fromEntries(Object.entries(state.steps).map(([key, step]) => [key, step.status]));
}

const stepKeys = template.steps.map((step) => step.key);

describe('startProcess', () => {
  it('opens the first step and leaves the rest pending', () => {
    const state = startProcess(template, prepaid);
    expect(state.steps['po-confirmation']).toEqual({ status: 'open' });
    expect(stepKeys.slice(1).every((key) => state.steps[key]?.status === 'pending')).toBe(true);
    expect(checkInvariants(template, state)).toEqual([]);
  });

  it('skips training when it was not purchased', () => {
    const state = startProcess(template, withoutTraining);
    expect(state.steps.training).toEqual({ status: 'skipped', reason: 'training not purchased' });
    expect(evaluateProcess(template, state, {}, withoutTraining).timeline[13]?.display).toBe('skipped');
    expect(checkInvariants(template, state)).toEqual([]);
  });
});

describe('evaluateProcess', () => {
  it('shows E1 blocked on the partner while a required payment is missing', () => {
    const facts = factsWithout('payment-received');
    const view = evaluateProcess(template, startProcess(template, prepaid), facts, prepaid);
    expect(view.currentStep?.key).toBe('po-confirmation');
    expect(view.currentStep?.display).toBe('blocked');
    expect(view.waitingOn).toEqual(['partner']);
    expect(view.blockers).toEqual([
      {
        criterionKey: 'payment-received',
        label: { en: 'Advance payment received', it: 'Pagamento anticipato ricevuto', de: 'Vorauszahlung eingegangen' },
        owner: 'partner',
        isGate: true,
      },
    ]);
  });

  it('counts the payment as received when the terms do not require it', () => {
    const context = { ...prepaid, paymentRequired: false };
    const view = evaluateProcess(template, startProcess(template, context), factsWithout('payment-received'), context);
    expect(view.currentStep?.display).toBe('current');
    expect(view.blockers).toEqual([]);
    expect(view.waitingOn).toEqual(['vendor']);
    expect(view.currentStep?.criteria.every((criterion) => criterion.holds)).toBe(true);
  });

  it('shows work in progress as current, not blocked', () => {
    const view = evaluateProcess(template, startProcess(template, prepaid), factsWithout('po-approved'), prepaid);
    expect(view.currentStep?.display).toBe('current');
    expect(view.blockers.map((blocker) => [blocker.criterionKey, blocker.isGate])).toEqual([['po-approved', false]]);
  });

  it('waits on each owner of an unmet criterion once, in party order', () => {
    const state = run(startProcess(template, prepaid), complete(...stepKeys.slice(0, 4)));
    const facts = factsWithout('requirements-confirmed', 'design-reviewed', 'constraints-recorded');
    const view = evaluateProcess(template, state, facts, prepaid);
    expect(view.currentStep?.code).toBe('E5');
    expect(view.waitingOn).toEqual(['vendor', 'customer']);
  });

  it('shows done, waived with its reason, current and upcoming steps', () => {
    const state = run(startProcess(template, prepaid), [
      ...complete('po-confirmation'),
      { type: 'waive', stepKey: 'service-presentation', reason: 'Presented at the kick-off call' },
    ]);
    const timeline = evaluateProcess(template, state, {}, prepaid).timeline;
    expect(timeline.slice(0, 4).map((entry) => [entry.key, entry.display, entry.reason])).toEqual([
      ['po-confirmation', 'done', undefined],
      ['service-presentation', 'waived', 'Presented at the kick-off call'],
      ['engineer-contact', 'current', undefined],
      ['design-questionnaire', 'upcoming', undefined],
    ]);
  });
});

describe('completing a step', () => {
  it('is refused while an exit criterion does not hold', () => {
    const state = startProcess(template, prepaid);
    const result = applyAction(template, state, factsWithout('payment-received'), prepaid, 'engineer', {
      type: 'complete',
      stepKey: 'po-confirmation',
    });
    expect(result).toMatchObject({ ok: false, error: { code: 'criteria_unmet' } });
  });

  it('is refused for a step that is not current, for support, and for unknown steps', () => {
    const state = startProcess(template, prepaid);
    const attempt = (role: ActorRole, stepKey: string) =>
      applyAction(template, state, allFacts, prepaid, role, { type: 'complete', stepKey });
    expect(attempt('manager', 'service-presentation')).toMatchObject({ error: { code: 'not_allowed' } });
    expect(attempt('support', 'po-confirmation')).toMatchObject({ error: { code: 'forbidden_role' } });
    expect(attempt('manager', 'kick-off')).toMatchObject({ error: { code: 'step_not_found' } });
  });

  it('refuses an action type it does not know, as sent by a client outside the type system', () => {
    const action = { type: 'approve', stepKey: 'po-confirmation' } as unknown as ProcessAction;
    const result = applyAction(template, startProcess(template, prepaid), allFacts, prepaid, 'admin', action);
    expect(result).toMatchObject({ ok: false, error: { code: 'not_allowed' } });
  });

  it('marks the step done and opens the next one', () => {
    const state = run(startProcess(template, prepaid), complete('po-confirmation'), { role: 'engineer' });
    expect(state.steps['po-confirmation']).toEqual({ status: 'done' });
    expect(state.steps['service-presentation']).toEqual({ status: 'open' });
  });

  it('moves past skipped training from the acceptance tests to the activity report', () => {
    const state = run(startProcess(template, withoutTraining), complete(...stepKeys.slice(0, 13)), {
      context: withoutTraining,
    });
    expect(statuses(state)).toMatchObject({
      'user-acceptance-tests': 'done',
      training: 'skipped',
      'activity-report': 'open',
    });
  });

  it('finishes the process after the last step', () => {
    const stepsToComplete = stepKeys.filter((key) => key !== 'training');
    const state = run(startProcess(template, withoutTraining), complete(...stepsToComplete), {
      context: withoutTraining,
    });
    const view = evaluateProcess(template, state, allFacts, withoutTraining);
    expect(view.isComplete).toBe(true);
    expect(view.currentStep).toBeNull();
    expect(view.waitingOn).toEqual([]);
    expect(view.blockers).toEqual([]);
    expect(allowedActions(template, state, allFacts, withoutTraining, 'manager')).toEqual(
      stepKeys.map((stepKey) => ({ type: 'reopen', stepKey })),
    );
  });
});

describe('waiving a step', () => {
  const state = startProcess(template, prepaid);
  const waive = (role: ActorRole, reason: string, stepKey = 'po-confirmation') =>
    applyAction(template, state, {}, prepaid, role, { type: 'waive', stepKey, reason });

  it('is refused to engineers and support', () => {
    expect(waive('engineer', 'Paid by wire')).toMatchObject({ ok: false, error: { code: 'forbidden_role' } });
    expect(waive('support', 'Paid by wire')).toMatchObject({ ok: false, error: { code: 'forbidden_role' } });
  });

  it('needs a reason of at most 2000 characters', () => {
    expect(waive('manager', '')).toMatchObject({ ok: false, error: { code: 'reason_required' } });
    expect(waive('manager', ' \n\t ')).toMatchObject({ ok: false, error: { code: 'reason_required' } });
    expect(waive('admin', 'x'.repeat(2001))).toMatchObject({ ok: false, error: { code: 'reason_required' } });
    expect(waive('admin', 'x'.repeat(2000)).ok).toBe(true);
  });

  it('records the trimmed reason and opens the next step', () => {
    const result = waive('manager', '  Payment guaranteed by the distributor  ');
    if (!result.ok) throw new Error(result.error.code);
    expect(result.state.steps['po-confirmation']).toEqual({
      status: 'waived',
      reason: 'Payment guaranteed by the distributor',
    });
    expect(result.state.steps['service-presentation']).toEqual({ status: 'open' });
  });

  it('can waive an upcoming step, which is then passed over', () => {
    const waived = run(state, [{ type: 'waive', stepKey: 'service-presentation', reason: 'Existing customer' }]);
    expect(statuses(waived)).toMatchObject({ 'po-confirmation': 'open', 'service-presentation': 'waived' });
    const advanced = run(waived, complete('po-confirmation'));
    expect(statuses(advanced)).toMatchObject({ 'service-presentation': 'waived', 'engineer-contact': 'open' });
  });

  it('never waives the hand-over, so a project cannot complete without support receiving its package', () => {
    const atHandover = run(
      state,
      stepKeys
        .filter((key) => key !== 'handover')
        .map((stepKey) => ({ type: 'waive' as const, stepKey, reason: 'Done on paper' })),
    );
    expect(evaluateProcess(template, atHandover, {}, prepaid).currentStep?.key).toBe('handover');
    const result = waive('admin', 'Support knows already', 'handover');
    expect(result).toMatchObject({
      ok: false,
      error: {
        code: 'not_allowed',
        message: expect.stringMatching(
          /cannot be waived: support must receive the hand-over package\. Close the project/,
        ),
      },
    });
    expect(
      applyAction(template, atHandover, {}, prepaid, 'manager', { type: 'waive', stepKey: 'handover', reason: 'x' }).ok,
    ).toBe(false);
  });

  it('cannot waive a step that is already behind', () => {
    const advanced = run(state, complete('po-confirmation'));
    const result = applyAction(template, advanced, {}, prepaid, 'manager', {
      type: 'waive',
      stepKey: 'po-confirmation',
      reason: 'Too late',
    });
    expect(result).toMatchObject({ ok: false, error: { code: 'not_allowed' } });
  });
});

describe('skipping a step', () => {
  const skipTraining = { type: 'skip', stepKey: 'training', reason: 'Customer cancelled the course' } as const;

  it('is refused when training was purchased, or for a step that is not optional', () => {
    const state = startProcess(template, prepaid);
    expect(applyAction(template, state, {}, prepaid, 'manager', skipTraining)).toMatchObject({
      error: { code: 'not_allowed' },
    });
    const skipInstallation = { ...skipTraining, stepKey: 'installation' };
    expect(applyAction(template, state, {}, withoutTraining, 'manager', skipInstallation)).toMatchObject({
      error: { code: 'not_allowed' },
    });
  });

  it('is allowed to a manager when training is not purchased and the step is still ahead', () => {
    const state = startProcess(template, prepaid);
    expect(applyAction(template, state, {}, withoutTraining, 'engineer', skipTraining)).toMatchObject({
      error: { code: 'forbidden_role' },
    });
    const skipped = run(state, [skipTraining], { context: withoutTraining });
    expect(skipped.steps.training).toEqual({ status: 'skipped', reason: 'Customer cancelled the course' });
  });
});

describe('re-opening a step', () => {
  const throughConfiguration = run(startProcess(template, prepaid), [
    ...complete(...stepKeys.slice(0, 5)),
    { type: 'waive', stepKey: 'requirements-fulfilment', reason: 'Requirements checked on site' },
    ...complete(...stepKeys.slice(6, 10)),
  ]);

  it('opens the step with its reason, resets later done steps and keeps waivers', () => {
    const state = run(
      throughConfiguration,
      [{ type: 'reopen', stepKey: 'requirements-refining', reason: 'New requirement found during configuration' }],
      { role: 'engineer' },
    );
    expect(state.steps['requirements-refining']).toEqual({
      status: 'open',
      reason: 'New requirement found during configuration',
    });
    expect(state.steps['requirements-fulfilment']).toEqual({
      status: 'waived',
      reason: 'Requirements checked on site',
    });
    expect(stepKeys.slice(0, 4).map((key) => state.steps[key]?.status)).toEqual(['done', 'done', 'done', 'done']);
    expect(stepKeys.slice(6).every((key) => state.steps[key]?.status === 'pending')).toBe(true);
    expect(evaluateProcess(template, state, allFacts, prepaid).currentStep?.reason).toBe(
      'New requirement found during configuration',
    );
  });

  it('is refused for the current and upcoming steps, to support, and without a reason', () => {
    const attempt = (role: ActorRole, stepKey: string, reason = 'Requirement changed') =>
      applyAction(template, throughConfiguration, allFacts, prepaid, role, { type: 'reopen', stepKey, reason });
    expect(attempt('manager', 'pbx-configuration')).toMatchObject({ error: { code: 'not_allowed' } });
    expect(attempt('manager', 'handover')).toMatchObject({ error: { code: 'not_allowed' } });
    expect(attempt('support', 'installation')).toMatchObject({ error: { code: 'forbidden_role' } });
    expect(attempt('engineer', 'installation', '   ')).toMatchObject({ error: { code: 'reason_required' } });
  });
});

describe('allowedActions', () => {
  it('gives support nothing', () => {
    const state = startProcess(template, withoutTraining);
    expect(allowedActions(template, state, allFacts, withoutTraining, 'support')).toEqual([]);
  });

  it('lets an engineer complete the current step only', () => {
    const state = run(startProcess(template, prepaid), complete('po-confirmation'));
    expect(allowedActions(template, state, allFacts, prepaid, 'engineer')).toEqual([
      { type: 'reopen', stepKey: 'po-confirmation' },
      { type: 'complete', stepKey: 'service-presentation' },
    ]);
  });

  it('lets a manager waive the current and upcoming steps but the hand-over, and skip training', () => {
    const state = startProcess(template, prepaid);
    const actions = allowedActions(template, state, {}, withoutTraining, 'manager');
    expect(actions.filter((action) => action.type === 'waive').map((action) => action.stepKey)).toEqual(
      stepKeys.filter((key) => key !== 'handover'),
    );
    expect(actions.filter((action) => action.type !== 'waive')).toEqual([{ type: 'skip', stepKey: 'training' }]);
  });
});

describe('checkInvariants', () => {
  it('reports missing, extra and misplaced steps', () => {
    const steps = Object.entries(startProcess(template, prepaid).steps).filter(([key]) => key !== 'po-confirmation');
    const broken: ProcessState = { steps: { ...Object.fromEntries(steps), extra: { status: 'open' } } };
    expect(checkInvariants(template, broken)).toEqual([
      'step "extra" is not in template "default"',
      'step "po-confirmation" is missing',
    ]);
  });

  it('reports a done step after an open one, a second open step and missing reasons', () => {
    const state = startProcess(template, prepaid);
    const broken: ProcessState = {
      steps: {
        ...state.steps,
        'engineer-contact': { status: 'done' },
        'design-questionnaire': { status: 'open' },
        'requirements-refining': { status: 'waived', reason: ' ' },
        installation: { status: 'skipped', reason: 'No software' },
      },
    };
    expect(checkInvariants(template, broken)).toEqual([
      'step "engineer-contact" is done after an unfinished step',
      'step "design-questionnaire" is open but is not the current step',
      'step "requirements-refining" is waived without a reason',
      'step "installation" is skipped but is not optional',
    ]);
  });

  it('reports an unknown status', () => {
    const state = startProcess(template, prepaid);
    const broken = { steps: { ...state.steps, training: { status: 'cancelled' } } } as unknown as ProcessState;
    expect(checkInvariants(template, broken)).toEqual(['step "training" has an unknown status "cancelled"']);
  });
});
