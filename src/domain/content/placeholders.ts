/**
 * The placeholders each email template may use, as a tree of names. Code fills these
 * values when it drafts an email; a template that names anything else is refused, so an
 * admin's typo is caught when the template is saved, not when a customer reads "Dear ,".
 */
import { translate, type TextKey } from '../text/i18n';
import { inEveryLanguage } from '../text/languages';
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
  'turn-update',
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

/** A placeholder's description in every language, from the resources (src/domain/text/locales/<language>/placeholders.json). */
export function placeholderText(key: TextKey<'placeholders'>): LocalizedContentText {
  return inEveryLanguage((language) => translate(language, 'placeholders', key));
}

function value(key: TextKey<'placeholders'>, example: string): ValuePlaceholder {
  return { kind: 'value', description: placeholderText(key), example };
}

function group(key: TextKey<'placeholders'>, children: PlaceholderSpec): ObjectPlaceholder {
  return { kind: 'object', description: placeholderText(key), children };
}

function textList(key: TextKey<'placeholders'>, example: readonly string[]): TextListPlaceholder {
  return { kind: 'text-list', description: placeholderText(key), example };
}

function list(
  key: TextKey<'placeholders'>,
  item: PlaceholderSpec,
  example: readonly PlaceholderValues[],
): ListPlaceholder {
  return { kind: 'list', description: placeholderText(key), item, example };
}

const recipient = group('recipient.about', {
  name: value('recipient.name', 'Laura Bianchi'),
});

const project = group('project.about', {
  reference: value('project.reference', 'AS-2025-0142'),
  name: value('project.name', 'Call recording for the Milan contact centre'),
});

const customer = group('customer.about', {
  name: value('customer.name', 'Ferretti Logistica S.p.A.'),
});

const vendor = group('vendor.about', {
  name: value('vendor.name', 'Engage UC Software'),
});

const engineer = group('engineer.about', {
  name: value('engineer.name', 'Giulia Conti'),
  email: value('engineer.email', 'giulia.conti@example.com'),
  phone: value('engineer.phone', '+39 02 4000 1234'),
});

const portalLink = value('portal.link', 'https://engage.example.com/portal/sign-in/3kq8Zt1vN0xPa7Lw');

const portalLinkExpiresDate = value('portal.expiresDate', '21 March 2025');

const presentationApplications = list(
  'service-presentation.applications.about',
  {
    name: value('service-presentation.applications.name', 'Call Recording'),
    summary: value(
      'service-presentation.applications.summary',
      'Installation and configuration of call recording for up to 50 users.',
    ),
  },
  [
    { name: 'Call Recording', summary: 'Installation and configuration of call recording for up to 50 users.' },
    { name: 'Call Analytics', summary: 'Installation of call analytics with one site and its tariff plan.' },
  ],
);

/** At most one item: a project asks its project questionnaire once, first (projects in flight when it came do not). */
const engineerContactProjectQuestionnaire = list(
  'engineer-contact.projectQuestionnaire.about',
  {
    title: value('engineer-contact.projectQuestionnaire.title', 'Project design questionnaire'),
    link: value('engineer-contact.projectQuestionnaire.link', 'https://engage.example.com/portal/q/2b81d4'),
  },
  [{ title: 'Project design questionnaire', link: 'https://engage.example.com/portal/q/2b81d4' }],
);

