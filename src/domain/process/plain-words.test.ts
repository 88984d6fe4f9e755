import { describe, expect, it } from 'vitest';
import { defaultTemplate } from './default-template';
import { evaluateProcess } from './evaluate';
import { plainStepKeys, plainTimeline } from './plain-words';
import { advanceAutomaticSteps, startProcess } from './engine';

describe('the timeline in plain words', () => {
  it('has plain words for every step of the default template', () => {
    const view = evaluateProcess(defaultTemplate, startProcess(defaultTemplate, { trainingPurchased: true, paymentRequired: false }), {}, { trainingPurchased: true, paymentRequired: false });
    const timeline = plainTimeline(view, 'customer');
    expect(timeline.steps).toHaveLength(16);
    expect([...plainStepKeys].sort()).toEqual(defaultTemplate.steps.map((step) => step.key).sort());
  });

  it('says what the current step waits for, whether it waits on the reader, and what comes next', () => {
    const context = { trainingPurchased: false, paymentRequired: false };
    const state = startProcess(defaultTemplate, context);
    const facts = { 'po-approved': true, 'presentation-sent': true, 'engineer-assigned': true, 'contact-email-sent': true };
    // Engage completes E1–E3 itself from these facts, as the services do.
    const advanced = advanceAutomaticSteps(defaultTemplate, state, facts, context).state;
    const view = evaluateProcess(defaultTemplate, advanced, facts, context);
    const timeline = plainTimeline(view, 'customer');
    expect(timeline.now).toMatchObject({ key: 'design-questionnaire', isWaitingOnYou: true });
    expect(timeline.now?.waitingFor.en).toMatch(/questionnaires/);
    expect(timeline.next?.key).toBe('requirements-refining');
    expect(timeline.steps.slice(0, 4).map((step) => step.state)).toEqual(['done', 'done', 'done', 'now']);
    expect(timeline.steps.find((step) => step.key === 'training')?.state).toBe('not-needed');
  });
});
