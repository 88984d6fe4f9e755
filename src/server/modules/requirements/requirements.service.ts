import { projectQuestionnaireKey, type ContentLibrary } from '../../../domain/content';
import {
  computeChanges,
  type ProjectScope,
  type RequirementChanges as Changes,
} from '../../../domain/content/requirement-changes';
import { inTransaction, type ServiceContext } from '../../context';
import type { Database } from '../../db/database';
import type { LocalizedText, requirementCategoryValues, requirementOwnerValues } from '../../db/schema';
import { translate, type TextKey } from '../../../domain/text/i18n';
import { refuse } from '../../errors';
import type { Actor, StaffActor } from '../audit/actor';
import { recordAuditEvent } from '../audit/audit.service';
import { getContentLibrary } from '../content/content.service';
import {
  findFileInfo,
  presentFile,
  removeFileRecord,
  storeFile,
  type FileView,
  listEvidenceFiles,
} from '../files/files.service';
import { actorOf, authorOf, projectFor, refuseTo, sayTo, type Participant } from '../projects/participant';
import { advanceProjectIn, findProjectWithNames, type ProjectWithNames } from '../projects/projects.service';
import { listResponses, type QuestionnaireResponseRow } from '../questionnaires/questionnaires.service';
import {
  findRequirement,
  findReview,
  insertDesignNote,
  insertRequirements,
  listAllRequirements,
  listDesignNotes,
  listOpenContactRequirements,
  listProjectsWithRequirementsToRemind,
  lockReview,
  lockReviewToRemind,
  markRequirementsReminded,
  removeDesignNote,
  updateRequirement,
  upsertReview,
  type RequirementRow,
} from './requirements.repository';

type Category = (typeof requirementCategoryValues)[number];
type Owner = (typeof requirementOwnerValues)[number];

type RequirementChanges = Changes<RequirementRow>;

async function applyChanges(
  context: ServiceContext,
  db: Database,
  actor: Actor,
  projectId: string,
  changes: RequirementChanges,
  cause: string,
): Promise<void> {
  const now = context.now();
  const added = await insertRequirements(
    db,
    changes.adds.map((item) => ({
      projectId,
      applicationKey: item.applicationKey,
      ruleKey: item.ruleKey,
      category: item.category,
      title: item.title,
      description: item.description,
      owner: item.owner,
      reason: item.reason,
      leadTimeDays: item.leadTimeDays,
      createdBy: null,
      createdAt: now,
      updatedAt: now,
    })),
  );
  for (const row of changes.removes)
    await updateRequirement(db, row.id, { removedAt: now, removedCause: 'answers', updatedAt: now });
  if (added.length === 0 && changes.removes.length === 0) return;
  await recordAuditEvent(db, actor, {
    action: 'requirements.generated',
    projectId,
    subjectType: 'project',
    subjectId: projectId,
    after: {
      cause,
      added: added.map((row) => ({ id: row.id, ruleKey: row.ruleKey, title: row.title.en })),
      removed: changes.removes.map((row) => ({ id: row.id, ruleKey: row.ruleKey, title: row.title.en })),
    },
  });
}

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

export interface RequirementView {
  id: string;
  applicationKey: string | null;
  ruleKey: string | null;
  category: Category;
  title: LocalizedText;
  description: LocalizedText;
  owner: Owner;
  reason: LocalizedText | null;
  leadTimeDays: number | null;
  status: RequirementRow['status'];
  fulfilmentNote: string | null;
  fulfilledBy: string | null;
  fulfilledAt: Date | null;
  reviewComment: string | null;
  reviewedBy: string | null;
  reviewedAt: Date | null;
  waiveReason: string | null;
  evidence: FileView[];
  createdBy: string | null;
  createdAt: Date;
}

function presentRequirement(row: RequirementRow, evidence: readonly FileView[]): RequirementView {
  return {
    id: row.id,
    applicationKey: row.applicationKey,
    ruleKey: row.ruleKey,
    category: row.category,
    title: row.title,
    description: row.description,
    owner: row.owner,
    reason: row.reason,
    leadTimeDays: row.leadTimeDays,
    status: row.status,
    fulfilmentNote: row.fulfilmentNote,
    fulfilledBy: row.fulfilledBy?.name ?? null,
    fulfilledAt: row.fulfilledAt,
    reviewComment: row.reviewComment,
    reviewedBy: row.reviewedBy?.name ?? null,
    reviewedAt: row.reviewedAt,
    waiveReason: row.waiveReason,
    evidence: [...evidence],
    createdBy: row.createdBy?.name ?? null,
    createdAt: row.createdAt,
  };
}

