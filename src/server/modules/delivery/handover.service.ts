import { and, desc, eq, inArray, isNull, sql } from 'drizzle-orm';
import { renderEmailTemplate, type ContentLibrary } from '../../../domain/content';
import type { ProcessState } from '../../../domain/process';
import { inTransaction, type ServiceContext } from '../../context';
import type { Database } from '../../db/database';
import { contacts, handoverPackages, organisations, projects, requirements, storedFiles, users } from '../../db/schema';
import { AppError } from '../../errors';
import { renderDossierPdf } from './dossier.pdf';
import type { StaffActor } from '../audit/actor';
import { findLatestProjectEvent, recordAuditEvent } from '../audit/audit.service';
import { getContentLibrary } from '../content/content.service';
import { insertStoredFile } from '../files/files.service';
import { queueMail } from '../mail/mail.service';
import {
  advanceProjectIn,
  checkProjectReadable,
  getProjectForAction,
  processViewOf,
  waiveStepIn,
  findProjectWithNames,
  lockProject,
  type ProjectWithNames,
} from '../projects/projects.service';
import { getWorkLog } from '../work-log/work-log.service';
import {
  liveDocument,
  loadDeliveryState,
  supersedeAwaitingDocument,
  type ChecklistItemState,
  type DeliveryState,
  type UnsignedReport,
} from './delivery-state';
import { deploymentLabel, documentTitles, sha256Of, trainingLabel } from './documents.service';

const checklistState = (item: ChecklistItemState) =>
  item.verifiedAt !== null
    ? `Verified${item.verifiedBy === null ? '' : ` by ${item.verifiedBy.name}`}`
    : item.tickedAt !== null
      ? 'Done, not verified'
      : 'Open';
const resultWords = {
  pass: 'Passed',
  'pass-with-remark': 'Passed with a remark',
  fail: 'Failed',
  'not-applicable': 'Not applicable',
} as const;

function configurationValue(
  value: string | number | boolean,
  options: readonly { value: string; label: { en: string } }[] | null,
): string {
  if (typeof value === 'boolean') return value ? 'Yes' : 'No';
  if (options !== null) return options.find((option) => option.value === value)?.label.en ?? String(value);
  return String(value);
}

/** A signed document as the dossier records it: sealed by Engage, or signed outside Engage with its scan. */
interface DossierSignedDocument {
  title: string;
  version: number;
  method: string;
  signerName: string;
  signerEmail: string;
  /** An instant for an electronic signature; the day (YYYY-MM-DD) the engineer recorded for one outside Engage. */
  signedAt: string;
  documentSha256: string;
  sealedSha256: string | null;
  outsideEngage: { uploadedBy: string; uploadedAt: string; scanSha256: string } | null;
}

