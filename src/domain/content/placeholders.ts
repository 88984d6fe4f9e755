/**
 * The placeholders each email template may use, as a tree of names. Code fills these
 * values when it drafts an email; a template that names anything else is refused, so an
 * admin's typo is caught when the template is saved, not when a customer reads "Dear ,".
 */
import type { LocalizedContentText } from './content.schemas';

export const emailTemplateKeys = [
  'service-presentation',
  'engineer-contact',
  'portal-link',
  'questionnaire-reminder',
  'requirements-reminder',
  'session-proposal',
  'session-invitation',
  'session-cancellation',
  'session-reminder',
  'session-slots-requested',
  'signature-request',
  'signed-document',
  'handover-package',
  'password-reset',
  'staff-invitation',
] as const;
export type EmailTemplateKey = (typeof emailTemplateKeys)[number];

/** A single text, written as `{{name}}`. */
export interface ValuePlaceholder {
  readonly kind: 'value';
  readonly description: LocalizedContentText;
  readonly example: string;
}

/** A group of names, written as `{{group.name}}`. */
export interface ObjectPlaceholder {
  readonly kind: 'object';
  readonly description: LocalizedContentText;
  readonly children: PlaceholderSpec;
}

/** A list of texts, written as `{{#name}}{{.}}{{/name}}`. */
export interface TextListPlaceholder {
  readonly kind: 'text-list';
  readonly description: LocalizedContentText;
  readonly example: readonly string[];
}

/** A list of items, written as `{{#name}}…{{/name}}`; inside, the item's names come first. */
export interface ListPlaceholder {
  readonly kind: 'list';
  readonly description: LocalizedContentText;
  readonly item: PlaceholderSpec;
  readonly example: readonly PlaceholderValues[];
}

export type PlaceholderNode = ValuePlaceholder | ObjectPlaceholder | TextListPlaceholder | ListPlaceholder;
export type PlaceholderSpec = Readonly<Record<string, PlaceholderNode>>;

/** Values handed to a template: texts, groups of values, lists of texts or of groups. */
export interface PlaceholderValues {
  readonly [name: string]: string | readonly string[] | PlaceholderValues | readonly PlaceholderValues[];
}

function value(en: string, it: string, example: string): ValuePlaceholder {
  return { kind: 'value', description: { en, it }, example };
}

function group(en: string, it: string, children: PlaceholderSpec): ObjectPlaceholder {
  return { kind: 'object', description: { en, it }, children };
}

function textList(en: string, it: string, example: readonly string[]): TextListPlaceholder {
  return { kind: 'text-list', description: { en, it }, example };
}

const recipient = group('The person the email is addressed to', 'La persona a cui è indirizzata l’email', {
  name: value('Full name of the recipient', 'Nome e cognome del destinatario', 'Laura Bianchi'),
});

const project = group('The project', 'Il progetto', {
  reference: value('Project reference code', 'Codice di riferimento del progetto', 'AS-2025-0142'),
  name: value('Project name', 'Nome del progetto', 'Call recording for the Milan contact centre'),
});

const customer = group('The end customer', 'Il cliente finale', {
  name: value('Customer company name', 'Ragione sociale del cliente', 'Ferretti Logistica S.p.A.'),
});

const vendor = group('The vendor running the service', 'Il vendor che eroga il servizio', {
  name: value('Vendor company name', 'Ragione sociale del vendor', 'Engage UC Software'),
});

const engineer = group('The engineer assigned to the project', 'Il tecnico assegnato al progetto', {
  name: value('Engineer full name', 'Nome e cognome del tecnico', 'Giulia Conti'),
  email: value('Engineer email address', 'Indirizzo email del tecnico', 'giulia.conti@example.com'),
  phone: value('Engineer phone number', 'Numero di telefono del tecnico', '+39 02 4000 1234'),
});

