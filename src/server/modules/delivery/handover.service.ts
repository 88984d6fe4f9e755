/**
 * P8: closing a project and handing it over to support: the checks (the activity report signed, or a manager's
 * decision to close without it), the versions still out for signature withdrawn, the installation dossier stored as
 * PDF and JSON and emailed to the support mailbox, the step completed, all in one transaction.
 */
import { renderEmailTemplate, type ContentLibrary } from '../../../domain/content';
import { inTransaction, type ServiceContext } from '../../context';
import type { Database } from '../../db/database';
import { refuse } from '../../errors';
import type { StaffActor } from '../audit/actor';
import { findLatestProjectEvent, recordAuditEvent } from '../audit/audit.service';
import { getContentLibrary } from '../content/content.service';
import { insertStoredFile } from '../files/files.service';
import { queueMail } from '../mail/mail.service';
import {
  advanceProjectIn,
  findProjectWithNames,
  getProjectForAction,
  lockProject,
  processViewOf,
  waiveStepIn,
  type ProjectRow,
  type ProjectWithNames,
} from '../projects/projects.service';
import { findUserById } from '../users/users.service';
import { getWorkLog } from '../work-log/work-log.service';
import {
  liveDocument,
  loadDeliveryState,
  supersedeAwaitingDocument,
  type DeliveryState,
  type UnsignedReport,
} from './delivery-state';
import { sha256Of } from './document-format';
import { buildDossier, renderDossier, searchTextOf, signedCopies, type Dossier } from './dossier';
import { insertHandoverPackage } from './handover.repository';

export { getHandoverFile, searchDossiers } from './dossiers.service';

/**
 * P8: closes the project. Refused until the activity report is signed (or its step P7 waived by a manager); then builds
 * the hand-over package (the installation dossier as PDF and JSON), keeps it searchable, and emails it to the support
 * mailbox, all in one transaction with the step it completes. Throws forbidden, not_found or conflict.
 */
export async function closeProject(context: ServiceContext, actor: StaffActor, projectId: string) {
  await handOver(context, actor, projectId, null);
}

/**
 * P7–P8 for a customer who never signs the activity report: a manager closes the project with a reason. P7 is waived
 * with that reason (so the portal shows it skipped, never done), and the hand-over goes to support exactly as in
 * closeProject, its dossier saying that the report was not signed, why and who decided. Throws forbidden (an engineer),
 * not_found or conflict (the report is signed, an earlier step is open, no maintenance notes, already closed).
 */
export async function closeProjectWithoutSignedReport(
  context: ServiceContext,
  actor: StaffActor,
  projectId: string,
  reason: string,
) {
  await handOver(context, actor, projectId, { reason: reason.trim() });
}

/** Refuses closing while a step before the hand-over is open, naming it. */
const stepStillOpen = (step: { code: string; title: { en: string } } | null) =>
  step === null
    ? refuse('conflict', 'delivery.a_step_still_open')
    : refuse('conflict', 'delivery.step_still_open', { values: { code: step.code, title: step.title.en } });

/** Refuses (and records the refusal of) a closing without a signed report by anyone but a manager or an admin. */
async function refuseUnlessManager(context: ServiceContext, actor: StaffActor, projectId: string): Promise<void> {
  if (actor.role !== 'admin' && actor.role !== 'manager') {
    const refusal = refuse('forbidden', 'delivery.manager_closes_unsigned');
    await recordAuditEvent(context.db, actor, {
      action: 'access.refused',
      projectId,
      subjectType: 'handover-package',
      subjectId: projectId,
      after: { reason: refusal.message },
    });
    throw refusal;
  }
}

/**
 * Whether the activity report is signed and, when it is not, the record of why the project closes without it: the
 * manager's reason now (P7 waived with it), or the earlier waiver of P7. Throws conflict when neither holds.
 */
