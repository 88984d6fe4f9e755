import type { ProcessTemplate } from './template';

/** The vendor's 16-step engagement and delivery process (DESIGN.md, "The process"). */
export const defaultTemplate: ProcessTemplate = {
  key: 'default',
  // 2: E2's and E3's criteria are recorded by Engage (email sent, engineer assigned) instead of confirmed by hand.
  // 3: E4–E6's criteria are recorded by Engage (questionnaires submitted, design reviewed, requirements verified).
  // 4: E7's and E8's criteria are recorded by Engage (a session confirmed, its invitation sent, a session held).
  // 5: P1–P8's criteria are recorded by Engage (checklists, installation and configuration records, UAT and report
  //    signatures, training records, maintenance notes, the hand-over package and its email).
  version: 5,
  steps: [
    {
      key: 'po-confirmation',
      code: 'E1',
      phase: 'engagement',
      title: { en: 'Purchase order confirmation', it: "Conferma dell'ordine di acquisto" },
      ballWith: ['vendor'],
      exitCriteria: [
        {
          key: 'po-approved',
          label: { en: 'Purchase order approved', it: 'Ordine di acquisto approvato' },
          owner: 'vendor',
          source: 'purchase-order',
        },
        {
          key: 'payment-received',
          label: { en: 'Advance payment received', it: 'Pagamento anticipato ricevuto' },
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
      title: { en: 'Service presentation', it: 'Presentazione del servizio' },
      ballWith: ['vendor'],
      exitCriteria: [
        {
          key: 'presentation-sent',
          label: {
            en: 'Presentation email sent to the customer and/or partner',
            it: 'Email di presentazione inviata al cliente e/o al partner',
          },
          owner: 'vendor',
          source: 'mail',
        },
      ],
    },
    {
      key: 'engineer-contact',
      code: 'E3',
      phase: 'engagement',
      title: { en: 'Partner and customer contact', it: 'Contatto con il partner e il cliente' },
      ballWith: ['vendor'],
      exitCriteria: [
        {
          key: 'engineer-assigned',
          label: {
            en: 'Engineer of the right competence team assigned',
            it: 'Assegnato un tecnico del team di competenza adeguato',
          },
          owner: 'vendor',
          source: 'assignment',
        },
        {
          key: 'contact-email-sent',
          label: {
            en: 'Contact email sent to the technical reference',
            it: 'Email di contatto inviata al referente tecnico',
          },
          owner: 'vendor',
          source: 'mail',
        },
      ],
    },
    {
      key: 'design-questionnaire',
      code: 'E4',
      phase: 'engagement',
      title: {
        en: 'Design questionnaire completion',
        it: 'Compilazione del questionario di progettazione',
      },
      ballWith: ['customer', 'partner'],
      exitCriteria: [
        {
          key: 'questionnaires-submitted',
          label: {
            en: 'Every required design questionnaire submitted',
            it: 'Inviati tutti i questionari di progettazione richiesti',
          },
          owner: 'customer',
          source: 'questionnaire',
        },
      ],
    },
    {
      key: 'requirements-refining',
      code: 'E5',
      phase: 'engagement',
      title: {
        en: 'Configuration details and requirements refining',
        it: 'Definizione dei dettagli di configurazione e dei requisiti',
      },
      ballWith: ['vendor', 'customer'],
      exitCriteria: [
        {
          key: 'design-reviewed',
          label: { en: 'Design reviewed by the engineer', it: 'Progetto esaminato dal tecnico' },
          owner: 'vendor',
          source: 'requirements',
        },
        {
          key: 'constraints-recorded',
          label: {
            en: 'Constraints, limitations and further requirements recorded',
            it: 'Vincoli, limitazioni e ulteriori requisiti registrati',
          },
          owner: 'vendor',
          source: 'requirements',
        },
        {
          key: 'requirements-confirmed',
          label: { en: 'Requirement list confirmed', it: 'Elenco dei requisiti confermato' },
          owner: 'customer',
          source: 'requirements',
        },
      ],
    },
    {
      key: 'requirements-fulfilment',
      code: 'E6',
      phase: 'engagement',
      title: { en: 'Requirements fulfilment', it: 'Soddisfacimento dei requisiti' },
      ballWith: ['customer', 'partner'],
      exitCriteria: [
        {
          key: 'requirements-fulfilled',
          label: {
            en: 'Every requirement fulfilled and verified, or waived with a reason',
            it: 'Ogni requisito soddisfatto e verificato, oppure derogato con una motivazione',
          },
          owner: 'customer',
          source: 'requirements',
        },
      ],
    },
    {
      key: 'activity-schedule',
      code: 'E7',
      phase: 'engagement',
      title: { en: 'Activity schedule', it: 'Pianificazione delle attività' },
      ballWith: ['vendor', 'customer'],
      exitCriteria: [
        {
          key: 'first-session-confirmed',
          label: {
            en: 'First activity date confirmed by both parties',
            it: 'Data della prima attività confermata da entrambe le parti',
          },
          owner: 'customer',
          source: 'sessions',
        },
        {
          key: 'invitation-sent',
          label: { en: 'Calendar invitation sent', it: 'Invito in calendario inviato' },
          owner: 'vendor',
          source: 'mail',
        },
      ],
    },
    {
      key: 'activity-start',
      code: 'E8',
      phase: 'engagement',
      title: { en: 'Start of activities', it: 'Avvio delle attività' },
      ballWith: ['vendor'],
      exitCriteria: [
        {
          key: 'first-session-held',
          label: { en: 'First session held', it: 'Prima sessione svolta' },
          owner: 'vendor',
          source: 'sessions',
        },
      ],
    },
    {
      key: 'environment',
      code: 'P1',
      phase: 'performing',
      title: {
        en: 'VM preparation or OVA deployment',
        it: "Preparazione delle macchine virtuali o installazione dell'OVA",
      },
      ballWith: ['customer', 'partner'],
      exitCriteria: [
        {
          key: 'environment-ready',
          label: {
            en: 'Machines ready: virtual appliance deployed or Windows VMs prepared',
            it: 'Macchine pronte: virtual appliance installata o VM Windows predisposte',
          },
          owner: 'partner',
          source: 'delivery',
        },
      ],
    },
    {
      key: 'installation',
      code: 'P2',
      phase: 'performing',
      title: { en: 'Package installation', it: 'Installazione dei pacchetti' },
      ballWith: ['vendor'],
      exitCriteria: [
        {
          key: 'installation-logged',
          label: { en: 'Installation logged', it: 'Installazione registrata' },
          owner: 'vendor',
          source: 'delivery',
        },
      ],
    },
    {
      key: 'pbx-configuration',
      code: 'P3',
      phase: 'performing',
      title: {
        en: 'PBX and applications configuration',
        it: 'Configurazione del centralino e delle applicazioni',
      },
      ballWith: ['partner'],
      exitCriteria: [
        {
          key: 'uc-configured',
          label: {
            en: 'UC equipment configured according to the guidelines',
            it: 'Apparati UC configurati secondo le linee guida',
          },
          owner: 'partner',
          source: 'delivery',
        },
      ],
    },
    {
      key: 'application-configuration',
      code: 'P4',
      phase: 'performing',
      title: { en: 'Applications configuration', it: 'Configurazione delle applicazioni' },
      ballWith: ['vendor'],
      exitCriteria: [
        {
          key: 'applications-configured',
          label: {
            en: 'Applications configuration logged against the design',
            it: 'Configurazione delle applicazioni registrata rispetto al progetto',
          },
          owner: 'vendor',
          source: 'delivery',
        },
      ],
    },
    {
      key: 'user-acceptance-tests',
      code: 'P5',
      phase: 'performing',
      title: { en: 'User acceptance tests', it: 'Test di accettazione (collaudo)' },
      ballWith: ['vendor', 'customer'],
      exitCriteria: [
        {
          key: 'uat-run',
          label: { en: 'UAT checklist run', it: 'Checklist di collaudo eseguita' },
          owner: 'vendor',
          source: 'delivery',
        },
        {
          key: 'uat-signed',
          label: {
            en: 'UAT checklist signed by the customer or partner',
            it: 'Checklist di collaudo firmata dal cliente o dal partner',
          },
          owner: 'customer',
          source: 'delivery',
        },
      ],
    },
    {
      key: 'training',
      code: 'P6',
      phase: 'performing',
      title: { en: 'Training', it: 'Formazione' },
      ballWith: ['vendor'],
      optional: { skipWhen: 'training-not-purchased' },
      exitCriteria: [
        {
          key: 'training-recorded',
          label: {
            en: 'Purchased training delivered and recorded',
            it: 'Formazione acquistata erogata e registrata',
          },
          owner: 'vendor',
          source: 'delivery',
        },
        {
          key: 'on-the-job-training-recorded',
          label: { en: 'On-the-job training recorded', it: 'Affiancamento operativo registrato' },
          owner: 'vendor',
          source: 'delivery',
        },
      ],
    },
    {
      key: 'activity-report',
      code: 'P7',
      phase: 'performing',
      title: { en: 'Activity report', it: 'Rapporto delle attività' },
      ballWith: ['vendor', 'customer'],
      exitCriteria: [
        {
          key: 'activity-report-signed',
          label: {
            en: 'Activity report signed by the customer or partner',
            it: 'Rapporto delle attività firmato dal cliente o dal partner',
          },
          owner: 'customer',
          source: 'delivery',
        },
        {
          key: 'maintenance-notes-written',
          label: {
            en: 'Internal maintenance notes written',
            it: 'Note interne per la manutenzione redatte',
          },
          owner: 'vendor',
          source: 'delivery',
        },
      ],
    },
    {
      key: 'handover',
      code: 'P8',
      phase: 'performing',
      title: {
        en: 'Project completion and support hand-over',
        it: 'Chiusura del progetto e passaggio al supporto',
      },
      ballWith: ['vendor'],
      exitCriteria: [
        {
          key: 'project-closed',
          label: { en: 'Project closed', it: 'Progetto chiuso' },
          owner: 'vendor',
          source: 'delivery',
        },
        {
          key: 'handover-delivered',
          label: {
            en: 'Hand-over package delivered to support',
            it: 'Pacchetto di passaggio di consegne recapitato al supporto',
          },
          owner: 'vendor',
          source: 'mail',
        },
      ],
    },
  ],
};
