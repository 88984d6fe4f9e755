import { createHash } from 'node:crypto';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { runPdfsig, shouldSkipPdfToolTests } from '../src/server/pdf/pdf-tools';
import { startTestSmtpServer, type ReceivedMail, type TestSmtpServer } from '../src/server/test/smtp';
import {
  announceSkip,
  isServerDatabaseAvailable,
  startBuiltServer,
  type BuiltServer,
  type ServerDatabase,
} from './built-server';
import { createHttpClient, followPersonalLink, type HttpClient } from './http-client';
import { personalLinksIn, waitForMail } from './mailbox';

/*
 * One project through all 16 steps, E1 to P8, against the server users run (`npm start`: the dist/ bundle under plain
 * Node ESM, in a child process), over HTTP only, with a real SMTP server. Staff use the JSON API with their session
 * cookie; the customer and the partner act only through the personal links in the emails the SMTP server received:
 * the link's page (GET), then its Continue button (the form's POST), keeping the cookie it sets.
 */

const skipPdfTools = shouldSkipPdfToolTests({
  required: process.env.ENGAGE_PDF_TOOLS === '1' || process.env.CI === 'true',
  suite: 'the pdfsig checks of the sealed documents in e2e/process.http.test.ts',
});

const databases: ServerDatabase[] = ['embedded', 'postgres'];
for (const database of databases) {
  if (!isServerDatabaseAvailable(database))
    announceSkip(`the end-to-end HTTP suite on ${database}`, 'set TEST_DATABASE_URL=postgres://… to run it');
}

interface Field {
  key: string;
  type: string;
  required: boolean;
  showIf?: Condition;
  options?: { value: string; showIf?: Condition }[];
  min?: number;
  minRows?: number;
  columns?: { key: string; type: string; options?: { value: string }[] }[];
}
type Condition =
  | { all: Condition[] }
  | { any: Condition[] }
  | { always: true }
  | { field: string; equals?: unknown; in?: unknown[]; answered?: boolean };

/**
 * Whether a form's condition holds for the answers so far (the form's own rule, read from its JSON). A condition on a
 * project answer not given yet holds: the form shows the question until that answer is known.
 */
function holds(condition: Condition, answers: Record<string, unknown>): boolean {
  if ('all' in condition) return condition.all.every((part) => holds(part, answers));
  if ('any' in condition) return condition.any.some((part) => holds(part, answers));
  if ('always' in condition) return true;
  if (condition.field.startsWith('project.') && !(condition.field in answers)) return true;
  const answer = answers[condition.field];
  const same = (value: unknown) => (Array.isArray(answer) ? answer.includes(value) : answer === value);
  if ('equals' in condition) return same(condition.equals);
  if ('in' in condition && condition.in !== undefined) return condition.in.some(same);
  return answer !== undefined && answer !== null && answer !== '';
}

/**
 * What a contact types into the form: the given answers, and a plain value (the first option offered) for every other
 * required question shown. `projectAnswers` are the project's answers the form's conditions read (`project.<key>`).
 */
function fillIn(
  sections: { fields: Field[] }[],
  given: Record<string, unknown>,
  projectAnswers: Record<string, unknown> = {},
): Record<string, unknown> {
  const answers: Record<string, unknown> = {};
  for (const field of sections.flatMap((section) => section.fields)) {
    const known = { ...projectAnswers, ...answers };
    if (field.showIf !== undefined && !holds(field.showIf, known)) continue;
    if (given[field.key] !== undefined) {
      answers[field.key] = given[field.key];
      continue;
    }
    if (!field.required && !(field.type === 'table' && (field.minRows ?? 0) > 0)) continue;
    const firstOption =
      field.options?.find((option) => option.showIf === undefined || holds(option.showIf, known))?.value ?? '';
    const value = {
      text: `Answer to ${field.key}`,
      'long-text': `Answer to ${field.key}`,
      number: field.min ?? 1,
      date: '2027-05-03',
      'yes-no': false,
      choice: firstOption,
      'multi-choice': [firstOption],
      table: Array.from({ length: Math.max(field.minRows ?? 0, 1) }, (_unused, index) =>
        Object.fromEntries(
          (field.columns ?? []).map((column) => [
            column.key,
            column.type === 'number'
              ? index + 1
              : column.type === 'yes-no'
                ? true
                : column.type === 'choice'
                  ? (column.options?.[0]?.value ?? '')
                  : `Row ${index + 1}`,
          ]),
        ),
      ),
    }[field.type];
    answers[field.key] = value;
  }
  return answers;
}

