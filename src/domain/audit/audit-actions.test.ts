import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { emailTemplateKeys } from '../content/placeholders';
import { defaultTemplate } from '../process';
import { translate, type TextKey } from '../text/i18n';
import { languages, type Language } from '../text/languages';
import { resourcesByLanguage } from '../text/locales';
import {
  auditActions,
  auditKeyOf,
  auditMailKinds,
  describeAuditEvent,
  isCauseKnown,
  type AuditActionEntry,
} from './audit-actions';
import { noAuditNames, type AuditEventFacts, type AuditNames } from './audit-names';
import { writeAuditSentence, type AuditWriter } from './sentence';

const serverRoot = path.resolve(import.meta.dirname, '../../server');

/** The server's source files, tests and test helpers left out. */
function serverSources(directory = serverRoot): { file: string; text: string }[] {
  return fs.readdirSync(directory, { withFileTypes: true }).flatMap((item) => {
    const full = path.join(directory, item.name);
    if (item.isDirectory()) return item.name === 'test' || item.name === 'migrations' ? [] : serverSources(full);
    if (!item.name.endsWith('.ts') || item.name.endsWith('.test.ts')) return [];
    // Comments left out: they speak of actions in words.
    const text = fs
      .readFileSync(full, 'utf8')
      .replace(/\/\*[\s\S]*?\*\//g, '')
      .replace(/^\s*\/\/.*$/gm, '');
    return [{ file: path.relative(serverRoot, full), text }];
  });
}

/** The expression after `from` up to the comma, brace or semicolon that ends it (brackets and strings followed). */
function expressionAt(text: string, from: number): string {
  let depth = 0;
  let quote: string | null = null;
  for (let index = from; index < text.length; index += 1) {
    const char = text[index] ?? '';
    if (quote !== null) {
      if (char === '\\') index += 1;
      else if (char === quote) quote = null;
      continue;
    }
    if (char === "'" || char === '"' || char === '`') quote = char;
    else if ('([{'.includes(char)) depth += 1;
    else if (')]}'.includes(char)) {
      if (depth === 0) return text.slice(from, index).trim();
      depth -= 1;
    } else if ((char === ',' || char === ';') && depth === 0) return text.slice(from, index).trim();
  }
  return text.slice(from).trim();
}

/** The arguments of each call of `name(` in a text, split at their top-level commas. */
function callArguments(text: string, name: string): string[][] {
  const calls: string[][] = [];
  for (const match of text.matchAll(new RegExp(`\\b${name}\\(`, 'g'))) {
    const args: string[] = [];
    let at = (match.index ?? 0) + match[0].length;
    for (;;) {
      const argument = expressionAt(text, at);
      args.push(argument);
      at = text.indexOf(argument, at) + argument.length;
      while (/\s/.test(text[at] ?? '')) at += 1;
      if (text[at] !== ',') break;
      at += 1;
      while (/\s/.test(text[at] ?? '')) at += 1;
      if (text[at] === ')') break;
    }
    calls.push(args);
  }
  return calls;
}

/** The string literals of an expression, but those it compares with (`purpose === 'invitation' ? 'a' : 'b'`). */
const literals = (expression: string) =>
  [...expression.replace(/[!=]==\s*'[^']*'|'[^']*'\s*[!=]==/g, '').matchAll(/'([^']+)'/g)].map(
    (match) => match[1] ?? '',
  );

/**
 * `action:` properties that are not audit events, or that pass a kind written elsewhere (the kinds themselves are
 * found where they are written: auditActionOf's values, the callers of changeProject, recordRefusal's events).
 */
const notKinds: Readonly<Record<string, readonly string[]>> = {
  'modules/sessions/ics.ts': ["'display'"],
  'modules/audit/audit.tables.ts': ["text('action').notNull()"],
};
const passedThrough = new Set([
  'string',
  'z.string()',
  'row.action',
  'audit.action',
  'event.action',
  'auditActionOf[body.type]',
  'auditActionOf.waive',
  '`${action}.repeated`',
]);

