import { plainTimeline } from '../../../domain/process';
import type { ServiceContext } from '../../context';
import { refusal } from '../../errors';
import { getContentLibrary } from '../content/content.service';
import { findProjectWithNames, listContactProjectIds, processViewOf } from '../projects/projects.service';
import { listQuestionnaires } from '../questionnaires/questionnaires.service';
import { getRequirementsForContact } from '../requirements/requirements.service';
import { findUserById } from '../users/users.service';
import type { ContactIdentity } from './portal-access.repository';
import type { Participant } from '../projects/participant';
import { findWhoseTurn, turnFor } from './whose-turn';

/** Who is signed in to the portal, and the projects they may open, each with where it stands in plain words. */
export async function getPortalHome(context: ServiceContext, contact: ContactIdentity) {
  const projectIds = await listContactProjectIds(context.db, contact);
  const library = await getContentLibrary(context.db);
  const projects = [];
  for (const id of projectIds) {
    const row = await findProjectWithNames(context.db, id);
    if (row === null) continue;
    const view = await processViewOf(context.db, row.project);
    const timeline = plainTimeline(view, turnFor(await findWhoseTurn(context.db, library, row.project, view), contact));
    projects.push({
      id,
      reference: row.project.reference,
      name: row.project.name,
      customer: row.customerName,
      now: timeline.now === null ? null : { title: timeline.now.title, isWaitingOnYou: timeline.now.isWaitingOnYou },
      isComplete: timeline.isComplete,
    });
  }
  return {
    contact: {
      name: contact.name,
      email: contact.email,
      language: contact.language,
      organisation: contact.organisationName,
      organisationKind: contact.organisationKind,
    },
    vendor: { name: library.vendor.name },
    projects,
  };
}

/** One project's page in the portal: the timeline in plain words, the engineer, and what is asked of the reader now. */
export async function getPortalProject(
  context: ServiceContext,
  contact: ContactIdentity,
  projectId: string,
  ip: string | null,
) {
  const participant: Participant = { kind: 'contact', contact, ip };
  const questionnaires = await listQuestionnaires(context, participant, projectId);
  const requirements = await getRequirementsForContact(context, participant, projectId);
  const row = await findProjectWithNames(context.db, projectId);
  if (row === null) throw refusal(contact.language, 'not_found', 'common.no_such_project');
  const library = await getContentLibrary(context.db);
  const engineer = row.project.engineerId === null ? null : await findUserById(context.db, row.project.engineerId);
  const view = await processViewOf(context.db, row.project);
  const timeline = plainTimeline(view, turnFor(await findWhoseTurn(context.db, library, row.project, view), contact));
  const countBy = (status: string) => requirements.requirements.filter((item) => item.status === status).length;
  return {
    id: row.project.id,
    reference: row.project.reference,
    name: row.project.name,
    customer: row.customerName,
    partner: row.partnerName,
    applications: library.applications
      .filter((application) => row.project.applications.includes(application.key))
      .map((application) => ({ key: application.key, name: application.name })),
    engineer: engineer === null ? null : { name: engineer.name, email: engineer.email, phone: engineer.phone },
    timeline: {
      ...timeline,
      steps: timeline.steps.map((step) => ({ ...step })),
      now: timeline.now === null ? null : { ...timeline.now, waitingOn: [...timeline.now.waitingOn] },
    },
    questionnaires,
    requirements: {
      isConfirmed: requirements.isConfirmed,
      total: requirements.requirements.length,
      open: countBy('open'),
      sentBack: countBy('sent-back'),
      fulfilled: countBy('fulfilled'),
      verified: countBy('verified'),
      waived: countBy('waived'),
    },
  };
}

// When a contact's personal link was issued and opened, as a signature's audit page records it.
export { findPortalLinkTimes } from './portal-access.repository';