const today = () => new Date().toISOString().slice(0, 10);
const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

interface ProjectView {
  id: string;
  state: string;
  currentStep: { key: string; code: string } | null;
  process: { isComplete: boolean; timeline: { key: string; code: string; display: string }[] };
}
interface Requirement {
  id: string;
  status: string;
  owner: string;
}
interface Checklist {
  key: string;
  applicationKey: string | null;
}
interface DocumentView {
  id: string;
  kind: string;
  state: string;
  sha256: string;
}

describe.each(databases.filter(isServerDatabaseAvailable))(
  'the built server, E1 to P8 over HTTP (%s database)',
  (database) => {
    let smtp: TestSmtpServer;
    let server: BuiltServer;
    let admin: HttpClient;
    let manager: HttpClient;
    let engineer: HttpClient;
    let support: HttpClient;
    let customer: HttpClient;
    let partner: HttpClient;
    let engineerId: string;
    let projectId: string;
    const customerEmail = 'giulia.rossi@ferretti.example';
    const partnerEmail = 'peter.brown@reseller.example';
    let customerContactId: string;
    let partnerContactId: string;
    const sealedDocuments: { kind: string; pdf: Buffer }[] = [];
    const seen = new Set<ReceivedMail>();
    /** The turn emails ("your next steps") each contact received, in order. */
    const isTurnEmail = (mail: ReceivedMail) => /your next steps/.test(mail.parsed.subject ?? '');
    const turnEmailsTo = (address: string) =>
      smtp.received.filter((mail) => mail.envelopeTo.includes(address) && isTurnEmail(mail));
    const turnEmailsAwaited = new Map<string, number>();
    const nextTurnEmail = (address: string, says: string) => {
      turnEmailsAwaited.set(address, (turnEmailsAwaited.get(address) ?? 0) + 1);
      return waitForMail(smtp, address, (mail) => isTurnEmail(mail) && (mail.parsed.text ?? '').includes(says), {
        seen,
      });
    };
    /** Every answer staff got during the walk: none may carry a personal link's token (the last test). */
    const staffAnswers: string[] = [];
    const staffClient = () =>
      createHttpClient(server.baseUrl, { onAnswer: (answer) => staffAnswers.push(answer.text) });
    // Each step builds on the one before: after a failure the later steps are skipped, not failed for the same reason.
    let hasFailed = false;
    beforeEach((context) => {
      if (hasFailed) context.skip();
    });
    afterEach((context) => {
      if (context.task.result?.state === 'fail') hasFailed = true;
    });

    const project = () => engineer.expect<ProjectView>(200, 'GET', `/api/projects/${projectId}`);
    const stepNow = async () => (await project()).currentStep?.key ?? 'complete';
    /** Polls until the project's current step is `step` (email the SMTP server accepted completes some steps). */
    async function reaches(step: string, timeoutMs = 30_000): Promise<void> {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const now = await stepNow();
        if (now === step) return;
        if (Date.now() > deadline)
          throw new Error(
            `The project stayed at ${now}; expected ${step}. Server output:\n${server.output().slice(-3000)}`,
          );
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
    }
    async function staffUser(role: string, email: string, name: string): Promise<HttpClient> {
      const password = `${role}-password-long-enough`;
      await admin.expect(201, 'POST', '/api/users', { email, name, role, language: 'en', password });
      const client = staffClient();
      await client.expect(200, 'POST', '/api/auth/login', { email, password });
      return client;
    }

    beforeAll(async () => {
      smtp = await startTestSmtpServer();
      server = await startBuiltServer({
        database,
        // Turn emails go out once a project has been quiet for 3 s (users' default: two minutes).
        env: {
          SMTP_URL: smtp.url,
          SUPPORT_MAILBOX: 'Support <support@vendor.example>',
          TURN_EMAIL_QUIET_MINUTES: '0.05',
        },
      });
      admin = staffClient();
      await admin.expect(200, 'POST', '/api/auth/login', server.admin);
      customer = createHttpClient(server.baseUrl);
      partner = createHttpClient(server.baseUrl);
    });
    afterAll(async () => {
      await server?.stop();
      await smtp?.close();
    });

    it('E1: a manager records the purchase order and approves it; the project starts', async () => {
      manager = await staffUser('manager', 'mara.manager@vendor.example', 'Mara Manager');
      engineer = await staffUser('engineer', 'elena.engineer@vendor.example', 'Elena Engineer');
      support = await staffUser('support', 'sam.support@vendor.example', 'Sam Support');
      engineerId = (await engineer.expect<{ user: { id: string } }>(200, 'GET', '/api/auth/me')).user.id;
      await admin.expect(200, 'PATCH', `/api/users/${engineerId}`, { teams: ['recording-analytics'] });

      const ferretti = await manager.expect<{ id: string }>(201, 'POST', '/api/organisations', {
        kind: 'customer',
        name: 'Ferretti Logistica',
      });
      const reseller = await manager.expect<{ id: string }>(201, 'POST', '/api/organisations', {
        kind: 'partner',
        name: 'Reseller Italia',
        paymentTerms: 'engage-on-po',
      });
      customerContactId = (
        await manager.expect<{ id: string }>(201, 'POST', `/api/organisations/${ferretti.id}/contacts`, {
          name: 'Giulia Rossi',
          email: customerEmail,
          language: 'en',
          role: 'technical-reference',
        })
      ).id;
      partnerContactId = (
        await manager.expect<{ id: string }>(201, 'POST', `/api/organisations/${reseller.id}/contacts`, {
          name: 'Peter Brown',
          email: partnerEmail,
          language: 'en',
          role: 'partner-technician',
        })
      ).id;
      const order = await manager.expect<{ id: string }>(201, 'POST', '/api/purchase-orders', {
        number: `PO-${database}-2027-0042`,
        orderDate: today(),
        customerId: ferretti.id,
        partnerId: reseller.id,
        currency: 'EUR',
        amount: 12400,
        lines: [
          { serviceKey: 'installation-remote', quantity: 3 },
          { serviceKey: 'training-admin', quantity: 1 },
        ],
        applications: ['call-recording', 'call-analytics'],
        deployment: 'virtual-appliance',
      });
      const approved = await manager.expect<{ project: { id: string } }>(
        200,
        'POST',
        `/api/purchase-orders/${order.id}/approve`,
      );
      projectId = approved.project.id;
      expect((await manager.expect<ProjectView>(200, 'GET', `/api/projects/${projectId}`)).currentStep?.key).toBe(
        'service-presentation',
      );
    });

    it('E2: the presentation goes to the customer and the partner, with the workflow overview and the terms as PDFs', async () => {
      await manager.expect(200, 'POST', `/api/projects/${projectId}/presentation`, {
        contactIds: [customerContactId, partnerContactId],
      });
      const presentation = await waitForMail(smtp, customerEmail, () => true, { seen });
      expect(presentation.parsed.attachments.map((attachment) => attachment.contentType)).toEqual([
        'application/pdf',
        'application/pdf',
      ]);
      await waitForMail(smtp, partnerEmail, () => true, { seen });
      await reaches('engineer-contact');
    });

    it("E3: the engineer is assigned and writes to both contacts, with one personal link per design questionnaire (the project's first)", async () => {
      await manager.expect(200, 'POST', `/api/projects/${projectId}/engineer`, { engineerId });
      await engineer.expect(200, 'POST', `/api/projects/${projectId}/contact-email`, {
        contactIds: [customerContactId, partnerContactId],
      });
      await reaches('design-questionnaire');
    });

    it("E4: the customer and the partner open their links and submit the project questionnaire, then each application's", async () => {
      const toCustomer = await waitForMail(
        smtp,
        customerEmail,
        (mail) => /design questionnaires/.test(mail.parsed.subject ?? ''),
        { seen },
      );
      const toPartner = await waitForMail(
        smtp,
        partnerEmail,
        (mail) => /design questionnaires/.test(mail.parsed.subject ?? ''),
        { seen },
      );
      const linkTo = (mail: ReceivedMail, target: string) => {
        const link = personalLinksIn(mail).find((candidate) => new URL(candidate).searchParams.get('to') === target);
        if (link === undefined) throw new Error(`No link to ${target} in: ${mail.parsed.text ?? ''}`);
        return link;
      };
      expect(
        personalLinksIn(toCustomer)
          .map((link) => new URL(link).searchParams.get('to'))
          .sort(),
      ).toEqual(['questionnaires/call-analytics', 'questionnaires/call-recording', 'questionnaires/project']);
      expect(await followPersonalLink(customer, linkTo(toCustomer, 'questionnaires/project'))).toBe(
        `/portal/projects/${projectId}/questionnaires/project`,
      );
      expect(await followPersonalLink(partner, linkTo(toPartner, 'questionnaires/call-analytics'))).toBe(
        `/portal/projects/${projectId}/questionnaires/call-analytics`,
      );

      const answer = async (client: HttpClient, key: string, given: Record<string, unknown>) => {
        const url = `/api/portal/projects/${projectId}/questionnaires/${key}`;
        const form = await client.expect<{
          questionnaire: { sections: { fields: Field[] }[] };
          projectAnswers: Record<string, unknown>;
        }>(200, 'GET', url);
        await client.expect(200, 'PATCH', `${url}/answers`, {
          answers: fillIn(form.questionnaire.sections, given, form.projectAnswers),
        });
        await client.expect(204, 'POST', `${url}/submit`);
      };
      // Asked once for the project, before the applications' questionnaires, whose questions follow its answers.
      await answer(customer, 'project', { 'calling-platform': ['cucm'], deployment: 'virtual-appliance' });
      await answer(customer, 'call-recording', { 'recording-method': 'built-in-bridge' });
      await answer(partner, 'call-analytics', {});
      await reaches('requirements-refining');
    });

    it('E5: the engineer reviews the design, records a constraint and confirms the requirement list', async () => {
      await engineer.expect(204, 'POST', `/api/projects/${projectId}/design-review`);
      await engineer.expect(201, 'POST', `/api/projects/${projectId}/design-notes`, {
        kind: 'constraint',
        text: 'The recorder sits in the DMZ VLAN 40.',
        notedOn: today(),
      });
      await engineer.expect(204, 'POST', `/api/projects/${projectId}/requirements/confirm`, {});
      await reaches('requirements-fulfilment');
      // The ball is theirs: each side is told the requirements it must provide, with a link to them.
      const owners = (
        await customer.expect<{ requirements: Requirement[] }>(
          200,
          'GET',
          `/api/portal/projects/${projectId}/requirements`,
        )
      ).requirements;
      for (const [address, owner] of [
        [customerEmail, 'customer'],
        [partnerEmail, 'partner'],
      ] as const) {
        const theirs = owners.filter((requirement) => requirement.owner === owner);
        if (theirs.length === 0) continue;
        const told = await nextTurnEmail(address, 'The requirement list is confirmed');
        expect(told.parsed.text).toContain(`prepare these ${theirs.length} requirements`);
        expect(personalLinksIn(told)).toHaveLength(1);
      }
    });

    it('E6: the contacts fulfil the requirements in the portal and the engineer verifies each one', async () => {
      const list = await customer.expect<{ requirements: Requirement[] }>(
        200,
        'GET',
        `/api/portal/projects/${projectId}/requirements`,
      );
      expect(list.requirements.length).toBeGreaterThan(0);
      const sentBackId = list.requirements.find((requirement) => requirement.owner === 'customer')?.id;
      expect(sentBackId).toBeDefined();
      for (const requirement of list.requirements) {
        const who = requirement.owner === 'partner' ? partner : customer;
        const fulfil = () =>
          who.expect(200, 'POST', `/api/portal/projects/${projectId}/requirements/${requirement.id}/fulfil`, {
            note: 'Done and checked on our side.',
          });
        await fulfil();
        if (requirement.id === sentBackId) {
          // The first is sent back: the customer is told what is missing, and fulfils it again.
          await engineer.expect(204, 'POST', `/api/projects/${projectId}/requirements/${requirement.id}/send-back`, {
            comment: 'Please add the VLAN number.',
          });
          const told = await nextTurnEmail(customerEmail, 'Please add the VLAN number.');
          expect(told.parsed.text).toContain('sent 1 back');
          await fulfil();
        }
        await engineer.expect(204, 'POST', `/api/projects/${projectId}/requirements/${requirement.id}/verify`);
      }
      await reaches('activity-schedule');
    });

    it('E7: the engineer proposes dates, the customer chooses one from the email, and both get the invitation', async () => {
      const suggestions = await engineer.expect<{ engineer: { slots: { start: string }[] } }>(
        200,
        'GET',
        `/api/projects/${projectId}/slot-suggestions?durationMinutes=120&count=3`,
      );
      expect(suggestions.engineer.slots.length).toBeGreaterThan(0);
      const proposed = await engineer.expect<{ proposals: { id: string; slots: { id: string }[] }[] }>(
        200,
        'POST',
        `/api/projects/${projectId}/proposals`,
        {
          stepKey: 'activity-schedule',
          title: 'Installation kick-off',
          durationMinutes: 120,
          mode: 'remote',
          location: 'https://meet.example.com/j/8841',
          attendeeContactIds: [customerContactId],
          slots: suggestions.engineer.slots,
        },
      );
      const proposal = proposed.proposals[0]!;
      const email = await waitForMail(smtp, customerEmail, (mail) => /choose a date/.test(mail.parsed.subject ?? ''), {
        seen,
      });
      expect(await followPersonalLink(customer, personalLinksIn(email)[0]!)).toBe(
        `/portal/projects/${projectId}/sessions`,
      );
      await customer.expect(200, 'POST', `/api/portal/projects/${projectId}/proposals/${proposal.id}/accept`, {
        sessionId: proposal.slots[0]!.id,
      });
      const invitation = await waitForMail(
        smtp,
        customerEmail,
        (mail) => mail.parsed.attachments.some((attachment) => attachment.contentType.startsWith('text/calendar')),
        { seen },
      );
      expect(invitation.raw.toString('utf8')).toMatch(/METHOD:REQUEST/);
      await reaches('activity-start');
    });

    it('E8: the kick-off that took place by phone is recorded with its past date and is held at once', async () => {
      const start = new Date(Date.now() - 2 * 3600_000);
      await engineer.expect(200, 'POST', `/api/projects/${projectId}/past-sessions`, {
        stepKey: 'activity-start',
        title: 'Kick-off call',
        start: start.toISOString(),
        durationMinutes: 60,
        mode: 'remote',
        location: 'Phone',
        attendeeContactIds: [customerContactId],
        note: 'Agreed the installation plan by phone.',
      });
      await reaches('environment');
      // P1 opens for the customer and the partner: both are told their checklist is open.
      for (const address of [customerEmail, partnerEmail])
        expect((await nextTurnEmail(address, 'Prepare the machines (P1)')).parsed.text).toMatch(
          /The checklist "Prepare the machines \(P1\)" is open for you \(\d+ items\)/,
        );
    });

    it('P1–P4: the partner ticks the checklists in the portal; the engineer verifies, installs and configures', async () => {
      const delivery = () =>
        engineer.expect<{ environment: Checklist[]; pbx: Checklist[]; configurations: { applicationKey: string }[] }>(
          200,
          'GET',
          `/api/projects/${projectId}/delivery`,
        );
      const tickAndVerify = async (checklist: 'environment' | 'pbx', items: Checklist[]) => {
        for (const item of items) {
          const body = {
            itemKey: item.key,
            ...(item.applicationKey === null ? {} : { applicationKey: item.applicationKey }),
          };
          await partner.expect(200, 'PUT', `/api/portal/projects/${projectId}/delivery/checklists/${checklist}/ticks`, {
            ...body,
            ticked: true,
          });
          await engineer.expect(
            200,
            'PUT',
            `/api/projects/${projectId}/delivery/checklists/${checklist}/verifications`,
            { ...body, verified: true },
          );
        }
      };
      await tickAndVerify('environment', (await delivery()).environment);
      await reaches('installation');
      for (const { applicationKey } of (await delivery()).configurations) {
        await engineer.expect(
          200,
          'PUT',
          `/api/projects/${projectId}/delivery/configurations/${applicationKey}/installation`,
          { installedVersion: '2027.1' },
        );
      }
      await engineer.expect(200, 'POST', `/api/projects/${projectId}/work-log`, {
        stepKey: 'installation',
        performer: { kind: 'staff', userId: engineerId },
        workDate: today(),
        durationMinutes: 240,
        description: 'Installed Call Recording and Call Analytics on the virtual appliance.',
      });
      await reaches('pbx-configuration');
      // P3 is the partner's alone.
      await nextTurnEmail(partnerEmail, 'PBX tasks (P3)');
      await tickAndVerify('pbx', (await delivery()).pbx);
      await reaches('application-configuration');
      for (const { applicationKey } of (await delivery()).configurations) {
        await engineer.expect(200, 'PATCH', `/api/projects/${projectId}/delivery/configurations/${applicationKey}`, {
          values: { 'server-hostname': `${applicationKey}.ferretti.local` },
        });
        await engineer.expect(
          200,
          'PUT',
          `/api/projects/${projectId}/delivery/configurations/${applicationKey}/completion`,
          { configured: true },
        );
      }
      await reaches('user-acceptance-tests');
    });

    /** The engineer puts a document up for signature; the customer signs it from the emailed link; the sealed copy arrives. */
    async function signThroughTheEmail(
      kind: 'uat' | 'activity-report',
      signature: Record<string, unknown>,
    ): Promise<void> {
      await engineer.expect(200, 'POST', `/api/projects/${projectId}/delivery/documents`, {
        kind,
        signerContactIds: [customerContactId],
      });
      const request = await waitForMail(
        smtp,
        customerEmail,
        (mail) => /please review and sign/.test(mail.parsed.subject ?? ''),
        { seen },
      );
      const signer = createHttpClient(server.baseUrl);
      expect(await followPersonalLink(signer, personalLinksIn(request)[0]!)).toBe(
        `/portal/projects/${projectId}/delivery`,
      );
      const view = await signer.expect<{ documents: DocumentView[] }>(
        200,
        'GET',
        `/api/portal/projects/${projectId}/delivery`,
      );
      const document = view.documents.find(
        (candidate) => candidate.kind === kind && candidate.state === 'awaiting-signature',
      )!;
      const pdf = await signer.request(
        'GET',
        `/api/portal/projects/${projectId}/delivery/documents/${document.id}/pdf`,
      );
      expect(pdf.status).toBe(200);
      expect(sha256(pdf.body)).toBe(document.sha256);
      await signer.expect(
        200,
        'POST',
        `/api/portal/projects/${projectId}/delivery/documents/${document.id}/signature`,
        {
          documentSha256: sha256(pdf.body),
          fullName: 'Giulia Rossi',
          consent: true,
          signature,
        },
      );
      const sealed = await waitForMail(
        smtp,
        customerEmail,
        (mail) => /your signed copy/.test(mail.parsed.subject ?? ''),
        { seen },
      );
      sealedDocuments.push({
        kind,
        pdf: sealed.parsed.attachments.find((attachment) => attachment.contentType === 'application/pdf')!.content,
      });
    }

    it('P5: every UAT item passes, and the customer signs the UAT document from the emailed link', async () => {
      const { uat } = await engineer.expect<{ uat: { items: { applicationKey: string; key: string }[] } }>(
        200,
        'GET',
        `/api/projects/${projectId}/delivery`,
      );
      for (const item of uat.items)
        await engineer.expect(
          200,
          'PUT',
          `/api/projects/${projectId}/delivery/uat/${item.applicationKey}/${item.key}`,
          { result: 'pass' },
        );
      await signThroughTheEmail('uat', { kind: 'typed', text: 'Giulia Rossi' });
      await reaches('training');
    });

    it('P6–P7: the admin training that was bought and the on-the-job training are recorded; the customer signs the activity report', async () => {
      await engineer.expect(200, 'POST', `/api/projects/${projectId}/delivery/trainings`, {
        kind: 'admin',
        date: today(),
        durationMinutes: 180,
        attendees: ['Giulia Rossi', 'Marco Bianchi'],
        topics: 'Recording rules, retention, user rights',
      });
      await engineer.expect(200, 'POST', `/api/projects/${projectId}/delivery/trainings`, {
        kind: 'on-the-job',
        date: today(),
        durationMinutes: 60,
        attendees: ['Giulia Rossi'],
        topics: 'Searching and exporting recordings while on the job',
      });
      await reaches('activity-report');
      await engineer.expect(200, 'PUT', `/api/projects/${projectId}/delivery/notes`, {
        reportNotes: 'Installed and configured as designed.',
        maintenanceNotes: 'Purge job on the recorder at 02:00.',
      });
      await signThroughTheEmail('activity-report', { kind: 'typed', text: 'Giulia Rossi' });
      await reaches('handover');
    });

    it('P8: the engineer closes the project; support receives the package and finds the dossier', async () => {
      await engineer.expect(200, 'POST', `/api/projects/${projectId}/delivery/handover`);
      const handover = await waitForMail(smtp, 'support@vendor.example', () => true, { seen });
      expect(
        handover.parsed.attachments.filter((attachment) => attachment.contentType === 'application/pdf').length,
      ).toBeGreaterThanOrEqual(2);
      await reaches('complete');
      const closed = await project();
      expect(closed.process.isComplete).toBe(true);
      expect(closed.process.timeline.map((step) => step.display)).toEqual(Array.from({ length: 16 }, () => 'done'));
      const found = await support.expect<{ items: { projectId: string }[] }>(
        200,
        'GET',
        `/api/dossiers?q=${encodeURIComponent('call-recording.ferretti.local')}`,
      );
      expect(found.items.map((item) => item.projectId)).toContain(projectId);
    });

    it('the sealed documents verify: pdfsig reports them valid, and the public verification route knows them', async () => {
      expect(sealedDocuments.map((document) => document.kind)).toEqual(['uat', 'activity-report']);
      const visitor = createHttpClient(server.baseUrl);
      for (const document of sealedDocuments) {
        const answer = await visitor.request('POST', '/api/verify', {
          body: document.pdf,
          contentType: 'application/pdf',
        });
        expect(answer.status).toBe(200);
        expect(answer.json()).toMatchObject({ outcome: 'sealed-unchanged' });
        if (skipPdfTools) continue;
        const report = await runPdfsig(document.pdf);
        expect(report).toMatch(/Signature is Valid/);
        expect(report).toMatch(/Total document signed/);
      }
      expect(server.output()).not.toMatch(/TypeError|Unhandled|ERR_/);
    });

    it('each turn email went out once: no contact was told anything twice, nor anything more', async () => {
      // What Engage wrote (the Mail tab) is what arrived, and each arrived when it was awaited: nothing twice.
      const { items } = await engineer.expect<{ items: { kind: string; to: { email: string }[] }[] }>(
        200,
        'GET',
        `/api/projects/${projectId}/mail`,
      );
      for (const address of [customerEmail, partnerEmail]) {
        const written = items.filter(
          (message) => message.kind === 'turn-update' && message.to.some((to) => to.email === address),
        );
        expect(written.length, address).toBe(turnEmailsAwaited.get(address));
        expect(turnEmailsTo(address).length, address).toBe(turnEmailsAwaited.get(address));
      }
      expect(turnEmailsAwaited.get(customerEmail)).toBeGreaterThanOrEqual(3);
      expect(turnEmailsAwaited.get(partnerEmail)).toBeGreaterThanOrEqual(2);
    });

    it('no staff answer carries a personal link: the Mail tab, each message and its .eml show it redacted, and there is no trial mailbox', async () => {
      const { items } = await engineer.expect<{ items: { id: string }[] }>(
        200,
        'GET',
        `/api/projects/${projectId}/mail`,
      );
      for (const message of items) {
        await engineer.expect(200, 'GET', `/api/mail/${message.id}`);
        expect((await engineer.request('GET', `/api/mail/${message.id}/source`)).status).toBe(200);
      }
      expect((await admin.request('GET', '/api/admin/trial-mail')).status).toBe(404);
      const tokens = smtp.received.flatMap((mail) =>
        [...(mail.parsed.text ?? '').matchAll(/\/portal\/link\/([A-Za-z0-9_-]{43})/g)].map((match) => match[1] ?? ''),
      );
      expect(tokens.length).toBeGreaterThan(5);
      const answers = staffAnswers.join('\n');
      for (const token of tokens) expect(answers).not.toContain(token);
      expect(answers).toContain('[personal link, sent to the recipient only:');
    });
  },
);
