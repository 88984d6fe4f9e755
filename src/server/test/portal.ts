import type { LightMyRequestResponse } from 'fastify';
import { simpleParser, type ParsedMail } from 'mailparser';
import { evaluateCondition, listFields, type AnswerValue, type Questionnaire } from '../../domain/content';
import { apiFixtures } from './fixtures';
import { eventually, type TestEngage } from './harness';
import { findTestSmtpServer } from './smtp';

/**
 * Answers every required question the form shows (in order, so conditions see earlier answers) with plain values,
 * keeping the `given` answers as they are.
 */
export function answersForRequired(
  questionnaire: Questionnaire,
  given: Record<string, AnswerValue> = {},
): Record<string, AnswerValue> {
  const answers: Record<string, AnswerValue> = {};
  for (const field of listFields(questionnaire)) {
    if (field.showIf !== undefined && !evaluateCondition(field.showIf, answers)) continue;
    const preset = given[field.key];
    if (preset !== undefined) {
      answers[field.key] = preset;
      continue;
    }
    if (!field.required && field.type !== 'table') continue;
    switch (field.type) {
      case 'text':
      case 'long-text':
        answers[field.key] = `Answer to ${field.key}`;
        break;
      case 'number':
        answers[field.key] = field.min ?? 1;
        break;
      case 'date':
        answers[field.key] = '2027-04-15';
        break;
      case 'yes-no':
        answers[field.key] = false;
        break;
      case 'choice':
        answers[field.key] = field.options[0]?.value ?? null;
        break;
      case 'multi-choice':
        answers[field.key] = [field.options[0]?.value ?? ''];
        break;
      case 'table': {
        const rows = Math.max(field.minRows ?? 0, field.required ? 1 : 0);
        if (rows === 0) break;
        answers[field.key] = Array.from({ length: rows }, (_unused, index) =>
          Object.fromEntries(
            field.columns.map((column) => [
              column.key,
              column.type === 'number'
                ? index + 1
                : column.type === 'yes-no'
                  ? true
                  : column.type === 'choice'
                    ? (column.options[0]?.value ?? '')
                    : `Row ${index + 1}`,
            ]),
          ),
        );
        break;
      }
    }
  }
  return answers;
}

/** The cookie a response sets, as a Cookie header value. */
export function cookieFrom(response: LightMyRequestResponse, name: string): string {
  const header = [response.headers['set-cookie'] ?? []].flat().find((cookie) => cookie.startsWith(`${name}=`));
  if (header === undefined) throw new Error(`no ${name} cookie in ${JSON.stringify(response.headers['set-cookie'])}`);
  return header.split(';')[0] ?? '';
}

/**
 * A project at E4 (design questionnaires) with a customer contact and a partner contact, built through the API as staff
 * would: purchase order approved, presentation and contact waived by the manager (their emails are another test's).
 */
export async function projectAtDesignQuestionnaire(
  engage: TestEngage,
  managerCookie: string,
  applications: string[] = ['call-recording'],
) {
  const fixtures = apiFixtures(engage, managerCookie);
  const customer = await fixtures.customer();
  const partner = await fixtures.partner();
  const customerContact = await fixtures.post<{ id: string; email: string }>(
    `/api/organisations/${customer.id}/contacts`,
    {
      name: 'Giulia Rossi',
      email: `giulia.${Date.now()}.${Math.random().toString(36).slice(2)}@customer.example`,
      language: 'en',
      role: 'technical-reference',
    },
  );
  const partnerContact = await fixtures.post<{ id: string; email: string }>(
    `/api/organisations/${partner.id}/contacts`,
    {
      name: 'Peter Brown',
      email: `peter.${Date.now()}.${Math.random().toString(36).slice(2)}@reseller.example`,
      language: 'en',
      role: 'partner-technician',
    },
  );
  const project = await fixtures.project({ customerId: customer.id, partnerId: partner.id, applications });
  await fixtures.post(
    `/api/projects/${project.id}/purchase-order`,
    { number: `PO-${Date.now()}-${Math.random()}` },
    200,
  );
  for (const [stepKey, reason] of [
    ['service-presentation', 'Presented at the kick-off meeting'],
    ['engineer-contact', 'Contacted by phone'],
  ] as const) {
    await fixtures.post(`/api/projects/${project.id}/actions`, { type: 'waive', stepKey, reason }, 200);
  }
  return { fixtures, customer, partner, customerContact, partnerContact, projectId: project.id };
}

