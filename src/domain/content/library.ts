import type {
  Application,
  ContentDocument,
  ContentLanguage,
  DocumentKey,
  EmailTemplate,
  EnvironmentChecklists,
  ProjectQuestionnaireFile,
  Service,
  Team,
  Vendor,
} from './content.schemas';
import type { EmailTemplateKey } from './placeholders';

/* The shape of a content library, whole or being assembled: the types the checks and the delivery checklists share. */

type ByLanguage<T> = Readonly<Record<ContentLanguage, T>>;

/** The whole content library, as the application reads it. */
export interface ContentLibrary {
  readonly vendor: Vendor;
  readonly teams: readonly Team[];
  readonly services: readonly Service[];
  readonly applications: readonly Application[];
  /** The questions and requirements asked once per project (step E4, listed before the applications' questionnaires). */
  readonly projectQuestionnaire: ProjectQuestionnaireFile;
  /** The environment checklist (step P1) of each deployment option. */
  readonly environmentChecklists: EnvironmentChecklists;
  readonly emailTemplates: Readonly<Record<EmailTemplateKey, ByLanguage<EmailTemplate>>>;
  readonly documents: Readonly<Record<DocumentKey, ByLanguage<ContentDocument>>>;
}

/** A library being assembled: any part may be missing (a file absent or refused). */
export interface ContentLibraryDraft {
  readonly vendor?: Vendor;
  readonly teams?: readonly Team[];
  readonly services?: readonly Service[];
  readonly applications: readonly Application[];
  readonly projectQuestionnaire?: ProjectQuestionnaireFile;
  readonly environmentChecklists?: EnvironmentChecklists;
  readonly emailTemplates: Partial<Record<EmailTemplateKey, Partial<ByLanguage<EmailTemplate>>>>;
  readonly documents: Partial<Record<DocumentKey, Partial<ByLanguage<ContentDocument>>>>;
}
