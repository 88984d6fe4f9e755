import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runPdfsig, shouldSkipPdfToolTests } from '../src/server/pdf/pdf-tools';
import { startTestSmtpServer, type ReceivedMail, type TestSmtpServer } from '../src/server/test/smtp';
import {
  callApi,
  expectVisible,
  isBrowserAvailable,
  logIn,
  logOut,
  startJourney,
  type BrowserWindow,
  type Journey,
} from './browser';

const admin = { email: 'admin@example.com', password: 'correct horse battery staple' };
const manager = { name: 'Marta Manager', email: 'marta@vendor.example', password: 'manager password 1234' };
const engineer = { name: 'Giulia Bianchi', email: 'giulia@vendor.example', password: 'engineer password 1234' };
const supportUser = { name: 'Sam Support', email: 'sam@vendor.example', password: 'support password 1234' };
const reference = { name: 'Sara Conti', email: 'sara.conti@hospital.example' };
const technician = { name: 'Paolo Ferretti', email: 'paolo@reseller.example' };
const projectName = 'Call recording for the contact centre';
const hostName = 'rec-srv01.ospedale.local';
/** Written in the internal maintenance notes: never in the portal, never in an email to the customer or partner. */
const internalMarker = 'INTERNAL-ONLY-e2e-41c7: custom purge script on D:\\scripts';
const mailTimeout = 40_000;

const skipPdfTools = shouldSkipPdfToolTests({
  required: process.env.ENGAGE_PDF_TOOLS === '1' || process.env.CI === 'true',
  suite: 'the pdfsig check of the journey in e2e/delivery.e2e.test.ts',
});

/** Opens the newest personal link emailed to an address, presses Continue, and waits for the page it leads to. */
async function followLatestLink(
  window: BrowserWindow,
  baseUrl: string,
  mails: ReceivedMail[],
  expectedPath: string,
): Promise<void> {
  const latest = mails.at(-1);
  const linkPath = /\/portal\/link\/[A-Za-z0-9_-]{43}(\?to=[a-z0-9/-]+)?/.exec(latest?.parsed.text ?? '')?.[0];
  expect(linkPath, latest?.parsed.text ?? 'no email').toBeDefined();
  await window.page.goto(`${baseUrl}${linkPath}`);
  await window.page.getByRole('button', { name: 'Continue' }).click();
  await window.page.waitForURL(`${baseUrl}${expectedPath}`);
}

/** Chooses an option of a segmented control the way a person does: by its visible label (the radio itself is hidden). */
async function choose(page: Page, radio: ReturnType<Page['getByRole']>): Promise<void> {
  const id = await radio.getAttribute('id');
  await page.locator(`label[for="${id}"]`).click();
  await expect.poll(() => radio.isChecked()).toBe(true);
}

/** A one-pixel PNG: what a screenshot attached as a UAT result's evidence stands for. */
const onePixelPng = Buffer.from(
  '89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63f8ffff3f0005fe02fea7d6a4a80000000049454e44ae426082',
  'hex',
);

/** Draws a short stroke on the signature pad with the mouse. */
async function drawSignature(page: Page): Promise<void> {
  const pad = page.getByRole('img', { name: 'Signature pad' });
  const box = await pad.first().boundingBox();
  if (box === null) throw new Error('the signature pad is not visible');
  await page.mouse.move(box.x + 20, box.y + box.height / 2);
  await page.mouse.down();
  for (let step = 1; step <= 10; step += 1)
    await page.mouse.move(box.x + 20 + step * 15, box.y + box.height / 2 + (step % 2 === 0 ? -12 : 12));
  await page.mouse.up();
}

