/*
 * A new project: its parties and applications checked, inserted on the current template version at its first step
 * (with the steps its recorded facts complete already, such as an approved purchase order), and audited. Staff create
 * one by hand; the purchase-orders module creates one when it approves an order.
 */
import { advanceAutomaticSteps, startProcess, type Facts, type ProcessContext } from '../../../domain/process';
import { translatorFor } from '../../../domain/text/i18n';
import { inTransaction, type ServiceContext } from '../../context';
import type { Database } from '../../db/database';
import { refuse } from '../../errors';
import type { StaffActor } from '../audit/actor';
import { recordAuditEvent } from '../audit/audit.service';
import { getContentLibrary } from '../content/content.service';
import { findOrganisationRow } from '../organisations/organisations.service';
import { getCurrentTemplateWith } from '../process/process.service';
import { findUserById } from '../users/users.service';
import { derivedColumns } from './project-engine';
import { getProjectDetail } from './project-presenter';
import { insertProject, nextProjectReference, type ProjectRow } from './projects.repository';
import type { CreateProjectBody, ProjectDetail } from './projects.schemas';

/** The words of a refusal's details, for staff (the web app shows the refusal's reason in the reader's language). */
const say = translatorFor('en', 'errors');

/** What the audit trail keeps of a new project. */
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

/** The customer, partner, applications and engineer of a new project exist; throws validation_failed naming the field. */
async function validateProjectParties(db: Database, body: CreateProjectBody) {
  const customer = await findOrganisationRow(db, body.customerId);
  if (customer === null || customer.kind !== 'customer') {
    throw refuse('validation_failed', 'projects.customer_unknown', {
      details: [{ path: 'body.customerId', message: say('projects.choose_customer') }],
    });
  }
  const partner = body.partnerId == null ? null : await findOrganisationRow(db, body.partnerId);
  if (body.partnerId != null && (partner === null || partner.kind !== 'partner')) {
    throw refuse('validation_failed', 'projects.partner_unknown', {
      details: [{ path: 'body.partnerId', message: say('projects.choose_partner') }],
    });
  }
  const library = await getContentLibrary(db);
  const known = new Set(library.applications.map((application) => application.key));
  const unknown = body.applications.flatMap((key, index) => (known.has(key) ? [] : [{ key, index }]));
  if (unknown.length > 0) {
    throw refuse('validation_failed', 'projects.applications_unknown', {
      values: { unknown: unknown.map((item) => item.key).join(', '), known: [...known].join(', ') },
      details: unknown.map((item) => ({
        path: `body.applications.${item.index}`,
        message: say('projects.not_in_catalog'),
      })),
    });
  }
  if (body.engineerId != null) {
    const engineer = await findUserById(db, body.engineerId);
    if (engineer === null || engineer.role !== 'engineer' || engineer.isDisabled) {
      throw refuse('validation_failed', 'projects.engineer_not_active', {
        details: [{ path: 'body.engineerId', message: say('projects.choose_active_engineer') }],
      });
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
