import { longDate } from '../../../domain/text/format';
import { pick } from '../../../domain/text/languages';
import { createHash } from 'node:crypto';
import {
  projectQuestionnaireKey,
  renderEmailTemplate,
  type ContentDocument,
  type ContentLanguage,
  type ContentLibrary,
  type EmailTemplateKey,
  type PlaceholderValues,
} from '../../../domain/content';
import { inTransaction, type ServiceContext } from '../../context';
import type { Database } from '../../db/database';
import { translate } from '../../../domain/text/i18n';
import { refuse } from '../../errors';
import { renderDocumentPdf } from './presentation-document.pdf';
import type { StaffActor } from '../audit/actor';
import { getContentLibrary } from '../content/content.service';
import { queueMail, type NewMail } from '../mail/mail.service';
import { listContactRows, type ContactRow } from '../organisations/organisations.service';
import { ensureRecipientsEnabled } from '../organisations/recipients';
import {
  assignProjectEngineer,
  getProjectDetail,
  getProjectForAction,
  type ProjectWithNames,
} from '../projects/projects.service';
import { findUserById } from '../users/users.service';
import { portalLinkUrl } from '../mail/personal-links';
import { listEngineerWorkloads } from './engagement.repository';

export interface DraftMessage {
  contact: { id: string; name: string; email: string; language: ContentLanguage; organisation: 'customer' | 'partner' };
  subject: string;
  text: string;
  html: string;
  attachments: { filename: string; contentType: string; size: number }[];
}

interface PreparedMessage extends DraftMessage {
  mail: NewMail;
}

/** The project's contacts (its customer's and its partner's), each marked with its side. */
async function listProjectContacts(
  db: Database,
  row: ProjectWithNames,
): Promise<(ContactRow & { side: 'customer' | 'partner' })[]> {
  const customer = (await listContactRows(db, row.project.customerId)).map((contact) => ({
    ...contact,
    side: 'customer' as const,
  }));
  const partner =
    row.project.partnerId === null
      ? []
      : (await listContactRows(db, row.project.partnerId)).map((contact) => ({ ...contact, side: 'partner' as const }));
  return [...customer, ...partner];
}

function pickContacts(all: readonly (ContactRow & { side: 'customer' | 'partner' })[], contactIds: readonly string[]) {
  const byId = new Map(all.map((contact) => [contact.id, contact]));
  const unknown = contactIds.flatMap((id, index) => (byId.has(id) ? [] : [index]));
  if (unknown.length > 0) {
    throw refuse('validation_failed', 'engagement.choose_project_contacts', {
      details: unknown.map((index) => ({
        path: `body.contactIds.${index}`,
        message: translate('en', 'errors', 'common.not_a_project_contact'),
      })),
    });
  }
  ensureRecipientsEnabled(all, contactIds, 'body.contactIds');
  return [...new Set(contactIds)].map((id) => byId.get(id)).filter((contact) => contact !== undefined);
}

const pdfCache = new Map<string, Buffer>();

/** A document of the library as a PDF attachment; the same text renders once per process. */
async function documentAttachment(document: ContentDocument, language: ContentLanguage, vendorName: string) {
  const key = createHash('sha256')
    .update(JSON.stringify([document, language, vendorName]))
    .digest('hex');
  let content = pdfCache.get(key);
  if (content === undefined) {
    content = await renderDocumentPdf(document, { vendorName, language, createdAt: new Date(0) });
    if (pdfCache.size > 50) pdfCache.clear();
    pdfCache.set(key, content);
  }
  const filename = `${document.title.replace(/[\\/:*?"<>|]+/g, '-')}.pdf`;
  return { filename, contentType: 'application/pdf', content };
}

function render(library: ContentLibrary, key: EmailTemplateKey, language: ContentLanguage, values: PlaceholderValues) {
  return renderEmailTemplate(library.emailTemplates[key][language], values);
}

