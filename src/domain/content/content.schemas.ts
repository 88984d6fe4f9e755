/**
 * The shapes of the content library files (content/ at the repository root): zod schemas
 * and the types inferred from them. Every object is strict, so a misspelt key is refused
 * rather than silently ignored. Cross-file rules (a team that exists, a rule's field that
 * exists in the questionnaire) live in check-content.ts.
 */
import { z } from 'zod';
import { languages, type Language } from '../text/languages';

/** The languages every piece of content is written in: Engage's languages (src/domain/text/languages.ts). */
export const contentLanguages = languages;
export type ContentLanguage = Language;

const kebabCase = /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/;
/** Option values may start with a digit and hold dots ("12.5", "2022"). */
const optionValuePattern = /^[a-z0-9]+([.-][a-z0-9]+)*$/;

export const contentKey = z.string().regex(kebabCase, 'must be a kebab-case key such as "call-recording"');
export const optionValue = z
  .string()
  .regex(optionValuePattern, 'must be lower-case letters and digits joined by "-" or "." such as "g711" or "12.5"');

const nonEmptyText = z.string().trim().min(1, 'must not be empty');

/** German is being added: the library's items carry it as they are translated (a check requires it once all are). */
export const localizedText = z.strictObject({ en: nonEmptyText, it: nonEmptyText, de: nonEmptyText.optional() });
export type LocalizedContentText = z.infer<typeof localizedText>;

const localizedList = z.array(localizedText).min(1, 'must list at least one item');

// ---------------------------------------------------------------------------------------
// Teams and services

export const teamSchema = z.strictObject({ key: contentKey, name: localizedText });
export type Team = z.infer<typeof teamSchema>;

export const teamsFileSchema = z.strictObject({ teams: z.array(teamSchema).min(1) });
export type TeamsFile = z.infer<typeof teamsFileSchema>;

/** Who the vendor is, as emails and documents name it. */
export const vendorSchema = z.strictObject({
  name: z.string().trim().min(1).max(200),
  website: z.url().optional(),
});
export type Vendor = z.infer<typeof vendorSchema>;

export const serviceKinds = ['installation', 'training', 'upgrade', 'migration', 'consulting'] as const;
export const serviceDeliveries = ['remote', 'on-site'] as const;
export const serviceUnits = ['days', 'sessions'] as const;

export const serviceSchema = z.strictObject({
  key: contentKey,
  name: localizedText,
  description: localizedText,
  kind: z.enum(serviceKinds),
  delivery: z.enum(serviceDeliveries).optional(),
  unit: z.enum(serviceUnits),
  defaultQuantity: z.number().int().positive(),
  /** Keys of the process steps (default template) this purchase order line needs. */
  steps: z.array(contentKey).min(1),
});
export type Service = z.infer<typeof serviceSchema>;

export const servicesFileSchema = z.strictObject({ services: z.array(serviceSchema).min(1) });
export type ServicesFile = z.infer<typeof servicesFileSchema>;

// ---------------------------------------------------------------------------------------
// Design questionnaires

export const choiceOption = z.strictObject({ value: optionValue, label: localizedText });
export type ChoiceOption = z.infer<typeof choiceOption>;

const choiceOptions = z.array(choiceOption).min(2, 'a choice needs at least two options');

/** A value a condition compares an answer with. */
export const conditionValue = z.union([z.string().min(1), z.number(), z.boolean()]);
export type ConditionValue = z.infer<typeof conditionValue>;

/**
 * The field a condition tests: a field of the same questionnaire (`recording-method`), or one of the project's answers
 * or facts (`project.calling-platform`, `project.deployment`, `project.applications`).
 */
export const fieldReference = z
  .string()
  .regex(
    /^(project\.)?[a-z][a-z0-9]*(-[a-z0-9]+)*$/,
    'must be a field key such as "recording-method", or a project answer such as "project.calling-platform"',
  );