// P1–P8 (issue: delivery, sign-off and hand-over), after the scheduling journey: the partner's technician ticks the
// checklists in the portal, the engineer verifies, installs, configures and runs the UAT; the customer signs the UAT
// document and the activity report in the portal; the engineer closes the project; support finds its dossier.
describe.skipIf(!isBrowserAvailable)('journey: delivery P1–P8, signatures in the portal, hand-over to support', () => {
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

  it('runs the delivery to the signed report, closes the project, and the sealed documents verify', async () => {
    const { page, baseUrl } = journey;
    const mailTo = (email: string) => smtp.received.filter((message) => message.envelopeTo.includes(email));

    // Setup through the API: staff, the customer with its technical reference, the partner with its technician, the
    // project at P1 (E2–E8 waived: the scheduling journey covers them).
    await logIn(page, baseUrl, admin);
    const engineerId = String(
      (await callApi(page, 'POST', '/api/users', { ...engineer, role: 'engineer', language: 'en' }, 201)).id,
    );
    await callApi(page, 'PATCH', `/api/users/${engineerId}`, { teams: ['recording-analytics'] }, 200);
    await callApi(page, 'POST', '/api/users', { ...manager, role: 'manager', language: 'en' }, 201);
    await callApi(page, 'POST', '/api/users', { ...supportUser, role: 'support', language: 'en' }, 201);
    await logOut(page);

    await logIn(page, baseUrl, manager);
    const customerId = String(
      (await callApi(page, 'POST', '/api/organisations', { kind: 'customer', name: 'Ospedale Maggiore' }, 201)).id,
    );
    await callApi(
      page,
      'POST',
      `/api/organisations/${customerId}/contacts`,
      { ...reference, language: 'en', role: 'technical-reference' },
      201,
    );
    const partnerId = String(
      (
        await callApi(
          page,
          'POST',
          '/api/organisations',
          { kind: 'partner', name: 'Reseller Voce', paymentTerms: 'engage-on-po' },
          201,
        )
      ).id,
    );
    const technicianId = String(
      (
        await callApi(
          page,
          'POST',
          `/api/organisations/${partnerId}/contacts`,
          { ...technician, language: 'en', role: 'partner-technician' },
          201,
        )
      ).id,
    );
    const project = {
      name: projectName,
      customerId,
      partnerId,
      applications: ['call-recording'],
      deployment: 'virtual-appliance',
      purchasedEffortDays: 3,
    };
    const projectId = String((await callApi(page, 'POST', '/api/projects', project, 201)).id);
    await callApi(page, 'POST', `/api/projects/${projectId}/purchase-order`, { number: 'PO-2026-0777' }, 200);
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
      'activity-schedule',
      'activity-start',
    ]) {
      await callApi(
        page,
        'POST',
        `/api/projects/${projectId}/actions`,
        { type: 'waive', stepKey, reason: 'Covered by the scheduling journey.' },
        200,
      );
    }
    expect((await callApi(page, 'GET', `/api/projects/${projectId}`, undefined, 200)).currentStep).toMatchObject({
      code: 'P1',
    });
    await callApi(page, 'POST', `/api/projects/${projectId}/portal-links`, { contactId: technicianId }, 204);
    await logOut(page);

    // 1. P1: the partner's technician ticks the virtual appliance checklist in the portal.
    const partnerBrowser = await journey.openSeparateBrowser();
    const partnerPage = partnerBrowser.page;
    await expect.poll(() => mailTo(technician.email).length, { timeout: mailTimeout }).toBe(1);
    await followLatestLink(partnerBrowser, baseUrl, mailTo(technician.email), `/portal/projects/${projectId}`);
    await partnerPage.goto(`${baseUrl}/portal/projects/${projectId}/delivery`);
    const environmentBoxes = partnerPage.getByRole('region', { name: 'Prepare the machines' }).getByRole('checkbox');
    await expectVisible(environmentBoxes.first());
    const environmentCount = await environmentBoxes.count();
    expect(environmentCount).toBeGreaterThanOrEqual(6);
    for (let index = 0; index < environmentCount; index += 1) {
      await environmentBoxes.nth(index).check();
      await expect.poll(() => environmentBoxes.nth(index).isChecked()).toBe(true);
    }
    await partnerBrowser.screenshot('delivery-01-portal-environment');

    // 2. The engineer verifies P1, records the installation, follows P3, records the configuration.
    await logIn(page, baseUrl, engineer);
    await page.goto(`${baseUrl}/projects/${projectId}?tab=delivery`);
    const verifyButtons = page.getByRole('button', { name: 'Verify', exact: true });
    await expectVisible(verifyButtons.first());
    for (let remaining = await verifyButtons.count(); remaining > 0; remaining -= 1) {
      await verifyButtons.first().click();
      await expect.poll(() => verifyButtons.count()).toBe(remaining - 1);
    }
    await page.getByRole('textbox', { name: 'Installed version' }).fill('12.4.2');
    await page.getByRole('button', { name: 'Mark installed' }).click();
    await expect
      .poll(
        async () =>
          ((await callApi(page, 'GET', `/api/projects/${projectId}`, undefined, 200)).currentStep as { code: string })
            .code,
      )
      .toBe('P3');

    await partnerPage.reload();
    const pbxBoxes = partnerPage.getByRole('region', { name: 'Telephone system tasks' }).getByRole('checkbox');
    await expectVisible(pbxBoxes.first());
    const pbxCount = await pbxBoxes.count();
    for (let index = 0; index < pbxCount; index += 1) {
      await pbxBoxes.nth(index).check();
      await expect.poll(() => pbxBoxes.nth(index).isChecked()).toBe(true);
    }
    await page.reload();
    await expectVisible(verifyButtons.first());
    for (let remaining = await verifyButtons.count(); remaining > 0; remaining -= 1) {
      await verifyButtons.first().click();
      await expect.poll(() => verifyButtons.count()).toBe(remaining - 1);
    }
    await page.getByRole('textbox', { name: 'Server host name (FQDN)' }).fill(hostName);
    await page.getByRole('button', { name: 'Save configuration' }).click();
    await expectVisible(page.getByText('Configuration saved').first());
    await page.getByRole('button', { name: 'Mark configured' }).click();
    await expect
      .poll(
        async () =>
          ((await callApi(page, 'GET', `/api/projects/${projectId}`, undefined, 200)).currentStep as { code: string })
            .code,
      )
      .toBe('P5');
    await journey.screenshot('delivery-02-configured');

    // 3. P5: every UAT item passes but one, which fails and is accepted as an exception; the UAT goes out for signature.
    const passRadios = page.getByRole('radio', { name: 'Pass', exact: true });
    await passRadios.first().waitFor({ state: 'attached' });
    const items = await passRadios.count();
    expect(items).toBeGreaterThanOrEqual(8);
    for (let index = 1; index < items; index += 1) await choose(page, passRadios.nth(index));
    await choose(page, page.getByRole('radio', { name: 'Fail' }).first());
    await page.getByRole('button', { name: 'Accept as exception' }).first().click();
    const exception = page.getByRole('dialog');
    await exception
      .getByRole('textbox', { name: 'Reason' })
      .fill('Playback is slow on the old SAN; accepted until the new SAN in March.');
    await exception.getByRole('button', { name: 'Accept' }).click();
    await exception.waitFor({ state: 'hidden' });
    // Another passes with a remark, a minor defect the customer accepts: the remark is asked for first. A screenshot of
    // the recordings list is attached as its evidence.
    const withRemark = page.getByRole('radio', { name: 'Pass with remark', exact: true }).nth(1);
    await page.locator(`label[for="${await withRemark.getAttribute('id')}"]`).click();
    const remark = page.getByRole('textbox', { name: /^Remark on / }).first();
    await expectVisible(page.getByText('Write the remark first', { exact: false }));
    await remark.fill('The caller’s name shows without its accents; accepted as a minor defect.');
    await choose(page, withRemark);
    await expectVisible(page.getByText('1 pass with a remark', { exact: true }));
    const chooser = page.waitForEvent('filechooser');
    await page
      .getByRole('button', { name: /^Attach evidence to / })
      .nth(1)
      .click();
    await (await chooser).setFiles({ name: 'recordings-list.png', mimeType: 'image/png', buffer: onePixelPng });
    await expectVisible(page.getByRole('link', { name: /^Download the evidence of .+: recordings-list\.png$/ }));
    await journey.screenshot('delivery-02b-uat-remark-evidence');
    await page.getByRole('button', { name: 'Put up for signature: User acceptance tests' }).click();
    const sendUat = page.getByRole('dialog');
    await sendUat.getByRole('combobox', { name: 'Signers' }).click();
    await page.getByRole('option', { name: new RegExp(reference.name) }).click();
    await sendUat.getByRole('heading').first().click();
    await sendUat.getByRole('button', { name: 'Send for signature' }).click();
    await sendUat.waitFor({ state: 'hidden' });
    await journey.screenshot('delivery-03-uat-sent');

    // 4. The customer opens the link, reviews and signs the UAT document with a drawn signature.
    const customerBrowser = await journey.openSeparateBrowser();
    const portal = customerBrowser.page;
    // The signature request (a turn email about P1 may have reached the customer too, once the project was quiet).
    const signatureRequestsTo = (email: string) =>
      mailTo(email).filter((message) => /please review and sign/.test(message.parsed.subject ?? ''));
    await expect.poll(() => signatureRequestsTo(reference.email).length, { timeout: mailTimeout }).toBe(1);
    await followLatestLink(
      customerBrowser,
      baseUrl,
      signatureRequestsTo(reference.email),
      `/portal/projects/${projectId}/delivery`,
    );
    await expectVisible(portal.getByRole('link', { name: 'Download to review' }).first());
    // The results the customer signs, the remark and its evidence with them.
    const uat = portal.getByRole('region', { name: 'User acceptance tests' });
    await expectVisible(uat.getByText('Passed with a remark', { exact: true }));
    await expectVisible(uat.getByText('The caller’s name shows without its accents; accepted as a minor defect.'));
    await expectVisible(uat.getByRole('link', { name: 'recordings-list.png' }));
    await portal.getByRole('textbox', { name: 'Full name' }).fill(reference.name);
    await portal.getByRole('checkbox', { name: 'I have read and agree to the text above' }).check();
    await choose(portal, portal.getByRole('radio', { name: 'Draw' }));
    await drawSignature(portal);
    await customerBrowser.screenshot('delivery-04-signing');
    await portal.getByRole('button', { name: 'Sign document' }).click();
    await expectVisible(portal.getByRole('link', { name: 'Download signed copy' }).first());
    await customerBrowser.screenshot('delivery-05-signed');
    await expect
      .poll(
        () =>
          mailTo(reference.email).filter((mail) =>
            mail.parsed.attachments.some((file) => file.contentType === 'application/pdf'),
          ).length,
        { timeout: mailTimeout },
      )
      .toBe(1);
    const sealedUat = mailTo(reference.email).find((mail) => mail.parsed.attachments.length > 0)!.parsed.attachments[0]!
      .content;

    // 5. P6–P7: an on-the-job training, the notes, the work log; the report goes out and the customer signs it typed.
    await page.reload();
    await page.getByRole('button', { name: 'Record training' }).click();
    const training = page.getByRole('dialog');
    await training.getByRole('combobox', { name: 'Kind' }).click();
    await page.getByRole('option', { name: /on the job/i }).click();
    await training.getByRole('textbox', { name: 'Date' }).fill('2026-12-01');
    await training.getByRole('textbox', { name: 'Duration (minutes)' }).fill('90');
    await training.getByRole('textbox', { name: 'Attendees' }).fill(reference.name);
    await training.getByRole('textbox', { name: 'Topics' }).fill('Searching and exporting recordings');
    await training.getByRole('button', { name: 'Save training' }).click();
    await training.waitFor({ state: 'hidden' });
    await page.getByRole('textbox', { name: 'Internal maintenance notes' }).fill(internalMarker);
    await page.getByRole('button', { name: 'Save maintenance notes' }).click();
    await page
      .getByRole('textbox', { name: 'Notes for the customer' })
      .fill('Recording runs on the network-based method.');
    await page.getByRole('button', { name: 'Save report notes' }).click();
    await callApi(
      page,
      'POST',
      `/api/projects/${projectId}/work-log`,
      {
        stepKey: 'installation',
        performer: { kind: 'staff', userId: engineerId },
        workDate: '2026-11-30',
        durationMinutes: 240,
        description: 'Installed the recorder 12.4.2',
      },
      200,
    );
    await page.reload();
    await page.getByRole('button', { name: 'Put up for signature: Activity report' }).click();
    const sendReport = page.getByRole('dialog');
    await sendReport.getByRole('combobox', { name: 'Signers' }).click();
    await page.getByRole('option', { name: new RegExp(reference.name) }).click();
    await sendReport.getByRole('heading').first().click();
    await sendReport.getByRole('button', { name: 'Send for signature' }).click();
    await sendReport.waitFor({ state: 'hidden' });

    await portal.reload();
    await portal.getByRole('textbox', { name: 'Full name' }).fill(reference.name);
    await portal.getByRole('checkbox', { name: 'I have read and agree to the text above' }).check();
    await portal.getByRole('textbox', { name: 'Signature' }).fill('S. Conti');
    await portal.getByRole('button', { name: 'Sign document' }).click();
    await expect.poll(() => portal.getByRole('link', { name: 'Download signed copy' }).count()).toBe(2);
    const portalHtml = await portal.content();

    // 6. P8: the engineer closes the project; the package goes to support and the project completes.
    await page.reload();
    await page.getByRole('button', { name: 'Close project and hand over' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Close project' }).click();
    await expect.poll(() => mailTo('support@vendor.example').length, { timeout: mailTimeout }).toBe(1);
    await expect
      .poll(async () => (await callApi(page, 'GET', `/api/projects/${projectId}`, undefined, 200)).state, {
        timeout: mailTimeout,
      })
      .toBe('complete');
    await journey.screenshot('delivery-06-closed');
    await logOut(page);

    // 7. Support finds the dossier by a configuration value.
    await logIn(page, baseUrl, supportUser);
    await page.goto(`${baseUrl}/dossiers`);
    await page.getByRole('searchbox').or(page.getByRole('textbox')).first().fill(hostName);
    await page.keyboard.press('Enter');
    await expectVisible(page.getByRole('link', { name: new RegExp(projectName) }).first());
    await journey.screenshot('delivery-07-dossier-search');

    // 8. Anyone checks the sealed UAT on the public verification page.
    const visitor = await journey.openSeparateBrowser();
    await visitor.page.goto(`${baseUrl}/verify`);
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'engage-verify-')), 'uat.pdf');
    fs.writeFileSync(file, sealedUat);
    await visitor.page.getByLabel('File to check').setInputFiles(file);
    await visitor.page.getByRole('button', { name: 'Check document' }).click();
    await expectVisible(visitor.page.getByText('Sealed by Engage and unchanged'));
    await visitor.screenshot('delivery-08-verified');
    if (!skipPdfTools) expect(await runPdfsig(sealedUat)).toContain('Signature Validation: Signature is Valid.');

    // The internal notes never reached the portal or an email to the customer or the partner.
    expect(portalHtml).not.toContain('INTERNAL-ONLY-e2e-41c7');
    for (const mail of smtp.received.filter((message) => !message.envelopeTo.includes('support@vendor.example'))) {
      expect(mail.raw.toString('utf8')).not.toContain('INTERNAL-ONLY-e2e-41c7');
    }
  });
});
