import type { LightMyRequestResponse } from 'fastify';
import { evaluateCondition, listFields, type AnswerValue, type Questionnaire } from '../../domain/content';
import { apiFixtures } from './fixtures';
import type { TestEngage } from './harness';

/**
 * Answers every required question the form shows (in order, so conditions see earlier answers) with plain values,
 * keeping the `given` answers as they are.
 */
export function answersForRequired(questionnaire: Questionnaire, given: Record<string, AnswerValue> = {}): Record<string, AnswerValue> {
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
              column.type === 'number' ? index + 1 : column.type === 'yes-no' ? true : column.type === 'choice' ? (column.options[0]?.value ?? '') : `Row ${index + 1}`,
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
export async function projectAtDesignQuestionnaire(engage: TestEngage, managerCookie: string, applications: string[] = ['call-recording']) {
  const fixtures = apiFixtures(engage, managerCookie);
  const customer = await fixtures.customer();
  const partner = await fixtures.partner();
  const customerContact = await fixtures.post<{ id: string; email: string }>(`/api/organisations/${customer.id}/contacts`, {
    name: 'Giulia Rossi',
    email: `giulia.${Date.now()}.${Math.random().toString(36).slice(2)}@customer.example`,
    language: 'en',
    role: 'technical-reference',
  });
  const partnerContact = await fixtures.post<{ id: string; email: string }>(`/api/organisations/${partner.id}/contacts`, {
    name: 'Peter Brown',
    email: `peter.${Date.now()}.${Math.random().toString(36).slice(2)}@reseller.example`,
    language: 'en',
    role: 'partner-technician',
  });
  const project = await fixtures.project({ customerId: customer.id, partnerId: partner.id, applications });
  await fixtures.post(`/api/projects/${project.id}/purchase-order`, { number: `PO-${Date.now()}-${Math.random()}` }, 200);
  for (const [stepKey, reason] of [
    ['service-presentation', 'Presented at the kick-off meeting'],
    ['engineer-contact', 'Contacted by phone'],
  ] as const) {
    await fixtures.post(`/api/projects/${project.id}/actions`, { type: 'waive', stepKey, reason }, 200);
  }
  return { fixtures, customer, partner, customerContact, partnerContact, projectId: project.id };
}

/** The newest portal link emailed to an address for a project (read from the project's outbox, as the contact would). */
export async function latestLinkTo(engage: TestEngage, staffCookie: string, projectId: string | null, email: string): Promise<string> {
  const { sql } = await import('drizzle-orm');
  const result = await engage.context.db.execute<{ text: string }>(
    sql`select text_body as text from mail_messages
         where to_addresses @> ${JSON.stringify([{ email }])}::jsonb ${projectId === null ? sql`` : sql`and project_id = ${projectId}`}
         order by created_at desc limit 1`,
  );
  void staffCookie;
  const text = (result as { rows: { text: string }[] }).rows[0]?.text ?? '';
  const match = /https?:\/\/[^\s)]+\/portal\/link\/[A-Za-z0-9_-]+(\?to=[a-z0-9/-]+)?/.exec(text);
  if (match === null) throw new Error(`no portal link in the latest email to ${email}: ${text.slice(0, 300)}`);
  return match[0];
}

/** The path (and query) of a link, for engage.request. */
export function pathOf(url: string): string {
  const parsed = new URL(url);
  return `${parsed.pathname}${parsed.search}`;
}

/** Emails a contact a fresh link (as the engineer would) and spends it with Continue; returns the portal cookie. */
export async function signInContact(engage: TestEngage, staffCookie: string, projectId: string, contact: { id: string; email: string }): Promise<string> {
  const sent = await engage.request({ method: 'POST', url: `/api/projects/${projectId}/portal-links`, headers: { cookie: staffCookie }, payload: { contactId: contact.id } });
  if (sent.statusCode !== 204) throw new Error(`sending a link answered ${sent.statusCode}: ${sent.body}`);
  const url = await latestLinkTo(engage, staffCookie, projectId, contact.email);
  const spent = await engage.request({ method: 'POST', url: pathOf(url) });
  if (spent.statusCode !== 303) throw new Error(`Continue answered ${spent.statusCode}: ${spent.body.slice(0, 200)}`);
  return cookieFrom(spent, 'engage_portal');
}