function ensurePastPurchaseOrder(row: ProjectWithNames): void {
  if (row.project.currentStepKey === 'po-confirmation') {
    throw refuse(
      'conflict',
      row.project.state === 'blocked' ? 'engagement.awaiting_prepayment' : 'engagement.order_not_approved',
    );
  }
}

async function prepareMessages(
  context: ServiceContext,
  actor: StaffActor,
  projectId: string,
  contactIds: readonly string[],
  build: (input: {
    library: ContentLibrary;
    row: ProjectWithNames;
    contact: ContactRow;
    language: ContentLanguage;
  }) => Promise<{
    key: EmailTemplateKey;
    values: PlaceholderValues;
    attachments: { filename: string; contentType: string; content: Buffer }[];
    replyTo: { name: string; email: string };
  }>,
): Promise<PreparedMessage[]> {
  const row = await getProjectForAction(context, actor, projectId);
  ensurePastPurchaseOrder(row);
  const library = await getContentLibrary(context.db);
  const contacts = pickContacts(await listProjectContacts(context.db, row), contactIds);
  if (contacts.length === 0)
    throw refuse('validation_failed', 'engagement.choose_a_contact', {
      details: [{ path: 'body.contactIds', message: translate('en', 'errors', 'engagement.choose_a_contact') }],
    });
  const prepared: PreparedMessage[] = [];
  for (const contact of contacts) {
    const language = contact.language;
    const { key, values, attachments, replyTo } = await build({ library, row, contact, language });
    const rendered = render(library, key, language, values);
    prepared.push({
      contact: { id: contact.id, name: contact.name, email: contact.email, language, organisation: contact.side },
      ...rendered,
      attachments: attachments.map((attachment) => ({
        filename: attachment.filename,
        contentType: attachment.contentType,
        size: attachment.content.length,
      })),
      mail: {
        projectId,
        kind: key,
        language,
        to: [{ name: contact.name, email: contact.email }],
        replyTo,
        ...rendered,
        attachments,
      },
    });
  }
  return prepared;
}

async function sendPrepared(
  context: ServiceContext,
  actor: StaffActor,
  projectId: string,
  messages: readonly PreparedMessage[],
) {
  await inTransaction(context, async (db) => {
    for (const message of messages) await queueMail(context, db, actor, message.mail);
  });
  return getProjectDetail(context, actor, projectId);
}

async function staffMailbox(context: ServiceContext, actor: StaffActor) {
  const user = await findUserById(context.db, actor.userId);
  if (user === null) throw refuse('unauthenticated', 'common.log_in');
  return user;
}

function presentationBuilder(context: ServiceContext, actor: StaffActor) {
  return async ({
    library,
    row,
    contact,
    language,
  }: {
    library: ContentLibrary;
    row: ProjectWithNames;
    contact: ContactRow;
    language: ContentLanguage;
  }) => {
    const manager = await staffMailbox(context, actor);
    const applications = library.applications.filter((application) =>
      row.project.applications.includes(application.key),
    );
    const values: PlaceholderValues = {
      recipient: { name: contact.name },
      project: { reference: row.project.reference, name: row.project.name },
      customer: { name: row.customerName },
      partner: { name: row.partnerName ?? '' },
      manager: { name: manager.name, email: manager.email },
      vendor: { name: library.vendor.name },
      applications: applications.map((application) => ({
        name: pick(application.name, language),
        summary: pick(application.serviceDescription.summary, language),
      })),
    };
    const attachments = [
      await documentAttachment(library.documents['workflow-overview'][language], language, library.vendor.name),
      await documentAttachment(library.documents['terms-and-conditions'][language], language, library.vendor.name),
    ];
    return {
      key: 'service-presentation' as const,
      values,
      attachments,
      replyTo: { name: manager.name, email: manager.email },
    };
  };
}

