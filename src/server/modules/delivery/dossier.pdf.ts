/** The installation dossier handed to the support team when a project closes, as a PDF; its labels in English and Italian. */
import { resourceOf } from '../../../domain/text/i18n';
import { formatDate, formatMinutes } from '../../pdf/pdf-format';
import {
  openDeliveryDocument,
  writeTrainings,
  type DocumentHeader,
  type Language,
  type TrainingLine,
} from './delivery-document.pdf';

export interface DossierInput extends DocumentHeader {
  closedAt: Date;
  deployment: string;
  contacts: { name: string; email: string; phone: string | null; role: string; organisation: string }[];
  applications: { name: string; installedVersion: string | null; configuration: { label: string; value: string }[] }[];
  /** `state` already a label ("Verified", "Ticked", "Open"). */
  environment: { title: string; state: string }[];
  pbxTasks: { application: string; title: string; state: string }[];
  /** `note` is a waiver reason or similar. */
  requirements: { title: string; category: string; status: string; note: string | null }[];
  uat: { application: string; item: string; result: string; comment: string | null; exceptionReason: string | null }[];
  trainings: TrainingLine[];
  totalMinutes: number;
  reportNotes: string;
  /** Internal: printed only in the dossier, for the support team. */
  maintenanceNotes: string;
  /** `sealedSha256` is the sealed copy's, or for a document signed outside Engage the uploaded scan's. */
  signedDocuments: {
    title: string;
    version: number;
    signerName: string;
    signedAt: string;
    sealedSha256: string;
    /** Signed on paper or in another tool: the scan was uploaded by a staff member, kept as is, never sealed. */
    outsideEngage?: { uploadedBy: string; uploadedAt: string; scanSha256: string } | null;
  }[];
  /** The activity report was never signed: the project was closed anyway, for this reason, by this decision. */
  unsignedReport?: { reason: string; decidedBy: string; decidedAt: string } | null;
}

/** The labels, in the document's language (src/domain/text/locales/<language>/pdf.json, `dossier`). */
const labelsIn = (language: Language) => resourceOf(language, 'pdf').dossier;

type Labels = ReturnType<typeof labelsIn>;
type Writer = Awaited<ReturnType<typeof openDeliveryDocument>>['writer'];

/** Renders the installation dossier handed to the support team when a project closes, internal notes included. */
export async function renderDossierPdf(input: DossierInput): Promise<Buffer> {
  const text = labelsIn(input.language);
  const { writer, finish } = await openDeliveryDocument(input, text.dossierTitle, [
    [text.closedOn, formatDate(input.closedAt, input.language)],
  ]);
  writer.heading(text.deployment);
  writer.paragraph(input.deployment);
  writeContacts(writer, text, input);
  writeApplications(writer, text, input);
  writeChecks(writer, text, input);
  writeRequirements(writer, text, input);
  writeUatResults(writer, text, input);
  writeTrainings(writer, input.trainings, input.language);
  writer.heading(text.timeSpent);
  writer.fields([[text.totalTime, formatMinutes(input.totalMinutes)]]);
  writer.heading(text.reportNotes);
  writer.paragraph(input.reportNotes);
  writer.heading(text.maintenanceNotes);
  writer.notice(text.internalWarning);
  writer.paragraph(input.maintenanceNotes);
  writeSignedDocuments(writer, text, input);
  writeUnsignedReport(writer, text, input);
  return finish();
}

function writeContacts(writer: Writer, text: Labels, input: DossierInput): void {
  writer.heading(text.contacts);
  writer.table(
    [
      { label: text.name, width: 2 },
      { label: text.role, width: 1.6 },
      { label: text.organisation, width: 1.8 },
      { label: text.email, width: 2.6 },
      { label: text.phone, width: 1.6 },
    ],
    input.contacts.map((contact) => [
      contact.name,
      contact.role,
      contact.organisation,
      contact.email,
      contact.phone ?? '',
    ]),
  );
}

function writeApplications(writer: Writer, text: Labels, input: DossierInput): void {
  writer.heading(text.applications);
  if (input.applications.length === 0) writer.none();
  for (const application of input.applications) {
    writer.subheading(application.name);
    writer.fields([[text.installedVersion, application.installedVersion ?? '']]);
    writer.table(
      [
        { label: text.setting, width: 4 },
        { label: text.value, width: 6 },
      ],
      application.configuration.map((setting) => [setting.label, setting.value]),
    );
  }
}

function writeChecks(writer: Writer, text: Labels, input: DossierInput): void {
  writer.heading(text.environment);
  writer.table(
    [
      { label: text.item, width: 7 },
      { label: text.state, width: 3 },
    ],
    input.environment.map((check) => [check.title, check.state]),
  );
  writer.heading(text.pbxTasks);
  writer.table(
    [
      { label: text.application, width: 2.5 },
      { label: text.task, width: 5 },
      { label: text.state, width: 2.5 },
    ],
    input.pbxTasks.map((task) => [task.application, task.title, task.state]),
  );
}

function writeRequirements(writer: Writer, text: Labels, input: DossierInput): void {
  writer.heading(text.requirements);
  writer.table(
    [
      { label: text.requirement, width: 3.5 },
      { label: text.category, width: 1.8 },
      { label: text.status, width: 1.7 },
      { label: text.note, width: 3 },
    ],
    input.requirements.map((requirement) => [
      requirement.title,
      requirement.category,
      requirement.status,
      requirement.note ?? '',
    ]),
  );
}

function writeUatResults(writer: Writer, text: Labels, input: DossierInput): void {
  writer.heading(text.uatResults);
  writer.table(
    [
      { label: text.application, width: 1.8 },
      { label: text.test, width: 2.8 },
      { label: text.result, width: 1.4 },
      { label: text.comment, width: 2 },
      { label: text.exception, width: 2 },
    ],
    input.uat.map((item) => [item.application, item.item, item.result, item.comment ?? '', item.exceptionReason ?? '']),
  );
}

function writeSignedDocuments(writer: Writer, text: Labels, input: DossierInput): void {
  writer.heading(text.signedDocuments);
  if (input.signedDocuments.length === 0) writer.none();
  for (const signed of input.signedDocuments) {
    writer.subheading(`${signed.title} (${text.version} ${signed.version})`);
    const outside = signed.outsideEngage ?? null;
    writer.fields([
      [text.signedBy, signed.signerName],
      [text.signedAt, signed.signedAt],
      [text.signedHow, outside === null ? text.signedElectronicallyInEngage : text.signedOutsideEngage],
      ...(outside === null
        ? []
        : ([[text.scanUploadedBy, `${outside.uploadedBy}, ${outside.uploadedAt}`]] as [string, string][])),
      ['SHA-256', signed.sealedSha256],
    ]);
  }
}

function writeUnsignedReport(writer: Writer, text: Labels, input: DossierInput): void {
  if (input.unsignedReport == null) return;
  writer.heading(text.unsignedReport);
  writer.notice(text.unsignedReportNotice);
  writer.fields([
    [text.reason, input.unsignedReport.reason],
    [text.decidedBy, input.unsignedReport.decidedBy],
    [text.decidedAt, input.unsignedReport.decidedAt],
  ]);
}
