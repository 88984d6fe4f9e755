/**
 * The requirement list's shared steps: a change of the list under its lock, a requirement found and locked, and the
 * changes the answers make applied.
 */
import { type RequirementChanges as Changes } from '../../../domain/content/requirement-changes';
import { inTransaction, type ServiceContext } from '../../context';
import type { Database } from '../../db/database';
import { refuse } from '../../errors';
import type { Actor } from '../audit/actor';
import { recordAuditEvent } from '../audit/audit.service';
import { actorOf, projectFor, type refuseTo, type Participant } from '../projects/participant';
import { advanceProjectIn, type ProjectWithNames } from '../projects/projects.service';
import {
  findRequirement,
  insertRequirements,
  lockReview,
  updateRequirement,
  type RequirementRow,
} from './requirements.repository';
type RequirementChanges = Changes<RequirementRow>;

export async function applyChanges(
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

/** Runs a change of a project's requirement list: the project may be worked on by the actor, the list is locked. */
export async function changeList<T>(
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

export async function requirementOf(
  db: Database,
  projectId: string,
  requirementId: string,
  refuseHere: ReturnType<typeof refuseTo> = refuse,
): Promise<RequirementRow> {
  const row = await findRequirement(db, projectId, requirementId, { lock: true });
  if (row === null) throw refuseHere('not_found', 'requirements.no_such_requirement');
  return row;
}
