// The loader (load-content.ts) reads files, so it is imported directly by the server, not re-exported here for the web app.
export * from './content.schemas';
// Beside the schemas (it used to be re-exported by them, which made a file cycle with questionnaire-answers.ts).
export { projectFieldPrefix } from './questionnaire-answers';
export { emailTemplateKeys, examplePlaceholderValues, isEmailTemplateKey, placeholderSpecs } from './placeholders';
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
export {
  checkEmailTemplate,
  emailTemplateParts,
  findUnknownPlaceholders,
  renderEmailTemplate,
} from './email-templates';
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
  decideCondition,
  decideRequirements,
  describeCondition,
  evaluateCondition,
  missingAnswers,
  generateRequirements,
  isAnswered,
  listFields,
  offeredOptions,
  projectFactKeys,
  shownQuestionnaire,
  visibleAnswers,
} from './questionnaire';
export type {
  AnswerValue,
  Answers,
  ContentIssue,
  GeneratedRequirement,
  MissingAnswer,
  ReferenceScope,
  ShownQuestionnaire,
} from './questionnaire';
export { checkContentLibrary, contentFiles } from './check-content';
export {
  callingPlatformFieldKey,
  callingPlatformOptions,
  environmentChecklistFor,
  pbxTasksFor,
  projectCallingPlatformOptions,
  uatChecklistFor,
} from './delivery-checklists';
export type { ApplicationAnswers } from './delivery-checklists';
export {
  applicationScope,
  callingPlatformsOf,
  deploymentOf,
  projectCallingPlatformField,
  projectContext,
  projectDeploymentField,
  projectFactAnswers,
  projectQuestionnaireScope,
  renderRequirementText,
  requirementTextPlaceholders,
  summedSizing,
} from './project-questionnaire';
export { requirementTextValues } from './project-questionnaire';
export type { ProjectFacts, RequirementTextValues } from './project-questionnaire';
export type { ContentLibrary, ContentLibraryDraft, ContentProblem } from './check-content';
