/*
 * The one way a staff request changes a project: under its lock, with the caller's right checked, the engine's
 * columns and the scheduling clock recomputed, the steps a recorded fact completes completed, and one audit event
 * (a refusal to act is audited too). The use cases that change a project's columns or process go through it.
 */
import { advanceAutomaticSteps, type Facts, type ProcessTemplate } from '../../../domain/process';
import { inTransaction, type ServiceContext } from '../../context';
import type { Database } from '../../db/database';
import { AppError, refuse } from '../../errors';
import type { StaffActor } from '../audit/actor';
import { recordAuditEvent } from '../audit/audit.service';
import { getTemplate } from '../process/process.service';
import { canActOn, canRead } from './project-access';
import {
  announceNewCurrentStep,
  derivedColumns,
  factsOf,
  processContextOf,
  readRecordedFacts,
  scheduleClockChanges,
} from './project-engine';
import { getProjectDetail } from './project-presenter';
import { lockProject, updateProject, type ProjectRow } from './projects.repository';
import type { ProjectDetail } from './projects.schemas';

/**
 * Locks the project, lets `change` update it, recomputes the engine's columns, and writes one audit event;
 * throws not_found or forbidden (an engineer acting on a project not assigned to them).
 */
export async function changeProject(
  context: ServiceContext,
  actor: StaffActor,
  id: string,
  change: (
    db: Database,
    project: ProjectRow,
    template: ProcessTemplate,
    facts: Facts,
  ) => Promise<{
    changes: Partial<ProjectRow>;
    /** The change records a fact (not a process action): steps it completes by itself then complete. */
    recordsFact?: boolean;
    audit: {
      action: string;
      subjectType?: string;
      subjectId?: string;
      before?: Record<string, unknown>;
      after?: Record<string, unknown>;
    };
  }>,
): Promise<ProjectDetail> {
  await inTransaction(context, async (db) => {
    const project = await lockProject(db, id);
    if (project === null || !canRead(actor, project)) throw refuse('not_found', 'common.no_such_project');
    if (!canActOn(actor, project)) throw refuse('forbidden', 'projects.only_assigned_can_change');
    const template = await getTemplate(db, project.templateKey, project.templateVersion);
    const facts = factsOf(project, await readRecordedFacts(db, project));
    const { changes, audit, recordsFact } = await change(db, project, template, facts);
    const changed: ProjectRow = { ...project, ...changes };
    const newFacts = factsOf(changed, await readRecordedFacts(db, changed));
    // A fact Engage recorded may complete the current step (and the next) by itself; a re-opened step stays open.
    const advanced =
      recordsFact === true
        ? advanceAutomaticSteps(template, changed.processState, newFacts, processContextOf(changed))
        : { state: changed.processState, completed: [] };
    const updated: ProjectRow = { ...changed, processState: advanced.state };
    const derived = derivedColumns(
      updated.partnerId !== null,
      template,
      advanced.state,
      newFacts,
      processContextOf(updated),
    );
    const clock = await scheduleClockChanges(context, db, updated, template, derived.currentStepKey);
    await updateProject(db, id, {
      ...changes,
      processState: advanced.state,
      ...derived,
      ...clock,
      updatedAt: context.now(),
    });
    await announceNewCurrentStep(
      db,
      project,
      { ...updated, ...derived, ...clock, updatedAt: context.now() },
      template,
      context.now(),
    );
    await recordAuditEvent(db, actor, {
      action: audit.action,
      projectId: id,
      subjectType: audit.subjectType ?? 'project',
      subjectId: audit.subjectId ?? id,
      before: { ...audit.before, currentStepKey: project.currentStepKey, state: project.state },
      after: {
        ...audit.after,
        currentStepKey: derived.currentStepKey,
        state: derived.state,
        ...(advanced.completed.length === 0 ? {} : { completedByEngage: advanced.completed }),
      },
    });
  }).catch(async (error: unknown) => {
    // The refusal is recorded after the rollback, or it would vanish with the transaction.
    if (error instanceof AppError && error.code === 'forbidden') {
      await recordAuditEvent(context.db, actor, {
        action: 'access.refused',
        projectId: id,
        subjectType: 'project',
        subjectId: id,
        after: { reason: error.message },
      });
    }
    throw error;
  });
  return getProjectDetail(context, actor, id);
}
