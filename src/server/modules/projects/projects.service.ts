import {
  advanceAutomaticSteps,
  allowedActions,
  applyAction,
  evaluateProcess,
  startProcess,
  type Facts,
  type ProcessContext,
  type ProcessErrorCode,
  type ProcessState,
  type ProcessTemplate,
  type ProcessView,
  type Party,
} from '../../../domain/process';
import { projectQuestionnaireKey } from '../../../domain/content';
import { inTransaction, type ServiceContext } from '../../context';
import type { Database } from '../../db/database';
import type { deployments } from '../../db/schema';
import { AppError, type ErrorCode } from '../../errors';
import type { ContactIdentity } from '../../identity';
import type { Actor, StaffActor } from '../audit/actor';
import { listProjectAudit, recordAuditEvent } from '../audit/audit.service';
import { findOrganisationRow } from '../organisations/organisations.service';
import { getContentLibrary } from '../content/content.service';
import { readProvidedFacts } from './process-facts';
import { getCurrentTemplate, getCurrentTemplateWith, getTemplate } from '../process/process.service';
import { findUserById } from '../users/users.service';
import { defaultWorkingCalendar, loadWorkingCalendar } from '../calendars/calendar-data';
import {
  findProjectWithNames,
  insertProject,
  insertProjectFact,
  isProjectInScope,
  listProjectFacts,
  listSentMailKinds,
  countProjectsByStep,
  listPipelineRows,
  lockProject,
  nextProjectReference,
  readPortalFacts,
  readSessionFacts,
  updateProject,
  type PortalFacts,
  type SessionFacts,
  type ProjectFactRow,
  type ProjectRow,
  type PipelineRow,
  type ProjectWithNames,
} from './projects.repository';
import type {
  CreateProjectBody,
  ListProjectsQuery,
  ProcessActionBody,
  ProjectDetail,
  ProjectSummary,
} from './projects.schemas';

/** Published for the modules above projects: the project rows and the queries they read projects with. */
export {
  findProjectWithNames,
  isProjectInScope,
  listContactProjectIds,
  lockProject,
  type ProjectRow,
  type ProjectWithNames,
} from './projects.repository';

function processContextOf(project: ProjectRow): ProcessContext {
  return { trainingPurchased: project.isTrainingPurchased, paymentRequired: project.isPaymentRequired };
}

/** The facts the engine checks: recorded by features (PO, payment) or confirmed by hand. */
/** Which email, once the SMTP server has accepted it, makes which criterion hold. */
const mailCriteria: Readonly<Record<string, string>> = {
  'presentation-sent': 'service-presentation',
  'contact-email-sent': 'engineer-contact',
  'invitation-sent': 'session-invitation',
  'handover-delivered': 'handover-package',
};

interface RecordedFacts {
  factRows: readonly ProjectFactRow[];
  sentMailKinds: ReadonlySet<string>;
  portal: PortalFacts;
  sessions: SessionFacts;
  /** What the modules above projects record (delivery…), through their registered providers. */
  provided: Record<string, boolean>;
}

async function readRecordedFacts(db: Database, project: ProjectRow): Promise<RecordedFacts> {
  const projectId = project.id;
  return {
    factRows: await listProjectFacts(db, projectId),
    sentMailKinds: await listSentMailKinds(db, projectId),
    portal: await readPortalFacts(db, projectId),
    sessions: await readSessionFacts(db, projectId),
    provided: await readProvidedFacts(db, project),
  };
}

/** The criteria that hold: from the project's columns, its sent email, and what people confirmed by hand. */
function factsOf(project: ProjectRow, recorded: RecordedFacts): Facts {
  const facts: Record<string, boolean> = {
    'po-approved': project.purchaseOrderApprovedAt !== null,
    'payment-received': project.paymentReceivedAt !== null,
    'engineer-assigned': project.engineerId !== null,
  };
  for (const [criterion, kind] of Object.entries(mailCriteria)) facts[criterion] = recorded.sentMailKinds.has(kind);
  const portal = recorded.portal;
  // The project questionnaire counts only where it was asked: projects in flight when it came (migration 0018) go on without it.
  facts['questionnaires-submitted'] =
    project.applications.every((key) => portal.submittedApplications.includes(key)) &&
    (!project.asksProjectQuestionnaire || portal.submittedApplications.includes(projectQuestionnaireKey));
  facts['design-reviewed'] = portal.isDesignReviewed;
  facts['constraints-recorded'] = portal.hasConstraintsRecorded;
  facts['requirements-confirmed'] = portal.isListConfirmed;
  facts['requirements-fulfilled'] = portal.isListConfirmed && portal.unsettledRequirements === 0;
  facts['first-session-confirmed'] = recorded.sessions.hasBookedSession;
  facts['first-session-held'] = recorded.sessions.hasHeldSession;
  // A session recorded after it took place had no invitation to send: it is itself the proof that the date was agreed.
  if (recorded.sessions.hasSessionRecordedAfterTheFact) facts['invitation-sent'] = true;
  Object.assign(facts, recorded.provided);
  for (const row of recorded.factRows) facts[row.criterionKey] = true;
  return facts;
}

