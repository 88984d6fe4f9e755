import type { Language } from '../../domain/text/languages';
import type { components } from '../api/schema';

export type QuestionnaireDetail = components['schemas']['QuestionnaireDetail'];
export type SavedAnswers = components['schemas']['SavedAnswers'];
export type QuestionnaireSummary = components['schemas']['QuestionnaireSummary'];
export type Answer = components['schemas']['Answer'];
export type StoredFile = components['schemas']['StoredFile'];
export type QuestionnaireDefinition = QuestionnaireDetail['questionnaire'];
export type QuestionnaireSection = QuestionnaireDefinition['sections'][number];
export type QuestionnaireField = QuestionnaireSection['fields'][number];
export type TableField = Extract<QuestionnaireField, { type: 'table' }>;
export type TableColumn = TableField['columns'][number];
/** The language a questionnaire is shown in: one of Engage's (src/domain/text/languages.ts). */
export type ContentLanguage = Language;
/** A content-library text: English always, the other languages where written. */
export type LocalizedContent = { en: string } & Partial<Record<Language, string>>;

/** Reports how far an upload has got, from 0 to 1. */
export type UploadProgress = (fraction: number) => void;