/** The installation dossier as data (English): what support needs to look after the installation. */
async function buildDossier(
  db: Database,
  library: ContentLibrary,
  row: ProjectWithNames,
  state: DeliveryState,
  totalMinutes: number,
  closedAt: Date,
  unsignedReport: UnsignedReport | null,
) {
  const project = row.project;
  const organisationIds = [project.customerId, ...(project.partnerId === null ? [] : [project.partnerId])];
  const people = await db
    .select({
      name: contacts.name,
      email: contacts.email,
      phone: contacts.phone,
      role: contacts.role,
      organisation: organisations.name,
    })
    .from(contacts)
    .innerJoin(organisations, eq(organisations.id, contacts.organisationId))
    .where(sql`${contacts.organisationId} in ${organisationIds}`)
    .orderBy(organisations.name, contacts.name);
  const requirementRows = await db
    .select({
      title: requirements.title,
      category: requirements.category,
      status: requirements.status,
      waiveReason: requirements.waiveReason,
      fulfilmentNote: requirements.fulfilmentNote,
    })
    .from(requirements)
    .where(and(eq(requirements.projectId, project.id), isNull(requirements.removedAt)))
    .orderBy(requirements.createdAt);
  const applicationsInScope = project.applications.map((key, index) => {
    const application = library.applications.find((candidate) => candidate.key === key);
    const record = state.configurations[index] ?? null;
    return {
      key,
      name: application?.name.en ?? key,
      installedVersion: record?.installedVersion ?? null,
      installedAt: record?.installedAt?.toISOString() ?? null,
      configuredAt: record?.configuredAt?.toISOString() ?? null,
      configuration: (application?.configurationFields ?? [])
        .filter((field) => record?.values[field.key] !== undefined)
        .map((field) => ({
          key: field.key,
          label: field.label.en,
          value: configurationValue(record?.values[field.key] ?? '', field.type === 'choice' ? field.options : null),
        })),
    };
  });
  const nameOf = (key: string | null) =>
    key === null ? '' : (library.applications.find((application) => application.key === key)?.name.en ?? key);
  return {
    format: 'engage-installation-dossier/1',
    project: {
      id: project.id,
      reference: project.reference,
      name: project.name,
      priority: project.priority,
      closedAt: closedAt.toISOString(),
    },
    customer: row.customerName,
    partner: row.partnerName,
    engineer: row.engineerName,
    deployment: { key: project.deployment, label: deploymentLabel(project.deployment, 'en') },
    contacts: people,
    applications: applicationsInScope,
    environment: state.environment.map((item) => ({
      key: item.key,
      title: item.title.en,
      state: checklistState(item),
      note: item.note,
    })),
    pbxTasks: state.pbx.map((item) => ({
      application: nameOf(item.applicationKey),
      key: item.key,
      title: item.title.en,
      state: checklistState(item),
      note: item.note,
    })),
    requirements: requirementRows.map((requirement) => ({
      title: requirement.title.en,
      category: requirement.category,
      status: requirement.status,
      note: requirement.waiveReason ?? requirement.fulfilmentNote ?? null,
    })),
    uat: state.uat.map((item) => ({
      application: nameOf(item.applicationKey),
      item: item.title.en,
      result: item.result === null ? 'Not run' : resultWords[item.result],
      comment: item.comment,
      exceptionReason: item.exceptionReason,
    })),
    trainings: state.trainings.map((training) => ({
      kind: trainingLabel(training.kind, 'en'),
      date: training.trainingDate,
      durationMinutes: training.durationMinutes,
      attendees: training.attendees,
      topics: training.topics,
    })),
    work: { totalMinutes },
    reportNotes: state.notes.reportNotes,
    maintenanceNotes: state.notes.maintenanceNotes,
    signedDocuments: state.documents.flatMap(({ document, signature, outsideSignature }): DossierSignedDocument[] => {
      const title = documentTitles[document.kind].en;
      if (signature !== null) {
        return [
          {
            title,
            version: document.version,
            method: 'Signed electronically in Engage, sealed by Engage',
            signerName: signature.signerName,
            signerEmail: signature.signerEmail,
            signedAt: signature.signedAt.toISOString(),
            documentSha256: signature.documentSha256,
            sealedSha256: signature.sealedSha256,
            outsideEngage: null,
          },
        ];
      }
      if (outsideSignature === null) return [];
      return [
        {
          title,
          version: document.version,
          method:
            'Signed outside Engage (on paper or in another tool); the scan is kept as uploaded, not sealed by Engage',
          signerName: outsideSignature.signerName,
          signerEmail: '',
          signedAt: outsideSignature.signedOn,
          documentSha256: document.sha256,
          sealedSha256: null,
          outsideEngage: {
            uploadedBy: outsideSignature.recordedByName,
            uploadedAt: outsideSignature.recordedAt.toISOString(),
            scanSha256: outsideSignature.sha256,
          },
        },
      ];
    }),
    /** Set when the activity report was never signed: why, and who decided the project closes without it. */
    unsignedReport,
  };
}

/** The signed documents of the package: their sealed copies as the signers received them, and the scans of those signed outside Engage. */
async function signedCopies(db: Database, state: DeliveryState) {
  const fileIds = state.documents.flatMap(({ signature, outsideSignature }) =>
    signature !== null ? [signature.sealedFileId] : outsideSignature !== null ? [outsideSignature.fileId] : [],
  );
  if (fileIds.length === 0) return [];
  const files = await db
    .select({
      id: storedFiles.id,
      name: storedFiles.originalName,
      contentType: storedFiles.contentType,
      content: storedFiles.content,
    })
    .from(storedFiles)
    .where(inArray(storedFiles.id, fileIds));
  return files.map((file) => ({ filename: file.name, contentType: file.contentType, content: file.content }));
}

/** Every text of the dossier, one per line: what support's full-text search reads. */
function searchTextOf(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value))
    return value
      .map(searchTextOf)
      .filter((text) => text !== '')
      .join('\n');
  return Object.values(value as Record<string, unknown>)
    .map(searchTextOf)
    .filter((text) => text !== '')
    .join('\n');
}

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

const stepName = (step: { code: string; title: { en: string } } | null) =>
  step === null ? 'A step' : `Step ${step.code} ${step.title.en}`;

