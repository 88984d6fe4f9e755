/** P5/P7: a version signed outside Engage (on paper or in the customer's own tool), its scan recorded as its signed copy. */
import type { ServiceContext } from '../../context';
import { inTransaction } from '../../context';
import { translate } from '../../../domain/text/i18n';
import { refuse } from '../../errors';
import type { StaffActor } from '../audit/actor';
import { recordAuditEvent } from '../audit/audit.service';
import { checkUpload } from '../files/file-check';
import { insertStoredFile } from '../files/files.service';
import { supersededReasonText } from './delivery-state';
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
    throw refuse('file_type_refused', 'delivery.not_a_scan', { values: { name: checked.downloadName } });
  }
  const now = context.now();
  // The signer's calendar day may run up to 14 hours ahead of UTC (and 12 behind): a day is judged against the widest.
  if (query.signedOn > dayOf(new Date(now.getTime() + 14 * 3600_000))) {
    throw refuse('validation_failed', 'delivery.signed_in_future', {
      values: { day: query.signedOn },
      details: [{ path: 'querystring.signedOn', message: translate('en', 'errors', 'delivery.not_in_future') }],
    });
  }
  const sha256 = sha256Of(content);
  await inTransaction(context, async (db) => {
    const project = await lockProject(db, projectId);
    if (project === null) throw refuse('not_found', 'common.no_such_project');
    if (await hasHandoverPackage(db, projectId)) throw refuse('conflict', 'delivery.documents_handed_over');
    const document = await findSignableDocument(db, projectId, documentId, { lock: true });
    if (document === undefined) throw refuse('not_found', 'delivery.no_such_document');
    if (document.state === 'signed') {
      const electronic = await findSignatureOf(db, documentId);
      const outside = await findOutsideSignatureOf(db, documentId);
      throw electronic !== undefined
        ? refuse('conflict', `delivery.signed_electronically.${document.kind}`, {
            values: { version: document.version, name: electronic.signerName, date: utc(electronic.signedAt) },
          })
        : outside !== undefined
          ? refuse('conflict', `delivery.signed_outside_by.${document.kind}`, {
              values: { version: document.version, name: outside.signerName, date: outside.signedOn },
            })
          : refuse('conflict', `delivery.has_signed_copy.${document.kind}`, { values: { version: document.version } });
    }
    if (document.state === 'superseded') {
      throw refuse('conflict', `delivery.version_no_longer_counts.${document.kind}`, {
        values: {
          version: document.version,
          reason:
            supersededReasonText('en', document.supersededReason, null) ??
            translate('en', 'errors', 'delivery.newer_version_exists'),
        },
      });
    }
    if (sha256 === document.sha256) {
      throw refuse('conflict', 'delivery.unsigned_original', { values: { version: document.version } });
    }
    // A version exists from the moment it was put up for signature: nobody signed its pages before.
    if (query.signedOn < dayOf(new Date(document.createdAt.getTime() - 12 * 3600_000))) {
      const day = dayOf(document.createdAt);
      throw refuse('validation_failed', 'delivery.signed_before_it_existed', {
        values: { version: document.version, day, signedOn: query.signedOn },
        details: [{ path: 'querystring.signedOn', message: translate('en', 'errors', 'delivery.not_before', { day }) }],
      });
    }
    const title = documentTitles[document.kind];
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