/**
 * The delivered copy of the newest message to an address (for a project), as its recipient received it: from the test's
 * SMTP server when the app sends through one, else from the trial mailbox. Waits until no message to the address is
 * still on its way. Only a delivered copy carries personal links: the outbox keeps them redacted.
 */
export async function latestMailTo(engage: TestEngage, projectId: string | null, email: string): Promise<ParsedMail> {
  const { sql } = await import('drizzle-orm');
  const toAddress = sql`exists (select 1 from jsonb_array_elements(to_addresses) as recipient where lower(recipient ->> 'email') = ${email.toLowerCase()})`;
  const ofProject = projectId === null ? sql`` : sql`and project_id = ${projectId}`;
  const pending = async () =>
    rowsOf<{ count: number }>(
      await engage.context.db.execute(
        sql`select count(*)::int as count from mail_messages where ${toAddress} ${ofProject} and status in ('queued', 'sending', 'retrying')`,
      ),
    )[0]?.count ?? 0;
  if (!(await eventually(async () => (await pending()) === 0, 15_000)))
    throw new Error(`email to ${email} is still on its way`);
  // Newest by delivery, not by created_at: a test that fixes the app's clock writes every message at the same instant.
  const messages = rowsOf<{ id: string; messageId: string }>(
    await engage.context.db.execute(
      sql`select id, message_id as "messageId" from mail_messages where ${toAddress} ${ofProject}`,
    ),
  );
  if (messages.length === 0) throw new Error(`no email to ${email}`);
  if (engage.smtpUrl === null) {
    const [delivered] = rowsOf<{ raw: Uint8Array }>(
      await engage.context.db.execute(
        sql`select raw from trial_mail where mail_id in (${sql.join(
          messages.map((message) => sql`${message.id}`),
          sql`, `,
        )}) order by delivered_at desc, id desc limit 1`,
      ),
    );
    if (delivered === undefined) throw new Error(`no email to ${email} is in the trial mailbox`);
    return simpleParser(Buffer.from(delivered.raw));
  }
  const smtp = findTestSmtpServer(engage.smtpUrl);
  if (smtp === null) throw new Error(`no test SMTP server at ${engage.smtpUrl}`);
  const messageIds = new Set(messages.map((message) => message.messageId));
  // The SMTP server keeps messages in the order they arrived.
  const received = smtp.received
    .filter((mail) => mail.parsed.messageId !== undefined && messageIds.has(mail.parsed.messageId))
    .at(-1);
  if (received === undefined) throw new Error(`the SMTP server received no email to ${email}`);
  return received.parsed;
}

/** The newest portal link emailed to an address for a project, from the delivered copy (see latestMailTo). */
export async function latestLinkTo(
  engage: TestEngage,
  staffCookie: string,
  projectId: string | null,
  email: string,
): Promise<string> {
  void staffCookie;
  const mail = await latestMailTo(engage, projectId, email);
  const text = mail.text ?? '';
  const match = /https?:\/\/[^\s)]+\/portal\/link\/[A-Za-z0-9_-]{43}(\?to=[a-z0-9/-]+)?/.exec(text);
  if (match === null) throw new Error(`no portal link in the latest email to ${email}: ${text.slice(0, 300)}`);
  return match[0];
}

function rowsOf<T>(result: unknown): T[] {
  return (result as { rows: T[] }).rows;
}

/** The path (and query) of a link, for engage.request. */
export function pathOf(url: string): string {
  const parsed = new URL(url);
  return `${parsed.pathname}${parsed.search}`;
}

/** Emails a contact a fresh link (as the engineer would) and spends it with Continue; returns the portal cookie. */
export async function signInContact(
  engage: TestEngage,
  staffCookie: string,
  projectId: string,
  contact: { id: string; email: string },
): Promise<string> {
  const sent = await engage.request({
    method: 'POST',
    url: `/api/projects/${projectId}/portal-links`,
    headers: { cookie: staffCookie },
    payload: { contactId: contact.id },
  });
  if (sent.statusCode !== 204) throw new Error(`sending a link answered ${sent.statusCode}: ${sent.body}`);
  const url = await latestLinkTo(engage, staffCookie, projectId, contact.email);
  const spent = await engage.request({ method: 'POST', url: pathOf(url) });
  if (spent.statusCode !== 303) throw new Error(`Continue answered ${spent.statusCode}: ${spent.body.slice(0, 200)}`);
  return cookieFrom(spent, 'engage_portal');
}
