import { createHash } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runPdfsig, runPdftotext, shouldSkipPdfToolTests } from '../../pdf/pdf-tools';
import { apiFixtures } from '../../test/fixtures';
import { createTestEngage, eventually, isTestDatabaseAvailable, type TestEngage } from '../../test/harness';
import { projectAtDesignQuestionnaire, signInContact } from '../../test/portal';
import { startTestSmtpServer, type TestSmtpServer } from '../../test/smtp';

interface DocumentLike {
  id: string;
  kind: string;
  version: number;
  state: string;
  sha256: string;
  signature: { signerName: string } | null;
  outsideSignature: { signerName: string; signedOn: string; sha256: string; recordedBy: { name: string } } | null;
}
interface DeliveryLike {
  uat: { items: { applicationKey: string; key: string }[] };
  training: { purchased: boolean; boughtKinds: string[]; missingKinds: string[]; records: { kind: string }[] };
  documents: DocumentLike[];
  handover: {
    createdAt: string;
    unsignedReport: { reason: string; decidedBy: string; decidedAt: string } | null;
  } | null;
}
interface ProjectLike {
  currentStep: { key: string } | null;
  state: string;
  process: { blockers: { criterionKey: string }[]; timeline: { key: string; display: string; reason?: string }[] };
}
interface DossierLike {
  signedDocuments: {
    title: string;
    version: number;
    method: string;
    signerName: string;
    signedAt: string;
    sealedSha256: string | null;
    outsideEngage: { uploadedBy: string; scanSha256: string } | null;
  }[];
  unsignedReport: { reason: string; decidedBy: string; decidedAt: string } | null;
}

const skipPdfTools = shouldSkipPdfToolTests({
  required: process.env.ENGAGE_PDF_TOOLS === '1' || process.env.CI === 'true',
  suite: 'the dossier and scan checks with poppler in src/server/modules/delivery/delivery-exceptions.api.test.ts',
});

const day = (offsetDays = 0) => new Date(Date.now() + offsetDays * 86_400_000).toISOString().slice(0, 10);
const sha256 = (content: Buffer) => createHash('sha256').update(content).digest('hex');
/** A one-pixel PNG: what a phone photo of the signed page stands for. */
const photo = Buffer.from(
  '89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63f8ffff3f0005fe02fea7d6a4a80000000049454e44ae426082',
  'hex',
);

/** A PDF as a scanner makes it: pages Engage never produced, with the signer's words on them. */
async function scannedPdf(words: string): Promise<Buffer> {
  const pdf = await PDFDocument.create();
  const page = pdf.addPage([595, 842]);
  page.drawText(words, { x: 56, y: 760, size: 12, font: await pdf.embedFont(StandardFonts.Helvetica) });
  return Buffer.from(await pdf.save());
}

