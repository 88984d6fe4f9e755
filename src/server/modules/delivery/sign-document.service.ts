/**
 * The customer's or partner's signature in the portal, step by step: the drawn signature read, the document locked
 * and checked (its state, the signer, the version reviewed), the PDF sealed with its audit page, the signature stored,
 * the signed copy emailed and the step completed, all in one transaction.
 */
import { randomUUID } from 'node:crypto';
import { renderEmailTemplate, type ContentLibrary } from '../../../domain/content';
import { inTransaction, type ServiceContext } from '../../context';
import type { Database } from '../../db/database';
import { certificateFingerprint, isDrawablePng, sealPdf, type SealCertificate } from '../../pdf/seal';
import { recordAuditEvent } from '../audit/audit.service';
import { getContentLibrary } from '../content/content.service';
import { findFileContent, insertStoredFile } from '../files/files.service';
import { queueMail } from '../mail/mail.service';
import { findPersonalLinkTimes } from '../mail/personal-links';
import { actorOf, projectFor, refuseTo, sayTo, type Participant } from '../projects/participant';
import {
  advanceProjectIn,
  findProjectWithNames,
  lockProject,
  type ProjectWithNames,
} from '../projects/projects.service';
import { findUserById } from '../users/users.service';
import type { SignBody } from './delivery.schemas';
import { sha256Of, utc } from './document-format';
import { consentTexts, documentTitles } from './document-texts';
import {
  findOutsideSignatureOf,
  findSignableDocument,
  findSignatureOf,
  insertDocumentSignature,
  markDocumentSigned,
  type SignableDocumentRow,
} from './documents.repository';
import { sealCertificateOf } from './seal-certificate';
import { signatureAuditPage } from './signature-audit-page';

type Signer = Participant & { kind: 'contact' };
type Refuse = ReturnType<typeof refuseTo>;

/** What one signature is made of, gathered step by step. */
interface Signing {
  context: ServiceContext;
  db: Database;
  participant: Signer;
  library: ContentLibrary;
  row: ProjectWithNames;
  document: SignableDocumentRow;
  body: SignBody;
  client: { userAgent: string | null };
  image: Buffer | null;
  signatureId: string;
  now: Date;
}

/** The drawn signature as a PNG (null for a typed one); throws validation_failed when it cannot be drawn. */
async function readDrawnSignature(body: SignBody, participant: Signer): Promise<Buffer | null> {
  const image =
    body.signature.kind === 'drawn'
      ? Buffer.from(body.signature.image.slice(body.signature.image.indexOf(',') + 1), 'base64')
      : null;
  if (image !== null && !(await isDrawablePng(image))) {
    throw refuseTo(participant)('validation_failed', 'delivery.signature_unreadable', {
      details: [{ path: 'body.signature.image', message: sayTo(participant)('delivery.not_a_png') }],
    });
  }
  return image;
}

/** The project (locked) and the document (locked), or not_found. */
async function lockDocument(db: Database, projectId: string, documentId: string, refuse: Refuse) {
  const project = await lockProject(db, projectId);
  const row = await findProjectWithNames(db, projectId);
  if (project === null || row === null) throw refuse('not_found', 'common.no_such_project');
  const document = await findSignableDocument(db, projectId, documentId, { lock: true });
  if (document === undefined) throw refuse('not_found', 'delivery.no_such_document');
  return { row, document };
}