const showIfLeaf = z.union([
  z.strictObject({ field: fieldReference, equals: conditionValue }),
  z.strictObject({ field: fieldReference, in: z.array(conditionValue).min(1) }),
]);
export type ShowIfLeaf = z.infer<typeof showIfLeaf>;

/**
 * Shows a field only when an earlier field (or a project answer) has a given answer; `all` or `any` of such tests
 * combine them, one level deep, so the form stays readable.
 */
export const showIfSchema = z.union([
  showIfLeaf,
  z.strictObject({ all: z.array(showIfLeaf).min(1) }),
  z.strictObject({ any: z.array(showIfLeaf).min(1) }),
]);
export type ShowIf = z.infer<typeof showIfSchema>;

/** An option of a question that is offered only when its condition holds (say, Built-in Bridge only on CUCM). */
export const questionOption = z.strictObject({
  value: optionValue,
  label: localizedText,
  showIf: showIfSchema.optional(),
});
export type QuestionOption = z.infer<typeof questionOption>;

const questionOptions = z.array(questionOption).min(2, 'a choice needs at least two options');

const fieldBase = {
  key: contentKey,
  label: localizedText,
  help: localizedText.optional(),
  required: z.boolean(),
  showIf: showIfSchema.optional(),
};

export const tableColumnTypes = ['text', 'number', 'choice', 'yes-no'] as const;

export const tableColumnSchema = z.discriminatedUnion('type', [
  z.strictObject({ key: contentKey, label: localizedText, type: z.literal('text'), required: z.boolean() }),
  z.strictObject({ key: contentKey, label: localizedText, type: z.literal('number'), required: z.boolean() }),
  z.strictObject({ key: contentKey, label: localizedText, type: z.literal('yes-no'), required: z.boolean() }),
  z.strictObject({
    key: contentKey,
    label: localizedText,
    type: z.literal('choice'),
    options: choiceOptions,
    required: z.boolean(),
  }),
]);
export type TableColumn = z.infer<typeof tableColumnSchema>;

export const questionnaireFieldTypes = [
  'text',
  'long-text',
  'number',
  'choice',
  'multi-choice',
  'yes-no',
  'date',
  'table',
] as const;
export type QuestionnaireFieldType = (typeof questionnaireFieldTypes)[number];

export const questionnaireFieldSchema = z.discriminatedUnion('type', [
  z.strictObject({ ...fieldBase, type: z.literal('text') }),
  z.strictObject({ ...fieldBase, type: z.literal('long-text') }),
  z.strictObject({ ...fieldBase, type: z.literal('yes-no') }),
  z.strictObject({ ...fieldBase, type: z.literal('date') }),
  z.strictObject({
    ...fieldBase,
    type: z.literal('number'),
    min: z.number().optional(),
    max: z.number().optional(),
    unit: localizedText.optional(),
  }),
  z.strictObject({ ...fieldBase, type: z.literal('choice'), options: questionOptions }),
  z.strictObject({ ...fieldBase, type: z.literal('multi-choice'), options: questionOptions }),
  z.strictObject({
    ...fieldBase,
    type: z.literal('table'),
    columns: z.array(tableColumnSchema).min(1),
    minRows: z.number().int().nonnegative().optional(),
  }),
]);
export type QuestionnaireField = z.infer<typeof questionnaireFieldSchema>;

export const questionnaireSectionSchema = z.strictObject({
  key: contentKey,
  title: localizedText,
  fields: z.array(questionnaireFieldSchema).min(1),
});
export type QuestionnaireSection = z.infer<typeof questionnaireSectionSchema>;

export const questionnaireSchema = z.strictObject({
  key: contentKey,
  version: z.number().int().positive(),
  title: localizedText,
  intro: localizedText,
  sections: z.array(questionnaireSectionSchema).min(1),
});
export type Questionnaire = z.infer<typeof questionnaireSchema>;

// ---------------------------------------------------------------------------------------
// Requirement rules

