/**
 * The process in plain words, for customers and partners in the portal: what each step means to them, and what it
 * waits for, without the vendor's internal vocabulary.
 */
import { hasText, localized, type TextKey } from '../text/i18n';
import { englishResources } from '../text/locales';
import type { ProcessView, TimelineEntry } from './evaluate';
import { skipConditionReasons } from './state';
import { skipConditions, type LocalizedText, type Party, type SkipCondition } from './template';

interface PlainStep {
  readonly title: LocalizedText;
  /** What is under way while the step is the current one, true for every reader. */
  readonly waitingFor: LocalizedText;
  /** What the step needs from the reader, when it is their turn (else the step needs nothing of a customer or partner). */
  readonly yourPart?: LocalizedText;
}

type PlainKey = TextKey<'plain-words'>;

/** A step's plain words from the resources (src/domain/text/locales/<language>/plain-words.json), if it has any. */
function plainStep(key: string): PlainStep | undefined {
  if (!hasText('plain-words', `steps.${key}.title`)) return undefined;
  const text = (field: string) => localized('plain-words', `steps.${key}.${field}` as PlainKey);
  return {
    title: text('title'),
    waitingFor: text('waitingFor'),
    ...(hasText('plain-words', `steps.${key}.yourPart`) ? { yourPart: text('yourPart') } : {}),
  };
}

/** The steps with plain words (a step of an admin's own template falls back to its title). */
export const plainStepKeys: readonly string[] = Object.keys(englishResources['plain-words'].steps);

/**
 * 'skipped': the vendor decided to pass over the step (a waiver, or a skip); 'not-needed': a condition of the order made
 * it unnecessary (no training was purchased). Neither is ever shown as done.
 */
export type PlainStepState = 'done' | 'now' | 'skipped' | 'not-needed' | 'later';

export interface PlainTimelineStep {
  readonly key: string;
  readonly title: LocalizedText;
  readonly state: PlainStepState;
  /** Why a step is not needed (set with 'not-needed' only). */
  readonly notNeededBecause?: SkipCondition;
}

/** Whose turn the current step is, for one reader: worked out from whom Engage asked (see the portal), or by party. */
export interface PlainTurn {
  readonly isWaitingOnYou: boolean;
  readonly waitingOn: readonly Party[];
}

export interface PlainTimeline {
  readonly steps: readonly PlainTimelineStep[];
  /** The step under way, what it waits for, and whether the reader must act; null once everything is done. */
  readonly now: {
    readonly key: string;
    readonly title: LocalizedText;
    readonly waitingFor: LocalizedText;
    readonly isWaitingOnYou: boolean;
    readonly waitingOn: readonly Party[];
  } | null;
  readonly next: { readonly key: string; readonly title: LocalizedText } | null;
  readonly isComplete: boolean;
}

/**
 * The condition behind a skip, known by the reason the engine records when it skips a step by itself. A manager's own
 * words are written for the vendor's staff, in one language, so the reader is told only that the vendor skipped it.
 */
function skipConditionOf(reason: string | undefined): SkipCondition | undefined {
  return skipConditions.find((condition) => skipConditionReasons[condition] === reason);
}

function plainStateOf(entry: TimelineEntry): Pick<PlainTimelineStep, 'state' | 'notNeededBecause'> {
  switch (entry.display) {
    case 'done':
      return { state: 'done' };
    case 'current':
    case 'blocked':
      return { state: 'now' };
    // A waived step was settled another way (presented at a kick-off meeting, say), or not at all: it was not done.
    case 'waived':
      return { state: 'skipped' };
    case 'skipped': {
      const condition = skipConditionOf(entry.reason);
      return condition === undefined ? { state: 'skipped' } : { state: 'not-needed', notNeededBecause: condition };
    }
    case 'upcoming':
      return { state: 'later' };
  }
}

function plain(key: string, fallback: LocalizedText): PlainStep {
  return plainStep(key) ?? { title: fallback, waitingFor: fallback };
}

/** Whose turn it is by party alone: the reader's side owns one of the current step's unmet criteria. */
export function turnByParty(view: ProcessView, reader: 'customer' | 'partner'): PlainTurn {
  return { isWaitingOnYou: view.waitingOn.includes(reader), waitingOn: view.waitingOn };
}

/** The timeline as one reader (a contact of the customer or of the partner) sees it, told whose turn it is. */
export function plainTimeline(view: ProcessView, turn: PlainTurn): PlainTimeline {
  const steps = view.timeline.map((entry) => ({
    key: entry.key,
    title: plain(entry.key, entry.title).title,
    ...plainStateOf(entry),
  }));
  const current = view.currentStep;
  const currentIndex = current === null ? -1 : view.timeline.findIndex((entry) => entry.key === current.key);
  const nextEntry =
    currentIndex < 0 ? undefined : view.timeline.slice(currentIndex + 1).find((entry) => entry.display === 'upcoming');
  const words = current === null ? null : plain(current.key, current.title);
  return {
    steps,
    now:
      current === null || words === null
        ? null
        : {
            key: current.key,
            title: words.title,
            // What the step needs from the reader only when it is their turn; otherwise what is under way.
            waitingFor: turn.isWaitingOnYou ? (words.yourPart ?? words.waitingFor) : words.waitingFor,
            isWaitingOnYou: turn.isWaitingOnYou,
            waitingOn: turn.waitingOn,
          },
    next: nextEntry === undefined ? null : { key: nextEntry.key, title: plain(nextEntry.key, nextEntry.title).title },
    isComplete: view.isComplete,
  };
}
