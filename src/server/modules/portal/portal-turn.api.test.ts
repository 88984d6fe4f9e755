import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Questionnaire } from '../../../domain/content';
import { apiFixtures } from '../../test/fixtures';
import { createTestEngage, eventually, isTestDatabaseAvailable, type TestEngage } from '../../test/harness';
import { answersForRequired, cookieFrom, latestLinkTo, pathOf, signInContact } from '../../test/portal';
import { cucmOnAppliance, submitProjectQuestionnaire } from '../../test/questionnaires';
import { startTestSmtpServer, type TestSmtpServer } from '../../test/smtp';

interface PortalNow {
  key: string;
  isWaitingOnYou: boolean;
  waitingOn: string[];
  waitingFor: { en: string; it: string };
}

describe.skipIf(!isTestDatabaseAvailable)(
  'portal: whose turn it is, contact by contact, and what was skipped rather than done',
  () => {
    let smtp: TestSmtpServer;
    let engage: TestEngage;
    let manager: string;
    let engineer: { id: string; cookie: string };

    const call = (method: 'GET' | 'POST' | 'PATCH', url: string, cookie: string, payload?: unknown) =>
      engage.request({
        method,
        url,
        headers: { cookie },
        ...(payload === undefined ? {} : { payload: payload as Record<string, unknown> }),
      });

    /**
     * A fresh project at E4 (design questionnaires): no training bought, the service presentation waived, the engineer
     * assigned, who sent the questionnaire links to the partner's technician only; both contacts signed in.
     */
    async function projectAtQuestionnaires() {
      const fixtures = apiFixtures(engage, manager);
      const customer = await fixtures.customer();
      const partner = await fixtures.partner();
      const unique = `${Date.now()}.${Math.random().toString(36).slice(2)}`;
      const contacts = {
        customer: await fixtures.post<{ id: string; email: string }>(`/api/organisations/${customer.id}/contacts`, {
          name: 'Giulia Rossi',
          email: `giulia.${unique}@customer.example`,
          language: 'it',
          role: 'technical-reference',
        }),
        partner: await fixtures.post<{ id: string; email: string }>(`/api/organisations/${partner.id}/contacts`, {
          name: 'Peter Brown',
          email: `peter.${unique}@reseller.example`,
          language: 'en',
          role: 'partner-technician',
        }),
      };
      // No training bought: the engine skips P6 by itself.
      const projectId = (
        await fixtures.project({ customerId: customer.id, partnerId: partner.id, trainingPurchased: false })
      ).id;
      const portal = (path: string) => `/api/portal/projects/${projectId}${path}`;
      const staff = (path: string) => `/api/projects/${projectId}${path}`;
      const nowFor = async (cookie: string) =>
        (await call('GET', portal(''), cookie)).json<{ timeline: { now: PortalNow | null } }>().timeline.now;
      const homeFor = async (cookie: string) =>
        (
          (await call('GET', '/api/portal/me', cookie)).json().projects as {
            id: string;
            now: { isWaitingOnYou: boolean } | null;
          }[]
        ).find((project) => project.id === projectId)?.now;
      const currentStep = async () =>
        (await call('GET', staff(''), manager)).json<{ currentStep: { key: string } | null }>().currentStep?.key;

      await fixtures.post(staff('/purchase-order'), { number: `PO-${unique}` }, 200);
      await fixtures.post(
        staff('/actions'),
        {
          type: 'waive',
          stepKey: 'service-presentation',
          reason: 'Presented at the kick-off; the customer was cross about the price',
        },
        200,
      );
      await fixtures.post(staff('/engineer'), { engineerId: engineer.id }, 200);
      // The engineer sends the questionnaire links to the partner's technician only.
      expect(
        (await call('POST', staff('/contact-email'), engineer.cookie, { contactIds: [contacts.partner.id] }))
          .statusCode,
      ).toBe(200);
      expect(await eventually(async () => (await currentStep()) === 'design-questionnaire', 10_000)).toBe(true);
      // The link in the mail this project sent to its partner's technician.
      const questionnaireLink = await latestLinkTo(engage, manager, projectId, contacts.partner.email);
      const cookies = {
        partner: cookieFrom(await engage.request({ method: 'POST', url: pathOf(questionnaireLink) }), 'engage_portal'),
        customer: await signInContact(engage, manager, projectId, contacts.customer),
      };
      return { projectId, contacts, cookies, portal, staff, nowFor, homeFor, currentStep };
    }
    type Project = Awaited<ReturnType<typeof projectAtQuestionnaires>>;

    /** E4 completes: the partner's technician submits the project questionnaire and the application's. */
    async function questionnairesSubmitted({ projectId, portal, cookies }: Project): Promise<void> {
      await submitProjectQuestionnaire(engage, cookies.partner, projectId, cucmOnAppliance, 'portal');
      const form = (await call('GET', portal('/questionnaires/call-recording'), cookies.partner)).json<{
        questionnaire: Questionnaire;
      }>();
      expect(
        (
          await call('PATCH', portal('/questionnaires/call-recording/answers'), cookies.partner, {
            answers: answersForRequired(form.questionnaire),
          })
        ).statusCode,
      ).toBe(200);
      expect((await call('POST', portal('/questionnaires/call-recording/submit'), cookies.partner)).statusCode).toBe(
        204,
      );
    }

    /** E5 completes: the engineer reviews the design and confirms the requirements, with no constraints. */
    async function requirementsConfirmed({ staff }: Project): Promise<void> {
      expect((await call('POST', staff('/design-review'), engineer.cookie)).statusCode).toBe(204);
      expect(
        (await call('POST', staff('/requirements/confirm'), engineer.cookie, { noConstraints: true })).statusCode,
      ).toBe(204);
    }

    /** E6, prepared: the customer fulfils the customer's open requirements, the partner every other one still open. */
    async function requirementsPrepared({ portal, staff, cookies }: Project): Promise<void> {
      const open = async () =>
        (
          (await call('GET', staff('/requirements'), engineer.cookie)).json().requirements as {
            id: string;
            owner: string;
            status: string;
          }[]
        ).filter((item) => item.status === 'open');
      for (const item of (await open()).filter((candidate) => candidate.owner === 'customer'))
        expect(
          (await call('POST', portal(`/requirements/${item.id}/fulfil`), cookies.customer, { note: 'Done' }))
            .statusCode,
        ).toBe(200);
      for (const item of await open())
        expect(
          (await call('POST', portal(`/requirements/${item.id}/fulfil`), cookies.partner, { note: 'Done' })).statusCode,
        ).toBe(200);
    }

    beforeAll(async () => {
      smtp = await startTestSmtpServer();
      engage = await createTestEngage({ mail: { smtpUrl: smtp.url } });
      manager = (await engage.staff('manager')).cookie;
      const engineerUser = await engage.staff('engineer', { name: 'Enzo Engineer' });
      engineer = { id: engineerUser.user.id, cookie: engineerUser.cookie };
      await engage.context.db.execute(
        sql`update users set teams = '["recording-analytics"]'::jsonb where id = ${engineer.id}`,
      );
    });
    afterAll(async () => {
      await engage?.close();
      await smtp?.close();
    });

    it('tells the partner’s technician who received the questionnaire links that it is their turn at E4, and not the customer who was not asked', async () => {
      const { cookies, nowFor, homeFor } = await projectAtQuestionnaires();
      const partnerNow = await nowFor(cookies.partner);
      expect(partnerNow).toMatchObject({ key: 'design-questionnaire', isWaitingOnYou: true, waitingOn: ['partner'] });
      expect(partnerNow?.waitingFor.en).toBe('We need the design questionnaires filled in and submitted.');
      expect((await homeFor(cookies.partner))?.isWaitingOnYou).toBe(true);

      const customerNow = await nowFor(cookies.customer);
      expect(customerNow).toMatchObject({ key: 'design-questionnaire', isWaitingOnYou: false, waitingOn: ['partner'] });
      expect(customerNow?.waitingFor.it).toBe('I questionari di progettazione sono in corso di compilazione.');
      expect((await homeFor(cookies.customer))?.isWaitingOnYou).toBe(false);
    });

    it('shows a waived step as skipped, without the manager’s internal words, and an unpurchased training as not needed', async () => {
      const { cookies, portal } = await projectAtQuestionnaires();
      const response = await call('GET', portal(''), cookies.customer);
      const steps = response.json().timeline.steps as { key: string; state: string; notNeededBecause?: string }[];
      expect(steps.find((step) => step.key === 'service-presentation')).toMatchObject({ state: 'skipped' });
      expect(steps.find((step) => step.key === 'service-presentation')?.notNeededBecause).toBeUndefined();
      expect(steps.find((step) => step.key === 'training')).toMatchObject({
        state: 'not-needed',
        notNeededBecause: 'training-not-purchased',
      });
      // Completed by Engage when the contact email went out: done, truly.
      expect(steps.find((step) => step.key === 'engineer-contact')?.state).toBe('done');
      expect(response.body).not.toContain('cross about the price');
    });

    it('waits on nobody outside the vendor while the engineer prepares the requirements (E5)', async () => {
      const { projectId, cookies, portal, nowFor, homeFor, currentStep } = await projectAtQuestionnaires();
      await submitProjectQuestionnaire(engage, cookies.partner, projectId, cucmOnAppliance, 'portal');
      expect(await currentStep()).toBe('design-questionnaire');
      const form = (await call('GET', portal('/questionnaires/call-recording'), cookies.partner)).json<{
        questionnaire: Questionnaire;
      }>();
      expect(
        (
          await call('PATCH', portal('/questionnaires/call-recording/answers'), cookies.partner, {
            answers: answersForRequired(form.questionnaire),
          })
        ).statusCode,
      ).toBe(200);
      expect((await call('POST', portal('/questionnaires/call-recording/submit'), cookies.partner)).statusCode).toBe(
        204,
      );
      expect(await currentStep()).toBe('requirements-refining');
      for (const cookie of [cookies.customer, cookies.partner]) {
        expect(await nowFor(cookie)).toMatchObject({
          key: 'requirements-refining',
          isWaitingOnYou: false,
          waitingOn: ['vendor'],
        });
        expect((await homeFor(cookie))?.isWaitingOnYou).toBe(false);
      }
    });

    it('waits at E6 on the sides owning a requirement still to prepare, then on the engineer who verifies them', async () => {
      const setup = await projectAtQuestionnaires();
      await questionnairesSubmitted(setup);
      const { cookies, portal, staff, nowFor, currentStep } = setup;
      expect((await call('POST', staff('/design-review'), engineer.cookie)).statusCode).toBe(204);
      expect(
        (await call('POST', staff('/requirements/confirm'), engineer.cookie, { noConstraints: true })).statusCode,
      ).toBe(204);
      expect(await currentStep()).toBe('requirements-fulfilment');
      const open = async () =>
        (
          (await call('GET', staff('/requirements'), engineer.cookie)).json().requirements as {
            id: string;
            owner: string;
            status: string;
          }[]
        ).filter((item) => item.status === 'open');
      // The answers raised requirements for the customer (servers, accounts) and for the partner (the phone system).
      expect(new Set((await open()).map((item) => item.owner))).toEqual(new Set(['customer', 'partner']));

      expect(await nowFor(cookies.customer)).toMatchObject({
        isWaitingOnYou: true,
        waitingOn: ['customer', 'partner'],
      });
      expect(await nowFor(cookies.partner)).toMatchObject({ isWaitingOnYou: true });

      // The customer prepares theirs: the partner still has one to prepare; the customer is told nothing more is asked.
      for (const item of (await open()).filter((candidate) => candidate.owner === 'customer')) {
        expect(
          (await call('POST', portal(`/requirements/${item.id}/fulfil`), cookies.customer, { note: 'Done' }))
            .statusCode,
        ).toBe(200);
      }
      const customerNow = await nowFor(cookies.customer);
      expect(customerNow).toMatchObject({ isWaitingOnYou: false, waitingOn: ['partner'] });
      expect(customerNow?.waitingFor.en).toBe('The requirements are being prepared; your engineer checks each one.');
      expect(await nowFor(cookies.partner)).toMatchObject({ isWaitingOnYou: true, waitingOn: ['partner'] });

      // The partner prepares theirs: now the engineer verifies, and no contact is told it is their turn.
      for (const item of await open())
        expect(
          (await call('POST', portal(`/requirements/${item.id}/fulfil`), cookies.partner, { note: 'Done' })).statusCode,
        ).toBe(200);
      for (const cookie of [cookies.customer, cookies.partner])
        expect(await nowFor(cookie)).toMatchObject({ isWaitingOnYou: false, waitingOn: ['vendor'] });
    });

    it('waits at E7 on the engineer until dates are proposed, then on the contacts invited to choose one', async () => {
      const setup = await projectAtQuestionnaires();
      await questionnairesSubmitted(setup);
      await requirementsConfirmed(setup);
      await requirementsPrepared(setup);
      const { contacts, cookies, staff, nowFor, currentStep } = setup;
      const all = (await call('GET', staff('/requirements'), engineer.cookie)).json().requirements as {
        id: string;
        status: string;
      }[];
      for (const item of all.filter((candidate) => candidate.status === 'fulfilled'))
        expect((await call('POST', staff(`/requirements/${item.id}/verify`), engineer.cookie)).statusCode).toBe(204);
      expect(await currentStep()).toBe('activity-schedule');
      for (const cookie of [cookies.customer, cookies.partner])
        expect(await nowFor(cookie)).toMatchObject({
          key: 'activity-schedule',
          isWaitingOnYou: false,
          waitingOn: ['vendor'],
        });

      const day = new Date(Date.now() + 14 * 24 * 3600 * 1000);
      day.setUTCHours(8, 0, 0, 0);
      const proposed = await call('POST', staff('/proposals'), engineer.cookie, {
        stepKey: 'activity-schedule',
        title: 'Call Recording installation',
        durationMinutes: 60,
        mode: 'remote',
        location: 'https://meet.example.com/j/1',
        attendeeContactIds: [contacts.customer.id],
        slots: [{ start: day.toISOString() }],
      });
      expect(proposed.statusCode).toBe(200);
      const customerNow = await nowFor(cookies.customer);
      expect(customerNow).toMatchObject({ isWaitingOnYou: true, waitingOn: ['vendor', 'customer'] });
      expect(customerNow?.waitingFor.en).toBe(
        'Choose the date of the first activity among those your engineer proposed.',
      );
      expect(await nowFor(cookies.partner)).toMatchObject({ isWaitingOnYou: false });
    });
  },
);
