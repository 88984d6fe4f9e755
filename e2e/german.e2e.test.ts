import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Questionnaire } from '../src/domain/content';
import germanDocuments from '../src/domain/text/locales/de/documents.json';
import germanPlainWords from '../src/domain/text/locales/de/plain-words.json';
import { runPdftotext, shouldSkipPdfToolTests } from '../src/server/pdf/pdf-tools';
import { startTestSmtpServer, type ReceivedMail, type TestSmtpServer } from '../src/server/test/smtp';
import {
  callApi,
  expectVisible,
  isBrowserAvailable,
  logIn,
  startJourney,
  type BrowserWindow,
  type Journey,
} from './browser';
import { personalLinksIn, waitForMail } from './mailbox';
import { fillIn } from './questionnaire-answers';

const admin = { email: 'admin@example.com', password: 'correct horse battery staple' };
const engineer = { name: 'Giulia Bianchi', email: 'giulia@vendor.example', password: 'engineer password 1234' };
const reference = { name: 'Jana Becker', email: 'jana.becker@klinikum.example' };
const projectName = 'Gesprächsaufzeichnung für das Kontaktcenter';
const mailTimeout = 40_000;
const today = () => new Date().toISOString().slice(0, 10);

const germanMonth = '(?:Januar|Februar|März|April|Mai|Juni|Juli|August|September|Oktober|November|Dezember)';
/** "21. Dezember 2026": a date as de-DE writes it, the month in words. */
const germanDate = new RegExp(`\\d{1,2}\\. ${germanMonth} \\d{4}`);
const germanWeekday = '(?:Montag|Dienstag|Mittwoch|Donnerstag|Freitag|Samstag|Sonntag)';
/** "Montag, 21. Dezember 2026": with the weekday. */
const germanDayAndDate = new RegExp(`${germanWeekday}, \\d{1,2}\\. ${germanMonth} \\d{4}`);
/** The greetings of the English and Italian templates: never in a German contact's email. */
const otherGreetings = /^(?:Dear|Gentile|Hello|Buongiorno) /m;
const steps = germanPlainWords.steps;

const skipPdfTools = shouldSkipPdfToolTests({
  required: process.env.ENGAGE_PDF_TOOLS === '1' || process.env.CI === 'true',
  suite: 'the pdftotext checks of the signed German documents in e2e/german.e2e.test.ts',
});

/** An email to the German contact: the German template's subject, greeting and closing, and none of the others'. */
function expectGermanMail(mail: ReceivedMail, subject: RegExp, phrases: readonly string[]): string {
  expect(mail.parsed.subject).toMatch(subject);
  const text = mail.parsed.text ?? '';
  expect(text).toContain(`Guten Tag ${reference.name},`);
  expect(text).toContain('Mit freundlichen Grüßen');
  expect(text).not.toMatch(otherGreetings);
  for (const phrase of phrases) expect(text).toContain(phrase);
  expect(String(mail.parsed.html)).toContain(`Guten Tag ${reference.name},`);
  return text;
}

/** Chooses an option of a segmented control the way a person does: by its visible label (the radio itself is hidden). */
async function choose(page: Page, radio: ReturnType<Page['getByRole']>): Promise<void> {
  const id = await radio.getAttribute('id');
  await page.locator(`label[for="${id}"]`).click();
  await expect.poll(() => radio.isChecked()).toBe(true);
}

