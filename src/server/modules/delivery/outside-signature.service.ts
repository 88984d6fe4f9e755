/** P5/P7: a version signed outside Engage (on paper or in the customer's own tool), its scan recorded as its signed copy. */
import type { ServiceContext } from '../../context';
import { inTransaction } from '../../context';
import { AppError } from '../../errors';
import type { StaffActor } from '../audit/actor';
import { recordAuditEvent } from '../audit/audit.service';
import { checkUpload } from '../files/file-check';
import { insertStoredFile } from '../files/files.service';
import { advanceProjectIn, getProjectForAction, lockProject } from '../projects/projects.service';
import type { OutsideSignatureQuery } from './delivery.schemas';
import { dayOf, sha256Of, utc } from './document-format';
import { documentTitles } from './document-texts';
import {
  findOutsideSignatureOf,
  findSignableDocument,
  findSignatureOf,
  insertOutsideSignature,
  markDocumentSigned,
} from './documents.repository';
import { hasHandoverPackage } from './handover.repository';

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
    if (await hasHandoverPackage(db, projectId))
      throw new AppError('conflict', 'The project is closed and handed over: its documents no longer change.');
    const document = await findSignableDocument(db, projectId, documentId, { lock: true });
    if (document === undefined) throw new AppError('not_found', 'No such document in this project.');
    const title = documentTitles[document.kind];
    if (document.state === 'signed') {
      const electronic = await findSignatureOf(db, documentId);
      const outside = await findOutsideSignatureOf(db, documentId);
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
    const recorded = await insertOutsideSignature(db, {
      documentId,
      projectId,
      signerName: query.signerName,
      signedOn: query.signedOn,
      fileId: file.id,
      sha256,
      recordedBy: actor.userId,
      recordedAt: now,
    });
    await markDocumentSigned(db, documentId);
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
