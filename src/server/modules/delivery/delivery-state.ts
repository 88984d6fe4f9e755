import { translate, type TextKey } from '../../../domain/text/i18n';
import type { Language } from '../../../domain/text/languages';
/**
 * Everything recorded about a project's delivery (P1–P8) as one state, read through the module's repositories, and
 * the facts the process engine reads from it (deliveryFacts).
 */
import {
  environmentChecklistFor,
  pbxTasksFor,
  projectContext,
  projectQuestionnaireKey,
  uatChecklistFor,
  type Answers,
  type ContentLibrary,
  type LocalizedContentText,
} from '../../../domain/content';
import type { Database } from '../../db/database';
import type { Author, configurationRecords, trainingRecords, uatResults } from '../../db/schema';
import { listLiveFileSummaries } from '../files/files.service';
import type { ProjectRow } from '../projects/projects.service';
import { findOrderLinesOfProjectOrder } from '../purchase-orders/purchase-orders.service';
import { listResponses } from '../questionnaires/questionnaires.service';
import { listUserNames } from '../users/users.service';
import {
  listActiveTrainings,
  listChecklistTicks,
  listConfigurationRecords,
  findDeliveryNotes,
  listUatItemResults,
} from './delivery.repository';
import {
  listDocumentSignatures,
  listOutsideSignatures,
  listSignableDocuments,
  supersedeAwaitingVersions,
  type OutsideSignatureRecord,
  type SignableDocumentRow,
  type SignatureRow,
} from './documents.repository';
import { findHandoverSummary, type HandoverSummary, type UnsignedReport } from './handover.repository';

export type { SignableDocumentRow, SignatureRow, UnsignedReport };

export type ChecklistKind = 'environment' | 'pbx';
export type SignableKind = 'uat' | 'activity-report';

/**
 * Why a version awaiting signature was taken out of signing, stored as this key (`superseded_reason`); its words are
 * `delivery.superseded.<key>` of the errors resources. Versions superseded before the keys hold the English sentence.
 */
export const supersededReasons = [
  'training_recorded',
  'training_removed',
  'report_notes_changed',
  'uat_result_changed',
  'uat_evidence_changed',
  'project_closed',
  'work_log_changed',
  'replaced_by_version',
] as const;
export type SupersededReason = (typeof supersededReasons)[number];

/**
 * A superseded version's reason as its resource key and values (`replaced_by_version` names the version after it),
 * or null for a reason stored in words before the keys.
 */
export function supersededReasonOf(
  stored: string | null,
  laterVersion: number | null,
): { key: TextKey<'errors'>; values: Record<string, string> } | null {
  const known = supersededReasons.find((reason) => reason === stored);
  if (known === undefined) return null;
  return {
    key: `delivery.superseded.${known}`,
    values: known === 'replaced_by_version' ? { version: String(laterVersion ?? '') } : {},
  };
}

/** The reason in a language: its resource's words, or the words stored before the keys. */
export function supersededReasonText(language: Language, stored: string | null, laterVersion: number | null) {
  if (stored === 'replaced_by_version' && laterVersion === null)
    return translate(language, 'errors', 'delivery.newer_version_exists');
  const reason = supersededReasonOf(stored, laterVersion);
  return reason === null ? stored : translate(language, 'errors', reason.key, reason.values);
}

export interface ChecklistItemState {
  applicationKey: string | null;
  key: string;
  title: LocalizedContentText;
  help: LocalizedContentText | null;
  tickedAt: Date | null;
  tickedBy: Author | null;
  note: string | null;
  verifiedAt: Date | null;
  /** The staff member who verified it. */
  verifiedBy: { id: string; name: string } | null;
}

export interface UatItemState {
  applicationKey: string;
  key: string;
  title: LocalizedContentText;
  expectedResult: LocalizedContentText;
  result: (typeof uatResults)[number] | null;
  /** The tester's comment; the remark of a pass with a remark. */
  comment: string | null;
  exceptionReason: string | null;
  /** The file attached as evidence (a removed file no longer counts). */
  evidence: UatEvidence | null;
  updatedAt: Date | null;
}