describe.skipIf(!isTestDatabaseAvailable)(
  'delivery exceptions: signed outside Engage, closed without a signed report, training bought',
  () => {
    let smtp: TestSmtpServer;
    let engage: TestEngage;
    let manager: { cookie: string; name: string };
    let engineer: { id: string; cookie: string; name: string };
    let support: string;

    const call = async (method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string, cookie: string, payload?: unknown) =>
      engage.request({
        method,
        url,
        headers: { cookie },
        ...(payload === undefined ? {} : { payload: payload as Record<string, unknown> }),
      });
    const delivery = async (projectId: string) =>
      (await call('GET', `/api/projects/${projectId}/delivery`, manager.cookie)).json<DeliveryLike>();
    const project = async (projectId: string) =>
      (await call('GET', `/api/projects/${projectId}`, manager.cookie)).json<ProjectLike>();
    const live = (state: DeliveryLike, kind: string) =>
      state.documents.find((document) => document.kind === kind && document.state !== 'superseded');
    const count = async (query: ReturnType<typeof sql>) =>
      ((await engage.context.db.execute(query)) as { rows: { count: number }[] }).rows[0]?.count;
    const uploadScan = (
      projectId: string,
      documentId: string,
      content: Buffer,
      query: { name?: string; signerName?: string; signedOn?: string },
      cookie = engineer.cookie,
    ) => {
      const search = new URLSearchParams(
        Object.entries({ name: 'scan.pdf', signerName: 'Mario Bianchi', signedOn: day(), ...query }).filter(
          (entry): entry is [string, string] => entry[1] !== undefined,
        ),
      );
      return engage.request({
        method: 'POST',
        url: `/api/projects/${projectId}/delivery/documents/${documentId}/outside-signature?${search.toString()}`,
        headers: { cookie, 'content-type': 'application/octet-stream' },
        payload: content,
      });
    };
    const supportMail = (reference: string) =>
      smtp.received.find(
        (mail) => mail.envelopeTo.includes('support@engage.test') && mail.parsed.subject?.includes(reference),
      );
    const dossierOf = (mail: NonNullable<ReturnType<typeof supportMail>>) =>
      JSON.parse(
        mail.parsed.attachments.find((file) => file.filename?.endsWith('.json'))!.content.toString('utf8'),
      ) as DossierLike;

    /** A project of the engineer's at P5 (E4–P4 waived), its UAT run, with the customer's and partner's contacts. */
    async function projectAtUat() {
      const setup = await projectAtDesignQuestionnaire(engage, manager.cookie);
      const projectId = setup.projectId;
      await setup.fixtures.post(`/api/projects/${projectId}/engineer`, { engineerId: engineer.id }, 200);
      for (const stepKey of [
        'design-questionnaire',
        'requirements-refining',
        'requirements-fulfilment',
        'activity-schedule',
        'activity-start',
        'environment',
        'installation',
        'pbx-configuration',
        'application-configuration',
      ]) {
        await setup.fixtures.post(
          `/api/projects/${projectId}/actions`,
          { type: 'waive', stepKey, reason: 'Done before Engage' },
          200,
        );
      }
      for (const item of (await delivery(projectId)).uat.items) {
        expect(
          (
            await call(
              'PUT',
              `/api/projects/${projectId}/delivery/uat/${item.applicationKey}/${item.key}`,
              engineer.cookie,
              { result: 'pass' },
            )
          ).statusCode,
        ).toBe(200);
      }
      const reference = (await call('GET', `/api/projects/${projectId}`, manager.cookie)).json<{ reference: string }>()
        .reference;
      return { ...setup, projectId, reference };
    }

    /** Moves a project from P5 (UAT awaiting) to P7 with a work log and the maintenance notes, its UAT signed outside Engage. */
    async function throughUatToReport(
      projectId: string,
      notes = 'Vault entry CN-42 holds the recorder’s admin password.',
    ) {
      const uat = live(await delivery(projectId), 'uat')!;
      expect(
        (await uploadScan(projectId, uat.id, await scannedPdf(`UAT ${projectId} signed on paper`), {})).statusCode,
      ).toBe(200);
      await call('POST', `/api/projects/${projectId}/work-log`, engineer.cookie, {
        stepKey: 'installation',
        performer: { kind: 'staff', userId: engineer.id },
        workDate: '2027-02-10',
        durationMinutes: 240,
        description: 'Installed the recorder 12.4.2',
      });
      if (notes !== '')
        expect(
          (await call('PUT', `/api/projects/${projectId}/delivery/notes`, engineer.cookie, { maintenanceNotes: notes }))
            .statusCode,
        ).toBe(200);
      expect((await project(projectId)).currentStep?.key).toBe('activity-report');
    }

    beforeAll(async () => {
      smtp = await startTestSmtpServer();
      engage = await createTestEngage({ mail: { smtpUrl: smtp.url } });
      const managerStaff = await engage.staff('manager', { name: 'Marta Manager' });
      manager = { cookie: managerStaff.cookie, name: managerStaff.user.name };
      support = (await engage.staff('support')).cookie;
      const engineerStaff = await engage.staff('engineer', { name: 'Elena Engineer' });
      engineer = { id: engineerStaff.user.id, cookie: engineerStaff.cookie, name: engineerStaff.user.name };
      await engage.context.db.execute(
        sql`update users set teams = '["recording-analytics"]'::jsonb where id = ${engineer.id}`,
      );
    });
    afterAll(async () => {
      await engage?.close();
      await smtp?.close();
    });

    describe('a document signed outside Engage', () => {
      /** A project at P5 whose UAT document is out for the customer's signature, the customer signed in. */
      async function uatOutForSignature() {
        const setup = await projectAtUat();
        const customerCookie = await signInContact(engage, manager.cookie, setup.projectId, setup.customerContact);
        const uat = live(
          (
            await call('POST', `/api/projects/${setup.projectId}/delivery/documents`, engineer.cookie, {
              kind: 'uat',
              signerContactIds: [setup.customerContact.id],
            })
          ).json<DeliveryLike>(),
          'uat',
        )!;
        return { ...setup, customerCookie, uat };
      }

      /** The same, its UAT document then signed on paper and the scan recorded by the engineer. */
      async function uatSignedOnPaper() {
        const setup = await uatOutForSignature();
        const uatScan = await scannedPdf(
          `User acceptance tests of ${setup.reference}, signed by Mario Bianchi on paper`,
        );
        const recorded = await uploadScan(setup.projectId, setup.uat.id, uatScan, {
          name: 'IMG_2041 scan.pdf',
          signedOn: day(0),
        });
        expect(recorded.statusCode).toBe(200);
        return { ...setup, uatScan, recorded };
      }

      it('refuses a scan that is not one, an empty name, a day in the future or before the version, a replaced version and the unsigned original, changing nothing', async () => {
        const setup = await projectAtUat();
        const { projectId } = setup;
        const customerCookie = await signInContact(engage, manager.cookie, projectId, setup.customerContact);
        const first = live(
          (
            await call('POST', `/api/projects/${projectId}/delivery/documents`, engineer.cookie, {
              kind: 'uat',
              signerContactIds: [setup.customerContact.id],
            })
          ).json<DeliveryLike>(),
          'uat',
        )!;
        const scan = await scannedPdf('User acceptance tests, signed by Mario Bianchi on paper');

        // A result changed after v1 went out: v1 is replaced, and a signature on it no longer counts.
        const item = (await delivery(projectId)).uat.items[0]!;
        expect(
          (
            await call(
              'PUT',
              `/api/projects/${projectId}/delivery/uat/${item.applicationKey}/${item.key}`,
              engineer.cookie,
              { result: 'pass', comment: 'Re-tested' },
            )
          ).statusCode,
        ).toBe(200);
        const replaced = await uploadScan(projectId, first.id, scan, {});
        expect(replaced.statusCode).toBe(409);
        expect(replaced.json().message).toMatch(
          /Version 1 of the user acceptance tests document was replaced .*Put the current version up for signature/,
        );
        const current = live(
          (
            await call('POST', `/api/projects/${projectId}/delivery/documents`, engineer.cookie, {
              kind: 'uat',
              signerContactIds: [setup.customerContact.id],
            })
          ).json<DeliveryLike>(),
          'uat',
        )!;
        expect(current.version).toBe(2);

        const word = Buffer.concat([Buffer.from('504b0304', 'hex'), Buffer.alloc(60)]);
        const refusals: [
          Promise<{ statusCode: number; json: () => { message: string; details?: { path: string }[] } }>,
          number,
          RegExp,
        ][] = [
          [
            uploadScan(projectId, current.id, Buffer.from('Signed by Mario Bianchi\n'), { name: 'signature.txt' }),
            415,
            /is not a scan: the signed copy must be a PDF or an image/,
          ],
          [uploadScan(projectId, current.id, word, { name: 'signed.docx' }), 415, /cannot be attached|is not a scan/],
          [
            uploadScan(projectId, current.id, Buffer.concat([Buffer.from('MZ'), Buffer.alloc(200)]), {
              name: 'signed.pdf',
            }),
            415,
            /program|cannot tell what/,
          ],
          [uploadScan(projectId, current.id, Buffer.alloc(0), {}), 400, /is empty/],
          [uploadScan(projectId, current.id, scan, { signerName: '   ' }), 400, /name of the person who signed/],
          [uploadScan(projectId, current.id, scan, { signedOn: '' }), 400, /day it was signed/],
          [uploadScan(projectId, current.id, scan, { signedOn: day(3) }), 400, /is in the future/],
          [
            uploadScan(projectId, current.id, scan, { signedOn: '2020-01-15' }),
            400,
            /cannot have been signed on 2020-01-15, before it existed/,
          ],
          [
            uploadScan(
              projectId,
              current.id,
              (await call('GET', `/api/projects/${projectId}/delivery/documents/${current.id}/pdf`, engineer.cookie))
                .rawPayload,
              {},
            ),
            409,
            /exactly as Engage produced it, unsigned/,
          ],
        ];
        for (const [response, status, message] of refusals) {
          const answer = await response;
          expect(answer.statusCode, answer.json().message).toBe(status);
          expect(answer.json().message).toMatch(message);
        }
        expect((await uploadScan(projectId, current.id, scan, { signerName: '' })).json().details).toEqual([
          expect.objectContaining({ path: 'querystring.signerName' }),
        ]);
        expect((await uploadScan(projectId, current.id, scan, { signedOn: day(3) })).json().details).toEqual([
          expect.objectContaining({ path: 'querystring.signedOn' }),
        ]);

        // Nobody else may: another engineer, support, a contact.
        const stranger = await engage.staff('engineer');
        expect((await uploadScan(projectId, current.id, scan, {}, stranger.cookie)).statusCode).toBe(403);
        expect((await uploadScan(projectId, current.id, scan, {}, support)).statusCode).toBe(403);
        expect((await uploadScan(projectId, current.id, scan, {}, customerCookie)).statusCode).toBe(401);

        expect(live(await delivery(projectId), 'uat')).toMatchObject({
          id: current.id,
          state: 'awaiting-signature',
          outsideSignature: null,
        });
        expect(
          await count(sql`select count(*)::int as count from outside_signatures where project_id = ${projectId}`),
        ).toBe(0);
        expect(
          await count(
            sql`select count(*)::int as count from stored_files where project_id = ${projectId} and purpose = 'signed-scan'`,
          ),
        ).toBe(0);
        expect((await project(projectId)).currentStep?.key).toBe('user-acceptance-tests');
      });

      it('P5: the scan becomes the version’s signed copy, kept as uploaded, and completes the step as a signature would', async () => {
        const { projectId, uat: current, uatScan, recorded } = await uatSignedOnPaper();
        expect(live(recorded.json<DeliveryLike>(), 'uat')).toMatchObject({
          state: 'signed',
          signature: null,
          outsideSignature: {
            signerName: 'Mario Bianchi',
            signedOn: day(0),
            sha256: sha256(uatScan),
            recordedBy: { name: 'Elena Engineer' },
          },
        });
        // P6 is skipped (no training bought): the report is next, as after an electronic signature.
        expect((await project(projectId)).currentStep?.key).toBe('activity-report');

        const download = await call(
          'GET',
          `/api/projects/${projectId}/delivery/documents/${current.id}/pdf`,
          engineer.cookie,
        );
        expect(download.headers['content-type']).toBe('application/pdf');
        expect(download.headers['content-disposition']).toMatch(/signed outside Engage/);
        expect(download.rawPayload.equals(uatScan)).toBe(true);
        const audit = (await call('GET', `/api/projects/${projectId}/audit?limit=50`, manager.cookie)).json<{
          items: { action: string; actorName: string; after: Record<string, unknown> }[];
        }>().items;
        expect(audit.find((event) => event.action === 'document.signed-outside-engage')).toMatchObject({
          actorName: 'Elena Engineer',
          after: {
            signerName: 'Mario Bianchi',
            signedOn: day(0),
            sha256: sha256(uatScan),
            kind: 'uat',
            version: current.version,
          },
        });

        // The record is evidence: the database refuses to change or remove it.
        const causeOf = (error: unknown) => String((error as { cause?: { message?: string } }).cause?.message ?? error);
        await expect(
          engage.context.db
            .execute(sql`update outside_signatures set signer_name = 'Someone else' where document_id = ${current.id}`)
            .catch(causeOf),
        ).resolves.toMatch(/append-only/);
        await expect(
          engage.context.db
            .execute(sql`delete from outside_signatures where document_id = ${current.id}`)
            .catch(causeOf),
        ).resolves.toMatch(/append-only/);

        const twice = await uploadScan(projectId, current.id, await scannedPdf('another scan'), {});
        expect(twice.statusCode).toBe(409);
        expect(twice.json().message).toMatch(/already signed outside Engage by Mario Bianchi/);
        expect(
          (
            await call(
              'PUT',
              `/api/projects/${projectId}/delivery/uat/${(await delivery(projectId)).uat.items[0]!.applicationKey}/${(await delivery(projectId)).uat.items[0]!.key}`,
              engineer.cookie,
              { result: 'fail' },
            )
          ).statusCode,
        ).toBe(409);
      });

      it('the portal shows it signed outside Engage and never offers to sign it again', async () => {
        const { projectId, uat: current, uatScan, customerCookie } = await uatSignedOnPaper();
        const portal = (await call('GET', `/api/portal/projects/${projectId}/delivery`, customerCookie)).json<{
          documents: DocumentLike[];
        }>();
        expect(portal.documents.find((document) => document.id === current.id)).toMatchObject({
          state: 'signed',
          signature: null,
          outsideSignature: { signerName: 'Mario Bianchi', signedOn: day(0) },
        });
        const signing = await call(
          'POST',
          `/api/portal/projects/${projectId}/delivery/documents/${current.id}/signature`,
          customerCookie,
          {
            documentSha256: current.sha256,
            fullName: 'Giulia Rossi',
            consent: true,
            signature: { kind: 'typed', text: 'G. Rossi' },
          },
        );
        expect(signing.statusCode).toBe(409);
        expect(signing.json().message).toMatch(/already signed outside Engage, by Mario Bianchi/);
        expect(
          (
            await call('GET', `/api/portal/projects/${projectId}/delivery/documents/${current.id}/pdf`, customerCookie)
          ).rawPayload.equals(uatScan),
        ).toBe(true);
      });

      it.skipIf(skipPdfTools)('the scan is not sealed: Engage seals only what it produced', async () => {
        const { projectId, uat, uatScan } = await uatSignedOnPaper();
        const kept = (await call('GET', `/api/projects/${projectId}/delivery/documents/${uat.id}/pdf`, engineer.cookie))
          .rawPayload;
        expect(kept.equals(uatScan)).toBe(true);
        expect(await runPdfsig(kept)).toMatch(/does not contain any signatures/);
      });

      it('the verification page tells the recorded scan from a sealed document, and a changed scan from both', async () => {
        const { uat, uatScan, reference } = await uatSignedOnPaper();
        const check = (content: Buffer) =>
          engage.request({
            method: 'POST',
            url: '/api/verify',
            headers: { 'content-type': 'application/octet-stream' },
            payload: content,
          });
        const known = await check(uatScan);
        expect(known.statusCode).toBe(200);
        expect(known.json()).toMatchObject({
          outcome: 'signed-outside-engage',
          sha256: sha256(uatScan),
          document: null,
          outsideSignature: {
            title: 'User acceptance tests',
            version: uat.version,
            projectReference: reference,
            signerName: 'Mario Bianchi',
            signedOn: day(0),
          },
        });
        expect(known.json().message).toMatch(
          /^Recorded by Engage as signed outside Engage on .+ by Mario Bianchi: .*did not seal it/,
        );
        const changed = Buffer.from(uatScan);
        changed[changed.length - 20] = changed[changed.length - 20]! ^ 0x01;
        expect((await check(changed)).json()).toMatchObject({
          outcome: 'unknown',
          document: null,
          outsideSignature: null,
        });
      });

      it('P7–P8: the report signed on paper (a photo), closing sends both scans and a dossier that says how each was signed', async () => {
        const { projectId, reference, uat, uatScan, partnerContact } = await uatSignedOnPaper();
        await call('POST', `/api/projects/${projectId}/work-log`, engineer.cookie, {
          stepKey: 'installation',
          performer: { kind: 'staff', userId: engineer.id },
          workDate: '2027-02-10',
          durationMinutes: 240,
          description: 'Installed the recorder 12.4.2',
        });
        expect(
          (
            await call('PUT', `/api/projects/${projectId}/delivery/notes`, engineer.cookie, {
              maintenanceNotes: 'Vault entry CN-42.',
            })
          ).statusCode,
        ).toBe(200);
        const report = live(
          (
            await call('POST', `/api/projects/${projectId}/delivery/documents`, engineer.cookie, {
              kind: 'activity-report',
              signerContactIds: [partnerContact.id],
            })
          ).json<DeliveryLike>(),
          'activity-report',
        )!;
        const reportPhoto = photo;
        const recorded = await uploadScan(projectId, report.id, reportPhoto, {
          name: 'photo.png',
          signerName: 'Peter Brown',
          signedOn: day(0),
        });
        expect(recorded.statusCode).toBe(200);
        expect((await project(projectId)).currentStep?.key).toBe('handover');
        const image = await call(
          'GET',
          `/api/projects/${projectId}/delivery/documents/${report.id}/pdf`,
          engineer.cookie,
        );
        expect(image.headers['content-type']).toBe('image/png');

        expect((await call('POST', `/api/projects/${projectId}/delivery/handover`, engineer.cookie)).statusCode).toBe(
          200,
        );
        expect(await eventually(async () => (await project(projectId)).state === 'complete', 10_000)).toBe(true);
        const mail = supportMail(reference)!;
        expect(mail.parsed.attachments.map((file) => file.filename).sort()).toEqual([
          `Activity report ${reference} v1 (signed outside Engage).png`,
          `Installation dossier ${reference}.json`,
          `Installation dossier ${reference}.pdf`,
          `User acceptance tests ${reference} v${uat.version} (signed outside Engage).pdf`,
        ]);
        expect(
          mail.parsed.attachments
            .find((file) => file.filename?.startsWith('User acceptance tests'))
            ?.content.equals(uatScan),
        ).toBe(true);
        expect(
          mail.parsed.attachments
            .find((file) => file.filename?.startsWith('Activity report'))
            ?.content.equals(reportPhoto),
        ).toBe(true);
        const dossier = dossierOf(mail);
        expect(dossier.unsignedReport).toBeNull();
        expect(dossier.signedDocuments).toHaveLength(2);
        expect(dossier.signedDocuments).toEqual(
          expect.arrayContaining([
            expect.objectContaining({
              title: 'User acceptance tests',
              version: uat.version,
              method: expect.stringMatching(/^Signed outside Engage/),
              signerName: 'Mario Bianchi',
              signedAt: day(0),
              sealedSha256: null,
              outsideEngage: expect.objectContaining({ uploadedBy: 'Elena Engineer', scanSha256: sha256(uatScan) }),
            }),
            expect.objectContaining({
              title: 'Activity report',
              version: 1,
              signerName: 'Peter Brown',
              outsideEngage: expect.objectContaining({ scanSha256: sha256(reportPhoto) }),
            }),
          ]),
        );
        if (!skipPdfTools) {
          const text = (
            await runPdftotext(
              mail.parsed.attachments.find(
                (file) => file.filename?.endsWith('.pdf') && file.filename.startsWith('Installation'),
              )!.content,
            )
          ).replace(/\s+/g, ' ');
          expect(text).toContain('Outside Engage (on paper or in another tool)');
          expect(text).toContain('Scan uploaded by Elena Engineer');
          expect(text).toContain('Mario Bianchi');
          // A long hash may wrap at the end of its line.
          expect(text.replace(/\s+/g, '')).toContain(sha256(uatScan));
        }
        const closed = await uploadScan(projectId, report.id, await scannedPdf('late'), {});
        expect(closed.statusCode).toBe(409);
        expect(closed.json().message).toMatch(/closed and handed over/);
      });
    });

    describe('closing without a signed activity report', () => {
      it('is for managers, with a reason; the report version out for signature is withdrawn, support gets a dossier that says why and who decided', async () => {
        const setup = await projectAtUat();
        const { projectId, reference } = setup;
        await call('POST', `/api/projects/${projectId}/delivery/documents`, engineer.cookie, {
          kind: 'uat',
          signerContactIds: [setup.customerContact.id],
        });
        await throughUatToReport(projectId, '');
        const report = live(
          (
            await call('POST', `/api/projects/${projectId}/delivery/documents`, engineer.cookie, {
              kind: 'activity-report',
              signerContactIds: [setup.customerContact.id],
            })
          ).json<DeliveryLike>(),
          'activity-report',
        )!;
        const close = (cookie: string, payload: unknown) =>
          call('POST', `/api/projects/${projectId}/delivery/handover/without-signed-report`, cookie, payload);
        const reason =
          'The customer has not answered since March; the system is in production and the partner confirmed the work.';

        const byEngineer = await close(engineer.cookie, { reason });
        expect(byEngineer.statusCode).toBe(403);
        expect(byEngineer.json().message).toMatch(
          /Only a manager can close a project without a signed activity report/,
        );
        expect((await close(support, { reason })).statusCode).toBe(403);
        const empty = await close(manager.cookie, { reason: '   ' });
        expect(empty.statusCode).toBe(400);
        expect(empty.json()).toMatchObject({
          details: [{ path: 'body.reason', message: expect.stringMatching(/Say why/) }],
        });
        expect((await close(manager.cookie, {})).statusCode).toBe(400);
        const noNotes = await close(manager.cookie, { reason });
        expect(noNotes.statusCode).toBe(409);
        expect(noNotes.json().message).toMatch(/maintenance notes are empty/);
        // The ordinary close is still refused, and says what else there is.
        const ordinary = await call('POST', `/api/projects/${projectId}/delivery/handover`, engineer.cookie);
        expect(ordinary.statusCode).toBe(409);
        expect(ordinary.json().message).toMatch(
          /not signed yet.*upload the signed scan.*A manager can also close without a signed report/,
        );
        expect((await delivery(projectId)).handover).toBeNull();
        expect((await project(projectId)).currentStep?.key).toBe('activity-report');
        expect(live(await delivery(projectId), 'activity-report')?.state).toBe('awaiting-signature');

        expect(
          (
            await call('PUT', `/api/projects/${projectId}/delivery/notes`, engineer.cookie, {
              maintenanceNotes: 'Vault entry CN-43.',
            })
          ).statusCode,
        ).toBe(200);
        const closed = await close(manager.cookie, { reason: `  ${reason}  ` });
        expect(closed.statusCode).toBe(200);
        expect(closed.json<DeliveryLike>().handover).toMatchObject({
          unsignedReport: { reason, decidedBy: 'Marta Manager' },
        });
        expect(closed.json<DeliveryLike>().documents.find((document) => document.id === report.id)).toMatchObject({
          state: 'superseded',
          supersededReason: expect.stringMatching(/closed before this version was signed/),
          // Stored as a key, so each reader reads it in their language.
          supersededReasonKey: 'delivery.superseded.project_closed',
          supersededReasonValues: {},
        });
        const timeline = (await project(projectId)).process.timeline;
        expect(timeline.find((step) => step.key === 'activity-report')).toMatchObject({ display: 'waived', reason });
        expect((await close(manager.cookie, { reason })).statusCode).toBe(409);

        // The contact can no longer sign the withdrawn version.
        const customerCookie = await signInContact(engage, manager.cookie, projectId, setup.customerContact);
        const late = await call(
          'POST',
          `/api/portal/projects/${projectId}/delivery/documents/${report.id}/signature`,
          customerCookie,
          {
            documentSha256: report.sha256,
            fullName: 'Giulia Rossi',
            consent: true,
            signature: { kind: 'typed', text: 'G. Rossi' },
          },
        );
        expect(late.statusCode).toBe(409);

        // Support hears of it like any close; the project completes when the SMTP server takes the email.
        expect(await eventually(async () => (await project(projectId)).state === 'complete', 10_000)).toBe(true);
        const mail = supportMail(reference)!;
        const dossier = dossierOf(mail);
        expect(dossier.unsignedReport).toMatchObject({
          reason,
          decidedBy: 'Marta Manager',
          decidedAt: expect.any(String),
        });
        expect(dossier.signedDocuments.map((document) => document.title)).toEqual(['User acceptance tests']);
        const audit = (await call('GET', `/api/projects/${projectId}/audit?limit=50`, manager.cookie)).json<{
          items: { action: string; actorName: string; after: Record<string, unknown> }[];
        }>().items;
        expect(audit.find((event) => event.action === 'project.closed')).toMatchObject({
          actorName: 'Marta Manager',
          after: { isReportSigned: false, unsignedReport: { reason } },
        });
        expect(audit.find((event) => event.action === 'process.step.waived')).toMatchObject({
          actorName: 'Marta Manager',
          after: { reason },
        });
        expect(audit.find((event) => event.action === 'access.refused')).toMatchObject({ actorName: 'Elena Engineer' });
        if (!skipPdfTools) {
          const text = (
            await runPdftotext(
              mail.parsed.attachments.find((file) => file.filename === `Installation dossier ${reference}.pdf`)!
                .content,
            )
          ).replace(/\s+/g, ' ');
          expect(text).toContain('Activity report not signed');
          expect(text).toContain('The customer has not answered since March');
          expect(text).toContain('Decided by Marta Manager');
        }
      });

      it('after P7 was waived the ordinary close works and records the waiver; the hand-over itself is never waived', async () => {
        const setup = await projectAtUat();
        const { projectId, reference } = setup;
        await call('POST', `/api/projects/${projectId}/delivery/documents`, engineer.cookie, {
          kind: 'uat',
          signerContactIds: [setup.customerContact.id],
        });
        await throughUatToReport(projectId);
        const reason = 'Report signed by email in the customer’s own ticket system';
        expect(
          (
            await call('POST', `/api/projects/${projectId}/actions`, manager.cookie, {
              type: 'waive',
              stepKey: 'activity-report',
              reason,
            })
          ).statusCode,
        ).toBe(200);
        expect((await project(projectId)).currentStep?.key).toBe('handover');

        const waiveHandover = await call('POST', `/api/projects/${projectId}/actions`, manager.cookie, {
          type: 'waive',
          stepKey: 'handover',
          reason: 'Support knows',
        });
        expect(waiveHandover.statusCode).toBe(409);
        expect(waiveHandover.json().message).toMatch(
          /cannot be waived: support must receive the hand-over package\. Close the project/,
        );
        expect((await project(projectId)).state).not.toBe('complete');
        const unsigned = await call(
          'POST',
          `/api/projects/${projectId}/delivery/handover/without-signed-report`,
          manager.cookie,
          { reason: 'again' },
        );
        expect(unsigned.statusCode).toBe(409);
        expect(unsigned.json().message).toMatch(/already waived/);

        expect((await call('POST', `/api/projects/${projectId}/delivery/handover`, engineer.cookie)).statusCode).toBe(
          200,
        );
        expect(await eventually(async () => (await project(projectId)).state === 'complete', 10_000)).toBe(true);
        expect(dossierOf(supportMail(reference)!).unsignedReport).toMatchObject({ reason, decidedBy: 'Marta Manager' });
      });
    });

    describe('training that was bought', () => {
      it('P6 stays open until every kind bought is recorded, and on-the-job training never stands in for one', async () => {
        const fixtures = apiFixtures(engage, manager.cookie);
        const customer = await fixtures.customer();
        const order = await fixtures.post<{ id: string; project: null }>('/api/purchase-orders', {
          number: `PO-TRAIN-${Date.now()}`,
          orderDate: day(-10),
          customerId: customer.id,
          currency: 'EUR',
          amount: 4800,
          lines: [
            { serviceKey: 'installation-remote', quantity: 2 },
            { serviceKey: 'training-admin', quantity: 1 },
            { serviceKey: 'training-end-user', quantity: 1 },
          ],
          applications: ['call-recording'],
          deployment: 'virtual-appliance',
        });
        const approved = await fixtures.post<{ project: { id: string } }>(
          `/api/purchase-orders/${order.id}/approve`,
          {},
          200,
        );
        const projectId = approved.project.id;
        for (const stepKey of [
          'service-presentation',
          'engineer-contact',
          'design-questionnaire',
          'requirements-refining',
          'requirements-fulfilment',
          'activity-schedule',
          'activity-start',
          'environment',
          'installation',
          'pbx-configuration',
          'application-configuration',
          'user-acceptance-tests',
        ]) {
          await fixtures.post(
            `/api/projects/${projectId}/actions`,
            { type: 'waive', stepKey, reason: 'Not part of this test' },
            200,
          );
        }
        expect((await project(projectId)).currentStep?.key).toBe('training');
        expect((await delivery(projectId)).training).toMatchObject({
          purchased: true,
          boughtKinds: ['admin', 'end-user'],
          missingKinds: ['admin', 'end-user'],
        });
        const record = (kind: string) =>
          call('POST', `/api/projects/${projectId}/delivery/trainings`, manager.cookie, {
            kind,
            date: day(-1),
            durationMinutes: 120,
            attendees: ['Anna Neri'],
            topics: `${kind} topics`,
          });

        expect((await record('end-user')).statusCode).toBe(200);
        const onTheJob = await record('on-the-job');
        expect(onTheJob.json<DeliveryLike>().training).toMatchObject({
          missingKinds: ['admin'],
          records: [{ kind: 'end-user' }, { kind: 'on-the-job' }],
        });
        const open = await project(projectId);
        expect(open.currentStep?.key).toBe('training');
        expect(open.process.blockers.map((blocker) => blocker.criterionKey)).toEqual(['training-recorded']);

        const admin = await record('admin');
        expect(admin.json<DeliveryLike>().training.missingKinds).toEqual([]);
        expect((await project(projectId)).currentStep?.key).toBe('activity-report');
      });
    });
  },
);
