/**
 * The installation dossier of a closed project: its data (English, kept as JSON and searched by support), its PDF,
 * its search text, and the signed copies sent with it.
 */
import type { ContentLibrary } from '../../../domain/content';
import type { Database } from '../../db/database';
import { listFileContents } from '../files/files.service';
import { listContactsOfOrganisations } from '../organisations/organisations.service';
import type { ProjectRow, ProjectWithNames } from '../projects/projects.service';
import { listActiveRequirementsForDossier } from '../requirements/requirements.service';
import type { ChecklistItemState, DeliveryState, UnsignedReport } from './delivery-state';
import { deploymentLabel, documentTitles, trainingLabel } from './document-texts';
import { renderDossierPdf } from './dossier.pdf';

export type Dossier = Awaited<ReturnType<typeof buildDossier>>;

const checklistState = (item: ChecklistItemState) =>
  item.verifiedAt !== null
    ? `Verified${item.verifiedBy === null ? '' : ` by ${item.verifiedBy.name}`}`
    : item.tickedAt !== null
      ? 'Done, not verified'
      : 'Open';
const resultWords = {
  pass: 'Passed',
  'pass-with-remark': 'Passed with a remark',
  fail: 'Failed',
  'not-applicable': 'Not applicable',
} as const;

function configurationValue(
  value: string | number | boolean,
  options: readonly { value: string; label: { en: string } }[] | null,
): string {
  if (typeof value === 'boolean') return value ? 'Yes' : 'No';
  if (options !== null) return options.find((option) => option.value === value)?.label.en ?? String(value);
  return String(value);
}

/** A signed document as the dossier records it: sealed by Engage, or signed outside Engage with its scan. */
interface DossierSignedDocument {
  title: string;
  version: number;
  method: string;
  signerName: string;
  signerEmail: string;
  /** An instant for an electronic signature; the day (YYYY-MM-DD) the engineer recorded for one outside Engage. */
  signedAt: string;
  documentSha256: string;
  sealedSha256: string | null;
  outsideEngage: { uploadedBy: string; uploadedAt: string; scanSha256: string } | null;
}

/** The installation dossier as data (English): what support needs to look after the installation. */
export async function buildDossier(
  db: Database,
  library: ContentLibrary,
  row: ProjectWithNames,
  state: DeliveryState,
  totalMinutes: number,
  closedAt: Date,
  unsignedReport: UnsignedReport | null,
) {
  const project = row.project;
  const organisationIds = [project.customerId, ...(project.partnerId === null ? [] : [project.partnerId])];
  const people = await listContactsOfOrganisations(db, organisationIds);
  const requirementRows = await listActiveRequirementsForDossier(db, project.id);
  const applicationsInScope = project.applications.map((key, index) => {
    const application = library.applications.find((candidate) => candidate.key === key);
    const record = state.configurations[index] ?? null;
    return {
      key,
      name: application?.name.en ?? key,
      installedVersion: record?.installedVersion ?? null,
      installedAt: record?.installedAt?.toISOString() ?? null,
      configuredAt: record?.configuredAt?.toISOString() ?? null,
      configuration: (application?.configurationFields ?? [])
        .filter((field) => record?.values[field.key] !== undefined)
        .map((field) => ({
          key: field.key,
          label: field.label.en,
          value: configurationValue(record?.values[field.key] ?? '', field.type === 'choice' ? field.options : null),
        })),
    };
  });
  const nameOf = (key: string | null) =>
    key === null ? '' : (library.applications.find((application) => application.key === key)?.name.en ?? key);
  return {
    format: 'engage-installation-dossier/1',
    project: {
      id: project.id,
      reference: project.reference,
      name: project.name,
      priority: project.priority,
      closedAt: closedAt.toISOString(),
    },
    customer: row.customerName,
    partner: row.partnerName,
    engineer: row.engineerName,
    deployment: { key: project.deployment, label: deploymentLabel(project.deployment, 'en') },
    contacts: people,
    applications: applicationsInScope,
    environment: state.environment.map((item) => ({
      key: item.key,
      title: item.title.en,
      state: checklistState(item),
      note: item.note,
    })),
    pbxTasks: state.pbx.map((item) => ({
      application: nameOf(item.applicationKey),
      key: item.key,
      title: item.title.en,
      state: checklistState(item),
      note: item.note,
    })),
    requirements: requirementRows.map((requirement) => ({
      title: requirement.title.en,
      category: requirement.category,
      status: requirement.status,
      note: requirement.waiveReason ?? requirement.fulfilmentNote ?? null,
    })),
    uat: state.uat.map((item) => ({
      application: nameOf(item.applicationKey),
      item: item.title.en,
      result: item.result === null ? 'Not run' : resultWords[item.result],
      comment: item.comment,
      exceptionReason: item.exceptionReason,
    })),
    trainings: state.trainings.map((training) => ({
      kind: trainingLabel(training.kind, 'en'),
      date: training.trainingDate,
      durationMinutes: training.durationMinutes,
      attendees: training.attendees,
      topics: training.topics,
    })),
    work: { totalMinutes },
    reportNotes: state.notes.reportNotes,
    maintenanceNotes: state.notes.maintenanceNotes,
    signedDocuments: state.documents.flatMap(({ document, signature, outsideSignature }): DossierSignedDocument[] => {
      const title = documentTitles[document.kind].en;
      if (signature !== null) {
        return [
          {
            title,
            version: document.version,
            method: 'Signed electronically in Engage, sealed by Engage',
            signerName: signature.signerName,
            signerEmail: signature.signerEmail,
            signedAt: signature.signedAt.toISOString(),
            documentSha256: signature.documentSha256,
            sealedSha256: signature.sealedSha256,
            outsideEngage: null,
          },
        ];
      }
      if (outsideSignature === null) return [];
      return [
        {
          title,
          version: document.version,
          method:
            'Signed outside Engage (on paper or in another tool); the scan is kept as uploaded, not sealed by Engage',
          signerName: outsideSignature.signerName,
          signerEmail: '',
          signedAt: outsideSignature.signedOn,
          documentSha256: document.sha256,
          sealedSha256: null,
          outsideEngage: {
            uploadedBy: outsideSignature.recordedByName,
            uploadedAt: outsideSignature.recordedAt.toISOString(),
            scanSha256: outsideSignature.sha256,
          },
        },
      ];
    }),
    /** Set when the activity report was never signed: why, and who decided the project closes without it. */
    unsignedReport,
  };
}

