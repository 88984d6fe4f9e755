import { translate, type TextKey } from '../text/i18n';
import { inEveryLanguage } from '../text/languages';
import type { ProcessTemplate } from './template';

/** A step's title or a criterion's label, in every language, from the resources (src/domain/text/locales/<language>/process.json). */
function stepText(key: TextKey<'process'>) {
  return inEveryLanguage((language) => translate(language, 'process', key));
}

/** The vendor's 16-step engagement and delivery process (docs/flows/process.md says how Engage runs it). */
export const defaultTemplate: ProcessTemplate = {
  key: 'default',
  // 2: E2's and E3's criteria are recorded by Engage (email sent, engineer assigned) instead of confirmed by hand.
  // 3: E4–E6's criteria are recorded by Engage (questionnaires submitted, design reviewed, requirements verified).
  // 4: E7's and E8's criteria are recorded by Engage (a session confirmed, its invitation sent, a session held).
  // 5: P1–P8's criteria are recorded by Engage (checklists, installation and configuration records, UAT and report
  //    signatures, training records, maintenance notes, the hand-over package and its email).
  // 6: every title and label in German too.
  version: 6,
  steps: [
    {
      key: 'po-confirmation',
      code: 'E1',
      phase: 'engagement',
      title: stepText('steps.po-confirmation.title'),
      ballWith: ['vendor'],
      exitCriteria: [
        {
          key: 'po-approved',
          label: stepText('steps.po-confirmation.criteria.po-approved'),
          owner: 'vendor',
          source: 'purchase-order',
        },
        {
          key: 'payment-received',
          label: stepText('steps.po-confirmation.criteria.payment-received'),
          owner: 'partner',
          gate: true,
          source: 'payment',
        },
      ],
    },
    {
      key: 'service-presentation',
      code: 'E2',
      phase: 'engagement',
      title: stepText('steps.service-presentation.title'),
      ballWith: ['vendor'],
      exitCriteria: [
        {
          key: 'presentation-sent',
          label: stepText('steps.service-presentation.criteria.presentation-sent'),
          owner: 'vendor',
          source: 'mail',
        },
      ],
    },
    {
      key: 'engineer-contact',
      code: 'E3',
      phase: 'engagement',
      title: stepText('steps.engineer-contact.title'),
      ballWith: ['vendor'],
      exitCriteria: [
        {
          key: 'engineer-assigned',
          label: stepText('steps.engineer-contact.criteria.engineer-assigned'),
          owner: 'vendor',
          source: 'assignment',
        },
        {
          key: 'contact-email-sent',
          label: stepText('steps.engineer-contact.criteria.contact-email-sent'),
          owner: 'vendor',
          source: 'mail',
        },
      ],
    },
    {
      key: 'design-questionnaire',
      code: 'E4',
      phase: 'engagement',
      title: stepText('steps.design-questionnaire.title'),
      ballWith: ['customer', 'partner'],
      exitCriteria: [
        {
          key: 'questionnaires-submitted',
          label: stepText('steps.design-questionnaire.criteria.questionnaires-submitted'),
          owner: 'customer',
          source: 'questionnaire',
        },
      ],
    },
    {
      key: 'requirements-refining',
      code: 'E5',
      phase: 'engagement',
      title: stepText('steps.requirements-refining.title'),
      ballWith: ['vendor', 'customer'],
      exitCriteria: [
        {
          key: 'design-reviewed',
          label: stepText('steps.requirements-refining.criteria.design-reviewed'),
          owner: 'vendor',
          source: 'requirements',
        },
        {
          key: 'constraints-recorded',
          label: stepText('steps.requirements-refining.criteria.constraints-recorded'),
          owner: 'vendor',
          source: 'requirements',
        },
        {
          key: 'requirements-confirmed',
          label: stepText('steps.requirements-refining.criteria.requirements-confirmed'),
          owner: 'customer',
          source: 'requirements',
        },
      ],
    },
    {
      key: 'requirements-fulfilment',
      code: 'E6',
      phase: 'engagement',
      title: stepText('steps.requirements-fulfilment.title'),
      ballWith: ['customer', 'partner'],
      exitCriteria: [
        {
          key: 'requirements-fulfilled',
          label: stepText('steps.requirements-fulfilment.criteria.requirements-fulfilled'),
          owner: 'customer',
          source: 'requirements',
        },
      ],
    },
    {
      key: 'activity-schedule',
      code: 'E7',
      phase: 'engagement',
      title: stepText('steps.activity-schedule.title'),
      ballWith: ['vendor', 'customer'],
      exitCriteria: [
        {
          key: 'first-session-confirmed',
          label: stepText('steps.activity-schedule.criteria.first-session-confirmed'),
          owner: 'customer',
          source: 'sessions',
        },
        {
          key: 'invitation-sent',
          label: stepText('steps.activity-schedule.criteria.invitation-sent'),
          owner: 'vendor',
          source: 'mail',
        },
      ],
    },
    {
      key: 'activity-start',
      code: 'E8',
      phase: 'engagement',
      title: stepText('steps.activity-start.title'),
      ballWith: ['vendor'],
      exitCriteria: [
        {
          key: 'first-session-held',
          label: stepText('steps.activity-start.criteria.first-session-held'),
          owner: 'vendor',
          source: 'sessions',
        },
      ],
    },
    {
      key: 'environment',
      code: 'P1',
      phase: 'performing',
      title: stepText('steps.environment.title'),
      ballWith: ['customer', 'partner'],
      exitCriteria: [
        {
          key: 'environment-ready',
          label: stepText('steps.environment.criteria.environment-ready'),
          owner: 'partner',
          source: 'delivery',
        },
      ],
    },
    {
      key: 'installation',
      code: 'P2',
      phase: 'performing',
      title: stepText('steps.installation.title'),
      ballWith: ['vendor'],
      exitCriteria: [
        {
          key: 'installation-logged',
          label: stepText('steps.installation.criteria.installation-logged'),
          owner: 'vendor',
          source: 'delivery',
        },
      ],
    },
    {
      key: 'pbx-configuration',
      code: 'P3',
      phase: 'performing',
      title: stepText('steps.pbx-configuration.title'),
      ballWith: ['partner'],
      exitCriteria: [
        {
          key: 'uc-configured',
          label: stepText('steps.pbx-configuration.criteria.uc-configured'),
          owner: 'partner',
          source: 'delivery',
        },
      ],
    },
    {
      key: 'application-configuration',
      code: 'P4',
      phase: 'performing',
      title: stepText('steps.application-configuration.title'),
      ballWith: ['vendor'],
      exitCriteria: [
        {
          key: 'applications-configured',
          label: stepText('steps.application-configuration.criteria.applications-configured'),
          owner: 'vendor',
          source: 'delivery',
        },
      ],
    },
    {
      key: 'user-acceptance-tests',
      code: 'P5',
      phase: 'performing',
      title: stepText('steps.user-acceptance-tests.title'),
      ballWith: ['vendor', 'customer'],
      exitCriteria: [
        {
          key: 'uat-run',
          label: stepText('steps.user-acceptance-tests.criteria.uat-run'),
          owner: 'vendor',
          source: 'delivery',
        },
        {
          key: 'uat-signed',
          label: stepText('steps.user-acceptance-tests.criteria.uat-signed'),
          owner: 'customer',
          source: 'delivery',
        },
      ],
    },
    {
      key: 'training',
      code: 'P6',
      phase: 'performing',
      title: stepText('steps.training.title'),
      ballWith: ['vendor'],
      optional: { skipWhen: 'training-not-purchased' },
      exitCriteria: [
        {
          key: 'training-recorded',
          label: stepText('steps.training.criteria.training-recorded'),
          owner: 'vendor',
          source: 'delivery',
        },
        {
          key: 'on-the-job-training-recorded',
          label: stepText('steps.training.criteria.on-the-job-training-recorded'),
          owner: 'vendor',
          source: 'delivery',
        },
      ],
    },
    {
      key: 'activity-report',
      code: 'P7',
      phase: 'performing',
      title: stepText('steps.activity-report.title'),
      ballWith: ['vendor', 'customer'],
      exitCriteria: [
        {
          key: 'activity-report-signed',
          label: stepText('steps.activity-report.criteria.activity-report-signed'),
          owner: 'customer',
          source: 'delivery',
        },
        {
          key: 'maintenance-notes-written',
          label: stepText('steps.activity-report.criteria.maintenance-notes-written'),
          owner: 'vendor',
          source: 'delivery',
        },
      ],
    },
    {
      key: 'handover',
      code: 'P8',
      phase: 'performing',
      title: stepText('steps.handover.title'),
      ballWith: ['vendor'],
      exitCriteria: [
        {
          key: 'project-closed',
          label: stepText('steps.handover.criteria.project-closed'),
          owner: 'vendor',
          source: 'delivery',
        },
        {
          key: 'handover-delivered',
          label: stepText('steps.handover.criteria.handover-delivered'),
          owner: 'vendor',
          source: 'mail',
        },
      ],
    },
  ],
};
