import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callApi, expectVisible, isBrowserAvailable, logIn, startJourney, type Journey } from './browser';
import type { Questionnaire } from '../src/domain/content';
import { fillIn } from './questionnaire-answers';

const admin = { email: 'admin@example.com', password: 'correct horse battery staple' };
const engineer = { name: 'Giulia Bianchi', email: 'giulia@vendor.example', password: 'engineer password 1234' };
const reference = { name: 'Sara Conti', email: 'sara.conti@hospital.example' };
const today = () => new Date().toISOString().slice(0, 10);

// `npm install && npm start` with no mail server: an admin walks one project from the purchase order to the hand-over
// in the staff app, and acts as the customer's technical reference only through the links of the emails in the trial
// mailbox, each opened in a window of its own. The steps whose screens other journeys walk go through the API.
describe.skipIf(!isBrowserAvailable)(
  'journey: the whole process in trial mode, the customer acting from the trial mailbox',
  () => {
    let journey: Journey;
    beforeAll(async () => {
      journey = await startJourney(admin);
    });
    afterAll(async () => {
      await journey?.close();
    });

    it('carries a project from its purchase order to the hand-over without a mail server', async () => {
      const { page, baseUrl } = journey;
      const stepOf = async (projectId: string) =>
        (await callApi(page, 'GET', `/api/projects/${projectId}`, undefined, 200)) as {
          currentStep: { code: string } | null;
          state: string;
        };
      const reaches = async (projectId: string, code: string) =>
        expect.poll(async () => (await stepOf(projectId)).currentStep?.code ?? 'done', { timeout: 20_000 }).toBe(code);

      /**
       * The admin opens the trial mailbox, reads the newest message to the reference whose subject matches, and follows its
       * personal link: it opens in a new window, where the reference presses Continue and lands in the portal.
       */
      async function actAsReference(subject: RegExp, name: string): Promise<Page> {
        // Loaded afresh: the list the page had would show the new message only at its next refresh.
        await page.goto(`${baseUrl}/admin/trial-mailbox`);
        await expectVisible(page.getByRole('heading', { name: 'Trial mailbox', level: 1 }));
        await page.getByRole('combobox', { name: 'Recipient' }).click();
        await page.getByRole('option', { name: new RegExp(`^${reference.name} <${reference.email}>`) }).click();
        await page.getByRole('row', { name: subject }).first().click();
        const message = page.getByRole('article');
        await expectVisible(message.getByRole('heading', { name: subject }));
        await journey.screenshot(`trial-${name}-mailbox`);
        const [portal] = await Promise.all([
          page.context().waitForEvent('page'),
          message
            .getByRole('link', { name: /\/portal\/link\// })
            .first()
            .click(),
        ]);
        await portal.waitForLoadState();
        portal.setDefaultTimeout(30_000);
        await expectVisible(portal.getByText('Trial mode: no email leaves this server.', { exact: false }));
        await portal.getByRole('button', { name: 'Continue' }).click();
        await portal.waitForURL(/\/portal\/projects\//);
        await expectVisible(
          portal.getByText('Trial mode: no email leaves this server. The emails for this portal', { exact: false }),
        );
        await expectVisible(portal.getByRole('heading', { level: 1 }).first());
        await portal.screenshot({
          path: `${import.meta.dirname}/screenshots/trial-${name}-portal.png`,
          fullPage: true,
        });
        return portal;
      }

      // The admin signs in; every page says no email leaves the server, and the trial mailbox is empty.
      await logIn(page, baseUrl, admin);
      await expectVisible(page.getByText('Trial mode: no email leaves this server. Set SMTP_URL to send email.'));
      await page.getByRole('link', { name: 'Trial mailbox' }).first().click();
      await expectVisible(page.getByText('The trial mailbox is empty'));

      // Setup through the API: an engineer of the right team, the customer and its technical reference.
      const engineerId = String(
        (await callApi(page, 'POST', '/api/users', { ...engineer, role: 'engineer', language: 'en' }, 201)).id,
      );
      await callApi(page, 'PATCH', `/api/users/${engineerId}`, { teams: ['recording-analytics'] }, 200);
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

      // E1: the purchase order, recorded and approved; the project starts at E2.
      const order = await callApi(
        page,
        'POST',
        '/api/purchase-orders',
        {
          number: 'PO-TRIAL-0001',
          orderDate: today(),
          customerId,
          partnerId: null,
          currency: 'EUR',
          amount: 4800,
          lines: [{ serviceKey: 'installation-remote', quantity: 2 }],
          applications: ['call-recording'],
          deployment: 'virtual-appliance',
        },
        201,
      );
      const projectId = String(
        (
          (await callApi(page, 'POST', `/api/purchase-orders/${String(order.id)}/approve`, {}, 200)) as {
            project: { id: string };
          }
        ).project.id,
      );
      await reaches(projectId, 'E2');

      // E2 and E3 complete by themselves once their emails are in the trial mailbox.
      await callApi(page, 'POST', `/api/projects/${projectId}/presentation`, { contactIds: [contactId] }, 200);
      await reaches(projectId, 'E3');
      await callApi(page, 'POST', `/api/projects/${projectId}/engineer`, { engineerId }, 200);
      await callApi(page, 'POST', `/api/projects/${projectId}/contact-email`, { contactIds: [contactId] }, 200);
      await reaches(projectId, 'E4');
      await page.goto(`${baseUrl}/projects/${projectId}?tab=mail`);
      await expectVisible(page.getByText('In the trial mailbox').first());
      await journey.screenshot('trial-01-mail-tab');

      // E4: the reference opens the questionnaire link of the contact email and submits every questionnaire.
      const questionnaires = await actAsReference(/design questionnaires/, '02-questionnaire');
      const base = `/api/portal/projects/${projectId}/questionnaires`;
      const list = (await callApi(questionnaires, 'GET', base, undefined, 200)) as {
        items: { applicationKey: string }[];
      };
      for (const { applicationKey } of list.items) {
        const form = (await callApi(questionnaires, 'GET', `${base}/${applicationKey}`, undefined, 200)) as {
          questionnaire: Questionnaire;
          projectAnswers: Record<string, unknown>;
        };
        const given =
          applicationKey === 'project' ? { 'calling-platform': ['cucm'], deployment: 'virtual-appliance' } : {};
        await callApi(
          questionnaires,
          'PATCH',
          `${base}/${applicationKey}/answers`,
          { answers: fillIn(form.questionnaire, form.projectAnswers, given) },
          200,
        );
        await callApi(questionnaires, 'POST', `${base}/${applicationKey}/submit`, undefined, 204);
      }
      await questionnaires.close();
      await reaches(projectId, 'E5');

      // E5: the engineer's review (the admin acts for them).
      await callApi(page, 'POST', `/api/projects/${projectId}/design-review`, undefined, 204);
      await callApi(
        page,
        'POST',
        `/api/projects/${projectId}/design-notes`,
        { kind: 'constraint', text: 'The recorder sits in the DMZ VLAN 40.', notedOn: today() },
        201,
      );
      await callApi(page, 'POST', `/api/projects/${projectId}/requirements/confirm`, {}, 204);
      await reaches(projectId, 'E6');

      // E6: a fresh link to the portal; the reference fulfils the requirements there, the engineer verifies them.
      await callApi(page, 'POST', `/api/projects/${projectId}/portal-links`, { contactId }, 204);
      const requirements = await actAsReference(/project portal/, '03-requirements');
      const open = (await callApi(
        requirements,
        'GET',
        `/api/portal/projects/${projectId}/requirements`,
        undefined,
        200,
      )) as { requirements: { id: string; owner: string }[] };
      for (const requirement of open.requirements.filter((candidate) => candidate.owner !== 'vendor')) {
        await callApi(
          requirements,
          'POST',
          `/api/portal/projects/${projectId}/requirements/${requirement.id}/fulfil`,
          { note: 'Done on our side.' },
          200,
        );
      }
      await requirements.close();
      for (const requirement of open.requirements)
        await callApi(page, 'POST', `/api/projects/${projectId}/requirements/${requirement.id}/verify`, undefined, 204);
      await reaches(projectId, 'E7');

      // E7: dates proposed; the reference chooses one from the email; the invitation lands in the trial mailbox.
      const suggestions = (await callApi(
        page,
        'GET',
        `/api/projects/${projectId}/slot-suggestions?durationMinutes=120&count=3`,
        undefined,
        200,
      )) as { engineer: { slots: { start: string }[] } };
      const proposed = (await callApi(
        page,
        'POST',
        `/api/projects/${projectId}/proposals`,
        {
          stepKey: 'activity-schedule',
          title: 'Installation kick-off',
          durationMinutes: 120,
          mode: 'remote',
          location: 'https://meet.example.com/j/8841',
          attendeeContactIds: [contactId],
          slots: suggestions.engineer.slots,
        },
        200,
      )) as { proposals: { id: string; slots: { id: string }[] }[] };
      const proposal = proposed.proposals[0];
      const sessions = await actAsReference(/choose a date/, '04-sessions');
      await callApi(
        sessions,
        'POST',
        `/api/portal/projects/${projectId}/proposals/${proposal?.id ?? ''}/accept`,
        { sessionId: proposal?.slots[0]?.id },
        200,
      );
      await sessions.close();
      await reaches(projectId, 'E8');
      await page.goto(`${baseUrl}/admin/trial-mailbox`);
      await page
        .getByRole('row', { name: /— invitation: Installation kick-off/ })
        .first()
        .click();
      await expectVisible(page.getByRole('article').getByRole('link', { name: 'Calendar invitation (REQUEST)' }));
      await journey.screenshot('trial-05-invitation');

      // E8: the kick-off held by phone, recorded after the fact; P1–P4 waived (the delivery journey walks them).
      await callApi(
        page,
        'POST',
        `/api/projects/${projectId}/past-sessions`,
        {
          stepKey: 'activity-start',
          title: 'Kick-off call',
          start: new Date(Date.now() - 2 * 3600_000).toISOString(),
          durationMinutes: 60,
          mode: 'remote',
          location: 'Phone',
          attendeeContactIds: [contactId],
          note: 'Agreed the installation plan by phone.',
        },
        200,
      );
      await reaches(projectId, 'P1');
      for (const stepKey of ['environment', 'installation', 'pbx-configuration', 'application-configuration']) {
        await callApi(
          page,
          'POST',
          `/api/projects/${projectId}/actions`,
          { type: 'waive', stepKey, reason: 'Covered by the delivery journey.' },
          200,
        );
      }
      await reaches(projectId, 'P5');

      /** The reference signs the document awaiting signature, from the signature request in the trial mailbox. */
      const signFromMailbox = async (kind: 'uat' | 'activity-report', subject: RegExp, name: string) => {
        await callApi(
          page,
          'POST',
          `/api/projects/${projectId}/delivery/documents`,
          { kind, signerContactIds: [contactId] },
          200,
        );
        const signer = await actAsReference(subject, name);
        const view = (await callApi(signer, 'GET', `/api/portal/projects/${projectId}/delivery`, undefined, 200)) as {
          documents: { id: string; kind: string; state: string }[];
        };
        const document = view.documents.find(
          (candidate) => candidate.kind === kind && candidate.state === 'awaiting-signature',
        );
        const url = `/api/portal/projects/${projectId}/delivery/documents/${document?.id ?? ''}`;
        const sha256 = await signer.evaluate(async (pdf) => {
          const bytes = await (await fetch(pdf)).arrayBuffer();
          return [...new Uint8Array(await crypto.subtle.digest('SHA-256', bytes))]
            .map((byte) => byte.toString(16).padStart(2, '0'))
            .join('');
        }, `${url}/pdf`);
        await callApi(
          signer,
          'POST',
          `${url}/signature`,
          {
            documentSha256: sha256,
            fullName: reference.name,
            consent: true,
            signature: { kind: 'typed', text: reference.name },
          },
          200,
        );
        await signer.close();
      };

      // P5: every UAT item passes; the reference signs the UAT document.
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
      await signFromMailbox('uat', /please review and sign: User acceptance tests/, '06-uat');
      // No training was bought: P6 is skipped, and the activity report (P7) is next.
      await reaches(projectId, 'P7');
      await callApi(
        page,
        'PUT',
        `/api/projects/${projectId}/delivery/notes`,
        {
          reportNotes: 'Installed and configured as designed.',
          maintenanceNotes: 'Purge job on the recorder at 02:00.',
        },
        200,
      );
      await signFromMailbox('activity-report', /please review and sign: Activity report/, '07-report');
      await reaches(projectId, 'P8');

      // P8: closed; the hand-over package reaches support's address in the trial mailbox, and the project completes.
      await callApi(page, 'POST', `/api/projects/${projectId}/delivery/handover`, undefined, 200);
      await expect.poll(async () => (await stepOf(projectId)).state, { timeout: 20_000 }).toBe('complete');
      await page.goto(`${baseUrl}/admin/trial-mailbox`);
      await page.getByRole('combobox', { name: 'Recipient' }).click();
      await page.getByRole('option', { name: /^Support </ }).click();
      await page.getByRole('row').nth(1).click();
      await expectVisible(
        page
          .getByRole('article')
          .getByRole('link', { name: /\.pdf$/ })
          .first(),
      );
      await journey.screenshot('trial-08-handover');
    });
  },
);