async function decideUnsignedReport(
  context: ServiceContext,
  db: Database,
  actor: StaffActor,
  locked: ProjectRow,
  state: DeliveryState,
  withoutSignedReport: { reason: string } | null,
): Promise<{ isReportSigned: boolean; unsignedReport: UnsignedReport | null }> {
  const projectId = locked.id;
  const isReportSigned = liveDocument(state, 'activity-report')?.document.state === 'signed';
  const reportStep = locked.processState.steps['activity-report'];
  let unsignedReport: UnsignedReport | null = null;
  if (withoutSignedReport !== null) {
    if (isReportSigned) throw refuse('conflict', 'delivery.report_signed_close');
    const current = (await processViewOf(db, locked)).currentStep;
    if (reportStep?.status === 'waived') {
      throw refuse('conflict', 'delivery.report_already_waived', { values: { reason: reportStep.reason ?? '' } });
    }
    if (current?.key !== 'activity-report') throw stepStillOpen(current);
    if (state.notes.maintenanceNotes.trim() === '') {
      throw refuse('conflict', 'delivery.maintenance_notes_empty');
    }
    await waiveStepIn(context, db, actor, projectId, 'activity-report', withoutSignedReport.reason);
    unsignedReport = {
      reason: withoutSignedReport.reason,
      decidedBy: actor.name,
      decidedAt: context.now().toISOString(),
    };
  } else if (!isReportSigned) {
    if (reportStep?.status !== 'waived') {
      throw refuse('conflict', 'delivery.report_not_signed');
    }
    const waiver = await findLatestProjectEvent(db, projectId, 'process.step.waived', 'activity-report');
    unsignedReport = {
      reason: reportStep.reason ?? '',
      decidedBy: waiver?.actorName ?? 'Unknown',
      decidedAt: (waiver?.at ?? context.now()).toISOString(),
    };
  }
  return { isReportSigned, unsignedReport };
}

/** The project as it is after the checks, refused unless the hand-over is its current step. */
async function ensureHandoverIsCurrent(db: Database, projectId: string, locked: ProjectRow): Promise<ProjectRow> {
  const project = (await lockProject(db, projectId)) ?? locked;
  const view = await processViewOf(db, project);
  if (view.currentStep?.key !== 'handover') throw stepStillOpen(view.currentStep);
  return project;
}

/** Withdraws the versions still out for signature; their ids. */
async function withdrawAwaitingVersions(context: ServiceContext, db: Database, projectId: string): Promise<string[]> {
  // A version still out for signature would otherwise stay signable in the portal after the dossier was sent.
  return [
    ...(await supersedeAwaitingDocument(db, projectId, 'uat', 'project_closed', context.now())),
    ...(await supersedeAwaitingDocument(db, projectId, 'activity-report', 'project_closed', context.now())),
  ];
}

interface Package {
  library: ContentLibrary;
  row: ProjectWithNames;
  project: ProjectRow;
  state: DeliveryState;
  dossier: Dossier;
  pdf: Buffer;
  now: Date;
}

/** Keeps the dossier's PDF and JSON as the project's files and the package that names them; the JSON. */
async function storePackage(db: Database, actor: StaffActor, pack: Package): Promise<Buffer> {
  const { project, dossier, pdf, now } = pack;
  const projectId = project.id;
  const json = Buffer.from(`${JSON.stringify(dossier, null, 2)}\n`, 'utf8');
  const stored = async (name: string, contentType: string, content: Buffer) =>
    insertStoredFile(db, {
      projectId,
      purpose: 'handover',
      originalName: name,
      contentType,
      size: content.length,
      sha256: sha256Of(content),
      content,
      uploadedBy: { kind: 'staff', id: actor.userId, name: actor.name },
      createdAt: now,
    });
  const baseName = `Installation dossier ${project.reference}`;
  const pdfFile = await stored(`${baseName}.pdf`, 'application/pdf', pdf);
  const jsonFile = await stored(`${baseName}.json`, 'application/json', json);
  await insertHandoverPackage(db, {
    projectId,
    dossier,
    searchText: searchTextOf(dossier),
    pdfFileId: pdfFile.id,
    jsonFileId: jsonFile.id,
    createdAt: now,
    createdBy: actor.userId,
  });
  return json;
}