const portalLink = value(
  'Personal link to the project portal; it works once, then the browser stays signed in',
  'Link personale al portale di progetto; funziona una sola volta, poi il browser resta collegato',
  'https://engage.example.com/portal/sign-in/3kq8Zt1vN0xPa7Lw',
);

const portalLinkExpiresDate = value(
  'Date the personal link stops working, already formatted in the reader’s language',
  'Data in cui il link personale smette di funzionare, già formattata nella lingua del lettore',
  '21 March 2025',
);

const presentationApplications: ListPlaceholder = {
  kind: 'list',
  description: {
    en: 'The applications in scope of the purchase order',
    it: "Le applicazioni comprese nell'ordine di acquisto",
  },
  item: {
    name: value('Application name', "Nome dell'applicazione", 'Call Recording'),
    summary: value(
      'One-paragraph summary of the service for the application',
      "Sintesi in un paragrafo del servizio per l'applicazione",
      'Installation and configuration of call recording for up to 50 users.',
    ),
  },
  example: [
    { name: 'Call Recording', summary: 'Installation and configuration of call recording for up to 50 users.' },
    { name: 'Call Analytics', summary: 'Installation of call analytics with one site and its tariff plan.' },
  ],
};

/** At most one item: a project asks its project questionnaire once, first (projects in flight when it came do not). */
const engineerContactProjectQuestionnaire: ListPlaceholder = {
  kind: 'list',
  description: {
    en: 'The project questionnaire, asked once for the whole project before the applications’ (empty when the project does not ask it)',
    it: 'Il questionario del progetto, posto una sola volta prima di quelli delle applicazioni (vuoto se il progetto non lo prevede)',
  },
  item: {
    title: value(
      'Title of the project questionnaire',
      'Titolo del questionario del progetto',
      'Project design questionnaire',
    ),
    link: value(
      'Link to fill in the project questionnaire',
      'Link per compilare il questionario del progetto',
      'https://engage.example.com/portal/q/2b81d4',
    ),
  },
  example: [{ title: 'Project design questionnaire', link: 'https://engage.example.com/portal/q/2b81d4' }],
};

const engineerContactApplications: ListPlaceholder = {
  kind: 'list',
  description: {
    en: 'The applications in scope, each with its service description and questionnaire',
    it: 'Le applicazioni comprese, ciascuna con la descrizione del servizio e il questionario',
  },
  item: {
    name: value('Application name', "Nome dell'applicazione", 'Call Recording'),
    summary: value('Service summary', 'Sintesi del servizio', 'Installation and configuration of call recording.'),
    included: textList('What the service includes', 'Cosa comprende il servizio', [
      'Installation on one server',
      'Recording rules for up to 50 users',
    ]),
    excluded: textList('What the service excludes', 'Cosa non comprende il servizio', [
      'Configuration of the customer’s network devices',
    ]),
    customerResponsibilities: textList('What the customer provides', 'Cosa deve fornire il cliente', [
      'A Windows Server 2022 virtual machine',
      'Administrative access to Cisco CUCM',
    ]),
    questionnaireTitle: value(
      'Title of the design questionnaire',
      'Titolo del questionario di progettazione',
      'Call Recording design questionnaire',
    ),
    questionnaireLink: value(
      'Link to fill in the design questionnaire',
      'Link per compilare il questionario di progettazione',
      'https://engage.example.com/portal/q/7f3c9a',
    ),
  },
  example: [
    {
      name: 'Call Recording',
      summary: 'Installation and configuration of call recording for up to 50 users.',
      included: ['Installation on one server', 'Recording rules for up to 50 users'],
      excluded: ['Configuration of the customer’s network devices'],
      customerResponsibilities: ['A Windows Server 2022 virtual machine', 'Administrative access to Cisco CUCM'],
      questionnaireTitle: 'Call Recording design questionnaire',
      questionnaireLink: 'https://engage.example.com/portal/q/7f3c9a',
    },
    {
      name: 'Digital Fax',
      summary: 'Installation of digital fax with one SIP fax line and email delivery.',
      included: ['Fax-to-email and email-to-fax for up to 20 users'],
      excluded: ['Analogue fax machines'],
      customerResponsibilities: ['An SMTP relay that accepts mail from the fax server'],
      questionnaireTitle: 'Digital Fax design questionnaire',
      questionnaireLink: 'https://engage.example.com/portal/q/b21e44',
    },
  ],
};

