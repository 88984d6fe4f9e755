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
const reference = { name: 'Sara Conti', email: 'sara.conti@retail.example' };
const projectName = 'Recording and analytics on Teams';
const cucm = /\bCUCM\b|Communications Manager|CallManager/;

// A customer on Microsoft Teams only, with Call Recording and Call Analytics on the vendor's virtual appliance. The
// project is set up through the API; the technical reference answers every form in the portal: the project
// questionnaire once (Teams, the appliance, Entra ID), then each application's, where no CUCM question or option is
// offered. The list raised at E5 has no CUCM, SIP trunk or SQL Server item, no requirement twice, and one server sized
// for both applications.
describe.skipIf(!isBrowserAvailable)(
  'journey: a Teams-only customer with two applications, the project questionnaire asked once',
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

    it('asks the project once, branches both applications on Teams, and raises no CUCM, SIP trunk or SQL Server item, none twice', async () => {
      const { page, baseUrl } = journey;

      await logIn(page, baseUrl, admin);
      const engineerId = String(
        (await callApi(page, 'POST', '/api/users', { ...engineer, role: 'engineer', language: 'en' }, 201)).id,
      );
      await callApi(page, 'PATCH', `/api/users/${engineerId}`, { teams: ['recording-analytics'] }, 200);
      await callApi(page, 'POST', '/api/users', { ...manager, role: 'manager', language: 'en' }, 201);
      await logOut(page);

      await logIn(page, baseUrl, manager);
      const customerId = String(
        (await callApi(page, 'POST', '/api/organisations', { kind: 'customer', name: 'Retail Group' }, 201)).id,
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
      const project = {
        name: projectName,
        customerId,
        applications: ['call-recording', 'call-analytics'],
        deployment: 'virtual-appliance',
        purchasedEffortDays: 5,
      };
      const projectId = String((await callApi(page, 'POST', '/api/projects', project, 201)).id);
      await callApi(page, 'POST', `/api/projects/${projectId}/purchase-order`, { number: 'PO-2026-0417' }, 200);
      await callApi(
        page,
        'POST',
        `/api/projects/${projectId}/actions`,
        { type: 'waive', stepKey: 'service-presentation', reason: 'Presented at the kick-off meeting.' },
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
      await logOut(page);

      await logIn(page, baseUrl, engineer);
      await callApi(page, 'POST', `/api/projects/${projectId}/portal-links`, { contactId }, 204);
      await expect
        .poll(() => smtp.received.filter((message) => message.envelopeTo.includes(reference.email)).length, {
          timeout: 40_000,
        })
        .toBe(1);
      const linkPath = /\/portal\/link\/[A-Za-z0-9_-]{43}/.exec(
        smtp.received.find((message) => message.envelopeTo.includes(reference.email))?.parsed.text ?? '',
      )?.[0];
      expect(linkPath).toBeDefined();

      const customerBrowser: BrowserWindow = await journey.openSeparateBrowser();
      const portal = customerBrowser.page;
      await portal.goto(`${baseUrl}${linkPath}`);
      await portal.getByRole('button', { name: 'Continue' }).click();
      await portal.waitForURL(`${baseUrl}/portal/projects/${projectId}`);
      await expectVisible(portal.getByRole('heading', { name: projectName, level: 1 }));
      // The project questionnaire comes first, and says why.
      await expectVisible(
        portal.getByRole('link', { name: 'Fill in the questionnaire: Project design questionnaire' }),
      );
      const questionnaireLinks = portal.getByRole('link', { name: /^Fill in the questionnaire: / });
      expect(await questionnaireLinks.allInnerTexts()).toEqual([
        'Fill in the questionnaire: Project design questionnaire',
        'Fill in the questionnaire: Call Recording design questionnaire',
        'Fill in the questionnaire: Call Analytics design questionnaire',
      ]);
      await expectVisible(portal.getByText('Answer this one first', { exact: false }));
      await customerBrowser.screenshot('teams-01-project-first');

      const choose = (question: string, option: string) =>
        portal
          .getByRole('radiogroup', { name: question, exact: true })
          .getByRole('radio', { name: option, exact: true })
          .check();
      const fill = (question: string, answer: string) =>
        portal.getByRole('textbox', { name: question, exact: true }).fill(answer);
      const submit = async (questionnaire: string) => {
        await portal.getByRole('button', { name: 'Submit questionnaire' }).click();
        await expectVisible(portal.getByText(new RegExp(`^Submitted on .+ by ${reference.name}$`)));
        await customerBrowser.screenshot(`teams-${questionnaire}-submitted`);
        await portal.getByRole('link', { name: '← Back to the project' }).click();
      };

      // 1. The project questionnaire, once: Teams only, so no CUCM question; the vendor's appliance; Entra ID.
      await portal.getByRole('link', { name: 'Fill in the questionnaire: Project design questionnaire' }).click();
      await expectVisible(portal.getByRole('heading', { name: 'Project design questionnaire', level: 1 }));
      await portal.getByRole('checkbox', { name: 'Microsoft Teams Phone', exact: true }).check();
      await fill('Microsoft 365 tenant (primary domain or tenant ID)', 'retailgroup.onmicrosoft.com');
      await portal.getByRole('checkbox', { name: 'Operator Connect', exact: true }).check();
      // The CUCM questions follow a CUCM answer only.
      expect(await portal.getByRole('radiogroup', { name: 'CUCM version' }).count()).toBe(0);
      expect(
        await portal
          .getByRole('radiogroup', { name: 'Is the CUCM cluster in mixed mode (secure phones with SIP TLS and SRTP)?' })
          .count(),
      ).toBe(0);
      await choose('Where will the applications run?', "The vendor's virtual appliance on your hypervisor");
      await choose('Hypervisor', 'VMware ESXi 8.0');
      await choose('Do you need high availability (a second server that takes over)?', 'No');
      await choose('Where should users be imported from?', 'Microsoft Entra ID');
      await choose('Should the applications send email (notifications, alarms, reports, faxes)?', 'No');
      await choose('How does the server reach the Internet to activate its licence?', 'Directly');
      await fill(
        "Who owns the vendor's licence portal account (name and email)?",
        `${reference.name} <${reference.email}>`,
      );
      await choose(
        'Which certificate should the web portal present?',
        'The self-signed certificate of the installation',
      );
      await fill('Backup share (UNC path), schedule and retention', '\\\\nas02\\backup, nightly, 14 days');
      await fill("NTP servers and the server's time zone", 'ntp.retail.example; Europe/Rome');
      await fill(
        'Who changes your firewall and proxy rules, and when can changes be made?',
        'Network team, Tuesdays 18:00–20:00',
      );
      // No SQL Server question: the appliance holds the databases.
      expect(
        await portal
          .getByRole('radiogroup', { name: "Which SQL Server will hold the applications' databases?" })
          .count(),
      ).toBe(0);
      await customerBrowser.screenshot('teams-02-project-questionnaire');
      await submit('03-project');

      // 2. Call Recording: no CUCM question or option is offered to a Teams customer.
      await portal
        .getByRole('link', { name: 'Fill in the questionnaire: Call Recording design questionnaire' })
        .click();
      await expectVisible(portal.getByRole('heading', { name: 'Call Recording design questionnaire', level: 1 }));
      expect(await portal.getByRole('main').getByText(cucm).count()).toBe(0);
      // The only option offered: the others are CUCM's or another PBX's.
      expect(
        await portal.getByRole('radiogroup', { name: 'Recording method', exact: true }).getByRole('radio').count(),
      ).toBe(1);
      await expectVisible(
        portal
          .getByRole('radiogroup', { name: 'Recording method', exact: true })
          .getByRole('radio', { name: 'Microsoft Teams compliance recording policy', exact: true }),
      );
      await choose('Recording method', 'Microsoft Teams compliance recording policy');
      await choose('Recording mode', 'Always — every call of the recorded users');
      await fill('Number of users to record', '25');
      await fill('Expected recorded hours per day, summed over all users', '60');
      await fill('How long must recordings be kept?', '12');
      await choose('Must callers hear a "this call may be recorded" announcement?', 'No');
      await choose('Where should recordings be stored?', 'A dedicated data disk of the server');
      await portal.getByRole('button', { name: 'Add a row' }).click();
      const recorded = portal.getByRole('group', {
        name: 'List the users to record and the people who will listen to recordings, row 1',
      });
      await recorded.getByRole('textbox', { name: 'Name', exact: true }).fill('Paolo Neri');
      await recorded.getByRole('textbox', { name: 'Extension or Teams number', exact: true }).fill('+39 06 4444 0101');
      await recorded.getByRole('combobox', { name: 'Recorded', exact: true }).selectOption({ label: 'Yes' });
      await recorded
        .getByRole('combobox', { name: 'Role in the application', exact: true })
        .selectOption({ label: 'User (own recordings)' });
      await customerBrowser.screenshot('teams-04-call-recording');
      await submit('05-call-recording');

      // 3. Call Analytics: the call records come from Microsoft Graph, the only source offered.
      await portal
        .getByRole('link', { name: 'Fill in the questionnaire: Call Analytics design questionnaire' })
        .click();
      await expectVisible(portal.getByRole('heading', { name: 'Call Analytics design questionnaire', level: 1 }));
      expect(await portal.getByRole('main').getByText(cucm).count()).toBe(0);
      // The only option offered: the others are CUCM's or another PBX's.
      expect(
        await portal
          .getByRole('radiogroup', { name: 'How will call records reach the application?', exact: true })
          .getByRole('radio')
          .count(),
      ).toBe(1);
      await expectVisible(
        portal
          .getByRole('radiogroup', { name: 'How will call records reach the application?', exact: true })
          .getByRole('radio', { name: 'Microsoft Graph call records API (Teams)', exact: true }),
      );
      await choose('How will call records reach the application?', 'Microsoft Graph call records API (Teams)');
      await fill('Average number of calls per day, internal calls included', '3000');
      await choose('Is the same extension number used at more than one site or in more than one partition?', 'No');
      await choose(
        'Do calls reach groups of extensions through hunt groups or call queues that should appear in the reports?',
        'No',
      );
      await fill("How many users' extensions will be billed?", '120');
      await choose('Should extensions that belong to no user be acquired automatically?', 'No');
      await portal.getByRole('button', { name: 'Add a row' }).click();
      const site = portal.getByRole('group', { name: 'Sites, row 1' });
      await site.getByRole('textbox', { name: 'Site name', exact: true }).fill('Rome headquarters');
      await site.getByRole('textbox', { name: 'City and country', exact: true }).fill('Rome, Italy');
      await site
        .getByRole('textbox', { name: 'Extension range (e.g. 2000–2499)', exact: true })
        .fill('+39 06 4444 0100–0199');
      await choose("Should calls be costed with the carriers' tariffs?", 'No');
      await choose('How are extensions assigned to departments or cost centres?', 'Not needed');
      await choose('Do you want spending budgets per user or group, with a notification when one is exceeded?', 'No');
      await choose('Should internal calls be imported and reported?', 'Yes');
      await choose('Mask the last digits of external numbers in reports?', 'Mask the last 3 digits');
      await fill('How long must call records be kept?', '24');
      await choose('Do you expect calls made before the installation to appear in the reports?', 'No');
      await customerBrowser.screenshot('teams-06-call-analytics');
      await submit('07-call-analytics');

      // 4. E5: the list raised from the answers, as the engineer reviews it.
      await page.goto(`${baseUrl}/projects/${projectId}?tab=requirements`);
      await expectVisible(page.getByRole('article', { name: 'Hypervisor host ready for the virtual appliance' }));
      const titles = await page.getByRole('article').locator('h4').allInnerTexts();
      const articles = await page.getByRole('article').allInnerTexts();
      expect(articles.length).toBeGreaterThan(5);
      expect(articles.filter((text) => cucm.test(text) || /\bSIP\b|SIP trunk|SQL Server/.test(text))).toEqual([]);
      expect(new Set(titles).size).toBe(titles.length);
      for (const title of [
        'Teams compliance recording policy and recording bot registration',
        'Access to the Teams call records granted in Entra ID',
        'Licence portal account and purchased quantities confirmed',
      ]) {
        await expectVisible(page.getByRole('article', { name: title }));
      }
      // One server for the project, sized for both applications: 4+4 vCPU, 16+8 GB RAM, 100+150 GB of disk.
      await expectVisible(
        page
          .getByRole('article', { name: 'Hypervisor host ready for the virtual appliance' })
          .getByText('8 vCPU, 24 GB RAM and 250 GB of disk', { exact: false }),
      );
      expect(await page.getByRole('article', { name: 'Hypervisor host ready for the virtual appliance' }).count()).toBe(
        1,
      );
      await journey.screenshot('teams-08-requirements');
      const atE5 = await callApi(page, 'GET', `/api/projects/${projectId}`, undefined, 200);
      expect(atE5.currentStep).toMatchObject({ key: 'requirements-refining' });
    });
  },
);