/** The signed documents of the package: their sealed copies as the signers received them, and the scans of those signed outside Engage. */
export async function signedCopies(db: Database, state: DeliveryState) {
  const fileIds = state.documents.flatMap(({ signature, outsideSignature }) =>
    signature !== null ? [signature.sealedFileId] : outsideSignature !== null ? [outsideSignature.fileId] : [],
  );
  if (fileIds.length === 0) return [];
  const files = await listFileContents(db, fileIds);
  return files.map((file) => ({ filename: file.name, contentType: file.contentType, content: file.content }));
}

/** Every text of the dossier, one per line: what support's full-text search reads. */
export function searchTextOf(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value))
    return value
      .map(searchTextOf)
      .filter((text) => text !== '')
      .join('\n');
  return Object.values(value as Record<string, unknown>)
    .map(searchTextOf)
    .filter((text) => text !== '')
    .join('\n');
}

/** The dossier as the PDF support receives (English), the dossier's data as it prints them. */
export async function renderDossier(
  library: ContentLibrary,
  row: ProjectWithNames,
  project: ProjectRow,
  dossier: Dossier,
  closing: { totalMinutes: number; now: Date; unsignedReport: UnsignedReport | null },
): Promise<Buffer> {
  const { totalMinutes, now, unsignedReport } = closing;
  return renderDossierPdf({
    vendorName: library.vendor.name,
    language: 'en',
    createdAt: now,
    projectReference: project.reference,
    projectName: project.name,
    customerName: row.customerName,
    partnerName: row.partnerName,
    engineerName: row.engineerName,
    documentVersion: 1,
    closedAt: now,
    deployment: dossier.deployment.label,
    contacts: dossier.contacts.map((contact) => ({ ...contact, role: contact.role.replace(/-/g, ' ') })),
    applications: dossier.applications.map((application) => ({
      name: application.name,
      installedVersion: application.installedVersion,
      configuration: application.configuration.map(({ label, value }) => ({ label, value })),
    })),
    environment: dossier.environment.map(({ title, state: itemState }) => ({ title, state: itemState })),
    pbxTasks: dossier.pbxTasks.map(({ application, title, state: itemState }) => ({
      application,
      title,
      state: itemState,
    })),
    requirements: dossier.requirements,
    uat: dossier.uat,
    trainings: dossier.trainings,
    totalMinutes,
    reportNotes: dossier.reportNotes,
    maintenanceNotes: dossier.maintenanceNotes,
    signedDocuments: dossier.signedDocuments.map((document) => ({
      title: document.title,
      version: document.version,
      signerName: document.signerName,
      signedAt: document.signedAt,
      sealedSha256: document.sealedSha256 ?? document.outsideEngage?.scanSha256 ?? '',
      outsideEngage:
        document.outsideEngage === null
          ? null
          : {
              ...document.outsideEngage,
              uploadedAt: `${document.outsideEngage.uploadedAt.slice(0, 16).replace('T', ' ')} UTC`,
            },
    })),
    unsignedReport,
  });
}
