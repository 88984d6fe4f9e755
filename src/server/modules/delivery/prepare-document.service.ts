/**
 * Putting a version of the UAT document or the activity report up for signature: the PDF rendered from what is
 * recorded now, kept with its SHA-256, the version awaiting signature superseded, and each signer emailed a link.
 */
import { renderEmailTemplate, type ContentLibrary } from '../../../domain/content';
import { longDate } from '../../../domain/text/format';
import { pick } from '../../../domain/text/languages';
import { inTransaction, type ServiceContext } from '../../context';
import type { Database } from '../../db/database';
import { translate } from '../../../domain/text/i18n';
import { refuse } from '../../errors';
import type { StaffActor } from '../audit/actor';
import { recordAuditEvent } from '../audit/audit.service';
import { getContentLibrary } from '../content/content.service';
import { insertStoredFile } from '../files/files.service';
import { queueMail } from '../mail/mail.service';
import { portalLinkExpiresAt, portalLinkUrl } from '../mail/personal-links';
import { listContactsOfOrganisationsByIds } from '../organisations/organisations.service';
import { ensureRecipientsEnabled } from '../organisations/recipients';
import { getTemplate } from '../process/process.service';
import {
  findProjectWithNames,
  getProjectForAction,
  lockProject,
  type ProjectRow,
  type ProjectWithNames,
} from '../projects/projects.service';
import { findUserById } from '../users/users.service';
import { getWorkLog, listActiveWorkLogEntryIds } from '../work-log/work-log.service';
import { renderActivityReportPdf } from './activity-report.pdf';
import type { DocumentHeader } from './delivery-document.pdf';
import { liveDocument, loadDeliveryState, uatGaps, type DeliveryState } from './delivery-state';
import type { PrepareDocumentBody } from './delivery.schemas';
import { sha256Of } from './document-format';
import { deploymentLabel, documentTitles, trainingLabel, type Language } from './document-texts';
import { findLatestVersion, insertSignableDocument, supersedeAwaitingVersions } from './documents.repository';
import { renderUatPdf } from './uat-document.pdf';

type Signer = Awaited<ReturnType<typeof listContactsOfOrganisationsByIds>>[number];
type ReportSources = Awaited<ReturnType<typeof reportSources>>;

function headerOf(
  library: ContentLibrary,
  row: ProjectWithNames,
  language: Language,
  version: number,
  createdAt: Date,
): DocumentHeader {
  return {
    vendorName: library.vendor.name,
    language,
    createdAt,
    projectReference: row.project.reference,
    projectName: row.project.name,
    customerName: row.customerName,
    partnerName: row.partnerName,
    engineerName: row.engineerName,
    documentVersion: version,
  };
}

const applicationName = (library: ContentLibrary, key: string, language: Language) =>
  ((application) => (application === undefined ? key : pick(application.name, language)))(
    library.applications.find((application) => application.key === key),
  );

async function renderUat(
  library: ContentLibrary,
  row: ProjectWithNames,
  state: DeliveryState,
  header: DocumentHeader,
): Promise<Buffer> {
  const language = header.language;
  return renderUatPdf({
    ...header,
    applications: row.project.applications.map((key) => ({
      name: applicationName(library, key, language),
      items: state.uat
        .filter((item) => item.applicationKey === key)
        .map((item) => ({
          title: pick(item.title, language),
          expectedResult: pick(item.expectedResult, language),
          result: item.result,
          comment: item.comment,
          exceptionReason: item.exceptionReason,
          evidence: item.evidence?.name ?? null,
        })),
    })),
  });
}

/** The ids of the project's work log entries, read in the caller's transaction (to see that the report's sources still hold). */
async function activeWorkLogIds(db: Database, projectId: string): Promise<string> {
  return (await listActiveWorkLogEntryIds(db, projectId)).sort().join(',');
}

/** What the activity report is drafted from, read before the transaction (the embedded database has one connection). */
async function reportSources(context: ServiceContext, actor: StaffActor, projectId: string) {
  const workLog = await getWorkLog(context, actor, projectId);
  const row = await findProjectWithNames(context.db, projectId);
  if (row === null) throw refuse('not_found', 'common.no_such_project');
  const template = await getTemplate(context.db, row.project.templateKey, row.project.templateVersion);
  return { workLog, template };
}