/** The presentation email (E2) as each chosen contact would receive it, in their language, with its attachments. */
export async function draftPresentation(
  context: ServiceContext,
  actor: StaffActor,
  projectId: string,
  contactIds: readonly string[],
): Promise<DraftMessage[]> {
  const prepared = await prepareMessages(context, actor, projectId, contactIds, presentationBuilder(context, actor));
  return prepared.map(({ mail: _mail, ...draft }) => draft);
}

/**
 * Writes the presentation email (E2) to each chosen contact; E2 completes once the SMTP server has accepted one.
 * Throws not_found, forbidden, conflict (purchase order not approved or not paid) or validation_failed (contacts).
 */
export async function sendPresentation(
  context: ServiceContext,
  actor: StaffActor,
  projectId: string,
  contactIds: readonly string[],
) {
  const prepared = await prepareMessages(context, actor, projectId, contactIds, presentationBuilder(context, actor));
  return sendPrepared(context, actor, projectId, prepared);
}

/** The competence teams of the project's applications. */
function teamsOf(library: ContentLibrary, applications: readonly string[]): Set<string> {
  return new Set(
    library.applications
      .filter((application) => applications.includes(application.key))
      .map((application) => application.competenceTeam),
  );
}

/**
 * Engineers for a project (E3): those of the competence teams of its applications first, the least loaded first
 * (days still to deliver, then projects in flight), then the other engineers, marked as outside those teams.
 */
export async function suggestEngineers(context: ServiceContext, actor: StaffActor, projectId: string) {
  const row = await getProjectForAction(context, actor, projectId);
  const library = await getContentLibrary(context.db);
  const needed = teamsOf(library, row.project.applications);
  const teamNames = new Map(library.teams.map((team) => [team.key, team.name]));
  const engineers = (await listEngineerWorkloads(context.db)).map((engineer) => {
    const matching = engineer.teams.filter((team) => needed.has(team));
    return {
      id: engineer.id,
      name: engineer.name,
      teams: engineer.teams.map((key) => ({ key, name: teamNames.get(key) ?? { en: key, it: key } })),
      matchingTeams: matching,
      isInTeam: matching.length > 0,
      isAssigned: row.project.engineerId === engineer.id,
      projectsInFlight: engineer.projectsInFlight,
      openEffortDays: engineer.openEffortDays,
    };
  });
  engineers.sort(
    (left, right) =>
      Number(right.isInTeam) - Number(left.isInTeam) ||
      left.openEffortDays - right.openEffortDays ||
      left.projectsInFlight - right.projectsInFlight ||
      left.name.localeCompare(right.name),
  );
  return {
    neededTeams: [...needed].map((key) => ({ key, name: teamNames.get(key) ?? { en: key, it: key } })),
    items: engineers,
  };
}

/** Assigns an engineer of the right competence team (E3); throws not_found, forbidden or validation_failed. */
export async function assignEngineer(
  context: ServiceContext,
  actor: StaffActor,
  projectId: string,
  engineerId: string,
) {
  const row = await getProjectForAction(context, actor, projectId);
  ensurePastPurchaseOrder(row);
  const library = await getContentLibrary(context.db);
  const engineer = await findUserById(context.db, engineerId);
  const needed = teamsOf(library, row.project.applications);
  return assignProjectEngineer(context, actor, projectId, {
    id: engineerId,
    isActiveEngineer: engineer !== null && engineer.role === 'engineer' && !engineer.isDisabled,
    isInTeam: engineer !== null && engineer.teams.some((team) => needed.has(team)),
  });
}

/** The link a questionnaire is filled at: the contact's personal portal link to that questionnaire. */
function questionnaireLink(base: string, questionnaireKey: string): string {
  return `${base}?to=questionnaires/${questionnaireKey}`;
}