async function handOver(
  context: ServiceContext,
  actor: StaffActor,
  projectId: string,
  withoutSignedReport: { reason: string } | null,
) {
  await getProjectForAction(context, actor, projectId);
  if (withoutSignedReport !== null && actor.role !== 'admin' && actor.role !== 'manager') {
    const refusal = new AppError(
      'forbidden',
      'Only a manager can close a project without a signed activity report. Ask a manager to do it, or have the report signed: a copy signed on paper can be uploaded as its signed copy.',
    );
    await recordAuditEvent(context.db, actor, {
      action: 'access.refused',
      projectId,
      subjectType: 'handover-package',
      subjectId: projectId,
      after: { reason: refusal.message },
    });
    throw refusal;
  }
  const library = await getContentLibrary(context.db);
  const workLog = await getWorkLog(context, actor, projectId);
  await inTransaction(context, async (db) => {
    const locked = await lockProject(db, projectId);
    const row = await findProjectWithNames(db, projectId);
    if (locked === null || row === null) throw new AppError('not_found', 'No such project.');
    const state = await loadDeliveryState(db, library, locked);
    if (state.handover !== null)
      throw new AppError('conflict', 'The project is already closed and its hand-over package was sent.');
    const isReportSigned = liveDocument(state, 'activity-report')?.document.state === 'signed';
    const reportStep = (locked.processState as ProcessState).steps['activity-report'];
    let unsignedReport: UnsignedReport | null = null;
    if (withoutSignedReport !== null) {
      if (isReportSigned)
        throw new AppError('conflict', 'The activity report is signed: close the project with Close and hand over.');
      const current = (await processViewOf(db, locked)).currentStep;
      if (reportStep?.status === 'waived') {
        throw new AppError(
          'conflict',
          `Step P7 Activity report is already waived (“${reportStep.reason ?? ''}”): close the project with Close and hand over; the dossier records that waiver.`,
        );
      }
      if (current?.key !== 'activity-report') {
        throw new AppError(
          'conflict',
          `${stepName(current)} is still open: finish it (or have a manager waive it) before closing.`,
        );
      }
      if (state.notes.maintenanceNotes.trim() === '') {
        throw new AppError(
          'conflict',
          'The internal maintenance notes are empty: write them first (step P7), since support reads them in the dossier.',
        );
      }
      await waiveStepIn(context, db, actor, projectId, 'activity-report', withoutSignedReport.reason);
      unsignedReport = {
        reason: withoutSignedReport.reason,
        decidedBy: actor.name,
        decidedAt: context.now().toISOString(),
      };
    } else if (!isReportSigned) {
      if (reportStep?.status !== 'waived') {
        throw new AppError(
          'conflict',
          'The activity report is not signed yet: closing needs the customer’s or partner’s signature on it (step P7), in the portal or on paper (upload the signed scan). A manager can also close without a signed report, with a reason.',
        );
      }
      const waiver = await findLatestProjectEvent(db, projectId, 'process.step.waived', 'activity-report');
      unsignedReport = {
        reason: reportStep.reason ?? '',
        decidedBy: waiver?.actorName ?? 'Unknown',
        decidedAt: (waiver?.at ?? context.now()).toISOString(),
      };
    }
    const project = (await lockProject(db, projectId)) ?? locked;
    const view = await processViewOf(db, project);
    if (view.currentStep?.key !== 'handover') {
      throw new AppError(
        'conflict',
        `${stepName(view.currentStep)} is still open: finish it (or have a manager waive it) before closing.`,
      );
    }
    // A version still out for signature would otherwise stay signable in the portal after the dossier was sent.
    const withdrawn = [
      ...(await supersedeAwaitingDocument(
        db,
        projectId,
        'uat',
        'The project was closed before this version was signed.',
        context.now(),
      )),
      ...(await supersedeAwaitingDocument(
        db,
        projectId,
        'activity-report',
        'The project was closed before this version was signed.',
        context.now(),
      )),
    ];
    const now = context.now();
    const totalMinutes = workLog.entries.reduce((sum, entry) => sum + entry.durationMinutes, 0);
    const dossier = await buildDossier(db, library, row, state, totalMinutes, now, unsignedReport);
    const pdf = await renderDossierPdf({
      vendorName: library.vendor.name,
      language: 'en',
      createdAt: now,
      projectReference: project.reference,
      projectName: project.name,
      customerName: row.customerName,
      partnerName: row.partnerName,
      engineerName: row.engineerName,
      documentVersion: 1,
      closedAt: now,
      deployment: dossier.deployment.label,
      contacts: dossier.contacts.map((contact) => ({ ...contact, role: contact.role.replace(/-/g, ' ') })),
      applications: dossier.applications.map((application) => ({
        name: application.name,
        installedVersion: application.installedVersion,
        configuration: application.configuration.map(({ label, value }) => ({ label, value })),
      })),
      environment: dossier.environment.map(({ title, state: itemState }) => ({ title, state: itemState })),
      pbxTasks: dossier.pbxTasks.map(({ application, title, state: itemState }) => ({
        application,
        title,
        state: itemState,
      })),
      requirements: dossier.requirements,
      uat: dossier.uat,
      trainings: dossier.trainings,
      totalMinutes,
      reportNotes: dossier.reportNotes,
      maintenanceNotes: dossier.maintenanceNotes,
      signedDocuments: dossier.signedDocuments.map((document) => ({
        title: document.title,
        version: document.version,
        signerName: document.signerName,
        signedAt: document.signedAt,
        sealedSha256: document.sealedSha256 ?? document.outsideEngage?.scanSha256 ?? '',
        outsideEngage:
          document.outsideEngage === null
            ? null
            : {
                ...document.outsideEngage,
                uploadedAt: `${document.outsideEngage.uploadedAt.slice(0, 16).replace('T', ' ')} UTC`,
              },
      })),
      unsignedReport,
    });
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
    await db.insert(handoverPackages).values({
      projectId,
      dossier,
      searchText: searchTextOf(dossier),
      pdfFileId: pdfFile.id,
      jsonFileId: jsonFile.id,
      createdAt: now,
      createdBy: actor.userId,
    });
    const [engineer] =
      project.engineerId === null
        ? []
        : await db
            .select({ name: users.name, email: users.email, phone: users.phone })
            .from(users)
            .where(eq(users.id, project.engineerId));
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
      replyTo: engineer === undefined ? null : { name: engineer.name, email: engineer.email },
      ...rendered,
      attachments: [
        { filename: `${baseName}.pdf`, contentType: 'application/pdf', content: pdf },
        { filename: `${baseName}.json`, contentType: 'application/json', content: json },
        ...(await signedCopies(db, state)),
      ],
    });
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

/** The hand-over package's PDF or JSON. */
export async function getHandoverFile(
  context: ServiceContext,
  actor: StaffActor,
  projectId: string,
  format: 'pdf' | 'json',
) {
  await checkProjectReadable(context, actor, projectId);
  const [pack] = await context.db
    .select({ pdfFileId: handoverPackages.pdfFileId, jsonFileId: handoverPackages.jsonFileId })
    .from(handoverPackages)
    .where(eq(handoverPackages.projectId, projectId));
  if (pack === undefined)
    throw new AppError(
      'not_found',
      'This project has no hand-over package yet: it is produced when the project is closed.',
    );
  const [file] = await context.db
    .select({ name: storedFiles.originalName, contentType: storedFiles.contentType, content: storedFiles.content })
    .from(storedFiles)
    .where(eq(storedFiles.id, format === 'pdf' ? pack.pdfFileId : pack.jsonFileId));
  if (file === undefined) throw new AppError('not_found', 'The package’s file is missing.');
  return file;
}

function excerptOf(text: string, query: string): string {
  const lower = text.toLowerCase();
  const words = query
    .toLowerCase()
    .split(/\s+/)
    .filter((word) => word !== '');
  const at = words.map((word) => lower.indexOf(word)).find((index) => index >= 0) ?? 0;
  const line = text.slice(
    Math.max(0, text.lastIndexOf('\n', at) + 1),
    Math.max(at, text.indexOf('\n', at) === -1 ? text.length : text.indexOf('\n', at)),
  );
  return line.length > 200 ? `${line.slice(0, 200)}…` : line;
}

/**
 * Support's search of the dossiers of closed projects by any text (customer, application, a configuration value):
 * every word must appear, as a word of the dossier (full-text, 'simple' dictionary) or inside one (a host name).
 */
export async function searchDossiers(context: ServiceContext, actor: StaffActor, query: string) {
  const words = query
    .split(/\s+/)
    .filter((word) => word !== '')
    .slice(0, 8);
  const conditions = words.map((word) => {
    const like = `%${word.replace(/[\\%_]/g, (character) => `\\${character}`)}%`;
    return sql`(to_tsvector('simple', ${handoverPackages.searchText}) @@ plainto_tsquery('simple', ${word}) or ${handoverPackages.searchText} ilike ${like})`;
  });
  const rows = await context.db
    .select({
      projectId: projects.id,
      reference: projects.reference,
      name: projects.name,
      customerName: organisations.name,
      closedAt: handoverPackages.createdAt,
      searchText: handoverPackages.searchText,
    })
    .from(handoverPackages)
    .innerJoin(projects, eq(projects.id, handoverPackages.projectId))
    .innerJoin(organisations, eq(organisations.id, projects.customerId))
    .where(and(...conditions, actor.role === 'support' ? eq(projects.state, 'complete') : undefined))
    .orderBy(desc(handoverPackages.createdAt))
    .limit(50);
  return { items: rows.map(({ searchText, ...row }) => ({ ...row, excerpt: excerptOf(searchText, query) })) };
}