/** A file attached to a UAT result as its evidence. */
export interface UatEvidence {
  id: string;
  name: string;
  contentType: string;
  size: number;
  uploadedBy: Author;
  createdAt: Date;
}

export type OutsideSignatureRow = OutsideSignatureRecord & { recordedByName: string };

/** The kinds of training a purchase order can buy; on-the-job training is given whether bought or not. */
export type BoughtTrainingKind = 'admin' | 'end-user';

/**
 * The kind each training service of the catalog buys. The catalog records no audience for a service, so the two
 * default training services are known by their keys; a training service an admin adds counts as training of any kind.
 */
const trainingKindOfService: Readonly<Record<string, BoughtTrainingKind>> = {
  'training-admin': 'admin',
  'training-end-user': 'end-user',
};

/** Everything recorded about a project's delivery (P1–P8), with the checklists of the content library it follows. */
export interface DeliveryState {
  environment: ChecklistItemState[];
  pbx: ChecklistItemState[];
  configurations: (typeof configurationRecords.$inferSelect | null)[];
  uat: UatItemState[];
  trainings: (typeof trainingRecords.$inferSelect)[];
  notes: { reportNotes: string; maintenanceNotes: string; updatedAt: Date | null };
  /** A signed version has exactly one of `signature` (electronic, sealed) and `outsideSignature` (a scan). */
  documents: {
    document: SignableDocumentRow;
    signature: SignatureRow | null;
    outsideSignature: OutsideSignatureRow | null;
  }[];
  /** The kinds of training the purchase order's lines bought, and whether one of its lines bought training of no known kind. */
  boughtTraining: { kinds: BoughtTrainingKind[]; hasUnknownKind: boolean };
  handover: HandoverSummary | null;
}

const tickKey = (checklist: string, applicationKey: string, itemKey: string) =>
  `${checklist}/${applicationKey}/${itemKey}`;

/**
 * The answers of each questionnaire of the project (the applications' and the project's), as submitted, else as
 * drafted: what narrows the PBX tasks and the UAT items to the project's design.
 */
async function questionnaireAnswers(db: Database, project: ProjectRow): Promise<Map<string, Answers>> {
  const rows = await listResponses(db, project.id);
  const answers = new Map<string, Answers>();
  for (const row of rows) {
    const drafted = Object.fromEntries(Object.entries(row.answers).map(([key, answer]) => [key, answer.value]));
    answers.set(row.applicationKey, (row.submittedAnswers ?? drafted) as Answers);
  }
  return answers;
}

/** What the project's purchase order bought of training (a project made by hand, without an order, bought no known kind). */
async function boughtTrainingOf(
  db: Database,
  library: ContentLibrary,
  project: ProjectRow,
): Promise<DeliveryState['boughtTraining']> {
  const lines = await findOrderLinesOfProjectOrder(db, project.id);
  const kinds = new Set<BoughtTrainingKind>();
  let hasUnknownKind = false;
  for (const line of lines ?? []) {
    const service = library.services.find((candidate) => candidate.key === line.serviceKey);
    if (service?.kind !== 'training' || line.quantity <= 0) continue;
    const kind = trainingKindOfService[service.key];
    if (kind === undefined) hasUnknownKind = true;
    else kinds.add(kind);
  }
  return { kinds: (['admin', 'end-user'] as const).filter((kind) => kinds.has(kind)), hasUnknownKind };
}

