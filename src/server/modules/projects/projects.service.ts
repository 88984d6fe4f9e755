/*
 * The projects module's published interface: what the routes and the modules above projects call. The use cases live
 * beside it, one group per file:
 *   pipeline.service.ts          the pipeline's pages and cursors, and the projects at each step
 *   new-project.service.ts       a project created (by hand, or from an approved purchase order)
 *   project-changes.service.ts   the purchase order, the payment, the engineer, the deployment, the scheduling records
 *   process-steps.service.ts     steps completed, waived, skipped or re-opened, criteria confirmed, steps Engage completes
 *   project-presenter.ts         a project's summary, its detail and its audit trail
 * with their shared parts: project-access.ts (who may see and act on a project), project-engine.ts (the facts, the
 * engine's view, the derived columns, the scheduling clock), change-project.ts (the one way a staff request changes a
 * project), and the queries in projects.repository.ts. participant.ts and process-facts.ts are published on their own.
 */

export { checkProjectReadable, ensureProjectInContactScope, getProjectForAction } from './project-access';
export { processViewOf } from './project-engine';
export { createProject, insertNewProject, type NewProjectInput } from './new-project.service';
export { countPipelineByStep, listPipeline } from './pipeline.service';
export {
  advanceProjectIn,
  applyProcessAction,
  confirmCriterion,
  refreshProjectProcess,
  waiveStepIn,
} from './process-steps.service';
export {
  approvePurchaseOrder,
  assignProjectEngineer,
  changeDeploymentIn,
  recordFirstSession,
  recordPaymentReceived,
  recordSchedulingOverride,
} from './project-changes.service';
export { getProjectAuditTrail, getProjectDetail } from './project-presenter';

/** Published for the modules above projects: the project rows and the queries they read projects with. */
export {
  findProjectWithNames,
  isProjectInScope,
  listContactProjectIds,
  lockProject,
  type ProjectRow,
  type ProjectWithNames,
} from './projects.repository';

// The closed projects' summaries, for the dossiers' search.
export { listProjectSummaries, type ProjectSummaryRow } from './projects.repository';
