import { languages as engageLanguages } from '../../domain/text/languages';
import type { paths } from './schema';

type JsonBody<T> = T extends { content: { 'application/json': infer Body } } ? Body : never;

type Operation<P extends keyof paths, M extends string> = paths[P] extends Record<M, infer Op> ? Op : never;

type SuccessBody<Op> = Op extends { responses: infer R }
  ? R extends { 200: infer Ok }
    ? JsonBody<Ok>
    : R extends { 201: infer Created }
      ? JsonBody<Created>
      : never
  : never;

type RequestBody<Op> = Op extends { requestBody?: infer Body } ? JsonBody<NonNullable<Body>> : never;

/** The JSON body a successful call of `method path` returns. */
export type ResponseOf<P extends keyof paths, M extends string> = SuccessBody<Operation<P, M>>;
/** The JSON body `method path` accepts. */
export type BodyOf<P extends keyof paths, M extends string> = RequestBody<Operation<P, M>>;

export type User = ResponseOf<'/api/auth/me', 'get'>['user'];
export type Role = User['role'];
export type Language = User['language'];
export type DirectoryEntry = ResponseOf<'/api/users/directory', 'get'>['items'][number];
export type Application = ResponseOf<'/api/catalog/applications', 'get'>['items'][number];
export type ProcessStep = ResponseOf<'/api/process/steps', 'get'>['items'][number];
export type Organisation = ResponseOf<'/api/organisations', 'get'>['items'][number];
export type OrganisationKind = Organisation['kind'];
export type PaymentTerms = NonNullable<Organisation['paymentTerms']>;
export type OrganisationDetail = ResponseOf<'/api/organisations/{id}', 'get'>;
export type Contact = OrganisationDetail['contacts'][number];
export type ContactRole = Contact['role'];
export type ProjectPage = ResponseOf<'/api/projects', 'get'>;
export type ProjectSummary = ProjectPage['items'][number];
export type Priority = ProjectSummary['priority'];
export type Party = ProjectSummary['waitingOn'][number];
export type ProjectDetail = ResponseOf<'/api/projects/{id}', 'get'>;
export type TimelineStep = ProjectDetail['process']['timeline'][number];
export type Criterion = TimelineStep['criteria'][number];
export type Blocker = ProjectDetail['process']['blockers'][number];
export type AllowedAction = ProjectDetail['allowedActions'][number];
export type ActionType = AllowedAction['type'];
export type Deployment = ProjectDetail['deployment'];
export type AuditEntry = ResponseOf<'/api/projects/{id}/audit', 'get'>['items'][number];
export type MailMessage = ResponseOf<'/api/projects/{id}/mail', 'get'>['items'][number];
export type MailStatus = MailMessage['status'];
export type MailAddress = MailMessage['from'];
export type MailMessageDetail = ResponseOf<'/api/mail/{id}', 'get'>;
export type CreateProjectBody = BodyOf<'/api/projects', 'post'>;
export type CreateOrganisationBody = BodyOf<'/api/organisations', 'post'>;
export type CreateContactBody = BodyOf<'/api/organisations/{id}/contacts', 'post'>;
export type CreateUserBody = BodyOf<'/api/users', 'post'>;
export type InviteUserBody = BodyOf<'/api/users/invitations', 'post'>;
/** A user as the admin's list shows them, with where their password stands (set, invited, reset). */
export type UserAccount = ResponseOf<'/api/users', 'get'>['items'][number];
export type PasswordLinkInfo = ResponseOf<'/api/auth/password-link', 'post'>;
export type UpdateUserBody = BodyOf<'/api/users/{id}', 'patch'>;
export type LocalizedText = ProcessStep['title'];

export const roles = ['admin', 'manager', 'engineer', 'support'] as const satisfies readonly Role[];
/** The languages a user or contact reads: Engage's one list (src/domain/text/languages.ts), which the API accepts. */
export const languages = engageLanguages satisfies readonly Language[];
export const priorities = ['low', 'normal', 'high', 'urgent'] as const satisfies readonly Priority[];
export const deployments = [
  'virtual-appliance',
  'windows-vms',
  'vendor-cloud',
] as const satisfies readonly Deployment[];
export const paymentTermsOptions = ['engage-on-po', 'prepayment-required'] as const satisfies readonly PaymentTerms[];
export const contactRoles = [
  'technical-reference',
  'approver',
  'partner-technician',
] as const satisfies readonly ContactRole[];
export const organisationKinds = ['customer', 'partner'] as const satisfies readonly OrganisationKind[];

