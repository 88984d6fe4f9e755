import type { Database } from '../../db/database';
import { getContentLibrary } from '../content/content.service';
import type { ProjectRow } from '../projects/projects.service';
import { deliveryFacts, loadDeliveryState } from './delivery-state';

/** P1–P8's criteria as the delivery records make them hold: the delivery module's process facts provider. */
export async function deliveryProcessFacts(db: Database, project: ProjectRow): Promise<Record<string, boolean>> {
  return deliveryFacts(await loadDeliveryState(db, await getContentLibrary(db), project));
}
