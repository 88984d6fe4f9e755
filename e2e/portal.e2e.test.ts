import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestSmtpServer, type TestSmtpServer } from '../src/server/test/smtp';
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
const reference = { name: 'Sara Conti', email: 'sara.conti@hospital.example' };
const projectName = 'Call recording for the contact centre';
const questionnaireTitle = 'Call Recording design questionnaire';
const usersTable = 'List the users to record and the people who will listen to recordings';
const retentionQuestion = 'How long must recordings be kept?';
const constraint =
  'The recording bot must run in the EU tenant region; the customer’s Teams administrator grants consent during the design call.';

// What the answers below raise, each with the note the customer writes when marking it done: from the project
// questionnaire (content/project-questionnaire.yaml), answered once for the project: Teams, a Windows Server VM with a
// new SQL Server instance, no directory, no email, a proxy to the Internet; from Call Recording's
// (content/applications/call-recording.yaml): Teams compliance recording and 120 hours a day.
const expectedRequirements: readonly { title: string; note: string }[] = [
  {
    title: 'Teams compliance recording policy and recording bot registration',
    note: 'Bot registered in Entra ID with admin consent; policy assigned to the 40 agents.',
  },
  {
    title: 'Storage sized for the recorded hours and the retention period',
    note: 'A 600 GB data disk is attached to the VM as drive D:.',
  },
  {
    title: 'Windows Server virtual machine prepared',
    note: 'VM rec-app-01 ready: Windows Server 2022, 4 vCPU, 16 GB RAM, RDP enabled.',
  },
  {
    title: 'SQL Server 2019 or 2022 Standard licence for the application server',
    note: 'SQL Server 2022 Standard media and licence key are on the D: drive.',
  },
  {
    title: "Windows service account for the applications' services",
    note: 'svc-recording created, password never expires, local administrator on rec-app-01.',
  },
  {
    title: 'Outbound HTTPS to api.imagicle.com for licence activation',
    note: 'Proxy rule added without SSL inspection, change CHG-2232.',
  },
  {
    title: 'Licence portal account and purchased quantities confirmed',
    note: 'Account held by Sara Conti; 40 recorded users confirmed.',
  },
  {
    title: 'Backup share, schedule and retention ready',
    note: 'Share \\\\nas01\\backup writable by svc-recording; nightly, 14 days.',
  },
  { title: 'NTP reachable from the server and its time zone set', note: 'UDP 123 open to ntp1 and ntp2; Europe/Rome.' },
  {
    title: "Users' browsers reach the server's web portal on HTTPS 443",
    note: 'TCP 443 open from the office VLANs to rec-app-01.',
  },
  {
    title: 'Firewall and proxy changes planned with their owner',
    note: 'Network team scheduled the changes for Tuesday 18:00.',
  },
  {
    title: "Microsoft 365 administrator available to grant the applications' consents",
    note: 'Marco Galli, Global Administrator, booked for the design call.',
  },
];

/** The project questionnaire as the technical reference answers it, once for the project. */
const projectAnswers = {
  'calling-platform': ['teams'],
  'teams-tenant': 'ospedalemaggiore.onmicrosoft.com',
  'teams-pstn': ['direct-routing'],
  deployment: 'windows-vms',
  'windows-server-version': '2022',
  'high-availability': false,
  'sql-server-source': 'new-instance',
  'directory-source': 'none',
  'email-notifications': false,
  'internet-access': 'proxy',
  'proxy-address': 'proxy.hospital.example:8080',
  'licence-owner': 'Sara Conti <sara.conti@hospital.example>',
  'web-certificate': 'self-signed',
  'backup-target': '\\\\nas01\\backup, nightly, 14 days',
  'ntp-server': 'ntp1.hospital.example, ntp2.hospital.example; Europe/Rome',
  'firewall-owner': 'Network team, changes on Tuesdays 18:00–20:00',
};

