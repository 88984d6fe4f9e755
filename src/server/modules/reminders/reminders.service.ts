import { longDate } from '../../../domain/text/format';
import { hasText, translate, type TextKey } from '../../../domain/text/i18n';
import { pick } from '../../../domain/text/languages';
import { sql } from 'drizzle-orm';
import {
  projectQuestionnaireKey,
  renderEmailTemplate,
  type ContentLanguage,
  type ContentLibrary,
} from '../../../domain/content';
import { inTransaction, type ServiceContext } from '../../context';
import type { Database } from '../../db/database';
import { systemActor } from '../audit/actor';
import { recordAuditEvent } from '../audit/audit.service';
import { getContentLibrary } from '../content/content.service';
import { queueMail } from '../mail/mail.service';
import { portalLinkExpiresAt, portalLinkUrl } from '../mail/personal-links';
import { findProjectWithNames, type ProjectWithNames } from '../projects/projects.repository';
import { findUserById } from '../users/users.repository';

const dayMs = 24 * 3600 * 1000;

/** The rows of a raw query (db.execute answers the driver's result, typed loosely). */
function rowsOf<T>(result: unknown): T[] {
  return (result as { rows: T[] }).rows;
}

// A type alias, not an interface, so that it is a Record for db.execute.
type Recipient = {
  id: string;
  name: string;
  email: string;
  language: ContentLanguage;
};

/**
 * Who is reminded: the contacts the engineer's contact email went to, else the customer's technical references.
 * Only enabled contacts of the project's customer or partner, whatever an email's recipients were.
 */
async function recipientsOf(db: Database, projectId: string): Promise<Recipient[]> {
  const result = rowsOf<Recipient>(
    await db.execute(sql`
    with project as (select customer_id, partner_id from projects where id = ${projectId}),
    addressed as (
      select distinct lower(recipient ->> 'email') as email
        from mail_messages m, jsonb_array_elements(m.to_addresses) as recipient
       where m.project_id = ${projectId} and m.kind = 'engineer-contact'
    ),
    candidates as (
      select c.id, c.name, c.email, c.language, c.role,
             lower(c.email) in (select email from addressed) as was_addressed
        from contacts c, project p
       where (c.organisation_id = p.customer_id or c.organisation_id = p.partner_id) and not c.is_disabled
    )
    select id, name, email, language from candidates
     where was_addressed or (not exists (select 1 from candidates where was_addressed) and role = 'technical-reference')
     order by name`),
  );
  return result;
}

function formatDate(date: Date, language: ContentLanguage): string {
  return longDate(date, language, 'UTC');
}

async function engineerValues(db: Database, row: ProjectWithNames) {
  const engineer = row.project.engineerId === null ? null : await findUserById(db, row.project.engineerId);
  return {
    values: { name: engineer?.name ?? '', email: engineer?.email ?? '', phone: engineer?.phone ?? '' },
    replyTo: engineer === null ? null : { name: engineer.name, email: engineer.email },
  };
}

async function remindQuestionnaires(
  context: ServiceContext,
  library: ContentLibrary,
  projectId: string,
): Promise<boolean> {
  return inTransaction(context, async (db) => {
    const now = context.now();
    const cutoff = new Date(now.getTime() - context.portal.reminderEveryDays * dayMs);
    // Locked and checked again inside the transaction: two processes sweeping at once remind once.
    const due = rowsOf<{ applicationKey: string; dueAt: string | Date }>(
      await db.execute(sql`
      select r.application_key as "applicationKey", r.due_at as "dueAt"
        from questionnaire_responses r join projects p on p.id = r.project_id
       where r.project_id = ${projectId} and r.status = 'open' and r.due_at < ${now.toISOString()}::timestamptz
         and (r.last_reminder_at is null or r.last_reminder_at < ${cutoff.toISOString()}::timestamptz)
         and p.current_step_key = 'design-questionnaire'
       order by r.application_key
       for update of r skip locked`),
    );
    if (due.length === 0) return false;
    const row = await findProjectWithNames(db, projectId);
    if (row === null) return false;
    const recipients = await recipientsOf(db, projectId);
    const engineer = await engineerValues(db, row);
    for (const recipient of recipients) {
      const language = recipient.language;
      const first = due[0]?.applicationKey;
      const target = due.length === 1 && first !== undefined ? `questionnaires/${first}` : '';
      const rendered = renderEmailTemplate(library.emailTemplates['questionnaire-reminder'][language], {
        recipient: { name: recipient.name },
        project: { reference: row.project.reference, name: row.project.name },
        customer: { name: row.customerName },
        vendor: { name: library.vendor.name },
        engineer: engineer.values,
        link: portalLinkUrl(context, 'portal'),
        expiresDate: formatDate(portalLinkExpiresAt(context), language),
        questionnaires: due.map((item) => {
          const application = library.applications.find((candidate) => candidate.key === item.applicationKey);
          // The project questionnaire is asked once for the whole project, under its own title.
          const isProject = item.applicationKey === projectQuestionnaireKey;
          return {
            title: isProject
              ? pick(library.projectQuestionnaire.designQuestionnaire.title, language)
              : application === undefined
                ? item.applicationKey
                : pick(application.designQuestionnaire.title, language),
            applicationName: isProject
              ? translate(language, 'words', 'wholeProject')
              : application === undefined
                ? item.applicationKey
                : pick(application.name, language),
            dueDate: formatDate(new Date(item.dueAt), language),
          };
        }),
      });
      await queueMail(context, db, systemActor, {
        projectId,
        kind: 'questionnaire-reminder',
        language,
        to: [{ name: recipient.name, email: recipient.email }],
        replyTo: engineer.replyTo,
        ...rendered,
        personalLinks: [
          { kind: 'portal', slot: 'portal', contactId: recipient.id, projectId, target, reason: 'reminder' },
        ],
      });
    }
    await db.execute(sql`update questionnaire_responses set last_reminder_at = ${now.toISOString()}::timestamptz
      where project_id = ${projectId} and application_key in (${sql.join(
        due.map((item) => sql`${item.applicationKey}`),
        sql`, `,
      )})`);
    await recordAuditEvent(db, systemActor, {
      action: 'reminder.questionnaires',
      projectId,
      subjectType: 'project',
      subjectId: projectId,
      after: {
        questionnaires: due.map((item) => item.applicationKey),
        recipients: recipients.map((recipient) => recipient.email),
      },
    });
    return recipients.length > 0;
  });
}

