import { longDate } from '../../../domain/text/format';
import {
  hasText,
  localized,
  resourceOf,
  translate,
  translatorFor,
  type Localized,
  type TextKey,
} from '../../../domain/text/i18n';
import { pick, type Language } from '../../../domain/text/languages';
import { createHash, randomUUID } from 'node:crypto';
import { and, eq, inArray, isNull, max } from 'drizzle-orm';
import { renderEmailTemplate, type ContentLibrary } from '../../../domain/content';
import { inTransaction, type ServiceContext } from '../../context';
import type { Database } from '../../db/database';
import {
  contacts,
  documentSignatures,
  handoverPackages,
  organisations,
  outsideSignatures,
  portalLinks,
  projects,
  signableDocuments,
  storedFiles,
  users,
  workLogEntries,
} from '../../db/schema';
import { AppError } from '../../errors';
import { renderActivityReportPdf } from './activity-report.pdf';
import type { DocumentHeader } from './delivery-document.pdf';
import { renderUatPdf } from './uat-document.pdf';
import { certificateFingerprint, isDrawablePng, readSealMarker, sealPdf } from '../../pdf/seal';
import type { StaffActor } from '../audit/actor';
import { recordAuditEvent } from '../audit/audit.service';
import { getContentLibrary } from '../content/content.service';
import { checkUpload } from '../files/file-check';
import { insertStoredFile } from '../files/files.service';
import { queueMail } from '../mail/mail.service';
import { ensureRecipientsEnabled } from '../organisations/recipients';
import { portalLinkExpiresAt, portalLinkUrl } from '../mail/personal-links';
import { actorOf, projectFor, refuseTo, sayTo, type Participant } from '../projects/participant';
import { getTemplate } from '../process/process.service';
import {
  advanceProjectIn,
  getProjectForAction,
  findProjectWithNames,
  lockProject,
  type ProjectWithNames,
} from '../projects/projects.service';
import { getWorkLog } from '../work-log/work-log.service';
import { liveDocument, loadDeliveryState, uatGaps, type DeliveryState, type SignableKind } from './delivery-state';
import type { OutsideSignatureQuery, PrepareDocumentBody, SignBody } from './delivery.schemas';
import { sealCertificateOf } from './seal-certificate';

/** The documents' titles in every language (src/domain/text/locales/<language>/documents.json). */
export const documentTitles: Record<SignableKind, Localized> = {
  uat: localized('documents', 'titles.uat'),
  'activity-report': localized('documents', 'titles.activity-report'),
};

/** What the signer agrees to, in their language; stored with the signature exactly as shown. */
export const consentTexts: Localized = localized('documents', 'consent');

export function deploymentLabel(deployment: string, language: Language): string {
  const key = `deployment.${deployment}`;
  return hasText('documents', key) ? translate(language, 'documents', key as TextKey<'documents'>) : deployment;
}

export function trainingLabel(kind: string, language: Language): string {
  const key = `training.${kind}`;
  return hasText('documents', key) ? translate(language, 'documents', key as TextKey<'documents'>) : kind;
}

export const sha256Of = (content: Buffer): string => createHash('sha256').update(content).digest('hex');

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
  const rows = await db
    .select({ id: workLogEntries.id })
    .from(workLogEntries)
    .where(and(eq(workLogEntries.projectId, projectId), isNull(workLogEntries.removedAt)));
  return rows
    .map((row) => row.id)
    .sort()
    .join(',');
}

/** What the activity report is drafted from, read before the transaction (the embedded database has one connection). */
async function reportSources(context: ServiceContext, actor: StaffActor, projectId: string) {
  const workLog = await getWorkLog(context, actor, projectId);
  const row = await findProjectWithNames(context.db, projectId);
  if (row === null) throw new AppError('not_found', 'No such project.');
  const template = await getTemplate(context.db, row.project.templateKey, row.project.templateVersion);
  return { workLog, template };
}

