/*
 * Who may see and act on a project: staff by their role and assignment (support reads closed projects only), contacts
 * by their organisation. Every use case of the module (and the modules above it, through projects.service.ts) asks
 * here before it reads or changes a project.
 */
import type { ServiceContext } from '../../context';
import { refusal, refuse } from '../../errors';
import type { ContactIdentity } from '../../identity';
import type { StaffActor } from '../audit/actor';
import { findProjectWithNames, isProjectInScope, type ProjectRow, type ProjectWithNames } from './projects.repository';

/** A manager (or admin) acts on every project, an engineer on the projects assigned to them. */
export function canActOn(actor: StaffActor, project: ProjectRow): boolean {
  if (actor.role === 'admin' || actor.role === 'manager') return true;
  return actor.role === 'engineer' && project.engineerId === actor.userId;
}

// Support reads only closed projects: a project still running does not exist for them.
export function canRead(actor: StaffActor, project: ProjectRow): boolean {
  return actor.role !== 'support' || project.state === 'complete';
}

/** The project with its names, when the caller may see it; throws not_found (also for support on a running project). */
export async function getReadableProject(
  context: ServiceContext,
  actor: StaffActor,
  id: string,
): Promise<ProjectWithNames> {
  const row = await findProjectWithNames(context.db, id);
  if (row === null || !canRead(actor, row.project)) throw refuse('not_found', 'common.no_such_project');
  return row;
}

/** Throws not_found unless the project is in the contact's scope (their customer's, or their partner organisation's). */
export async function ensureProjectInContactScope(
  context: ServiceContext,
  contact: ContactIdentity,
  projectId: string,
): Promise<void> {
  if (!(await isProjectInScope(context.db, contact, projectId)))
    throw refusal(contact.language, 'not_found', 'common.no_such_project');
}

/** Throws not_found unless the caller may see the project (what another module checks before showing a project's things). */
export async function checkProjectReadable(context: ServiceContext, actor: StaffActor, id: string): Promise<void> {
  await getReadableProject(context, actor, id);
}

/** A project the caller may act on (a manager, or its assigned engineer), with its names; throws not_found or forbidden. */
export async function getProjectForAction(
  context: ServiceContext,
  actor: StaffActor,
  id: string,
): Promise<ProjectWithNames> {
  const row = await getReadableProject(context, actor, id);
  if (!canActOn(actor, row.project)) throw refuse('forbidden', 'projects.only_assigned_can_do');
  return row;
}