/**
 * The engine's answer for a project: a project without a partner waits on nobody's partner, so the partner is taken
 * out of who the steps wait on (the template names the parties a step may involve).
 */
function evaluateFor(
  hasPartner: boolean,
  template: ProcessTemplate,
  state: ProcessState,
  facts: Facts,
  context: ProcessContext,
): ProcessView {
  const view = evaluateProcess(template, state, facts, context);
  if (hasPartner) return view;
  const present = (parties: readonly Party[]) => parties.filter((party) => party !== 'partner');
  const timeline = view.timeline.map((entry) => ({ ...entry, ballWith: present(entry.ballWith) }));
  return {
    ...view,
    waitingOn: present(view.waitingOn),
    timeline,
    currentStep:
      view.currentStep === null
        ? null
        : (timeline.find((entry) => entry.key === view.currentStep?.key) ?? view.currentStep),
  };
}

/** The columns the pipeline filters on, derived from the process state by the engine. */
function derivedColumns(
  hasPartner: boolean,
  template: ProcessTemplate,
  state: ProcessState,
  facts: Facts,
  context: ProcessContext,
) {
  const view = evaluateFor(hasPartner, template, state, facts, context);
  return {
    currentStepKey: view.currentStep?.key ?? null,
    state: view.isComplete
      ? ('complete' as const)
      : view.currentStep?.display === 'blocked'
        ? ('blocked' as const)
        : ('current' as const),
    waitingOn: [...view.waitingOn],
  };
}

