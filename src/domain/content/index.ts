// The loader (load-content.ts) reads files, so it is imported directly by the server, not re-exported here for the web app.
export * from './content.schemas';
export {
  emailTemplateKeys,
  examplePlaceholderValues,
  isEmailTemplateKey,
  placeholderSpecs,
} from './placeholders';
export type {
  EmailTemplateKey,
  ListPlaceholder,
  ObjectPlaceholder,
  PlaceholderNode,
  PlaceholderSpec,
  PlaceholderValues,
  TextListPlaceholder,
  ValuePlaceholder,
} from './placeholders';
export { checkEmailTemplate, emailTemplateParts, findUnknownPlaceholders, renderEmailTemplate } from './email-templates';
export type {
  EmailTemplatePart,
  EmailTemplateProblem,
  FindPlaceholderOptions,
  PlaceholderProblem,
  PlaceholderProblemKind,
} from './email-templates';
export {
  answerProblem,
  checkQuestionnaire,
  checkRequirementRules,
  describeCondition,
  evaluateCondition,
  missingAnswers,
  generateRequirements,
  isAnswered,
  listFields,
  visibleAnswers,
} from './questionnaire';
export type { AnswerValue, Answers, ContentIssue, GeneratedRequirement, MissingAnswer } from './questionnaire';
export { checkContentLibrary, contentFiles } from './check-content';
export { callingPlatformFieldKey, callingPlatformOptions, environmentChecklistFor, pbxTasksFor } from './delivery-checklists';
export type { ContentLibrary, ContentLibraryDraft, ContentProblem } from './check-content';
