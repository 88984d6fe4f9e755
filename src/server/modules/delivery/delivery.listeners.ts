import type { Database } from '../../db/database';
import { supersedeAwaitingDocument } from './delivery-state';

/** What delivery does when a project's work log changes: the activity report awaiting signature no longer shows it. */
export async function supersedeActivityReportOnWorkLogChange(
  db: Database,
  projectId: string,
  now: Date,
): Promise<void> {
  await supersedeAwaitingDocument(
    db,
    projectId,
    'activity-report',
    'The work log changed after this version was prepared.',
    now,
  );
}
