import type { TextKey } from '../text/i18n';
/**
 * A process template is data: the ordered steps a project walks through, who holds the
 * ball at each step, and the exit criteria the engine checks. Templates are versioned and
 * stored in the database; `defaultTemplate` is the vendor's 16-step engagement process.
 */

/** The parties of an engagement, in the canonical order used whenever parties are listed. */
export const parties = ['vendor', 'customer', 'partner'] as const;
export type Party = (typeof parties)[number];

export const phases = ['engagement', 'performing'] as const;
export type Phase = (typeof phases)[number];

/**
 * Where the fact behind a criterion comes from: Engage records it itself (an approved purchase order, a payment, an
 * assigned engineer, an email handed to the SMTP server, submitted questionnaires, the requirement review, booked and held sessions, the delivery records of P1–P8), or, for 'manual', a person confirms it until a feature
 * records it.
 */
export const criterionSources = [
  'purchase-order',
  'payment',
  'assignment',
  'mail',
  'questionnaire',
  'requirements',
  'sessions',
  'delivery',
  'manual',
] as const;
export type CriterionSource = (typeof criterionSources)[number];

/** Conditions under which an optional step is skipped rather than performed. */
export const skipConditions = ['training-not-purchased'] as const;
export type SkipCondition = (typeof skipConditions)[number];

/**
 * Criteria no waiver may stand in for, with why: a step holding one can only be done. Waiving the hand-over would
 * complete a project whose package support never received; the way through is closing the project (a manager may close
 * it without a signed activity report, with a reason). Keyed by criterion rather than written into the template, so
 * that projects on every stored template version keep the rule.
 */
export const unwaivableCriteria: Readonly<Record<string, TextKey<'errors'>>> = {
  'handover-delivered': 'process.cannot_waive_handover',
};

export interface LocalizedText {
  readonly en: string;
  readonly it: string;
  /** Absent from texts written before German joined: read English then (see pick in src/domain/text/languages.ts). */
  readonly de?: string;
}

export interface CriterionDefinition {
  /** Kebab-case, unique across the template; the key of the matching fact. */
  readonly key: string;
  readonly label: LocalizedText;
  /** The party that must act to make the criterion hold. */
  readonly owner: Party;
  /** A precondition that blocks the step, as opposed to work in progress. */
  readonly gate?: boolean;
  readonly source: CriterionSource;
}

export interface StepDefinition {
  readonly key: string;
  readonly code: string;
  readonly phase: Phase;
  readonly title: LocalizedText;
  readonly ballWith: readonly Party[];
  readonly optional?: { readonly skipWhen: SkipCondition };
  readonly exitCriteria: readonly CriterionDefinition[];
}

export interface ProcessTemplate {
  readonly key: string;
  readonly version: number;
  readonly steps: readonly StepDefinition[];
}
