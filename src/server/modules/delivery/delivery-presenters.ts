/** The staff's and the portal's views of a project's delivery, built from its delivery state. */
import type { ContentLibrary } from '../../../domain/content';
import type { FileView } from '../files/files.service';
import type { ProjectRow } from '../projects/projects.service';
import {
  liveDocument,
  missingTrainingKinds,
  supersededReasonOf,
  supersededReasonText,
  uatGaps,
  type DeliveryState,
  type UatItemState,
} from './delivery-state';

function applicationsOf(library: ContentLibrary, project: ProjectRow) {
  return project.applications.map((key) => ({
    key,
    name: library.applications.find((application) => application.key === key)?.name ?? { en: key, it: key },
  }));
}

/**
 * A superseded version's reason: its resource key and values for the web app to say in the reader's language, and the
 * English words as the fallback (a reason stored in words before the keys is shown as stored).
 */
function presentSupersededReason(state: DeliveryState, document: DeliveryState['documents'][number]['document']) {
  const later = state.documents
    .map((entry) => entry.document)
    .filter((other) => other.kind === document.kind && other.version > document.version)
    .map((other) => other.version);
  const laterVersion = later.length === 0 ? null : Math.min(...later);
  const reason = supersededReasonOf(document.supersededReason, laterVersion);
  return {
    supersededReason: supersededReasonText('en', document.supersededReason, laterVersion),
    supersededReasonKey: reason?.key ?? null,
    supersededReasonValues: reason?.values ?? {},
  };
}

function presentDocuments(state: DeliveryState) {
  return state.documents.map(({ document, signature, outsideSignature }) => ({
    id: document.id,
    kind: document.kind,
    version: document.version,
    state: document.state,
    sha256: document.sha256,
    createdAt: document.createdAt,
    ...presentSupersededReason(state, document),
    signature:
      signature === null
        ? null
        : {
            signerName: signature.signerName,
            signerEmail: signature.signerEmail,
            signerOrganisation: signature.signerOrganisation,
            signedAt: signature.signedAt,
            documentSha256: signature.documentSha256,
            sealedSha256: signature.sealedSha256,
          },
    outsideSignature:
      outsideSignature === null
        ? null
        : {
            signerName: outsideSignature.signerName,
            signedOn: outsideSignature.signedOn,
            sha256: outsideSignature.sha256,
            recordedAt: outsideSignature.recordedAt,
            recordedBy: { name: outsideSignature.recordedByName },
          },
  }));
}

function presentUatItem({ updatedAt: _updatedAt, evidence, ...item }: UatItemState) {
  const file: FileView | null =
    evidence === null
      ? null
      : {
          id: evidence.id,
          name: evidence.name,
          contentType: evidence.contentType,
          size: evidence.size,
          uploadedBy: { kind: evidence.uploadedBy.kind, name: evidence.uploadedBy.name },
          createdAt: evidence.createdAt,
        };
  return { ...item, evidence: file };
}

/** The staff view of a project's delivery: checklists, configuration records, UAT, training, notes, documents. */
export function presentDelivery(library: ContentLibrary, project: ProjectRow, state: DeliveryState) {
  const gaps = uatGaps(state);
  return {
    deployment: project.deployment,
    applications: applicationsOf(library, project),
    environment: state.environment,
    pbx: state.pbx,
    configurations: project.applications.map((key, index) => {
      const application = library.applications.find((candidate) => candidate.key === key);
      const record = state.configurations[index] ?? null;
      return {
        applicationKey: key,
        fields: (application?.configurationFields ?? []).map((field) => ({
          key: field.key,
          type: field.type,
          label: field.label,
          options: field.type === 'choice' ? field.options : null,
        })),
        values: record?.values ?? {},
        installedVersion: record?.installedVersion ?? null,
        installedAt: record?.installedAt ?? null,
        configuredAt: record?.configuredAt ?? null,
      };
    }),
    uat: {
      items: state.uat.map(presentUatItem),
      summary: {
        pass: state.uat.filter((item) => item.result === 'pass').length,
        passWithRemark: state.uat.filter((item) => item.result === 'pass-with-remark').length,
        fail: state.uat.filter((item) => item.result === 'fail').length,
        notApplicable: state.uat.filter((item) => item.result === 'not-applicable').length,
        notRun: gaps.notRun,
        exceptions: state.uat.filter((item) => item.exceptionReason !== null).length,
        failedOpen: gaps.failedOpen,
      },
      isLocked: liveDocument(state, 'uat')?.document.state === 'signed',
    },
    training: {
      purchased: project.isTrainingPurchased,
      boughtKinds: state.boughtTraining.kinds,
      missingKinds: project.isTrainingPurchased ? missingTrainingKinds(state) : [],
      records: state.trainings.map((training) => ({
        id: training.id,
        kind: training.kind,
        date: training.trainingDate,
        durationMinutes: training.durationMinutes,
        attendees: training.attendees,
        topics: training.topics,
      })),
    },
    notes: { reportNotes: state.notes.reportNotes, maintenanceNotes: state.notes.maintenanceNotes },
    documents: presentDocuments(state),
    handover:
      state.handover === null
        ? null
        : { createdAt: state.handover.createdAt, unsignedReport: state.handover.unsignedReport },
  };
}

/**
 * What a customer or partner contact sees: the checklists they tick, the UAT results they sign (remarks and evidence
 * included) and the documents to sign. Built from named fields only, so the internal maintenance notes (and anything
 * else staff-only) can never reach the portal.
 */
export function presentPortalDelivery(library: ContentLibrary, project: ProjectRow, state: DeliveryState) {
  return {
    deployment: project.deployment,
    applications: applicationsOf(library, project),
    environment: state.environment,
    pbx: state.pbx,
    uat: state.uat.map(presentUatItem),
    documents: presentDocuments(state).filter((document) => document.state !== 'superseded'),
  };
}
