import type { Database } from '../../db/database';
import { getContentLibrary } from '../content/content.service';
import type { StepOpened } from '../projects/step-changes';
import { recordTurn, type TurnParty } from '../turns/turns.service';
import { loadDeliveryState, supersedeAwaitingDocument, type ChecklistKind } from './delivery-state';

/** What delivery does when a project's work log changes: the activity report awaiting signature no longer shows it. */
export async function supersedeActivityReportOnWorkLogChange(
  db: Database,
  projectId: string,
  now: Date,
): Promise<void> {
  await supersedeAwaitingDocument(db, projectId, 'activity-report', 'work_log_changed', now);
}

/** The steps whose checklist the customer's or partner's team works through in the portal. */
const checklistOfStep: Readonly<Record<string, ChecklistKind>> = {
  environment: 'environment',
  'pbx-configuration': 'pbx',
};

/**
 * What delivery does when P1 or P3 opens: the sides who hold the ball there are told that their checklist is open (with
 * its number of items); a checklist with no item for this project tells nobody.
 */
export async function tellChecklistOpened(db: Database, opened: StepOpened): Promise<void> {
  const checklist = checklistOfStep[opened.stepKey];
  if (checklist === undefined) return;
  const state = await loadDeliveryState(db, await getContentLibrary(db), opened.project);
  const items = state[checklist].length;
  if (items === 0) return;
  const sides = new Set<TurnParty>(
    opened.ballWith.flatMap((party): TurnParty[] =>
      party === 'customer' || (party === 'partner' && opened.project.partnerId !== null)
        ? [party]
        : party === 'partner'
          ? ['customer']
          : [],
    ),
  );
  for (const party of sides)
    await recordTurn(db, opened.project, party, { kind: 'checklist-opened', checklist, items }, opened.now);
}