/** A requirement category's name for the reader; a category the resources do not know is shown as its key. */
function categoryName(category: string, language: ContentLanguage): string {
  const key = `requirementCategory.${category}`;
  return hasText('words', key) ? translate(language, 'words', key as TextKey<'words'>) : category;
}

async function remindRequirements(
  context: ServiceContext,
  library: ContentLibrary,
  projectId: string,
): Promise<boolean> {
  return inTransaction(context, async (db) => {
    const now = context.now();
    const cutoff = new Date(now.getTime() - context.portal.reminderEveryDays * dayMs);
    const review = rowsOf<{ project_id: string }>(
      await db.execute(sql`
      select v.project_id from requirement_reviews v join projects p on p.id = v.project_id
       where v.project_id = ${projectId} and v.confirmed_at is not null and p.current_step_key = 'requirements-fulfilment'
         and coalesce(v.last_reminder_at, v.confirmed_at) < ${cutoff.toISOString()}::timestamptz
       for update of v skip locked`),
    );
    if (review.length === 0) return false;
    const open = rowsOf<{ title: { en: string; it: string }; category: string; status: 'open' | 'sent-back' }>(
      await db.execute(sql`
      select title, category, status from requirements
       where project_id = ${projectId} and removed_at is null and status in ('open', 'sent-back') and owner <> 'vendor'
       order by created_at`),
    );
    if (open.length === 0) return false;
    const row = await findProjectWithNames(db, projectId);
    if (row === null) return false;
    const recipients = await recipientsOf(db, projectId);
    const engineer = await engineerValues(db, row);
    for (const recipient of recipients) {
      const language = recipient.language;
      const rendered = renderEmailTemplate(library.emailTemplates['requirements-reminder'][language], {
        recipient: { name: recipient.name },
        project: { reference: row.project.reference, name: row.project.name },
        customer: { name: row.customerName },
        vendor: { name: library.vendor.name },
        engineer: engineer.values,
        link: portalLinkUrl(context, 'portal'),
        expiresDate: formatDate(portalLinkExpiresAt(context), language),
        openCount: String(open.length),
        requirements: open.map((item) => ({
          title: pick(item.title, language),
          category: categoryName(item.category, language),
          state: translate(language, 'words', `requirementState.${item.status}`),
        })),
      });
      await queueMail(context, db, systemActor, {
        projectId,
        kind: 'requirements-reminder',
        language,
        to: [{ name: recipient.name, email: recipient.email }],
        replyTo: engineer.replyTo,
        ...rendered,
        personalLinks: [
          {
            kind: 'portal',
            slot: 'portal',
            contactId: recipient.id,
            projectId,
            target: 'requirements',
            reason: 'reminder',
          },
        ],
      });
    }
    await db.execute(
      sql`update requirement_reviews set last_reminder_at = ${now.toISOString()}::timestamptz where project_id = ${projectId}`,
    );
    await recordAuditEvent(db, systemActor, {
      action: 'reminder.requirements',
      projectId,
      subjectType: 'project',
      subjectId: projectId,
      after: { open: open.length, recipients: recipients.map((recipient) => recipient.email) },
    });
    return recipients.length > 0;
  });
}

/**
 * One sweep: reminds the contacts of every project whose questionnaires are overdue (E4) or whose requirements are
 * still open (E6), at most once every REMINDER_EVERY_DAYS per project; each reminder carries a fresh personal link.
 * Safe to run from several processes at once. Returns how many projects were reminded.
 */
export async function sendDueReminders(
  context: ServiceContext,
): Promise<{ questionnaires: number; requirements: number }> {
  const now = context.now();
  const cutoff = new Date(now.getTime() - context.portal.reminderEveryDays * dayMs);
  const candidates = rowsOf<{ id: string; kind: 'questionnaires' | 'requirements' }>(
    await context.db.execute(sql`
    select distinct r.project_id as id, 'questionnaires' as kind
      from questionnaire_responses r join projects p on p.id = r.project_id
     where r.status = 'open' and r.due_at < ${now.toISOString()}::timestamptz and p.current_step_key = 'design-questionnaire'
       and (r.last_reminder_at is null or r.last_reminder_at < ${cutoff.toISOString()}::timestamptz)
    union
    select v.project_id as id, 'requirements' as kind
      from requirement_reviews v join projects p on p.id = v.project_id
     where v.confirmed_at is not null and p.current_step_key = 'requirements-fulfilment'
       and coalesce(v.last_reminder_at, v.confirmed_at) < ${cutoff.toISOString()}::timestamptz`),
  );
  if (candidates.length === 0) return { questionnaires: 0, requirements: 0 };
  const library = await getContentLibrary(context.db);
  const counts = { questionnaires: 0, requirements: 0 };
  for (const candidate of candidates) {
    const sent =
      candidate.kind === 'questionnaires'
        ? await remindQuestionnaires(context, library, candidate.id)
        : await remindRequirements(context, library, candidate.id);
    if (sent) counts[candidate.kind] += 1;
  }
  return counts;
}
