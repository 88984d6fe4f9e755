/*
 * The changes staff (and the modules above projects) make to a project's own columns: the purchase order approved,
 * the prepayment received, the engineer assigned, the deployment its design settled on, and what the sessions module
 * records of the scheduling (a manager's override, the first booked session).
 */
import { translatorFor } from '../../../domain/text/i18n';
import type { ServiceContext } from '../../context';
import type { Database } from '../../db/database';
import type { deployments } from '../../db/schema';
import { refuse } from '../../errors';
import type { Actor, StaffActor } from '../audit/actor';
import { recordAuditEvent } from '../audit/audit.service';
import { changeProject } from './change-project';
import { lockProject, updateProject } from './projects.repository';
import type { ProjectDetail } from './projects.schemas';

/** The words of a refusal's details, for staff (the web app shows the refusal's reason in the reader's language). */
const say = translatorFor('en', 'errors');

/** Records the purchase order as approved (E1's first criterion); throws conflict when one is approved already. */
export async function approvePurchaseOrder(
  context: ServiceContext,
  actor: StaffActor,
  id: string,
  number: string,
): Promise<ProjectDetail> {
  return changeProject(context, actor, id, async (_db, project) => {
    if (project.purchaseOrderApprovedAt !== null) {
      throw refuse('conflict', 'projects.purchase_order_approved', {
        values: { number: project.purchaseOrderNumber ?? '' },
      });
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
    if (!project.isPaymentRequired) throw refuse('conflict', 'projects.no_prepayment_required');
    if (project.paymentReceivedAt !== null) throw refuse('conflict', 'projects.payment_recorded');
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
    throw refuse('validation_failed', 'projects.choose_active_engineer', {
      details: [{ path: 'body.engineerId', message: say('projects.not_active_engineer') }],
    });
  }
  if (!engineer.isInTeam) {
    throw refuse('validation_failed', 'projects.engineer_not_in_team', {
      details: [{ path: 'body.engineerId', message: say('projects.not_in_team') }],
    });
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