const portalProjects: ListPlaceholder = {
  kind: 'list',
  description: {
    en: 'The projects of the contact that the portal shows; may hold a single project',
    it: 'I progetti del contatto visibili nel portale; può contenere un solo progetto',
  },
  item: {
    reference: value('Project reference code', 'Codice di riferimento del progetto', 'AS-2025-0142'),
    name: value('Project name', 'Nome del progetto', 'Call recording for the Milan contact centre'),
  },
  example: [
    { reference: 'AS-2025-0142', name: 'Call recording for the Milan contact centre' },
    { reference: 'AS-2025-0187', name: 'Digital fax for the Verona warehouse' },
  ],
};

const overdueQuestionnaires: ListPlaceholder = {
  kind: 'list',
  description: {
    en: 'The design questionnaires past their due date and not yet submitted',
    it: 'I questionari di progettazione scaduti e non ancora inviati',
  },
  item: {
    title: value('Questionnaire title', 'Titolo del questionario', 'Call Recording design questionnaire'),
    applicationName: value(
      'Name of the application it belongs to',
      "Nome dell'applicazione a cui si riferisce",
      'Call Recording',
    ),
    dueDate: value(
      'Date the questionnaire was due, already formatted in the reader’s language',
      'Data entro cui era previsto il questionario, già formattata nella lingua del lettore',
      '14 March 2025',
    ),
  },
  example: [
    { title: 'Call Recording design questionnaire', applicationName: 'Call Recording', dueDate: '14 March 2025' },
    { title: 'Digital Fax design questionnaire', applicationName: 'Digital Fax', dueDate: '14 March 2025' },
  ],
};

const openRequirements: ListPlaceholder = {
  kind: 'list',
  description: {
    en: 'The requirements not yet fulfilled and verified',
    it: 'I requisiti non ancora soddisfatti e verificati',
  },
  item: {
    title: value('Requirement title', 'Titolo del requisito', 'Windows Server 2022 virtual machine for Call Recording'),
    category: value(
      'Requirement category, in the reader’s language',
      'Categoria del requisito, nella lingua del lettore',
      'Servers',
    ),
    state: value(
      'State of the requirement, in the reader’s language (such as "open" or "sent back")',
      'Stato del requisito, nella lingua del lettore (ad esempio "aperto" o "restituito con osservazioni")',
      'sent back',
    ),
  },
  example: [
    { title: 'Windows Server 2022 virtual machine for Call Recording', category: 'Servers', state: 'sent back' },
    { title: 'Firewall ports 5060–5061 open towards Cisco CUCM', category: 'Network', state: 'open' },
    { title: 'SQL Server login for the recording database', category: 'SQL Server', state: 'open' },
  ],
};

const sessionTitle = value('Title of the session', 'Titolo della sessione', 'Call Recording installation');

const sessionDate = value(
  'Day of the session, already formatted in the reader’s language and the customer’s time zone',
  'Giorno della sessione, già formattato nella lingua del lettore e nel fuso orario del cliente',
  'Tuesday 1 December 2026',
);

const sessionTime = value(
  'Start and end time of the session, in the customer’s time zone',
  'Ora di inizio e di fine della sessione, nel fuso orario del cliente',
  '09:00–11:00',
);

const sessionTimeZone = value(
  'The customer’s time zone the times are given in',
  'Il fuso orario del cliente in cui sono indicati gli orari',
  'Europe/Rome',
);

const sessionDuration = value(
  'Length of the session, already formatted in the reader’s language',
  'Durata della sessione, già formattata nella lingua del lettore',
  '2 hours',
);

