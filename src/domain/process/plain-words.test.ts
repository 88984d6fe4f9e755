import { describe, expect, it } from 'vitest';
import { defaultTemplate } from './default-template';
import { evaluateProcess } from './evaluate';
import { plainStepKeys, plainTimeline, turnByParty } from './plain-words';
import { advanceAutomaticSteps, applyAction, startProcess } from './engine';

describe('the timeline in plain words', () => {
  it('has plain words for every step of the default template', () => {
    const view = evaluateProcess(
      defaultTemplate,
      startProcess(defaultTemplate, { trainingPurchased: true, paymentRequired: false }),
      {},
      { trainingPurchased: true, paymentRequired: false },
    );
    const timeline = plainTimeline(view, turnByParty(view, 'customer'));
    expect(timeline.steps).toHaveLength(16);
    expect([...plainStepKeys].sort()).toEqual(defaultTemplate.steps.map((step) => step.key).sort());
  });

  it('says what the current step waits for, whether it waits on the reader, and what comes next', () => {
    const context = { trainingPurchased: false, paymentRequired: false };
    const state = startProcess(defaultTemplate, context);
    const facts = {
      'po-approved': true,
      'presentation-sent': true,
      'engineer-assigned': true,
      'contact-email-sent': true,
    };
    // Engage completes E1–E3 itself from these facts, as the services do.
    const advanced = advanceAutomaticSteps(defaultTemplate, state, facts, context).state;
    const view = evaluateProcess(defaultTemplate, advanced, facts, context);
    const timeline = plainTimeline(view, turnByParty(view, 'customer'));
    expect(timeline.now).toMatchObject({ key: 'design-questionnaire', isWaitingOnYou: true });
    expect(timeline.now?.waitingFor.en).toBe('We need the design questionnaires filled in and submitted.');
    expect(timeline.next?.key).toBe('requirements-refining');
    expect(timeline.steps.slice(0, 4).map((step) => step.state)).toEqual(['done', 'done', 'done', 'now']);
  });

  it('tells a reader whose turn it is not what is under way, never what is asked of someone else', () => {
    const context = { trainingPurchased: true, paymentRequired: false };
    const facts = {
      'po-approved': true,
      'presentation-sent': true,
      'engineer-assigned': true,
      'contact-email-sent': true,
    };
    const view = evaluateProcess(
      defaultTemplate,
      advanceAutomaticSteps(defaultTemplate, startProcess(defaultTemplate, context), facts, context).state,
      facts,
      context,
    );
    const asked = plainTimeline(view, { isWaitingOnYou: true, waitingOn: ['partner'] });
    const notAsked = plainTimeline(view, { isWaitingOnYou: false, waitingOn: ['partner'] });
    expect(asked.now).toMatchObject({ isWaitingOnYou: true, waitingOn: ['partner'] });
    expect(notAsked.now).toMatchObject({ isWaitingOnYou: false, waitingOn: ['partner'] });
    expect(notAsked.now?.waitingFor).toEqual({
      en: 'The design questionnaires are being filled in and submitted.',
      it: 'I questionari di progettazione sono in corso di compilazione.',
      de: 'Die Design-Fragebögen werden ausgefüllt und abgeschickt.',
    });
    expect(notAsked.now?.waitingFor.en).not.toMatch(/we need/i);
  });

  it('never shows a waived or skipped step as done: a waiver and a manager’s skip are skipped, an unpurchased training not needed', () => {
    const withoutTraining = { trainingPurchased: false, paymentRequired: false };
    const started = startProcess(defaultTemplate, withoutTraining);
    const waived = applyAction(defaultTemplate, started, {}, withoutTraining, 'manager', {
      type: 'waive',
      stepKey: 'po-confirmation',
      reason: 'Order confirmed by phone, paperwork to follow',
    });
    if (!waived.ok) throw new Error(waived.error.message);
    const view = evaluateProcess(defaultTemplate, waived.state, {}, withoutTraining);
    const steps = plainTimeline(view, turnByParty(view, 'customer')).steps;
    expect(steps.find((step) => step.key === 'po-confirmation')).toEqual({
      key: 'po-confirmation',
      title: { en: 'Order confirmed', it: 'Ordine confermato', de: 'Bestellung bestätigt' },
      state: 'skipped',
    });
    expect(steps.find((step) => step.key === 'training')).toMatchObject({
      state: 'not-needed',
      notNeededBecause: 'training-not-purchased',
    });
    // The manager's words are for the vendor's staff: nothing of them reaches the reader.
    expect(JSON.stringify(steps)).not.toContain('paperwork');

    // Training bought, then found not needed: a manager may skip it only when its condition holds, in their own words.
    const bought = { trainingPurchased: true, paymentRequired: false };
    const skipped = applyAction(
      defaultTemplate,
      startProcess(defaultTemplate, bought),
      {},
      withoutTraining,
      'manager',
      { type: 'skip', stepKey: 'training', reason: 'Customer cancelled the training line' },
    );
    if (!skipped.ok) throw new Error(skipped.error.message);
    const afterSkip = evaluateProcess(defaultTemplate, skipped.state, {}, withoutTraining);
    expect(
      plainTimeline(afterSkip, turnByParty(afterSkip, 'customer')).steps.find((step) => step.key === 'training'),
    ).toMatchObject({ state: 'skipped' });
  });
});
