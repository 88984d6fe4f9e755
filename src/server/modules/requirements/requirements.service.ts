/*
 * The requirements module's published interface (E5 and E6): what the routes, the worker and other modules call. The
 * use cases live beside it, one group per file:
 *   requirement-list.service.ts          the list generated from the answers, shown, and edited by the engineer
 *   design-review.service.ts             the design review, its notes, and the list confirmed
 *   fulfilment.service.ts                contacts fulfil requirements; the engineer verifies, sends back or waives them
 *   requirement-reminders.service.ts     what the reminders' sweep asks of the list
 * with their shared parts (requirement-list.ts, requirement-presenter.ts) and the queries in
 * requirements.repository.ts.
 */

export { addDesignNote, confirmRequirements, deleteDesignNote, markDesignReviewed } from './design-review.service';
export type { DesignNoteInput } from './design-review.service';
export {
  attachEvidence,
  fulfilRequirement,
  removeEvidence,
  sendBackRequirement,
  verifyRequirement,
  waiveRequirement,
} from './fulfilment.service';
export {
  addRequirement,
  applyAnswerChanges,
  editRequirement,
  generateOnFirstSubmission,
  getRequirementsForContact,
  getRequirementsForStaff,
  removeRequirement,
} from './requirement-list.service';
export type { RequirementInput } from './requirement-list.service';
export type { RequirementView } from './requirement-presenter';
export {
  findProjectsWithRequirementsToRemind,
  listRequirementsToRemind,
  lockRequirementsToRemind,
  recordRequirementsReminded,
} from './requirement-reminders.service';

// The requirements as the installation dossier records them.
export { listActiveRequirementsForDossier } from './requirements.repository';
