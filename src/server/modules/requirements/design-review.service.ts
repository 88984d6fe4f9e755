/** E5: the engineer reviews the design, records its constraints and limitations, and confirms the requirement list. */
import { computeChanges } from '../../../domain/content/requirement-changes';
import type { ServiceContext } from '../../context';
import type { Database } from '../../db/database';
import { translate } from '../../../domain/text/i18n';
import { refuse } from '../../errors';
import type { StaffActor } from '../audit/actor';
import { recordAuditEvent } from '../audit/audit.service';
import { getContentLibrary } from '../content/content.service';
import { listResponses } from '../questionnaires/questionnaires.service';
import { recordTurn } from '../turns/turns.service';
import {
  insertDesignNote,
  listAllRequirements,
  listDesignNotes,
  lockReview,
  removeDesignNote,
  upsertReview,
  type RequirementRow,
} from './requirements.repository';
import { scopeOf, confirmBlockers } from './requirement-presenter';
import { changeList } from './requirement-list';
export async function markDesignReviewed(context: ServiceContext, actor: StaffActor, projectId: string): Promise<void> {
  await changeList(context, { kind: 'staff', actor }, projectId, async (db) => {
    const review = await lockReview(db, projectId);
    if (review.designReviewedAt !== null) throw refuse('conflict', 'requirements.design_already_reviewed');
    await upsertReview(db, projectId, {
      designReviewedAt: context.now(),
      designReviewedBy: actor.userId,
      updatedAt: context.now(),
    });
    await recordAuditEvent(db, actor, {
      action: 'requirements.design-reviewed',
      projectId,
      subjectType: 'project',
      subjectId: projectId,
    });
  });
}

export interface DesignNoteInput {
  kind: 'constraint' | 'limitation' | 'further-requirement';
  text: string;
  notedOn: string;
  meeting?: string | null;
}

export async function addDesignNote(
  context: ServiceContext,
  actor: StaffActor,
  projectId: string,
  input: DesignNoteInput,
) {
  return changeList(context, { kind: 'staff', actor }, projectId, async (db) => {
    const note = await insertDesignNote(db, {
      projectId,
      kind: input.kind,
      text: input.text,
      notedOn: input.notedOn,
      meeting: input.meeting ?? null,
      createdBy: actor.userId,
      createdAt: context.now(),
    });
    await recordAuditEvent(db, actor, {
      action: 'design-note.added',
      projectId,
      subjectType: 'design-note',
      subjectId: note.id,
      after: input,
    });
    return {
      id: note.id,
      kind: note.kind,
      text: note.text,
      notedOn: note.notedOn,
      meeting: note.meeting,
      createdBy: actor.name,
      createdAt: note.createdAt,
    };
  });
}

export async function deleteDesignNote(
  context: ServiceContext,
  actor: StaffActor,
  projectId: string,
  noteId: string,
): Promise<void> {
  await changeList(context, { kind: 'staff', actor }, projectId, async (db) => {
    const removed = await removeDesignNote(db, projectId, noteId, context.now());
    if (removed === null) throw refuse('not_found', 'requirements.no_such_note');
    await recordAuditEvent(db, actor, {
      action: 'design-note.removed',
      projectId,
      subjectType: 'design-note',
      subjectId: noteId,
      before: { kind: removed.kind, text: removed.text },
    });
  });
}

/**
 * The engineer confirms the requirement list (E5): every questionnaire submitted, the design reviewed, no pending
 * change from answers, and constraints recorded (or `noConstraints` stated). Throws conflict naming what is missing.
 */
export async function confirmRequirements(
  context: ServiceContext,
  actor: StaffActor,
  projectId: string,
  noConstraints: boolean,
): Promise<void> {
  await changeList(context, { kind: 'staff', actor }, projectId, async (db, row) => {
    const review = await lockReview(db, projectId);
    if (review.confirmedAt !== null) throw refuse('conflict', 'requirements.already_confirmed');
    const library = await getContentLibrary(db);
    const responses = await listResponses(db, projectId);
    const changes = computeChanges(library, scopeOf(row), responses, await listAllRequirements(db, projectId));
    const blockers = confirmBlockers({
      library,
      project: row,
      responses,
      isReviewed: review.designReviewedAt !== null,
      hasPending: changes.adds.length > 0 || changes.removes.length > 0,
    });
    const notes = await listDesignNotes(db, projectId);
    if (notes.length === 0 && !noConstraints)
      blockers.push(translate('en', 'errors', 'requirements.record_constraints'));
    if (blockers.length > 0)
      throw refuse('conflict', 'requirements.cannot_confirm_yet', { values: { blockers: blockers.join(' ') } });
    await upsertReview(db, projectId, {
      confirmedAt: context.now(),
      confirmedBy: actor.userId,
      hasNoConstraints: notes.length === 0 && noConstraints,
      updatedAt: context.now(),
    });
    await tellOwnersTheirRequirements(db, row.project, await listAllRequirements(db, projectId), context.now());
    await recordAuditEvent(db, actor, {
      action: 'requirements.confirmed',
      projectId,
      subjectType: 'project',
      subjectId: projectId,
      after: { notes: notes.length, noConstraints },
    });
  });
}

/**
 * The confirmed list passes the ball to the customer and the partner: each side is told the requirements it must
 * provide (the vendor's own are not theirs to do).
 */
async function tellOwnersTheirRequirements(
  db: Database,
  project: { id: string; partnerId: string | null },
  rows: readonly RequirementRow[],
  now: Date,
): Promise<void> {
  for (const party of ['customer', 'partner'] as const) {
    const theirs = rows.filter(
      (row) =>
        row.removedAt === null &&
        (row.status === 'open' || row.status === 'sent-back') &&
        (row.owner === party || (row.owner === 'partner' && party === 'customer' && project.partnerId === null)),
    );
    if (theirs.length === 0) continue;
    await recordTurn(
      db,
      project,
      party,
      {
        kind: 'requirements-confirmed',
        requirements: theirs.map((row) => ({ title: row.title, category: row.category, description: row.description })),
      },
      now,
    );
  }
}
