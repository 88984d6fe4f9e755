import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestSmtpServer, type TestSmtpServer } from '../src/server/test/smtp';
import { callApi, expectVisible, isBrowserAvailable, logIn, logOut, startJourney, type Journey } from './browser';

const admin = { email: 'admin@example.com', password: 'correct horse battery staple' };
const manager = { name: 'Marta Manager', email: 'marta@vendor.example', password: 'manager password 1234' };
const engineer = { name: 'Giulia Bianchi', email: 'giulia@vendor.example', password: 'engineer password 1234' };
const reference = { name: 'Sara Conti', email: 'sara.conti@hospital.example' };
const projectName = 'Call recording for the radiology ward';
const closingReason = 'The customer’s approver left; the director confirmed acceptance by phone on 3 December.';
/** A one-pixel PNG: the "scan" of the UAT signed on paper. */
const scan = Buffer.from(
  '89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63f8ffff3f0005fe02fea7d6a4a80000000049454e44ae426082',
  'hex',
);

/** YYYY-MM-DD of the day before today, in the browser's zone (Europe/Rome). */
function yesterdayInRome(): string {
  return new Intl.DateTimeFormat('en-CA', {
    timeZone: 'Europe/Rome',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(new Date(Date.now() - 24 * 3600_000));
}

function todayInRome(): string {
  return new Intl.DateTimeFormat('en-CA', {
    timeZone: 'Europe/Rome',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(new Date());
}

// The ways through when reality is not the happy path, in the staff app as people use them: the kick-off that took
// place by phone is recorded after the fact (E7 and E8 complete from it), the UAT signed on paper is recorded with its
// scan (P5 completes, and the public verification page knows the scan), and a manager closes the project whose
// activity report the customer never signs, with a reason (support still gets the hand-over package).
describe.skipIf(!isBrowserAvailable)(
  'journey: a session after the fact, a signature on paper, a close without a signed report',
  () => {
    let journey: Journey;
    let smtp: TestSmtpServer;
    beforeAll(async () => {
      smtp = await startTestSmtpServer();
      journey = await startJourney(admin, {
        SMTP_URL: smtp.url,
        MAIL_FROM: 'Engage <engage@vendor.example>',
        SUPPORT_MAILBOX: 'Support <support@vendor.example>',
      });
    });
    afterAll(async () => {
      await journey?.close();
      await smtp?.close();
    });

    it('records the past kick-off, the paper-signed UAT and closes without the report’s signature', async () => {
      const { page, baseUrl } = journey;
      const stepOf = async (projectId: string) =>
        (await callApi(page, 'GET', `/api/projects/${projectId}`, undefined, 200)) as {
          currentStep: { code: string } | null;
          state: string;
        };

      // Setup through the API: staff, the customer and its technical reference, the project at E7 (E2–E6 waived: the
      // other journeys cover them).
      await logIn(page, baseUrl, admin);
      const engineerId = String(
        (await callApi(page, 'POST', '/api/users', { ...engineer, role: 'engineer', language: 'en' }, 201)).id,
      );
      await callApi(page, 'PATCH', `/api/users/${engineerId}`, { teams: ['recording-analytics'] }, 200);
      await callApi(page, 'POST', '/api/users', { ...manager, role: 'manager', language: 'en' }, 201);
      await logOut(page);
      await logIn(page, baseUrl, manager);
      const customerId = String(
        (await callApi(page, 'POST', '/api/organisations', { kind: 'customer', name: 'Ospedale San Carlo' }, 201)).id,
      );
      const contactId = String(
        (
          await callApi(
            page,
            'POST',
            `/api/organisations/${customerId}/contacts`,
            { ...reference, language: 'en', role: 'technical-reference' },
            201,
          )
        ).id,
      );
      const projectId = String(
        (
          await callApi(
            page,
            'POST',
            '/api/projects',
            {
              name: projectName,
              customerId,
              applications: ['call-recording'],
              deployment: 'virtual-appliance',
              purchasedEffortDays: 3,
            },
            201,
          )
        ).id,
      );
      await callApi(page, 'POST', `/api/projects/${projectId}/purchase-order`, { number: 'PO-2026-0912' }, 200);
      await callApi(
        page,
        'POST',
        `/api/projects/${projectId}/actions`,
        { type: 'waive', stepKey: 'service-presentation', reason: 'Presented in person.' },
        200,
      );
      await callApi(page, 'POST', `/api/projects/${projectId}/engineer`, { engineerId }, 200);
      for (const stepKey of [
        'engineer-contact',
        'design-questionnaire',
        'requirements-refining',
        'requirements-fulfilment',
      ]) {
        await callApi(
          page,
          'POST',
          `/api/projects/${projectId}/actions`,
          { type: 'waive', stepKey, reason: 'Covered by the other journeys.' },
          200,
        );
      }
      expect((await stepOf(projectId)).currentStep?.code).toBe('E7');
      await logOut(page);

      // 1. The engineer records the kick-off that took place by phone yesterday: held at once, E7 and E8 complete.
      await logIn(page, baseUrl, engineer);
      await page.goto(`${baseUrl}/projects/${projectId}?tab=sessions`);
      await page.getByRole('button', { name: 'Record a past session' }).first().click();
      const record = page.getByRole('dialog', { name: 'Record a past session' });
      await expectVisible(record);
      await record.getByLabel('Date').fill(yesterdayInRome());
      await record.getByLabel('Start time').fill('10:00');
      await record.getByRole('textbox', { name: 'Title' }).fill('Kick-off by phone');
      await record.getByRole('combobox', { name: 'Attendees' }).click();
      await page.getByRole('option', { name: `${reference.name} <${reference.email}>` }).click();
      await record.getByRole('heading', { name: 'Record a past session' }).click();
      await record.getByRole('textbox', { name: 'What happened' }).fill('Agreed the installation plan.');
      await journey.screenshot('exceptions-01-past-session');
      await record.getByRole('button', { name: 'Record as held' }).click();
      await record.waitFor({ state: 'hidden' });
      await expectVisible(page.getByText('The session is recorded as held.'));
      await expect.poll(async () => (await stepOf(projectId)).currentStep?.code).toBe('P1');
      // Nobody was emailed about a session that already took place.
      expect(smtp.received.filter((mail) => mail.envelopeTo.includes(reference.email))).toEqual([]);

      // Setup: P1–P4 waived by the manager (the delivery journey covers them); the engineer runs the UAT and puts it up
      // for signature.
      await logOut(page);
      await logIn(page, baseUrl, manager);
      for (const stepKey of ['environment', 'installation', 'pbx-configuration', 'application-configuration']) {
        await callApi(
          page,
          'POST',
          `/api/projects/${projectId}/actions`,
          { type: 'waive', stepKey, reason: 'Covered by the delivery journey.' },
          200,
        );
      }
      await logOut(page);
      await logIn(page, baseUrl, engineer);
      const delivery = (await callApi(page, 'GET', `/api/projects/${projectId}/delivery`, undefined, 200)) as {
        uat: { items: { applicationKey: string; key: string }[] };
      };
      for (const item of delivery.uat.items)
        await callApi(
          page,
          'PUT',
          `/api/projects/${projectId}/delivery/uat/${item.applicationKey}/${item.key}`,
          { result: 'pass' },
          200,
        );
      await callApi(
        page,
        'POST',
        `/api/projects/${projectId}/delivery/documents`,
        { kind: 'uat', signerContactIds: [contactId] },
        200,
      );

      // 2. The customer signed the UAT on paper: the engineer records the scan as the signed copy; P5 completes.
      await page.goto(`${baseUrl}/projects/${projectId}?tab=delivery`);
      await page.getByRole('button', { name: /^Record .*version 1, as signed outside Engage$/ }).click();
      const outside = page.getByRole('dialog', { name: /signed outside Engage$/ });
      await expectVisible(outside);
      // Mantine's file input is a button that opens the system's file chooser, as it does for a person.
      const [chooser] = await Promise.all([
        page.waitForEvent('filechooser'),
        outside.getByRole('button', { name: 'Scan of the signed copy' }).click(),
      ]);
      await chooser.setFiles({ name: 'uat-signed.png', mimeType: 'image/png', buffer: scan });
      await outside.getByRole('textbox', { name: 'Signed by' }).fill(reference.name);
      await outside.getByLabel('Signed on').fill(todayInRome());
      await journey.screenshot('exceptions-02-outside-signature');
      await outside.getByRole('button', { name: 'Record as signed' }).click();
      await outside.waitFor({ state: 'hidden' });
      await expectVisible(page.getByText('Signed outside Engage').first());
      // No training was bought: P6 is skipped, and the activity report (P7) is next.
      await expect.poll(async () => (await stepOf(projectId)).currentStep?.code).toBe('P7');
      await callApi(
        page,
        'PUT',
        `/api/projects/${projectId}/delivery/notes`,
        { reportNotes: 'Installed as designed.', maintenanceNotes: 'Recordings purged after 24 months.' },
        200,
      );
      await callApi(
        page,
        'POST',
        `/api/projects/${projectId}/delivery/documents`,
        { kind: 'activity-report', signerContactIds: [contactId] },
        200,
      );
      await logOut(page);

      // 3. The customer never signs the report: the manager closes without it, with a reason, after a confirmation.
      await logIn(page, baseUrl, manager);
      await page.goto(`${baseUrl}/projects/${projectId}?tab=delivery`);
      await page.getByRole('button', { name: 'Close without a signed report…' }).click();
      const closing = page.getByRole('dialog', { name: 'Close without a signed activity report' });
      await expectVisible(closing);
      await closing.getByRole('button', { name: 'Continue' }).click();
      await expectVisible(closing.getByText('Say why the project closes without a signed activity report.'));
      await closing.getByRole('textbox', { name: 'Reason' }).fill(closingReason);
      await closing.getByRole('button', { name: 'Continue' }).click();
      await journey.screenshot('exceptions-03-close-confirmation');
      await closing.getByRole('button', { name: 'Close without signed report' }).click();
      await closing.waitFor({ state: 'hidden' });
      await expect.poll(async () => (await stepOf(projectId)).state, { timeout: 40_000 }).toBe('complete');
      await page.reload();
      await expectVisible(page.getByText('Closed without a signed activity report'));
      await expectVisible(page.getByText(`Reason: ${closingReason}`));
      await journey.screenshot('exceptions-04-closed');
      // Support got the hand-over package, with the scan signed on paper attached.
      const handover = smtp.received.find((mail) => mail.envelopeTo.includes('support@vendor.example'));
      expect(handover?.parsed.attachments.map((attachment) => attachment.contentType)).toContain('image/png');

      // 4. Anyone checks the scan on the public verification page: recorded as signed outside Engage.
      const visitor = await journey.openSeparateBrowser();
      await visitor.page.goto(`${baseUrl}/verify`);
      const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'engage-verify-')), 'uat-signed.png');
      fs.writeFileSync(file, scan);
      await visitor.page.getByLabel('File to check').setInputFiles(file);
      await visitor.page.getByRole('button', { name: 'Check document' }).click();
      await expectVisible(
        visitor.page.getByText(new RegExp(`Recorded by Engage as signed outside Engage on .* by ${reference.name}\\.`)),
      );
      await visitor.screenshot('exceptions-05-verified');
    });
  },
);
