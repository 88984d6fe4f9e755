import { sql } from 'drizzle-orm';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { runPdftotext, shouldSkipPdfToolTests } from '../../pdf/pdf-tools';
import { createTestEngage, isTestDatabaseAvailable, type TestEngage } from '../../test/harness';
import { projectAtDesignQuestionnaire, signInContact } from '../../test/portal';

interface FileLike {
  id: string;
  name: string;
}
interface UatItemLike {
  applicationKey: string;
  key: string;
  result: string | null;
  comment: string | null;
  evidence: FileLike | null;
}
interface DeliveryLike {
  uat: { items: UatItemLike[]; summary: Record<string, number>; isLocked: boolean };
  documents: { id: string; kind: string; state: string }[];
}

const skipPdfTools = shouldSkipPdfToolTests({
  required: process.env.ENGAGE_PDF_TOOLS === '1' || process.env.CI === 'true',
  suite: 'the UAT document text check in src/server/modules/delivery/uat-remarks.api.test.ts',
});

/** A one-pixel PNG: what a screenshot of the recordings list stands for. */
const screenshot = Buffer.from(
  '89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63f8ffff3f0005fe02fea7d6a4a80000000049454e44ae426082',
  'hex',
);
const program = Buffer.concat([
  Buffer.from('MZ', 'latin1'),
  Buffer.alloc(58),
  Buffer.from([0x80, 0, 0, 0]),
  Buffer.alloc(64),
  Buffer.from('PE\0\0', 'latin1'),
  Buffer.alloc(200),
]);
const remark = 'The caller’s name shows without its accents (Niccolo for Niccolò); accepted as a minor defect.';