function contactBuilder(context: ServiceContext, linkBase: (questionnaireKey: string) => string) {
  return async ({
    library,
    row,
    contact,
    language,
  }: {
    library: ContentLibrary;
    row: ProjectWithNames;
    contact: ContactRow;
    language: ContentLanguage;
  }) => {
    if (row.project.engineerId === null) throw refuse('conflict', 'engagement.assign_engineer_first');
    const engineer = await findUserById(context.db, row.project.engineerId);
    if (engineer === null) throw refuse('conflict', 'engagement.engineer_gone');
    const due = new Date(context.now().getTime() + context.portal.questionnaireDueDays * 24 * 3600 * 1000);
    const applications = library.applications.filter((application) =>
      row.project.applications.includes(application.key),
    );
    const values: PlaceholderValues = {
      recipient: { name: contact.name },
      project: { reference: row.project.reference, name: row.project.name },
      customer: { name: row.customerName },
      engineer: { name: engineer.name, email: engineer.email, phone: engineer.phone ?? '' },
      vendor: { name: library.vendor.name },
      questionnairesDueDate: longDate(due, language, 'UTC'),
      projectQuestionnaire: row.project.asksProjectQuestionnaire
        ? [
            {
              title: pick(library.projectQuestionnaire.designQuestionnaire.title, language),
              link: questionnaireLink(linkBase(projectQuestionnaireKey), projectQuestionnaireKey),
            },
          ]
        : [],
      applications: applications.map((application) => ({
        name: pick(application.name, language),
        summary: pick(application.serviceDescription.summary, language),
        included: application.serviceDescription.included.map((item) => pick(item, language)),
        excluded: application.serviceDescription.excluded.map((item) => pick(item, language)),
        customerResponsibilities: application.serviceDescription.customerResponsibilities.map((item) =>
          pick(item, language),
        ),
        questionnaireTitle: pick(application.designQuestionnaire.title, language),
        questionnaireLink: questionnaireLink(linkBase(application.key), application.key),
      })),
    };
    return {
      key: 'engineer-contact' as const,
      values,
      attachments: [],
      replyTo: { name: engineer.name, email: engineer.email },
    };
  };
}

/**
 * The engineer's contact email (E3) as the chosen contacts would receive it, each personal link shown redacted as the
 * Mail tab will show it (the tokens are minted only when it is delivered).
 */
export async function draftContactEmail(
  context: ServiceContext,
  actor: StaffActor,
  projectId: string,
  contactIds: readonly string[],
): Promise<DraftMessage[]> {
  const prepared = await prepareMessages(
    context,
    actor,
    projectId,
    contactIds,
    contactBuilder(context, (questionnaireKey) => portalLinkUrl(context, questionnaireKey)),
  );
  return prepared.map(({ mail: _mail, ...draft }) => draft);
}

/**
 * Writes the engineer's contact email (E3) to the technical reference(s): the service description of each application
 * and one link per design questionnaire. Throws not_found, forbidden, conflict (no engineer) or validation_failed.
 */
export async function sendContactEmail(
  context: ServiceContext,
  actor: StaffActor,
  projectId: string,
  contactIds: readonly string[],
) {
  const prepared = await prepareMessages(
    context,
    actor,
    projectId,
    contactIds,
    contactBuilder(context, (questionnaireKey) => portalLinkUrl(context, questionnaireKey)),
  );
  const { project } = await getProjectForAction(context, actor, projectId);
  await inTransaction(context, async (db) => {
    for (const message of prepared) {
      // One link and one token per questionnaire, each leading to its own: spending one (on a phone, say) leaves the
      // others usable. The slot is named after the application whose questionnaire it opens (`project` for the project's).
      const questionnaireKeys = [
        ...(project.asksProjectQuestionnaire ? [projectQuestionnaireKey] : []),
        ...project.applications,
      ];
      const personalLinks = questionnaireKeys.map((questionnaireKey) => ({
        kind: 'portal' as const,
        slot: questionnaireKey,
        contactId: message.contact.id,
        projectId,
        target: `questionnaires/${questionnaireKey}`,
        reason: 'contact-email',
      }));
      await queueMail(context, db, actor, { ...message.mail, personalLinks });
    }
  });
  return getProjectDetail(context, actor, projectId);
}
