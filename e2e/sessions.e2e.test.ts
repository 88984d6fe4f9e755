import ICAL from 'ical.js';
import { DateTime } from 'luxon';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestSmtpServer, type ReceivedMail, type TestSmtpServer } from '../src/server/test/smtp';
import {
  callApi,
  expectVisible,
  isBrowserAvailable,
  logIn,
  logOut,
  startJourney,
  type BrowserWindow,
  type Journey,
} from './browser';

const admin = { email: 'admin@example.com', password: 'correct horse battery staple' };
const manager = { name: 'Marta Manager', email: 'marta@vendor.example', password: 'manager password 1234' };
const engineer = { name: 'Giulia Bianchi', email: 'giulia@vendor.example', password: 'engineer password 1234' };
const reference = { name: 'Sara Conti', email: 'sara.conti@hospital.example' };
const projectName = 'Call recording for the contact centre';
const sessionTitle = 'Design walkthrough and installation kick-off';
const meetingLink = 'https://meet.vendor.example/engage-call-recording';
/** The zone both browsers run in (e2e/browser.ts), the engineer's and the customer's by default. */
const zone = 'Europe/Rome';
const mailTimeout = 40_000;

interface ApiSession {
  id: string;
  state: string;
  start: string;
  end: string;
  title: string;
  sequence: number;
}
interface ApiSessions {
  customerTimeZone: string;
  proposals: { id: string; state: string; slots: ApiSession[] }[];
  sessions: ApiSession[];
}

/** The invitation a message carries (its invite.ics), parsed by ical.js. */
function invitationOf(mail: ReceivedMail): { method: string; events: ICAL.Component[] } {
  const part = mail.parsed.attachments.find((attachment) => attachment.filename === 'invite.ics');
  if (part === undefined) throw new Error(`no invite.ics in "${mail.parsed.subject ?? ''}"`);
  const calendar = new ICAL.Component(ICAL.parse(part.content.toString('utf8')) as unknown[]);
  return { method: String(calendar.getFirstPropertyValue('method')), events: calendar.getAllSubcomponents('vevent') };
}

/** The one VEVENT of an invitation: its UID, SEQUENCE and DTSTART (as an ISO instant). */
function eventOf(mail: ReceivedMail): { method: string; uid: string; sequence: number; start: string } {
  const { method, events } = invitationOf(mail);
  expect(events).toHaveLength(1);
  const event = events[0] as ICAL.Component;
  return {
    method,
    uid: String(event.getFirstPropertyValue('uid')),
    sequence: Number(event.getFirstPropertyValue('sequence')),
    start: (event.getFirstPropertyValue('dtstart') as ICAL.Time).toJSDate().toISOString(),
  };
}