async function renderReport(
  sources: ReportSources,
  library: ContentLibrary,
  row: ProjectWithNames,
  state: DeliveryState,
  header: DocumentHeader,
): Promise<Buffer> {
  const language = header.language;
  const { workLog, template } = sources;
  if (workLog.entries.length === 0) {
    throw refuse('conflict', 'delivery.work_log_empty');
  }
  const stepTitle = new Map(template.steps.map((step) => [step.key, `${step.code} ${pick(step.title, language)}`]));
  return renderActivityReportPdf({
    ...header,
    deployment: deploymentLabel(row.project.deployment, language),
    applications: row.project.applications.map((key) => applicationName(library, key, language)),
    activities: workLog.entries.map((entry) => ({
      date: entry.workDate,
      step: stepTitle.get(entry.stepKey) ?? entry.stepKey,
      performer: entry.performer.name,
      durationMinutes: entry.durationMinutes,
      description: entry.description,
    })),
    effort: workLog.effort.lines.map((line) => ({
      label: pick(line.name, language),
      unit: line.unit,
      purchased: line.purchased,
      used: line.used,
    })),
    trainings: state.trainings.map((training) => ({
      kind: trainingLabel(training.kind, language),
      date: training.trainingDate,
      durationMinutes: training.durationMinutes,
      attendees: training.attendees,
      topics: training.topics,
    })),
    notes: state.notes.reportNotes,
  });
}

/** Refuses a new version of a closed project, of a kind already signed, of a report whose work log changed, or of a UAT not fully run. */
async function ensurePreparable(
  db: Database,
  projectId: string,
  state: DeliveryState,
  body: PrepareDocumentBody,
  sources: ReportSources | null,
): Promise<void> {
  if (state.handover !== null) throw refuse('conflict', 'delivery.project_closed');
  if (
    sources !== null &&
    (await activeWorkLogIds(db, projectId)) !==
      sources.workLog.entries
        .map((entry) => entry.id)
        .sort()
        .join(',')
  ) {
    throw refuse('conflict', 'delivery.work_log_changed');
  }
  const live = liveDocument(state, body.kind);
  if (live?.document.state === 'signed') {
    throw refuse('conflict', `delivery.nothing_left_to_sign.${body.kind}`, {
      values: { version: live.document.version },
    });
  }
  if (body.kind === 'uat') {
    const gaps = uatGaps(state);
    const values = { notRun: gaps.notRun, failed: gaps.failedOpen };
    if (gaps.notRun > 0 && gaps.failedOpen > 0)
      throw refuse('conflict', 'delivery.uat_not_run_and_failed_open', { values });
    if (gaps.notRun > 0) throw refuse('conflict', 'delivery.uat_not_run', { values });
    if (gaps.failedOpen > 0) throw refuse('conflict', 'delivery.uat_failed_open', { values });
  }
}

/** The chosen signers, each a contact (enabled) of the project's customer or partner. Throws validation_failed. */
async function findSigners(db: Database, project: ProjectRow, signerContactIds: string[]): Promise<Signer[]> {
  const signers = await listContactsOfOrganisationsByIds(db, signerContactIds, [
    project.customerId,
    ...(project.partnerId === null ? [] : [project.partnerId]),
  ]);
  if (signers.length !== new Set(signerContactIds).size) {
    throw refuse('validation_failed', 'delivery.signer_not_a_contact', {
      details: [{ path: 'body.signerContactIds', message: translate('en', 'errors', 'delivery.not_a_contact') }],
    });
  }
  ensureRecipientsEnabled(signers, signerContactIds, 'body.signerContactIds');
  return signers;
}

