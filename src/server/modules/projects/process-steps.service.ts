/*
 * The project's process moved through the engine: a step completed, waived, skipped or re-opened by staff, a manual
 * criterion confirmed by hand, a step waived as part of a larger change, and the steps Engage completes by itself when
 * a fact is recorded (inside the caller's transaction, or on its own).
 */
import { advanceAutomaticSteps, applyAction, type ProcessErrorCode, type ProcessState } from '../../../domain/process';
import { inTransaction, type ServiceContext } from '../../context';
import type { Database } from '../../db/database';
import { refuse, type ErrorCode } from '../../errors';
import type { Actor, StaffActor } from '../audit/actor';
import { recordAuditEvent } from '../audit/audit.service';
import { getTemplate } from '../process/process.service';
import { changeProject } from './change-project';
import {
  announceNewCurrentStep,
  derivedColumns,
  factsOf,
  processContextOf,
  readRecordedFacts,
  scheduleClockChanges,
} from './project-engine';
import { insertProjectFact, lockProject, updateProject } from './projects.repository';
import type { ProcessActionBody, ProjectDetail } from './projects.schemas';

/**
 * Confirms by hand an exit criterion whose feature does not record it yet (source 'manual').
 * Throws not_found for an unknown criterion, conflict when it is not manual or confirmed already.
 */
export async function confirmCriterion(
  context: ServiceContext,
  actor: StaffActor,
  id: string,
  criterionKey: string,
  note: string | undefined,
): Promise<ProjectDetail> {
  return changeProject(context, actor, id, async (db, _project, template) => {
    const criterion = template.steps
      .flatMap((step) => step.exitCriteria)
      .find((candidate) => candidate.key === criterionKey);
    if (criterion === undefined)
      throw refuse('not_found', 'projects.no_such_criterion', { values: { criterion: criterionKey } });
    if (criterion.source !== 'manual') throw refuse('conflict', 'projects.criterion_recorded_by_engage');
    const isNew = await insertProjectFact(db, {
      projectId: id,
      criterionKey,
      confirmedBy: actor.userId,
      note: note === undefined || note === '' ? null : note,
      confirmedAt: context.now(),
    });
    if (!isNew) throw refuse('conflict', 'projects.criterion_confirmed');
    return {
      changes: {},
      audit: {
        action: 'criterion.confirmed',
        subjectType: 'criterion',
        subjectId: criterionKey,
        before: { holds: false },
        after: { holds: true, note: note ?? null },
      },
    };
  });
}

const engineErrorCodes: Record<ProcessErrorCode, ErrorCode> = {
  step_not_found: 'validation_failed',
  forbidden_role: 'forbidden',
  not_allowed: 'action_not_allowed',
  criteria_unmet: 'criteria_unmet',
  reason_required: 'validation_failed',
};

const auditActionOf = {
  complete: 'process.step.completed',
  waive: 'process.step.waived',
  reopen: 'process.step.reopened',
  skip: 'process.step.skipped',
} as const;

/** Each step's status, as the audit trail keeps it before and after an action. */
function statusesOf(processState: ProcessState) {
  return Object.fromEntries(Object.entries(processState.steps).map(([key, step]) => [key, step.status]));
}

/**
 * Completes, waives, skips or re-opens a step through the engine.
 * Throws validation_failed (unknown step, missing reason), forbidden, action_not_allowed or criteria_unmet.
 */
export async function applyProcessAction(
  context: ServiceContext,
  actor: StaffActor,
  id: string,
  body: ProcessActionBody,
): Promise<ProjectDetail> {
  return changeProject(context, actor, id, async (_db, project, template, facts) => {
    const state = project.processState;
    const action =
      body.type === 'complete'
        ? { type: body.type, stepKey: body.stepKey }
        : { type: body.type, stepKey: body.stepKey, reason: body.reason ?? '' };
    const result = applyAction(template, state, facts, processContextOf(project), actor.role, action);
    if (!result.ok) {
      const path =
        result.error.code === 'reason_required'
          ? 'body.reason'
          : result.error.code === 'step_not_found'
            ? 'body.stepKey'
            : undefined;
      throw refuse(engineErrorCodes[result.error.code], result.error.key, {
        values: result.error.values,
        ...(path === undefined ? {} : { details: [{ path, message: result.error.message }] }),
      });
    }
    return {
      changes: { processState: result.state },
      audit: {
        action: auditActionOf[body.type],
        subjectType: 'step',
        subjectId: body.stepKey,
        before: { steps: statusesOf(state) },
        after: {
          steps: statusesOf(result.state),
          ...(body.type === 'complete' ? {} : { reason: action.type === 'complete' ? undefined : body.reason?.trim() }),
        },
      },
    };
  });
}