async function renderReport(
  sources: Awaited<ReturnType<typeof reportSources>>,
  library: ContentLibrary,
  row: ProjectWithNames,
  state: DeliveryState,
  header: DocumentHeader,
): Promise<Buffer> {
  const language = header.language;
  const { workLog, template } = sources;
  if (workLog.entries.length === 0) {
    throw new AppError(
      'conflict',
      'The work log is empty: log the activities performed before drafting the activity report.',
    );
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
    if (project === null || row === null) throw new AppError('not_found', 'No such project.');
    const state = await loadDeliveryState(db, library, project);
    if (state.handover !== null)
      throw new AppError('conflict', 'The project is closed: its documents no longer change.');
    if (
      sources !== null &&
      (await activeWorkLogIds(db, projectId)) !==
        sources.workLog.entries
          .map((entry) => entry.id)
          .sort()
          .join(',')
    ) {
      throw new AppError('conflict', 'The work log changed while the report was being drafted: try again.');
    }
    const live = liveDocument(state, body.kind);
    if (live?.document.state === 'signed') {
      throw new AppError(
        'conflict',
        `The ${title.en.toLowerCase()} document is already signed (version ${live.document.version}); there is nothing left to sign.`,
      );
    }
    if (body.kind === 'uat') {
      const gaps = uatGaps(state);
      const problems = [
        ...(gaps.notRun > 0 ? [`${gaps.notRun} item(s) have no result yet`] : []),
        ...(gaps.failedOpen > 0
          ? [`${gaps.failedOpen} failed item(s) are neither fixed and re-tested nor accepted as exceptions`]
          : []),
      ];
      if (problems.length > 0) throw new AppError('conflict', `The UAT cannot be signed yet: ${problems.join('; ')}.`);
    }
    const signers = await db
      .select({
        id: contacts.id,
        name: contacts.name,
        email: contacts.email,
        language: contacts.language,
        isDisabled: contacts.isDisabled,
      })
      .from(contacts)
      .where(
        and(
          inArray(contacts.id, body.signerContactIds),
          inArray(contacts.organisationId, [
            project.customerId,
            ...(project.partnerId === null ? [] : [project.partnerId]),
          ]),
        ),
      );
    if (signers.length !== new Set(body.signerContactIds).size) {
      throw new AppError('validation_failed', 'Every signer must be a contact of this project’s customer or partner.', [
        { path: 'body.signerContactIds', message: 'Not a contact of this project.' },
      ]);
    }
    ensureRecipientsEnabled(signers, body.signerContactIds, 'body.signerContactIds');
    const language = body.language ?? signers[0]?.language ?? 'en';
    const [latest] = await db
      .select({ version: max(signableDocuments.version) })
      .from(signableDocuments)
      .where(and(eq(signableDocuments.projectId, projectId), eq(signableDocuments.kind, body.kind)));
    const version = (latest?.version ?? 0) + 1;
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
    const superseded = await db
      .update(signableDocuments)
      .set({ state: 'superseded', supersededAt: now, supersededReason: `Replaced by version ${version}.` })
      .where(
        and(
          eq(signableDocuments.projectId, projectId),
          eq(signableDocuments.kind, body.kind),
          eq(signableDocuments.state, 'awaiting-signature'),
        ),
      )
      .returning({ id: signableDocuments.id });
    const [document] = await db
      .insert(signableDocuments)
      .values({
        projectId,
        kind: body.kind,
        version,
        state: 'awaiting-signature',
        fileId: file.id,
        sha256,
        signerContactIds: signers.map((signer) => signer.id),
        createdAt: now,
        createdBy: actor.userId,
      })
      .returning();
    if (document === undefined) throw new Error('the document was not written');
    const [engineer] =
      row.project.engineerId === null
        ? []
        : await db
            .select({ name: users.name, email: users.email, phone: users.phone })
            .from(users)
            .where(eq(users.id, row.project.engineerId));
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
        projectId,
        kind: 'signature-request',
        language: signer.language,
        to: [{ name: signer.name, email: signer.email }],
        replyTo: engineer === undefined ? null : { name: engineer.name, email: engineer.email },
        ...rendered,
        personalLinks: [
          { kind: 'portal', slot: 'portal', contactId: signer.id, projectId, target: 'delivery', reason: 'issued' },
        ],
      });
    }
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
        superseded: superseded.map((entry) => entry.id),
      },
    });
    return document;
  });
}

