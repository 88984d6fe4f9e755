/**
 * How a requirement and the list's state are shown: the view of a requirement, and what keeps the list from being
 * confirmed.
 */
import { projectQuestionnaireKey, type ContentLibrary } from '../../../domain/content';
import type { ProjectScope } from '../../../domain/content/requirement-changes';
import type { Database } from '../../db/database';
import type { LocalizedText, requirementCategoryValues, requirementOwnerValues } from '../../db/schema';
import { translate, type TextKey } from '../../../domain/text/i18n';
import { presentFile, type FileView, listEvidenceFiles } from '../files/files.service';
import { type ProjectWithNames } from '../projects/projects.service';
import { type QuestionnaireResponseRow } from '../questionnaires/questionnaires.service';
import type { RequirementRow } from './requirements.repository';

export type Category = (typeof requirementCategoryValues)[number];
export type Owner = (typeof requirementOwnerValues)[number];

export interface RequirementView {
  id: string;
  applicationKey: string | null;
  ruleKey: string | null;
  category: Category;
  title: LocalizedText;
  description: LocalizedText;
  owner: Owner;
  reason: LocalizedText | null;
  leadTimeDays: number | null;
  status: RequirementRow['status'];
  fulfilmentNote: string | null;
  fulfilledBy: string | null;
  fulfilledAt: Date | null;
  reviewComment: string | null;
  reviewedBy: string | null;
  reviewedAt: Date | null;
  waiveReason: string | null;
  evidence: FileView[];
  createdBy: string | null;
  createdAt: Date;
}

export function presentRequirement(row: RequirementRow, evidence: readonly FileView[]): RequirementView {
  return {
    id: row.id,
    applicationKey: row.applicationKey,
    ruleKey: row.ruleKey,
    category: row.category,
    title: row.title,
    description: row.description,
    owner: row.owner,
    reason: row.reason,
    leadTimeDays: row.leadTimeDays,
    status: row.status,
    fulfilmentNote: row.fulfilmentNote,
    fulfilledBy: row.fulfilledBy?.name ?? null,
    fulfilledAt: row.fulfilledAt,
    reviewComment: row.reviewComment,
    reviewedBy: row.reviewedBy?.name ?? null,
    reviewedAt: row.reviewedAt,
    waiveReason: row.waiveReason,
    evidence: [...evidence],
    createdBy: row.createdBy?.name ?? null,
    createdAt: row.createdAt,
  };
}

export async function presentActive(
  db: Database,
  projectId: string,
  rows: readonly RequirementRow[],
): Promise<RequirementView[]> {
  const files = await listEvidenceFiles(db, projectId);
  return rows
    .filter((row) => row.removedAt === null)
    .map((row) => presentRequirement(row, files.filter((file) => file.requirementId === row.id).map(presentFile)));
}

export function scopeOf(row: ProjectWithNames): ProjectScope {
  return { applications: row.project.applications, deployment: row.project.deployment };
}

/** What keeps the engineer from confirming the list, in words; empty when it can be confirmed. */
export function confirmBlockers(input: {
  library: ContentLibrary;
  project: ProjectWithNames;
  responses: readonly QuestionnaireResponseRow[];
  isReviewed: boolean;
  hasPending: boolean;
}): string[] {
  const blockers: string[] = [];
  const submitted = new Set(
    input.responses.filter((response) => response.status === 'submitted').map((response) => response.applicationKey),
  );
  const asked = [
    ...(input.project.project.asksProjectQuestionnaire ? [projectQuestionnaireKey] : []),
    ...input.project.project.applications,
  ];
  const waiting = asked
    .filter((key) => !submitted.has(key))
    .map((key) =>
      key === projectQuestionnaireKey
        ? translate('en', 'errors', 'requirements.the_project_questionnaire')
        : (input.library.applications.find((application) => application.key === key)?.name.en ?? key),
    );
  const say = (key: TextKey<'errors'>, values: Readonly<Record<string, string>> = {}) =>
    translate('en', 'errors', key, values);
  if (waiting.length > 0)
    blockers.push(say('requirements.questionnaires_waiting', { questionnaires: waiting.join(', ') }));
  if (!input.isReviewed) blockers.push(say('requirements.mark_design_reviewed'));
  if (input.hasPending) blockers.push(say('requirements.apply_pending_changes'));
  return blockers;
}
