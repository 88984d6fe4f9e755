import { longDate } from '../../../domain/text/format';
import { hasText, translate, type TextKey } from '../../../domain/text/i18n';
import { pick } from '../../../domain/text/languages';
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
import { listAddressesOfProjectMail, queueMail } from '../mail/mail.service';
import { portalLinkExpiresAt, portalLinkUrl } from '../mail/personal-links';
import { findProjectWithNames, type ProjectWithNames } from '../projects/projects.service';
import { findUserRow } from '../users/users.service';
import { listEnabledContacts } from '../organisations/organisations.service';
import {
  findProjectsWithOverdueQuestionnaires,
  lockQuestionnairesToRemind,
  recordQuestionnairesReminded,
} from '../questionnaires/questionnaires.service';
import {
  findProjectsWithRequirementsToRemind,
  listRequirementsToRemind,
  lockRequirementsToRemind,
  recordRequirementsReminded,
} from '../requirements/requirements.service';

const dayMs = 24 * 3600 * 1000;

interface Recipient {
  id: string;
  name: string;
  email: string;
  language: ContentLanguage;
}

/**
 * Who is reminded: the contacts the engineer's contact email went to, else the customer's technical references.
 * Only enabled contacts of the project's customer or partner, whatever an email's recipients were.
 */
async function recipientsOf(db: Database, project: ProjectWithNames['project']): Promise<Recipient[]> {
  const addressed = new Set(await listAddressesOfProjectMail(db, project.id, 'engineer-contact'));
  const organisationIds = project.partnerId === null ? [project.customerId] : [project.customerId, project.partnerId];
  const candidates = (await listEnabledContacts(db, organisationIds)).map((contact) => ({
    ...contact,
    wasAddressed: addressed.has(contact.lowerEmail),
  }));
  const anyAddressed = candidates.some((candidate) => candidate.wasAddressed);
  return candidates
    .filter((candidate) => candidate.wasAddressed || (!anyAddressed && candidate.role === 'technical-reference'))
    .map(({ id, name, email, language }) => ({ id, name, email, language }));
}

function formatDate(date: Date, language: ContentLanguage): string {
  return longDate(date, language, 'UTC');
}

async function engineerValues(db: Database, row: ProjectWithNames) {
  const engineer = row.project.engineerId === null ? null : await findUserRow(db, row.project.engineerId);
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
    const due = await lockQuestionnairesToRemind(db, projectId, now, cutoff);
    if (due.length === 0) return false;
    const row = await findProjectWithNames(db, projectId);
    if (row === null) return false;
    const recipients = await recipientsOf(db, row.project);
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
    await recordQuestionnairesReminded(
      db,
      projectId,
      due.map((item) => item.applicationKey),
      now,
    );
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
    if (!(await lockRequirementsToRemind(db, projectId, cutoff))) return false;
    const open = await listRequirementsToRemind(db, projectId);
    if (open.length === 0) return false;
    const row = await findProjectWithNames(db, projectId);
    if (row === null) return false;
    const recipients = await recipientsOf(db, row.project);
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
    await recordRequirementsReminded(db, projectId, now);
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
  const candidates = [
    ...(await findProjectsWithOverdueQuestionnaires(context.db, now, cutoff)).map((id) => ({
      id,
      kind: 'questionnaires' as const,
    })),
    ...(await findProjectsWithRequirementsToRemind(context.db, cutoff)).map((id) => ({
      id,
      kind: 'requirements' as const,
    })),
  ];
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