/**
 * Waives a step inside the caller's transaction, for a use case that waives as one part of a larger change (closing a
 * project without a signed activity report): the engine's rules, the derived columns and the audit event are those of
 * applyProcessAction. Throws not_found, forbidden, action_not_allowed or validation_failed (the reason) as it does.
 */
export async function waiveStepIn(
  context: ServiceContext,
  db: Database,
  actor: StaffActor,
  id: string,
  stepKey: string,
  reason: string,
): Promise<void> {
  const project = await lockProject(db, id);
  if (project === null) throw refuse('not_found', 'common.no_such_project');
  const template = await getTemplate(db, project.templateKey, project.templateVersion);
  const facts = factsOf(project, await readRecordedFacts(db, project));
  const processContext = processContextOf(project);
  const state = project.processState;
  const result = applyAction(template, state, facts, processContext, actor.role, { type: 'waive', stepKey, reason });
  if (!result.ok) throw refuse(engineErrorCodes[result.error.code], result.error.key, { values: result.error.values });
  const derived = derivedColumns(project.partnerId !== null, template, result.state, facts, processContext);
  const clock = await scheduleClockChanges(
    context,
    db,
    { ...project, processState: result.state },
    template,
    derived.currentStepKey,
  );
  await updateProject(db, id, { processState: result.state, ...derived, ...clock, updatedAt: context.now() });
  await announceNewCurrentStep(
    db,
    project,
    { ...project, processState: result.state, ...derived, ...clock, updatedAt: context.now() },
    template,
    context.now(),
  );
  await recordAuditEvent(db, actor, {
    action: auditActionOf.waive,
    projectId: id,
    subjectType: 'step',
    subjectId: stepKey,
    before: { steps: statusesOf(state), currentStepKey: project.currentStepKey, state: project.state },
    after: {
      steps: statusesOf(result.state),
      reason: reason.trim(),
      currentStepKey: derived.currentStepKey,
      state: derived.state,
    },
  });
}

/**
 * Re-reads what Engage has recorded for a project (called when a fact changes outside a project request, such as an
 * email the SMTP server accepted) and completes the steps that completes by themselves; audits what moved.
 * A project that does not exist is ignored.
 */
export async function refreshProjectProcess(
  context: ServiceContext,
  projectId: string,
  actor: Actor,
  cause: string,
): Promise<void> {
  await inTransaction(context, async (db) => advanceProjectIn(context, db, projectId, actor, cause));
}

/**
 * The same inside the caller's transaction, for a change that records a fact itself (a questionnaire submitted, a
 * requirement verified): the fact and the step it completes commit together.
 */
export async function advanceProjectIn(
  context: ServiceContext,
  db: Database,
  projectId: string,
  actor: Actor,
  cause: string,
): Promise<void> {
  const project = await lockProject(db, projectId);
  if (project === null) return;
  const template = await getTemplate(db, project.templateKey, project.templateVersion);
  const facts = factsOf(project, await readRecordedFacts(db, project));
  const processContext = processContextOf(project);
  const advanced = advanceAutomaticSteps(template, project.processState, facts, processContext);
  const derived = derivedColumns(project.partnerId !== null, template, advanced.state, facts, processContext);
  const isUnchanged =
    advanced.completed.length === 0 &&
    derived.currentStepKey === project.currentStepKey &&
    derived.state === project.state &&
    derived.waitingOn.join() === project.waitingOn.join();
  if (isUnchanged) return;
  const clock = await scheduleClockChanges(context, db, project, template, derived.currentStepKey);
  await updateProject(db, projectId, { processState: advanced.state, ...derived, ...clock, updatedAt: context.now() });
  await announceNewCurrentStep(
    db,
    project,
    { ...project, processState: advanced.state, ...derived, ...clock, updatedAt: context.now() },
    template,
    context.now(),
  );
  await recordAuditEvent(db, actor, {
    action: 'process.advanced',
    projectId,
    subjectType: 'project',
    subjectId: projectId,
    before: { currentStepKey: project.currentStepKey, state: project.state },
    after: {
      cause,
      currentStepKey: derived.currentStepKey,
      state: derived.state,
      completedByEngage: advanced.completed,
    },
  });
}