/** Every kind of audit event the server records, read from its source. */
function recordedKinds(): { kinds: Set<string>; unread: string[] } {
  const kinds = new Set<string>();
  const unread: string[] = [];
  for (const { file, text } of serverSources()) {
    for (const match of text.matchAll(/\baction:\s*/g)) {
      const expression = expressionAt(text, (match.index ?? 0) + match[0].length);
      if (notKinds[file]?.includes(expression) === true || passedThrough.has(expression)) continue;
      const found = literals(expression);
      if (found.length === 0) unread.push(`${file}: action: ${expression}`);
      for (const kind of found) kinds.add(kind);
    }
    for (const match of text.matchAll(/const auditActionOf = \{([^}]*)\}/g))
      for (const kind of literals(match[1] ?? '')) kinds.add(kind);
    // A refusal audited once per window is followed by a count of the others, `<kind>.repeated`.
    for (const args of callArguments(text, 'repeatedRefusalEvent'))
      for (const kind of literals(args[0] ?? '')) kinds.add(`${kind}.repeated`);
    for (const args of callArguments(text, 'recordRefusal')) {
      const event = args[3] ?? '';
      let found = literals(/action:\s*('[^']+')/.exec(event)?.[1] ?? '');
      if (found.length === 0 && /^\w+$/.test(event)) {
        const definition = new RegExp(`const ${event}\\b[^=]*= \\{[^}]*?action:\\s*('[^']+')`).exec(text);
        found = literals(definition?.[1] ?? '');
      }
      if (found.length === 0 && !event.startsWith('event')) unread.push(`${file}: recordRefusal(…, ${event})`);
      for (const kind of found) kinds.add(`${kind}.repeated`);
    }
  }
  return { kinds, unread };
}

describe('the catalogue of audit events', () => {
  it('has every kind the server records (a new kind needs its entry in src/domain/audit/audit-actions.ts)', () => {
    const { kinds, unread } = recordedKinds();
    expect(unread).toEqual([]);
    // The reading itself works: kinds of each way of writing one are found.
    for (const kind of [
      'project.created',
      'process.step.waived',
      'checklist.verification-withdrawn',
      'user.enabled',
      'portal.link-requested.repeated',
      'rate-limit.refused.repeated',
    ])
      expect(kinds).toContain(kind);
    expect([...kinds].filter((kind) => !Object.hasOwn(auditActions, kind)).sort()).toEqual([]);
  });

  it('has a label and every sentence of every kind in every language, naming only the values the kind gives', () => {
    const problems: string[] = [];
    for (const language of languages) {
      const audit = resourcesByLanguage[language]?.audit as
        { labels: Record<string, string>; sentences: Record<string, string> } | undefined;
      const labels = audit?.labels ?? {};
      const sentences = audit?.sentences ?? {};
      for (const [kind, catalogued] of Object.entries<AuditActionEntry>(auditActions)) {
        const key = auditKeyOf(kind);
        if (typeof labels[key] !== 'string') problems.push(`${language}: labels.${key} is missing`);
        for (const sentenceKey of [key, ...catalogued.variants.map((variant) => `${key}__${variant}`)]) {
          const forms = [sentenceKey, `${sentenceKey}_one`, `${sentenceKey}_other`].filter(
            (form) => typeof sentences[form] === 'string',
          );
          if (forms.length === 0) problems.push(`${language}: sentences.${sentenceKey} is missing`);
          const allowed = new Set(['actor', ...catalogued.values]);
          for (const form of forms) {
            for (const [, name] of (sentences[form] ?? '').matchAll(/\{\{\s*(\w+)\s*\}\}/g))
              if (!allowed.has(name ?? '')) problems.push(`${language}: sentences.${form} names {{${name}}}`);
            if (form !== sentenceKey && !catalogued.values.includes('count'))
              problems.push(`${language}: sentences.${form} is plural, but ${kind} gives no count`);
          }
        }
      }
    }
    expect(problems).toEqual([]);
  });

  it('says in words every cause the server gives for completing steps by themselves', () => {
    const samples: Readonly<Record<string, string>> = {
      'message.kind': 'service-presentation',
      'sent.kind': 'service-presentation',
      'row.kind': 'session-invitation',
      'document.kind': 'uat',
      checklist: 'pbx',
      applicationKey: 'call-recording',
    };
    const causes: string[] = [];
    for (const { file, text } of serverSources()) {
      const written = [
        ...callArguments(text, 'advanceProjectIn').map((args) => args[4]),
        ...callArguments(text, 'refreshProjectProcess').map((args) => args[3]),
        ...callArguments(text, 'changeDelivery').map((args) => args[3]),
      ];
      for (const cause of written) {
        if (cause === undefined || /^\w+$/.test(cause) || cause.startsWith('cause:')) continue;
        causes.push(
          `${file}: ${cause.replace(/^['`]|['`]$/g, '').replace(/\$\{([^}]+)\}/g, (_, name: string) => samples[name] ?? `?${name}`)}`,
        );
      }
    }
    expect(causes.length).toBeGreaterThan(10);
    expect(causes.filter((cause) => !isCauseKnown(cause.slice(cause.indexOf(': ') + 2)))).toEqual([]);
  });

  it('names every kind of email Engage writes', () => {
    expect(emailTemplateKeys.filter((kind) => !auditMailKinds.includes(kind))).toEqual([]);
  });
});

