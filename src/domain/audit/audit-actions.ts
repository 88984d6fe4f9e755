/**
 * Every kind of audit event Engage records, in one place, and how each is said in words: the values its sentence
 * names (read from the event's before/after/subject, and from the names the server looked up) and, where the event
 * says something else in some cases, the other sentences it may take. The sentences themselves are in the `audit`
 * resources (src/domain/text/locales/<language>/audit.json): `labels.<key>` (a short name, for a column),
 * `sentences.<key>` and `sentences.<key>__<variant>`, where the key is the kind with its dots as underscores.
 *
 * A test (audit-actions.test.ts) reads the server's source for every kind it records and fails when one is missing
 * here; another fails when a sentence is missing in a language, or names a value its kind does not give.
 */
import { duration } from '../text/format';
import { translate, type TextKey } from '../text/i18n';
import { inEveryLanguage, localeTags, pick, type Language } from '../text/languages';
import type { LocalizedText } from '../process/template';
import { deliveryItemKey, splitContactName, type AuditEventFacts, type AuditNames } from './audit-names';
import type { AuditPhrase, AuditSentence, AuditValue, AuditWords } from './sentence';

type AuditKey = TextKey<'audit'>;
type Record_ = Readonly<Record<string, unknown>>;

/** The event being said, with the names looked up for it. */
export interface EventReading {
  readonly event: AuditEventFacts;
  readonly names: AuditNames;
  readonly before: Record_;
  readonly after: Record_;
  /** What earlier events recorded of the same subject (see AuditNames.subjects). */
  readonly earlier: Record_;
}

/** What a kind's describer answers: the values, the other sentence it takes if any, and clauses said after it. */
interface Described<V extends string> {
  readonly variant?: string;
  readonly values: Partial<Record<V, AuditValue | undefined>>;
  readonly clauses?: readonly (AuditPhrase | null)[];
}

export interface AuditActionEntry {
  /** The values its sentences may name, besides `actor` (who did it, with their role, in words). */
  readonly values: readonly string[];
  /** Its other sentences, `sentences.<key>__<variant>`. */
  readonly variants: readonly string[];
  readonly describe: (reading: EventReading) => Described<string>;
}

function entry<V extends string>(
  values: readonly V[],
  describe: (reading: EventReading) => Described<V>,
  variants: readonly string[] = [],
): AuditActionEntry {
  return { values, variants, describe };
}

// ——— reading what an event carries ———

function recordOf(value: unknown): Record_ {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record_) : {};
}

function textOf(value: unknown): string | undefined {
  if (typeof value === 'string' && value.trim() !== '') return value;
  return typeof value === 'number' ? String(value) : undefined;
}

function numberOf(value: unknown): number {
  return typeof value === 'number' && Number.isFinite(value) ? value : Array.isArray(value) ? value.length : 0;
}

function listOf(value: unknown): unknown[] {
  return Array.isArray(value) ? (value as unknown[]) : [];
}

function textsOf(value: unknown): string[] {
  return listOf(value).flatMap((item) => textOf(item) ?? []);
}

function isLocalizedText(value: unknown): value is LocalizedText {
  const record = recordOf(value);
  return typeof record['en'] === 'string' && typeof record['it'] === 'string';
}

// ——— values in words ———

/** A text of the audit resources in every language. */
function words(key: AuditKey, values: Readonly<Record<string, string | number>> = {}): AuditWords {
  return inEveryLanguage((language) => translate(language, 'audit', key, values));
}

/** One recipe, written in every language. */
function inWords(make: (language: Language) => string): AuditWords {
  return inEveryLanguage(make);
}

/** A name as recorded, or in words in every language. */
type Name = string | AuditWords;

/** A text of the content library (German may be missing there) in every language. */
function complete(text: LocalizedText): AuditWords {
  return inEveryLanguage((language) => pick(text, language));
}

function nameIn(name: string | LocalizedText, language: Language): string {
  return typeof name === 'string' ? name : pick(name, language);
}

/** A name in quotation marks, as the language writes them. */
function quoted(name: string | LocalizedText | undefined, fallback: AuditKey = 'words.unknown.name'): AuditWords {
  if (name === undefined) return words(fallback);
  return inWords((language) => translate(language, 'audit', 'words.quoted', { text: nameIn(name, language) }));
}

/** "A, B and C", in the language's way. */
function listIn(language: Language, items: readonly string[]): string {
  return new Intl.ListFormat(localeTags[language], { type: 'conjunction' }).format(items);
}

