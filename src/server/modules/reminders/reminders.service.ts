import { translate } from '../../../domain/text/i18n';
import { pick } from '../../../domain/text/languages';
import { projectQuestionnaireKey, renderEmailTemplate, type ContentLibrary } from '../../../domain/content';
import { inTransaction, type ServiceContext } from '../../context';
import { systemActor } from '../audit/actor';
import { recordAuditEvent } from '../audit/audit.service';
import { getContentLibrary } from '../content/content.service';
import { queueMail } from '../mail/mail.service';
import { portalLinkExpiresAt, portalLinkUrl } from '../mail/personal-links';
import { findProjectWithNames } from '../projects/projects.service';
import { categoryName, engineerValues, formatDate, recipientsOf } from './reminder-mail';
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
