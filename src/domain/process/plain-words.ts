/**
 * The process in plain words, for customers and partners in the portal: what each step means to them, and what it
 * waits for, without the vendor's internal vocabulary.
 */
import type { ProcessView, StepDisplay } from './evaluate';
import type { LocalizedText, Party } from './template';

interface PlainStep {
  readonly title: LocalizedText;
  /** What the step waits for while it is the current one. */
  readonly waitingFor: LocalizedText;
}

const plainSteps: Readonly<Record<string, PlainStep>> = {
  'po-confirmation': {
    title: { en: 'Order confirmed', it: 'Ordine confermato' },
    waitingFor: { en: 'We are confirming the purchase order (and, where agreed, the payment).', it: 'Stiamo confermando l’ordine di acquisto (e, dove previsto, il pagamento).' },
  },
  'service-presentation': {
    title: { en: 'Service presented', it: 'Servizio presentato' },
    waitingFor: { en: 'We are sending you how the service works and its terms.', it: 'Vi stiamo inviando come funziona il servizio e le sue condizioni.' },
  },
  'engineer-contact': {
    title: { en: 'Your engineer assigned', it: 'Tecnico assegnato' },
    waitingFor: { en: 'We are assigning your engineer, who will contact you.', it: 'Stiamo assegnando il vostro tecnico, che vi contatterà.' },
  },
  'design-questionnaire': {
    title: { en: 'Design questionnaires', it: 'Questionari di progettazione' },
    waitingFor: { en: 'We need the design questionnaires filled in and submitted.', it: 'Abbiamo bisogno che i questionari di progettazione siano compilati e inviati.' },
  },
  'requirements-refining': {
    title: { en: 'Requirements agreed', it: 'Requisiti concordati' },
    waitingFor: { en: 'Your engineer is reviewing your answers and preparing the list of requirements.', it: 'Il vostro tecnico sta esaminando le risposte e preparando l’elenco dei requisiti.' },
  },
  'requirements-fulfilment': {
    title: { en: 'Requirements in place', it: 'Requisiti predisposti' },
    waitingFor: { en: 'We need each requirement prepared and marked done; your engineer then checks it.', it: 'Abbiamo bisogno che ogni requisito sia predisposto e segnato come fatto; poi il tecnico lo verifica.' },
  },
  'activity-schedule': {
    title: { en: 'Dates agreed', it: 'Date concordate' },
    waitingFor: { en: 'We are agreeing the date of the first activity with you.', it: 'Stiamo concordando con voi la data della prima attività.' },
  },
  'activity-start': {
    title: { en: 'Work started', it: 'Attività avviate' },
    waitingFor: { en: 'The first session is booked; work starts on that day.', it: 'La prima sessione è fissata; le attività iniziano quel giorno.' },
  },
  environment: {
    title: { en: 'Machines ready', it: 'Macchine pronte' },
    waitingFor: { en: 'The servers or virtual machines are being prepared.', it: 'Si stanno preparando i server o le macchine virtuali.' },
  },
  installation: {
    title: { en: 'Software installed', it: 'Software installato' },
    waitingFor: { en: 'Your engineer is installing the software.', it: 'Il vostro tecnico sta installando il software.' },
  },
  'pbx-configuration': {
    title: { en: 'Phone system configured', it: 'Centralino configurato' },
    waitingFor: { en: 'The phone system is being configured for the applications.', it: 'Si sta configurando il centralino per le applicazioni.' },
  },
  'application-configuration': {
    title: { en: 'Applications configured', it: 'Applicazioni configurate' },
    waitingFor: { en: 'Your engineer is configuring the applications.', it: 'Il vostro tecnico sta configurando le applicazioni.' },
  },
  'user-acceptance-tests': {
    title: { en: 'Acceptance tests', it: 'Test di accettazione' },
    waitingFor: { en: 'We are running the acceptance tests together; then they are signed.', it: 'Stiamo eseguendo insieme i test di accettazione; poi vanno firmati.' },
  },
  training: {
    title: { en: 'Training', it: 'Formazione' },
    waitingFor: { en: 'Training is being given.', it: 'È in corso la formazione.' },
  },
  'activity-report': {
    title: { en: 'Activity report signed', it: 'Rapporto di attività firmato' },
    waitingFor: { en: 'The activity report is ready to be signed.', it: 'Il rapporto di attività è pronto per la firma.' },
  },
  handover: {
    title: { en: 'Handed over to support', it: 'Passaggio al supporto' },
    waitingFor: { en: 'We are handing the project over to our support team.', it: 'Stiamo passando il progetto al nostro supporto.' },
  },
};

/** The steps with plain words (a step of an admin's own template falls back to its title). */
export const plainStepKeys: readonly string[] = Object.keys(plainSteps);

export type PlainStepState = 'done' | 'now' | 'not-needed' | 'later';

export interface PlainTimeline {
  readonly steps: readonly { readonly key: string; readonly title: LocalizedText; readonly state: PlainStepState }[];
  /** The step under way, what it waits for, and whether the reader's side must act; null once everything is done. */
  readonly now: { readonly key: string; readonly title: LocalizedText; readonly waitingFor: LocalizedText; readonly isWaitingOnYou: boolean; readonly waitingOn: readonly Party[] } | null;
  readonly next: { readonly key: string; readonly title: LocalizedText } | null;
  readonly isComplete: boolean;
}

function stateOf(display: StepDisplay): PlainStepState {
  switch (display) {
    // A waived step was settled another way (presented at a kick-off meeting, say): to the customer it is behind them.
    case 'done':
    case 'waived':
      return 'done';
    case 'current':
    case 'blocked':
      return 'now';
    case 'skipped':
      return 'not-needed';
    case 'upcoming':
      return 'later';
  }
}

function plain(key: string, fallback: LocalizedText): PlainStep {
  return plainSteps[key] ?? { title: fallback, waitingFor: fallback };
}

/** The timeline as the reader (a customer's or a partner's contact) sees it. */
export function plainTimeline(view: ProcessView, reader: 'customer' | 'partner'): PlainTimeline {
  const steps = view.timeline.map((entry) => ({ key: entry.key, title: plain(entry.key, entry.title).title, state: stateOf(entry.display) }));
  const current = view.currentStep;
  const currentIndex = current === null ? -1 : view.timeline.findIndex((entry) => entry.key === current.key);
  const nextEntry = currentIndex < 0 ? undefined : view.timeline.slice(currentIndex + 1).find((entry) => entry.display === 'upcoming');
  return {
    steps,
    now:
      current === null
        ? null
        : {
            key: current.key,
            title: plain(current.key, current.title).title,
            waitingFor: plain(current.key, current.title).waitingFor,
            isWaitingOnYou: view.waitingOn.includes(reader),
            waitingOn: view.waitingOn,
          },
    next: nextEntry === undefined ? null : { key: nextEntry.key, title: plain(nextEntry.key, nextEntry.title).title },
    isComplete: view.isComplete,
  };
}
