import type { ProjectDetail } from '../api/types';
import type { SessionMode } from './sessionsApi';

/** What the engineer fills in for a proposal or a booking, besides the dates. */
export interface SessionDraft {
  stepKey: string | null;
  title: string;
  mode: SessionMode;
  location: string;
  attendeeContactIds: string[];
  description: string;
}

export const draftFields = ['stepKey', 'title', 'mode', 'location', 'attendeeContactIds', 'description'] as const;
export type DraftField = (typeof draftFields)[number];
export type DraftErrors = Partial<Record<DraftField, string>>;

/** The step a new session is for by default: the project's current step, else E7. */
export function defaultStepKey(project: ProjectDetail): string {
  const current = project.currentStep?.key;
  const steps = project.process.timeline;
  if (current && steps.some((step) => step.key === current)) return current;
  return steps.find((step) => step.key === 'activity-schedule')?.key ?? steps[0]?.key ?? 'activity-schedule';
}

export function emptyDraft(project: ProjectDetail): SessionDraft {
  return {
    stepKey: defaultStepKey(project),
    title: '',
    mode: 'remote',
    location: '',
    attendeeContactIds: [],
    description: '',
  };
}

/** The request fields common to a proposal and a booking; empty optional texts are left out. */
export function draftToBody(draft: SessionDraft) {
  return {
    stepKey: draft.stepKey ?? '',
    mode: draft.mode,
    location: draft.location.trim(),
    attendeeContactIds: draft.attendeeContactIds,
    ...(draft.title.trim() ? { title: draft.title.trim() } : {}),
    ...(draft.description.trim() ? { description: draft.description.trim() } : {}),
  };
}

/**
 * Whether the form invites people to a session still to come, or records one that took place: a past session needs
 * no place (a call by phone has none to keep) and no description (its note says what happened).
 */
export type SessionFormPurpose = 'invite' | 'record';

/** The problems the server would also report, found before sending; messages are i18n keys under `sessions.form`. */
export function checkDraft(
  draft: SessionDraft,
  purpose: SessionFormPurpose = 'invite',
): Partial<Record<DraftField, 'stepRequired' | 'locationRequired' | 'attendeesRequired'>> {
  return {
    ...(draft.stepKey ? {} : { stepKey: 'stepRequired' as const }),
    ...(purpose === 'record' || draft.location.trim() ? {} : { location: 'locationRequired' as const }),
    ...(draft.attendeeContactIds.length > 0 ? {} : { attendeeContactIds: 'attendeesRequired' as const }),
  };
}
