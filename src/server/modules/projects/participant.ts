import type { ServiceContext } from '../../context';
import type { Language } from '../../../domain/text/languages';
import type { Author } from '../../db/schema';
import { refusal, type ErrorCode } from '../../errors';
import { translate, type TextKey } from '../../../domain/text/i18n';
import { contactActor, type Actor, type ContactIdentity, type StaffActor } from '../../identity';
import { findProjectWithNames, type ProjectWithNames } from './projects.repository';
import { checkProjectReadable, ensureProjectInContactScope, getProjectForAction } from './project-access';

/**
 * Who works on a project's questionnaires and requirements: a staff user (in Engage) or an external contact (in the
 * portal). The same use cases serve both; what each may do is decided here and in the services, never by the route.
 */
export type Participant =
  { kind: 'staff'; actor: StaffActor } | { kind: 'contact'; contact: ContactIdentity; ip: string | null };

export function authorOf(participant: Participant): Author {
  return participant.kind === 'staff'
    ? { kind: 'staff', id: participant.actor.userId, name: participant.actor.name }
    : { kind: 'contact', id: participant.contact.id, name: participant.contact.name };
}

export function actorOf(participant: Participant): Actor {
  return participant.kind === 'staff' ? participant.actor : contactActor(participant.contact, participant.ip);
}

/**
 * The project, when the participant may see it ('read') or work on it ('write'): staff by their role and assignment
 * (support reads closed projects only), contacts by their organisation. Throws not_found (the same for a project that
 * does not exist) or forbidden.
 */
export async function projectFor(
  context: ServiceContext,
  participant: Participant,
  projectId: string,
  mode: 'read' | 'write',
): Promise<ProjectWithNames> {
  if (participant.kind === 'staff') {
    if (mode === 'write') return getProjectForAction(context, participant.actor, projectId);
    await checkProjectReadable(context, participant.actor, projectId);
  } else {
    await ensureProjectInContactScope(context, participant.contact, projectId);
  }
  const row = await findProjectWithNames(context.db, projectId);
  if (row === null) throw refuseTo(participant)('not_found', 'common.no_such_project');
  return row;
}

/** The participant's language for messages written for them. */
export function languageOf(participant: Participant): Language {
  return participant.kind === 'contact' ? participant.contact.language : 'en';
}

/** Writes refusals for the participant, in their language (contacts read the portal in theirs). */
export function refuseTo(participant: Participant) {
  const language = languageOf(participant);
  return (code: ErrorCode, key: TextKey<'errors'>, options?: Parameters<typeof refusal>[3]) =>
    refusal(language, code, key, options);
}

/** A text of the errors resources in the participant's language, for the details of a refusal. */
export function sayTo(participant: Participant) {
  const language = languageOf(participant);
  return (key: TextKey<'errors'>, values: Readonly<Record<string, string | number>> = {}) =>
    translate(language, 'errors', key, values);
}
