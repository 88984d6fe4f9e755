import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectVisible, isBrowserAvailable, startJourney, type Journey } from './browser';

const admin = { email: 'admin@example.com', password: 'correct horse battery staple' };

// The first thing a new installation does: the admin logs in, adds a customer, creates a project,
// approves its purchase order (E1 then completes by itself: no prepayment without a partner) and sees E2 as the
// current step, with the presentation email as the next action; without SMTP_URL the presentation goes to the trial
// mailbox and E2 completes by itself.
describe.skipIf(!isBrowserAvailable)('journey: from log-in to the first project, through E2 in trial mode', () => {
  let journey: Journey;
  beforeAll(async () => {
    journey = await startJourney(admin);
  });
  afterAll(async () => {
    await journey?.close();
  });

  it('logs in, creates a customer and a project, approves its PO (E1 completes by itself), shows E2 as current, and E2 completes from the trial mailbox', async () => {
    const { page, baseUrl } = journey;
    await page.goto(`${baseUrl}/`);
    await page.getByRole('textbox', { name: 'Email' }).fill(admin.email);
    await page.getByRole('textbox', { name: 'Password' }).fill('wrong password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expectVisible(page.getByText('Wrong email or password.'));
    await page.getByRole('textbox', { name: 'Password' }).fill(admin.password);
    await page.getByRole('button', { name: 'Sign in' }).click();

    await expectVisible(page.getByRole('heading', { name: 'Pipeline' }));
    await expectVisible(page.getByText('No projects yet — create the first one'));
    await journey.screenshot('01-empty-pipeline');

    await page.getByRole('link', { name: 'Organisations' }).click();
    await page.getByRole('button', { name: 'New organisation' }).first().click();
    const dialog = page.getByRole('dialog', { name: 'New organisation' });
    await dialog.getByRole('radio', { name: 'Customer', exact: true }).check();
    await dialog.getByRole('textbox', { name: 'Name' }).fill('Ospedale San Raffaele');
    await dialog.getByRole('button', { name: 'Create organisation' }).click();
    await expectVisible(page.getByRole('heading', { name: 'Ospedale San Raffaele' }));

    await page.getByRole('link', { name: 'Pipeline' }).click();
    await page.getByRole('link', { name: 'New project' }).click();
    await page.getByRole('textbox', { name: 'Project name' }).fill('Call recording for the contact centre');
    await page.getByRole('combobox', { name: 'Customer' }).click();
    await page.getByRole('option', { name: 'Ospedale San Raffaele' }).click();
    await page.getByRole('combobox', { name: 'Applications in scope' }).click();
    await page.getByRole('option', { name: 'Call Recording' }).click();
    await page.keyboard.press('Escape');
    await page.getByRole('radio', { name: 'Windows VMs' }).check();
    await page.getByRole('textbox', { name: 'Purchased effort (days)' }).fill('5');
    await journey.screenshot('02-new-project');
    await page.getByRole('button', { name: 'Create project' }).click();

    await expectVisible(page.getByText('No purchase order has been approved yet.'));
    await page.getByRole('textbox', { name: 'PO number' }).fill('PO-2026-0042');
    await page.getByRole('button', { name: 'Approve purchase order' }).click();
    await expectVisible(page.getByText('PO PO-2026-0042, approved'));

    const current = page.locator('[aria-current="step"]');
    await expectVisible(current.getByText('E2 · Service presentation'));
    await expectVisible(current.getByText('Current', { exact: true }));
    await expectVisible(
      page
        .getByRole('listitem')
        .filter({ hasText: 'E1 · Purchase order confirmation' })
        .getByText('Done', { exact: true }),
    );
    expect(await page.getByRole('button', { name: 'Complete step' }).count()).toBe(0);
    await journey.screenshot('03-project-at-e2');

    // The customer has no contacts yet: the presentation dialog says so and links to the organisation.
    await page.getByRole('button', { name: 'Send the service presentation…' }).click();
    const compose = page.getByRole('dialog', { name: 'Send the service presentation' });
    await expectVisible(compose.getByText('This project has no contacts yet'));
    await expectVisible(compose.getByRole('link', { name: 'Add a contact to Ospedale San Raffaele' }));
    await journey.screenshot('03b-presentation-without-contacts');
    await page.keyboard.press('Escape');
    await compose.waitFor({ state: 'hidden' });

    // This server has no SMTP_URL: every page says it is in trial mode, the presentation is delivered to the trial
    // mailbox, counts as sent, and E2 completes by itself.
    await expectVisible(page.getByText('Trial mode: no email leaves this server. Set SMTP_URL to send email.'));
    const customers = await page.evaluate(async () => (await fetch('/api/organisations?kind=customer')).json());
    const customerId = (customers.items as { id: string; name: string }[]).find(
      (item) => item.name === 'Ospedale San Raffaele',
    )?.id;
    const contactStatus = await page.evaluate(
      async (url) => {
        const response = await fetch(url, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json' },
          body: JSON.stringify({
            name: 'Anna Neri',
            email: 'anna.neri@hsr.example',
            language: 'it',
            role: 'technical-reference',
          }),
        });
        return response.status;
      },
      `/api/organisations/${customerId ?? ''}/contacts`,
    );
    expect(contactStatus).toBe(201);
    await page.reload();
    await page.getByRole('button', { name: 'Send the service presentation…' }).click();
    await compose.getByRole('button', { name: 'Preview' }).click();
    await compose.getByRole('button', { name: 'Send 1 email…' }).click();
    await compose.getByRole('button', { name: 'Send 1 email', exact: true }).click();
    await compose.waitFor({ state: 'hidden' });
    await expectVisible(current.getByText('E3 · Partner and customer contact'));
    await page.getByRole('tab', { name: /^Mail/ }).click();
    await expectVisible(page.getByText('In the trial mailbox').first());
    await journey.screenshot('03c-presentation-in-the-trial-mailbox');
    // The message opens with its headers; "Send again" delivers a fresh copy to the trial mailbox.
    await page
      .getByRole('row', { name: /In the trial mailbox$/ })
      .first()
      .click();
    const message = page.getByRole('dialog');
    await expectVisible(message.getByText('Anna Neri <anna.neri@hsr.example>'));
    await expectVisible(message.getByRole('button', { name: 'Send again' }));
    await page.keyboard.press('Escape');
    await message.waitFor({ state: 'hidden' });

    await page.getByRole('tab', { name: 'Audit' }).click();
    const trail = page.getByRole('table', { name: 'Audit trail of this project' });
    for (const action of ['Purchase order approved', 'Project created']) {
      await expectVisible(trail.getByRole('cell', { name: action, exact: true }));
    }
    await page.getByRole('link', { name: 'Pipeline' }).click();
    const overview = page.getByRole('navigation', { name: 'Projects by current step' });
    await overview.getByRole('button', { name: 'E3 · Partner and customer contact: 1 project' }).click();
    await expectVisible(page.getByRole('link', { name: /^ENG-\d{4}-\d{5}$/ }));
    await expectVisible(
      overview.getByRole('button', { name: 'E3 · Partner and customer contact: 1 project', pressed: true }),
    );
    await journey.screenshot('04-pipeline-at-e3');

    const detail = await page.evaluate(async (url) => (await fetch(url)).json(), `${baseUrl}/api/projects?limit=1`);
    expect(detail.items[0].currentStep.code).toBe('E3');
    expect(detail.items[0].customer.name).toBe('Ospedale San Raffaele');
  });
});
