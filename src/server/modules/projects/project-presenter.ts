/*
 * How a project is shown to staff: its pipeline summary, and its detail (the engine's timeline with where each
 * criterion comes from, and the actions the caller may take), with its audit trail.
 */
import { allowedActions, type ProcessTemplate } from '../../../domain/process';
import type { ServiceContext } from '../../context';
import type { StaffActor } from '../audit/actor';
import { listProjectAudit } from '../audit/audit.service';
import { getTemplate } from '../process/process.service';
import { projectAuditNames } from './audit-names';
import { canActOn, getReadableProject } from './project-access';
import { evaluateFor, factsOf, processContextOf, readRecordedFacts } from './project-engine';
import type { PipelineRow, ProjectWithNames } from './projects.repository';
import type { ProjectDetail, ProjectSummary } from './projects.schemas';

/** A project as a row of the pipeline, its current step named from the template it runs on. */
export function presentSummary(template: ProcessTemplate, row: Omit<PipelineRow, 'cursorAt'>): ProjectSummary {
  const step = template.steps.find((candidate) => candidate.key === row.currentStepKey);
  return {
    id: row.id,
    reference: row.reference,
    name: row.name,
    customer: { id: row.customerId, name: row.customerName },
    partner: row.partnerId === null ? null : { id: row.partnerId, name: row.partnerName ?? '' },
    engineer: row.engineerId === null ? null : { id: row.engineerId, name: row.engineerName ?? '' },
    priority: row.priority,
    currentStep: step === undefined ? null : { key: step.key, code: step.code, title: step.title },
    state: row.state,
    waitingOn: row.waitingOn as ProjectSummary['waitingOn'],
    scheduleLate: row.scheduleLate,
    updatedAt: row.updatedAt,
  };
}

/** A project with its timeline and the actions the caller may take. */
async function presentDetail(
  context: ServiceContext,
  actor: StaffActor,
  row: ProjectWithNames,
): Promise<ProjectDetail> {
  const project = row.project;
  const template = await getTemplate(context.db, project.templateKey, project.templateVersion);
  const facts = factsOf(project, await readRecordedFacts(context.db, project));
  const processContext = processContextOf(project);
  const state = project.processState;
  const view = evaluateFor(project.partnerId !== null, template, state, facts, processContext);
  const sources = new Map(
    template.steps.flatMap((step) => step.exitCriteria.map((criterion) => [criterion.key, criterion.source])),
  );
  return {
    ...presentSummary(template, {
      ...project,
      customerName: row.customerName,
      partnerName: row.partnerName,
      engineerName: row.engineerName,
      scheduleLate:
        project.scheduleDueAt !== null &&
        (project.firstSessionAt ?? context.now()).getTime() > project.scheduleDueAt.getTime(),
      updatedAt: project.updatedAt.toISOString(),
    }),
    applications: project.applications,
    deployment: project.deployment,
    purchasedEffortDays: project.purchasedEffortDays,
    trainingPurchased: project.isTrainingPurchased,
    templateKey: project.templateKey,
    templateVersion: project.templateVersion,
    purchaseOrder:
      project.purchaseOrderNumber === null || project.purchaseOrderApprovedAt === null
        ? null
        : { number: project.purchaseOrderNumber, approvedAt: project.purchaseOrderApprovedAt.toISOString() },
    payment: { isRequired: project.isPaymentRequired, receivedAt: project.paymentReceivedAt?.toISOString() ?? null },
    process: {
      isComplete: view.isComplete,
      waitingOn: [...view.waitingOn],
      blockers: view.blockers.map((blocker) => ({ ...blocker })),
      timeline: view.timeline.map((entry) => ({
        key: entry.key,
        code: entry.code,
        phase: entry.phase,
        title: entry.title,
        ballWith: [...entry.ballWith],
        display: entry.display,
        ...(entry.reason === undefined ? {} : { reason: entry.reason }),
        criteria: entry.criteria.map((criterion) => ({ ...criterion, source: sources.get(criterion.key) ?? 'manual' })),
      })),
    },
    allowedActions: canActOn(actor, project)
      ? allowedActions(template, state, facts, processContext, actor.role).map((action) => ({
          type: action.type,
          stepKey: action.stepKey,
        }))
      : [],
    createdAt: project.createdAt.toISOString(),
  };
}

/** A project with its timeline and the actions the caller may take; throws not_found (also for support on a running project). */
export async function getProjectDetail(context: ServiceContext, actor: StaffActor, id: string): Promise<ProjectDetail> {
  return presentDetail(context, actor, await getReadableProject(context, actor, id));
}

/** A project's audit trail, newest first, for whoever may see the project; throws not_found. */
export async function getProjectAuditTrail(
  context: ServiceContext,
  actor: StaffActor,
  id: string,
  page: { beforeId?: number; limit: number },
) {
  const project = await getReadableProject(context, actor, id);
  return listProjectAudit(context.db, id, page, projectAuditNames(context.db, project));
}
