import { describe, expect, it } from 'vitest';
import { defaultTemplate, validateTemplate } from './index';
import type { ProcessTemplate } from './index';

/** A deep, mutable copy of the default template to break in one place per test. */
function copyDefaultTemplate(): { key: unknown; version: unknown; steps: Array<Record<string, unknown>> } {
  return structuredClone(defaultTemplate) as never;
}

function criteriaOf(template: ProcessTemplate) {
  return template.steps.flatMap((step) => step.exitCriteria);
}

describe('defaultTemplate', () => {
  it('is valid', () => {
    expect(validateTemplate(defaultTemplate)).toEqual([]);
  });

  it('lists the 16 steps of the design in order', () => {
    expect(defaultTemplate.key).toBe('default');
    expect(defaultTemplate.version).toBe(6);
    expect(defaultTemplate.steps.map((step) => `${step.code} ${step.key}`)).toEqual([
      'E1 po-confirmation',
      'E2 service-presentation',
      'E3 engineer-contact',
      'E4 design-questionnaire',
      'E5 requirements-refining',
      'E6 requirements-fulfilment',
      'E7 activity-schedule',
      'E8 activity-start',
      'P1 environment',
      'P2 installation',
      'P3 pbx-configuration',
      'P4 application-configuration',
      'P5 user-acceptance-tests',
      'P6 training',
      'P7 activity-report',
      'P8 handover',
    ]);
  });

  it('puts E steps in the engagement phase and P steps in the performing phase', () => {
    for (const step of defaultTemplate.steps) {
      expect(step.phase).toBe(step.code.startsWith('E') ? 'engagement' : 'performing');
    }
  });

  it('makes only training optional, skipped when not purchased', () => {
    const optionalSteps = defaultTemplate.steps.filter((step) => step.optional !== undefined);
    expect(optionalSteps.map((step) => [step.key, step.optional?.skipWhen])).toEqual([
      ['training', 'training-not-purchased'],
    ]);
  });

  it('makes only payment-received a gate, owned by the partner and fed by payments', () => {
    const gates = criteriaOf(defaultTemplate).filter((criterion) => criterion.gate === true);
    expect(gates.map((criterion) => [criterion.key, criterion.owner, criterion.source])).toEqual([
      ['payment-received', 'partner', 'payment'],
    ]);
  });

  it('records every criterion itself, none confirmed by hand', () => {
    const criteria = criteriaOf(defaultTemplate);
    const sources = Object.fromEntries(criteria.map((criterion) => [criterion.key, criterion.source]));
    expect(sources).toMatchObject({
      'po-approved': 'purchase-order',
      'payment-received': 'payment',
      'presentation-sent': 'mail',
      'engineer-assigned': 'assignment',
      'contact-email-sent': 'mail',
      'questionnaires-submitted': 'questionnaire',
      'design-reviewed': 'requirements',
      'constraints-recorded': 'requirements',
      'requirements-confirmed': 'requirements',
      'requirements-fulfilled': 'requirements',
      'first-session-confirmed': 'sessions',
      'invitation-sent': 'mail',
      'first-session-held': 'sessions',
      'environment-ready': 'delivery',
      'installation-logged': 'delivery',
      'uc-configured': 'delivery',
      'applications-configured': 'delivery',
      'uat-run': 'delivery',
      'uat-signed': 'delivery',
      'training-recorded': 'delivery',
      'on-the-job-training-recorded': 'delivery',
      'activity-report-signed': 'delivery',
      'maintenance-notes-written': 'delivery',
      'project-closed': 'delivery',
      'handover-delivered': 'mail',
    });
    expect(Object.entries(sources).filter(([, source]) => source === 'manual')).toEqual([]);
  });

  it('names the criteria the rest of the app records', () => {
    const keys = criteriaOf(defaultTemplate).map((criterion) => criterion.key);
    expect(keys).toEqual(
      expect.arrayContaining([
        'po-approved',
        'payment-received',
        'presentation-sent',
        'engineer-assigned',
        'contact-email-sent',
        'questionnaires-submitted',
        'design-reviewed',
        'requirements-confirmed',
        'requirements-fulfilled',
        'first-session-confirmed',
        'first-session-held',
        'environment-ready',
        'installation-logged',
        'uc-configured',
        'applications-configured',
        'uat-signed',
        'training-recorded',
        'activity-report-signed',
        'maintenance-notes-written',
        'handover-delivered',
      ]),
    );
  });

  it('has different English and Italian texts for every title', () => {
    for (const step of defaultTemplate.steps) {
      expect(step.title.it, step.key).not.toBe(step.title.en);
    }
  });
});

