import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestEngage, eventually, isTestDatabaseAvailable, type TestEngage } from '../../test/harness';
import { answersForRequired, projectAtDesignQuestionnaire, signInContact } from '../../test/portal';
import { cucmOnAppliance, submitProjectQuestionnaire } from '../../test/questionnaires';
import { startTestSmtpServer, type TestSmtpServer } from '../../test/smtp';
import { sendDueTurnEmails } from './turn-emails.service';

const minute = 60_000;

describe.skipIf(!isTestDatabaseAvailable)(
  'turn emails: the customer and the partner hear when the ball is theirs',
  () => {
    let smtp: TestSmtpServer;
    let engage: TestEngage;
    let manager: string;
    let engineer: { id: string; cookie: string };

    const call = (method: 'GET' | 'POST' | 'PATCH' | 'PUT', url: string, cookie: string, payload?: unknown) =>
      engage.request({
        method,
        url,
        headers: { cookie },
        ...(payload === undefined ? {} : { payload: payload as Record<string, unknown> }),
      });

    /** The project's turn emails as queued (the outbox keeps them with their links redacted). */
    async function turnMails(projectId: string) {
      const result = await engage.context.db.execute<{
        to: { email: string }[];
        subject: string;
        text: string;
        language: string;
      }>(
        sql`select to_addresses as "to", subject, text_body as text, language from mail_messages
          where project_id = ${projectId} and kind = 'turn-update' order by created_at`,
      );
      return (result as { rows: { to: { email: string }[]; subject: string; text: string; language: string }[] }).rows;
    }

    /** Runs the sweep as if `minutes` had passed since now. */
    async function sweepAfter(minutes: number): Promise<number> {
      engage.setNow(new Date(Date.now() + minutes * minute));
      try {
        return await sendDueTurnEmails(engage.context);
      } finally {
        engage.setNow(null);
      }
    }

    /** A project of the engineer's at E5 with both questionnaires submitted and the design reviewed; the customer's contact reads Italian. */
    async function projectReadyToConfirm() {
      const setup = await projectAtDesignQuestionnaire(engage, manager);
      const { projectId } = setup;
      await setup.fixtures.post(`/api/projects/${projectId}/engineer`, { engineerId: engineer.id }, 200);
      expect(
        (
          await call('PATCH', `/api/organisations/${setup.customer.id}/contacts/${setup.customerContact.id}`, manager, {
            language: 'it',
          })
        ).statusCode,
      ).toBe(200);
      await submitProjectQuestionnaire(engage, engineer.cookie, projectId, {
        ...cucmOnAppliance,
        'directory-source': 'entra-id',
        'email-notifications': true,
        'smtp-account': false,
      });
      const form = (
        await call('GET', `/api/projects/${projectId}/questionnaires/call-recording`, engineer.cookie)
      ).json();
      const answers = answersForRequired(form.questionnaire, { 'recording-method': 'built-in-bridge' });
      expect(
        (
          await call('PATCH', `/api/projects/${projectId}/questionnaires/call-recording/answers`, engineer.cookie, {
            answers,
          })
        ).statusCode,
      ).toBe(200);
      expect(
        (await call('POST', `/api/projects/${projectId}/questionnaires/call-recording/submit`, engineer.cookie))
          .statusCode,
      ).toBe(204);
      expect((await call('POST', `/api/projects/${projectId}/design-review`, engineer.cookie)).statusCode).toBe(204);
      return setup;
    }

    async function confirm(projectId: string) {
      const confirmed = await call('POST', `/api/projects/${projectId}/requirements/confirm`, engineer.cookie, {
        noConstraints: true,
      });
      expect(confirmed.statusCode, confirmed.body).toBe(204);
      return (await call('GET', `/api/projects/${projectId}/requirements`, engineer.cookie)).json<{
        requirements: { id: string; owner: string; status: string; title: { en: string; it: string } }[];
      }>().requirements;
    }

    beforeAll(async () => {
      smtp = await startTestSmtpServer();
      engage = await createTestEngage({ mail: { smtpUrl: smtp.url } });
      manager = (await engage.staff('manager')).cookie;
      const staff = await engage.staff('engineer', { name: 'Enzo Engineer' });
      engineer = { id: staff.user.id, cookie: staff.cookie };
      await engage.context.db.execute(
        sql`update users set teams = '["recording-analytics"]'::jsonb where id = ${engineer.id}`,
      );
    });
    afterAll(async () => {
      await engage?.close();
      await smtp?.close();
    });

    it('tells each side, in its language, the requirements of the confirmed list that are theirs, once the project is quiet', async () => {
      const setup = await projectReadyToConfirm();
      const requirements = await confirm(setup.projectId);
      const customers = requirements.filter((item) => item.owner === 'customer');
      const partners = requirements.filter((item) => item.owner === 'partner');
      expect(customers.length).toBeGreaterThan(0);

      // Nothing yet: the engineer may still be changing things.
      expect(await sweepAfter(0)).toBe(0);
      expect(await sweepAfter(1)).toBe(0);
      expect(await turnMails(setup.projectId)).toEqual([]);

      expect(await sweepAfter(3)).toBe(partners.length > 0 ? 2 : 1);
      expect(await sweepAfter(4)).toBe(0);
      const mails = await turnMails(setup.projectId);
      const toCustomer = mails.find((mail) => mail.to[0]?.email === setup.customerContact.email);
      expect(toCustomer?.language).toBe('it');
      expect(toCustomer?.subject).toMatch(/i vostri prossimi passi/);
      expect(toCustomer?.text).toContain(
        `La lista dei requisiti è confermata. Vi chiediamo di preparare questi ${customers.length} requisiti`,
      );
      for (const item of customers) expect(toCustomer?.text).toContain(item.title.it);
      for (const item of partners) expect(toCustomer?.text).not.toContain(`- ${item.title.it} (`);
      // The vendor's own requirements are nobody else's to do.
      for (const item of requirements.filter((candidate) => candidate.owner === 'vendor'))
        expect(toCustomer?.text).not.toContain(item.title.it);
      if (partners.length > 0) {
        const toPartner = mails.find((mail) => mail.to[0]?.email === setup.partnerContact.email);
        expect(toPartner?.language).toBe('en');
        for (const item of partners) expect(toPartner?.text).toContain(item.title.en);
      }

      // The email as delivered carries a personal link that lands on the requirements.
      await eventually(
        () => smtp.received.some((mail) => mail.envelopeTo.includes(setup.customerContact.email)),
        10_000,
      );
      const delivered = smtp.received.find((mail) => mail.envelopeTo.includes(setup.customerContact.email));
      const link = /\/portal\/link\/([A-Za-z0-9_-]{43})/.exec(delivered?.parsed.text ?? '')?.[0];
      expect(link).toBeDefined();
      const landing = await engage.request({ method: 'POST', url: link!, payload: {} });
      expect(landing.statusCode).toBe(303);
      expect(landing.headers.location).toBe(`/portal/projects/${setup.projectId}/requirements`);

      const audit = (await call('GET', `/api/projects/${setup.projectId}/audit?limit=100`, manager)).json<{
        items: { action: string; after: { recipients: string[]; side: string } }[];
      }>().items;
      expect(
        audit
          .filter((event) => event.action === 'turn.emailed')
          .map((event) => event.after.side)
          .sort(),
      ).toEqual(partners.length > 0 ? ['customer', 'partner'] : ['customer']);
    });

    it('gathers a burst of sent-back requirements into one email with each comment, told once by sweeps running at once', async () => {
      const setup = await projectReadyToConfirm();
      const requirements = await confirm(setup.projectId);
      await sweepAfter(3);
      const before = (await turnMails(setup.projectId)).length;
      const customerCookie = await signInContact(engage, manager, setup.projectId, setup.customerContact);
      const theirs = requirements.filter((item) => item.owner === 'customer').slice(0, 3);
      expect(theirs.length).toBeGreaterThanOrEqual(2);
      for (const item of theirs) {
        const fulfilled = await call(
          'POST',
          `/api/portal/projects/${setup.projectId}/requirements/${item.id}/fulfil`,
          customerCookie,
          { note: 'Done on our side.' },
        );
        expect(fulfilled.statusCode, fulfilled.body).toBe(200);
      }
      for (const [index, item] of theirs.entries()) {
        const sent = await call(
          'POST',
          `/api/projects/${setup.projectId}/requirements/${item.id}/send-back`,
          engineer.cookie,
          { comment: `Missing piece number ${index + 1}.` },
        );
        expect(sent.statusCode, sent.body).toBe(204);
      }
      // Two processes sweep at the same moment: one email to the customer's contact, not two.
      engage.setNow(new Date(Date.now() + 3 * minute));
      try {
        const counts = await Promise.all([sendDueTurnEmails(engage.context), sendDueTurnEmails(engage.context)]);
        expect(counts.reduce((sum, count) => sum + count, 0)).toBe(1);
      } finally {
        engage.setNow(null);
      }
      const mails = (await turnMails(setup.projectId)).slice(before);
      expect(mails).toHaveLength(1);
      expect(mails[0]?.to).toEqual([expect.objectContaining({ email: setup.customerContact.email })]);
      expect(mails[0]?.text).toContain(`ne ho restituiti ${theirs.length} con osservazioni`);
      for (const [index, item] of theirs.entries())
        expect(mails[0]?.text).toContain(`- ${item.title.it}: Missing piece number ${index + 1}.`);
      expect(mails[0]?.text).not.toContain('La lista dei requisiti è confermata');
    });

    it('waits no longer than ten minutes when changes keep coming', async () => {
      const setup = await projectReadyToConfirm();
      await confirm(setup.projectId);
      // A notice written a minute ago keeps the side from being quiet, but the oldest has waited ten minutes.
      await engage.context.db.execute(
        sql`update turn_notices set created_at = now() - interval '11 minutes' where project_id = ${setup.projectId}`,
      );
      await engage.context.db.execute(
        sql`insert into turn_notices (project_id, party, kind, details, created_at)
          values (${setup.projectId}, 'customer', 'checklist-opened',
                  ${JSON.stringify({ kind: 'checklist-opened', checklist: 'environment', items: 6 })}::jsonb, now())`,
      );
      expect(await sendDueTurnEmails(engage.context)).toBeGreaterThan(0);
      const toCustomer = (await turnMails(setup.projectId)).find(
        (mail) => mail.to[0]?.email === setup.customerContact.email,
      );
      expect(toCustomer?.text).toContain('La checklist «Preparazione delle macchine (P1)» è aperta per voi (6 voci)');
      expect(toCustomer?.text).toContain('La lista dei requisiti è confermata');
    });

    it('tells the partner’s technician when P1 opens, with the number of items to tick', async () => {
      const setup = await projectAtDesignQuestionnaire(engage, manager);
      const { projectId } = setup;
      await setup.fixtures.post(`/api/projects/${projectId}/engineer`, { engineerId: engineer.id }, 200);
      for (const stepKey of [
        'design-questionnaire',
        'requirements-refining',
        'requirements-fulfilment',
        'activity-schedule',
        'activity-start',
      ])
        await setup.fixtures.post(
          `/api/projects/${projectId}/actions`,
          { type: 'waive', stepKey, reason: 'Agreed by phone' },
          200,
        );
      expect((await call('GET', `/api/projects/${projectId}`, manager)).json().currentStep.key).toBe('environment');
      expect(await sweepAfter(3)).toBe(2);
      const mails = await turnMails(projectId);
      const toPartner = mails.find((mail) => mail.to[0]?.email === setup.partnerContact.email);
      const items = (await call('GET', `/api/projects/${projectId}/delivery`, engineer.cookie)).json<{
        environment: unknown[];
      }>().environment.length;
      expect(toPartner?.text).toContain(`The checklist "Prepare the machines (P1)" is open for you (${items} items).`);
      expect(toPartner?.text).not.toContain('requirement list is confirmed');
    });
  },
);