const engineerContactApplications = list(
  'engineer-contact.applications.about',
  {
    name: value('engineer-contact.applications.name', 'Call Recording'),
    summary: value('engineer-contact.applications.summary', 'Installation and configuration of call recording.'),
    included: textList('engineer-contact.applications.included', [
      'Installation on one server',
      'Recording rules for up to 50 users',
    ]),
    excluded: textList('engineer-contact.applications.excluded', ['Configuration of the customer’s network devices']),
    customerResponsibilities: textList('engineer-contact.applications.customerResponsibilities', [
      'A Windows Server 2022 virtual machine',
      'Administrative access to Cisco CUCM',
    ]),
    questionnaireTitle: value(
      'engineer-contact.applications.questionnaireTitle',
      'Call Recording design questionnaire',
    ),
    questionnaireLink: value(
      'engineer-contact.applications.questionnaireLink',
      'https://engage.example.com/portal/q/7f3c9a',
    ),
  },
  [
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
);

const portalProjects = list(
  'portal-link.projects.about',
  {
    reference: value('portal-link.projects.reference', 'AS-2025-0142'),
    name: value('portal-link.projects.name', 'Call recording for the Milan contact centre'),
  },
  [
    { reference: 'AS-2025-0142', name: 'Call recording for the Milan contact centre' },
    { reference: 'AS-2025-0187', name: 'Digital fax for the Verona warehouse' },
  ],
);

const overdueQuestionnaires = list(
  'questionnaire-reminder.questionnaires.about',
  {
    title: value('questionnaire-reminder.questionnaires.title', 'Call Recording design questionnaire'),
    applicationName: value('questionnaire-reminder.questionnaires.applicationName', 'Call Recording'),
    dueDate: value('questionnaire-reminder.questionnaires.dueDate', '14 March 2025'),
  },
  [
    { title: 'Call Recording design questionnaire', applicationName: 'Call Recording', dueDate: '14 March 2025' },
    { title: 'Digital Fax design questionnaire', applicationName: 'Digital Fax', dueDate: '14 March 2025' },
  ],
);

const openRequirements = list(
  'requirements-reminder.requirements.about',
  {
    title: value('requirements-reminder.requirements.title', 'Windows Server 2022 virtual machine for Call Recording'),
    category: value('requirements-reminder.requirements.category', 'Servers'),
    state: value('requirements-reminder.requirements.state', 'sent back'),
  },
  [
    { title: 'Windows Server 2022 virtual machine for Call Recording', category: 'Servers', state: 'sent back' },
    { title: 'Firewall ports 5060–5061 open towards Cisco CUCM', category: 'Network', state: 'open' },
    { title: 'SQL Server login for the recording database', category: 'SQL Server', state: 'open' },
  ],
);

const turnRequirements = list(
  'turn-update.requirements.about',
  {
    title: value('turn-update.requirements.title', 'Windows Server 2022 virtual machine for Call Recording'),
    category: value('turn-update.requirements.category', 'Servers'),
    description: value(
      'turn-update.requirements.description',
      '4 vCPU, 16 GB of memory and 500 GB of disk, joined to the domain.',
    ),
  },
  [
    {
      title: 'Windows Server 2022 virtual machine for Call Recording',
      category: 'Servers',
      description: '4 vCPU, 16 GB of memory and 500 GB of disk, joined to the domain.',
    },
    {
      title: 'Firewall ports 5060–5061 open towards Cisco CUCM',
      category: 'Network',
      description: 'TCP and TLS from the recorder to each CUCM node.',
    },
  ],
);

const turnSentBack = list(
  'turn-update.sentBack.about',
  {
    title: value('turn-update.sentBack.title', 'SQL Server login for the recording database'),
    comment: value('turn-update.sentBack.comment', 'The login exists but has no dbcreator role yet.'),
  },
  [
    {
      title: 'SQL Server login for the recording database',
      comment: 'The login exists but has no dbcreator role yet.',
    },
  ],
);

const turnChecklists = list(
  'turn-update.checklists.about',
  {
    title: value('turn-update.checklists.title', 'Prepare the machines (P1)'),
    items: value('turn-update.checklists.items', '8'),
  },
  [{ title: 'Prepare the machines (P1)', items: '8' }],
);

const sessionTitle = value('session.title', 'Call Recording installation');

const sessionDate = value('session.date', 'Tuesday 1 December 2026');

const sessionTime = value('session.time', '09:00–11:00');

const sessionTimeZone = value('session.timeZone', 'Europe/Rome');

const sessionDuration = value('session.duration', '2 hours');

const sessionMode = value('session.mode', 'remote');

const sessionLocation = value('session.location', 'https://meet.example.com/j/88410273');

const proposedSession = group('session-proposal.session.about', {
  title: sessionTitle,
  duration: sessionDuration,
  mode: sessionMode,
  location: sessionLocation,
});

const proposedSlots = list(
  'session-proposal.slots.about',
  {
    date: value('session-proposal.slots.date', 'Tuesday 1 December 2026'),
    time: value('session-proposal.slots.time', '09:00–11:00'),
    timeZone: value('session-proposal.slots.timeZone', 'Europe/Rome'),
  },
  [
    { date: 'Tuesday 1 December 2026', time: '09:00–11:00', timeZone: 'Europe/Rome' },
    { date: 'Thursday 3 December 2026', time: '14:00–16:00', timeZone: 'Europe/Rome' },
    { date: 'Monday 7 December 2026', time: '10:00–12:00', timeZone: 'Europe/Rome' },
  ],
);

const scheduledSession = group('session.scheduled', {
  title: sessionTitle,
  date: sessionDate,
  time: sessionTime,
  timeZone: sessionTimeZone,
  duration: sessionDuration,
  mode: sessionMode,
  location: sessionLocation,
});

const staffProjectLink = value(
  'staff.projectLink',
  'https://engage.example.com/projects/0b7e4c1a-2f3d-4e5f-8a9b-1c2d3e4f5a6b',
);

const documentTitle = value('document.title', 'User acceptance tests');

const staffRecipient = group('staff.recipient.about', {
  name: value('staff.recipient.name', 'Giulia Conti'),
  email: value('staff.recipient.email', 'giulia.conti@example.com'),
});

const passwordLink = value('staff.passwordLink', 'https://engage.example.com/set-password#3kq8Zt1vN0xPa7Lw');

const loginLink = value('staff.loginLink', 'https://engage.example.com/login');

const documentVersion = value('document.version', '2');

/** The placeholder tree of each email template. */
export const placeholderSpecs: Readonly<Record<EmailTemplateKey, PlaceholderSpec>> = {
  'service-presentation': {
    recipient,
    project,
    customer,
    partner: group('service-presentation.partner.about', {
      name: value('service-presentation.partner.name', 'Nordest Telecomunicazioni S.r.l.'),
    }),
    manager: group('service-presentation.manager.about', {
      name: value('service-presentation.manager.name', 'Marco Rossi'),
      email: value('service-presentation.manager.email', 'marco.rossi@example.com'),
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
    questionnairesDueDate: value('engineer-contact.questionnairesDueDate', '14 March 2025'),
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
    openCount: value('requirements-reminder.openCount', '3'),
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
    session: group('session-invitation.session.about', {
      ...scheduledSession.children,
      isUpdate: value('session-invitation.session.isUpdate', 'yes'),
    }),
    reason: value('session-invitation.reason', 'The customer’s network team is only available in the afternoon.'),
  },
  'session-cancellation': {
    recipient,
    project,
    customer,
    vendor,
    engineer,
    session: group('session-cancellation.session.about', {
      title: sessionTitle,
      date: sessionDate,
      time: sessionTime,
      timeZone: sessionTimeZone,
    }),
    reason: value('session-cancellation.reason', 'The virtual machine for the recording server is not ready yet.'),
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
    contact: group('session-slots-requested.contact.about', {
      name: value('session-slots-requested.contact.name', 'Paolo Ferretti'),
      email: value('session-slots-requested.contact.email', 'paolo.ferretti@example.com'),
    }),
    note: value('session-slots-requested.note', 'Any morning in the week of 14 December works for us.'),
    link: staffProjectLink,
  },
  'turn-update': {
    recipient,
    project,
    customer,
    vendor,
    engineer,
    link: portalLink,
    expiresDate: portalLinkExpiresDate,
    confirmedCount: value('turn-update.confirmedCount', '2'),
    requirements: turnRequirements,
    sentBackCount: value('turn-update.sentBackCount', '1'),
    sentBack: turnSentBack,
    checklists: turnChecklists,
  },
  'signature-request': {
    recipient,
    project,
    customer,
    vendor,
    engineer,
    document: group('signature-request.document.about', {
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
    document: group('signed-document.document.about', {
      title: documentTitle,
      version: documentVersion,
      signerName: value('signed-document.document.signerName', 'Laura Bianchi'),
      signedAt: value('signed-document.document.signedAt', '21 March 2025, 14:32 (Europe/Rome)'),
      sealedSha256: value(
        'signed-document.document.sealedSha256',
        '9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08',
      ),
    }),
    verifyLink: value('signed-document.verifyLink', 'https://engage.example.com/verify'),
  },
  'handover-package': {
    recipient,
    project,
    customer,
    vendor,
    engineer,
    closedDate: value('handover-package.closedDate', '28 March 2025'),
    link: staffProjectLink,
  },
  'password-reset': {
    recipient: staffRecipient,
    vendor,
    link: passwordLink,
    validFor: value('password-reset.validFor', '30 minutes'),
    admin: group('password-reset.admin.about', {
      name: value('password-reset.admin.name', 'Marco Rossi'),
    }),
    loginLink,
  },
  'staff-invitation': {
    recipient: staffRecipient,
    vendor,
    link: passwordLink,
    expiresDate: value('staff-invitation.expiresDate', '21 March 2025'),
    inviter: group('staff-invitation.inviter.about', {
      name: value('staff-invitation.inviter.name', 'Marco Rossi'),
    }),
    role: value('staff-invitation.role', 'Engineer'),
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