describe('validateTemplate', () => {
  it('rejects what is not a template', () => {
    expect(validateTemplate(null)).toEqual(['template must be an object']);
    expect(validateTemplate([])).toEqual(['template must be an object']);
    expect(validateTemplate({ key: 'x', version: 1, steps: [] })).toEqual([
      'template.steps must list at least one step',
    ]);
  });

  it('reports a missing key and a bad version', () => {
    const template = copyDefaultTemplate();
    template.key = '';
    template.version = 1.5;
    expect(validateTemplate(template)).toEqual([
      'template.key must be a non-empty text',
      'template.version must be a positive integer',
    ]);
  });

  it('reports duplicate step keys and codes', () => {
    const template = copyDefaultTemplate();
    template.steps[1] = { ...template.steps[1], key: 'po-confirmation', code: 'E1' };
    const problems = validateTemplate(template);
    expect(problems).toContain('steps[1] (po-confirmation).key "po-confirmation" is a duplicate');
    expect(problems).toContain('steps[1] (po-confirmation).code "E1" is a duplicate');
  });

  it('reports a criterion key used twice across steps', () => {
    const template = copyDefaultTemplate();
    const criteria = template.steps[15]?.exitCriteria as Array<Record<string, unknown>>;
    criteria[0] = { ...criteria[0], key: 'po-approved' };
    expect(validateTemplate(template)).toEqual([
      'steps[15] (handover).exitCriteria[0].key "po-approved" is a duplicate',
    ]);
  });

  it('reports a step without exit criteria', () => {
    const template = copyDefaultTemplate();
    template.steps[2] = { ...template.steps[2], exitCriteria: [] };
    expect(validateTemplate(template)).toEqual(['steps[2] (engineer-contact) has no exit criteria']);
  });

  it('reports unknown parties, phases, sources and skip conditions', () => {
    const template = copyDefaultTemplate();
    const criterion = (template.steps[0]?.exitCriteria as Array<Record<string, unknown>>)[0];
    Object.assign(criterion ?? {}, { owner: 'reseller', source: 'guess', gate: 'yes' });
    Object.assign(template.steps[3] ?? {}, { ballWith: ['customer', 'auditor'], phase: 'closing' });
    Object.assign(template.steps[4] ?? {}, { ballWith: [], optional: { skipWhen: 'always' } });
    expect(validateTemplate(template)).toEqual([
      'steps[0] (po-confirmation).exitCriteria[0].owner is an unknown party: "reseller"',
      'steps[0] (po-confirmation).exitCriteria[0].gate must be true or false when present',
      'steps[0] (po-confirmation).exitCriteria[0].source is unknown: "guess"',
      'steps[3] (design-questionnaire).phase is unknown: "closing"',
      'steps[3] (design-questionnaire).ballWith has an unknown party: "auditor"',
      'steps[4] (requirements-refining).ballWith must list at least one party',
      'steps[4] (requirements-refining).optional.skipWhen must be one of: training-not-purchased',
    ]);
  });

  it('reports keys that are not kebab-case and missing translations', () => {
    const template = copyDefaultTemplate();
    Object.assign(template.steps[5] ?? {}, { key: 'Requirements Fulfilment', title: { en: 'Requirements' } });
    expect(validateTemplate(template)).toEqual([
      'steps[5] (Requirements Fulfilment).key must be a kebab-case text, got "Requirements Fulfilment"',
      'steps[5] (Requirements Fulfilment).title.it must be a non-empty text',
    ]);
  });

  it('reports a step that is not an object', () => {
    const template = copyDefaultTemplate();
    (template.steps as unknown[])[7] = 'activity-start';
    expect(validateTemplate(template)).toEqual(['steps[7] must be an object']);
  });
});