function list(items: readonly Name[], empty: AuditKey = 'words.nobody'): AuditWords {
  if (items.length === 0) return words(empty);
  return inWords((language) =>
    listIn(
      language,
      items.map((item) => nameIn(item, language)),
    ),
  );
}

function stepIn(names: AuditNames, key: string, language: Language): string {
  const step = names.steps.get(key);
  if (step === undefined) return translate(language, 'audit', 'words.quoted', { text: key });
  return translate(language, 'audit', 'words.step', { code: step.code, title: pick(step.title, language) });
}

/** A step as `E2 “Service presentation”`. */
function step(names: AuditNames, key: unknown): AuditWords {
  const stepKey = textOf(key);
  return stepKey === undefined ? words('words.unknown.step') : inWords((language) => stepIn(names, stepKey, language));
}

function steps(names: AuditNames, keys: readonly string[]): AuditWords {
  return inWords((language) =>
    listIn(
      language,
      keys.map((key) => stepIn(names, key, language)),
    ),
  );
}

/** An application (its questionnaire, its configuration) by name; the project questionnaire in words. */
function application(names: AuditNames, key: unknown, inList = false): Name {
  const applicationKey = textOf(key);
  if (applicationKey === undefined || applicationKey === '') return words('words.unknown.application');
  if (applicationKey === 'project')
    return words(inList ? 'words.projectQuestionnaireName' : 'words.projectQuestionnaire');
  const name = names.applications.get(applicationKey);
  return name === undefined ? applicationKey : complete(name);
}

function user(names: AuditNames, id: unknown, recorded?: unknown): Name {
  const userId = textOf(id);
  return (
    textOf(recorded) ?? (userId === undefined ? undefined : names.users.get(userId)) ?? words('words.unknown.user')
  );
}

function contactKindWord(kind: 'customer' | 'partner' | 'contact'): AuditWords {
  return words(`words.roles.${kind}`);
}

/** A contact of the project as `Name (customer)`, found by id or by address. */
function contact(names: AuditNames, by: { id?: unknown; email?: string | null }): AuditWords {
  const id = textOf(by.id);
  const email = by.email?.toLowerCase();
  const found = names.contacts.find(
    (candidate) =>
      (id !== undefined && candidate.id === id) || (email !== undefined && candidate.email.toLowerCase() === email),
  );
  if (found === undefined) return words('words.unknown.contact');
  return inWords((language) =>
    translate(language, 'audit', 'words.withRole', {
      name: found.name,
      role: pick(contactKindWord(found.kind), language),
    }),
  );
}

function instant(value: unknown): AuditValue {
  const iso = textOf(value);
  return iso === undefined ? words('words.unknown.date') : { instant: iso };
}

function day(value: unknown): AuditValue {
  const iso = textOf(value);
  return iso === undefined ? words('words.unknown.date') : { day: iso };
}

/** The words of a key among several (`words.results.pass`), or the value as recorded when it has none. */
function oneOf<K extends string>(prefix: string, known: readonly K[], value: unknown, keyOf = (v: K): string => v) {
  const recorded = textOf(value);
  const match = known.find((candidate) => candidate === recorded);
  return match === undefined ? (recorded ?? '—') : words(`${prefix}.${keyOf(match)}` as AuditKey);
}

function documentTitle(kind: unknown): AuditWords {
  const documentKind = textOf(kind);
  if (documentKind === 'uat' || documentKind === 'activity-report')
    return inWords((language) =>
      translate(language, 'audit', 'words.quoted', {
        text: translate(language, 'documents', `titles.${documentKind}`),
      }),
    );
  return documentKind === undefined ? words('words.unknown.document') : quoted(documentKind);
}

function deployment(value: unknown): AuditValue {
  const option = textOf(value);
  if (option === 'virtual-appliance' || option === 'windows-vms' || option === 'vendor-cloud')
    return inWords((language) =>
      translate(language, 'audit', 'words.quoted', {
        text: translate(language, 'documents', `deployment.${option}`),
      }),
    );
  return option ?? words('words.unknown.name');
}

/** An email by its subject (`the email “Welcome”`), from the event or from the one that wrote it. */
function email(reading: EventReading): AuditWords {
  const subject = textOf(reading.after['subject']) ?? textOf(reading.earlier['subject']);
  if (subject !== undefined) return words('words.email.withSubject', { subject });
  return mailKind(textOf(reading.earlier['kind']));
}

