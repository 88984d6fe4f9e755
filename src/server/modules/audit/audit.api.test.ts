import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeAuditSentence, type AuditSentence } from '../../../domain/audit/sentence';
import { translate, type TextKey } from '../../../domain/text/i18n';
import type { Language } from '../../../domain/text/languages';
import { createTestEngage, isTestDatabaseAvailable, type TestEngage } from '../../test/harness';
import { projectAtDesignQuestionnaire, signInContact } from '../../test/portal';
import { submitProjectQuestionnaire } from '../../test/questionnaires';

interface AuditItem {
  action: string;
  actorName: string | null;
  actorRole: string | null;
  before: unknown;
  after: unknown;
  label: string;
  sentence: AuditSentence;
}

/** A sentence as a reader of the language reads it (moments as recorded: their writing is the web app's). */
function written(item: AuditItem, language: Language = 'en'): string {
  return writeAuditSentence(item.sentence, {
    language,
    text: (key, values) => translate(language, 'audit', key as TextKey<'audit'>, values),
    instant: (iso) => iso,
    day: (isoDay) => isoDay,
  });
}

describe.skipIf(!isTestDatabaseAvailable)('a project’s audit trail in words', () => {
  let engage: TestEngage;
  let items: AuditItem[];
  let managerName: string;

  beforeAll(async () => {
    engage = await createTestEngage();
    const manager = await engage.staff('manager');
    const { projectId, customerContact } = await projectAtDesignQuestionnaire(engage, manager.cookie);
    const portal = await signInContact(engage, manager.cookie, projectId, customerContact);
    await submitProjectQuestionnaire(engage, portal, projectId, undefined, 'portal');
    const audit = await engage.request({
      method: 'GET',
      url: `/api/projects/${projectId}/audit`,
      headers: { cookie: manager.cookie },
    });
    expect(audit.statusCode).toBe(200);
    items = audit.json<{ items: AuditItem[] }>().items;
    managerName = items.find((item) => item.action === 'project.created')?.actorName ?? '';
  });
  afterAll(async () => {
    await engage?.close();
  });

  const find = (action: string) => {
    const item = items.find((candidate) => candidate.action === action);
    if (item === undefined) throw new Error(`no ${action} in the trail: ${items.map((i) => i.action).join(', ')}`);
    return item;
  };

  it('keeps every event as recorded, with the key of its label', () => {
    const submitted = find('questionnaire.submitted');
    expect(submitted).toMatchObject({
      actorRole: 'contact',
      actorName: expect.stringMatching(/^Giulia Rossi <giulia\..+@customer\.example>$/),
      label: 'labels.questionnaire_submitted',
      after: { isFirst: true, withEngineer: false },
    });
    expect(submitted.sentence.key).toBe('sentences.questionnaire_submitted');
  });

  it('says who did what in the reader’s language, with the contact’s part in the project', () => {
    expect(written(find('questionnaire.submitted'))).toBe(
      'Giulia Rossi (customer) submitted the project questionnaire.',
    );
    expect(written(find('questionnaire.submitted'), 'it')).toBe(
      'Giulia Rossi (cliente) ha inviato il questionario di progetto.',
    );
    expect(written(find('portal.link-used'))).toBe('Giulia Rossi (customer) opened the portal with a personal link.');
    // Links are minted as the message is delivered, by Engage.
    expect(written(find('portal.link-issued'))).toMatch(
      /^Engage issued a personal link to the portal for Giulia Rossi \(customer\), valid until \d{4}-\d\d-\d\dT/,
    );
  });

  it('names the steps by code and title, with the reason of a waiver and what Engage completed by itself', () => {
    expect(written(find('purchase-order.approved'))).toMatch(
      new RegExp(
        `^${managerName} \\(manager\\) approved purchase order PO-.+\\. Engage then completed step E1 “Purchase order confirmation”\\.$`,
      ),
    );
    const waivers = items.filter((item) => item.action === 'process.step.waived').map((item) => written(item));
    expect(waivers).toContain(
      `${managerName} (manager) waived step E2 “Service presentation”. Reason: “Presented at the kick-off meeting”`,
    );
  });

  it('names an email by its subject, from the event that wrote it', () => {
    // Without an SMTP server, each message is delivered to the trial mailbox as it is written: the newest of each go together.
    const subject = (find('mail.queued').after as { subject?: string }).subject ?? '';
    expect(subject).not.toBe('');
    expect(written(find('mail.trial-delivered'))).toBe(
      `Engage delivered the email “${subject}” to the trial mailbox, since no mail server is configured.`,
    );
  });
});
