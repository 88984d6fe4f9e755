import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiFixtures, type ProjectDetailLike } from '../../test/fixtures';
import { createTestEngage, eventually, isTestDatabaseAvailable, type TestEngage } from '../../test/harness';
import { cookieFrom } from '../../test/portal';
import { startTestSmtpServer, type TestSmtpServer } from '../../test/smtp';

describe.skipIf(!isTestDatabaseAvailable)(
  'engagement: presentation (E2) and engineer contact (E3), through a real SMTP server',
  () => {
    let smtp: TestSmtpServer;
    let engage: TestEngage;
    let manager: string;
    let admin: string;
    let fixtures: ReturnType<typeof apiFixtures>;
    let projectId: string;
    let contacts: { reference: { id: string }; partnerContact: { id: string } };
    let organisations: { customer: { id: string }; partner: { id: string } };
    let engineers: {
      busy: { id: string; cookie: string };
      free: { id: string; cookie: string };
      outsider: { id: string; cookie: string };
    };

    const send = (method: 'GET' | 'POST' | 'PATCH', url: string, payload?: unknown, cookie = manager) =>
      engage.request({
        method,
        url,
        headers: { cookie },
        ...(payload === undefined ? {} : { payload: payload as Record<string, unknown> }),
      });

    async function engineerIn(teams: string[]) {
      const engineer = await engage.staff('engineer');
      expect(
        (await send('PATCH', `/api/users/${engineer.user.id}`, { teams, phone: '+39 02 1234 5678' }, admin)).statusCode,
      ).toBe(200);
      return { id: engineer.user.id, cookie: engineer.cookie };
    }

    async function approvedProject(partnerId: string | null, customerId: string, applications = ['call-recording']) {
      const order = await fixtures.post<{ id: string }>('/api/purchase-orders', {
        number: `PO-E-${Date.now()}-${Math.random()}`,
        orderDate: '2027-03-01',
        customerId,
        partnerId,
        currency: 'EUR',
        amount: 3000,
        lines: [{ serviceKey: 'installation-remote', quantity: 2 }],
        applications,
        deployment: 'windows-vms',
      });
      const approved = await fixtures.post<{ project: { id: string } }>(
        `/api/purchase-orders/${order.id}/approve`,
        {},
        200,
      );
      return approved.project.id;
    }

    const referenceOf = async (id: string) =>
      (await send('GET', `/api/projects/${id}`)).json<ProjectDetailLike>().reference;

    /** A fresh project of an approved purchase order, its presentation sent to both contacts and E2 complete. */
    async function presentationSent() {
      const id = await approvedProject(organisations.partner.id, organisations.customer.id);
      expect(
        (
          await send('POST', `/api/projects/${id}/presentation`, {
            contactIds: [contacts.reference.id, contacts.partnerContact.id],
          })
        ).statusCode,
      ).toBe(200);
      expect(
        await eventually(
          async () =>
            (await send('GET', `/api/projects/${id}`)).json<ProjectDetailLike>().currentStep?.key ===
            'engineer-contact',
          10_000,
        ),
      ).toBe(true);
      return { id, reference: await referenceOf(id) };
    }

    beforeAll(async () => {
      smtp = await startTestSmtpServer();
      engage = await createTestEngage({ mail: { smtpUrl: smtp.url } });
      manager = (await engage.staff('manager', { name: 'Marta Manager' })).cookie;
      admin = (await engage.staff('admin')).cookie;
      fixtures = apiFixtures(engage, manager);
      const customer = await fixtures.customer('Banca Lombarda SpA');
      const partner = await fixtures.partner('engage-on-po');
      organisations = { customer, partner };
      contacts = {
        reference: await fixtures.post(`/api/organisations/${customer.id}/contacts`, {
          name: 'Giulia Rossi',
          email: 'giulia.rossi@bancalombarda.example',
          language: 'it',
          role: 'technical-reference',
        }),
        partnerContact: await fixtures.post(`/api/organisations/${partner.id}/contacts`, {
          name: 'Peter Brown',
          email: 'peter.brown@reseller.example',
          language: 'en',
          role: 'partner-technician',
        }),
      };
      projectId = await approvedProject(partner.id, customer.id);
      engineers = {
        busy: await engineerIn(['recording-analytics']),
        free: await engineerIn(['recording-analytics', 'contact-center']),
        outsider: await engineerIn(['fax-messaging']),
      };
      // The busy engineer already runs a project of 2 days.
      expect(
        (
          await send('POST', `/api/projects/${await approvedProject(null, customer.id)}/engineer`, {
            engineerId: engineers.busy.id,
          })
        ).statusCode,
      ).toBe(200);
    });
    afterAll(async () => {
      await engage?.close();
      await smtp?.close();
    });

    it('drafts the presentation in each contact’s language, with the workflow overview and the terms attached', async () => {
      const draft = await send('POST', `/api/projects/${projectId}/presentation/draft`, {
        contactIds: [contacts.reference.id, contacts.partnerContact.id],
      });
      expect(draft.statusCode).toBe(200);
      const [italian, english] = draft.json().items as {
        contact: { language: string };
        subject: string;
        text: string;
        attachments: { filename: string; size: number }[];
      }[];
      expect(italian?.contact.language).toBe('it');
      expect(italian?.subject).toMatch(
        /^Servizi professionali Acme Unified Communications per Banca Lombarda SpA — ENG-/,
      );
      expect(italian?.text).toContain('Gentile Giulia Rossi');
      expect(italian?.attachments.map((attachment) => attachment.filename)).toEqual([
        'Come si svolge il vostro progetto di servizi professionali.pdf',
        'Servizi professionali — termini e condizioni.pdf',
      ]);
      expect(english?.subject).toMatch(/^Acme Unified Communications professional services for Banca Lombarda SpA/);
      expect(english?.attachments.every((attachment) => attachment.size > 1000)).toBe(true);
      // Nothing is written by a draft.
      expect((await send('GET', `/api/projects/${projectId}/mail`)).json().items).toEqual([]);
    });

    it('sends the presentation and completes E2 once the SMTP server has accepted it', async () => {
      const sent = await send('POST', `/api/projects/${projectId}/presentation`, {
        contactIds: [contacts.reference.id, contacts.partnerContact.id],
      });
      expect(sent.statusCode).toBe(200);
      expect(
        await eventually(
          async () =>
            (await send('GET', `/api/projects/${projectId}`)).json<ProjectDetailLike>().currentStep?.key ===
            'engineer-contact',
          10_000,
        ),
      ).toBe(true);
      const reference = await referenceOf(projectId);
      const italian = smtp.received.find(
        (mail) =>
          mail.envelopeTo.includes('giulia.rossi@bancalombarda.example') && mail.parsed.subject?.includes(reference),
      );
      expect(italian?.parsed.subject).toMatch(/^Servizi professionali/);
      expect(italian?.parsed.replyTo?.value[0]?.name).toBe('Marta Manager');
      expect(italian?.parsed.attachments.map((attachment) => attachment.content.subarray(0, 5).toString())).toEqual([
        '%PDF-',
        '%PDF-',
      ]);
      const audit = (await send('GET', `/api/projects/${projectId}/audit`)).json().items as {
        action: string;
        after: Record<string, unknown> | null;
      }[];
      expect(audit.find((event) => event.action === 'process.advanced')?.after).toMatchObject({
        completedByEngage: ['service-presentation'],
      });
    });

    it('suggests the engineers of the right team, least loaded first, and refuses one of another team', async () => {
      const suggestions = (await send('GET', `/api/projects/${projectId}/engineer-suggestions`)).json();
      expect(suggestions.neededTeams.map((team: { key: string }) => team.key)).toEqual(['recording-analytics']);
      const ranked = (
        suggestions.items as { id: string; isInTeam: boolean; projectsInFlight: number; openEffortDays: number }[]
      ).filter((item) => [engineers.busy.id, engineers.free.id, engineers.outsider.id].includes(item.id));
      expect(ranked.map((item) => item.id)).toEqual([engineers.free.id, engineers.busy.id, engineers.outsider.id]);
      expect(ranked[1]).toMatchObject({ isInTeam: true, projectsInFlight: 1, openEffortDays: 2 });
      expect(ranked[2]?.isInTeam).toBe(false);
      const refused = await send('POST', `/api/projects/${projectId}/engineer`, { engineerId: engineers.outsider.id });
      expect(refused.statusCode).toBe(400);
      expect(refused.json().message).toContain('competence teams');
    });

    it('lets only the assigned engineer send the contact email, with one working link per questionnaire, and completes E3', async () => {
      const { id: projectId, reference } = await presentationSent();
      const noEngineer = await send('POST', `/api/projects/${projectId}/contact-email/draft`, {
        contactIds: [contacts.reference.id],
      });
      expect(noEngineer.statusCode).toBe(409);
      const assigned = await send('POST', `/api/projects/${projectId}/engineer`, { engineerId: engineers.free.id });
      expect(assigned.json<ProjectDetailLike>().currentStep?.key).toBe('engineer-contact');

      expect(
        (
          await send(
            'POST',
            `/api/projects/${projectId}/contact-email`,
            { contactIds: [contacts.reference.id] },
            engineers.busy.cookie,
          )
        ).statusCode,
      ).toBe(403);
      const draft = (
        await send(
          'POST',
          `/api/projects/${projectId}/contact-email/draft`,
          { contactIds: [contacts.reference.id] },
          engineers.free.cookie,
        )
      ).json();
      const text = draft.items[0].text as string;
      // A draft creates no link: it shows the contact's own link redacted, as the Mail tab will show it once sent.
      expect(text).toContain(
        'http://localhost:3000/portal/link/[personal link, sent to the recipient only: call-recording]?to=questionnaires/call-recording',
      );
      expect(text).toContain('+39 02 1234 5678');

      const sent = await send(
        'POST',
        `/api/projects/${projectId}/contact-email`,
        { contactIds: [contacts.reference.id] },
        engineers.free.cookie,
      );
      expect(sent.statusCode).toBe(200);
      expect(
        await eventually(
          async () =>
            (await send('GET', `/api/projects/${projectId}`)).json<ProjectDetailLike>().currentStep?.key ===
            'design-questionnaire',
          10_000,
        ),
      ).toBe(true);
      const mail = smtp.received.find(
        (item) =>
          item.envelopeTo.includes('giulia.rossi@bancalombarda.example') &&
          item.parsed.subject?.startsWith(reference) === true &&
          item.parsed.subject.includes('questionari di progettazione'),
      );
      // Mustache writes / and = as character references inside the HTML part; a mail client reads them back.
      const html = String(mail?.parsed.html).replace(/&#x([0-9a-f]+);/gi, (_match, code: string) =>
        String.fromCharCode(Number.parseInt(code, 16)),
      );
      const link =
        /href="(http:\/\/localhost:3000\/portal\/link\/[A-Za-z0-9_-]{43}\?to=questionnaires\/call-recording)"/.exec(
          html,
        )?.[1];
      expect(link).toBeDefined();
      expect(String(mail?.parsed.text)).toContain(link);
      // The personal link opens the contact's questionnaire in the portal, in their language.
      const page = await engage.request({
        method: 'GET',
        url: new URL(String(link)).pathname + new URL(String(link)).search,
      });
      expect(page.statusCode).toBe(200);
      expect(page.body).toContain('Continua');
      const spent = await engage.request({
        method: 'POST',
        url: new URL(String(link)).pathname + new URL(String(link)).search,
      });
      expect(spent.statusCode).toBe(303);
      expect(spent.headers.location).toBe(`/portal/projects/${projectId}/questionnaires/call-recording`);
    });

    it('gives each questionnaire link of the contact email its own token, so each works on its own device', async () => {
      const twoApplications = await approvedProject(organisations.partner.id, organisations.customer.id, [
        'call-recording',
        'call-analytics',
      ]);
      expect(
        (await send('POST', `/api/projects/${twoApplications}/engineer`, { engineerId: engineers.free.id })).statusCode,
      ).toBe(200);
      const reference = (await send('GET', `/api/projects/${twoApplications}`)).json<{ reference: string }>().reference;
      expect(
        (
          await send(
            'POST',
            `/api/projects/${twoApplications}/contact-email`,
            { contactIds: [contacts.partnerContact.id] },
            engineers.free.cookie,
          )
        ).statusCode,
      ).toBe(200);
      const received = () =>
        smtp.received.find(
          (item) =>
            item.envelopeTo.includes('peter.brown@reseller.example') &&
            item.parsed.subject?.startsWith(`${reference} — design questionnaires`),
        );
      expect(await eventually(async () => received() !== undefined, 10_000)).toBe(true);
      const links = [
        ...String(received()?.parsed.text).matchAll(
          /http:\/\/localhost:3000(\/portal\/link\/([A-Za-z0-9_-]{43})\?to=questionnaires\/([a-z-]+))/g,
        ),
      ].map((match) => ({
        path: match[1] ?? '',
        token: match[2],
        questionnaire: match[3],
      }));
      // The project questionnaire first, asked once for the whole project, then each application's.
      expect(links[0]?.questionnaire).toBe('project');
      expect(
        links
          .slice(1)
          .map((link) => link.questionnaire)
          .sort(),
      ).toEqual(['call-analytics', 'call-recording']);
      expect(String(received()?.parsed.text)).toMatch(
        /== The whole project ==[\s\S]*Project design questionnaire: http/,
      );
      expect(new Set(links.map((link) => link.token)).size).toBe(3);
      const linkTo = (questionnaire: string) =>
        links.find((link) => link.questionnaire === questionnaire) ?? { path: '' };
      const [first, second] = [linkTo('call-recording'), linkTo('call-analytics')];

      // The first opened on the laptop, the second on a phone (a browser without the laptop's cookie): both lead in.
      const onLaptop = await engage.request({ method: 'POST', url: first.path });
      expect(onLaptop.statusCode).toBe(303);
      expect(onLaptop.headers.location).toBe(`/portal/projects/${twoApplications}/questionnaires/call-recording`);
      const onPhone = await engage.request({ method: 'POST', url: second.path });
      expect(onPhone.statusCode).toBe(303);
      expect(onPhone.headers.location).toBe(`/portal/projects/${twoApplications}/questionnaires/call-analytics`);
      // Back on the laptop, the first link again from the email: spent, but its contact is signed in there.
      const again = await engage.request({
        method: 'GET',
        url: first.path,
        headers: { cookie: cookieFrom(onLaptop, 'engage_portal') },
      });
      expect(again.statusCode).toBe(303);
      expect(again.headers.location).toBe(`/portal/projects/${twoApplications}/questionnaires/call-recording`);

      // Each link was issued for its own questionnaire, and audited so.
      const issued = (await send('GET', `/api/projects/${twoApplications}/audit`)).json().items as {
        action: string;
        after: { target?: string } | null;
      }[];
      expect(
        issued
          .filter((event) => event.action === 'portal.link-issued')
          .map((event) => event.after?.target)
          .sort(),
      ).toEqual(['questionnaires/call-analytics', 'questionnaires/call-recording', 'questionnaires/project']);
    });

    it('refuses a presentation before the purchase order is approved, and contacts of another organisation', async () => {
      const customer = await fixtures.customer();
      const atE1 = await fixtures.project({ customerId: customer.id });
      const stranger = await fixtures.post<{ id: string }>(`/api/organisations/${customer.id}/contacts`, {
        name: 'Someone Else',
        email: 'someone@else.example',
        language: 'en',
        role: 'approver',
      });
      expect(
        (await send('POST', `/api/projects/${atE1.id}/presentation/draft`, { contactIds: [stranger.id] })).statusCode,
      ).toBe(409);
      const wrong = await send('POST', `/api/projects/${projectId}/presentation/draft`, { contactIds: [stranger.id] });
      expect(wrong.statusCode).toBe(400);
      expect(wrong.json().details[0].path).toBe('body.contactIds.0');
    });
  },
);