async function documentRow(db: Database, projectId: string, documentId: string) {
  const [document] = await db
    .select()
    .from(signableDocuments)
    .where(and(eq(signableDocuments.id, documentId), eq(signableDocuments.projectId, projectId)))
    .limit(1);
  if (document === undefined) throw new AppError('not_found', 'No such document in this project.');
  return document;
}

/** The PDF of a document: the sealed copy once signed, else the version as put up for signature. */
export async function getDocumentPdf(
  context: ServiceContext,
  participant: Participant,
  projectId: string,
  documentId: string,
) {
  await projectFor(context, participant, projectId, 'read');
  const document = await documentRow(context.db, projectId, documentId);
  if (participant.kind === 'contact' && document.state === 'superseded') {
    throw refuseTo(participant)('not_found', 'delivery.version_superseded');
  }
  const [signature] = await context.db
    .select({ sealedFileId: documentSignatures.sealedFileId })
    .from(documentSignatures)
    .where(eq(documentSignatures.documentId, documentId));
  const [outside] = await context.db
    .select({ fileId: outsideSignatures.fileId })
    .from(outsideSignatures)
    .where(eq(outsideSignatures.documentId, documentId));
  const fileId = signature?.sealedFileId ?? outside?.fileId ?? document.fileId;
  const [file] = await context.db
    .select({ name: storedFiles.originalName, contentType: storedFiles.contentType, content: storedFiles.content })
    .from(storedFiles)
    .where(eq(storedFiles.id, fileId));
  if (file === undefined) throw new AppError('not_found', 'The document’s file is missing.');
  // The scan signed outside Engage is kept under the name it was given when it was recorded.
  const name = signature === undefined ? file.name : file.name.replace(/\.pdf$/, ' (signed).pdf');
  return { name, contentType: file.contentType, content: file.content };
}

const utc = (instant: Date) => `${instant.toISOString().slice(0, 19).replace('T', ' ')} UTC`;

/**
 * The customer's or partner's signature, in the portal: checks the version is the one awaiting signature and that the
 * signer saw exactly it (its SHA-256), keeps the evidence, seals the PDF (the audit page appended, the whole file
 * signed by the instance's certificate), and emails the sealed copy to the signer — all in one transaction with the
 * step it completes.
 */