/** A slot's time as the staff pages label it ("Wed, 2 Dec 2026, 09:00–11:00 (Europe/Rome)"), written by the page's own Intl. */
function staffLabel(page: Page, slot: { start: string; end: string }): Promise<string> {
  return page.evaluate(({ start, end }) => {
    const common = { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' } as const;
    const day = new Intl.DateTimeFormat('en-GB', {
      weekday: 'short',
      day: 'numeric',
      month: 'short',
      year: 'numeric',
      ...common,
    }).format(new Date(start));
    const time = new Intl.DateTimeFormat('en-GB', common).format(new Date(end));
    return `${day}–${time} (${Intl.DateTimeFormat().resolvedOptions().timeZone})`;
  }, slot);
}

/** A session's time as the portal names it ("Wednesday 2 December 2026, 09:00–11:00") in the customer's zone. */
function portalWhen(page: Page, slot: { start: string; end: string }, timeZone: string): Promise<string> {
  return page.evaluate(
    ({ start, end, timeZone }) => {
      const parts = new Intl.DateTimeFormat('en-GB', {
        weekday: 'long',
        day: 'numeric',
        month: 'long',
        year: 'numeric',
        timeZone,
      }).formatToParts(new Date(start));
      const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((entry) => entry.type === type)?.value ?? '';
      const time = new Intl.DateTimeFormat('en-GB', { hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZone });
      return `${part('weekday')} ${part('day')} ${part('month')} ${part('year')}, ${time.format(new Date(start))}–${time.format(new Date(end))}`;
    },
    { ...slot, timeZone },
  );
}

// E7 and E8 (issue: the engineer proposes three slots, the customer accepts one, both receive invitations; the engineer
// reschedules and the invitation updates). Real time: the dates are read from the pages and the API, never written here.
describe.skipIf(!isBrowserAvailable)(
  'journey: proposing dates, accepting one in the portal, invitations and a reschedule (E7 to E8)',
  () => {
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

    it('proposes three dates, the customer accepts one, both get the invitation, and a reschedule updates it', async () => {
      const { page, baseUrl } = journey;
      const mailTo = (email: string) => smtp.received.filter((message) => message.envelopeTo.includes(email));
      const invitationsTo = (email: string) =>
        mailTo(email).filter((message) =>
          message.parsed.attachments.some((attachment) => attachment.filename === 'invite.ics'),
        );

      // Setup through the API: an engineer of the recording team and a manager; the manager adds the customer with its
      // English technical reference and the project, assigns the engineer and waives E2 to E6, so that E7 is current.
      await logIn(page, baseUrl, admin);
      const engineerId = String(
        (await callApi(page, 'POST', '/api/users', { ...engineer, role: 'engineer', language: 'en' }, 201)).id,
      );
      await callApi(page, 'PATCH', `/api/users/${engineerId}`, { teams: ['recording-analytics'] }, 200);
      await callApi(page, 'POST', '/api/users', { ...manager, role: 'manager', language: 'en' }, 201);
      await logOut(page);

      await logIn(page, baseUrl, manager);
      const customerId = String(
        (await callApi(page, 'POST', '/api/organisations', { kind: 'customer', name: 'Ospedale Maggiore' }, 201)).id,
      );
      await callApi(
        page,
        'POST',
        `/api/organisations/${customerId}/contacts`,
        { ...reference, language: 'en', role: 'technical-reference' },
        201,
      );
      const project = {
        name: projectName,
        customerId,
        applications: ['call-recording'],
        deployment: 'windows-vms',
        purchasedEffortDays: 3,
      };
      const projectId = String((await callApi(page, 'POST', '/api/projects', project, 201)).id);
      await callApi(page, 'POST', `/api/projects/${projectId}/purchase-order`, { number: 'PO-2026-0412' }, 200);
      await callApi(
        page,
        'POST',
        `/api/projects/${projectId}/actions`,
        { type: 'waive', stepKey: 'service-presentation', reason: 'Presented in person at the kick-off meeting.' },
        200,
      );
      await callApi(page, 'POST', `/api/projects/${projectId}/engineer`, { engineerId }, 200);
      for (const stepKey of [
        'engineer-contact',
        'design-questionnaire',
        'requirements-refining',
        'requirements-fulfilment',
      ]) {
        await callApi(
          page,
          'POST',
          `/api/projects/${projectId}/actions`,
          { type: 'waive', stepKey, reason: 'Agreed on paper at the kick-off meeting.' },
          200,
        );
      }
      const atE7 = await callApi(page, 'GET', `/api/projects/${projectId}`, undefined, 200);
      expect(atE7.currentStep).toMatchObject({ code: 'E7', key: 'activity-schedule' });
      await logOut(page);

      // 1. The engineer finds the earliest free dates and ticks the first three of their own.
      await logIn(page, baseUrl, engineer);
      await page.goto(`${baseUrl}/projects/${projectId}?tab=sessions`);
      const sessionLength = page.getByRole('combobox', { name: 'Session length' });
      await expectVisible(sessionLength);
      expect(await sessionLength.inputValue()).toBe('2 hours');
      await page.getByRole('button', { name: 'Find dates' }).click();
      const ownDates = page.getByRole('group', { name: `${engineer.name} (the project's engineer)` });
      const dateBoxes = ownDates.getByRole('checkbox');
      await expectVisible(dateBoxes.nth(2));
      const tickedLabels: string[] = [];
      for (let index = 0; index < 3; index += 1) {
        const box = dateBoxes.nth(index);
        await box.check();
        tickedLabels.push(
          await box.evaluate((element) => (element as HTMLInputElement).labels?.[0]?.textContent ?? ''),
        );
      }
      for (const label of tickedLabels)
        expect(label).toMatch(/^\w{3}, \d{1,2} \w{3,4} \d{4}, \d{2}:\d{2}–\d{2}:\d{2} \(Europe\/Rome\)$/);
      await expectVisible(page.getByText('You can propose at most 3 dates.'));
      await journey.screenshot('sessions-01-dates-found');

      // 2. The proposal: remote by default, a meeting link, the technical reference as attendee, a title.
      await page.getByRole('button', { name: 'Propose these dates' }).click();
      const propose = page.getByRole('dialog', { name: 'Propose dates to the customer' });
      await expectVisible(propose);
      expect(await propose.getByRole('listitem').allInnerTexts()).toEqual(tickedLabels);
      expect(await propose.getByRole('combobox', { name: 'Step' }).inputValue()).toBe('E7 · Activity schedule');
      expect(await propose.getByRole('radio', { name: 'Remote' }).isChecked()).toBe(true);
      await propose.getByRole('textbox', { name: 'Title' }).fill(sessionTitle);
      await propose.getByRole('textbox', { name: 'Meeting link' }).fill(meetingLink);
      await propose.getByRole('combobox', { name: 'Attendees' }).click();
      await page.getByRole('option', { name: `${reference.name} <${reference.email}>` }).click();
      // A click on the dialog's title closes the list of contacts (Escape could close the dialog itself).
      await propose.getByRole('heading', { name: 'Propose dates to the customer' }).click();
      await page.getByRole('option', { name: `${reference.name} <${reference.email}>` }).waitFor({ state: 'hidden' });
      await expectVisible(propose.getByText(`${reference.name} <${reference.email}>`));
      await journey.screenshot('sessions-02-proposal-dialog');
      await propose.getByRole('button', { name: 'Send the proposal' }).click();
      await propose.waitFor({ state: 'hidden' });
      const proposalCard = page.getByRole('article', { name: `E7 · ${sessionTitle}` });
      await expectVisible(proposalCard.getByText('Waiting for the customer', { exact: true }));
      expect(await proposalCard.getByRole('listitem').allInnerTexts()).toEqual(tickedLabels);
      await journey.screenshot('sessions-03-proposal-sent');

      // What the server keeps: one open proposal of the three ticked dates.
      const proposed = (await callApi(
        page,
        'GET',
        `/api/projects/${projectId}/sessions`,
        undefined,
        200,
      )) as unknown as ApiSessions;
      expect(proposed.proposals).toHaveLength(1);
      const proposal = proposed.proposals[0];
      expect(proposal?.state).toBe('open');
      const offered = [...(proposal?.slots ?? [])].sort((a, b) => a.start.localeCompare(b.start));
      expect(offered).toHaveLength(3);
      for (const slot of offered)
        expect(new Date(slot.end).getTime() - new Date(slot.start).getTime()).toBe(2 * 60 * 60 * 1000);
      const offeredLabels: string[] = [];
      for (const slot of offered) offeredLabels.push(await staffLabel(page, slot));
      expect(offeredLabels).toEqual(tickedLabels);
      expect(proposed.sessions).toEqual([]);
      const firstOffered = offered[0] as ApiSession;

      // 3. The proposal email reaches the technical reference with a personal link to the sessions page.
      await expect.poll(() => mailTo(reference.email).length, { timeout: mailTimeout }).toBe(1);
      const proposalEmail = mailTo(reference.email)[0] as ReceivedMail;
      expect(proposalEmail.parsed.attachments.some((attachment) => attachment.filename === 'invite.ics')).toBe(false);
      const linkPath = /\/portal\/link\/[A-Za-z0-9_-]{43}/.exec(proposalEmail.parsed.text ?? '')?.[0];
      expect(linkPath).toBeDefined();

      const customerBrowser: BrowserWindow = await journey.openSeparateBrowser();
      const portal = customerBrowser.page;
      await portal.goto(`${baseUrl}${linkPath}`);
      await expectVisible(portal.getByText(`Hello ${reference.name},`));
      await customerBrowser.screenshot('sessions-04-link-page');
      await portal.getByRole('button', { name: 'Continue' }).click();
      await portal.waitForURL(`${baseUrl}/portal/projects/${projectId}/sessions`);
      await expectVisible(portal.getByRole('heading', { name: 'Choose a date for your first session' }));
      const expectedAccepts: string[] = [];
      for (const slot of offered)
        expectedAccepts.push(`Accept ${await portalWhen(portal, slot, proposed.customerTimeZone)}`);
      const acceptButtons = portal.getByRole('button', { name: /^Accept / });
      await expectVisible(acceptButtons.nth(2));
      expect(
        await acceptButtons.evaluateAll((buttons) => buttons.map((button) => button.getAttribute('aria-label'))),
      ).toEqual(expectedAccepts);
      await customerBrowser.screenshot('sessions-05-dates-to-choose');

      // The customer accepts the first date and confirms it.
      const acceptedWhen = await portalWhen(portal, firstOffered, proposed.customerTimeZone);
      await portal.getByRole('button', { name: `Accept ${acceptedWhen}`, exact: true }).click();
      const confirm = portal.getByRole('dialog', { name: 'Confirm this date?' });
      await expectVisible(confirm.getByText(acceptedWhen, { exact: false }));
      await confirm.getByRole('button', { name: 'Confirm the date' }).click();
      await expectVisible(
        portal.getByRole('alert').filter({ hasText: 'Confirmed: you will receive a calendar invitation by email' }),
      );
      await confirm.waitFor({ state: 'hidden' });
      const coming = portal.getByRole('region', { name: 'Coming sessions' });
      await expectVisible(coming.getByRole('link', { name: `Add to calendar: ${acceptedWhen}`, exact: true }));
      expect(await coming.locator('time').getAttribute('datetime')).toBe(firstOffered.start);
      await expectVisible(coming.getByText(sessionTitle, { exact: true }));
      expect(await portal.getByRole('button', { name: /^Accept / }).count()).toBe(0);
      await customerBrowser.screenshot('sessions-06-date-confirmed');

      // 4. Both the technical reference and the engineer receive the invitation: REQUEST, SEQUENCE 0, the accepted start.
      await expect.poll(() => invitationsTo(reference.email).length, { timeout: mailTimeout }).toBe(1);
      await expect.poll(() => invitationsTo(engineer.email).length, { timeout: mailTimeout }).toBe(1);
      const booked = (await callApi(
        page,
        'GET',
        `/api/projects/${projectId}/sessions`,
        undefined,
        200,
      )) as unknown as ApiSessions;
      expect(booked.sessions).toHaveLength(1);
      const session = booked.sessions[0] as ApiSession;
      expect(session).toMatchObject({
        id: firstOffered.id,
        state: 'confirmed',
        start: firstOffered.start,
        end: firstOffered.end,
        title: sessionTitle,
        sequence: 0,
      });
      expect(booked.proposals[0]?.state).toBe('accepted');
      const firstInvitations = [invitationsTo(reference.email)[0], invitationsTo(engineer.email)[0]] as ReceivedMail[];
      for (const invitation of firstInvitations) {
        expect(invitation.raw.toString()).toMatch(/text\/calendar; charset=utf-8; method=REQUEST/i);
        expect(eventOf(invitation)).toMatchObject({ method: 'REQUEST', sequence: 0, start: session.start });
      }
      const uid = eventOf(firstInvitations[0] as ReceivedMail).uid;
      expect(uid).toMatch(/\S+@\S+/);
      expect(eventOf(firstInvitations[1] as ReceivedMail).uid).toBe(uid);

      // 7. With the invitation accepted by the SMTP server, E7 is done and the start of activities (E8) is current.
      await expect
        .poll(
          async () =>
            (
              (await callApi(page, 'GET', `/api/projects/${projectId}`, undefined, 200)).currentStep as
                { key?: string } | undefined
            )?.key,
          { timeout: mailTimeout },
        )
        .toBe('activity-start');
      const atE8 = await callApi(page, 'GET', `/api/projects/${projectId}`, undefined, 200);
      expect(atE8.currentStep).toMatchObject({ code: 'E8', key: 'activity-start' });

      // 5. The engineer sees the booked session and moves it to the next business day at 14:00.
      await page.reload();
      const card = page.getByRole('article', { name: sessionTitle, exact: true });
      await expectVisible(card.getByText('Confirmed', { exact: true }));
      expect(await card.locator('time').getAttribute('datetime')).toBe(session.start);
      await journey.screenshot('sessions-07-session-booked');
      let newDay = DateTime.fromISO(session.start, { zone }).plus({ days: 1 });
      while (newDay.weekday > 5) newDay = newDay.plus({ days: 1 });
      const newStart = newDay.set({ hour: 14, minute: 0, second: 0, millisecond: 0 });
      const newStartIso = newStart.toUTC().toJSDate().toISOString();
      await card.getByRole('button', { name: 'Reschedule' }).click();
      const reschedule = page.getByRole('dialog', { name: `Reschedule “${sessionTitle}”` });
      const newDateField = reschedule.getByRole('textbox', { name: 'New date and time' });
      await expectVisible(newDateField);
      expect(await newDateField.inputValue()).toBe(
        DateTime.fromISO(session.start, { zone }).toFormat("yyyy-LL-dd'T'HH:mm"),
      );
      await newDateField.fill(newStart.toFormat("yyyy-LL-dd'T'HH:mm"));
      await reschedule
        .getByRole('textbox', { name: 'Reason' })
        .fill('The hospital’s Teams administrator is only available in the afternoon.');
      await journey.screenshot('sessions-08-reschedule-dialog');
      await reschedule.getByRole('button', { name: 'Move the session' }).click();
      await reschedule.waitFor({ state: 'hidden' });
      await expectVisible(card.getByText('updated 1×', { exact: true }));
      await expectVisible(card.getByText('Rescheduled', { exact: true }));
      expect(await card.locator('time').getAttribute('datetime')).toBe(newStartIso);
      await journey.screenshot('sessions-09-rescheduled');

      const moved = (await callApi(
        page,
        'GET',
        `/api/projects/${projectId}/sessions`,
        undefined,
        200,
      )) as unknown as ApiSessions;
      expect(moved.sessions).toHaveLength(1);
      expect(moved.sessions[0]).toMatchObject({
        id: session.id,
        state: 'rescheduled',
        start: newStartIso,
        sequence: 1,
      });
      const movedSession = moved.sessions[0] as ApiSession;

      // The updated invitation: the same UID, SEQUENCE 1, the new start; to the technical reference and the engineer.
      await expect.poll(() => invitationsTo(reference.email).length, { timeout: mailTimeout }).toBe(2);
      await expect.poll(() => invitationsTo(engineer.email).length, { timeout: mailTimeout }).toBe(2);
      for (const update of [invitationsTo(reference.email)[1], invitationsTo(engineer.email)[1]] as ReceivedMail[]) {
        expect(update.raw.toString()).toMatch(/text\/calendar; charset=utf-8; method=REQUEST/i);
        expect(eventOf(update)).toEqual({ method: 'REQUEST', uid, sequence: 1, start: newStartIso });
      }

      // 6. The customer's portal shows the new time under the coming sessions.
      await portal.reload();
      const comingAfter = portal.getByRole('region', { name: 'Coming sessions' });
      const movedWhen = await portalWhen(portal, movedSession, moved.customerTimeZone);
      expect(movedWhen).not.toBe(acceptedWhen);
      await expectVisible(comingAfter.getByRole('link', { name: `Add to calendar: ${movedWhen}`, exact: true }));
      await expectVisible(comingAfter.getByText(movedWhen, { exact: true }));
      expect(await comingAfter.locator('time').getAttribute('datetime')).toBe(newStartIso);
      await expectVisible(comingAfter.getByText('Moved', { exact: true }));
      expect(
        await comingAfter.getByRole('link', { name: `Add to calendar: ${acceptedWhen}`, exact: true }).count(),
      ).toBe(0);
      await customerBrowser.screenshot('sessions-10-customer-sees-new-time');
    });
  },
);
