/** E5: the list generated from the answers, shown to staff and contacts, and edited by the engineer. */
import { computeChanges } from '../../../domain/content/requirement-changes';
import { type ServiceContext } from '../../context';
import type { Database } from '../../db/database';
import type { LocalizedText } from '../../db/schema';
import { refuse } from '../../errors';
import type { Actor, StaffActor } from '../audit/actor';
import { recordAuditEvent } from '../audit/audit.service';
import { getContentLibrary } from '../content/content.service';
import { authorOf, projectFor, type Participant } from '../projects/participant';
import { findProjectWithNames } from '../projects/projects.service';
import { listResponses } from '../questionnaires/questionnaires.service';
import {
  findReview,
  insertRequirements,
  listAllRequirements,
  listDesignNotes,
  updateRequirement,
} from './requirements.repository';
import {
  presentRequirement,
  scopeOf,
  type Category,
  type Owner,
  type RequirementView,
  presentActive,
  confirmBlockers,
} from './requirement-presenter';
import { applyChanges, changeList, requirementOf } from './requirement-list';
/**
 * At an application's first submission its requirements are generated straight away (there is no list to change
 * yet); later submissions only show their changes until the engineer applies them.
 */
export async function generateOnFirstSubmission(
  context: ServiceContext,
  db: Database,
  actor: Actor,
  projectId: string,
  applicationKey: string,
): Promise<void> {
  const library = await getContentLibrary(db);
  const responses = await listResponses(db, projectId);
  const rows = await listAllRequirements(db, projectId);
  const project = await findProjectWithNames(db, projectId);
  if (project === null) throw refuse('not_found', 'common.no_such_project');
  const changes = computeChanges(library, scopeOf(project), responses, rows, applicationKey);
  await applyChanges(context, db, actor, projectId, changes, `questionnaire ${applicationKey} submitted`);
}

/** The requirement list as staff see it: requirements, design notes, the review, and the changes answers would make. */
export async function getRequirementsForStaff(context: ServiceContext, actor: StaffActor, projectId: string) {
  const row = await projectFor(context, { kind: 'staff', actor }, projectId, 'read');
  const library = await getContentLibrary(context.db);
  const responses = await listResponses(context.db, projectId);
  const rows = await listAllRequirements(context.db, projectId);
  const review = await findReview(context.db, projectId);
  const notes = await listDesignNotes(context.db, projectId);
  const changes = computeChanges(library, scopeOf(row), responses, rows);
  const hasPending = changes.adds.length > 0 || changes.removes.length > 0;
  return {
    isDesignReviewed: review?.designReviewedAt != null,
    designReviewedAt: review?.designReviewedAt ?? null,
    hasNoConstraints: review?.hasNoConstraints ?? false,
    isConfirmed: review?.confirmedAt != null,
    confirmedAt: review?.confirmedAt ?? null,
    confirmBlockers: confirmBlockers({
      library,
      project: row,
      responses,
      isReviewed: review?.designReviewedAt != null,
      hasPending,
    }),
    requirements: await presentActive(context.db, projectId, rows),
    notes: notes.map(({ note, authorName }) => ({
      id: note.id,
      kind: note.kind,
      text: note.text,
      notedOn: note.notedOn,
      meeting: note.meeting,
      createdBy: authorName,
      createdAt: note.createdAt,
    })),
    pendingChanges: {
      adds: changes.adds,
      removes: changes.removes.map((removed) => ({
        id: removed.id,
        title: removed.title,
        category: removed.category,
        applicationKey: removed.applicationKey,
      })),
    },
  };
}

/** The requirement list as a contact sees it: what is asked of them and where each item stands. */
export async function getRequirementsForContact(context: ServiceContext, participant: Participant, projectId: string) {
  await projectFor(context, participant, projectId, 'read');
  const rows = await listAllRequirements(context.db, projectId);
  const review = await findReview(context.db, projectId);
  return { isConfirmed: review?.confirmedAt != null, requirements: await presentActive(context.db, projectId, rows) };
}

export interface RequirementInput {
  category: Category;
  title: LocalizedText;
  description: LocalizedText;
  owner: Owner;
  leadTimeDays?: number | null;
  applicationKey?: string | null;
}