const sessionMode = value(
  'How the session is held, in the reader’s language: remote or on site',
  'Come si svolge la sessione, nella lingua del lettore: da remoto o presso la sede',
  'remote',
);

const sessionLocation = value(
  'The meeting link (remote) or the address (on site); may be empty',
  'Il link alla riunione (da remoto) o l’indirizzo (presso la sede); può essere vuoto',
  'https://meet.example.com/j/88410273',
);

const proposedSession = group('The session the dates are proposed for', 'La sessione per cui sono proposte le date', {
  title: sessionTitle,
  duration: sessionDuration,
  mode: sessionMode,
  location: sessionLocation,
});

const proposedSlots: ListPlaceholder = {
  kind: 'list',
  description: {
    en: 'The proposed dates, up to three, in the customer’s time zone',
    it: 'Le date proposte, fino a tre, nel fuso orario del cliente',
  },
  item: {
    date: value(
      'Day, already formatted in the reader’s language',
      'Giorno, già formattato nella lingua del lettore',
      'Tuesday 1 December 2026',
    ),
    time: value('Start and end time', 'Ora di inizio e di fine', '09:00–11:00'),
    timeZone: value('Time zone of the times', 'Fuso orario degli orari', 'Europe/Rome'),
  },
  example: [
    { date: 'Tuesday 1 December 2026', time: '09:00–11:00', timeZone: 'Europe/Rome' },
    { date: 'Thursday 3 December 2026', time: '14:00–16:00', timeZone: 'Europe/Rome' },
    { date: 'Monday 7 December 2026', time: '10:00–12:00', timeZone: 'Europe/Rome' },
  ],
};

const scheduledSession = group('The scheduled session', 'La sessione pianificata', {
  title: sessionTitle,
  date: sessionDate,
  time: sessionTime,
  timeZone: sessionTimeZone,
  duration: sessionDuration,
  mode: sessionMode,
  location: sessionLocation,
});

const staffProjectLink = value(
  'Address of the project page in Engage, for the staff',
  'Indirizzo della pagina del progetto in Engage, per il personale',
  'https://engage.example.com/projects/0b7e4c1a-2f3d-4e5f-8a9b-1c2d3e4f5a6b',
);

const documentTitle = value(
  'Title of the document, in the reader’s language',
  'Titolo del documento, nella lingua del lettore',
  'User acceptance tests',
);

const staffRecipient = group(
  'The member of staff the email is addressed to',
  'Il membro del personale a cui è indirizzata l’email',
  {
    name: value('Full name of the recipient', 'Nome e cognome del destinatario', 'Giulia Conti'),
    email: value(
      'Email address the recipient signs in to Engage with',
      'Indirizzo email con cui il destinatario accede a Engage',
      'giulia.conti@example.com',
    ),
  },
);

const passwordLink = value(
  'Personal link to choose a password; it works once, and only the recipient ever sees it',
  'Link personale per scegliere una password; funziona una sola volta e lo vede solo il destinatario',
  'https://engage.example.com/set-password#3kq8Zt1vN0xPa7Lw',
);

const loginLink = value(
  'Address of the Engage sign-in page',
  'Indirizzo della pagina di accesso di Engage',
  'https://engage.example.com/login',
);

const documentVersion = value(
  'Version number of the document, as a text',
  'Numero di versione del documento, come testo',
  '2',
);