/** When a requirement rule holds, as a small tree over the questionnaire's answers. */
export type Condition =
  | { readonly field: string; readonly equals: ConditionValue }
  | { readonly field: string; readonly in: readonly ConditionValue[] }
  | { readonly field: string; readonly answered: true }
  | { readonly all: readonly Condition[] }
  | { readonly any: readonly Condition[] }
  | { readonly always: true };

export const conditionSchema: z.ZodType<Condition> = z.lazy(() =>
  z.union([
    z.strictObject({ field: fieldReference, equals: conditionValue }),
    z.strictObject({ field: fieldReference, in: z.array(conditionValue).min(1) }),
    z.strictObject({ field: fieldReference, answered: z.literal(true) }),
    z.strictObject({ all: z.array(conditionSchema).min(1) }),
    z.strictObject({ any: z.array(conditionSchema).min(1) }),
    z.strictObject({ always: z.literal(true) }),
  ]),
);

export const requirementCategories = [
  'uc-equipment',
  'servers',
  'network',
  'sql-server',
  'email-accounts',
  'active-directory-accounts',
  'other',
] as const;
export type RequirementCategory = (typeof requirementCategories)[number];

export const requirementOwners = ['customer', 'partner', 'vendor'] as const;
export type RequirementOwner = (typeof requirementOwners)[number];

export const requirementSchema = z.strictObject({
  category: z.enum(requirementCategories),
  title: localizedText,
  description: localizedText,
  owner: z.enum(requirementOwners),
  leadTimeDays: z.number().int().positive().optional(),
});
export type Requirement = z.infer<typeof requirementSchema>;

export const requirementRuleSchema = z.strictObject({
  key: contentKey,
  when: conditionSchema,
  requirement: requirementSchema,
});
export type RequirementRule = z.infer<typeof requirementRuleSchema>;

// ---------------------------------------------------------------------------------------
// Applications

export const serviceDescriptionSchema = z.strictObject({
  summary: localizedText,
  included: localizedList,
  excluded: localizedList,
  customerResponsibilities: localizedList,
  typicalEffortDays: z.number().positive(),
});
export type ServiceDescription = z.infer<typeof serviceDescriptionSchema>;

export const uatItemSchema = z.strictObject({
  key: contentKey,
  title: localizedText,
  expectedResult: localizedText,
  /** Only for the projects whose answers meet it (a test that fails by design with some answers is not asked then). */
  when: conditionSchema.optional(),
});
export type UatItem = z.infer<typeof uatItemSchema>;

const configurationFieldBase = { key: contentKey, label: localizedText };

export const configurationFieldSchema = z.discriminatedUnion('type', [
  z.strictObject({ ...configurationFieldBase, type: z.literal('text') }),
  z.strictObject({ ...configurationFieldBase, type: z.literal('number') }),
  z.strictObject({ ...configurationFieldBase, type: z.literal('yes-no') }),
  z.strictObject({ ...configurationFieldBase, type: z.literal('date') }),
  z.strictObject({ ...configurationFieldBase, type: z.literal('choice'), options: choiceOptions }),
]);
export type ConfigurationField = z.infer<typeof configurationFieldSchema>;

/**
 * A configuration task on the calling platform (step P3 `pbx-configuration`, done by the partner's technician).
 * `platforms` are option values of the project questionnaire's `calling-platform` field (or, in an application that
 * still asks its own `calling-platform`, of that field); without them the task applies to every platform. `when`
 * narrows it further by the answers.
 */
export const pbxTaskSchema = z.strictObject({
  key: contentKey,
  title: localizedText,
  help: localizedText.optional(),
  platforms: z
    .array(optionValue)
    .min(1, 'list at least one platform, or leave platforms out for every platform')
    .optional(),
  when: conditionSchema.optional(),
});
export type PbxTask = z.infer<typeof pbxTaskSchema>;

/** What one application needs of a server, added to the others' on the project's one server. */
export const serverSizingSchema = z.strictObject({
  vcpu: z.number().int().positive(),
  ramGb: z.number().int().positive(),
  diskGb: z.number().int().positive(),
});
export type ServerSizing = z.infer<typeof serverSizingSchema>;