// E4 to E6 through the customer portal: the engineer emails a personal link (a real SMTP server receives it), the
// technical reference opens it in their own browser, answers the design questionnaire (a missing answer is named,
// a file is attached) and submits; the engineer reviews the generated requirements, records a constraint and
// confirms the list; the customer marks each requirement done, the engineer verifies each, and E7 is current.
describe.skipIf(!isBrowserAvailable)(
  'journey: the design questionnaire and the requirements in the customer portal (E4 to E6)',
  () => {
    let journey: Journey;
    let smtp: TestSmtpServer;
    beforeAll(async () => {
      smtp = await startTestSmtpServer();
      journey = await startJourney(admin, { SMTP_URL: smtp.url, MAIL_FROM: 'Engage <engage@vendor.example>' });
    });
    afterAll(async () => {
      await journey?.close();
      await smtp?.close();
    });

    it('sends a link, fills and submits the questionnaire, confirms, fulfils and verifies the requirements', async () => {
      const { page, baseUrl } = journey;

      // Setup through the API, from the staff pages: an engineer of the recording team and a manager; the manager adds
      // the customer with its English technical reference and the project, assigns the engineer and waives E2 and E3.
      await logIn(page, baseUrl, admin);
      const engineerId = String(
        (await callApi(page, 'POST', '/api/users', { ...engineer, role: 'engineer', language: 'en' }, 201)).id,
      );
      await callApi(
        page,
        'PATCH',
        `/api/users/${engineerId}`,
        { teams: ['recording-analytics'], phone: '+39 02 1234 5678' },
        200,
      );
      await callApi(page, 'POST', '/api/users', { ...manager, role: 'manager', language: 'en' }, 201);
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
      const project = {
        name: projectName,
        customerId,
        applications: ['call-recording'],
        deployment: 'windows-vms',
        purchasedEffortDays: 3,
      };
      const projectId = String((await callApi(page, 'POST', '/api/projects', project, 201)).id);
      await callApi(page, 'POST', `/api/projects/${projectId}/purchase-order`, { number: 'PO-2026-0300' }, 200);
      await callApi(
        page,
        'POST',
        `/api/projects/${projectId}/actions`,
        { type: 'waive', stepKey: 'service-presentation', reason: 'Presented in person at the kick-off meeting.' },
        200,
      );
      await callApi(page, 'POST', `/api/projects/${projectId}/engineer`, { engineerId }, 200);
      await callApi(
        page,
        'POST',
        `/api/projects/${projectId}/actions`,
        {
          type: 'waive',
          stepKey: 'engineer-contact',
          reason: 'The engineer met the customer at the kick-off meeting.',
        },
        200,
      );
      const atE4 = await callApi(page, 'GET', `/api/projects/${projectId}`, undefined, 200);
      expect(atE4.currentStep).toMatchObject({ code: 'E4', key: 'design-questionnaire' });
      await logOut(page);

      // 1. The engineer sends a personal link to the technical reference; the SMTP server receives it.
      await logIn(page, baseUrl, engineer);
      await page.goto(`${baseUrl}/projects/${projectId}`);
      await expectVisible(page.locator('[aria-current="step"]').getByText('E4 · Design questionnaire completion'));
      await page.getByRole('tab', { name: 'Portal access' }).click();
      await page.getByRole('combobox', { name: 'Contact' }).click();
      await page.getByRole('option', { name: `${reference.name} <${reference.email}> · Technical reference` }).click();
      await page.getByRole('button', { name: 'Send a link' }).click();
      await expectVisible(page.getByText(`A link is on its way to ${reference.name}.`));
      await expectVisible(
        page.getByRole('row', { name: new RegExp(reference.email) }).getByText('Valid', { exact: true }),
      );
      await journey.screenshot('portal-01-link-sent');
      await expect
        .poll(() => smtp.received.filter((message) => message.envelopeTo.includes(reference.email)).length, {
          timeout: 40_000,
        })
        .toBe(1);
      const linkEmail = smtp.received.find((message) => message.envelopeTo.includes(reference.email));
      // The email's link carries PUBLIC_URL's origin, this server's.
      const linkPath = /\/portal\/link\/[A-Za-z0-9_-]{43}/.exec(linkEmail?.parsed.text ?? '')?.[0];
      expect(linkPath).toBeDefined();

      // 2. The customer, in a browser of their own, opens the link: a server page, then the project.
      const customerBrowser: BrowserWindow = await journey.openSeparateBrowser();
      const portal = customerBrowser.page;
      await portal.goto(`${baseUrl}${linkPath}`);
      await expectVisible(portal.getByRole('heading', { name: 'Open your project portal' }));
      await expectVisible(portal.getByText(`Hello ${reference.name},`));
      await customerBrowser.screenshot('portal-02-link-page');
      await portal.getByRole('button', { name: 'Continue' }).click();
      await portal.waitForURL(`${baseUrl}/portal/projects/${projectId}`);
      await expectVisible(portal.getByRole('heading', { name: projectName, level: 1 }));
      await expectVisible(portal.getByRole('region', { name: 'Your engineer' }).getByText(engineer.name));
      await customerBrowser.screenshot('portal-03-project');
      // The project questionnaire is listed first; its own journey (teams-only.e2e.test.ts) fills it in the form.
      await expectVisible(portal.getByText('Answer this one first', { exact: false }));
      const base = `/api/portal/projects/${projectId}/questionnaires/project`;
      await callApi(portal, 'PATCH', `${base}/answers`, { answers: projectAnswers }, 200);
      await callApi(portal, 'POST', `${base}/submit`, undefined, 204);
      await portal.getByRole('link', { name: `Fill in the questionnaire: ${questionnaireTitle}` }).click();
      await expectVisible(portal.getByRole('heading', { name: questionnaireTitle, level: 1 }));

      // Every required answer but the retention period, through the form.
      const choose = (question: string, option: string) =>
        portal
          .getByRole('radiogroup', { name: question, exact: true })
          .getByRole('radio', { name: option, exact: true })
          .check();
      await choose('Recording method', 'Microsoft Teams compliance recording policy');
      await choose('Recording mode', 'Always — every call of the recorded users');
      await portal.getByRole('textbox', { name: 'Number of users to record', exact: true }).fill('40');
      await portal
        .getByRole('textbox', { name: 'Expected recorded hours per day, summed over all users', exact: true })
        .fill('120');
      await choose('Must callers hear a "this call may be recorded" announcement?', 'No');
      await choose('Where should recordings be stored?', 'A dedicated data disk of the server');
      await portal.getByRole('button', { name: 'Add a row' }).click();
      const firstRow = portal.getByRole('group', { name: `${usersTable}, row 1` });
      await firstRow.getByRole('textbox', { name: 'Name', exact: true }).fill('Anna Ferri');
      await firstRow.getByRole('textbox', { name: 'Extension or Teams number', exact: true }).fill('+39 02 5555 0101');
      await firstRow.getByRole('combobox', { name: 'Recorded', exact: true }).selectOption({ label: 'Yes' });
      await firstRow
        .getByRole('combobox', { name: 'Role in the application', exact: true })
        .selectOption({ label: "Supervisor (a group's recordings)" });

      await portal.getByRole('button', { name: 'Submit questionnaire' }).click();
      const missing = portal.getByRole('alert').filter({ hasText: '1 required answer is missing' });
      await expectVisible(missing);
      expect(await missing.getByRole('listitem').allInnerTexts()).toEqual([retentionQuestion]);
      await customerBrowser.screenshot('portal-04-missing-answer');

      // A file attached to the questionnaire, then the missing answer, then the submission.
      await portal.getByLabel('Attach a file').setInputFiles({
        name: 'contact-centre-network.pdf',
        mimeType: 'application/pdf',
        buffer: Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n'),
      });
      const attachments = portal.getByRole('region', { name: 'Attachments' });
      await expectVisible(attachments.getByRole('link', { name: 'contact-centre-network.pdf' }));
      await expectVisible(attachments.getByText(`from ${reference.name},`, { exact: false }));
      await portal.getByRole('textbox', { name: retentionQuestion, exact: true }).fill('12');
      await missing.waitFor({ state: 'hidden' });
      await portal.getByRole('button', { name: 'Submit questionnaire' }).click();
      await expectVisible(portal.getByText(new RegExp(`^Submitted on .+ by ${reference.name}$`)));
      expect(await portal.getByRole('button', { name: 'Submit questionnaire' }).count()).toBe(0);
      await expectVisible(attachments.getByRole('link', { name: 'contact-centre-network.pdf' }));
      await customerBrowser.screenshot('portal-05-submitted');

      // 3. The engineer reviews the generated requirements, records a constraint and confirms the list: E6 is current.
      await page.goto(`${baseUrl}/projects/${projectId}?tab=requirements`);
      for (const { title } of expectedRequirements) await expectVisible(page.getByRole('article', { name: title }));
      expect(await page.getByRole('article').count()).toBe(expectedRequirements.length);
      await expectVisible(
        page
          .getByRole('article', { name: 'Teams compliance recording policy and recording bot registration' })
          .getByText('From the questionnaire answers', { exact: false }),
      );
      await page.getByRole('button', { name: 'Mark design reviewed' }).click();
      await expectVisible(page.getByText('Design reviewed', { exact: true }));
      const notes = page.getByRole('region', { name: 'Constraints, limitations and further requirements' });
      await notes.getByRole('textbox', { name: 'Text' }).fill(constraint);
      await notes.getByRole('textbox', { name: 'Meeting (optional)' }).fill('Design call with the hospital’s IT team');
      await notes.getByRole('button', { name: 'Add note' }).click();
      await expectVisible(
        notes.getByRole('listitem').filter({ hasText: constraint }).getByText('Constraint', { exact: true }),
      );
      await journey.screenshot('portal-06-requirements-to-confirm');
      await page.getByRole('button', { name: 'Confirm requirement list' }).click();
      await expectVisible(page.getByText('Requirement list confirmed', { exact: true }));
      await page.getByRole('tab', { name: 'Overview' }).click();
      await expectVisible(page.locator('[aria-current="step"]').getByText('E6 · Requirements fulfilment'));
      await journey.screenshot('portal-07-project-at-e6');

      // 4. The customer marks every requirement done, each with a note.
      await portal.goto(`${baseUrl}/portal/projects/${projectId}/requirements`);
      await expectVisible(portal.getByText(`0 of ${expectedRequirements.length} done`));
      for (const { title, note } of expectedRequirements) {
        const item = portal.getByRole('region', { name: title });
        await item.getByRole('textbox', { name: 'Note for your engineer' }).fill(note);
        await item.getByRole('button', { name: 'Mark as done' }).click();
        await expectVisible(item.getByText('Waiting for review', { exact: true }));
      }
      await expectVisible(portal.getByText(`${expectedRequirements.length} of ${expectedRequirements.length} done`));
      await customerBrowser.screenshot('portal-08-requirements-done');

      // 5. The engineer verifies each one: E6 completes and the activity schedule (E7) is current.
      await page.goto(`${baseUrl}/projects/${projectId}?tab=requirements`);
      for (const { title, note } of expectedRequirements) {
        const item = page.getByRole('article', { name: title });
        await expectVisible(item.getByText(note));
        await item.getByRole('button', { name: 'Verify' }).click();
        await expectVisible(item.getByText('Verified', { exact: true }));
      }
      await journey.screenshot('portal-09-requirements-verified');
      await page.getByRole('tab', { name: 'Overview' }).click();
      await expectVisible(page.locator('[aria-current="step"]').getByText('E7 · Activity schedule'));
      await expectVisible(
        page
          .getByRole('listitem')
          .filter({ hasText: 'E6 · Requirements fulfilment' })
          .getByText('Done', { exact: true }),
      );
      await journey.screenshot('portal-10-project-at-e7');
      const atE7 = await callApi(page, 'GET', `/api/projects/${projectId}`, undefined, 200);
      expect(atE7.currentStep).toMatchObject({ code: 'E7', key: 'activity-schedule' });

      await portal.goto(`${baseUrl}/portal/projects/${projectId}`);
      await expectVisible(
        portal
          .getByRole('region', { name: 'Requirements' })
          .getByText(`${expectedRequirements.length} of ${expectedRequirements.length} done`),
      );
      await customerBrowser.screenshot('portal-11-customer-after-e6');
    });
  },
);
