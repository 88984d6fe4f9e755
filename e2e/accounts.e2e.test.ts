import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestSmtpServer, type ReceivedMail, type TestSmtpServer } from '../src/server/test/smtp';
import { expectVisible, isBrowserAvailable, logIn, logOut, startJourney, type Journey } from './browser';
import { waitForMail } from './mailbox';

const admin = { email: 'admin@example.com', password: 'correct horse battery staple' };
const colleague = {
  name: 'Paolo Prova',
  email: 'paolo.prova@vendor.example',
  password: 'seven violet lanterns at dawn',
};

function passwordLinkIn(mail: ReceivedMail): string {
  const link = /https?:\/\/\S+\/set-password#[A-Za-z0-9_-]{43}/.exec(mail.parsed.text ?? '')?.[0];
  if (link === undefined) throw new Error(`no password link in: ${(mail.parsed.text ?? '').slice(0, 300)}`);
  return link;
}

// Accounts people run themselves: an admin's user with a password refused as too common, a forced reset, "Forgot your
// password?" from the sign-in page with its emailed link, and a password changed from the account menu.
describe.skipIf(!isBrowserAvailable)('journey: passwords people run themselves', () => {
  let journey: Journey;
  let smtp: TestSmtpServer;
  const seen = new Set<ReceivedMail>();
  beforeAll(async () => {
    smtp = await startTestSmtpServer();
    journey = await startJourney(admin, { SMTP_URL: smtp.url, MAIL_FROM: 'Engage <engage@vendor.example>' });
  });
  afterAll(async () => {
    await journey?.close();
    await smtp?.close();
  });

  it('refuses a common password, resets one with a confirmation, sends a forgotten one by email and changes one from the account menu', async () => {
    const { page, baseUrl } = journey;

    await logIn(page, baseUrl, admin);
    await page.getByRole('link', { name: 'Users' }).click();
    await page.getByRole('button', { name: 'Create with a password' }).click();
    const dialog = page.getByRole('dialog', { name: 'New user' });
    await dialog.getByRole('textbox', { name: 'Name' }).fill(colleague.name);
    await dialog.getByRole('textbox', { name: 'Email' }).fill(colleague.email);
    await dialog.getByLabel('Initial password').fill('Password1234!');
    await dialog.getByRole('button', { name: 'Create user' }).click();
    await expectVisible(dialog.getByText(/^This password is too easy to guess/));
    await dialog.getByLabel('Initial password').fill(colleague.password);
    await dialog.getByRole('button', { name: 'Create user' }).click();
    await dialog.waitFor({ state: 'hidden' });

    // A forced reset asks first, and says what follows.
    const row = page.getByRole('row').filter({ hasText: colleague.email });
    await row.getByRole('button', { name: `Reset the password of ${colleague.name}` }).click();
    const confirm = page.getByRole('dialog', { name: 'Reset the password' });
    await expectVisible(
      confirm.getByText(`they are signed out everywhere, and ${colleague.email} receives a link`, { exact: false }),
    );
    await confirm.getByRole('button', { name: 'Reset password' }).click();
    await confirm.waitFor({ state: 'hidden' });
    await expectVisible(row.getByText('Password reset – waiting for a new one'));
    await waitForMail(smtp, colleague.email, (mail) => /Choose a new password/.test(mail.parsed.subject ?? ''), {
      seen,
    });
    await journey.screenshot('accounts-01-users-reset');
    await logOut(page);

    // The colleague has lost that email: "Forgot your password?" sends a fresh link.
    await page.getByRole('link', { name: 'Forgot your password?' }).click();
    await page.getByRole('textbox', { name: 'Email' }).fill(colleague.email);
    await page.getByRole('button', { name: 'Email me a link' }).click();
    await expectVisible(page.getByText(`If an account exists for ${colleague.email}, we sent it an email`));
    const forgotten = await waitForMail(
      smtp,
      colleague.email,
      (mail) => /Choose a new password/.test(mail.parsed.subject ?? ''),
      { seen },
    );
    await page.goto(passwordLinkIn(forgotten));
    await expectVisible(page.getByRole('heading', { name: 'Choose a new password' }));
    await page.getByLabel(/^New password/).fill('a fresh passphrase of my own');
    await page.getByLabel('Repeat the new password').fill('a fresh passphrase of my own');
    await page.getByRole('button', { name: 'Save the password and sign in' }).click();
    await expectVisible(page.getByRole('heading', { name: 'Pipeline' }));

    // The link is spent: opened again, it says so and offers a new one.
    await page.goto(passwordLinkIn(forgotten));
    await expectVisible(page.getByText(/^This link was already used/));
    await expectVisible(page.getByRole('link', { name: 'Ask for a new link' }));

    // Changing it from the account menu needs the current one.
    await page.goto(`${baseUrl}/`);
    await page.getByRole('button', { name: /^Account menu for / }).click();
    await page.getByRole('menuitem', { name: 'Change password' }).click();
    const change = page.getByRole('dialog', { name: 'Change your password' });
    await change.getByLabel('Current password').fill('not what I have');
    await change.getByLabel(/^New password/).fill(colleague.password);
    await change.getByLabel('Repeat the new password').fill(colleague.password);
    await change.getByRole('button', { name: 'Change password' }).click();
    await expectVisible(change.getByText('The current password is not correct.'));
    await change.getByLabel('Current password').fill('a fresh passphrase of my own');
    await change.getByRole('button', { name: 'Change password' }).click();
    await change.waitFor({ state: 'hidden' });
    await expectVisible(page.getByText('Password changed.', { exact: false }));
    await logOut(page);
    await logIn(page, baseUrl, colleague);
    expect(page.url()).toBe(`${baseUrl}/`);
  });
});
