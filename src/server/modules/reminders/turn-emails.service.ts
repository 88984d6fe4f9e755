/*
 * Turn emails: when the ball passes to a customer or a partner (the requirement list confirmed, requirements sent
 * back, the P1 or P3 checklist opened), the change records a turn notice (turns module). This sweep, run every minute,
 * tells each project side whose notices have been quiet for a few minutes (TURN_EMAIL_QUIET_MINUTES), in one email per contact and in the
 * contact's language, with a personal link straight to the item. The notices are locked and marked told in the
 * transaction that queues the emails: several processes sweeping at once tell each notice once.
 */

import { renderEmailTemplate, type ContentLanguage, type ContentLibrary } from '../../../domain/content';
import { translate } from '../../../domain/text/i18n';
import { pick } from '../../../domain/text/languages';
import { inTransaction, type ServiceContext } from '../../context';
import { systemActor } from '../audit/actor';
import { recordAuditEvent } from '../audit/audit.service';
import { getContentLibrary } from '../content/content.service';
import { queueMail } from '../mail/mail.service';
import { portalLinkExpiresAt, portalLinkUrl } from '../mail/personal-links';
import { findProjectWithNames } from '../projects/projects.service';
import {
  findDueTurnSides,
  lockDueTurnNotices,
  recordTurnNoticesTold,
  type TurnNoticeRow,
  type TurnParty,
} from '../turns/turns.service';
import { categoryName, engineerValues, formatDate, recipientsOf } from './reminder-mail';

/** The sections of one turn email, in the reader's language. */
function sectionsOf(notices: readonly TurnNoticeRow[], language: ContentLanguage) {
  const requirements = notices.flatMap((notice) =>
    notice.details.kind === 'requirements-confirmed'
      ? notice.details.requirements.map((item) => ({
          title: pick(item.title, language),
          category: categoryName(item.category, language),
          description: pick(item.description, language),
        }))
      : [],
  );
  // A requirement sent back twice in one burst is told once, with the engineer's latest comment.
  const sentBack = [
    ...new Map(
      notices.flatMap((notice) =>
        notice.details.kind === 'requirement-sent-back'
          ? [
              [
                notice.details.requirementId,
                { title: pick(notice.details.title, language), comment: notice.details.comment },
              ] as const,
            ]
          : [],
      ),
    ).values(),
  ];
  const checklists = notices.flatMap((notice) =>
    notice.details.kind === 'checklist-opened'
      ? [
          {
            title: translate(language, 'words', `turnChecklist.${notice.details.checklist}`),
            items: String(notice.details.items),
          },
        ]
      : [],
  );
  return { requirements, sentBack, checklists };
}

/** Where the personal link leads: the requirements, the delivery page, or the project when the email tells both. */
function targetOf(notices: readonly TurnNoticeRow[]): string {
  const aboutChecklists = notices.some((notice) => notice.details.kind === 'checklist-opened');
  const aboutRequirements = notices.some((notice) => notice.details.kind !== 'checklist-opened');
  return aboutChecklists && aboutRequirements ? '' : aboutChecklists ? 'delivery' : 'requirements';
}

async function tellSide(
  context: ServiceContext,
  library: ContentLibrary,
  projectId: string,
  party: TurnParty,
): Promise<number> {
  return inTransaction(context, async (db) => {
    const now = context.now();
    const notices = await lockDueTurnNotices(db, projectId, party, now, context.portal.turnQuietMs);
    if (notices.length === 0) return 0;
    const row = await findProjectWithNames(db, projectId);
    if (row === null) return 0;
    const recipients = await recipientsOf(db, row.project, [party], ['technical-reference', 'partner-technician']);
    const engineer = await engineerValues(db, row);
    const target = targetOf(notices);
    for (const recipient of recipients) {
      const language = recipient.language;
      const sections = sectionsOf(notices, language);
      const rendered = renderEmailTemplate(library.emailTemplates['turn-update'][language], {
        recipient: { name: recipient.name },
        project: { reference: row.project.reference, name: row.project.name },
        customer: { name: row.customerName },
        vendor: { name: library.vendor.name },
        engineer: engineer.values,
        link: portalLinkUrl(context, 'portal'),
        expiresDate: formatDate(portalLinkExpiresAt(context), language),
        confirmedCount: sections.requirements.length === 0 ? '' : String(sections.requirements.length),
        requirements: sections.requirements,
        sentBackCount: sections.sentBack.length === 0 ? '' : String(sections.sentBack.length),
        sentBack: sections.sentBack,
        checklists: sections.checklists,
      });
      await queueMail(context, db, systemActor, {
        projectId,
        kind: 'turn-update',
        language,
        to: [{ name: recipient.name, email: recipient.email }],
        replyTo: engineer.replyTo,
        ...rendered,
        personalLinks: [{ kind: 'portal', slot: 'portal', contactId: recipient.id, projectId, target, reason: 'turn' }],
      });
    }
    await recordTurnNoticesTold(db, notices, now);
    await recordAuditEvent(db, systemActor, {
      action: 'turn.emailed',
      projectId,
      subjectType: 'project',
      subjectId: projectId,
      after: {
        side: party,
        kinds: [...new Set(notices.map((notice) => notice.kind))],
        notices: notices.length,
        recipients: recipients.map((recipient) => recipient.email),
      },
    });
    return recipients.length;
  });
}

/**
 * One sweep: tells every project side whose turn notices are due (quiet for a few minutes, or waiting for five times as
 * long). Safe
 * to run from several processes at once. Returns how many emails it queued.
 */
export async function sendDueTurnEmails(context: ServiceContext): Promise<number> {
  const library = await getContentLibrary(context.db);
  let sent = 0;
  for (const side of await findDueTurnSides(context.db, context.now(), context.portal.turnQuietMs))
    sent += await tellSide(context, library, side.projectId, side.party);
  return sent;
}