export type Service = ResponseOf<'/api/catalog/services', 'get'>['items'][number];
export type ServiceUnit = Service['unit'];
export type PurchaseOrder = ResponseOf<'/api/purchase-orders/{id}', 'get'>;
export type PurchaseOrderStatus = PurchaseOrder['status'];
export type CreatePurchaseOrderBody = BodyOf<'/api/purchase-orders', 'post'>;
export type ImportReport = ResponseOf<'/api/purchase-orders/import', 'post'>;
export type ImportReportRow = ImportReport['rows'][number];
export type ContentItemSummary = ResponseOf<'/api/admin/content', 'get'>['items'][number];
export type ContentItem = ResponseOf<'/api/admin/content/item', 'get'>;
export type Placeholder = ResponseOf<'/api/admin/email-templates/{key}/placeholders', 'get'>['items'][number];
export type EmailTemplateKey = paths['/api/admin/email-templates/{key}/preview']['post']['parameters']['path']['key'];
export type EmailTemplateDraft = BodyOf<'/api/admin/email-templates/{key}/preview', 'post'>;
export type EmailTemplatePreview = ResponseOf<'/api/admin/email-templates/{key}/preview', 'post'>;

export const purchaseOrderStatuses = ['draft', 'approved'] as const satisfies readonly PurchaseOrderStatus[];
export const emailTemplateKeys = [
  'service-presentation',
  'engineer-contact',
  'portal-link',
  'questionnaire-reminder',
  'requirements-reminder',
  'session-proposal',
  'session-invitation',
  'session-cancellation',
  'session-reminder',
  'session-slots-requested',
  'signature-request',
  'signed-document',
  'handover-package',
  'password-reset',
  'staff-invitation',
  'turn-update',
] as const satisfies readonly EmailTemplateKey[];

/** Fails to compile when the server has a template this list forgets (the admin could not open it). */
export const everyEmailTemplateListed: [Exclude<EmailTemplateKey, (typeof emailTemplateKeys)[number]>] extends [never]
  ? true
  : never = true;

export type DraftMessage = ResponseOf<'/api/projects/{id}/presentation/draft', 'post'>['items'][number];
export type EngineerSuggestions = ResponseOf<'/api/projects/{id}/engineer-suggestions', 'get'>;
export type EngineerSuggestion = EngineerSuggestions['items'][number];
export type Team = EngineerSuggestions['neededTeams'][number];

export type StaffRequirements = ResponseOf<'/api/projects/{id}/requirements', 'get'>;
export type Requirement = StaffRequirements['requirements'][number];
export type RequirementCategory = Requirement['category'];
export type RequirementOwner = Requirement['owner'];
export type RequirementStatus = Requirement['status'];
export type StoredFile = Requirement['evidence'][number];
export type DesignNote = StaffRequirements['notes'][number];
export type DesignNoteKind = DesignNote['kind'];
export type PendingChanges = StaffRequirements['pendingChanges'];
export type PendingAdd = PendingChanges['adds'][number];
export type PendingRemove = PendingChanges['removes'][number];
export type RequirementBody = BodyOf<'/api/projects/{id}/requirements', 'post'>;
export type DesignNoteBody = BodyOf<'/api/projects/{id}/design-notes', 'post'>;
export type QuestionnaireSummary = ResponseOf<'/api/projects/{id}/questionnaires', 'get'>['items'][number];
export type QuestionnaireDetail = ResponseOf<'/api/projects/{id}/questionnaires/{applicationKey}', 'get'>;
export type PortalLink = ResponseOf<'/api/projects/{id}/portal-links', 'get'>['items'][number];
export type PortalLinkState = PortalLink['state'];

/** In the order the requirement list shows them. */
export const requirementCategories = [
  'uc-equipment',
  'servers',
  'network',
  'sql-server',
  'email-accounts',
  'active-directory-accounts',
  'other',
] as const satisfies readonly RequirementCategory[];
export const requirementOwners = ['customer', 'partner', 'vendor'] as const satisfies readonly RequirementOwner[];
export const requirementStatuses = [
  'open',
  'sent-back',
  'fulfilled',
  'verified',
  'waived',
] as const satisfies readonly RequirementStatus[];
export const designNoteKinds = [
  'constraint',
  'limitation',
  'further-requirement',
] as const satisfies readonly DesignNoteKind[];