export async function signDocument(
  context: ServiceContext,
  participant: Participant & { kind: 'contact' },
  projectId: string,
  documentId: string,
  body: SignBody,
  client: { userAgent: string | null },
) {
  const say = sayTo(participant);
  const refuse = refuseTo(participant);
  await projectFor(context, participant, projectId, 'write');
  const library = await getContentLibrary(context.db);
  const certificate = await sealCertificateOf(context);
  const contact = participant.contact;
  const language = contact.language;
  const image =
    body.signature.kind === 'drawn'
      ? Buffer.from(body.signature.image.slice(body.signature.image.indexOf(',') + 1), 'base64')
      : null;
  if (image !== null && !(await isDrawablePng(image))) {
    throw refuse('validation_failed', 'delivery.signature_unreadable', {
      details: [{ path: 'body.signature.image', message: say('delivery.not_a_png') }],
    });
  }
  await inTransaction(context, async (db) => {
    const project = await lockProject(db, projectId);
    const row = await findProjectWithNames(db, projectId);
    if (project === null || row === null) throw new AppError('not_found', 'No such project.');
    const [document] = await db
      .select()
      .from(signableDocuments)
      .where(and(eq(signableDocuments.id, documentId), eq(signableDocuments.projectId, projectId)))
      .for('update');
    if (document === undefined) throw refuse('not_found', 'delivery.no_such_document');
    const title = documentTitles[document.kind];
    if (document.state === 'signed') {
      const [existing] = await db
        .select({ signerName: documentSignatures.signerName, signedAt: documentSignatures.signedAt })
        .from(documentSignatures)
        .where(eq(documentSignatures.documentId, documentId));
      const [outside] =
        existing !== undefined
          ? []
          : await db
              .select({ signerName: outsideSignatures.signerName, signedOn: outsideSignatures.signedOn })
              .from(outsideSignatures)
              .where(eq(outsideSignatures.documentId, documentId));
      throw outside !== undefined
        ? refuse('conflict', 'delivery.signed_outside', {
            values: { name: outside.signerName, date: outside.signedOn },
          })
        : existing === undefined
          ? refuse('conflict', 'delivery.already_signed')
          : refuse('conflict', 'delivery.already_signed_by', {
              values: { name: existing.signerName, date: utc(existing.signedAt) },
            });
    }
    if (document.state === 'superseded') {
      throw refuse('conflict', 'delivery.version_replaced', { values: { version: document.version } });
    }
    if (document.signerContactIds.length > 0 && !document.signerContactIds.includes(contact.id)) {
      throw refuse('forbidden', 'delivery.not_a_signer');
    }
    if (body.documentSha256 !== document.sha256) {
      throw refuse('conflict', 'delivery.not_the_awaited_version');
    }
    const [link] =
      contact.linkId === undefined
        ? []
        : await db
            .select({ id: portalLinks.id, createdAt: portalLinks.createdAt, usedAt: portalLinks.usedAt })
            .from(portalLinks)
            .where(eq(portalLinks.id, contact.linkId));
    const linkWords = (t: ReturnType<typeof translatorFor<'pdf'>>) =>
      link === undefined
        ? ''
        : link.usedAt === null
          ? t('auditPage.linkIssued', { id: link.id, issued: utc(link.createdAt) })
          : t('auditPage.linkIssuedOpened', { id: link.id, issued: utc(link.createdAt), opened: utc(link.usedAt) });
    const [original] = await db
      .select({ content: storedFiles.content })
      .from(storedFiles)
      .where(eq(storedFiles.id, document.fileId));
    if (original === undefined) throw new Error('the document’s file is missing');
    const now = context.now();
    const signatureId = randomUUID();
    const consentText = consentTexts[language];
    const fingerprint = certificateFingerprint(certificate.certificatePem);
    const words = resourceOf(language, 'pdf').auditPage;
    const t = translatorFor(language, 'pdf');
    const signatureWords = body.signature.kind === 'typed' ? `${words.typed}: ${body.signature.text}` : words.drawn;
    const sealed = await sealPdf(original.content, {
      certificate,
      marker: `engage-seal:${signatureId}`,
      signerName: body.fullName,
      reason: `${title[language]} v${document.version} — ${project.reference}`,
      location: new URL(context.publicUrl).hostname,
      signedAt: now,
      auditPage: {
        language,
        title: words.page,
        facts: [
          { label: words.document, value: `${title[language]}, v${document.version}` },
          { label: words.project, value: `${project.reference} — ${project.name}` },
          { label: words.customer, value: row.customerName },
          { label: words.signer, value: body.fullName },
          { label: words.email, value: contact.email },
          { label: words.organisation, value: contact.organisationName },
          { label: words.signature, value: signatureWords },
          { label: words.hash, value: document.sha256 },
          { label: words.consent, value: consentText },
          { label: words.ip, value: participant.ip ?? '—' },
          { label: words.agent, value: client.userAgent ?? '—' },
          {
            label: words.identity,
            value: t('auditPage.identityText', { email: contact.email, link: linkWords(t), name: contact.name }),
          },
          { label: words.certificate, value: fingerprint },
        ],
        ...(image === null ? {} : { signatureImage: { png: image, caption: words.drawnImage } }),
        eventsHeading: words.events,
        events: [
          { at: utc(document.createdAt), text: words.prepared },
          { at: utc(now), text: `${words.signed}: ${body.fullName} <${contact.email}>` },
          { at: utc(now), text: words.sealed },
        ],
        footer: t('auditPage.footer', { url: new URL('/verify', context.publicUrl).href }),
      },
    });
    const sealedSha256 = sha256Of(sealed);
    const sealedFile = await insertStoredFile(db, {
      projectId,
      purpose: 'sealed-document',
      originalName: `${title.en} ${project.reference} v${document.version} (signed).pdf`,
      contentType: 'application/pdf',
      size: sealed.length,
      sha256: sealedSha256,
      content: sealed,
      uploadedBy: { kind: 'contact', id: contact.id, name: contact.name },
      createdAt: now,
    });
    await db.insert(documentSignatures).values({
      id: signatureId,
      documentId,
      projectId,
      contactId: contact.id,
      signerName: body.fullName,
      signerEmail: contact.email,
      signerOrganisation: contact.organisationName,
      consentText,
      signatureKind: body.signature.kind,
      signatureText: body.signature.kind === 'typed' ? body.signature.text : null,
      signatureImage: image,
      documentSha256: document.sha256,
      ip: participant.ip,
      userAgent: client.userAgent,
      portalLinkId: link?.id ?? null,
      signedAt: now,
      sealedFileId: sealedFile.id,
      sealedSha256,
      certificateFingerprint: fingerprint,
    });
    await db.update(signableDocuments).set({ state: 'signed' }).where(eq(signableDocuments.id, documentId));
    const rendered = renderEmailTemplate(library.emailTemplates['signed-document'][language], {
      recipient: { name: contact.name },
      project: { reference: project.reference, name: project.name },
      customer: { name: row.customerName },
      vendor: { name: library.vendor.name },
      document: {
        title: title[language],
        version: String(document.version),
        signerName: body.fullName,
        signedAt: utc(now),
        sealedSha256,
      },
      verifyLink: new URL('/verify', context.publicUrl).href,
    });
    const [engineer] =
      project.engineerId === null
        ? []
        : await db.select({ name: users.name, email: users.email }).from(users).where(eq(users.id, project.engineerId));
    await queueMail(context, db, actorOf(participant), {
      projectId,
      kind: 'signed-document',
      language,
      to: [{ name: contact.name, email: contact.email }],
      replyTo: engineer ?? null,
      ...rendered,
      attachments: [
        {
          filename: `${title[language]} ${project.reference} v${document.version}.pdf`,
          contentType: 'application/pdf',
          content: sealed,
        },
      ],
    });
    await recordAuditEvent(db, actorOf(participant), {
      action: 'document.signed',
      projectId,
      subjectType: 'signable-document',
      subjectId: documentId,
      after: {
        kind: document.kind,
        version: document.version,
        signatureId,
        signerName: body.fullName,
        signerEmail: contact.email,
        documentSha256: document.sha256,
        sealedSha256,
        signatureKind: body.signature.kind,
        userAgent: client.userAgent,
      },
    });
    await advanceProjectIn(context, db, projectId, actorOf(participant), `${document.kind} signed`);
  });
}

