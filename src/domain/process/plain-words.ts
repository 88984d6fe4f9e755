/**
 * The process in plain words, for customers and partners in the portal: what each step means to them, and what it
 * waits for, without the vendor's internal vocabulary.
 */
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

const plainSteps: Readonly<Record<string, PlainStep>> = {
  'po-confirmation': {
    title: { en: 'Order confirmed', it: 'Ordine confermato' },
    waitingFor: {
      en: 'We are confirming the purchase order (and, where agreed, the payment).',
      it: 'Stiamo confermando l’ordine di acquisto (e, dove previsto, il pagamento).',
    },
    yourPart: {
      en: 'We need the advance payment agreed for this order; the work starts once it is received.',
      it: 'Ci serve il pagamento anticipato previsto per questo ordine; le attività iniziano appena lo riceviamo.',
    },
  },
  'service-presentation': {
    title: { en: 'Service presented', it: 'Servizio presentato' },
    waitingFor: {
      en: 'We are presenting how the service works and its terms.',
      it: 'Stiamo presentando come funziona il servizio e le sue condizioni.',
    },
  },
  'engineer-contact': {
    title: { en: 'Your engineer assigned', it: 'Tecnico assegnato' },
    waitingFor: {
      en: 'We are assigning your engineer, who will contact you.',
      it: 'Stiamo assegnando il vostro tecnico, che vi contatterà.',
    },
  },
  'design-questionnaire': {
    title: { en: 'Design questionnaires', it: 'Questionari di progettazione' },
    waitingFor: {
      en: 'The design questionnaires are being filled in and submitted.',
      it: 'I questionari di progettazione sono in corso di compilazione.',
    },
    yourPart: {
      en: 'We need the design questionnaires filled in and submitted.',
      it: 'Abbiamo bisogno che i questionari di progettazione siano compilati e inviati.',
    },
  },
  'requirements-refining': {
    title: { en: 'Requirements agreed', it: 'Requisiti concordati' },
    waitingFor: {
      en: 'Your engineer is reviewing your answers and preparing the list of requirements.',
      it: 'Il vostro tecnico sta esaminando le risposte e preparando l’elenco dei requisiti.',
    },
  },
  'requirements-fulfilment': {
    title: { en: 'Requirements in place', it: 'Requisiti predisposti' },
    waitingFor: {
      en: 'The requirements are being prepared; your engineer checks each one.',
      it: 'Si stanno predisponendo i requisiti; il tecnico li verifica uno per uno.',
    },
    yourPart: {
      en: 'We need each requirement prepared and marked done; your engineer then checks it.',
      it: 'Abbiamo bisogno che ogni requisito sia predisposto e segnato come fatto; poi il tecnico lo verifica.',
    },
  },
  'activity-schedule': {
    title: { en: 'Dates agreed', it: 'Date concordate' },
    waitingFor: {
      en: 'We are agreeing the date of the first activity.',
      it: 'Stiamo concordando la data della prima attività.',
    },
    yourPart: {
      en: 'Choose the date of the first activity among those your engineer proposed.',
      it: 'Scegliete la data della prima attività tra quelle proposte dal tecnico.',
    },
  },
  'activity-start': {
    title: { en: 'Work started', it: 'Attività avviate' },
    waitingFor: {
      en: 'The first session is booked; work starts on that day.',
      it: 'La prima sessione è fissata; le attività iniziano quel giorno.',
    },
  },
  environment: {
    title: { en: 'Machines ready', it: 'Macchine pronte' },
    waitingFor: {
      en: 'The servers or virtual machines are being prepared.',
      it: 'Si stanno preparando i server o le macchine virtuali.',
    },
    yourPart: {
      en: 'We need the servers or virtual machines prepared as the checklist says, each task ticked when done.',
      it: 'Abbiamo bisogno che server o macchine virtuali siano preparati come indica la checklist, spuntando ogni attività fatta.',
    },
  },
  installation: {
    title: { en: 'Software installed', it: 'Software installato' },
    waitingFor: {
      en: 'Your engineer is installing the software.',
      it: 'Il vostro tecnico sta installando il software.',
    },
  },
  'pbx-configuration': {
    title: { en: 'Phone system configured', it: 'Centralino configurato' },
    waitingFor: {
      en: 'The phone system is being configured for the applications.',
      it: 'Si sta configurando il centralino per le applicazioni.',
    },
    yourPart: {
      en: 'We need the phone system configured for the applications as the checklist says, each task ticked when done.',
      it: 'Abbiamo bisogno che il centralino sia configurato per le applicazioni come indica la checklist, spuntando ogni attività fatta.',
    },
  },
  'application-configuration': {
    title: { en: 'Applications configured', it: 'Applicazioni configurate' },
    waitingFor: {
      en: 'Your engineer is configuring the applications.',
      it: 'Il vostro tecnico sta configurando le applicazioni.',
    },
  },
  'user-acceptance-tests': {
    title: { en: 'Acceptance tests', it: 'Test di accettazione' },
    waitingFor: {
      en: 'The acceptance tests are being run; then they are signed.',
      it: 'Si stanno eseguendo i test di accettazione; poi vanno firmati.',
    },
    yourPart: {
      en: 'The acceptance tests are ready for your signature.',
      it: 'I test di accettazione sono pronti per la vostra firma.',
    },
  },
  training: {
    title: { en: 'Training', it: 'Formazione' },
    waitingFor: { en: 'Training is being given.', it: 'È in corso la formazione.' },
  },
  'activity-report': {
    title: { en: 'Activity report signed', it: 'Rapporto di attività firmato' },
    waitingFor: {
      en: 'The activity report is being prepared; then it is signed.',
      it: 'Si sta preparando il rapporto di attività; poi va firmato.',
    },
    yourPart: {
      en: 'The activity report is ready for your signature.',
      it: 'Il rapporto di attività è pronto per la vostra firma.',
    },
  },
  handover: {
    title: { en: 'Handed over to support', it: 'Passaggio al supporto' },
    waitingFor: {
      en: 'We are handing the project over to our support team.',
      it: 'Stiamo passando il progetto al nostro supporto.',
    },
  },
};

/** The steps with plain words (a step of an admin's own template falls back to its title). */
export const plainStepKeys: readonly string[] = Object.keys(plainSteps);

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
  return plainSteps[key] ?? { title: fallback, waitingFor: fallback };
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
