export { criterionSources, parties, phases, skipConditions, unwaivableCriteria } from './template';
// The data lives in its own file so that template.ts stays a readable list of types.
export { defaultTemplate } from './default-template';
export type {
  CriterionDefinition,
  CriterionSource,
  LocalizedText,
  Party,
  Phase,
  ProcessTemplate,
  SkipCondition,
  StepDefinition,
} from './template';
export { validateTemplate } from './validate-template';
export { stepStatuses } from './state';
export {
  advanceAutomaticSteps,
  allowedActions,
  applyAction,
  checkInvariants,
  evaluateProcess,
  maximumReasonLength,
  startProcess,
} from './engine';
export type {
  ActorRole,
  AllowedAction,
  ApplyActionResult,
  Blocker,
  CriterionView,
  Facts,
  ProcessAction,
  ProcessActionType,
  ProcessContext,
  ProcessError,
  ProcessErrorCode,
  ProcessState,
  ProcessView,
  StepDisplay,
  StepState,
  StepStatus,
  TimelineEntry,
} from './engine';
export { plainTimeline } from './plain-words';
export type { PlainStepState, PlainTimeline } from './plain-words';
