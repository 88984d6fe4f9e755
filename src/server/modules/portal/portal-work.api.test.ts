import { sql } from 'drizzle-orm';
import type { AnswerValue } from '../../../domain/content';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestEngage, isTestDatabaseAvailable, type TestEngage } from '../../test/harness';
import { answersForRequired, latestMailTo, projectAtDesignQuestionnaire, signInContact } from '../../test/portal';
import { cucmOnAppliance } from '../../test/questionnaires';
import { sendDueReminders } from '../reminders/reminders.service';

const pdf = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n', 'latin1');
// The first bytes of a Windows program (MZ header, DOS stub), named like a PDF.
const program = Buffer.concat([
  Buffer.from('MZ', 'latin1'),
  Buffer.alloc(58),
  Buffer.from([0x80, 0, 0, 0]),
  Buffer.alloc(64),
  Buffer.from('PE\0\0', 'latin1'),
  Buffer.alloc(200),
]);

describe.skipIf(!isTestDatabaseAvailable)(
  'portal work: questionnaires (E4), requirements (E5) and their fulfilment (E6)',
  () => {
    let engage: TestEngage;
    let manager: string;
    let engineer: { cookie: string; id: string };

    const call = (method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, cookie: string, payload?: unknown) =>
      engage.request({
        method,
        url,
        headers: { cookie },
        ...(payload === undefined ? {} : { payload: payload as Record<string, unknown> }),
      });
    const upload = (
      url: string,
      cookie: string,
      name: string,
      content: Buffer,
      contentType = 'application/octet-stream',
    ) =>
      engage.request({
        method: 'POST',
        url: `${url}?name=${encodeURIComponent(name)}`,
        headers: { cookie, 'content-type': contentType },
        payload: content,
      });

    async function auditActions(projectId: string): Promise<string[]> {
      const result = await engage.context.db.execute<{ action: string }>(
        sql`select action from audit_events where project_id = ${projectId} order by id`,
      );
      return (result as { rows: { action: string }[] }).rows.map((row) => row.action);
    }

    /**
     * The reminder sweep is for every project: sends, just before `at`, what the other tests' projects are due by then,
     * so that a sweep at `at` counts only the project whose reminder falls due at `at` (created or confirmed last).
     */
    async function remindOthersBefore(at: Date): Promise<void> {
      engage.setNow(new Date(at.getTime() - 1));
      try {
        await sendDueReminders(engage.context);
      } finally {
        engage.setNow(null);
      }
    }

    /** A fresh project at E4 (design questionnaires), its engineer assigned, the customer's and partner's contacts signed in. */
    async function projectAtQuestionnaires() {
      const setup = await projectAtDesignQuestionnaire(engage, manager);
      const { projectId, customerContact, partnerContact } = setup;
      await engage.context.db.execute(sql`update projects set engineer_id = ${engineer.id} where id = ${projectId}`);
      return {
        projectId,
        customerContact,
        partnerContact,
        customer: await signInContact(engage, manager, projectId, customerContact),
        partner: await signInContact(engage, manager, projectId, partnerContact),
        portal: (path: string) => `/api/portal/projects/${projectId}${path}`,
        staff: (path: string) => `/api/projects/${projectId}${path}`,
      };
    }
    type Project = Awaited<ReturnType<typeof projectAtQuestionnaires>>;

    /** E4, drafts: the customer picks the calling platform and answers two recording questions, the partner two more. */
    async function answeredTogether({ portal, customer, partner }: Project): Promise<void> {
      const platform = await call('PATCH', portal('/questionnaires/project/answers'), customer, {
        answers: { 'calling-platform': ['cucm'] },
      });
      expect(platform.statusCode).toBe(200);
      const first = await call('PATCH', portal('/questionnaires/call-recording/answers'), customer, {
        answers: { 'recording-mode': 'always', 'recorded-users': 40 },
      });
      expect(first.statusCode).toBe(200);
      const second = await call('PATCH', portal('/questionnaires/call-recording/answers'), partner, {
        answers: { 'recording-method': 'built-in-bridge', 'recorded-users': 45 },
      });
      expect(second.statusCode).toBe(200);
    }

    /** E4, overdue: the sweep an hour after the questionnaires' due date reminds the project's contacts. */
    async function questionnairesReminded({ portal, customer }: Project): Promise<void> {
      const due = new Date((await call('GET', portal('/questionnaires'), customer)).json().items[0].dueAt as string);
      await remindOthersBefore(due);
      engage.setNow(new Date(due.getTime() + 3600_000));
      try {
        expect(await sendDueReminders(engage.context)).toEqual({ questionnaires: 1, requirements: 0 });
      } finally {
        engage.setNow(null);
      }
    }

    /** E4 completes (after answeredTogether): the customer submits the project questionnaire, the engineer the application's. */
    async function questionnairesSubmitted({ portal, staff, customer }: Project): Promise<void> {
      const projectForm = (await call('GET', portal('/questionnaires/project'), customer)).json();
      const projectAnswers = answersForRequired(projectForm.questionnaire, {
        ...cucmOnAppliance,
        'directory-source': 'entra-id',
        'email-notifications': true,
        'smtp-account': false,
      });
      expect(
        (await call('PATCH', portal('/questionnaires/project/answers'), customer, { answers: projectAnswers }))
          .statusCode,
      ).toBe(200);
      expect((await call('POST', portal('/questionnaires/project/submit'), customer)).statusCode).toBe(204);
      const form = (await call('GET', staff('/questionnaires/call-recording'), engineer.cookie)).json();
      const answers = answersForRequired(form.questionnaire, { 'recording-method': 'built-in-bridge' });
      expect(
        (await call('PATCH', staff('/questionnaires/call-recording/answers'), engineer.cookie, { answers })).statusCode,
      ).toBe(200);
      expect((await call('POST', staff('/questionnaires/call-recording/submit'), engineer.cookie)).statusCode).toBe(
        204,
      );
    }

    const addedTitle = {
      en: 'Open TCP 5060 from the SBC to the recorder',
      it: 'Aprire TCP 5060 dal SBC al registratore',
    };
    const addedDescription = { en: 'Needed for SIPREC from the SBC.', it: 'Serve per il SIPREC dal SBC.' };

    /** E5 completes: the engineer reviews the design, records a constraint, adds a requirement and confirms the list. */
    async function requirementsConfirmed({ staff }: Project): Promise<void> {
      expect((await call('POST', staff('/design-review'), engineer.cookie)).statusCode).toBe(204);
      expect(
        (
          await call('POST', staff('/design-notes'), engineer.cookie, {
            kind: 'constraint',
            text: 'Recording server must sit in the DMZ VLAN 40.',
            notedOn: '2027-04-20',
            meeting: 'Design call with IT',
          })
        ).statusCode,
      ).toBe(201);
      expect(
        (
          await call('POST', staff('/requirements'), engineer.cookie, {
            category: 'network',
            title: addedTitle,
            description: addedDescription,
            owner: 'customer',
            leadTimeDays: 5,
          })
        ).statusCode,
      ).toBe(201);
      expect((await call('POST', staff('/requirements/confirm'), engineer.cookie, {})).statusCode).toBe(204);
    }

    /**
     * E6 completes: the customer fulfils one with evidence, the partner another (sent back once), the engineer verifies,
     * a manager waives one, the rest are fulfilled and verified, the vendor's own prepared by the engineer.
     */
    async function requirementsFulfilled({ portal, staff, customer, partner }: Project): Promise<void> {
      const all = (await call('GET', portal('/requirements'), customer)).json().requirements as {
        id: string;
        owner: string;
      }[];
      const ours = all.filter((item) => item.owner === 'vendor');
      const [first, second, toWaive, ...others] = all.filter((item) => item.owner !== 'vendor');
      if (first === undefined || second === undefined || toWaive === undefined)
        throw new Error('expected requirements');
      expect(
        (await upload(portal(`/requirements/${first.id}/files`), customer, 'firewall-rules.pdf', pdf)).statusCode,
      ).toBe(201);
      expect((await call('POST', portal(`/requirements/${first.id}/fulfil`), customer, {})).statusCode).toBe(200);
      expect(
        (await call('POST', portal(`/requirements/${second.id}/fulfil`), partner, { note: 'CUCM 14 SU3 installed' }))
          .statusCode,
      ).toBe(200);
      expect(
        (
          await call('POST', staff(`/requirements/${second.id}/send-back`), engineer.cookie, {
            comment: 'Please send the version screen.',
          })
        ).statusCode,
      ).toBe(204);
      expect(
        (
          await call('POST', portal(`/requirements/${second.id}/fulfil`), partner, {
            note: 'Screenshot attached to the ticket',
          })
        ).statusCode,
      ).toBe(200);
      for (const item of [first, second])
        expect((await call('POST', staff(`/requirements/${item.id}/verify`), engineer.cookie)).statusCode).toBe(204);
      expect(
        (
          await call('POST', staff(`/requirements/${toWaive.id}/waive`), manager, {
            reason: 'Customer uses an existing share',
          })
        ).statusCode,
      ).toBe(204);
      for (const item of others) {
        expect(
          (await call('POST', portal(`/requirements/${item.id}/fulfil`), customer, { note: 'Done' })).statusCode,
        ).toBe(200);
        expect((await call('POST', staff(`/requirements/${item.id}/verify`), engineer.cookie)).statusCode).toBe(204);
      }
      for (const item of ours) {
        expect(
          (
            await call('POST', staff(`/requirements/${item.id}/fulfil`), engineer.cookie, {
              note: 'Support enabled the LDAP interface',
            })
          ).statusCode,
        ).toBe(200);
        expect((await call('POST', staff(`/requirements/${item.id}/verify`), engineer.cookie)).statusCode).toBe(204);
      }
    }

    beforeAll(async () => {
      engage = await createTestEngage({ portal: { uploadMaxBytes: 64 * 1024 } });
      manager = (await engage.staff('manager')).cookie;
      const engineerUser = await engage.staff('engineer', { name: 'Enzo Engineer' });
      engineer = { cookie: engineerUser.cookie, id: engineerUser.user.id };
    });
    afterAll(async () => {
      await engage?.close();
    });

    it('saves each field on its own: two contacts filling one form keep both answers, the last write of a field wins, with who and when', async () => {
      const setup = await projectAtQuestionnaires();
      const { portal, customer } = setup;
      const list = (await call('GET', portal('/questionnaires'), customer)).json().items as {
        applicationKey: string;
        kind: string;
      }[];
      // The project questionnaire comes first: the applications' questions depend on it.
      expect(list.map((item) => [item.applicationKey, item.kind])).toEqual([
        ['project', 'project'],
        ['call-recording', 'application'],
      ]);
      await answeredTogether(setup);
      const form = (await call('GET', portal('/questionnaires/call-recording'), customer)).json();
      expect(form.answers['recording-mode']).toMatchObject({
        value: 'always',
        by: { kind: 'contact', name: 'Giulia Rossi' },
        withEngineer: false,
      });
      // The form reads the project's answers as they stand, drafts included.
      expect(form.projectAnswers).toMatchObject({
        'project.calling-platform': ['cucm'],
        'project.deployment': 'virtual-appliance',
        'project.applications': ['call-recording'],
      });
      expect(form.answers['recording-method']).toMatchObject({ value: 'built-in-bridge', by: { name: 'Peter Brown' } });
      expect(form.answers['recorded-users']).toMatchObject({ value: 45, by: { name: 'Peter Brown' } });
      expect(Date.parse(form.answers['recorded-users'].at)).toBeGreaterThan(0);
      expect(form.status).toBe('open');
      expect(form.questionnaire.sections.length).toBeGreaterThan(2);
    });

    it('refuses wrong answers, naming each field, and saves nothing of that request', async () => {
      const setup = await projectAtQuestionnaires();
      await answeredTogether(setup);
      const { portal, customer } = setup;
      const wrong = await call('PATCH', portal('/questionnaires/call-recording/answers'), customer, {
        answers: {
          'recorded-users': 'many',
          'recording-method': 'fax-machine',
          'no-such-question': 1,
          announcement: true,
        },
      });
      expect(wrong.statusCode).toBe(400);
      expect(
        wrong
          .json()
          .details.map((detail: { path: string }) => detail.path)
          .sort(),
      ).toEqual(['body.answers.no-such-question', 'body.answers.recorded-users', 'body.answers.recording-method']);
      const form = (await call('GET', portal('/questionnaires/call-recording'), customer)).json();
      expect(form.answers.announcement).toBeUndefined();
      expect(form.answers['recorded-users'].value).toBe(45);
    });

    it('refuses a renamed program, an oversized file and an empty one with clear messages, and keeps a real PDF under a generated name', async () => {
      const { projectId, portal, staff, customer, partner } = await projectAtQuestionnaires();
      const url = portal('/questionnaires/call-recording/files');
      const renamed = await upload(url, customer, 'network-diagram.pdf', program);
      expect(renamed.statusCode).toBe(415);
      expect(renamed.json()).toMatchObject({ code: 'file_type_refused' });
      expect(renamed.json().message).toMatch(
        /“network-diagram\.pdf” is a program \(\.exe\), even though its name ends in \.pdf/,
      );
      const oversized = await upload(url, customer, 'huge.pdf', Buffer.concat([pdf, Buffer.alloc(70 * 1024)]));
      expect(oversized.statusCode).toBe(413);
      expect(oversized.json().message).toMatch(/larger than 64 KB/);
      const empty = await upload(url, customer, 'empty.pdf', Buffer.alloc(0));
      expect(empty.statusCode).toBe(400);
      expect(empty.json().message).toMatch(/“empty\.pdf” is empty/);

      const kept = await upload(url, customer, '../../etc/Diagram "v2";.pdf', pdf, 'application/pdf');
      expect(kept.statusCode).toBe(201);
      expect(kept.json()).toMatchObject({
        name: 'Diagram "v2";.pdf',
        contentType: 'application/pdf',
        size: pdf.length,
        uploadedBy: { name: 'Giulia Rossi' },
      });
      const download = await call('GET', portal(`/files/${kept.json().id}`), partner);
      expect(download.statusCode).toBe(200);
      expect(download.headers['content-type']).toBe('application/pdf');
      expect(download.headers['content-disposition']).toMatch(/^attachment; filename="Diagram \\"v2\\";\.pdf"/);
      expect(download.headers['x-content-type-options']).toBe('nosniff');
      expect(download.rawPayload.equals(pdf)).toBe(true);
      // Staff reach the same file through the project.
      expect((await call('GET', staff(`/files/${kept.json().id}`), engineer.cookie)).statusCode).toBe(200);
      const files = await engage.context.db.execute<{ count: number }>(
        sql`select count(*)::int as count from stored_files where project_id = ${projectId}`,
      );
      expect((files as { rows: { count: number }[] }).rows[0]?.count).toBe(1);
    });

    it('reminds the contacts while the questionnaire is overdue, once per interval, with a fresh link', async () => {
      const { projectId, portal, customer, customerContact } = await projectAtQuestionnaires();
      const due = (await call('GET', portal('/questionnaires'), customer)).json().items[0].dueAt as string;
      await remindOthersBefore(new Date(due));
      engage.setNow(new Date(Date.parse(due) + 3600_000));
      try {
        expect(await sendDueReminders(engage.context)).toEqual({ questionnaires: 1, requirements: 0 });
        expect(await sendDueReminders(engage.context)).toEqual({ questionnaires: 0, requirements: 0 });
      } finally {
        engage.setNow(null);
      }
      const reminders = await engage.context.db.execute<{ to: { email: string }[]; text: string }>(
        sql`select to_addresses as "to", text_body as text from mail_messages where project_id = ${projectId} and kind = 'questionnaire-reminder'`,
      );
      const rows = (reminders as { rows: { to: { email: string }[]; text: string }[] }).rows;
      // No contact email went out (E3 was waived): the customer's technical reference is reminded.
      expect(rows.map((row) => row.to[0]?.email)).toEqual([customerContact.email]);
      // Kept with its link redacted; the contact's copy carries a fresh token.
      expect(rows[0]?.text).toContain('/portal/link/[personal link, sent to the recipient only: portal]');
      // The project questionnaire is named by its title, like the applications' questionnaires.
      expect(rows[0]?.text).toContain('Project design questionnaire');
      expect(rows[0]?.text).toContain('Call Recording design questionnaire');
      expect((await latestMailTo(engage, projectId, customerContact.email)).text).toMatch(
        /\/portal\/link\/[A-Za-z0-9_-]{43}/,
      );
    });

    it('refuses to submit with required answers missing and lists them; the engineer completes it with the customer, and E4 completes', async () => {
      const setup = await projectAtQuestionnaires();
      await answeredTogether(setup);
      const { projectId, portal, staff, customer } = setup;
      // The application's questions depend on the project's answers: its questionnaire waits for the project questionnaire.
      const early = await call('POST', portal('/questionnaires/call-recording/submit'), customer);
      expect(early.statusCode).toBe(409);
      expect(early.json().message).toMatch(/^Submit the project questionnaire first/);
      const projectMissing = await call('POST', portal('/questionnaires/project/submit'), customer);
      expect(projectMissing.statusCode).toBe(400);
      expect(projectMissing.json().details.map((detail: { path: string }) => detail.path)).toEqual(
        expect.arrayContaining(['answers.deployment', 'answers.directory-source', 'answers.cucm-version']),
      );
      const projectForm = (await call('GET', portal('/questionnaires/project'), customer)).json();
      const projectAnswers = answersForRequired(projectForm.questionnaire, {
        ...cucmOnAppliance,
        'directory-source': 'entra-id',
        'email-notifications': true,
        'smtp-account': false,
      });
      expect(
        (await call('PATCH', portal('/questionnaires/project/answers'), customer, { answers: projectAnswers }))
          .statusCode,
      ).toBe(200);
      expect((await call('POST', portal('/questionnaires/project/submit'), customer)).statusCode).toBe(204);

      const missing = await call('POST', portal('/questionnaires/call-recording/submit'), customer);
      expect(missing.statusCode).toBe(400);
      expect(missing.json().message).toMatch(/required answers are missing/);
      const paths = missing.json().details.map((detail: { path: string }) => detail.path);
      expect(paths).toContain('answers.storage-target');
      // A field hidden by an answer is never required: the SBC model is not asked for Built-in Bridge recording.
      expect(paths).not.toContain('answers.sbc-model');

      const form = (await call('GET', staff('/questionnaires/call-recording'), engineer.cookie)).json();
      const answers = answersForRequired(form.questionnaire, { 'recording-method': 'built-in-bridge' });
      const saved = await call('PATCH', staff('/questionnaires/call-recording/answers'), engineer.cookie, { answers });
      expect(saved.statusCode).toBe(200);
      expect(saved.json().answers['storage-target']).toMatchObject({
        by: { kind: 'staff', name: 'Enzo Engineer' },
        withEngineer: true,
      });
      expect((await call('POST', staff('/questionnaires/call-recording/submit'), engineer.cookie)).statusCode).toBe(
        204,
      );
      const project = (await call('GET', `/api/portal/projects/${projectId}`, customer)).json();
      expect(project.timeline.now.key).toBe('requirements-refining');
      expect(
        project.questionnaires.map((item: { applicationKey: string; status: string }) => [
          item.applicationKey,
          item.status,
        ]),
      ).toEqual([
        ['project', 'submitted'],
        ['call-recording', 'submitted'],
      ]);
      expect(project.questionnaires[1]).toMatchObject({ submittedBy: 'Enzo Engineer' });
      // Submitted: answers are closed until it is reopened.
      expect(
        (
          await call('PATCH', portal('/questionnaires/call-recording/answers'), customer, {
            answers: { 'recorded-users': 1 },
          })
        ).statusCode,
      ).toBe(409);
    });

    it('generates the requirements with why each was raised; the engineer reviews, records a constraint and confirms (E5)', async () => {
      const setup = await projectAtQuestionnaires();
      await answeredTogether(setup);
      await questionnairesSubmitted(setup);
      const { projectId, staff, customer } = setup;
      const list = (await call('GET', staff('/requirements'), engineer.cookie)).json();
      const rules = list.requirements.map(
        (requirement: { applicationKey: string; ruleKey: string }) =>
          `${requirement.applicationKey}/${requirement.ruleKey}`,
      );
      expect(rules).toEqual(
        expect.arrayContaining([
          'call-recording/cucm-built-in-bridge',
          'call-recording/recorder-ports',
          'project/virtual-appliance-host',
          'project/entra-id-sync-tool',
          'project/smtp-relay',
        ]),
      );
      // Asked once, raised once: the project's server, directory and relay are not the application's.
      expect(rules.filter((rule: string) => rule.endsWith('/smtp-relay'))).toEqual(['project/smtp-relay']);
      const bridge = list.requirements.find(
        (requirement: { ruleKey: string }) => requirement.ruleKey === 'cucm-built-in-bridge',
      );
      expect(bridge.reason.en).toMatch(
        /^You answered “Cisco Unified Communications Manager \(CUCM\)” to “Which platforms carry the calls of the users in scope\?”; you answered “/,
      );
      expect(bridge.reason.it).toMatch(
        /^Avete risposto “Cisco Unified Communications Manager \(CUCM\)” a “Quali piattaforme gestiscono le chiamate degli utenti previsti\?”/,
      );
      // The server's sizing is the sum over the applications in scope, printed in both languages.
      const host = list.requirements.find(
        (requirement: { ruleKey: string }) => requirement.ruleKey === 'virtual-appliance-host',
      );
      expect(host.description.en).toContain(
        '4 vCPU, 16 GB RAM and 100 GB of disk reserved for the appliance, which runs Call Recording',
      );
      expect(host.description.it).toContain('4 vCPU, 16 GB di RAM e 100 GB di disco');
      expect(host.reason.en).toBe(
        "You answered “The vendor's virtual appliance on your hypervisor” to “Where will the applications run?”",
      );
      expect(list.pendingChanges).toEqual({ adds: [], removes: [] });
      expect(list.confirmBlockers).toEqual(['Mark the design reviewed.']);

      const early = await call('POST', staff('/requirements/confirm'), engineer.cookie, {});
      expect(early.statusCode).toBe(409);
      expect(early.json().message).toMatch(/Mark the design reviewed/);
      expect((await call('POST', staff('/design-review'), engineer.cookie)).statusCode).toBe(204);
      const noNotes = await call('POST', staff('/requirements/confirm'), engineer.cookie, {});
      expect(noNotes.json().message).toMatch(/Record the constraints/);
      const note = await call('POST', staff('/design-notes'), engineer.cookie, {
        kind: 'constraint',
        text: 'Recording server must sit in the DMZ VLAN 40.',
        notedOn: '2027-04-20',
        meeting: 'Design call with IT',
      });
      expect(note.statusCode).toBe(201);
      const title = addedTitle;
      const description = addedDescription;
      const countRequirements = async () =>
        (await call('GET', staff('/requirements'), engineer.cookie)).json().requirements.length as number;
      const before = await countRequirements();
      // Written in the shape it is read: plain strings, or a language left out, are refused naming the field.
      const plain = await call('POST', staff('/requirements'), engineer.cookie, {
        category: 'network',
        title: title.en,
        description: description.en,
        owner: 'customer',
      });
      expect(plain.statusCode).toBe(400);
      expect(plain.json().details[0]).toEqual({
        path: 'body.title',
        message: 'Give the title in both languages: { "en": "…", "it": "…" }.',
      });
      const noItalian = await call('POST', staff('/requirements'), engineer.cookie, {
        category: 'network',
        title,
        description: { en: description.en, it: '  ' },
        owner: 'customer',
      });
      expect(noItalian.statusCode).toBe(400);
      expect(noItalian.json().details).toEqual([
        { path: 'body.description.it', message: 'Write what is needed in Italian.' },
      ]);
      expect(await countRequirements()).toBe(before);
      const added = await call('POST', staff('/requirements'), engineer.cookie, {
        category: 'network',
        title,
        description,
        owner: 'customer',
        leadTimeDays: 5,
      });
      expect(added.statusCode).toBe(201);
      expect(added.json()).toMatchObject({ title, description });
      const read = (await call('GET', staff('/requirements'), engineer.cookie))
        .json()
        .requirements.find((requirement: { id: string }) => requirement.id === added.json().id);
      expect(read).toMatchObject({ title, description, leadTimeDays: 5 });
      const redescribed = {
        en: 'Needed for SIPREC from the SBC, over TCP and TLS.',
        it: 'Serve per il SIPREC dal SBC, su TCP e TLS.',
      };
      const edited = await call('PATCH', staff(`/requirements/${String(added.json().id)}`), engineer.cookie, {
        description: redescribed,
      });
      expect(edited.statusCode).toBe(200);
      expect(edited.json()).toMatchObject({ title, description: redescribed });
      expect(
        (
          await call('PATCH', staff(`/requirements/${String(added.json().id)}`), engineer.cookie, {
            description: 'One language only',
          })
        ).json().details[0].path,
      ).toBe('body.description');
      // Only staff manage the list; a contact's session does not reach staff routes.
      expect(
        (
          await call('POST', staff('/requirements'), customer, {
            category: 'other',
            title: { en: 'x', it: 'x' },
            description: { en: 'y', it: 'y' },
            owner: 'customer',
          })
        ).statusCode,
      ).toBe(401);
      expect((await call('POST', staff('/requirements/confirm'), engineer.cookie, {})).statusCode).toBe(204);
      const project = (await call('GET', `/api/portal/projects/${projectId}`, customer)).json();
      expect(project.timeline.now.key).toBe('requirements-fulfilment');
    });

    it('lets the customer fulfil with evidence; the engineer sends one back, verifies the rest, a manager waives one, and E6 completes', async () => {
      const setup = await projectAtQuestionnaires();
      await answeredTogether(setup);
      await questionnairesSubmitted(setup);
      await requirementsConfirmed(setup);
      const { projectId, portal, staff, customer, partner, customerContact } = setup;
      const list = (await call('GET', portal('/requirements'), customer)).json();
      expect(list.isConfirmed).toBe(true);
      const all = list.requirements as { id: string; ruleKey: string | null; status: string; owner: string }[];
      // The vendor prepares its own requirements (the Entra ID interface in its cloud); the engineer marks those.
      const ours = all.filter((item) => item.owner === 'vendor');
      expect(ours.map((item) => item.ruleKey)).toEqual(['entra-id-ldap-interface']);
      const items = all.filter((item) => item.owner !== 'vendor');
      const [first, second, ...rest] = items;
      if (first === undefined || second === undefined) throw new Error('expected requirements');

      // While requirements are open, the contacts are reminded every REMINDER_EVERY_DAYS after the confirmation.
      const every = engage.context.portal.reminderEveryDays * 24 * 3600_000;
      expect(await sendDueReminders(engage.context)).toEqual({ questionnaires: 0, requirements: 0 });
      const confirmed = await engage.context.db.execute<{ at: string | Date }>(
        sql`select confirmed_at as at from requirement_reviews where project_id = ${projectId}`,
      );
      const [review] = (confirmed as { rows: { at: string | Date }[] }).rows;
      if (review === undefined) throw new Error('expected the confirmed requirements review');
      // Due once REMINDER_EVERY_DAYS have passed since this project's confirmation, the last of the file's.
      await remindOthersBefore(new Date(new Date(review.at).getTime() + every + 1));
      engage.setNow(new Date(Date.now() + every + 60_000));
      try {
        expect(await sendDueReminders(engage.context)).toEqual({ questionnaires: 0, requirements: 1 });
        expect(await sendDueReminders(engage.context)).toEqual({ questionnaires: 0, requirements: 0 });
      } finally {
        engage.setNow(null);
      }
      const reminder = await engage.context.db.execute<{ text: string }>(
        sql`select text_body as text from mail_messages where project_id = ${projectId} and kind = 'requirements-reminder'`,
      );
      const reminderText = (reminder as { rows: { text: string }[] }).rows[0]?.text ?? '';
      expect(reminderText).toContain('Open TCP 5060 from the SBC to the recorder');
      expect(reminderText).toContain('/portal/link/[personal link, sent to the recipient only: portal]');
      expect((await latestMailTo(engage, projectId, customerContact.email)).text).toMatch(
        /\/portal\/link\/[A-Za-z0-9_-]{43}/,
      );

      const bare = await call('POST', portal(`/requirements/${first.id}/fulfil`), customer, {});
      expect(bare.statusCode).toBe(400);
      expect(
        (await upload(portal(`/requirements/${first.id}/files`), customer, 'firewall-rules.pdf', pdf)).statusCode,
      ).toBe(201);
      const fulfilled = await call('POST', portal(`/requirements/${first.id}/fulfil`), customer, {});
      expect(fulfilled.json()).toMatchObject({
        status: 'fulfilled',
        fulfilledBy: 'Giulia Rossi',
        evidence: [{ name: 'firewall-rules.pdf' }],
      });
      expect(
        (await call('POST', portal(`/requirements/${second.id}/fulfil`), partner, { note: 'CUCM 14 SU3 installed' }))
          .statusCode,
      ).toBe(200);

      expect(
        (
          await call('POST', staff(`/requirements/${second.id}/send-back`), engineer.cookie, {
            comment: 'Please send the version screen.',
          })
        ).statusCode,
      ).toBe(204);
      const sentBack = (
        (await call('GET', portal('/requirements'), customer)).json().requirements as {
          id: string;
          status: string;
          reviewComment: string;
        }[]
      ).find((item) => item.id === second.id);
      expect(sentBack).toMatchObject({ status: 'sent-back', reviewComment: 'Please send the version screen.' });
      expect(
        (
          await call('POST', portal(`/requirements/${second.id}/fulfil`), partner, {
            note: 'Screenshot attached to the ticket',
          })
        ).statusCode,
      ).toBe(200);

      expect((await call('POST', staff(`/requirements/${first.id}/verify`), engineer.cookie)).statusCode).toBe(204);
      expect((await call('POST', staff(`/requirements/${second.id}/verify`), engineer.cookie)).statusCode).toBe(204);
      expect((await call('POST', staff(`/requirements/${first.id}/verify`), engineer.cookie)).statusCode).toBe(409);

      const [toWaive, ...others] = rest;
      if (toWaive !== undefined) {
        expect(
          (await call('POST', staff(`/requirements/${toWaive.id}/waive`), engineer.cookie, { reason: 'Not needed' }))
            .statusCode,
        ).toBe(403);
        expect(
          (await call('POST', staff(`/requirements/${toWaive.id}/waive`), manager, { reason: '' })).statusCode,
        ).toBe(400);
        expect(
          (
            await call('POST', staff(`/requirements/${toWaive.id}/waive`), manager, {
              reason: 'Customer uses an existing share',
            })
          ).statusCode,
        ).toBe(204);
      }
      for (const item of others) {
        await call('POST', portal(`/requirements/${item.id}/fulfil`), customer, { note: 'Done' });
        expect((await call('POST', staff(`/requirements/${item.id}/verify`), engineer.cookie)).statusCode).toBe(204);
      }
      for (const item of ours) {
        expect(
          (await call('POST', portal(`/requirements/${item.id}/fulfil`), customer, { note: 'Done' })).statusCode,
        ).toBe(409);
        expect(
          (
            await call('POST', staff(`/requirements/${item.id}/fulfil`), engineer.cookie, {
              note: 'Support enabled the LDAP interface',
            })
          ).statusCode,
        ).toBe(200);
        expect((await call('POST', staff(`/requirements/${item.id}/verify`), engineer.cookie)).statusCode).toBe(204);
      }
      const project = (await call('GET', `/api/portal/projects/${projectId}`, customer)).json();
      expect(project.timeline.now.key).toBe('activity-schedule');
      expect(project.timeline.steps.slice(3, 6).map((step: { state: string }) => step.state)).toEqual([
        'done',
        'done',
        'done',
      ]);
    });

    it('shows which requirements a later change of answers adds or removes before anything changes', async () => {
      const setup = await projectAtQuestionnaires();
      await answeredTogether(setup);
      await questionnairesSubmitted(setup);
      await requirementsConfirmed(setup);
      await requirementsFulfilled(setup);
      const { portal, staff, customer } = setup;
      expect((await call('POST', portal('/questionnaires/call-recording/reopen'), customer)).statusCode).toBe(204);
      const form = (await call('GET', portal('/questionnaires/call-recording'), customer)).json();
      const current = Object.fromEntries(
        Object.entries(form.answers as Record<string, { value: AnswerValue }>).map(([key, answer]) => [
          key,
          answer.value,
        ]),
      );
      const changed = answersForRequired(form.questionnaire, { ...current, 'recording-method': 'network-based' });
      expect(
        (await call('PATCH', portal('/questionnaires/call-recording/answers'), customer, { answers: changed }))
          .statusCode,
      ).toBe(200);
      // Drafts do not count: nothing pending until it is submitted again.
      expect((await call('GET', staff('/requirements'), engineer.cookie)).json().pendingChanges).toEqual({
        adds: [],
        removes: [],
      });
      expect((await call('POST', portal('/questionnaires/call-recording/submit'), customer)).statusCode).toBe(204);
      const before = (await call('GET', staff('/requirements'), engineer.cookie)).json();
      expect(before.pendingChanges.adds.map((item: { ruleKey: string }) => item.ruleKey)).toEqual([
        'cucm-network-based',
      ]);
      const bridge = before.requirements.find((item: { ruleKey: string }) => item.ruleKey === 'cucm-built-in-bridge');
      expect(before.pendingChanges.removes.map((item: { id: string }) => item.id)).toEqual([bridge.id]);

      const stale = await call('POST', staff('/requirements/apply-answer-changes'), engineer.cookie, {
        adds: [],
        removes: [bridge.id],
      });
      expect(stale.statusCode).toBe(409);
      expect((await call('GET', staff('/requirements'), engineer.cookie)).json().requirements).toHaveLength(
        before.requirements.length,
      );
      expect(
        (
          await call('POST', staff('/requirements/apply-answer-changes'), engineer.cookie, {
            adds: ['call-recording/cucm-network-based'],
            removes: [bridge.id],
          })
        ).statusCode,
      ).toBe(204);
      const after = (await call('GET', staff('/requirements'), engineer.cookie)).json();
      expect(after.pendingChanges).toEqual({ adds: [], removes: [] });
      expect(after.requirements.map((item: { ruleKey: string }) => item.ruleKey)).toContain('cucm-network-based');
      expect(after.requirements.map((item: { ruleKey: string }) => item.ruleKey)).not.toContain('cucm-built-in-bridge');
    });

    it('audits who answered what, submissions, uploads, requirement changes, verifications and waivers', async () => {
      const setup = await projectAtQuestionnaires();
      await answeredTogether(setup);
      await questionnairesReminded(setup);
      await questionnairesSubmitted(setup);
      await requirementsConfirmed(setup);
      await requirementsFulfilled(setup);
      expect(
        (await call('POST', setup.portal('/questionnaires/call-recording/reopen'), setup.customer)).statusCode,
      ).toBe(204);
      const { projectId } = setup;
      const actions = new Set(await auditActions(projectId));
      for (const action of [
        'questionnaire.answered',
        'questionnaire.submitted',
        'questionnaire.reopened',
        'file.uploaded',
        'requirements.generated',
        'requirements.design-reviewed',
        'design-note.added',
        'requirement.added',
        'requirements.confirmed',
        'requirement.fulfilled',
        'requirement.sent-back',
        'requirement.verified',
        'requirement.waived',
        'reminder.questionnaires',
        'process.advanced',
      ]) {
        expect([action, actions.has(action)]).toEqual([action, true]);
      }
      const answered = await engage.context.db.execute<{
        name: string;
        role: string;
        after: { answers: Record<string, unknown> };
      }>(
        sql`select actor_name as name, actor_role as role, after from audit_events where project_id = ${projectId} and action = 'questionnaire.answered' order by id limit 1`,
      );
      expect((answered as { rows: unknown[] }).rows[0]).toMatchObject({
        role: 'contact',
        after: { answers: { 'calling-platform': ['cucm'] } },
      });
    });
  },
);