/** The deployment options that run on the customer's own server, and so have a sizing. */
export const onPremisesDeployments = ['virtual-appliance', 'windows-vms'] as const;
export type OnPremisesDeployment = (typeof onPremisesDeployments)[number];

export const applicationSizingSchema = z.strictObject({
  'virtual-appliance': serverSizingSchema.optional(),
  'windows-vms': serverSizingSchema.optional(),
});
export type ApplicationSizing = z.infer<typeof applicationSizingSchema>;

export const applicationSchema = z.strictObject({
  key: contentKey,
  name: localizedText,
  competenceTeam: contentKey,
  needsSqlServer: z.boolean(),
  /** Per deployment option on the customer's server: the project's requirement texts print the sum over its applications. */
  sizing: applicationSizingSchema.optional(),
  serviceDescription: serviceDescriptionSchema,
  designQuestionnaire: questionnaireSchema,
  requirementRules: z.array(requirementRuleSchema).min(1),
  uatChecklist: z.array(uatItemSchema).min(1),
  configurationFields: z.array(configurationFieldSchema).min(1),
  pbxTasks: z.array(pbxTaskSchema).min(1),
});
export type Application = z.infer<typeof applicationSchema>;

// ---------------------------------------------------------------------------------------
// The project questionnaire: asked once per project, whatever the applications in scope

/** The key the project questionnaire takes where an application's key would stand (its answers, its requirements). */
export const projectQuestionnaireKey = 'project';

/** project-questionnaire.yaml: the questions and requirements that belong to the project, not to one application. */
export const projectQuestionnaireFileSchema = z.strictObject({
  designQuestionnaire: questionnaireSchema,
  requirementRules: z.array(requirementRuleSchema).min(1),
});
export type ProjectQuestionnaireFile = z.infer<typeof projectQuestionnaireFileSchema>;

// ---------------------------------------------------------------------------------------
// Environment checklists (step P1 `environment`, one list per deployment option)

/** How the vendor's software is deployed for a project (as projects and purchase orders record it). */
export const deploymentOptions = ['virtual-appliance', 'windows-vms', 'vendor-cloud'] as const;
export type DeploymentOption = (typeof deploymentOptions)[number];

/** A thing the customer or partner prepares before the installation. */
export const environmentItemSchema = z.strictObject({
  key: contentKey,
  title: localizedText,
  help: localizedText.optional(),
  /** Applies only when an application in scope has `needsSqlServer: true`. */
  onlyWhenSqlServer: z.literal(true).optional(),
});
export type EnvironmentItem = z.infer<typeof environmentItemSchema>;

const environmentItems = z.array(environmentItemSchema).min(1, 'must list at least one item');

/** environment-checklists.yaml: the items of each deployment option. */
export const environmentChecklistsSchema = z.strictObject({
  'virtual-appliance': environmentItems,
  'windows-vms': environmentItems,
  'vendor-cloud': environmentItems,
});
export type EnvironmentChecklists = z.infer<typeof environmentChecklistsSchema>;

// ---------------------------------------------------------------------------------------
// Email templates and documents (one file per language)

export const emailTemplateSchema = z.strictObject({
  subject: nonEmptyText,
  text: nonEmptyText,
  html: nonEmptyText,
});
export type EmailTemplate = z.infer<typeof emailTemplateSchema>;

export const documentKeys = ['terms-and-conditions', 'workflow-overview'] as const;
export type DocumentKey = (typeof documentKeys)[number];

export const documentSectionSchema = z.strictObject({
  heading: nonEmptyText,
  paragraphs: z.array(nonEmptyText).min(1),
  bullets: z.array(nonEmptyText).min(1).optional(),
});
export type DocumentSection = z.infer<typeof documentSectionSchema>;

export const contentDocumentSchema = z.strictObject({
  title: nonEmptyText,
  version: z.number().int().positive(),
  sections: z.array(documentSectionSchema).min(1),
});
export type ContentDocument = z.infer<typeof contentDocumentSchema>;