// A customer whose technical reference speaks German, from the purchase order to the hand-over (E1–P8) against the
// server users run, with a real SMTP server. Staff steps go through the API (the other journeys walk their screens); the
// contact acts in their own Chromium, only from the links of the emails: every email, the link page, the portal's
// interface and step titles, the questionnaires, the requirements, the session dates, the consent text and the signed
// PDFs must be German, not English or Italian.
describe.skipIf(!isBrowserAvailable)('journey: a German customer from the purchase order to the hand-over', () => {
  let journey: Journey;
  let smtp: TestSmtpServer;
  beforeAll(async () => {
    smtp = await startTestSmtpServer();
    journey = await startJourney(admin, {
      SMTP_URL: smtp.url,
      MAIL_FROM: 'Engage <engage@vendor.example>',
      SUPPORT_MAILBOX: 'Support <support@vendor.example>',
    });
  });
  afterAll(async () => {
    await journey?.close();
    await smtp?.close();
  });

  it('emails, portal, questionnaires, requirements, session dates, signatures and signed PDFs are German', async () => {
    const { page, baseUrl } = journey;
    const seen = new Set<ReceivedMail>();
    const nextMail = (subject: RegExp) =>
      waitForMail(smtp, reference.email, (mail) => subject.test(mail.parsed.subject ?? ''), {
        seen,
        timeoutMs: mailTimeout,
      });
    const stepOf = async (projectId: string) =>
      (await callApi(page, 'GET', `/api/projects/${projectId}`, undefined, 200)) as {
        currentStep: { code: string } | null;
        state: string;
      };
    const reaches = async (projectId: string, code: string) =>
      expect
        .poll(async () => (await stepOf(projectId)).currentStep?.code ?? 'done', { timeout: mailTimeout })
        .toBe(code);

    let customer: BrowserWindow | undefined;
    /** The contact opens the (first or given) personal link of an email: the German link page, then "Weiter". */
    async function followLink(mail: ReceivedMail, expectedPath: string, to?: string): Promise<Page> {
      const links = personalLinksIn(mail);
      const link =
        to === undefined ? links[0] : links.find((candidate) => new URL(candidate).searchParams.get('to') === to);
      expect(link, mail.parsed.text ?? 'no text').toBeDefined();
      customer ??= await journey.openSeparateBrowser();
      const portal = customer.page;
      const url = new URL(link ?? '');
      await portal.goto(`${baseUrl}${url.pathname}${url.search}`);
      await expectVisible(portal.getByRole('heading', { name: 'Öffnen Sie Ihr Projektportal' }));
      await expectVisible(portal.getByText(`Guten Tag ${reference.name},`));
      expect(await portal.getByRole('button', { name: 'Continue' }).count()).toBe(0);
      await portal.getByRole('button', { name: 'Weiter', exact: true }).click();
      await portal.waitForURL(`${baseUrl}${expectedPath}`);
      return portal;
    }

    // Setup through the API: an engineer of the right team, the customer and its German technical reference.
    await logIn(page, baseUrl, admin);
    const engineerId = String(
      (await callApi(page, 'POST', '/api/users', { ...engineer, role: 'engineer', language: 'en' }, 201)).id,
    );
    await callApi(page, 'PATCH', `/api/users/${engineerId}`, { teams: ['recording-analytics'] }, 200);
    const customerId = String(
      (await callApi(page, 'POST', '/api/organisations', { kind: 'customer', name: 'Klinikum Nord' }, 201)).id,
    );
    const contactId = String(
      (
        await callApi(
          page,
          'POST',
          `/api/organisations/${customerId}/contacts`,
          { ...reference, language: 'de', role: 'technical-reference' },
          201,
        )
      ).id,
    );

    // E1: the purchase order, recorded and approved (no training bought: P6 is not needed).
    const order = await callApi(
      page,
      'POST',
      '/api/purchase-orders',
      {
        number: 'PO-DE-2026-0001',
        projectName,
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
    const approved = (await callApi(page, 'POST', `/api/purchase-orders/${String(order.id)}/approve`, {}, 200)) as {
      project: { id: string };
    };
    const projectId = approved.project.id;
    await reaches(projectId, 'E2');

    // E2: the presentation is the German template, with the German workflow overview and terms attached.
    await callApi(page, 'POST', `/api/projects/${projectId}/presentation`, { contactIds: [contactId] }, 200);
    const presentation = await nextMail(/^Professional Services von .+ für Klinikum Nord — /);
    expectGermanMail(presentation, /^Professional Services von .+ für Klinikum Nord — /, [
      'Vielen Dank, dass Sie sich für die Professional Services von',
      'Die nächsten Schritte',
    ]);
    expect(presentation.parsed.attachments.map((attachment) => attachment.filename).sort()).toEqual([
      'Professional Services — Allgemeine Geschäftsbedingungen.pdf',
      'So läuft Ihr Projekt ab.pdf',
    ]);
    if (!skipPdfTools) {
      const texts = await Promise.all(presentation.parsed.attachments.map((file) => runPdftotext(file.content)));
      expect(texts.join('\n')).toContain('Geltungsbereich');
      expect(texts.join('\n')).toContain('Überblick');
    }
    await reaches(projectId, 'E3');

    // E3: the engineer's contact email is the German template, with a German due date and the questionnaire links.
    await callApi(page, 'POST', `/api/projects/${projectId}/engineer`, { engineerId }, 200);
    await callApi(page, 'POST', `/api/projects/${projectId}/contact-email`, { contactIds: [contactId] }, 200);
    const contactEmail = await nextMail(/ — Design-Fragebögen für Klinikum Nord$/);
    const contactText = expectGermanMail(contactEmail, / — Design-Fragebögen für Klinikum Nord$/, [
      `Mein Name ist ${engineer.name}.`,
      '== Das gesamte Projekt ==',
      'Design-Fragebogen für das Projekt: ',
      'Design-Fragebogen Call Recording: ',
      'Im Leistungsumfang enthalten:',
    ]);
    expect(/Bitte füllen Sie jeden Fragebogen bis zum (.+) aus\./.exec(contactText)?.[1]).toMatch(germanDate);
    await reaches(projectId, 'E4');

    // E4: the contact opens the project questionnaire's link: the German link page, then the form in German.
    const portal = await followLink(
      contactEmail,
      `/portal/projects/${projectId}/questionnaires/project`,
      'questionnaires/project',
    );
    await expectVisible(portal.getByRole('heading', { name: 'Design-Fragebogen für das Projekt', level: 1 }));
    const whereToRun = portal.getByRole('radiogroup', { name: 'Wo sollen die Anwendungen betrieben werden?' });
    await expectVisible(
      whereToRun.getByRole('radio', { name: 'Die virtuelle Appliance des Herstellers auf Ihrem Hypervisor' }),
    );
    expect(await portal.getByText('Where will the applications run?').count()).toBe(0);
    await customer?.screenshot('german-01-project-questionnaire');
    const base = `/api/portal/projects/${projectId}/questionnaires`;
    /** Saves the answers through the portal's API (other journeys type them), then submits with the form's button. */
    const answerAndSubmit = async (key: string, given: Record<string, unknown>) => {
      const form = (await callApi(portal, 'GET', `${base}/${key}`, undefined, 200)) as {
        questionnaire: Questionnaire;
        projectAnswers: Record<string, unknown>;
      };
      await callApi(
        portal,
        'PATCH',
        `${base}/${key}/answers`,
        {
          answers: fillIn(form.questionnaire, form.projectAnswers, given, {
            answerTo: 'Antwort auf',
            firstRow: 'Zeile 1',
          }),
        },
        200,
      );
      await portal.reload();
      await portal.getByRole('button', { name: 'Fragebogen einreichen' }).click();
      await expectVisible(portal.getByText('Eingereicht', { exact: true }).first());
    };
    await answerAndSubmit('project', { 'calling-platform': ['cucm'], deployment: 'virtual-appliance' });
    // The submitted answers read back in German too.
    await expectVisible(portal.getByText('Die virtuelle Appliance des Herstellers auf Ihrem Hypervisor').first());

    // The project page: the German interface and the plain-words step titles, the questionnaire step current.
    await portal.goto(`${baseUrl}/portal/projects/${projectId}`);
    await expectVisible(portal.getByRole('heading', { name: projectName, level: 1 }));
    await expectVisible(portal.getByRole('heading', { name: 'Wo wir stehen' }));
    await expectVisible(portal.getByRole('heading', { name: 'Ihr Techniker' }));
    await expectVisible(portal.locator('[aria-current="step"]').getByText(steps['design-questionnaire'].title));
    for (const key of ['po-confirmation', 'service-presentation', 'engineer-contact'] as const)
      await expectVisible(portal.getByRole('listitem').filter({ hasText: steps[key].title }).first());
    expect(await portal.getByText('Design questionnaires', { exact: true }).count()).toBe(0);
    await customer?.screenshot('german-02-project-page');

    // The application's questionnaire, from its German link on the project page, in German.
    await portal.getByRole('link', { name: 'Füllen Sie den Fragebogen aus: Design-Fragebogen Call Recording' }).click();
    await expectVisible(portal.getByRole('heading', { name: 'Design-Fragebogen Call Recording', level: 1 }));
    await expectVisible(portal.getByRole('radiogroup', { name: 'Aufzeichnungsmethode', exact: true }));
    await expectVisible(
      portal.getByRole('textbox', { name: 'Wie lange müssen Aufzeichnungen aufbewahrt werden?', exact: true }),
    );
    await customer?.screenshot('german-03-call-recording-questionnaire');
    await answerAndSubmit('call-recording', { 'recording-method': 'built-in-bridge' });
    await reaches(projectId, 'E5');

    // E5: the engineer's review (the admin acts for them) confirms the list raised from the answers.
    await callApi(page, 'POST', `/api/projects/${projectId}/design-review`, undefined, 204);
    await callApi(
      page,
      'POST',
      `/api/projects/${projectId}/design-notes`,
      { kind: 'constraint', text: 'Der Recorder steht im DMZ-VLAN 40.', notedOn: today() },
      201,
    );
    await callApi(page, 'POST', `/api/projects/${projectId}/requirements/confirm`, {}, 204);
    await reaches(projectId, 'E6');

    // E6: the requirements list shows each requirement's German title; the contact marks one done in the page.
    const { requirements } = (await callApi(
      portal,
      'GET',
      `/api/portal/projects/${projectId}/requirements`,
      undefined,
      200,
    )) as { requirements: { id: string; owner: string; title: { en: string; it: string; de?: string } }[] };
    expect(requirements.length).toBeGreaterThan(3);
    await portal.goto(`${baseUrl}/portal/projects/${projectId}/requirements`);
    await expectVisible(portal.getByRole('heading', { name: 'Voraussetzungen', level: 1 }));
    await expectVisible(portal.getByRole('button', { name: 'Als erledigt markieren' }).first());
    const regionsNamed = (name: string) => portal.getByRole('region', { name, exact: true }).count();
    expect(await regionsNamed('Hypervisor-Host für die virtuelle Appliance bereit')).toBe(1);
    expect(await regionsNamed('Hypervisor host ready for the virtual appliance')).toBe(0);
    for (const requirement of requirements) {
      expect(requirement.title.de, requirement.title.en).toBeDefined();
      expect(requirement.title.de).not.toBe(requirement.title.en);
      expect(await regionsNamed(requirement.title.de ?? requirement.title.en), requirement.title.en).toBe(1);
    }
    await customer?.screenshot('german-04-requirements');
    const [first, ...others] = requirements.filter((requirement) => requirement.owner !== 'vendor');
    const firstCard = portal.getByRole('region', { name: first?.title.de ?? first?.title.en, exact: true });
    await firstCard.getByRole('textbox', { name: 'Notiz für Ihren Techniker' }).fill('Erledigt und geprüft.');
    await firstCard.getByRole('button', { name: 'Als erledigt markieren' }).click();
    await expectVisible(firstCard.getByText('Wartet auf Prüfung', { exact: true }));
    for (const requirement of others)
      await callApi(
        portal,
        'POST',
        `/api/portal/projects/${projectId}/requirements/${requirement.id}/fulfil`,
        { note: 'Erledigt.' },
        200,
      );
    for (const requirement of requirements)
      await callApi(page, 'POST', `/api/projects/${projectId}/requirements/${requirement.id}/verify`, undefined, 204);
    await reaches(projectId, 'E7');

    // E7: the dates proposed; the German proposal email; the contact accepts one in the German portal.
    const suggestions = (await callApi(
      page,
      'GET',
      `/api/projects/${projectId}/slot-suggestions?durationMinutes=120&count=3`,
      undefined,
      200,
    )) as { engineer: { slots: { start: string }[] } };
    await callApi(
      page,
      'POST',
      `/api/projects/${projectId}/proposals`,
      {
        stepKey: 'activity-schedule',
        title: 'Installationsauftakt',
        durationMinutes: 120,
        mode: 'remote',
        location: 'https://meet.example.com/j/8841',
        attendeeContactIds: [contactId],
        slots: suggestions.engineer.slots,
      },
      200,
    );
    const proposalEmail = await nextMail(/ — bitte wählen Sie ein Datum für Installationsauftakt$/);
    const proposalText = expectGermanMail(proposalEmail, / — bitte wählen Sie ein Datum für Installationsauftakt$/, [
      'Installationsauftakt: 2 Stunden, per Fernzugriff',
      'Folgende Termine kann ich Ihnen anbieten:',
    ]);
    expect(proposalText).toMatch(new RegExp(`^- ${germanDayAndDate.source}, \\d{2}:\\d{2}–\\d{2}:\\d{2} \\(`, 'm'));
    await followLink(proposalEmail, `/portal/projects/${projectId}/sessions`);
    await expectVisible(portal.getByRole('heading', { name: 'Wählen Sie einen Termin für Ihre erste Sitzung' }));
    const accept = portal.getByRole('button', { name: / annehmen$/ }).first();
    await expectVisible(accept);
    // The date in German words (a German weekday and month), not English or Italian ones.
    expect(await accept.getAttribute('aria-label')).toMatch(
      new RegExp(`^${germanWeekday} \\S+ ${germanMonth} \\d{4}|^${germanDayAndDate.source}`),
    );
    await customer?.screenshot('german-05-dates');
    await accept.click();
    const confirm = portal.getByRole('dialog', { name: 'Diesen Termin bestätigen?' });
    await confirm.getByRole('button', { name: 'Termin bestätigen' }).click();
    await expectVisible(
      portal.getByRole('alert').filter({ hasText: 'Bestätigt: Sie erhalten eine Kalendereinladung per E-Mail' }),
    );

    // The invitation is German, its date written the German way in the customer's time zone.
    const booked = (await callApi(page, 'GET', `/api/projects/${projectId}/sessions`, undefined, 200)) as {
      customerTimeZone: string;
      sessions: { start: string }[];
    };
    const sessionStart = new Date(booked.sessions[0]?.start ?? '');
    const sessionDay = new Intl.DateTimeFormat('de-DE', {
      weekday: 'long',
      day: 'numeric',
      month: 'long',
      year: 'numeric',
      timeZone: booked.customerTimeZone,
    }).format(sessionStart);
    expect(sessionDay).toMatch(germanDayAndDate);
    const invitation = await nextMail(/ — Einladung: Installationsauftakt, /);
    expect(invitation.parsed.subject).toContain(`Einladung: Installationsauftakt, ${sessionDay}`);
    expectGermanMail(invitation, / — Einladung: Installationsauftakt, /, [
      'ist bestätigt:',
      `Wann: ${sessionDay}, `,
      'Dauer: 2 Stunden',
      'Durchführung: per Fernzugriff',
      `Techniker: ${engineer.name}`,
    ]);
    expect(invitation.parsed.attachments.some((file) => file.contentType.startsWith('text/calendar'))).toBe(true);
    await reaches(projectId, 'E8');

    // E8: the kick-off held by phone, recorded after the fact; P1–P4 waived (the delivery journey walks them).
    await callApi(
      page,
      'POST',
      `/api/projects/${projectId}/past-sessions`,
      {
        stepKey: 'activity-start',
        title: 'Auftaktgespräch',
        start: new Date(Date.now() - 2 * 3600_000).toISOString(),
        durationMinutes: 60,
        mode: 'remote',
        location: 'Telefon',
        attendeeContactIds: [contactId],
        note: 'Installationsplan telefonisch abgestimmt.',
      },
      200,
    );
    await reaches(projectId, 'P1');
    for (const stepKey of ['environment', 'installation', 'pbx-configuration', 'application-configuration'])
      await callApi(
        page,
        'POST',
        `/api/projects/${projectId}/actions`,
        { type: 'waive', stepKey, reason: 'Covered by the delivery journey.' },
        200,
      );
    await reaches(projectId, 'P5');

    /**
     * The engineer puts a document up for signature; the German request arrives; the contact signs it in the German
     * portal after reading the German consent; the German signed-copy email brings the sealed PDF, returned as text.
     */
    const signInThePortal = async (kind: 'uat' | 'activity-report', signatureKind: 'typed' | 'drawn') => {
      const title = germanDocuments.titles[kind];
      await callApi(
        page,
        'POST',
        `/api/projects/${projectId}/delivery/documents`,
        { kind, signerContactIds: [contactId] },
        200,
      );
      const request = await nextMail(new RegExp(` — bitte prüfen und unterschreiben: ${title}$`));
      const requestText = expectGermanMail(request, new RegExp(` — bitte prüfen und unterschreiben: ${title}$`), [
        `das Dokument „${title}“ (Version 1) zur Prüfung und Unterschrift für Sie bereit`,
      ]);
      expect(/Der Link läuft am (.+) ab\./.exec(requestText)?.[1]).toMatch(germanDate);
      await followLink(request, `/portal/projects/${projectId}/delivery`);
      const form = portal.getByRole('form', { name: `Dokument unterschreiben: ${title}` });
      await expectVisible(form);
      await expectVisible(form.getByText(germanDocuments.consent, { exact: true }));
      expect(await portal.getByText('I have reviewed this document', { exact: false }).count()).toBe(0);
      await form.getByRole('textbox', { name: 'Vollständiger Name' }).fill(reference.name);
      await form.getByRole('checkbox', { name: 'Ich habe den obigen Text gelesen und stimme ihm zu' }).check();
      if (signatureKind === 'typed') {
        await form.getByRole('textbox', { name: 'Unterschrift' }).fill('J. Becker');
      } else {
        await choose(portal, form.getByRole('radio', { name: 'Zeichnen' }));
        const pad = form.getByRole('img', { name: 'Unterschriftenfeld' });
        const box = await pad.boundingBox();
        if (box === null) throw new Error('the signature pad is not visible');
        await portal.mouse.move(box.x + 20, box.y + box.height / 2);
        await portal.mouse.down();
        for (let step = 1; step <= 10; step += 1)
          await portal.mouse.move(box.x + 20 + step * 15, box.y + box.height / 2 + (step % 2 === 0 ? -12 : 12));
        await portal.mouse.up();
      }
      await customer?.screenshot(`german-06-signing-${kind}`);
      await form.getByRole('button', { name: 'Dokument unterschreiben' }).click();
      await expectVisible(portal.getByText('Vielen Dank: Das Dokument ist unterschrieben'));
      const signed = await nextMail(new RegExp(` — Ihre unterschriebene Kopie: ${title}$`));
      expectGermanMail(signed, new RegExp(` — Ihre unterschriebene Kopie: ${title}$`), [
        `das Dokument „${title}“ (Version 1) unterschrieben haben`,
        `Unterschrieben von: ${reference.name}`,
        'SHA-256-Hashwert des versiegelten PDF:',
      ]);
      const pdf = signed.parsed.attachments.find((file) => file.contentType === 'application/pdf');
      expect(pdf).toBeDefined();
      return skipPdfTools ? null : runPdftotext(pdf?.content ?? Buffer.alloc(0));
    };
    /** Words a sealed PDF's text holds, whatever line breaks pdftotext puts in. */
    const flat = (text: string) => text.replace(/\s+/g, ' ');
    const consentStart = germanDocuments.consent.slice(0, 60);

    // P5: every UAT item passes; the contact draws their signature under the German UAT document.
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
    const uatText = await signInThePortal('uat', 'drawn');
    if (uatText !== null) {
      for (const label of [
        'Abnahmetests',
        'Zusammenfassung',
        'Erwartetes Ergebnis',
        'Bestanden',
        'Text der Einwilligung',
        consentStart,
      ])
        expect(flat(uatText)).toContain(label);
      expect(uatText).not.toMatch(/User acceptance tests|Test di accettazione/);
    }
    // No training was bought: P6 is not needed, and the activity report (P7) is next.
    await reaches(projectId, 'P7');

    // P7: the contact types their signature under the German activity report.
    await callApi(
      page,
      'PUT',
      `/api/projects/${projectId}/delivery/notes`,
      { reportNotes: 'Wie geplant installiert und konfiguriert.', maintenanceNotes: 'Purge job at 02:00.' },
      200,
    );
    const reportText = await signInThePortal('activity-report', 'typed');
    if (reportText !== null) {
      for (const label of [
        'Tätigkeitsbericht',
        'Tätigkeiten',
        'Ausgeführte Arbeiten',
        'Aufwand je Bestellposition',
        'Text der Einwilligung',
        consentStart,
      ])
        expect(flat(reportText)).toContain(label);
      // The work log's step is named in German too (the kick-off logged at E8).
      expect(reportText).not.toMatch(
        /Activity report|Rapporto delle attività|Start of activities|Avvio delle attività/,
      );
    }
    await reaches(projectId, 'P8');

    // P8: the hand-over; the project completes, and the portal says so in German.
    await callApi(page, 'POST', `/api/projects/${projectId}/delivery/handover`, undefined, 200);
    await expect.poll(async () => (await stepOf(projectId)).state, { timeout: mailTimeout }).toBe('complete');
    await portal.goto(`${baseUrl}/portal/projects/${projectId}`);
    await expectVisible(portal.getByText('Das Projekt ist abgeschlossen. Vielen Dank!'));
    await expectVisible(portal.getByRole('listitem').filter({ hasText: steps.handover.title }).first());
    await customer?.screenshot('german-07-complete');

    // Every email the contact received was German.
    const toContact = smtp.received.filter((mail) => mail.envelopeTo.includes(reference.email));
    expect(toContact.length).toBeGreaterThanOrEqual(8);
    for (const mail of toContact) expect(mail.parsed.text ?? '').toContain(`Guten Tag ${reference.name},`);
  });
});