export async function loadDeliveryState(
  db: Database,
  library: ContentLibrary,
  project: ProjectRow,
): Promise<DeliveryState> {
  const [
    ticks,
    configurations,
    results,
    trainings,
    notes,
    documents,
    signatures,
    outside,
    handover,
    answers,
    boughtTraining,
  ] = await Promise.all([
    listChecklistTicks(db, project.id),
    listConfigurationRecords(db, project.id),
    listUatItemResults(db, project.id),
    listActiveTrainings(db, project.id),
    findDeliveryNotes(db, project.id),
    listSignableDocuments(db, project.id),
    listDocumentSignatures(db, project.id),
    listOutsideSignatures(db, project.id),
    findHandoverSummary(db, project.id),
    questionnaireAnswers(db, project),
    boughtTrainingOf(db, library, project),
  ]);
  const [staffNames, evidenceFiles] = await Promise.all([
    listUserNames(db, [
      ...ticks.flatMap((tick) => (tick.verifiedBy === null ? [] : [tick.verifiedBy])),
      ...outside.map((signature) => signature.recordedBy),
    ]),
    listLiveFileSummaries(
      db,
      results.flatMap((result) => (result.evidenceFileId === null ? [] : [result.evidenceFileId])),
    ),
  ]);
  const evidenceOf = new Map(evidenceFiles.map((file) => [file.id, file]));
  const tickOf = new Map(
    ticks.map((tick) => [
      tickKey(tick.checklist, tick.applicationKey, tick.itemKey),
      { ...tick, verifierName: tick.verifiedBy === null ? null : (staffNames.get(tick.verifiedBy) ?? null) },
    ]),
  );
  const stateOf = (
    checklist: ChecklistKind,
    applicationKey: string,
    item: { key: string; title: LocalizedContentText; help?: LocalizedContentText | undefined },
  ): ChecklistItemState => {
    const tick = tickOf.get(tickKey(checklist, applicationKey, item.key));
    return {
      applicationKey: applicationKey === '' ? null : applicationKey,
      key: item.key,
      title: item.title,
      help: item.help ?? null,
      tickedAt: tick?.tickedAt ?? null,
      tickedBy: tick?.tickedAt === null || tick === undefined ? null : (tick.tickedBy ?? null),
      note: tick?.note ?? null,
      verifiedAt: tick?.verifiedAt ?? null,
      verifiedBy:
        tick?.verifiedAt == null || tick.verifiedBy === null
          ? null
          : { id: tick.verifiedBy, name: tick.verifierName ?? '' },
    };
  };
  const applications = project.applications
    .map((key) => library.applications.find((application) => application.key === key))
    .filter((application) => application !== undefined);
  const resultOf = new Map(
    results.map((result) => [
      `${result.applicationKey}/${result.itemKey}`,
      { ...result, evidence: result.evidenceFileId === null ? null : (evidenceOf.get(result.evidenceFileId) ?? null) },
    ]),
  );
  const signatureOf = new Map(signatures.map((signature) => [signature.documentId, signature]));
  // Each signature recorded outside Engage is shown with the name of the staff member who recorded it.
  const outsideSignatureOf = new Map(
    outside.flatMap((signature) => {
      const recordedByName = staffNames.get(signature.recordedBy);
      return recordedByName === undefined ? [] : [[signature.documentId, { ...signature, recordedByName }] as const];
    }),
  );

  const context = projectContext(
    library,
    { applications: project.applications, deployment: project.deployment },
    answers.get(projectQuestionnaireKey) ?? null,
  );
  const inScope = applications.map((application) => ({
    key: application.key,
    answers: answers.get(application.key) ?? {},
  }));
  return {
    environment: environmentChecklistFor(library, project.deployment, project.applications).map((item) =>
      stateOf('environment', '', item),
    ),
    pbx: pbxTasksFor(library, inScope, context).flatMap(({ applicationKey, tasks }) =>
      tasks.map((task) => stateOf('pbx', applicationKey, task)),
    ),
    configurations: project.applications.map(
      (key) => configurations.find((record) => record.applicationKey === key) ?? null,
    ),
    uat: uatChecklistFor(library, inScope, context).flatMap(({ applicationKey, items }) =>
      items.map((item) => {
        const row = resultOf.get(`${applicationKey}/${item.key}`);
        return {
          applicationKey,
          key: item.key,
          title: item.title,
          expectedResult: item.expectedResult,
          result: row?.result ?? null,
          comment: row?.comment ?? null,
          exceptionReason: row?.exceptionReason ?? null,
          evidence: row?.evidence ?? null,
          updatedAt: row?.updatedAt ?? null,
        };
      }),
    ),
    trainings,
    notes: {
      reportNotes: notes?.reportNotes ?? '',
      maintenanceNotes: notes?.maintenanceNotes ?? '',
      updatedAt: notes?.updatedAt ?? null,
    },
    documents: documents.map((document) => ({
      document,
      signature: signatureOf.get(document.id) ?? null,
      outsideSignature: outsideSignatureOf.get(document.id) ?? null,
    })),
    boughtTraining,
    handover: handover ?? null,
  };
}