/** Emails each signer a personal link to the portal's delivery page, in their language, replies going to the engineer. */
async function requestSignatures(
  context: ServiceContext,
  db: Database,
  actor: StaffActor,
  input: { library: ContentLibrary; row: ProjectWithNames; signers: Signer[]; kind: PrepareDocumentBody['kind'] },
  version: number,
): Promise<void> {
  const { library, row, signers } = input;
  const project = row.project;
  const title = documentTitles[input.kind];
  const engineer = row.project.engineerId === null ? null : await findUserById(db, row.project.engineerId);
  for (const signer of signers) {
    const rendered = renderEmailTemplate(library.emailTemplates['signature-request'][signer.language], {
      recipient: { name: signer.name },
      project: { reference: project.reference, name: project.name },
      customer: { name: row.customerName },
      vendor: { name: library.vendor.name },
      engineer: { name: engineer?.name ?? actor.name, email: engineer?.email ?? '', phone: engineer?.phone ?? '' },
      document: { title: title[signer.language], version: String(version) },
      link: portalLinkUrl(context, 'portal'),
      expiresDate: longDate(portalLinkExpiresAt(context), signer.language, 'UTC'),
    });
    await queueMail(context, db, actor, {
      projectId: project.id,
      kind: 'signature-request',
      language: signer.language,
      to: [{ name: signer.name, email: signer.email }],
      replyTo: engineer === null ? null : { name: engineer.name, email: engineer.email },
      ...rendered,
      personalLinks: [
        {
          kind: 'portal',
          slot: 'portal',
          contactId: signer.id,
          projectId: project.id,
          target: 'delivery',
          reason: 'issued',
        },
      ],
    });
  }
}

/**
 * Puts a new version of the UAT document or the activity report up for signature: renders the PDF from what is
 * recorded now, keeps it with its SHA-256, supersedes the version awaiting signature, and emails each chosen signer a
 * personal link to the portal's delivery page. Refused once the kind is signed, and for a UAT not fully run.
 */
export async function prepareDocument(
  context: ServiceContext,
  actor: StaffActor,
  projectId: string,
  body: PrepareDocumentBody,
) {
  await getProjectForAction(context, actor, projectId);
  const library = await getContentLibrary(context.db);
  const title = documentTitles[body.kind];
  const sources = body.kind === 'activity-report' ? await reportSources(context, actor, projectId) : null;
  return inTransaction(context, async (db) => {
    const project = await lockProject(db, projectId);
    const row = await findProjectWithNames(db, projectId);
    if (project === null || row === null) throw refuse('not_found', 'common.no_such_project');
    const state = await loadDeliveryState(db, library, project);
    await ensurePreparable(db, projectId, state, body, sources);
    const signers = await findSigners(db, project, body.signerContactIds);
    const language = body.language ?? signers[0]?.language ?? 'en';
    const version = (await findLatestVersion(db, projectId, body.kind)) + 1;
    const now = context.now();
    const header = headerOf(library, row, language, version, now);
    const pdf =
      sources === null
        ? await renderUat(library, row, state, header)
        : await renderReport(sources, library, row, state, header);
    const sha256 = sha256Of(pdf);
    const file = await insertStoredFile(db, {
      projectId,
      purpose: 'document',
      originalName: `${title.en} ${project.reference} v${version}.pdf`,
      contentType: 'application/pdf',
      size: pdf.length,
      sha256,
      content: pdf,
      uploadedBy: { kind: 'staff', id: actor.userId, name: actor.name },
      createdAt: now,
    });
    const superseded = await supersedeAwaitingVersions(db, projectId, body.kind, 'replaced_by_version', now);
    const document = await insertSignableDocument(db, {
      projectId,
      kind: body.kind,
      version,
      state: 'awaiting-signature',
      fileId: file.id,
      sha256,
      signerContactIds: signers.map((signer) => signer.id),
      createdAt: now,
      createdBy: actor.userId,
    });
    await requestSignatures(context, db, actor, { library, row, signers, kind: body.kind }, version);
    await recordAuditEvent(db, actor, {
      action: 'document.prepared',
      projectId,
      subjectType: 'signable-document',
      subjectId: document.id,
      after: {
        kind: body.kind,
        version,
        sha256,
        language,
        signers: signers.map((signer) => signer.email),
        superseded,
      },
    });
    return document;
  });
}