/** The calendar day (YYYY-MM-DD, UTC) an instant falls on. */
const dayOf = (instant: Date) => instant.toISOString().slice(0, 10);
const longDay = (day: string) =>
  new Intl.DateTimeFormat('en-GB', { dateStyle: 'long', timeZone: 'UTC' }).format(new Date(`${day}T00:00:00Z`));
const scanTypes: Readonly<Record<string, string>> = {
  'application/pdf': 'pdf',
  'image/png': 'png',
  'image/jpeg': 'jpg',
  'image/gif': 'gif',
  'image/webp': 'webp',
};

/**
 * P5/P7: the customer signed the version on paper or in their own signing tool, and the engineer uploads the scan as
 * its signed copy, with the signer's name and the day they signed. The scan is kept exactly as uploaded (its SHA-256
 * recorded, never sealed: Engage seals only what it produced), the version becomes signed and the step completes as
 * with an electronic signature. Throws forbidden, not_found, validation_failed (no file, a day in the future or before
 * the version was put up), payload_too_large, file_type_refused (not a PDF or an image) or conflict (closed project,
 * version signed or replaced, the unsigned original uploaded back).
 */
export async function recordOutsideSignature(
  context: ServiceContext,
  actor: StaffActor,
  projectId: string,
  documentId: string,
  query: OutsideSignatureQuery,
  content: Buffer,
) {
  await getProjectForAction(context, actor, projectId);
  const checked = await checkUpload(query.name, content, context.portal.uploadMaxBytes);
  const extension = scanTypes[checked.contentType];
  if (extension === undefined) {
    throw new AppError(
      'file_type_refused',
      `“${checked.downloadName}” is not a scan: the signed copy must be a PDF or an image (PNG, JPEG, GIF or WebP) of the signed pages.`,
    );
  }
  const now = context.now();
  // The signer's calendar day may run up to 14 hours ahead of UTC (and 12 behind): a day is judged against the widest.
  if (query.signedOn > dayOf(new Date(now.getTime() + 14 * 3600_000))) {
    throw new AppError(
      'validation_failed',
      `The day it was signed (${query.signedOn}) is in the future: give the day written next to the signature.`,
      [{ path: 'querystring.signedOn', message: 'Not a day in the future.' }],
    );
  }
  const sha256 = sha256Of(content);
  await inTransaction(context, async (db) => {
    const project = await lockProject(db, projectId);
    if (project === null) throw new AppError('not_found', 'No such project.');
    const [closed] = await db
      .select({ id: handoverPackages.projectId })
      .from(handoverPackages)
      .where(eq(handoverPackages.projectId, projectId));
    if (closed !== undefined)
      throw new AppError('conflict', 'The project is closed and handed over: its documents no longer change.');
    const [document] = await db
      .select()
      .from(signableDocuments)
      .where(and(eq(signableDocuments.id, documentId), eq(signableDocuments.projectId, projectId)))
      .for('update');
    if (document === undefined) throw new AppError('not_found', 'No such document in this project.');
    const title = documentTitles[document.kind];
    if (document.state === 'signed') {
      const [electronic] = await db
        .select({ signerName: documentSignatures.signerName, signedAt: documentSignatures.signedAt })
        .from(documentSignatures)
        .where(eq(documentSignatures.documentId, documentId));
      const [outside] = await db
        .select({ signerName: outsideSignatures.signerName, signedOn: outsideSignatures.signedOn })
        .from(outsideSignatures)
        .where(eq(outsideSignatures.documentId, documentId));
      const how =
        electronic !== undefined
          ? ` electronically by ${electronic.signerName} on ${utc(electronic.signedAt)}`
          : outside !== undefined
            ? ` outside Engage by ${outside.signerName} on ${outside.signedOn}`
            : '';
      throw new AppError(
        'conflict',
        `Version ${document.version} of the ${title.en.toLowerCase()} document is already signed${how}: it has its signed copy.`,
      );
    }
    if (document.state === 'superseded') {
      throw new AppError(
        'conflict',
        `Version ${document.version} of the ${title.en.toLowerCase()} document was replaced (${document.supersededReason ?? 'a newer version exists'}): a signature on it no longer counts. Put the current version up for signature and have that one signed.`,
      );
    }
    if (sha256 === document.sha256) {
      throw new AppError(
        'conflict',
        `This is version ${document.version} exactly as Engage produced it, unsigned: upload the scan of the signed pages instead.`,
      );
    }
    // A version exists from the moment it was put up for signature: nobody signed its pages before.
    if (query.signedOn < dayOf(new Date(document.createdAt.getTime() - 12 * 3600_000))) {
      throw new AppError(
        'validation_failed',
        `Version ${document.version} was put up for signature on ${dayOf(document.createdAt)}: it cannot have been signed on ${query.signedOn}, before it existed. Give the day written next to the signature, or upload the signed copy of an earlier version’s replacement.`,
        [{ path: 'querystring.signedOn', message: `Not before ${dayOf(document.createdAt)}.` }],
      );
    }
    const file = await insertStoredFile(db, {
      projectId,
      purpose: 'signed-scan',
      originalName: `${title.en} ${project.reference} v${document.version} (signed outside Engage).${extension}`,
      contentType: checked.contentType,
      size: content.length,
      sha256,
      content,
      uploadedBy: { kind: 'staff', id: actor.userId, name: actor.name },
      createdAt: now,
    });
    const [recorded] = await db
      .insert(outsideSignatures)
      .values({
        documentId,
        projectId,
        signerName: query.signerName,
        signedOn: query.signedOn,
        fileId: file.id,
        sha256,
        recordedBy: actor.userId,
        recordedAt: now,
      })
      .returning({ id: outsideSignatures.id });
    await db.update(signableDocuments).set({ state: 'signed' }).where(eq(signableDocuments.id, documentId));
    await recordAuditEvent(db, actor, {
      action: 'document.signed-outside-engage',
      projectId,
      subjectType: 'signable-document',
      subjectId: documentId,
      after: {
        kind: document.kind,
        version: document.version,
        outsideSignatureId: recorded?.id ?? null,
        signerName: query.signerName,
        signedOn: query.signedOn,
        fileId: file.id,
        fileName: query.name,
        contentType: checked.contentType,
        size: content.length,
        sha256,
      },
    });
    await advanceProjectIn(context, db, projectId, actor, `${document.kind} signed outside Engage`);
  });
}

