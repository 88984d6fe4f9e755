/*
 * The projects module's adapter to the process engine (src/domain/process): the facts a project's records make hold
 * (its columns, its sent email, the portal's and the sessions' records, what the modules above register as providers,
 * and what people confirmed by hand), the engine's view of it, the columns the pipeline filters on, and the scheduling
 * clock. The use cases that change a project read the engine through here.
 */
import { announceStepOpened } from './step-changes';
import {
  evaluateProcess,
  type Facts,
  type Party,
  type ProcessContext,
  type ProcessState,
  type ProcessTemplate,
  type ProcessView,
} from '../../../domain/process';
import { projectQuestionnaireKey } from '../../../domain/content';
import type { ServiceContext } from '../../context';
import type { Database } from '../../db/database';
import { defaultWorkingCalendar, loadWorkingCalendar } from '../calendars/calendar-data';
import { getTemplate } from '../process/process.service';
import { readProvidedFacts } from './process-facts';
import {
  listProjectFacts,
  listSentMailKinds,
  readPortalFacts,
  readSessionFacts,
  type PortalFacts,
  type ProjectFactRow,
  type ProjectRow,
  type SessionFacts,
} from './projects.repository';

/** What the engine's context says of a project: whether training was bought, whether a prepayment is required. */
export function processContextOf(project: ProjectRow): ProcessContext {
  return { trainingPurchased: project.isTrainingPurchased, paymentRequired: project.isPaymentRequired };
}

/** Which email, once the SMTP server has accepted it, makes which criterion hold. */
const mailCriteria: Readonly<Record<string, string>> = {
  'presentation-sent': 'service-presentation',
  'contact-email-sent': 'engineer-contact',
  'invitation-sent': 'session-invitation',
  'handover-delivered': 'handover-package',
};

/** The facts the engine checks: recorded by features (PO, payment, email…) or confirmed by hand. */
export interface RecordedFacts {
  factRows: readonly ProjectFactRow[];
  sentMailKinds: ReadonlySet<string>;
  portal: PortalFacts;
  sessions: SessionFacts;
  /** What the modules above projects record (delivery…), through their registered providers. */
  provided: Record<string, boolean>;
}

/** What Engage has recorded for a project, read through the caller's handle (its transaction, when there is one). */
export async function readRecordedFacts(db: Database, project: ProjectRow): Promise<RecordedFacts> {
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
export function factsOf(project: ProjectRow, recorded: RecordedFacts): Facts {
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
export function evaluateFor(
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
export function derivedColumns(
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

/** Where a project stands, as the engine sees it (for views other than the staff detail, such as the portal). */
export async function processViewOf(db: Database, project: ProjectRow): Promise<ProcessView> {
  const template = await getTemplate(db, project.templateKey, project.templateVersion);
  const facts = factsOf(project, await readRecordedFacts(db, project));
  return evaluateFor(project.partnerId !== null, template, project.processState, facts, processContextOf(project));
}

/**
 * Starts the scheduling clock the first time the project reaches the step that books its first session (E7): when it
 * became ready to schedule, and the instant SCHEDULING_TARGET_BUSINESS_DAYS business days later on the engineer's
 * calendar (the vendor's default calendar while none is assigned), past which the pipeline flags it.
 */
export async function scheduleClockChanges(
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
 * Announces a new current step to the modules listening (step-changes.ts), once the project row is written: called by
 * every path that moves a project (an action, a fact recorded, a step completed by Engage).
 */
export async function announceNewCurrentStep(
  db: Database,
  before: ProjectRow,
  after: ProjectRow,
  template: ProcessTemplate,
  now: Date,
): Promise<void> {
  if (after.currentStepKey === null || after.currentStepKey === before.currentStepKey) return;
  const step = template.steps.find((candidate) => candidate.key === after.currentStepKey);
  if (step === undefined) return;
  await announceStepOpened(db, { project: after, stepKey: step.key, ballWith: step.ballWith, now });
}
