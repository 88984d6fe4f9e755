/**
 * How a use case of the delivery records runs: reading a project's delivery, and changing it with the project locked,
 * the delivery state read in the same transaction, refused once the project is handed over, and the process engine
 * advanced after the change.
 */
import type { ContentLibrary } from '../../../domain/content';
import { inTransaction, type ServiceContext } from '../../context';
import type { Database } from '../../db/database';
import { getContentLibrary } from '../content/content.service';
import { actorOf, projectFor, refuseTo, type Participant } from '../projects/participant';
import { advanceProjectIn, lockProject, type ProjectRow } from '../projects/projects.service';
import { loadDeliveryState, type DeliveryState } from './delivery-state';

/** A project's delivery as its participant reads it: the content library, the project and its delivery state. */
export async function getDelivery(context: ServiceContext, participant: Participant, projectId: string) {
  const { project } = await projectFor(context, participant, projectId, 'read');
  const library = await getContentLibrary(context.db);
  const state = await loadDeliveryState(context.db, library, project);
  return { library, project, state };
}

/** Runs a change to the delivery records of a project: the project locked, the engine advanced in the same transaction. */
export async function changeDelivery<T>(
  context: ServiceContext,
  participant: Participant,
  projectId: string,
  cause: string,
  work: (db: Database, project: ProjectRow, library: ContentLibrary, state: DeliveryState) => Promise<T>,
): Promise<T> {
  await projectFor(context, participant, projectId, participant.kind === 'staff' ? 'write' : 'read');
  return inTransaction(context, async (db) => {
    const project = await lockProject(db, projectId);
    if (project === null) throw refuseTo(participant)('not_found', 'common.no_such_project');
    const library = await getContentLibrary(db);
    const state = await loadDeliveryState(db, library, project);
    // The dossier sent to support is the record of a closed project: what it was made from no longer changes.
    if (state.handover !== null) {
      throw refuseTo(participant)('conflict', 'delivery.handed_over');
    }
    const result = await work(db, project, library, state);
    await advanceProjectIn(context, db, projectId, actorOf(participant), cause);
    return result;
  });
}