/**
 * The public verification page's answer for an uploaded file: the exact sealed file Engage keeps (unchanged), the exact
 * scan recorded as a version's copy signed outside Engage, a file carrying an Engage seal's marker whose bytes differ
 * from the sealed copy (changed after sealing), or none of these.
 */
export async function verifyPdf(context: ServiceContext, content: Buffer) {
  const sha256 = sha256Of(content);
  const found = async (where: ReturnType<typeof eq>) => {
    const [row] = await context.db
      .select({
        kind: signableDocuments.kind,
        version: signableDocuments.version,
        projectReference: projects.reference,
        projectName: projects.name,
        customerName: organisations.name,
        signerName: documentSignatures.signerName,
        signerOrganisation: documentSignatures.signerOrganisation,
        signedAt: documentSignatures.signedAt,
        sealedSha256: documentSignatures.sealedSha256,
      })
      .from(documentSignatures)
      .innerJoin(signableDocuments, eq(signableDocuments.id, documentSignatures.documentId))
      .innerJoin(projects, eq(projects.id, documentSignatures.projectId))
      .innerJoin(organisations, eq(organisations.id, projects.customerId))
      .where(where)
      .limit(1);
    return row === undefined ? null : { ...row, title: documentTitles[row.kind].en };
  };
  const exact = await found(eq(documentSignatures.sealedSha256, sha256));
  if (exact !== null) {
    return {
      outcome: 'sealed-unchanged' as const,
      sha256,
      message: `This is the ${exact.title.toLowerCase()} document sealed by Engage, unchanged since it was signed.`,
      document: omitKind(exact),
      outsideSignature: null,
    };
  }
  const [scan] = await context.db
    .select({
      kind: signableDocuments.kind,
      version: signableDocuments.version,
      projectReference: projects.reference,
      projectName: projects.name,
      customerName: organisations.name,
      signerName: outsideSignatures.signerName,
      signedOn: outsideSignatures.signedOn,
      recordedAt: outsideSignatures.recordedAt,
    })
    .from(outsideSignatures)
    .innerJoin(signableDocuments, eq(signableDocuments.id, outsideSignatures.documentId))
    .innerJoin(projects, eq(projects.id, outsideSignatures.projectId))
    .innerJoin(organisations, eq(organisations.id, projects.customerId))
    .where(eq(outsideSignatures.sha256, sha256))
    .limit(1);
  if (scan !== undefined) {
    const title = documentTitles[scan.kind].en;
    return {
      outcome: 'signed-outside-engage' as const,
      sha256,
      message: `Recorded by Engage as signed outside Engage on ${longDay(scan.signedOn)} by ${scan.signerName}: this is the scan of the ${title.toLowerCase()} document uploaded as its signed copy, unchanged since. Engage keeps it as uploaded and did not seal it.`,
      document: null,
      outsideSignature: { ...omitKind(scan), title },
    };
  }
  const marker = readSealMarker(content);
  const signatureId = marker?.startsWith('engage-seal:') === true ? marker.slice('engage-seal:'.length) : null;
  if (signatureId !== null && /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/.test(signatureId)) {
    const original = await found(eq(documentSignatures.id, signatureId));
    if (original !== null) {
      return {
        outcome: 'sealed-changed' as const,
        sha256,
        message:
          'This file carries an Engage seal, but its content differs from the document that was signed: it was changed after sealing. Ask the sender for the original.',
        document: omitKind(original),
        outsideSignature: null,
      };
    }
  }
  return {
    outcome: 'unknown' as const,
    sha256,
    message: 'This file is not a document sealed by this Engage installation, nor a signed copy recorded in it.',
    document: null,
    outsideSignature: null,
  };
}

function omitKind<T extends { kind: unknown }>(row: T): Omit<T, 'kind'> {
  const { kind: _kind, ...rest } = row;
  return rest;
}

/** The portal's delivery page carries the consent text the signer agrees to. */
export function consentTextFor(language: Language): string {
  return consentTexts[language];
}