describe.skipIf(!isTestDatabaseAvailable)(
  'UAT a customer signs: passed with a remark, and evidence attached to a result',
  () => {
    let engage: TestEngage;
    let manager: string;
    let engineer: { id: string; cookie: string };
    let projectId: string;
    let customerContact: { id: string; email: string };
    let customerCookie: string;

    const call = (method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string, cookie: string, payload?: unknown) =>
      engage.request({
        method,
        url,
        headers: { cookie },
        ...(payload === undefined ? {} : { payload: payload as Record<string, unknown> }),
      });
    const delivery = async () =>
      (await call('GET', `/api/projects/${projectId}/delivery`, engineer.cookie)).json<DeliveryLike>();
    const itemUrl = (item: { applicationKey: string; key: string }) =>
      `/api/projects/${projectId}/delivery/uat/${item.applicationKey}/${item.key}`;
    const uploadEvidence = (
      item: { applicationKey: string; key: string },
      name: string,
      content: Buffer,
      cookie = engineer.cookie,
    ) =>
      engage.request({
        method: 'POST',
        url: `${itemUrl(item)}/evidence?name=${encodeURIComponent(name)}`,
        headers: { cookie, 'content-type': 'application/octet-stream' },
        payload: content,
      });
    const resultCount = async () =>
      (
        (await engage.context.db.execute(
          sql`select count(*)::int as count from uat_item_results where project_id = ${projectId} and result is not null`,
        )) as { rows: { count: number }[] }
      ).rows[0]?.count;

    beforeAll(async () => {
      engage = await createTestEngage();
      manager = (await engage.staff('manager')).cookie;
      const engineerStaff = await engage.staff('engineer', { name: 'Elena Engineer' });
      engineer = { id: engineerStaff.user.id, cookie: engineerStaff.cookie };
      await engage.context.db.execute(
        sql`update users set teams = '["recording-analytics"]'::jsonb where id = ${engineer.id}`,
      );
    });
    // Each test has a project of its own at P5, with no result recorded yet: what it needs, it records itself.
    beforeEach(async () => {
      const setup = await projectAtDesignQuestionnaire(engage, manager);
      projectId = setup.projectId;
      customerContact = setup.customerContact;
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
      customerCookie = await signInContact(engage, manager, projectId, customerContact);
    });
    afterAll(async () => {
      await engage?.close();
    });

    /** The first item passed with the remark, and (with `evidence`) the screenshot attached as its evidence. */
    async function firstPassedWithRemark(evidence?: string) {
      const [first] = (await delivery()).uat.items;
      if (first === undefined) throw new Error('expected UAT items');
      const saved = await call('PUT', itemUrl(first), engineer.cookie, { result: 'pass-with-remark', comment: remark });
      expect(saved.statusCode).toBe(200);
      if (evidence !== undefined) expect((await uploadEvidence(first, evidence, screenshot)).statusCode).toBe(200);
      return first;
    }

    it('refuses a pass with a remark without the remark, in words, and records nothing', async () => {
      const [item] = (await delivery()).uat.items;
      if (item === undefined) throw new Error('expected UAT items');
      for (const comment of [undefined, null, '   ']) {
        const refused = await call('PUT', itemUrl(item), engineer.cookie, {
          result: 'pass-with-remark',
          ...(comment === undefined ? {} : { comment }),
        });
        expect(refused.statusCode).toBe(400);
        expect(refused.json()).toMatchObject({
          code: 'validation_failed',
          message: expect.stringMatching(/needs the remark/),
          details: [{ path: 'body.comment' }],
        });
      }
      expect(await resultCount()).toBe(0);
      const unknown = await call('PUT', itemUrl(item), engineer.cookie, { result: 'passed-mostly' });
      expect(unknown.statusCode).toBe(400);
      expect(unknown.json().details[0].message).toBe('The result is pass, pass-with-remark, fail or not-applicable.');
    });

    it('records a pass with its remark, counts it apart, and the database refuses one without a remark', async () => {
      const [item] = (await delivery()).uat.items;
      if (item === undefined) throw new Error('expected UAT items');
      const saved = await call('PUT', itemUrl(item), engineer.cookie, { result: 'pass-with-remark', comment: remark });
      expect(saved.statusCode).toBe(200);
      const state = saved.json<DeliveryLike>();
      expect(state.uat.items[0]).toMatchObject({ result: 'pass-with-remark', comment: remark });
      expect(state.uat.summary).toMatchObject({ pass: 0, passWithRemark: 1 });
      // The check constraint is the judge, whatever a later caller forgets.
      await expect(
        engage.context.db.execute(sql`update uat_item_results set comment = null where project_id = ${projectId}`),
      ).rejects.toThrow();
    });

    it('keeps a file as a result’s evidence, checked by its content, replaced by the next one; only the project’s workers may attach', async () => {
      await firstPassedWithRemark();
      const [first, second] = (await delivery()).uat.items;
      if (first === undefined || second === undefined) throw new Error('expected UAT items');
      const renamed = await uploadEvidence(first, 'recordings.png', program);
      expect(renamed.statusCode).toBe(415);
      expect(renamed.json()).toMatchObject({ code: 'file_type_refused' });
      const empty = await uploadEvidence(first, 'empty.png', Buffer.alloc(0));
      expect(empty.statusCode).toBe(400);
      // Access is checked before anything: a contact's session does not reach staff routes, another engineer is refused.
      expect((await uploadEvidence(first, 'recordings.png', screenshot, customerCookie)).statusCode).toBe(401);
      const other = await engage.staff('engineer');
      expect((await uploadEvidence(first, 'recordings.png', screenshot, other.cookie)).statusCode).toBe(403);
      expect((await call('DELETE', `${itemUrl(first)}/evidence`, other.cookie)).statusCode).toBe(403);
      expect(
        (await uploadEvidence({ applicationKey: 'call-recording', key: 'no-such-test' }, 'recordings.png', screenshot))
          .statusCode,
      ).toBe(404);
      expect((await delivery()).uat.items[0]?.evidence).toBeNull();

      const attached = await uploadEvidence(first, 'Recordings list 14-03.png', screenshot);
      expect(attached.statusCode).toBe(200);
      expect(attached.json<DeliveryLike>().uat.items[0]).toMatchObject({
        result: 'pass-with-remark',
        comment: remark,
        evidence: { name: 'Recordings list 14-03.png', contentType: 'image/png' },
      });
      const again = await uploadEvidence(first, 'Recordings list 15-03.png', screenshot);
      expect(again.json<DeliveryLike>().uat.items[0]?.evidence?.name).toBe('Recordings list 15-03.png');
      // Evidence may come before the result; the item is still to run.
      const early = await uploadEvidence(second, 'Call 4711.png', screenshot);
      expect(early.json<DeliveryLike>().uat.items[1]).toMatchObject({
        result: null,
        evidence: { name: 'Call 4711.png' },
      });
      const removed = await call('DELETE', `${itemUrl(second)}/evidence`, engineer.cookie);
      expect(removed.json<DeliveryLike>().uat.items[1]?.evidence).toBeNull();
      expect((await call('DELETE', `${itemUrl(second)}/evidence`, engineer.cookie)).statusCode).toBe(404);

      const audit = await engage.context.db.execute<{ action: string }>(
        sql`select action from audit_events where project_id = ${projectId} and action like 'uat.evidence%' order by id`,
      );
      expect((audit as { rows: { action: string }[] }).rows.map((row) => row.action)).toEqual([
        'uat.evidence-attached',
        'uat.evidence-attached',
        'uat.evidence-attached',
        'uat.evidence-removed',
      ]);
    });

    it('shows the portal each result with its remark and evidence, which the contact may download', async () => {
      await firstPassedWithRemark('Recordings list 15-03.png');
      const portal = (await call('GET', `/api/portal/projects/${projectId}/delivery`, customerCookie)).json<{
        uat: UatItemLike[];
      }>();
      const [first] = portal.uat;
      expect(first).toMatchObject({
        result: 'pass-with-remark',
        comment: remark,
        evidence: { name: 'Recordings list 15-03.png' },
      });
      const download = await call(
        'GET',
        `/api/portal/projects/${projectId}/files/${first?.evidence?.id ?? ''}`,
        customerCookie,
      );
      expect(download.statusCode).toBe(200);
      expect(download.rawPayload.equals(screenshot)).toBe(true);
    });

    it.skipIf(skipPdfTools)(
      'prints the outcome, the remark and the evidence file’s name in the document the customer signs',
      async () => {
        await firstPassedWithRemark('Recordings list 15-03.png');
        for (const item of (await delivery()).uat.items.slice(1))
          expect((await call('PUT', itemUrl(item), engineer.cookie, { result: 'pass' })).statusCode).toBe(200);
        const prepared = await call('POST', `/api/projects/${projectId}/delivery/documents`, engineer.cookie, {
          kind: 'uat',
          signerContactIds: [customerContact.id],
          language: 'en',
        });
        expect(prepared.statusCode).toBe(200);
        const document = prepared
          .json<DeliveryLike>()
          .documents.find((candidate) => candidate.kind === 'uat' && candidate.state === 'awaiting-signature');
        const pdf = (
          await call('GET', `/api/projects/${projectId}/delivery/documents/${document?.id ?? ''}/pdf`, engineer.cookie)
        ).rawPayload;
        const text = (await runPdftotext(pdf)).replace(/\s+/g, ' ');
        expect(text).toContain('Passed with a remark');
        expect(text).toContain('Remarks (minor defects accepted)');
        expect(text).toContain('Niccolo for Niccolò');
        expect(text).toMatch(/Recordings list 15-03\.png|Recordings list 15- ?03\.png/);
      },
    );

    it('takes no more evidence once the UAT is signed', async () => {
      await firstPassedWithRemark('Recordings list 15-03.png');
      let state = await delivery();
      if (!state.documents.some((document) => document.kind === 'uat' && document.state === 'awaiting-signature')) {
        for (const item of state.uat.items.slice(1))
          await call('PUT', itemUrl(item), engineer.cookie, { result: 'pass' });
        await call('POST', `/api/projects/${projectId}/delivery/documents`, engineer.cookie, {
          kind: 'uat',
          signerContactIds: [customerContact.id],
        });
        state = await delivery();
      }
      const document = state.documents.find(
        (candidate) => candidate.kind === 'uat' && candidate.state === 'awaiting-signature',
      );
      const scan = await PDFDocument.create();
      scan.addPage([595, 842]).drawText('UAT signed on paper by Giulia Rossi', {
        x: 56,
        y: 760,
        size: 12,
        font: await scan.embedFont(StandardFonts.Helvetica),
      });
      const signedOn = new Date().toISOString().slice(0, 10);
      const recorded = await engage.request({
        method: 'POST',
        url: `/api/projects/${projectId}/delivery/documents/${document?.id ?? ''}/outside-signature?name=scan.pdf&signerName=Giulia%20Rossi&signedOn=${signedOn}`,
        headers: { cookie: engineer.cookie, 'content-type': 'application/octet-stream' },
        payload: Buffer.from(await scan.save()),
      });
      expect(recorded.statusCode).toBe(200);
      const [first] = (await delivery()).uat.items;
      if (first === undefined) throw new Error('expected UAT items');
      const late = await uploadEvidence(first, 'Late.png', screenshot);
      expect(late.statusCode).toBe(409);
      expect(late.json().message).toMatch(/signed/);
      expect((await call('DELETE', `${itemUrl(first)}/evidence`, engineer.cookie)).statusCode).toBe(409);
      expect((await delivery()).uat.items[0]?.evidence?.name).toBe('Recordings list 15-03.png');
    });
  },
);