async function presentActive(
  db: Database,
  projectId: string,
  rows: readonly RequirementRow[],
): Promise<RequirementView[]> {
  const files = await listEvidenceFiles(db, projectId);
  return rows
    .filter((row) => row.removedAt === null)
    .map((row) => presentRequirement(row, files.filter((file) => file.requirementId === row.id).map(presentFile)));
}

function scopeOf(row: ProjectWithNames): ProjectScope {
  return { applications: row.project.applications, deployment: row.project.deployment };
}

/** What keeps the engineer from confirming the list, in words; empty when it can be confirmed. */
function confirmBlockers(input: {
  library: ContentLibrary;
  project: ProjectWithNames;
  responses: readonly QuestionnaireResponseRow[];
  isReviewed: boolean;
  hasPending: boolean;
}): string[] {
  const blockers: string[] = [];
  const submitted = new Set(
    input.responses.filter((response) => response.status === 'submitted').map((response) => response.applicationKey),
  );
  const asked = [
    ...(input.project.project.asksProjectQuestionnaire ? [projectQuestionnaireKey] : []),
    ...input.project.project.applications,
  ];
  const waiting = asked
    .filter((key) => !submitted.has(key))
    .map((key) =>
      key === projectQuestionnaireKey
        ? translate('en', 'errors', 'requirements.the_project_questionnaire')
        : (input.library.applications.find((application) => application.key === key)?.name.en ?? key),
    );
  const say = (key: TextKey<'errors'>, values: Readonly<Record<string, string>> = {}) =>
    translate('en', 'errors', key, values);
  if (waiting.length > 0)
    blockers.push(say('requirements.questionnaires_waiting', { questionnaires: waiting.join(', ') }));
  if (!input.isReviewed) blockers.push(say('requirements.mark_design_reviewed'));
  if (input.hasPending) blockers.push(say('requirements.apply_pending_changes'));
  return blockers;
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

/** Runs a change of a project's requirement list: the project may be worked on by the actor, the list is locked. */
async function changeList<T>(
  context: ServiceContext,
  participant: Participant,
  projectId: string,
  work: (db: Database, project: ProjectWithNames) => Promise<T>,
): Promise<T> {
  const project = await projectFor(context, participant, projectId, 'write');
  return inTransaction(context, async (db) => {
    await lockReview(db, projectId);
    const result = await work(db, project);
    await advanceProjectIn(context, db, projectId, actorOf(participant), 'requirements changed');
    return result;
  });
}

async function requirementOf(
  db: Database,
  projectId: string,
  requirementId: string,
  refuseHere: ReturnType<typeof refuseTo> = refuse,
): Promise<RequirementRow> {
  const row = await findRequirement(db, projectId, requirementId, { lock: true });
  if (row === null) throw refuseHere('not_found', 'requirements.no_such_requirement');
  return row;
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
    await recordAuditEvent(db, actor, {
      action: 'requirements.confirmed',
      projectId,
      subjectType: 'project',
      subjectId: projectId,
      after: { notes: notes.length, noConstraints },
    });
  });
}

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
  await changeList(context, { kind: 'staff', actor }, projectId, async (db) => {
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

/** Projects at requirements fulfilment whose confirmed review is due a reminder (the reminders' sweep). */
export async function findProjectsWithRequirementsToRemind(db: Database, cutoff: Date): Promise<string[]> {
  return listProjectsWithRequirementsToRemind(db, cutoff);
}

/** Locks a project's review in the caller's transaction when it is due a reminder; false when it is not (or held). */
export async function lockRequirementsToRemind(db: Database, projectId: string, cutoff: Date): Promise<boolean> {
  return lockReviewToRemind(db, projectId, cutoff);
}

/** A project's requirements waiting on the customer or partner (open or sent back), oldest first. */
export async function listRequirementsToRemind(
  db: Database,
  projectId: string,
): Promise<{ title: { en: string; it: string }; category: string; status: 'open' | 'sent-back' }[]> {
  return listOpenContactRequirements(db, projectId);
}

/** Records in the caller's transaction that a project's requirements were reminded now. */
export async function recordRequirementsReminded(db: Database, projectId: string, now: Date): Promise<void> {
  await markRequirementsReminded(db, projectId, now);
}

// The requirements as the installation dossier records them.
export { listActiveRequirementsForDossier } from './requirements.repository';