// ——— sentences of real events ———

const names: AuditNames = {
  ...noAuditNames,
  steps: new Map(defaultTemplate.steps.map((step) => [step.key, { code: step.code, title: step.title }])),
  criteria: new Map(
    defaultTemplate.steps.flatMap((step) =>
      step.exitCriteria.map((criterion) => [criterion.key, { label: criterion.label, stepKey: step.key }] as const),
    ),
  ),
  applications: new Map([['call-recording', { en: 'Call Recording', it: 'Registrazione chiamate' }]]),
  contacts: [
    { id: 'c1', name: 'Anna Neri', email: 'anna.neri@hsr.example', kind: 'customer' },
    { id: 'c2', name: 'Paolo Verdi', email: 'paolo@partner.example', kind: 'partner' },
  ],
  users: new Map([['u1', 'Sara Bianchi']]),
  subjects: new Map([
    ['link-1', { contactId: 'c2', reason: 'contact-email' }],
    ['mail-1', { kind: 'service-presentation', subject: 'Welcome to Engage', to: ['anna.neri@hsr.example'] }],
  ]),
};

function writerIn(language: Language): AuditWriter {
  return {
    language,
    text: (key, values) => translate(language, 'audit', key as TextKey<'audit'>, values),
    instant: (iso) => `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC`,
    day: (isoDay) => isoDay,
  };
}

function said(event: Partial<AuditEventFacts> & { action: string }, language: Language = 'en', with_ = names) {
  const facts: AuditEventFacts = {
    actorName: null,
    actorRole: null,
    subjectType: null,
    subjectId: null,
    before: null,
    after: null,
    ...event,
  };
  return writeAuditSentence(describeAuditEvent(facts, with_), writerIn(language));
}

const engage = { actorName: 'Engage', actorRole: null };
const customer = { actorName: 'Anna Neri <anna.neri@hsr.example>', actorRole: 'contact' };
const manager = { actorName: 'Marco Gialli', actorRole: 'manager' };