/** Emails the package (dossier, JSON, signed copies) to the support mailbox, replies going to the engineer. */
async function sendPackage(context: ServiceContext, db: Database, actor: StaffActor, pack: Package, json: Buffer) {
  const { library, row, project, state, pdf, now } = pack;
  const projectId = project.id;
  const baseName = `Installation dossier ${project.reference}`;
  const engineer = project.engineerId === null ? null : await findUserById(db, project.engineerId);
  const support = context.delivery.supportMailbox;
  const rendered = renderEmailTemplate(library.emailTemplates['handover-package'].en, {
    recipient: { name: support.name ?? 'Support' },
    project: { reference: project.reference, name: project.name },
    customer: { name: row.customerName },
    vendor: { name: library.vendor.name },
    engineer: { name: engineer?.name ?? '', email: engineer?.email ?? '', phone: engineer?.phone ?? '' },
    closedDate: new Intl.DateTimeFormat('en-GB', { dateStyle: 'long', timeZone: 'UTC' }).format(now),
    link: new URL(`/projects/${projectId}`, context.publicUrl).href,
  });
  // The one email that carries the internal notes: to the vendor's own support team, never to a customer or partner.
  await queueMail(context, db, actor, {
    projectId,
    kind: 'handover-package',
    language: 'en',
    to: [support],
    replyTo: engineer === null ? null : { name: engineer.name, email: engineer.email },
    ...rendered,
    attachments: [
      { filename: `${baseName}.pdf`, contentType: 'application/pdf', content: pdf },
      { filename: `${baseName}.json`, contentType: 'application/json', content: json },
      ...(await signedCopies(db, state)),
    ],
  });
  return support;
}

async function handOver(
  context: ServiceContext,
  actor: StaffActor,
  projectId: string,
  withoutSignedReport: { reason: string } | null,
) {
  await getProjectForAction(context, actor, projectId);
  if (withoutSignedReport !== null) await refuseUnlessManager(context, actor, projectId);
  const library = await getContentLibrary(context.db);
  const workLog = await getWorkLog(context, actor, projectId);
  await inTransaction(context, async (db) => {
    const locked = await lockProject(db, projectId);
    const row = await findProjectWithNames(db, projectId);
    if (locked === null || row === null) throw refuse('not_found', 'common.no_such_project');
    const state = await loadDeliveryState(db, library, locked);
    if (state.handover !== null) throw refuse('conflict', 'delivery.already_closed');
    const { isReportSigned, unsignedReport } = await decideUnsignedReport(
      context,
      db,
      actor,
      locked,
      state,
      withoutSignedReport,
    );
    const project = await ensureHandoverIsCurrent(db, projectId, locked);
    const withdrawn = await withdrawAwaitingVersions(context, db, projectId);
    const now = context.now();
    const totalMinutes = workLog.entries.reduce((sum, entry) => sum + entry.durationMinutes, 0);
    const dossier = await buildDossier(db, library, row, state, totalMinutes, now, unsignedReport);
    const pdf = await renderDossier(library, row, project, dossier, { totalMinutes, now, unsignedReport });
    const pack: Package = { library, row, project, state, dossier, pdf, now };
    const json = await storePackage(db, actor, pack);
    const support = await sendPackage(context, db, actor, pack, json);
    await recordAuditEvent(db, actor, {
      action: 'project.closed',
      projectId,
      subjectType: 'handover-package',
      subjectId: projectId,
      after: {
        pdfSha256: sha256Of(pdf),
        jsonSha256: sha256Of(json),
        to: support.email,
        isReportSigned,
        unsignedReport,
        withdrawnDocuments: withdrawn,
      },
    });
    await advanceProjectIn(context, db, projectId, actor, 'project closed');
  });
}
