import type { ProcessTemplate } from './template';

/** The vendor's 16-step engagement and delivery process (DESIGN.md, "The process"). */
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
      title: {
        en: 'Purchase order confirmation',
        it: "Conferma dell'ordine di acquisto",
        de: 'Bestätigung der Bestellung',
      },
      ballWith: ['vendor'],
      exitCriteria: [
        {
          key: 'po-approved',
          label: { en: 'Purchase order approved', it: 'Ordine di acquisto approvato', de: 'Bestellung genehmigt' },
          owner: 'vendor',
          source: 'purchase-order',
        },
        {
          key: 'payment-received',
          label: {
            en: 'Advance payment received',
            it: 'Pagamento anticipato ricevuto',
            de: 'Vorauszahlung eingegangen',
          },
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
      title: { en: 'Service presentation', it: 'Presentazione del servizio', de: 'Servicevorstellung' },
      ballWith: ['vendor'],
      exitCriteria: [
        {
          key: 'presentation-sent',
          label: {
            en: 'Presentation email sent to the customer and/or partner',
            it: 'Email di presentazione inviata al cliente e/o al partner',
            de: 'Vorstellungs-E-Mail an den Kunden und/oder Partner gesendet',
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
      title: {
        en: 'Partner and customer contact',
        it: 'Contatto con il partner e il cliente',
        de: 'Kontakt mit Partner und Kunde',
      },
      ballWith: ['vendor'],
      exitCriteria: [
        {
          key: 'engineer-assigned',
          label: {
            en: 'Engineer of the right competence team assigned',
            it: 'Assegnato un tecnico del team di competenza adeguato',
            de: 'Techniker des zuständigen Kompetenzteams zugewiesen',
          },
          owner: 'vendor',
          source: 'assignment',
        },
        {
          key: 'contact-email-sent',
          label: {
            en: 'Contact email sent to the technical reference',
            it: 'Email di contatto inviata al referente tecnico',
            de: 'Kontakt-E-Mail an den technischen Ansprechpartner gesendet',
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
        de: 'Ausfüllen der Design-Fragebögen',
      },
      ballWith: ['customer', 'partner'],
      exitCriteria: [
        {
          key: 'questionnaires-submitted',
          label: {
            en: 'Every required design questionnaire submitted',
            it: 'Inviati tutti i questionari di progettazione richiesti',
            de: 'Alle erforderlichen Design-Fragebögen abgeschickt',
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
        de: 'Konfigurationsdetails und Abstimmung der Voraussetzungen',
      },
      ballWith: ['vendor', 'customer'],
      exitCriteria: [
        {
          key: 'design-reviewed',
          label: {
            en: 'Design reviewed by the engineer',
            it: 'Progetto esaminato dal tecnico',
            de: 'Design vom Techniker geprüft',
          },
          owner: 'vendor',
          source: 'requirements',
        },
        {
          key: 'constraints-recorded',
          label: {
            en: 'Constraints, limitations and further requirements recorded',
            it: 'Vincoli, limitazioni e ulteriori requisiti registrati',
            de: 'Randbedingungen, Einschränkungen und weitere Voraussetzungen erfasst',
          },
          owner: 'vendor',
          source: 'requirements',
        },
        {
          key: 'requirements-confirmed',
          label: {
            en: 'Requirement list confirmed',
            it: 'Elenco dei requisiti confermato',
            de: 'Liste der Voraussetzungen bestätigt',
          },
          owner: 'customer',
          source: 'requirements',
        },
      ],
    },
    {
      key: 'requirements-fulfilment',
      code: 'E6',
      phase: 'engagement',
      title: {
        en: 'Requirements fulfilment',
        it: 'Soddisfacimento dei requisiti',
        de: 'Erfüllung der Voraussetzungen',
      },
      ballWith: ['customer', 'partner'],
      exitCriteria: [
        {
          key: 'requirements-fulfilled',
          label: {
            en: 'Every requirement fulfilled and verified, or waived with a reason',
            it: 'Ogni requisito soddisfatto e verificato, oppure derogato con una motivazione',
            de: 'Jede Voraussetzung erfüllt und geprüft oder mit Begründung erlassen',
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
      title: { en: 'Activity schedule', it: 'Pianificazione delle attività', de: 'Terminplanung der Tätigkeiten' },
      ballWith: ['vendor', 'customer'],
      exitCriteria: [
        {
          key: 'first-session-confirmed',
          label: {
            en: 'First activity date confirmed by both parties',
            it: 'Data della prima attività confermata da entrambe le parti',
            de: 'Termin der ersten Tätigkeit von beiden Seiten bestätigt',
          },
          owner: 'customer',
          source: 'sessions',
        },
        {
          key: 'invitation-sent',
          label: {
            en: 'Calendar invitation sent',
            it: 'Invito in calendario inviato',
            de: 'Kalendereinladung gesendet',
          },
          owner: 'vendor',
          source: 'mail',
        },
      ],
    },
    {
      key: 'activity-start',
      code: 'E8',
      phase: 'engagement',
      title: { en: 'Start of activities', it: 'Avvio delle attività', de: 'Beginn der Tätigkeiten' },
      ballWith: ['vendor'],
      exitCriteria: [
        {
          key: 'first-session-held',
          label: { en: 'First session held', it: 'Prima sessione svolta', de: 'Erster Termin durchgeführt' },
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
        de: 'Vorbereitung der VMs oder Bereitstellung der OVA',
      },
      ballWith: ['customer', 'partner'],
      exitCriteria: [
        {
          key: 'environment-ready',
          label: {
            en: 'Machines ready: virtual appliance deployed or Windows VMs prepared',
            it: 'Macchine pronte: virtual appliance installata o VM Windows predisposte',
            de: 'Maschinen bereit: Virtual Appliance bereitgestellt oder Windows-VMs vorbereitet',
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
      title: { en: 'Package installation', it: 'Installazione dei pacchetti', de: 'Installation der Pakete' },
      ballWith: ['vendor'],
      exitCriteria: [
        {
          key: 'installation-logged',
          label: { en: 'Installation logged', it: 'Installazione registrata', de: 'Installation erfasst' },
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
        de: 'Konfiguration der Telefonanlage für die Anwendungen',
      },
      ballWith: ['partner'],
      exitCriteria: [
        {
          key: 'uc-configured',
          label: {
            en: 'UC equipment configured according to the guidelines',
            it: 'Apparati UC configurati secondo le linee guida',
            de: 'UC-Geräte gemäß den Richtlinien konfiguriert',
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
      title: {
        en: 'Applications configuration',
        it: 'Configurazione delle applicazioni',
        de: 'Konfiguration der Anwendungen',
      },
      ballWith: ['vendor'],
      exitCriteria: [
        {
          key: 'applications-configured',
          label: {
            en: 'Applications configuration logged against the design',
            it: 'Configurazione delle applicazioni registrata rispetto al progetto',
            de: 'Konfiguration der Anwendungen gegen das Design erfasst',
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
      title: { en: 'User acceptance tests', it: 'Test di accettazione (collaudo)', de: 'Abnahmetests' },
      ballWith: ['vendor', 'customer'],
      exitCriteria: [
        {
          key: 'uat-run',
          label: {
            en: 'UAT checklist run',
            it: 'Checklist di collaudo eseguita',
            de: 'Checkliste der Abnahmetests durchgeführt',
          },
          owner: 'vendor',
          source: 'delivery',
        },
        {
          key: 'uat-signed',
          label: {
            en: 'UAT checklist signed by the customer or partner',
            it: 'Checklist di collaudo firmata dal cliente o dal partner',
            de: 'Abnahmeprotokoll vom Kunden oder Partner unterschrieben',
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
      title: { en: 'Training', it: 'Formazione', de: 'Schulung' },
      ballWith: ['vendor'],
      optional: { skipWhen: 'training-not-purchased' },
      exitCriteria: [
        {
          key: 'training-recorded',
          label: {
            en: 'Purchased training delivered and recorded',
            it: 'Formazione acquistata erogata e registrata',
            de: 'Gekaufte Schulung durchgeführt und erfasst',
          },
          owner: 'vendor',
          source: 'delivery',
        },
        {
          key: 'on-the-job-training-recorded',
          label: {
            en: 'On-the-job training recorded',
            it: 'Affiancamento operativo registrato',
            de: 'Einweisung am Arbeitsplatz erfasst',
          },
          owner: 'vendor',
          source: 'delivery',
        },
      ],
    },
    {
      key: 'activity-report',
      code: 'P7',
      phase: 'performing',
      title: { en: 'Activity report', it: 'Rapporto delle attività', de: 'Tätigkeitsbericht' },
      ballWith: ['vendor', 'customer'],
      exitCriteria: [
        {
          key: 'activity-report-signed',
          label: {
            en: 'Activity report signed by the customer or partner',
            it: 'Rapporto delle attività firmato dal cliente o dal partner',
            de: 'Tätigkeitsbericht vom Kunden oder Partner unterschrieben',
          },
          owner: 'customer',
          source: 'delivery',
        },
        {
          key: 'maintenance-notes-written',
          label: {
            en: 'Internal maintenance notes written',
            it: 'Note interne per la manutenzione redatte',
            de: 'Interne Wartungsnotizen geschrieben',
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
        de: 'Projektabschluss und Übergabe an den Support',
      },
      ballWith: ['vendor'],
      exitCriteria: [
        {
          key: 'project-closed',
          label: { en: 'Project closed', it: 'Progetto chiuso', de: 'Projekt abgeschlossen' },
          owner: 'vendor',
          source: 'delivery',
        },
        {
          key: 'handover-delivered',
          label: {
            en: 'Hand-over package delivered to support',
            it: 'Pacchetto di passaggio di consegne recapitato al supporto',
            de: 'Übergabepaket an den Support übermittelt',
          },
          owner: 'vendor',
          source: 'mail',
        },
      ],
    },
  ],
};
