import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestSmtpServer, type TestSmtpServer } from '../src/server/test/smtp';
import { expectVisible, isBrowserAvailable, logIn, logOut, startJourney, type Journey } from './browser';
import { waitForMail } from './mailbox';

const admin = { email: 'admin@example.com', password: 'correct horse battery staple' };
const manager = { name: 'Marta Manager', email: 'marta@vendor.example', password: 'manager password 1234' };
const engineer = { name: 'Giulia Bianchi', email: 'giulia@vendor.example', password: 'engineer password 1234' };
const reference = { name: 'Luca Verdi', email: 'luca.verdi@comune.example' };
const leaver = { name: 'Sara Neri', email: 'sara.neri@comune.example' };

// E1 to E4 with real email: a prepayment partner's purchase order, the payment, the presentation, the suggested
// engineer and their contact email, each accepted by a real SMTP server started by the test.
describe.skipIf(!isBrowserAvailable)('journey: from a prepayment purchase order to E4 with real email', () => {
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

  it('records and approves the PO, records the payment, sends the presentation, assigns the engineer who sends the contact email', async () => {
    const { page, baseUrl } = journey;

    // The admin invites an engineer of the recording team in the users screen, and adds a manager (setup, through the API).
    await logIn(page, baseUrl, admin);
    await page.getByRole('link', { name: 'Users' }).click();
    await page.getByRole('button', { name: 'Invite user' }).click();
    const newUser = page.getByRole('dialog', { name: 'Invite a user' });
    await newUser.getByRole('textbox', { name: 'Name' }).fill(engineer.name);
    await newUser.getByRole('textbox', { name: 'Email' }).fill(engineer.email);
    await newUser.getByRole('button', { name: 'Send the invitation' }).click();
    await newUser.waitFor({ state: 'hidden' });
    await expectVisible(
      page.getByRole('row').filter({ hasText: engineer.email }).getByText('Invited – waiting for the password'),
    );
    await page.getByRole('button', { name: `Edit teams and phone of ${engineer.name}` }).click();
    const teamsDialog = page.getByRole('dialog', { name: `Teams and phone of ${engineer.name}` });
    await teamsDialog.getByRole('combobox', { name: 'Competence teams' }).click();
    await page.getByRole('option', { name: 'Recording and analytics' }).click();
    await page.keyboard.press('Escape');
    await teamsDialog.getByRole('textbox', { name: 'Phone' }).fill('+39 02 1234 5678');
    await teamsDialog.getByRole('button', { name: 'Save' }).click();
    await teamsDialog.waitFor({ state: 'hidden' });
    const engineerRow = page.getByRole('row').filter({ hasText: engineer.email });
    await expectVisible(engineerRow.getByText('Recording and analytics'));
    await expectVisible(engineerRow.getByText('+39 02 1234 5678'));
    await journey.screenshot('engagement-01-engineer-teams');
    const created = await page.evaluate(
      async (body) => {
        const response = await fetch('/api/users', {
          method: 'POST',
          headers: { 'Content-Type': 'application/json' },
          body: JSON.stringify(body),
        });
        return response.status;
      },
      { ...manager, role: 'manager', language: 'en' },
    );
    expect(created).toBe(201);
    await logOut(page);

    // The engineer opens the invitation's link and chooses a password, which signs her in.
    const invitation = await waitForMail(smtp, engineer.email, (mail) =>
      /invites you to/.test(mail.parsed.subject ?? ''),
    );
    const link = /https?:\/\/\S+\/set-password#[A-Za-z0-9_-]{43}/.exec(invitation.parsed.text ?? '')?.[0];
    expect(link).toBeDefined();
    await page.goto(link ?? '');
    await expectVisible(page.getByRole('heading', { name: 'Welcome to Engage' }));
    await page.getByLabel(/^New password/).fill(engineer.password);
    await page.getByLabel('Repeat the new password').fill(engineer.password);
    await page.getByRole('button', { name: 'Save the password and sign in' }).click();
    await expectVisible(page.getByRole('heading', { name: 'Pipeline' }));
    await logOut(page);

    // The manager creates the prepayment partner, and the customer with its Italian technical reference.
    await logIn(page, baseUrl, manager);
    await page.getByRole('link', { name: 'Organisations' }).click();
    await page.getByRole('button', { name: 'New organisation' }).first().click();
    let dialog = page.getByRole('dialog', { name: 'New organisation' });
    await dialog.getByRole('radio', { name: 'Partner', exact: true }).check();
    await dialog.getByRole('textbox', { name: 'Name' }).fill('Rivenditore Nord');
    await dialog.getByRole('combobox', { name: 'Payment terms' }).click();
    await page.getByRole('option', { name: 'Prepayment required' }).click();
    await dialog.getByRole('button', { name: 'Create organisation' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await expectVisible(page.getByRole('heading', { name: 'Rivenditore Nord' }));
    await page.getByRole('link', { name: 'Organisations' }).click();
    await page.getByRole('button', { name: 'New organisation' }).first().click();
    dialog = page.getByRole('dialog', { name: 'New organisation' });
    await dialog.getByRole('radio', { name: 'Customer', exact: true }).check();
    await dialog.getByRole('textbox', { name: 'Name' }).fill('Comune di Bergamo');
    await dialog.getByRole('button', { name: 'Create organisation' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await expectVisible(page.getByRole('heading', { name: 'Comune di Bergamo' }));
    await page.getByRole('button', { name: 'Add contact' }).first().click();
    const contactDialog = page.getByRole('dialog', { name: 'Add contact' });
    await contactDialog.getByRole('textbox', { name: 'Name' }).fill(reference.name);
    await contactDialog.getByRole('textbox', { name: 'Email' }).fill(reference.email);
    await contactDialog.getByRole('combobox', { name: 'Language' }).click();
    await page.getByRole('option', { name: 'Italian' }).click();
    await contactDialog.getByRole('combobox', { name: 'Role' }).click();
    await page.getByRole('option', { name: 'Technical reference' }).click();
    await contactDialog.getByRole('button', { name: 'Save contact' }).click();
    await contactDialog.waitFor({ state: 'hidden' });
    await expectVisible(page.getByRole('cell', { name: reference.email }));
    await expectVisible(
      page.getByRole('row').filter({ hasText: reference.email }).getByText(`Added by ${manager.name} on`),
    );

    // A colleague of the reference who has left: added, then disabled after a confirmation that says what it does.
    await page.getByRole('button', { name: 'Add contact' }).first().click();
    await contactDialog.getByRole('textbox', { name: 'Name' }).fill(leaver.name);
    await contactDialog.getByRole('textbox', { name: 'Email' }).fill(leaver.email);
    await contactDialog.getByRole('combobox', { name: 'Role' }).click();
    await page.getByRole('option', { name: 'Approver' }).click();
    await contactDialog.getByRole('button', { name: 'Save contact' }).click();
    await contactDialog.waitFor({ state: 'hidden' });
    await page.getByRole('button', { name: `Disable ${leaver.name}` }).click();
    const disableDialog = page.getByRole('dialog', { name: `Disable ${leaver.name}?` });
    await expectVisible(disableDialog.getByText(/their open sessions end now/));
    await disableDialog.getByRole('button', { name: 'Disable', exact: true }).click();
    await disableDialog.waitFor({ state: 'hidden' });
    const leaverRow = page.getByRole('row').filter({ hasText: leaver.email });
    await expectVisible(leaverRow.getByText('Disabled', { exact: true }));
    await expectVisible(leaverRow.getByText(`Disabled by ${manager.name} on`));
    await expectVisible(page.getByRole('button', { name: `Enable ${leaver.name}` }));
    await journey.screenshot('engagement-01b-contact-disabled');

    // The purchase order, recorded as a draft and approved: the project is created and blocked at E1.
    await page.getByRole('link', { name: 'Purchase orders' }).click();
    await page.getByRole('link', { name: 'Record purchase order' }).first().click();
    await page.getByRole('textbox', { name: 'PO number' }).fill('PO-2026-0101');
    await page.getByRole('combobox', { name: 'Customer' }).click();
    await page.getByRole('option', { name: 'Comune di Bergamo' }).click();
    await page.getByRole('combobox', { name: 'Partner (reseller)' }).click();
    await page.getByRole('option', { name: /Rivenditore Nord/ }).click();
    await expectVisible(page.getByText('Payment terms of Rivenditore Nord:'));
    await page.getByRole('textbox', { name: 'Amount' }).fill('4800');
    await page.getByRole('combobox', { name: 'Service, line 1' }).click();
    await page.getByRole('option', { name: 'Remote installation and configuration (days)' }).click();
    await page.getByRole('textbox', { name: 'Quantity, line 1' }).fill('4');
    await page.getByRole('combobox', { name: 'Applications in scope' }).click();
    await page.getByRole('option', { name: 'Call Recording' }).click();
    await page.keyboard.press('Escape');
    await journey.screenshot('engagement-02-purchase-order');
    await page.getByRole('button', { name: 'Save draft' }).click();
    await expectVisible(page.getByRole('heading', { name: 'Purchase order PO-2026-0101' }));
    await page.getByRole('button', { name: 'Approve and create the project' }).click();
    const approve = page.getByRole('dialog', { name: 'Approve purchase order PO-2026-0101?' });
    await expectVisible(approve.getByText('Rivenditore Nord requires prepayment'));
    await approve.getByRole('button', { name: 'Approve and create project' }).click();
    // Approving opens the new project.
    await page.waitForURL(/\/projects\/[0-9a-f-]{36}$/);

    const next = page.getByRole('region', { name: 'Next' });
    await expectVisible(next.getByText('E1', { exact: true }));
    await expectVisible(next.getByText(/^Waiting on partner: Rivenditore Nord must pay in advance/));
    expect(await next.getByRole('button', { name: 'Complete step' }).count()).toBe(0);
    await journey.screenshot('engagement-03-blocked-at-e1');
    await page.getByRole('button', { name: 'Record payment received' }).click();
    await page
      .getByRole('dialog', { name: 'Record payment received' })
      .getByRole('button', { name: 'Payment received' })
      .click();

    // E2: the presentation, previewed then sent after a confirmation; the mail server accepts it and E2 completes.
    await expectVisible(next.getByText('E2', { exact: true }));
    await next.getByRole('button', { name: 'Send the service presentation…' }).click();
    const compose = page.getByRole('dialog', { name: 'Send the service presentation' });
    await expectVisible(
      compose.getByRole('checkbox', { name: `${reference.name} <${reference.email}>`, checked: true }),
    );
    // The disabled contact is nobody's recipient: not offered at all.
    expect(await compose.getByRole('checkbox', { name: new RegExp(leaver.name) }).count()).toBe(0);
    await compose.getByRole('button', { name: 'Preview' }).click();
    await expectVisible(compose.getByRole('heading', { name: `To ${reference.name} <${reference.email}>` }));
    await expectVisible(compose.getByText(/\.pdf \(/).first());
    await expectVisible(compose.locator('iframe[sandbox=""]'));
    await journey.screenshot('engagement-04-presentation-preview');
    await compose.getByRole('button', { name: 'Send 1 email…' }).click();
    await compose.getByRole('button', { name: 'Send 1 email', exact: true }).click();
    await compose.waitFor({ state: 'hidden' });
    await expectVisible(next.getByText('E3', { exact: true }), 40_000);

    // E3: the suggested engineer (in the recording team, the only one) is assigned.
    const assign = next.getByRole('region', { name: 'Assign the engineer' });
    await expectVisible(assign.getByText('Competence team needed: Recording and analytics.'));
    const suggested = assign.getByRole('radio', { name: new RegExp(`^${engineer.name}`) });
    await expectVisible(suggested);
    await expectVisible(assign.getByText('Suggested', { exact: true }));
    expect(await suggested.isChecked()).toBe(true);
    await journey.screenshot('engagement-05-assign-engineer');
    await assign.getByRole('button', { name: 'Assign engineer' }).click();
    await expectVisible(page.getByText('Engineer assigned.'));
    const projectUrl = page.url();
    await logOut(page);

    // The engineer sends the contact email to the technical reference, in Italian; E3 completes and E4 is current.
    await logIn(page, baseUrl, engineer);
    await page.goto(projectUrl);
    await next.getByRole('button', { name: 'Send the contact email…' }).click();
    const contact = page.getByRole('dialog', { name: 'Send the contact email' });
    await expectVisible(
      contact.getByRole('checkbox', { name: `${reference.name} <${reference.email}>`, checked: true }),
    );
    await contact.getByRole('button', { name: 'Preview' }).click();
    await expectVisible(contact.getByText('Italian', { exact: true }));
    await contact.locator('label').filter({ hasText: 'Plain text' }).click();
    expect(await contact.getByRole('radio', { name: 'Plain text' }).isChecked()).toBe(true);
    await expectVisible(contact.getByText(/questionnaires|questionari/i).first());
    await journey.screenshot('engagement-06-contact-preview');
    await contact.getByRole('button', { name: 'Send 1 email…' }).click();
    await contact.getByRole('button', { name: 'Send 1 email', exact: true }).click();
    await contact.waitFor({ state: 'hidden' });
    await expectVisible(next.getByText('E4', { exact: true }), 40_000);
    await journey.screenshot('engagement-07-project-at-e4');

    await page.getByRole('tab', { name: /^Mail/ }).click();
    const mail = page.getByRole('table');
    await expectVisible(mail.getByRole('row', { name: /to Luca Verdi, Sent$/ }).nth(1));
    await journey.screenshot('engagement-08-mail-sent');

    // The project's emails went to the technical reference; the engineer's invitation, before them, to her alone.
    const projectMail = smtp.received.filter((message) => message !== invitation);
    expect(projectMail).toHaveLength(2);
    expect(projectMail.every((message) => message.envelopeTo.includes(reference.email))).toBe(true);
    const detail = await page.evaluate(
      async (url) => (await fetch(url)).json(),
      new URL(projectUrl).pathname.replace('/projects/', '/api/projects/'),
    );
    expect(detail.currentStep.code).toBe('E4');
    expect(detail.engineer.name).toBe(engineer.name);
  });
});
