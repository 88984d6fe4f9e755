import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectVisible, isBrowserAvailable, startJourney, type Journey } from './browser';

const admin = { email: 'admin@example.com', password: 'correct horse battery staple' };

// Working calendars (issue 5): an admin gives a colleague a Sunday–Thursday week in Dubai with a day off, and a customer
// its New York business hours; what the server kept is shown back.
describe.skipIf(!isBrowserAvailable)('journey: working calendars of a staff member and of a customer', () => {
  let journey: Journey;
  beforeAll(async () => {
    journey = await startJourney(admin);
  });
  afterAll(async () => {
    await journey?.close();
  });

  it('sets a Sunday–Thursday week in Dubai with time off, and a customer’s New York business calendar', async () => {
    const { page, baseUrl } = journey;
    await page.goto(`${baseUrl}/login`);
    await page.getByRole('textbox', { name: 'Email' }).fill(admin.email);
    await page.getByRole('textbox', { name: 'Password' }).fill(admin.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expectVisible(page.getByRole('heading', { name: 'Pipeline' }));

    await page.getByRole('link', { name: 'Users' }).click();
    await page.getByRole('button', { name: 'Working calendar of Administrator' }).click();
    const dialog = page.getByRole('dialog', { name: 'Working calendar of Administrator' });
    await expectVisible(dialog.getByText('Coming public holidays'));
    await dialog.getByRole('combobox', { name: 'Time zone' }).fill('Asia/Dubai');
    await page.getByRole('option', { name: 'Asia/Dubai' }).click();
    await dialog.getByRole('checkbox', { name: 'Sunday' }).check();
    await dialog.getByRole('checkbox', { name: 'Friday' }).uncheck();
    await dialog.getByRole('combobox', { name: 'Holiday country' }).fill('AE');
    await dialog.getByRole('button', { name: 'Save calendar' }).click();
    await dialog.waitFor({ state: 'hidden' });

    await page.getByRole('button', { name: 'Working calendar of Administrator' }).click();
    const reopened = page.getByRole('dialog', { name: 'Working calendar of Administrator' });
    expect(await reopened.getByRole('combobox', { name: 'Time zone' }).inputValue()).toBe('Asia/Dubai');
    expect(await reopened.getByRole('checkbox', { name: 'Sunday' }).isChecked()).toBe(true);
    expect(await reopened.getByRole('checkbox', { name: 'Friday' }).isChecked()).toBe(false);
    await reopened.getByLabel('First day').fill('2027-04-04');
    await reopened.getByLabel('Last day').fill('2027-04-06');
    await reopened.getByRole('button', { name: 'Add time off' }).click();
    await expectVisible(reopened.getByRole('button', { name: /^Remove the time off / }));
    await journey.screenshot('calendars-01-staff');
    await page.keyboard.press('Escape');

    const created = await page.evaluate(async () => {
      const response = await fetch('/api/organisations', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ kind: 'customer', name: 'Hudson Freight Inc.' }),
      });
      return (await response.json()) as { id: string };
    });
    await page.goto(`${baseUrl}/organisations/${created.id}`);
    await expectVisible(page.getByRole('heading', { name: 'Business calendar' }));
    await page.getByRole('button', { name: 'Edit business calendar' }).click();
    const business = page.getByRole('dialog', { name: 'Business calendar' });
    await business.getByRole('combobox', { name: 'Time zone' }).fill('America/New_York');
    await page.getByRole('option', { name: 'America/New_York' }).click();
    await business.getByRole('combobox', { name: 'Holiday country' }).fill('US');
    await business.getByRole('button', { name: 'Save calendar' }).click();
    await business.waitFor({ state: 'hidden' });
    await expectVisible(page.getByText('America/New_York'));
    await journey.screenshot('calendars-02-customer');
    const stored = await page.evaluate(
      async (id) =>
        (await fetch(`/api/organisations/${id}/calendar`)).json() as Promise<{
          timeZone: string;
          holidays: { country: string };
        }>,
      created.id,
    );
    expect(stored).toMatchObject({ timeZone: 'America/New_York', holidays: { country: 'US' } });
  });
});
