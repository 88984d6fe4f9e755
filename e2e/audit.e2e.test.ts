import { afterAll, beforeAll, describe, it } from 'vitest';
import { callApi, expectVisible, isBrowserAvailable, logIn, logOut, startJourney, type Journey } from './browser';

const admin = { email: 'admin@example.com', password: 'correct horse battery staple' };
const manager = { name: 'Marta Manager', email: 'marta@vendor.example', password: 'manager password 1234' };
const italian = { name: 'Lucia Ferri', email: 'lucia@vendor.example', password: 'responsabile password 1234' };

// The Audit tab reads as a history in the reader's language: who did what, each step named by its code and title,
// the reason of a waiver, and what Engage did by itself; the event as recorded stays one click away.
describe.skipIf(!isBrowserAvailable)('journey: the audit trail in words, in English and in Italian', () => {
  let journey: Journey;
  beforeAll(async () => {
    journey = await startJourney(admin);
  });
  afterAll(async () => {
    await journey?.close();
  });

  it('shows a manager’s waiver as a sentence with its reason, its record under Details, and the same history in Italian', async () => {
    const { page, baseUrl } = journey;
    await logIn(page, baseUrl, admin);
    await callApi(page, 'POST', '/api/users', { ...manager, role: 'manager', language: 'en' }, 201);
    await callApi(page, 'POST', '/api/users', { ...italian, role: 'manager', language: 'it' }, 201);
    await logOut(page);

    await logIn(page, baseUrl, manager);
    const customerId = String(
      (await callApi(page, 'POST', '/api/organisations', { kind: 'customer', name: 'Ospedale Maggiore' }, 201)).id,
    );
    const created = await callApi(
      page,
      'POST',
      '/api/projects',
      {
        name: 'Call recording for the wards',
        customerId,
        applications: ['call-recording'],
        deployment: 'virtual-appliance',
        purchasedEffortDays: 3,
      },
      201,
    );
    const projectId = String(created.id);
    const reference = String(created.reference);
    await callApi(page, 'POST', `/api/projects/${projectId}/purchase-order`, { number: 'PO-2026-0901' }, 200);
    await callApi(
      page,
      'POST',
      `/api/projects/${projectId}/actions`,
      { type: 'waive', stepKey: 'service-presentation', reason: 'Presented in person at the kick-off.' },
      200,
    );

    await page.goto(`${baseUrl}/projects/${projectId}?tab=audit`);
    const waiver = page.getByRole('row').filter({ hasText: 'Step waived' });
    await expectVisible(
      waiver.getByText(
        'Marta Manager (manager) waived step E2 “Service presentation”. Reason: “Presented in person at the kick-off.”',
        { exact: false },
      ),
    );
    await expectVisible(
      page
        .getByRole('row')
        .filter({ hasText: `Marta Manager (manager) created the project ${reference}` })
        .first(),
    );
    // The event as recorded, for whoever needs it: its code and what changed.
    await waiver.getByText('Details').click();
    await expectVisible(waiver.getByText('process.step.waived', { exact: false }));
    await journey.screenshot('audit-01-english');
    await logOut(page);

    await logIn(page, baseUrl, italian);
    await page.goto(`${baseUrl}/projects/${projectId}?tab=audit`);
    const esenzione = page.getByRole('row').filter({ hasText: 'Fase esentata' });
    await expectVisible(
      esenzione.getByText(/^Marta Manager \(manager\) ha esentato la fase E2 .*Presented in person at the kick-off\./),
    );
    await expectVisible(esenzione.getByText('Dettagli'));
    await journey.screenshot('audit-02-italian');
  });
});