describe('audit events in words', () => {
  it('says which steps Engage completed by itself, and why', () => {
    const event = {
      ...engage,
      action: 'process.advanced',
      subjectType: 'project',
      before: { currentStepKey: 'service-presentation', state: 'active' },
      after: {
        cause: 'mail.sent:service-presentation',
        currentStepKey: 'engineer-contact',
        completedByEngage: ['service-presentation'],
      },
    };
    expect(said(event)).toBe(
      'Step E2 “Service presentation” completed by Engage when the service presentation email was accepted by the mail server.',
    );
    expect(said(event, 'it')).toBe(
      'Fase E2 “Presentazione del servizio” completata da Engage quando l’email di presentazione del servizio è stata accettata dal server di posta.',
    );
    expect(said(event, 'de')).toBe(
      'Schritt E2 „Servicevorstellung“ von Engage abgeschlossen, als die E-Mail mit der Servicevorstellung vom Mailserver angenommen wurde.',
    );
    expect(
      said({
        ...event,
        after: {
          ...event.after,
          cause: 'questionnaire call-recording submitted',
          completedByEngage: ['design-questionnaire', 'requirements-refining'],
        },
      }),
    ).toBe(
      'Steps E4 “Design questionnaire completion” and E5 “Configuration details and requirements refining” completed by Engage when the Call Recording questionnaire was submitted.',
    );
  });

  it('says who submitted a questionnaire, with their organisation’s part in the project', () => {
    const event = {
      ...customer,
      action: 'questionnaire.submitted',
      subjectType: 'questionnaire',
      subjectId: 'call-recording',
    };
    expect(said(event)).toBe('Anna Neri (customer) submitted the Call Recording questionnaire.');
    expect(said(event, 'it')).toBe('Anna Neri (cliente) ha inviato il questionario Registrazione chiamate.');
    expect(said(event, 'de')).toBe('Anna Neri (Kunde) hat den Fragebogen Call Recording abgeschickt.');
    expect(said({ ...event, subjectId: 'project' })).toBe('Anna Neri (customer) submitted the project questionnaire.');
    // A contact whose address has changed since is still named, as a contact.
    expect(said(event, 'en', noAuditNames)).toBe('Anna Neri (contact) submitted the call-recording questionnaire.');
  });

  it('says that a contact opened the portal with a personal link, and whose link was revoked', () => {
    expect(said({ ...customer, action: 'portal.link-used', subjectType: 'portal-link', subjectId: 'link-2' })).toBe(
      'Anna Neri (customer) opened the portal with a personal link.',
    );
    expect(
      said({ ...manager, action: 'portal.link-revoked', subjectType: 'portal-link', subjectId: 'link-1' }, 'it'),
    ).toBe('Marco Gialli (manager) ha revocato un link personale di Paolo Verdi (partner).');
  });

  it('says who signed which document, and which version', () => {
    const event = {
      actorName: 'Paolo Verdi <paolo@partner.example>',
      actorRole: 'contact',
      action: 'document.signed',
      subjectType: 'signable-document',
      subjectId: 'doc-1',
      after: { kind: 'activity-report', version: 2, signerName: 'Paolo Verdi' },
    };
    expect(said(event)).toBe('Paolo Verdi (partner) signed “Activity report”, version 2.');
    expect(said(event, 'de')).toBe('Paolo Verdi (Partner) hat „Tätigkeitsbericht“ in Version 2 unterschrieben.');
  });

  it('says a step waived with its reason, and the steps Engage completed after it', () => {
    const event = {
      ...manager,
      action: 'process.step.waived',
      subjectType: 'step',
      subjectId: 'service-presentation',
      after: { reason: 'Presented at the kick-off.', completedByEngage: ['engineer-contact'] },
    };
    expect(said(event)).toBe(
      'Marco Gialli (manager) waived step E2 “Service presentation”. Reason: “Presented at the kick-off.” Engage then completed step E3 “Partner and customer contact”.',
    );
  });

  it('says an email by its subject, found in the event that wrote it', () => {
    expect(
      said({ ...engage, action: 'mail.sent', subjectType: 'mail', subjectId: 'mail-1', after: { attempts: 1 } }),
    ).toBe('The mail server accepted the email “Welcome to Engage”.');
    expect(said({ ...engage, action: 'mail.sent', subjectType: 'mail', subjectId: 'mail-9' })).toBe(
      'The mail server accepted an email.',
    );
  });

  it('says an event of a kind it does not know with its action code', () => {
    expect(said({ ...manager, action: 'something.new' })).toBe('Marco Gialli (manager): something.new.');
  });

  it('says every kind without names looked up, leaving no placeholder unfilled', () => {
    for (const kind of Object.keys(auditActions))
      for (const language of languages) {
        const text = said({ ...manager, action: kind, after: { count: 2 } }, language, noAuditNames);
        expect(text, `${kind} in ${language}`).not.toMatch(/\{\{|\}\}|undefined|\[object/);
      }
  });
});