/** The engineer adds a requirement of their own (found in the design review or later). */
export async function addRequirement(
  context: ServiceContext,
  actor: StaffActor,
  projectId: string,
  input: RequirementInput,
): Promise<RequirementView> {
  const participant: Participant = { kind: 'staff', actor };
  return changeList(context, participant, projectId, async (db) => {
    const now = context.now();
    const [row] = await insertRequirements(db, [
      {
        projectId,
        applicationKey: input.applicationKey ?? null,
        category: input.category,
        title: input.title,
        description: input.description,
        owner: input.owner,
        leadTimeDays: input.leadTimeDays ?? null,
        createdBy: authorOf(participant),
        createdAt: now,
        updatedAt: now,
      },
    ]);
    if (row === undefined) throw new Error('insert returned no row');
    await recordAuditEvent(db, actor, {
      action: 'requirement.added',
      projectId,
      subjectType: 'requirement',
      subjectId: row.id,
      after: input,
    });
    return presentRequirement(row, []);
  });
}

/** The engineer edits a requirement's text (each language as written), category, owner or lead time. */
export async function editRequirement(
  context: ServiceContext,
  actor: StaffActor,
  projectId: string,
  requirementId: string,
  input: Partial<RequirementInput>,
): Promise<RequirementView> {
  return changeList(context, { kind: 'staff', actor }, projectId, async (db) => {
    const existing = await requirementOf(db, projectId, requirementId);
    const row = await updateRequirement(db, requirementId, {
      ...(input.category === undefined ? {} : { category: input.category }),
      ...(input.title === undefined ? {} : { title: input.title }),
      ...(input.description === undefined ? {} : { description: input.description }),
      ...(input.owner === undefined ? {} : { owner: input.owner }),
      ...(input.leadTimeDays === undefined ? {} : { leadTimeDays: input.leadTimeDays }),
      updatedAt: context.now(),
    });
    await recordAuditEvent(db, actor, {
      action: 'requirement.edited',
      projectId,
      subjectType: 'requirement',
      subjectId: requirementId,
      before: {
        category: existing.category,
        title: existing.title,
        description: existing.description,
        owner: existing.owner,
        leadTimeDays: existing.leadTimeDays,
      },
      after: input,
    });
    return presentRequirement(row, []);
  });
}

/** The engineer removes a requirement; a rule does not raise it again. */
export async function removeRequirement(
  context: ServiceContext,
  actor: StaffActor,
  projectId: string,
  requirementId: string,
  reason: string | undefined,
): Promise<void> {
  await changeList(context, { kind: 'staff', actor }, projectId, async (db) => {
    const existing = await requirementOf(db, projectId, requirementId);
    await updateRequirement(db, requirementId, {
      removedAt: context.now(),
      removedCause: 'engineer',
      updatedAt: context.now(),
    });
    await recordAuditEvent(db, actor, {
      action: 'requirement.removed',
      projectId,
      subjectType: 'requirement',
      subjectId: requirementId,
      before: { title: existing.title.en, status: existing.status },
      after: { reason: reason ?? null },
    });
  });
}

/**
 * Applies the changes the latest answers make, exactly as previewed: `expected` lists the rule keys to add and the
 * requirement ids to remove the engineer saw; if the answers changed since, nothing is applied (409).
 */
export async function applyAnswerChanges(
  context: ServiceContext,
  actor: StaffActor,
  projectId: string,
  expected: { adds: string[]; removes: string[] },
): Promise<void> {
  await changeList(context, { kind: 'staff', actor }, projectId, async (db, project) => {
    const library = await getContentLibrary(db);
    const changes = computeChanges(
      library,
      scopeOf(project),
      await listResponses(db, projectId),
      await listAllRequirements(db, projectId),
    );
    const addKeys = changes.adds.map((item) => `${item.applicationKey}/${item.ruleKey}`).sort();
    const removeIds = changes.removes.map((row) => row.id).sort();
    if (
      addKeys.join() !== [...expected.adds].sort().join() ||
      removeIds.join() !== [...expected.removes].sort().join()
    ) {
      throw refuse('conflict', 'requirements.answers_changed');
    }
    if (addKeys.length === 0 && removeIds.length === 0) throw refuse('conflict', 'requirements.answers_change_nothing');
    await applyChanges(context, db, actor, projectId, changes, 'changes from answers applied by the engineer');
  });
}
