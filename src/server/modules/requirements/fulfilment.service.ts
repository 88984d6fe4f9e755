/**
 * E6: contacts fulfil the requirements with a note or evidence, and the engineer verifies, sends back or waives them.
 */
import { inTransaction, type ServiceContext } from '../../context';
import type { Database } from '../../db/database';
import { refuse } from '../../errors';
import type { StaffActor } from '../audit/actor';
import { recordAuditEvent } from '../audit/audit.service';
import {
  findFileInfo,
  presentFile,
  removeFileRecord,
  storeFile,
  type FileView,
  listEvidenceFiles,
} from '../files/files.service';
import { actorOf, authorOf, projectFor, refuseTo, sayTo, type Participant } from '../projects/participant';
import { recordTurn } from '../turns/turns.service';
import { findReview, lockReview, updateRequirement } from './requirements.repository';
import { presentRequirement } from './requirement-presenter';
import { changeList, requirementOf } from './requirement-list';
async function ensureConfirmed(db: Database, projectId: string, refuse: ReturnType<typeof refuseTo>): Promise<void> {
  const review = await findReview(db, projectId);
  if (review?.confirmedAt == null) throw refuse('conflict', 'requirements.list_not_confirmed');
}

/** The customer or partner (or staff for them) marks a requirement fulfilled, with a note and/or evidence files. */
export async function fulfilRequirement(
  context: ServiceContext,
  participant: Participant,
  projectId: string,
  requirementId: string,
  note: string | undefined,
) {
  const refuse = refuseTo(participant);
  const say = sayTo(participant);
  await projectFor(context, participant, projectId, 'write');
  return inTransaction(context, async (db) => {
    await lockReview(db, projectId);
    await ensureConfirmed(db, projectId, refuse);
    const existing = await requirementOf(db, projectId, requirementId, refuse);
    if (participant.kind === 'contact' && existing.owner === 'vendor') {
      throw refuse('conflict', 'requirements.vendor_prepares');
    }
    if (existing.status !== 'open' && existing.status !== 'sent-back') {
      throw refuse(
        'conflict',
        existing.status === 'fulfilled' ? 'requirements.already_fulfilled' : 'requirements.already_settled',
      );
    }
    const evidence = (await listEvidenceFiles(db, projectId)).filter((file) => file.requirementId === requirementId);
    const trimmed = note?.trim() ?? '';
    if (trimmed === '' && evidence.length === 0) {
      throw refuse('validation_failed', 'requirements.note_or_evidence_needed', {
        details: [{ path: 'body.note', message: say('requirements.note_or_file') }],
      });
    }
    const now = context.now();
    const row = await updateRequirement(db, requirementId, {
      status: 'fulfilled',
      fulfilmentNote: trimmed === '' ? null : trimmed,
      fulfilledBy: authorOf(participant),
      fulfilledAt: now,
      updatedAt: now,
    });
    await recordAuditEvent(db, actorOf(participant), {
      action: 'requirement.fulfilled',
      projectId,
      subjectType: 'requirement',
      subjectId: requirementId,
      before: { status: existing.status },
      after: { status: 'fulfilled', note: trimmed, evidence: evidence.map((file) => file.id) },
    });
    return presentRequirement(row, evidence.map(presentFile));
  });
}

/** Attaches evidence to a requirement that is not settled yet. */
export async function attachEvidence(
  context: ServiceContext,
  participant: Participant,
  projectId: string,
  requirementId: string,
  name: string,
  content: Buffer,
): Promise<FileView> {
  const refuse = refuseTo(participant);
  await projectFor(context, participant, projectId, 'write');
  return inTransaction(context, async (db) => {
    const existing = await requirementOf(db, projectId, requirementId, refuse);
    if (existing.status === 'verified' || existing.status === 'waived')
      throw refuse('conflict', 'requirements.settled_no_evidence');
    return storeFile(context, db, participant, { projectId, purpose: 'evidence', requirementId, name, content });
  });
}