/** Refuses a version already signed (in Engage or outside it) or replaced. Throws conflict. */
async function ensureAwaitingSignature(db: Database, document: SignableDocumentRow, refuse: Refuse): Promise<void> {
  if (document.state === 'signed') {
    const existing = await findSignatureOf(db, document.id);
    const outside = existing !== undefined ? undefined : await findOutsideSignatureOf(db, document.id);
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
}

/** Refuses a contact the engineer did not ask to sign (forbidden), or a version other than the one reviewed (conflict). */
function ensureSignerMaySign(document: SignableDocumentRow, contactId: string, body: SignBody, refuse: Refuse): void {
  if (document.signerContactIds.length > 0 && !document.signerContactIds.includes(contactId)) {
    throw refuse('forbidden', 'delivery.not_a_signer');
  }
  if (body.documentSha256 !== document.sha256) {
    throw refuse('conflict', 'delivery.not_the_awaited_version');
  }
}

/** The version as put up for signature, with the audit page appended and the whole file sealed by the certificate. */
async function renderSealedCopy(signing: Signing, certificate: SealCertificate) {
  const { context, db, participant, row, document, body } = signing;
  const contact = participant.contact;
  const language = contact.language;
  const title = documentTitles[document.kind];
  const link = contact.linkId === undefined ? null : await findPersonalLinkTimes(db, contact.linkId);
  const original = await findFileContent(db, document.fileId);
  if (original === null) throw new Error('the document’s file is missing');
  const consentText = consentTexts[language];
  const fingerprint = certificateFingerprint(certificate.certificatePem);
  const sealed = await sealPdf(original.content, {
    certificate,
    marker: `engage-seal:${signing.signatureId}`,
    signerName: body.fullName,
    reason: `${title[language]} v${document.version} — ${row.project.reference}`,
    location: new URL(context.publicUrl).hostname,
    signedAt: signing.now,
    auditPage: signatureAuditPage({
      language,
      documentTitle: title[language],
      documentVersion: document.version,
      documentSha256: document.sha256,
      documentCreatedAt: document.createdAt,
      project: row.project,
      customerName: row.customerName,
      contact,
      signature: body.signature,
      fullName: body.fullName,
      image: signing.image,
      consentText,
      ip: participant.ip,
      userAgent: signing.client.userAgent,
      link,
      certificateFingerprint: fingerprint,
      signedAt: signing.now,
      verifyUrl: new URL('/verify', context.publicUrl).href,
    }),
  });
  return { sealed, consentText, fingerprint, linkId: link?.id ?? null };
}

/** Keeps the sealed copy and the signature's evidence, and marks the version signed; the sealed copy's SHA-256. */
async function storeSignature(signing: Signing, sealedCopy: Awaited<ReturnType<typeof renderSealedCopy>>) {
  const { db, participant, row, document, body, now } = signing;
  const contact = participant.contact;
  const title = documentTitles[document.kind];
  const sealedSha256 = sha256Of(sealedCopy.sealed);
  const sealedFile = await insertStoredFile(db, {
    projectId: document.projectId,
    purpose: 'sealed-document',
    originalName: `${title.en} ${row.project.reference} v${document.version} (signed).pdf`,
    contentType: 'application/pdf',
    size: sealedCopy.sealed.length,
    sha256: sealedSha256,
    content: sealedCopy.sealed,
    uploadedBy: { kind: 'contact', id: contact.id, name: contact.name },
    createdAt: now,
  });
  await insertDocumentSignature(db, {
    id: signing.signatureId,
    documentId: document.id,
    projectId: document.projectId,
    contactId: contact.id,
    signerName: body.fullName,
    signerEmail: contact.email,
    signerOrganisation: contact.organisationName,
    consentText: sealedCopy.consentText,
    signatureKind: body.signature.kind,
    signatureText: body.signature.kind === 'typed' ? body.signature.text : null,
    signatureImage: signing.image,
    documentSha256: document.sha256,
    ip: participant.ip,
    userAgent: signing.client.userAgent,
    portalLinkId: sealedCopy.linkId,
    signedAt: now,
    sealedFileId: sealedFile.id,
    sealedSha256,
    certificateFingerprint: sealedCopy.fingerprint,
  });
  await markDocumentSigned(db, document.id);
  return sealedSha256;
}

/** Emails the sealed copy to the signer, in their language, replies going to the engineer. */
async function sendSignedCopy(signing: Signing, sealed: Buffer, sealedSha256: string): Promise<void> {
  const { context, db, participant, library, row, document, body, now } = signing;
  const contact = participant.contact;
  const language = contact.language;
  const project = row.project;
  const title = documentTitles[document.kind];
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
  const engineer = project.engineerId === null ? null : await findUserById(db, project.engineerId);
  await queueMail(context, db, actorOf(participant), {
    projectId: project.id,
    kind: 'signed-document',
    language,
    to: [{ name: contact.name, email: contact.email }],
    replyTo: engineer === null ? null : { name: engineer.name, email: engineer.email },
    ...rendered,
    attachments: [
      {
        filename: `${title[language]} ${project.reference} v${document.version}.pdf`,
        contentType: 'application/pdf',
        content: sealed,
      },
    ],
  });
}

/** Records the signature in the audit trail and completes the step it was waiting for. */
async function completeSigning(signing: Signing, sealedSha256: string): Promise<void> {
  const { context, db, participant, document, body } = signing;
  await recordAuditEvent(db, actorOf(participant), {
    action: 'document.signed',
    projectId: document.projectId,
    subjectType: 'signable-document',
    subjectId: document.id,
    after: {
      kind: document.kind,
      version: document.version,
      signatureId: signing.signatureId,
      signerName: body.fullName,
      signerEmail: participant.contact.email,
      documentSha256: document.sha256,
      sealedSha256,
      signatureKind: body.signature.kind,
      userAgent: signing.client.userAgent,
    },
  });
  await advanceProjectIn(context, db, document.projectId, actorOf(participant), `${document.kind} signed`);
}

/**
 * The customer's or partner's signature, in the portal: checks the version is the one awaiting signature and that the
 * signer saw exactly it (its SHA-256), keeps the evidence, seals the PDF (the audit page appended, the whole file
 * signed by the instance's certificate), and emails the sealed copy to the signer — all in one transaction with the
 * step it completes.
 */
export async function signDocument(
  context: ServiceContext,
  participant: Signer,
  projectId: string,
  documentId: string,
  body: SignBody,
  client: { userAgent: string | null },
) {
  const refuse = refuseTo(participant);
  await projectFor(context, participant, projectId, 'write');
  const library = await getContentLibrary(context.db);
  const certificate = await sealCertificateOf(context);
  const image = await readDrawnSignature(body, participant);
  await inTransaction(context, async (db) => {
    const { row, document } = await lockDocument(db, projectId, documentId, refuse);
    await ensureAwaitingSignature(db, document, refuse);
    ensureSignerMaySign(document, participant.contact.id, body, refuse);
    const signing: Signing = {
      context,
      db,
      participant,
      library,
      row,
      document,
      body,
      client,
      image,
      signatureId: randomUUID(),
      now: context.now(),
    };
    const sealedCopy = await renderSealedCopy(signing, certificate);
    const sealedSha256 = await storeSignature(signing, sealedCopy);
    await sendSignedCopy(signing, sealedCopy.sealed, sealedSha256);
    await completeSigning(signing, sealedSha256);
  });
}