/** The version of a kind of document that counts (awaiting signature or signed), if any. */
export function liveDocument(state: DeliveryState, kind: SignableKind) {
  return state.documents.find((entry) => entry.document.kind === kind && entry.document.state !== 'superseded') ?? null;
}

/** What the UAT still lacks before it can be put up for signature: items without a result, failures neither fixed nor accepted. */
export function uatGaps(state: DeliveryState): { notRun: number; failedOpen: number } {
  return {
    notRun: state.uat.filter((item) => item.result === null).length,
    failedOpen: state.uat.filter((item) => item.result === 'fail' && item.exceptionReason === null).length,
  };
}

/**
 * The kinds of training bought that no record shows yet. On-the-job training never stands in for a kind bought; an
 * order that bought training of no known kind (or a project without an order) needs one administrators' or end users'
 * training of either kind.
 */
export function missingTrainingKinds(state: DeliveryState): BoughtTrainingKind[] {
  const recorded = new Set(state.trainings.map((training) => training.kind));
  return state.boughtTraining.kinds.filter((kind) => !recorded.has(kind));
}

/** P1–P8's criteria, as the delivery records make them hold (template version 5). */
export function deliveryFacts(state: DeliveryState): Record<string, boolean> {
  const done = (items: readonly ChecklistItemState[]) =>
    items.length > 0 && items.every((item) => item.tickedAt !== null && item.verifiedAt !== null);
  const gaps = uatGaps(state);
  const signed = (kind: SignableKind) => liveDocument(state, kind)?.document.state === 'signed';
  return {
    'environment-ready': done(state.environment),
    'installation-logged': state.configurations.every((record) => record?.installedAt != null),
    // A project whose applications need no PBX task has nothing to configure on the UC equipment.
    'uc-configured': state.pbx.every((item) => item.tickedAt !== null && item.verifiedAt !== null),
    'applications-configured': state.configurations.every((record) => record?.configuredAt != null),
    'uat-run': state.uat.length > 0 && gaps.notRun === 0 && gaps.failedOpen === 0,
    'uat-signed': signed('uat'),
    'training-recorded':
      state.trainings.some((training) => training.kind !== 'on-the-job') && missingTrainingKinds(state).length === 0,
    'on-the-job-training-recorded': state.trainings.some((training) => training.kind === 'on-the-job'),
    'activity-report-signed': signed('activity-report'),
    'maintenance-notes-written': state.notes.maintenanceNotes.trim() !== '',
    'project-closed': state.handover !== null,
  };
}

/**
 * Takes the version awaiting signature of a kind of document out of signing, because what it shows changed (a UAT
 * result, the work log, a training, the report's notes). The signer is then refused on that version and asked to
 * sign the next one. A signed version is never touched.
 */
export async function supersedeAwaitingDocument(
  db: Database,
  projectId: string,
  kind: SignableKind,
  reason: SupersededReason,
  now: Date,
): Promise<string[]> {
  return supersedeAwaitingVersions(db, projectId, kind, reason, now);
}