/** Takes an evidence file off a requirement that is still open (or sent back). */
export async function removeEvidence(
  context: ServiceContext,
  participant: Participant,
  projectId: string,
  requirementId: string,
  fileId: string,
): Promise<void> {
  const refuse = refuseTo(participant);
  await projectFor(context, participant, projectId, 'write');
  await inTransaction(context, async (db) => {
    const existing = await requirementOf(db, projectId, requirementId, refuse);
    const file = await findFileInfo(db, projectId, fileId);
    if (file.requirementId !== requirementId) throw refuse('not_found', 'requirements.no_such_file');
    if (existing.status !== 'open' && existing.status !== 'sent-back')
      throw refuse('conflict', 'requirements.evidence_removal_closed');
    await removeFileRecord(context, db, participant, file);
  });
}

/** The engineer verifies a fulfilled requirement; E6 completes when every requirement is verified or waived. */
export async function verifyRequirement(
  context: ServiceContext,
  actor: StaffActor,
  projectId: string,
  requirementId: string,
): Promise<void> {
  await changeList(context, { kind: 'staff', actor }, projectId, async (db) => {
    const existing = await requirementOf(db, projectId, requirementId);
    if (existing.status !== 'fulfilled')
      throw refuse(
        'conflict',
        existing.status === 'verified' ? 'requirements.already_verified' : 'requirements.verify_fulfilled_only',
      );
    const now = context.now();
    await updateRequirement(db, requirementId, {
      status: 'verified',
      reviewedBy: authorOf({ kind: 'staff', actor }),
      reviewedAt: now,
      reviewComment: null,
      updatedAt: now,
    });
    await recordAuditEvent(db, actor, {
      action: 'requirement.verified',
      projectId,
      subjectType: 'requirement',
      subjectId: requirementId,
      before: { status: existing.status },
      after: { status: 'verified' },
    });
  });
}

/** The engineer sends a fulfilled requirement back with a comment saying what is still missing. */
export async function sendBackRequirement(
  context: ServiceContext,
  actor: StaffActor,
  projectId: string,
  requirementId: string,
  comment: string,
): Promise<void> {
  await changeList(context, { kind: 'staff', actor }, projectId, async (db, project) => {
    const existing = await requirementOf(db, projectId, requirementId);
    if (existing.status !== 'fulfilled') throw refuse('conflict', 'requirements.send_back_fulfilled_only');
    const now = context.now();
    await updateRequirement(db, requirementId, {
      status: 'sent-back',
      reviewedBy: authorOf({ kind: 'staff', actor }),
      reviewedAt: now,
      reviewComment: comment,
      updatedAt: now,
    });
    if (existing.owner !== 'vendor')
      await recordTurn(
        db,
        project.project,
        existing.owner,
        { kind: 'requirement-sent-back', requirementId, title: existing.title, comment },
        now,
      );
    await recordAuditEvent(db, actor, {
      action: 'requirement.sent-back',
      projectId,
      subjectType: 'requirement',
      subjectId: requirementId,
      before: { status: existing.status },
      after: { status: 'sent-back', comment },
    });
  });
}

/** A manager waives a requirement with a reason. */
export async function waiveRequirement(
  context: ServiceContext,
  actor: StaffActor,
  projectId: string,
  requirementId: string,
  reason: string,
): Promise<void> {
  await changeList(context, { kind: 'staff', actor }, projectId, async (db) => {
    const existing = await requirementOf(db, projectId, requirementId);
    if (existing.status === 'verified' || existing.status === 'waived')
      throw refuse(
        'conflict',
        existing.status === 'verified' ? 'requirements.already_verified' : 'requirements.already_waived',
      );
    const now = context.now();
    await updateRequirement(db, requirementId, {
      status: 'waived',
      waiveReason: reason,
      reviewedBy: authorOf({ kind: 'staff', actor }),
      reviewedAt: now,
      updatedAt: now,
    });
    await recordAuditEvent(db, actor, {
      action: 'requirement.waived',
      projectId,
      subjectType: 'requirement',
      subjectId: requirementId,
      before: { status: existing.status },
      after: { status: 'waived', reason },
    });
  });
}
