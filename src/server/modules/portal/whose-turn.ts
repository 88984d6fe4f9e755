import type { ContentLibrary } from '../../../domain/content';
import { parties, type Party, type ProcessView, type TimelineEntry } from '../../../domain/process';
import type { PlainTurn } from '../../../domain/process/plain-words';
import type { Database } from '../../db/database';
import { loadDeliveryState, type ChecklistKind } from '../delivery/delivery-state';
import type { ProjectRow } from '../projects/projects.service';
import type { ContactIdentity } from './portal-access.repository';
import {
  findSignersAsked,
  listContactsAddressed,
  listContactsInvitedToChoose,
  listSidesOwingRequirements,
  type AskedContact,
  type Side,
} from './whose-turn.repository';

/** Who was asked to make one open criterion hold: contacts by name, sides as a whole, or (both empty) nobody outside the vendor. */
interface Asked {
  contacts: readonly AskedContact[];
  sides: readonly Side[];
}

interface Question {
  db: Database;
  library: ContentLibrary;
  project: ProjectRow;
  step: TimelineEntry;
  /** The party the template names for the criterion. */
  owner: Party;
}

const nobody: Asked = { contacts: [], sides: [] };

/** The customer's and partner's sides among these parties; a project without a partner has no partner's side. */
function sidesOf(of: readonly Party[], project: ProjectRow): Side[] {
  return of.filter(
    (party): party is Side => party === 'customer' || (party === 'partner' && project.partnerId !== null),
  );
}

/**
 * P1 and P3: the sides the step's ball is with, while a task of the checklist is still to tick; once all are ticked, the
 * engineer verifies them. (No email sends checklist links yet; when one does, its recipients should narrow this.)
 */
function checklistAsked(kind: ChecklistKind) {
  return async ({ db, library, project, step, owner }: Question): Promise<Asked> => {
    const state = await loadDeliveryState(db, library, project);
    const items = kind === 'environment' ? state.environment : state.pbx;
    if (!items.some((item) => item.tickedAt === null)) return nobody;
    const sides = sidesOf(step.ballWith, project);
    return { contacts: [], sides: sides.length > 0 ? sides : sidesOf([owner], project) };
  };
}

/** The signers asked for the version awaiting signature; with none awaiting, the engineer has to put one up. */
function signersAsked(kind: 'uat' | 'activity-report') {
  return async ({ db, project, owner }: Question): Promise<Asked> => {
    const signers = await findSignersAsked(db, project.id, kind);
    if (signers === null) return nobody;
    // A version that names no signer may be signed by any contact of the project: the template's party is asked.
    return signers.length > 0 ? { contacts: signers, sides: [] } : { contacts: [], sides: sidesOf([owner], project) };
  };
}

/**
 * Who Engage asked, by the criterion still open. A criterion not listed (a payment, one confirmed by hand) keeps the
 * party the template names: Engage has no record of asking anyone in particular.
 */
const findAskedFor: Readonly<Record<string, (question: Question) => Promise<Asked>>> = {
  // Whoever the contact email (or a reminder) carried the questionnaire links to. Without such an email (the engineer
  // phoned, and E3 was waived) the template's party stands.
  'questionnaires-submitted': async ({ db, project, owner }) => {
    const addressed = await listContactsAddressed(db, project.id, ['engineer-contact', 'questionnaire-reminder']);
    return addressed.length > 0
      ? { contacts: addressed, sides: [] }
      : { contacts: [], sides: sidesOf([owner], project) };
  },
  // The engineer confirms the requirement list; no contact can.
  'requirements-confirmed': async () => nobody,
  // The sides owning a requirement still to prepare; once every one is prepared, the engineer verifies them.
  'requirements-fulfilled': async ({ db, project }) => ({
    contacts: [],
    sides: await listSidesOwingRequirements(db, project.id),
  }),
  // The contacts invited to choose among the dates proposed; with no open proposal, the engineer proposes.
  'first-session-confirmed': async ({ db, project }) => ({
    contacts: await listContactsInvitedToChoose(db, project.id),
    sides: [],
  }),
  'environment-ready': checklistAsked('environment'),
  'uc-configured': checklistAsked('pbx'),
  'uat-signed': signersAsked('uat'),
  'activity-report-signed': signersAsked('activity-report'),
};

/** Whose turn a project's current step is: the contacts asked by name, the sides asked as a whole, and the parties. */
export interface Turn {
  contactIds: ReadonlySet<string>;
  sides: ReadonlySet<Side>;
  /** The parties the step waits on: the sides of those asked, and the vendor where nobody outside it was asked. */
  waitingOn: readonly Party[];
}

/**
 * Works out whose turn the current step is from whom Engage actually asked for each criterion still open (the contacts
 * the questionnaire links went to, the sides owning requirements, the contacts invited to choose a date, the signers
 * asked), rather than from the party the template names for it.
 */
export async function findWhoseTurn(
  db: Database,
  library: ContentLibrary,
  project: ProjectRow,
  view: ProcessView,
): Promise<Turn> {
  const contactIds = new Set<string>();
  const sides = new Set<Side>();
  const waiting = new Set<Party>();
  const step = view.currentStep;
  if (step === null) return { contactIds, sides, waitingOn: [] };
  // With every criterion met, the vendor still has to mark the step complete.
  if (view.blockers.length === 0) waiting.add('vendor');
  for (const blocker of view.blockers) {
    if (blocker.owner === 'vendor') {
      waiting.add('vendor');
      continue;
    }
    const findAsked = findAskedFor[blocker.criterionKey];
    const asked =
      findAsked === undefined
        ? { contacts: [], sides: sidesOf([blocker.owner], project) }
        : await findAsked({ db, library, project, step, owner: blocker.owner });
    if (asked.contacts.length === 0 && asked.sides.length === 0) waiting.add('vendor');
    for (const contact of asked.contacts) {
      contactIds.add(contact.id);
      waiting.add(contact.side);
    }
    for (const side of asked.sides) {
      sides.add(side);
      waiting.add(side);
    }
  }
  return { contactIds, sides, waitingOn: parties.filter((party) => waiting.has(party)) };
}

/** Whether it is this contact's turn: asked by name, or their side asked as a whole. */
export function turnFor(turn: Turn, contact: Pick<ContactIdentity, 'id' | 'organisationKind'>): PlainTurn {
  return {
    isWaitingOnYou: turn.contactIds.has(contact.id) || turn.sides.has(contact.organisationKind),
    waitingOn: turn.waitingOn,
  };
}