const mailKinds = [
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

/** The emails Engage writes, by kind, in words. */
export const auditMailKinds: readonly string[] = mailKinds;

function mailKind(kind: string | undefined): AuditWords {
  const known = mailKinds.find((candidate) => candidate === kind);
  return known === undefined ? words('words.email.any') : words(`words.email.kinds.${known}`);
}

function clause(key: AuditKey, value: unknown, name: string): AuditPhrase | null {
  const text = textOf(value);
  return text === undefined ? null : { key, values: { [name]: text } };
}

const reason = (value: unknown) => clause('clauses.reason', value, 'reason');
const note = (value: unknown) => clause('clauses.note', value, 'note');

/** A requirement's title, from the event or from what earlier events recorded of it. */
function requirementTitle(reading: EventReading): AuditWords {
  const title = [reading.after['title'], reading.before['title'], reading.earlier['title']].find(
    (candidate) => isLocalizedText(candidate) || textOf(candidate) !== undefined,
  );
  return quoted(isLocalizedText(title) ? title : textOf(title), 'words.unknown.requirement');
}

function deliveryItem(reading: EventReading, checklist: 'environment' | 'pbx' | 'uat') {
  const [applicationKey = '', itemKey = ''] = (reading.event.subjectId ?? '').split('/');
  const title = reading.names.deliveryItems.get(deliveryItemKey(checklist, applicationKey, itemKey));
  return {
    item: quoted(title ?? (itemKey === '' ? undefined : itemKey)),
    application: application(reading.names, applicationKey),
    applicationKey,
  };
}

function checklistItem(reading: EventReading) {
  const checklist = reading.event.subjectType === 'pbx-checklist' ? 'pbx' : 'environment';
  const { item, application: app, applicationKey } = deliveryItem(reading, checklist);
  const list =
    checklist === 'pbx' && applicationKey !== ''
      ? inWords((language) =>
          translate(language, 'audit', 'words.checklists.pbx', { application: nameIn(app, language) }),
        )
      : words('words.checklists.environment');
  return { item, checklist: list };
}

const repeatedRefusal = entry(['count', 'minutes', 'limit'], ({ event, after }) => ({
  values: { count: numberOf(after['count']), minutes: numberOf(after['windowMinutes']), limit: event.subjectId ?? '—' },
}));

const loginFailures = ['unknown email', 'account disabled', 'no password set yet', 'wrong password'] as const;
const resetRefusals = ['unknown email', 'account disabled', 'too many requests for this address'] as const;
const asKey = (text: string) => text.replaceAll(' ', '-');

const byUser = entry(['user'], ({ event, names, after, before }) => ({
  values: { user: user(names, event.subjectId, after['name'] ?? before['name']) },
}));

const bySession = (clauses: (reading: EventReading) => (AuditPhrase | null)[] = () => []) =>
  entry(['start'], (reading) => ({
    values: { start: instant(reading.after['start'] ?? reading.before['start'] ?? reading.earlier['start']) },
    clauses: clauses(reading),
  }));

const byRequirement = (clauses: (reading: EventReading) => (AuditPhrase | null)[] = () => []) =>
  entry(['requirement'], (reading) => ({
    values: { requirement: requirementTitle(reading) },
    clauses: clauses(reading),
  }));

const byApplication = entry(['application'], ({ event, names }) => ({
  values: { application: application(names, event.subjectId) },
}));

const byQuestionnaire = entry(['questionnaire'], ({ event, names }) => ({
  values: { questionnaire: application(names, event.subjectId) },
}));

const byChecklistItem = entry(['item', 'checklist'], (reading) => ({ values: checklistItem(reading) }));

const byContact = entry(['contact'], ({ event, names, after, before }) => {
  const recorded = textOf(after['name']) ?? textOf(before['name']);
  const named = recorded === undefined ? undefined : words('words.theContact', { name: recorded });
  return { values: { contact: named ?? contact(names, { id: event.subjectId }) } };
});

const byStep = (withReason: boolean) =>
  entry(['step'], ({ event, names, after }) => ({
    values: { step: step(names, event.subjectId) },
    clauses: withReason ? [reason(after['reason'])] : [],
  }));

const byEmail = entry(['email'], (reading) => ({ values: { email: email(reading) } }));

function timeOff(record: Record_) {
  return record['kind'] === 'days'
    ? { from: day(record['firstDay']), to: day(record['lastDay']) }
    : { from: instant(record['start']), to: instant(record['end']) };
}

function trainingWords(kind: unknown): AuditValue {
  return oneOf('words.trainings', ['admin', 'end-user', 'on-the-job'] as const, kind);
}

function uatEvidence(reading: EventReading, file: unknown) {
  const { item, application: app } = deliveryItem(reading, 'uat');
  return { values: { file: quoted(textOf(file)), item, application: app } };
}

// ——— the process: what Engage completed by itself, and why ———

/** The causes the server gives when Engage re-reads a project (process.advanced), in words. */
export function causeInWords(cause: string, names: AuditNames): AuditWords {
  const mail = /^mail\.(sent|trial):(.+)$/.exec(cause);
  if (mail !== null)
    return inWords((language) =>
      translate(language, 'audit', mail[1] === 'sent' ? 'causes.mailSent' : 'causes.mailTrial', {
        email: pick(mailKind(mail[2]), language),
      }),
    );
  const questionnaire = /^questionnaire (.+) submitted$/.exec(cause);
  if (questionnaire !== null) {
    const name = application(names, questionnaire[1]);
    return inWords((language) =>
      translate(language, 'audit', 'causes.questionnaireSubmitted', { questionnaire: nameIn(name, language) }),
    );
  }
  const signed = /^(.+) signed( outside Engage)?$/.exec(cause);
  if (signed !== null) {
    const title = documentTitle(signed[1]);
    return inWords((language) =>
      translate(language, 'audit', signed[2] === undefined ? 'causes.documentSigned' : 'causes.documentSignedOutside', {
        document: pick(title, language),
      }),
    );
  }
  const checklist = /^(environment|pbx) checklist (ticked|verified)$/.exec(cause);
  if (checklist !== null)
    return inWords((language) =>
      translate(language, 'audit', `causes.checklist.${checklist[2] === 'ticked' ? 'ticked' : 'verified'}`, {
        checklist: translate(
          language,
          'audit',
          `words.checklistNames.${checklist[1] === 'pbx' ? 'pbx' : 'environment'}`,
        ),
      }),
    );
  const known = fixedCauses[cause];
  return words(known ?? 'causes.other');
}

const fixedCauses: Readonly<Record<string, AuditKey>> = {
  'session.held': 'causes.sessionHeld',
  'session.recorded': 'causes.sessionRecorded',
  'session.confirmed': 'causes.sessionConfirmed',
  'requirements changed': 'causes.requirementsChanged',
  'project closed': 'causes.projectClosed',
  'training recorded': 'causes.trainingRecorded',
  'training removed': 'causes.trainingRemoved',
  'notes saved': 'causes.notesSaved',
  'configuration recorded': 'causes.configurationRecorded',
  'installation recorded': 'causes.installationRecorded',
  'configuration completed': 'causes.configurationCompleted',
  'UAT result recorded': 'causes.uatResultRecorded',
  'UAT evidence attached': 'causes.uatEvidenceAttached',
  'UAT evidence removed': 'causes.uatEvidenceRemoved',
};

/** Whether a cause has words of its own rather than the general ones (the test of the server's causes asks). */
export function isCauseKnown(cause: string): boolean {
  return (
    /^mail\.(sent|trial):.+$/.test(cause) ||
    /^questionnaire .+ submitted$/.test(cause) ||
    /^(uat|activity-report) signed( outside Engage)?$/.test(cause) ||
    /^(environment|pbx) checklist (ticked|verified)$/.test(cause) ||
    cause in fixedCauses
  );
}

// ——— the catalogue ———

export const auditActions = {
  'access.refused': entry(
    ['route'],
    ({ event }) => ({
      variant:
        event.subjectType === 'project' ? 'project' : event.subjectType === 'handover-package' ? 'handover' : undefined,
      values: { route: event.subjectId ?? '—' },
    }),
    ['project', 'handover'],
  ),

  'auth.login.failed': entry(['email', 'reason'], ({ after }) => ({
    values: {
      email: textOf(after['email']) ?? '—',
      reason: oneOf('words.loginFailures', loginFailures, after['reason'], asKey),
    },
  })),
  'auth.login.failed.repeated': repeatedRefusal,
  'auth.login.rate_limited': entry(['email'], ({ after }) => ({ values: { email: textOf(after['email']) ?? '—' } })),
  'auth.login.rate_limited.repeated': repeatedRefusal,
  'auth.login.succeeded': entry(
    [],
    ({ after }) => ({ variant: after['through'] === 'password link' ? 'link' : undefined, values: {} }),
    ['link'],
  ),
  'auth.logout': entry([], () => ({ values: {} })),
  'auth.password-reset.not_sent': entry(['email', 'reason'], ({ after }) => ({
    values: {
      email: textOf(after['email']) ?? '—',
      reason: oneOf('words.resetRefusals', resetRefusals, after['reason'], asKey),
    },
  })),
  'auth.password-reset.not_sent.repeated': repeatedRefusal,
  'auth.password-reset.requested': entry([], () => ({ values: {} })),
  'auth.password.change_failed': entry([], () => ({ values: {} })),
  'auth.password.change_rate_limited': entry([], () => ({ values: {} })),
  'auth.password.change_rate_limited.repeated': repeatedRefusal,
  'auth.password.changed': entry(['count'], ({ after }) => ({
    values: { count: numberOf(after['otherSessionsEnded']) },
  })),
  'auth.password.chosen': entry([], () => ({ values: {} })),
  'auth.password.reset': entry([], () => ({ values: {} })),

  'calendar-feed.created': entry([], () => ({ values: {} })),
  'calendar-feed.revoked': entry([], () => ({ values: {} })),
  'calendar.updated': entry(
    ['user', 'organisation'],
    ({ event, names }) =>
      event.subjectType === 'organisation'
        ? {
            variant: 'organisation',
            values: {
              organisation: names.organisations.get(event.subjectId ?? '') ?? words('words.unknown.organisation'),
            },
          }
        : { values: { user: user(names, event.subjectId) } },
    ['organisation'],
  ),

  'checklist.ticked': byChecklistItem,
  'checklist.unticked': byChecklistItem,
  'checklist.verified': byChecklistItem,
  'checklist.verification-withdrawn': byChecklistItem,

  'configuration.saved': byApplication,
  'configuration.completed': byApplication,
  'configuration.reopened': byApplication,
  'installation.recorded': entry(['application', 'version'], ({ event, names, after }) => ({
    values: { application: application(names, event.subjectId), version: textOf(after['installedVersion']) ?? '—' },
  })),
  'installation.withdrawn': byApplication,

  'contact.created': byContact,
  'contact.updated': byContact,
  'contact.disabled': byContact,
  'contact.enabled': byContact,

  'content.defaults-installed': entry(['count'], ({ after }) => ({ values: { count: numberOf(after['paths']) } })),
  'content.defaults-completed': entry(['count'], ({ after }) => ({ values: { count: numberOf(after['paths']) } })),
  'content.updated': entry(['path', 'version'], ({ event, after }) => ({
    values: { path: event.subjectId ?? '—', version: textOf(after['version']) ?? '—' },
  })),

  'criterion.confirmed': entry(['criterion', 'step'], ({ event, names, after }) => {
    const criterion = names.criteria.get(event.subjectId ?? '');
    return {
      values: {
        criterion: quoted(criterion?.label ?? event.subjectId ?? undefined),
        step: criterion === undefined ? words('words.unknown.step') : step(names, criterion.stepKey),
      },
      clauses: [note(after['note'])],
    };
  }),

  'delivery.notes-saved': entry(['notes'], ({ after }) => {
    const report = after['reportNotesLength'] !== undefined;
    const maintenance = after['maintenanceNotesLength'] !== undefined;
    return {
      values: {
        notes: words(
          report && maintenance ? 'words.notes.both' : maintenance ? 'words.notes.maintenance' : 'words.notes.report',
        ),
      },
    };
  }),

  'design-note.added': entry(['note', 'text'], ({ after }) => ({
    values: {
      note: oneOf('words.designNotes', ['constraint', 'limitation', 'further-requirement'] as const, after['kind']),
      text: quoted(textOf(after['text'])),
    },
  })),
  'design-note.removed': entry(['note', 'text'], ({ before }) => ({
    values: {
      note: oneOf('words.designNotes', ['constraint', 'limitation', 'further-requirement'] as const, before['kind']),
      text: quoted(textOf(before['text'])),
    },
  })),

  'document.prepared': entry(['document', 'version', 'signers'], ({ after }) => ({
    values: {
      document: documentTitle(after['kind']),
      version: textOf(after['version']) ?? '—',
      signers: list(textsOf(after['signers'])),
    },
  })),
  'document.signed': entry(['document', 'version'], ({ after }) => ({
    values: { document: documentTitle(after['kind']), version: textOf(after['version']) ?? '—' },
  })),
  'document.signed-outside-engage': entry(['document', 'version', 'signer', 'day', 'file'], ({ after }) => ({
    values: {
      document: documentTitle(after['kind']),
      version: textOf(after['version']) ?? '—',
      signer: textOf(after['signerName']) ?? '—',
      day: day(after['signedOn']),
      file: quoted(textOf(after['fileName'])),
    },
  })),

  'file.uploaded': entry(['file'], ({ after }) => ({ values: { file: quoted(textOf(after['name'])) } })),
  'file.removed': entry(['file'], ({ before }) => ({ values: { file: quoted(textOf(before['name'])) } })),

  'mail.queued': entry(['email', 'to'], (reading) => ({
    values: { email: email(reading), to: list(textsOf(reading.after['to'])) },
  })),
  'mail.sent': byEmail,
  'mail.failed': entry(['email', 'attempts'], (reading) => ({
    values: { email: email(reading), attempts: numberOf(reading.after['attempts']) },
  })),
  'mail.resent': byEmail,
  'mail.trial-delivered': byEmail,
  'mail.trial-emptied': entry(['count'], ({ after }) => ({ values: { count: numberOf(after['removed']) } })),

  'organisation.created': entry(['organisation'], ({ after }) => ({
    values: {
      organisation: words(
        after['kind'] === 'partner' ? 'words.organisations.partner' : 'words.organisations.customer',
        {
          name: textOf(after['name']) ?? '—',
        },
      ),
    },
  })),

  'password.token-issued': entry(
    ['user', 'until'],
    ({ event, names, after }) => ({
      variant: after['purpose'] === 'invitation' ? 'invitation' : undefined,
      values: { user: user(names, event.subjectId), until: instant(after['expiresAt']) },
    }),
    ['invitation'],
  ),
  'payment.recorded': entry([], () => ({ values: {} })),

  'portal.link-issued': entry(['contact', 'until'], ({ names, after }) => ({
    values: { contact: contact(names, { id: after['contactId'] }), until: instant(after['expiresAt']) },
  })),
  'portal.link-requested': entry(
    ['email'],
    ({ event, after }) => ({
      variant: numberOf(after['linksSent']) > 0 ? undefined : 'none',
      values: { email: event.subjectId ?? '—' },
    }),
    ['none'],
  ),
  'portal.link-requested.repeated': repeatedRefusal,
  'portal.link-revoked': entry(['contact'], ({ names, earlier }) => ({
    values: { contact: contact(names, { id: earlier['contactId'] }) },
  })),
  'portal.link-used': entry([], () => ({ values: {} })),
  'portal.logout': entry([], () => ({ values: {} })),

  'process.advanced': entry(
    ['steps', 'count', 'cause', 'step'],
    ({ names, after, before }) => {
      const completed = textsOf(after['completedByEngage']);
      const cause = causeInWords(textOf(after['cause']) ?? '', names);
      if (completed.length > 0) return { values: { steps: steps(names, completed), count: completed.length, cause } };
      const current = textOf(after['currentStepKey']);
      return current !== undefined && current !== textOf(before['currentStepKey'])
        ? { variant: 'moved', values: { step: step(names, current), cause } }
        : { variant: 'updated', values: { cause } };
    },
    ['moved', 'updated'],
  ),
  'process.step.completed': byStep(false),
  'process.step.waived': byStep(true),
  'process.step.reopened': byStep(true),
  'process.step.skipped': byStep(true),

  'project.created': entry(['reference'], ({ after }) => ({
    values: { reference: textOf(after['reference']) ?? '—' },
  })),
  'project.engineer-assigned': entry(['engineer'], ({ names, after }) => ({
    values: { engineer: user(names, after['engineerId']) },
  })),
  'project.deployment-changed': entry(['from', 'to'], ({ before, after }) => ({
    values: { from: deployment(before['deployment']), to: deployment(after['deployment']) },
  })),
  'project.closed': entry(['to'], ({ after }) => ({
    values: { to: textOf(after['to']) ?? '—' },
    clauses: [
      after['isReportSigned'] === false ? { key: 'clauses.withoutSignedReport', values: {} } : null,
      reason(recordOf(after['unsignedReport'])['reason']),
    ],
  })),

  'purchase-order.recorded': entry(['number'], ({ after }) => ({ values: { number: textOf(after['number']) ?? '—' } })),
  'purchase-order.approved': entry(['number'], ({ after }) => ({
    values: { number: textOf(after['number']) ?? textOf(after['purchaseOrderNumber']) ?? '—' },
  })),
  'purchase-order.deleted': entry(['number'], ({ before }) => ({
    values: { number: textOf(before['number']) ?? '—' },
  })),
  'purchase-order.imported': entry(['created', 'refused'], ({ after }) => ({
    values: { created: numberOf(after['created']), refused: numberOf(after['refused']) },
  })),

  'questionnaire.answered': byQuestionnaire,
  'questionnaire.submitted': byQuestionnaire,
  'questionnaire.reopened': byQuestionnaire,

  'rate-limit.refused': entry(['limit', 'until'], ({ event, after }) => ({
    values: { limit: event.subjectId ?? '—', until: instant(after['until']) },
  })),
  'rate-limit.refused.repeated': repeatedRefusal,

  'reminder.questionnaires': entry(['recipients', 'questionnaires'], ({ names, after }) => ({
    values: {
      recipients: list(textsOf(after['recipients'])),
      questionnaires: list(textsOf(after['questionnaires']).map((key) => application(names, key, true))),
    },
  })),
  'reminder.requirements': entry(['recipients', 'count'], ({ after }) => ({
    values: { recipients: list(textsOf(after['recipients'])), count: numberOf(after['open']) },
  })),
  'reminder.session': bySession(),

  'turn.emailed': entry(['recipients', 'count'], ({ after }) => ({
    values: { recipients: list(textsOf(after['recipients'])), count: numberOf(after['notices']) },
  })),

  'requirement.added': byRequirement(),
  'requirement.edited': byRequirement(),
  'requirement.removed': byRequirement(({ after }) => [reason(after['reason'])]),
  'requirement.fulfilled': byRequirement(({ after }) => [note(after['note'])]),
  'requirement.verified': byRequirement(),
  'requirement.sent-back': byRequirement(({ after }) => [clause('clauses.comment', after['comment'], 'comment')]),
  'requirement.waived': byRequirement(({ after }) => [reason(after['reason'])]),
  'requirements.confirmed': entry([], () => ({ values: {} })),
  'requirements.design-reviewed': entry([], () => ({ values: {} })),
  'requirements.generated': entry(['added', 'removed'], ({ after }) => ({
    values: { added: numberOf(after['added']), removed: numberOf(after['removed']) },
  })),

  'scheduling.override': entry([], ({ after }) => ({ values: {}, clauses: [reason(after['reason'])] })),

  'session.proposed': entry(['count', 'step'], ({ names, after }) => ({
    values: { count: numberOf(after['slots']), step: step(names, after['stepKey']) },
  })),
  'session.proposal-withdrawn': entry([], () => ({ values: {} })),
  'session.accepted': bySession(),
  'session.slot-taken': entry(['count'], ({ after }) => ({ values: { count: numberOf(after['offered']) } })),
  'session.other-dates-requested': entry([], ({ after }) => ({ values: {}, clauses: [note(after['note'])] })),
  'session.booked': bySession(),
  'session.rescheduled': entry(['from', 'to'], ({ before, after }) => ({
    values: { from: instant(before['start']), to: instant(after['start']) },
    clauses: [reason(after['reason'])],
  })),
  'session.cancelled': bySession(({ after }) => [reason(after['reason'])]),
  'session.held': bySession(({ after }) => [note(after['note'])]),
  'session.recorded': bySession(({ after }) => [note(after['note'])]),

  'time-off.added': entry(['user', 'from', 'to'], ({ event, names, after }) => ({
    values: { user: user(names, event.subjectId), ...timeOff(after) },
  })),
  'time-off.removed': entry(['user', 'from', 'to'], ({ event, names, before }) => ({
    values: { user: user(names, event.subjectId), ...timeOff(before) },
  })),

  'training.recorded': entry(['training', 'day'], ({ after }) => ({
    values: { training: trainingWords(after['kind']), day: day(after['date']) },
  })),
  'training.removed': entry(['training', 'day'], ({ before }) => ({
    values: { training: trainingWords(before['kind']), day: day(before['trainingDate']) },
  })),

  'uat.result-recorded': entry(
    ['item', 'application', 'result'],
    (reading) => {
      const { item, application: app } = deliveryItem(reading, 'uat');
      const result = textOf(reading.after['result']);
      return result === undefined
        ? { variant: 'cleared', values: { item, application: app } }
        : {
            values: {
              item,
              application: app,
              result: oneOf('words.results', ['pass', 'pass-with-remark', 'fail', 'not-applicable'] as const, result),
            },
            clauses: [
              reason(reading.after['exceptionReason']),
              clause('clauses.comment', reading.after['comment'], 'comment'),
            ],
          };
    },
    ['cleared'],
  ),
  'uat.evidence-attached': entry(['file', 'item', 'application'], (reading) =>
    uatEvidence(reading, reading.after['name']),
  ),
  'uat.evidence-removed': entry(['file', 'item', 'application'], (reading) =>
    uatEvidence(reading, reading.before['name']),
  ),

  'user.created': entry(
    ['user'],
    ({ event, names, after }) => ({
      variant: after['reason'] === 'first start' ? 'firstStart' : undefined,
      values: { user: user(names, event.subjectId, after['name']) },
    }),
    ['firstStart'],
  ),
  'user.invited': byUser,
  'user.invitation-resent': byUser,
  'user.password-reset-forced': byUser,
  'user.updated': byUser,
  'user.disabled': byUser,
  'user.enabled': byUser,

  'work-log.added': entry(['duration', 'day', 'step'], ({ names, after }) => ({
    values: {
      duration: inWords((language) => duration(numberOf(after['durationMinutes']), language)),
      day: day(after['workDate']),
      step: step(names, after['stepKey']),
    },
  })),
  'work-log.removed': entry(['duration', 'day', 'step'], ({ names, before }) => ({
    values: {
      duration: inWords((language) => duration(numberOf(before['durationMinutes']), language)),
      day: day(before['workDate']),
      step: step(names, before['stepKey']),
    },
  })),
} satisfies Record<string, AuditActionEntry>;

export type AuditAction = keyof typeof auditActions;

export function isAuditAction(action: string): action is AuditAction {
  return Object.hasOwn(auditActions, action);
}

/** The key of a kind in the audit resources: its dots as underscores (`process.step.completed` → `process_step_completed`). */
export function auditKeyOf(action: string): string {
  return action.replaceAll('.', '_');
}

/** The key of a kind's short name, for a column: `labels.<key>`. */
export function auditLabelKey(action: string): string {
  return isAuditAction(action) ? `labels.${auditKeyOf(action)}` : 'labels.unknown';
}

// ——— who did it ———

const staffRoles = ['admin', 'manager', 'engineer', 'support'] as const;

/** Who acted, in words: `Anna Neri (manager)`, `Mario Rossi (customer)`, Engage itself, or someone unknown. */
export function actorInWords(event: Pick<AuditEventFacts, 'actorName' | 'actorRole'>, names: AuditNames): AuditWords {
  const { actorName, actorRole } = event;
  if (actorRole === null) {
    if (actorName === null) return words('words.actor.unknown');
    return actorName === 'Engage' ? words('words.actor.engage') : inWords(() => actorName);
  }
  if (actorRole === 'contact') {
    const { name, email } = splitContactName(actorName ?? '');
    const found =
      email === null ? undefined : names.contacts.find((c) => c.email.toLowerCase() === email.toLowerCase());
    const role = contactKindWord(found?.kind ?? 'contact');
    return inWords((language) =>
      translate(language, 'audit', 'words.withRole', { name: found?.name ?? name, role: pick(role, language) }),
    );
  }
  const staffRole = staffRoles.find((candidate) => candidate === actorRole);
  return inWords((language) =>
    translate(language, 'audit', 'words.withRole', {
      name: actorName ?? '—',
      role: staffRole === undefined ? actorRole : translate(language, 'audit', `words.roles.${staffRole}`),
    }),
  );
}

// ——— the sentence ———

/**
 * An event in words: its kind's sentence with the values it names, and the clauses after it. Every kind of the
 * catalogue has one; an event of a kind Engage no longer records is said with its action code.
 */
export function describeAuditEvent(event: AuditEventFacts, names: AuditNames): AuditSentence {
  const actor = actorInWords(event, names);
  if (!isAuditAction(event.action))
    return { key: 'sentences.unknown', values: { actor, action: event.action }, clauses: [] };
  const catalogued: AuditActionEntry = auditActions[event.action];
  const after = recordOf(event.after);
  const reading: EventReading = {
    event,
    names,
    before: recordOf(event.before),
    after,
    earlier: event.subjectId === null ? {} : (names.subjects.get(event.subjectId) ?? {}),
  };
  const described = catalogued.describe(reading);
  const values: Record<string, AuditValue> = { actor };
  for (const [name, value] of Object.entries(described.values)) if (value !== undefined) values[name] = value;
  const completedByEngage = event.action === 'process.advanced' ? [] : textsOf(after['completedByEngage']);
  const clauses = [
    ...(described.clauses ?? []),
    completedByEngage.length === 0
      ? null
      : {
          key: 'clauses.completedByEngage',
          values: { steps: steps(names, completedByEngage), count: completedByEngage.length },
        },
  ].filter((phrase): phrase is AuditPhrase => phrase !== null);
  const base = auditKeyOf(event.action);
  return {
    key: described.variant === undefined ? `sentences.${base}` : `sentences.${base}__${described.variant}`,
    values,
    clauses,
  };
}
