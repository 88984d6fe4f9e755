/** P5: the UAT items' results and the files attached as their evidence. */
import type { ServiceContext } from '../../context';
import { translate } from '../../../domain/text/i18n';
import { refuse } from '../../errors';
import type { StaffActor } from '../audit/actor';
import { recordAuditEvent } from '../audit/audit.service';
import { findFileInfo, removeFileRecord, storeFile, type FileView } from '../files/files.service';
import type { Participant } from '../projects/participant';
import { changeDelivery } from './change-delivery';
import { liveDocument, supersedeAwaitingDocument, type DeliveryState, type UatItemState } from './delivery-state';
import type { UatResultBody } from './delivery.schemas';
import { updateUatItemResult, upsertUatItemResult } from './delivery.repository';

function findUatItem(state: DeliveryState, applicationKey: string, itemKey: string): UatItemState {
  const item = state.uat.find((candidate) => candidate.applicationKey === applicationKey && candidate.key === itemKey);
  if (item === undefined) throw refuse('not_found', 'delivery.no_such_uat_item');
  if (liveDocument(state, 'uat')?.document.state === 'signed') {
    throw refuse('conflict', 'delivery.uat_signed');
  }
  return item;
}

/**
 * P5: records one item's result: passed, passed with a remark (the minor defect the customer accepts, required, and
 * printed in the signed document), failed (perhaps accepted as an exception) or not applicable. Refused once the UAT
 * is signed; a version awaiting signature no longer matches and is superseded. Throws not_found, conflict or
 * validation_failed.
 */
export async function setUatResult(
  context: ServiceContext,
  actor: StaffActor,
  projectId: string,
  applicationKey: string,
  itemKey: string,
  body: UatResultBody,
) {
  await changeDelivery(
    context,
    { kind: 'staff', actor },
    projectId,
    'UAT result recorded',
    async (db, _project, _library, state) => {
      const item = findUatItem(state, applicationKey, itemKey);
      const comment = body.comment === undefined ? item.comment : body.comment;
      const exceptionReason =
        body.result !== 'fail'
          ? null
          : body.exceptionReason === undefined
            ? item.exceptionReason
            : body.exceptionReason;
      if (body.exceptionReason != null && body.result !== 'fail') {
        throw refuse('validation_failed', 'delivery.exception_only_failed', {
          details: [
            { path: 'body.exceptionReason', message: translate('en', 'errors', 'delivery.exception_needs_fail') },
          ],
        });
      }
      if (body.result === 'pass-with-remark' && (comment ?? '').trim() === '') {
        throw refuse('validation_failed', 'delivery.remark_needed', {
          details: [{ path: 'body.comment', message: translate('en', 'errors', 'delivery.write_remark') }],
        });
      }
      const now = context.now();
      await upsertUatItemResult(
        db,
        { projectId, applicationKey, itemKey },
        { result: body.result, comment, exceptionReason, updatedAt: now, updatedBy: actor.userId },
      );
      const superseded = await supersedeAwaitingDocument(db, projectId, 'uat', 'uat_result_changed', now);
      await recordAuditEvent(db, actor, {
        action: 'uat.result-recorded',
        projectId,
        subjectType: 'uat-item',
        subjectId: `${applicationKey}/${itemKey}`,
        before: { result: item.result, comment: item.comment, exceptionReason: item.exceptionReason },
        after: { result: body.result, comment, exceptionReason, supersededDocuments: superseded },
      });
    },
  );
}

/**
 * P5: attaches a file as the evidence of one item's result (checked by its content like every upload), in place of
 * the one it had; the signed document names it. Refused once the UAT is signed. Throws not_found, conflict,
 * validation_failed, payload_too_large or file_type_refused.
 */
export async function attachUatEvidence(
  context: ServiceContext,
  actor: StaffActor,
  projectId: string,
  applicationKey: string,
  itemKey: string,
  name: string,
  content: Buffer,
): Promise<FileView> {
  const participant: Participant = { kind: 'staff', actor };
  return changeDelivery(
    context,
    participant,
    projectId,
    'UAT evidence attached',
    async (db, _project, _library, state) => {
      const item = findUatItem(state, applicationKey, itemKey);
      const file = await storeFile(context, db, participant, {
        projectId,
        purpose: 'uat-evidence',
        applicationKey,
        name,
        content,
      });
      if (item.evidence !== null)
        await removeFileRecord(context, db, participant, await findFileInfo(db, projectId, item.evidence.id));
      const now = context.now();
      await upsertUatItemResult(
        db,
        { projectId, applicationKey, itemKey },
        { evidenceFileId: file.id, updatedAt: now, updatedBy: actor.userId },
      );
      const superseded = await supersedeAwaitingDocument(db, projectId, 'uat', 'uat_evidence_changed', now);
      await recordAuditEvent(db, actor, {
        action: 'uat.evidence-attached',
        projectId,
        subjectType: 'uat-item',
        subjectId: `${applicationKey}/${itemKey}`,
        before: { evidence: item.evidence?.id ?? null },
        after: { evidence: file.id, name: file.name, supersededDocuments: superseded },
      });
      return file;
    },
  );
}

/** P5: takes the evidence off an item's result (the file is kept for the record). Refused once the UAT is signed. */
export async function removeUatEvidence(
  context: ServiceContext,
  actor: StaffActor,
  projectId: string,
  applicationKey: string,
  itemKey: string,
): Promise<void> {
  const participant: Participant = { kind: 'staff', actor };
  await changeDelivery(
    context,
    participant,
    projectId,
    'UAT evidence removed',
    async (db, _project, _library, state) => {
      const item = findUatItem(state, applicationKey, itemKey);
      if (item.evidence === null) throw refuse('not_found', 'delivery.no_evidence');
      await removeFileRecord(context, db, participant, await findFileInfo(db, projectId, item.evidence.id));
      const now = context.now();
      await updateUatItemResult(
        db,
        { projectId, applicationKey, itemKey },
        { evidenceFileId: null, updatedAt: now, updatedBy: actor.userId },
      );
      const superseded = await supersedeAwaitingDocument(db, projectId, 'uat', 'uat_evidence_changed', now);
      await recordAuditEvent(db, actor, {
        action: 'uat.evidence-removed',
        projectId,
        subjectType: 'uat-item',
        subjectId: `${applicationKey}/${itemKey}`,
        before: { evidence: item.evidence.id, name: item.evidence.name },
        after: { supersededDocuments: superseded },
      });
    },
  );
}