function presentSummary(template: ProcessTemplate, row: Omit<PipelineRow, 'cursorAt'>): ProjectSummary {
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

function canActOn(actor: StaffActor, project: ProjectRow): boolean {
  if (actor.role === 'admin' || actor.role === 'manager') return true;
  return actor.role === 'engineer' && project.engineerId === actor.userId;
}

// Support reads only closed projects: a project still running does not exist for them.
function canRead(actor: StaffActor, project: ProjectRow): boolean {
  return actor.role !== 'support' || project.state === 'complete';
}

/** Where a project stands, as the engine sees it (for views other than the staff detail, such as the portal). */
export async function processViewOf(db: Database, project: ProjectRow): Promise<ProcessView> {
  const template = await getTemplate(db, project.templateKey, project.templateVersion);
  const facts = factsOf(project, await readRecordedFacts(db, project));
  return evaluateFor(
    project.partnerId !== null,
    template,
    project.processState as ProcessState,
    facts,
    processContextOf(project),
  );
}

async function presentDetail(
  context: ServiceContext,
  actor: StaffActor,
  row: ProjectWithNames,
): Promise<ProjectDetail> {
  const project = row.project;
  const template = await getTemplate(context.db, project.templateKey, project.templateVersion);
  const facts = factsOf(project, await readRecordedFacts(context.db, project));
  const processContext = processContextOf(project);
  const state = project.processState as ProcessState;
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

async function getReadableProject(context: ServiceContext, actor: StaffActor, id: string): Promise<ProjectWithNames> {
  const row = await findProjectWithNames(context.db, id);
  if (row === null || !canRead(actor, row.project)) throw new AppError('not_found', 'No such project.');
  return row;
}

/** Throws not_found unless the project is in the contact's scope (their customer's, or their partner organisation's). */
export async function ensureProjectInContactScope(
  context: ServiceContext,
  contact: ContactIdentity,
  projectId: string,
): Promise<void> {
  if (!(await isProjectInScope(context.db, contact, projectId))) throw new AppError('not_found', 'No such project.');
}

/** Throws not_found unless the caller may see the project (what another module checks before showing a project's things). */
export async function checkProjectReadable(context: ServiceContext, actor: StaffActor, id: string): Promise<void> {
  await getReadableProject(context, actor, id);
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
  await getReadableProject(context, actor, id);
  return listProjectAudit(context.db, id, page);
}

function encodeCursor(row: PipelineRow): string {
  return Buffer.from(`${row.cursorAt}|${row.id}`).toString('base64url');
}

const cursorTimestamp = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}(\.\d{1,6})?[+-]\d{2}(:\d{2})?$/;
const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

function decodeCursor(cursor: string): { at: string; id: string } {
  const [at, id, ...rest] = Buffer.from(cursor, 'base64url').toString('utf8').split('|');
  if (at === undefined || id === undefined || rest.length > 0 || !cursorTimestamp.test(at) || !uuid.test(id)) {
    throw new AppError('validation_failed', 'The page cursor is not valid; start again from the first page.', [
      { path: 'querystring.cursor', message: 'Not a cursor given by this list.' },
    ]);
  }
  return { at, id };
}

/** The pipeline: projects by most recent change, filtered by step, engineer, customer, priority or state. */
export async function listPipeline(
  context: ServiceContext,
  actor: StaffActor,
  query: ListProjectsQuery,
): Promise<{ items: ProjectSummary[]; nextCursor: string | null }> {
  const template = await getCurrentTemplate(context);
  if (actor.role === 'support' && query.state !== undefined && query.state !== 'complete')
    return { items: [], nextCursor: null };
  const rows = await listPipelineRows(context.db, {
    stepKey: query.step,
    engineerId: query.engineerId,
    customerId: query.customerId,
    priority: query.priority,
    state: actor.role === 'support' ? 'complete' : query.state,
    after: query.cursor === undefined ? undefined : decodeCursor(query.cursor),
    limit: query.limit + 1,
  });
  const page = rows.slice(0, query.limit);
  const last = page.at(-1);
  return {
    items: page.map((row) => presentSummary(template, row)),
    nextCursor: rows.length > query.limit && last !== undefined ? encodeCursor(last) : null,
  };
}

/** Every step of the current template with how many running projects stand there, within the other pipeline filters. */
export async function countPipelineByStep(
  context: ServiceContext,
  actor: StaffActor,
  filters: Pick<ListProjectsQuery, 'engineerId' | 'customerId' | 'priority'>,
) {
  const template = await getCurrentTemplate(context);
  // Support sees closed projects only, and a closed project stands at no step.
  const counts = actor.role === 'support' ? [] : await countProjectsByStep(context.db, filters);
  const byStep = new Map(counts.map((count) => [count.stepKey, count]));
  return {
    items: template.steps.map((step) => ({
      stepKey: step.key,
      code: step.code,
      title: step.title,
      projects: byStep.get(step.key)?.projects ?? 0,
      blocked: byStep.get(step.key)?.blocked ?? 0,
    })),
  };
}

function auditedProject(project: ProjectRow) {
  return {
    reference: project.reference,
    name: project.name,
    customerId: project.customerId,
    partnerId: project.partnerId,
    engineerId: project.engineerId,
    priority: project.priority,
    deployment: project.deployment,
    applications: project.applications,
    purchasedEffortDays: project.purchasedEffortDays,
    isTrainingPurchased: project.isTrainingPurchased,
    isPaymentRequired: project.isPaymentRequired,
    currentStepKey: project.currentStepKey,
    state: project.state,
  };
}

async function validateProjectParties(db: Database, body: CreateProjectBody) {
  const customer = await findOrganisationRow(db, body.customerId);
  if (customer === null || customer.kind !== 'customer') {
    throw new AppError('validation_failed', 'The chosen customer does not exist.', [
      { path: 'body.customerId', message: 'Choose an existing customer.' },
    ]);
  }
  const partner = body.partnerId == null ? null : await findOrganisationRow(db, body.partnerId);
  if (body.partnerId != null && (partner === null || partner.kind !== 'partner')) {
    throw new AppError('validation_failed', 'The chosen partner does not exist.', [
      { path: 'body.partnerId', message: 'Choose an existing partner.' },
    ]);
  }
  const library = await getContentLibrary(db);
  const known = new Set(library.applications.map((application) => application.key));
  const unknown = body.applications.flatMap((key, index) => (known.has(key) ? [] : [{ key, index }]));
  if (unknown.length > 0) {
    throw new AppError(
      'validation_failed',
      `Unknown application: ${unknown.map((item) => item.key).join(', ')}. Choose among: ${[...known].join(', ')}.`,
      unknown.map((item) => ({
        path: `body.applications.${item.index}`,
        message: 'Not an application of the catalog.',
      })),
    );
  }
  if (body.engineerId != null) {
    const engineer = await findUserById(db, body.engineerId);
    if (engineer === null || engineer.role !== 'engineer' || engineer.isDisabled) {
      throw new AppError('validation_failed', 'The chosen engineer is not an active engineer.', [
        { path: 'body.engineerId', message: 'Choose an active engineer.' },
      ]);
    }
  }
  return { partner };
}

/** What a new project is made of (the API body, or what an approved purchase order bought). */
export type NewProjectInput = CreateProjectBody & { purchaseOrder?: { number: string; approvedAt: Date } };

/**
 * Inserts a project on the current template version, at its first step, inside the caller's transaction, and audits
 * it; returns its id. Throws validation_failed for unknown parties or applications.
 */
export async function insertNewProject(
  context: ServiceContext,
  db: Database,
  actor: StaffActor,
  input: NewProjectInput,
): Promise<string> {
  // Through the transaction's handle: on PGlite a query on the outer handle would wait for this transaction forever.
  const template = await getCurrentTemplateWith(db);
  const { partner } = await validateProjectParties(db, input);
  const processContext: ProcessContext = {
    trainingPurchased: input.trainingPurchased,
    paymentRequired: partner?.paymentTerms === 'prepayment-required',
  };
  const now = context.now();
  const purchaseOrder = input.purchaseOrder;
  const facts: Facts = { 'po-approved': purchaseOrder !== undefined, 'payment-received': false };
  const { state } = advanceAutomaticSteps(template, startProcess(template, processContext), facts, processContext);
  const project = await insertProject(db, {
    reference: await nextProjectReference(db, now.getUTCFullYear()),
    name: input.name,
    customerId: input.customerId,
    partnerId: input.partnerId ?? null,
    engineerId: input.engineerId ?? null,
    priority: input.priority,
    deployment: input.deployment,
    applications: input.applications,
    purchasedEffortDays: input.purchasedEffortDays,
    isTrainingPurchased: input.trainingPurchased,
    isPaymentRequired: processContext.paymentRequired,
    templateKey: template.key,
    templateVersion: template.version,
    processState: state,
    ...derivedColumns(input.partnerId != null, template, state, facts, processContext),
    purchaseOrderNumber: purchaseOrder?.number ?? null,
    purchaseOrderApprovedAt: purchaseOrder?.approvedAt ?? null,
    createdBy: actor.userId,
    createdAt: now,
    updatedAt: now,
  });
  await recordAuditEvent(db, actor, {
    action: 'project.created',
    projectId: project.id,
    subjectType: 'project',
    subjectId: project.id,
    after: auditedProject(project),
  });
  return project.id;
}

/** Creates a project on the current template version, at its first step; throws validation_failed for unknown parties. */
export async function createProject(
  context: ServiceContext,
  actor: StaffActor,
  body: CreateProjectBody,
): Promise<ProjectDetail> {
  const id = await inTransaction(context, async (db) => insertNewProject(context, db, actor, body));
  return getProjectDetail(context, actor, id);
}

/**
 * Locks the project, lets `change` update it, recomputes the engine's columns, and writes one audit event;
 * throws not_found or forbidden (an engineer acting on a project not assigned to them).
 */
async function changeProject(
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
    if (project === null || !canRead(actor, project)) throw new AppError('not_found', 'No such project.');
    if (!canActOn(actor, project)) {
      throw new AppError('forbidden', 'Only the engineer assigned to this project, or a manager, can change it.');
    }
    const template = await getTemplate(db, project.templateKey, project.templateVersion);
    const facts = factsOf(project, await readRecordedFacts(db, project));
    const { changes, audit, recordsFact } = await change(db, project, template, facts);
    const changed: ProjectRow = { ...project, ...changes };
    const newFacts = factsOf(changed, await readRecordedFacts(db, changed));
    // A fact Engage recorded may complete the current step (and the next) by itself; a re-opened step stays open.
    const advanced =
      recordsFact === true
        ? advanceAutomaticSteps(template, changed.processState as ProcessState, newFacts, processContextOf(changed))
        : { state: changed.processState as ProcessState, completed: [] };
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

/** Records the purchase order as approved (E1's first criterion); throws conflict when one is approved already. */
export async function approvePurchaseOrder(
  context: ServiceContext,
  actor: StaffActor,
  id: string,
  number: string,
): Promise<ProjectDetail> {
  return changeProject(context, actor, id, async (_db, project) => {
    if (project.purchaseOrderApprovedAt !== null) {
      throw new AppError(
        'conflict',
        `Purchase order ${project.purchaseOrderNumber ?? ''} is already approved for this project.`,
      );
    }
    return {
      changes: { purchaseOrderNumber: number, purchaseOrderApprovedAt: context.now() },
      recordsFact: true,
      audit: {
        action: 'purchase-order.approved',
        before: { purchaseOrderNumber: null },
        after: { purchaseOrderNumber: number },
      },
    };
  });
}

/** Records the prepayment as received; throws conflict when no payment is required or it is recorded already. */
export async function recordPaymentReceived(
  context: ServiceContext,
  actor: StaffActor,
  id: string,
): Promise<ProjectDetail> {
  return changeProject(context, actor, id, async (_db, project) => {
    if (!project.isPaymentRequired)
      throw new AppError('conflict', "This project's partner terms do not require a prepayment.");
    if (project.paymentReceivedAt !== null) throw new AppError('conflict', 'The payment is already recorded.');
    const receivedAt = context.now();
    return {
      changes: { paymentReceivedAt: receivedAt },
      recordsFact: true,
      audit: {
        action: 'payment.recorded',
        before: { paymentReceivedAt: null },
        after: { paymentReceivedAt: receivedAt.toISOString() },
      },
    };
  });
}

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
      throw new AppError('not_found', `This project's process has no criterion "${criterionKey}".`);
    if (criterion.source !== 'manual') {
      throw new AppError(
        'conflict',
        'Engage records this criterion itself (from the purchase order, payment, email, questionnaires or requirements), not by hand.',
      );
    }
    const isNew = await insertProjectFact(db, {
      projectId: id,
      criterionKey,
      confirmedBy: actor.userId,
      note: note === undefined || note === '' ? null : note,
      confirmedAt: context.now(),
    });
    if (!isNew) throw new AppError('conflict', 'This criterion is already confirmed.');
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
    const state = project.processState as ProcessState;
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
      throw new AppError(
        engineErrorCodes[result.error.code],
        result.error.message,
        path === undefined ? undefined : [{ path, message: result.error.message }],
      );
    }
    const statusesOf = (processState: ProcessState) =>
      Object.fromEntries(Object.entries(processState.steps).map(([key, step]) => [key, step.status]));
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
  if (project === null) throw new AppError('not_found', 'No such project.');
  const template = await getTemplate(db, project.templateKey, project.templateVersion);
  const facts = factsOf(project, await readRecordedFacts(db, project));
  const processContext = processContextOf(project);
  const state = project.processState as ProcessState;
  const result = applyAction(template, state, facts, processContext, actor.role, { type: 'waive', stepKey, reason });
  if (!result.ok) throw new AppError(engineErrorCodes[result.error.code], result.error.message);
  const derived = derivedColumns(project.partnerId !== null, template, result.state, facts, processContext);
  const clock = await scheduleClockChanges(
    context,
    db,
    { ...project, processState: result.state },
    template,
    derived.currentStepKey,
  );
  await updateProject(db, id, { processState: result.state, ...derived, ...clock, updatedAt: context.now() });
  const statusesOf = (processState: ProcessState) =>
    Object.fromEntries(Object.entries(processState.steps).map(([key, step]) => [key, step.status]));
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
 * Starts the scheduling clock the first time the project reaches the step that books its first session (E7): when it
 * became ready to schedule, and the instant SCHEDULING_TARGET_BUSINESS_DAYS business days later on the engineer's
 * calendar (the vendor's default calendar while none is assigned), past which the pipeline flags it.
 */
async function scheduleClockChanges(
  context: ServiceContext,
  db: Database,
  project: ProjectRow,
  template: ProcessTemplate,
  currentStepKey: string | null,
): Promise<Partial<ProjectRow>> {
  if (project.readyToScheduleAt !== null || currentStepKey === null) return {};
  const step = template.steps.find((candidate) => candidate.key === currentStepKey);
  if (step === undefined || !step.exitCriteria.some((criterion) => criterion.key === 'first-session-confirmed'))
    return {};
  const now = context.now();
  const [{ addBusinessDays }, calendar] = await Promise.all([
    import('../../../domain/scheduling'),
    project.engineerId === null ? Promise.resolve(defaultWorkingCalendar) : loadWorkingCalendar(db, project.engineerId),
  ]);
  return {
    readyToScheduleAt: now,
    scheduleDueAt: addBusinessDays(calendar, now, context.scheduling.targetBusinessDays),
  };
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
  const advanced = advanceAutomaticSteps(template, project.processState as ProcessState, facts, processContext);
  const derived = derivedColumns(project.partnerId !== null, template, advanced.state, facts, processContext);
  const isUnchanged =
    advanced.completed.length === 0 &&
    derived.currentStepKey === project.currentStepKey &&
    derived.state === project.state &&
    derived.waitingOn.join() === project.waitingOn.join();
  if (isUnchanged) return;
  const clock = await scheduleClockChanges(context, db, project, template, derived.currentStepKey);
  await updateProject(db, projectId, { processState: advanced.state, ...derived, ...clock, updatedAt: context.now() });
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

/**
 * Sets the project's deployment option to what its design settled on (the project questionnaire's answer), inside the
 * caller's transaction and audited with the cause; the P1 checklist follows it. Nothing happens when it is unchanged.
 */
export async function changeDeploymentIn(
  context: ServiceContext,
  db: Database,
  actor: Actor,
  projectId: string,
  deployment: (typeof deployments)[number],
  cause: string,
): Promise<void> {
  const project = await lockProject(db, projectId);
  if (project === null || project.deployment === deployment) return;
  await updateProject(db, projectId, { deployment, updatedAt: context.now() });
  await recordAuditEvent(db, actor, {
    action: 'project.deployment-changed',
    projectId,
    subjectType: 'project',
    subjectId: projectId,
    before: { deployment: project.deployment },
    after: { deployment, cause },
  });
}

/** A project the caller may act on (a manager, or its assigned engineer), with its names; throws not_found or forbidden. */
export async function getProjectForAction(
  context: ServiceContext,
  actor: StaffActor,
  id: string,
): Promise<ProjectWithNames> {
  const row = await getReadableProject(context, actor, id);
  if (!canActOn(actor, row.project))
    throw new AppError('forbidden', 'Only the engineer assigned to this project, or a manager, can do this.');
  return row;
}

/**
 * Assigns the project's engineer (E3's first criterion); `isInTeam` says whether the engineer belongs to a
 * competence team of the project's applications, which the caller checked. Throws not_found, forbidden, or
 * validation_failed for someone who is not an active engineer of the right team.
 */
export async function assignProjectEngineer(
  context: ServiceContext,
  actor: StaffActor,
  id: string,
  engineer: { id: string; isActiveEngineer: boolean; isInTeam: boolean },
): Promise<ProjectDetail> {
  if (!engineer.isActiveEngineer) {
    throw new AppError('validation_failed', 'Choose an active engineer.', [
      { path: 'body.engineerId', message: 'Not an active engineer.' },
    ]);
  }
  if (!engineer.isInTeam) {
    throw new AppError(
      'validation_failed',
      'This engineer is in none of the competence teams of the project’s applications: an admin can add them to a team.',
      [{ path: 'body.engineerId', message: 'Not in a competence team of the project’s applications.' }],
    );
  }
  return changeProject(context, actor, id, async (_db, project) => ({
    changes: { engineerId: engineer.id },
    recordsFact: true,
    audit: {
      action: 'project.engineer-assigned',
      before: { engineerId: project.engineerId },
      after: { engineerId: engineer.id },
    },
  }));
}

// The closed projects' summaries, for the dossiers' search.
export { listProjectSummaries, type ProjectSummaryRow } from './projects.repository';

// ——— published for the sessions module ———

/** A manager allowed scheduling before the requirements are verified, with a reason. */
export async function recordSchedulingOverride(db: Database, projectId: string, reason: string, at: Date) {
  await updateProject(db, projectId, { schedulingOverrideAt: at, schedulingOverrideReason: reason, updatedAt: at });
}

/** The project's first booked session and the business days from ready to schedule to it (the scheduling target). */
export async function recordFirstSession(
  db: Database,
  projectId: string,
  firstSessionAt: Date | null,
  businessDays: number | null,
) {
  await updateProject(db, projectId, { firstSessionAt, firstSessionBusinessDays: businessDays });
}