/** The placeholder tree of each email template. */
export const placeholderSpecs: Readonly<Record<EmailTemplateKey, PlaceholderSpec>> = {
  'service-presentation': {
    recipient,
    project,
    customer,
    partner: group('The reseller, when there is one', 'Il rivenditore, se presente', {
      name: value(
        'Partner company name; empty when the customer bought directly',
        'Ragione sociale del partner; vuoto se il cliente ha acquistato direttamente',
        'Nordest Telecomunicazioni S.r.l.',
      ),
    }),
    manager: group('The vendor manager sending the email', 'Il responsabile del vendor che invia l’email', {
      name: value('Manager full name', 'Nome e cognome del responsabile', 'Marco Rossi'),
      email: value('Manager email address', 'Indirizzo email del responsabile', 'marco.rossi@example.com'),
    }),
    vendor,
    applications: presentationApplications,
  },
  'engineer-contact': {
    recipient,
    project,
    customer,
    engineer,
    vendor,
    questionnairesDueDate: value(
      'Date by which the questionnaires should be returned, already formatted',
      'Data entro cui restituire i questionari, già formattata',
      '14 March 2025',
    ),
    projectQuestionnaire: engineerContactProjectQuestionnaire,
    applications: engineerContactApplications,
  },
  'portal-link': {
    recipient,
    vendor,
    link: portalLink,
    expiresDate: portalLinkExpiresDate,
    projects: portalProjects,
  },
  'questionnaire-reminder': {
    recipient,
    project,
    customer,
    vendor,
    engineer,
    link: portalLink,
    expiresDate: portalLinkExpiresDate,
    questionnaires: overdueQuestionnaires,
  },
  'requirements-reminder': {
    recipient,
    project,
    customer,
    vendor,
    engineer,
    link: portalLink,
    expiresDate: portalLinkExpiresDate,
    requirements: openRequirements,
    openCount: value(
      'Number of requirements not yet fulfilled and verified, as a text',
      'Numero dei requisiti non ancora soddisfatti e verificati, come testo',
      '3',
    ),
  },
  'session-proposal': {
    recipient,
    project,
    customer,
    vendor,
    engineer,
    link: portalLink,
    expiresDate: portalLinkExpiresDate,
    session: proposedSession,
    slots: proposedSlots,
  },
  'session-invitation': {
    recipient,
    project,
    customer,
    vendor,
    engineer,
    session: group('The scheduled session', 'La sessione pianificata', {
      ...scheduledSession.children,
      isUpdate: value(
        '"yes" when the invitation replaces an earlier one because the date or the place changed; empty for a new session',
        '"yes" quando l’invito sostituisce uno precedente perché sono cambiati la data o il luogo; vuoto per una nuova sessione',
        'yes',
      ),
    }),
    reason: value(
      'Why the session moved, as written by who moved it; may be empty (and is for a new session)',
      'Il motivo dello spostamento, come scritto da chi ha spostato la sessione; può essere vuoto (e lo è per una nuova sessione)',
      'The customer’s network team is only available in the afternoon.',
    ),
  },
  'session-cancellation': {
    recipient,
    project,
    customer,
    vendor,
    engineer,
    session: group('The cancelled session', 'La sessione annullata', {
      title: sessionTitle,
      date: sessionDate,
      time: sessionTime,
      timeZone: sessionTimeZone,
    }),
    reason: value(
      'Why the session was cancelled, as written by who cancelled it; may be empty',
      'Il motivo dell’annullamento, come scritto da chi ha annullato; può essere vuoto',
      'The virtual machine for the recording server is not ready yet.',
    ),
  },
  'session-reminder': {
    recipient,
    project,
    customer,
    vendor,
    engineer,
    session: scheduledSession,
  },
  'session-slots-requested': {
    recipient,
    project,
    customer,
    vendor,
    contact: group(
      'The customer or partner contact who asked for other dates',
      'Il contatto del cliente o del partner che ha chiesto altre date',
      {
        name: value('Contact full name', 'Nome e cognome del contatto', 'Paolo Ferretti'),
        email: value('Contact email address', 'Indirizzo email del contatto', 'paolo.ferretti@example.com'),
      },
    ),
    note: value(
      'What the contact wrote with the request, such as the days that suit them; may be empty',
      'Quanto scritto dal contatto con la richiesta, ad esempio i giorni a lui comodi; può essere vuoto',
      'Any morning in the week of 14 December works for us.',
    ),
    link: staffProjectLink,
  },
  'signature-request': {
    recipient,
    project,
    customer,
    vendor,
    engineer,
    document: group('The document to review and sign', 'Il documento da verificare e firmare', {
      title: documentTitle,
      version: documentVersion,
    }),
    link: portalLink,
    expiresDate: portalLinkExpiresDate,
  },
  'signed-document': {
    recipient,
    project,
    customer,
    vendor,
    document: group(
      'The signed and sealed document, attached as PDF',
      'Il documento firmato e sigillato, allegato in PDF',
      {
        title: documentTitle,
        version: documentVersion,
        signerName: value(
          'Full name of the signer, as typed when signing',
          'Nome e cognome del firmatario, come digitato alla firma',
          'Laura Bianchi',
        ),
        signedAt: value(
          'Date and time of the signature, already formatted in the reader’s language, with the time zone',
          'Data e ora della firma, già formattate nella lingua del lettore, con il fuso orario',
          '21 March 2025, 14:32 (Europe/Rome)',
        ),
        sealedSha256: value(
          'SHA-256 fingerprint of the sealed PDF, in hexadecimal',
          'Impronta SHA-256 del PDF sigillato, in esadecimale',
          '9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08',
        ),
      },
    ),
    verifyLink: value(
      'Public page where anyone can upload the PDF to check that it is the unchanged sealed document',
      'Pagina pubblica in cui chiunque può caricare il PDF per controllare che sia il documento sigillato, non modificato',
      'https://engage.example.com/verify',
    ),
  },
  'handover-package': {
    recipient,
    project,
    customer,
    vendor,
    engineer,
    closedDate: value(
      'Date the project was closed, already formatted in the reader’s language',
      'Data di chiusura del progetto, già formattata nella lingua del lettore',
      '28 March 2025',
    ),
    link: staffProjectLink,
  },
  'password-reset': {
    recipient: staffRecipient,
    vendor,
    link: passwordLink,
    validFor: value(
      'How long the link works, already formatted in the reader’s language',
      'Per quanto tempo funziona il link, già formattato nella lingua del lettore',
      '30 minutes',
    ),
    admin: group('The administrator who reset the password', 'L’amministratore che ha reimpostato la password', {
      name: value(
        'Administrator full name; empty when the recipient asked for the link themselves',
        'Nome e cognome dell’amministratore; vuoto se il destinatario ha chiesto il link da sé',
        'Marco Rossi',
      ),
    }),
    loginLink,
  },
  'staff-invitation': {
    recipient: staffRecipient,
    vendor,
    link: passwordLink,
    expiresDate: value(
      'Date the invitation link stops working, already formatted in the reader’s language',
      'Data in cui il link di invito smette di funzionare, già formattata nella lingua del lettore',
      '21 March 2025',
    ),
    inviter: group('The administrator who sent the invitation', 'L’amministratore che ha inviato l’invito', {
      name: value('Administrator full name', 'Nome e cognome dell’amministratore', 'Marco Rossi'),
    }),
    role: value(
      'The role the recipient is given, in the reader’s language',
      'Il ruolo assegnato al destinatario, nella lingua del lettore',
      'Engineer',
    ),
    loginLink,
  },
};

function exampleOf(node: PlaceholderNode): PlaceholderValues[string] {
  switch (node.kind) {
    case 'value':
    case 'text-list':
    case 'list':
      return node.example;
    case 'object':
      return exampleValuesOf(node.children);
  }
}

function exampleValuesOf(spec: PlaceholderSpec): PlaceholderValues {
  return Object.fromEntries(Object.entries(spec).map(([name, node]) => [name, exampleOf(node)]));
}

/** Example values for every placeholder of a template, for the admin's live preview. */
export function examplePlaceholderValues(key: EmailTemplateKey): PlaceholderValues {
  return exampleValuesOf(placeholderSpecs[key]);
}

/** Whether a text is one of the known email template keys. */
export function isEmailTemplateKey(key: string): key is EmailTemplateKey {
  return (emailTemplateKeys as readonly string[]).includes(key);
}
