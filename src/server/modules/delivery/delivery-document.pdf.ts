/**
 * What the delivery documents (the UAT document, the activity report, the installation dossier) share: their header
 * (vendor, title, project, parties, version, date), their page footer, the trainings table, and the labels of these
 * in English and Italian. Laid out with the PDF writer (../../pdf/pdf-writer.ts).
 */
import { resourceOf, translate } from '../../../domain/text/i18n';
import type { DocumentLanguage } from '../../pdf/fonts';
import { formatDate, formatDay, formatMinutes } from '../../pdf/pdf-format';
import { openPdfWriter, type PdfWriter } from '../../pdf/pdf-writer';

export type Language = DocumentLanguage;

export interface DocumentHeader {
  vendorName: string;
  language: Language;
  /** Printed in the header and the document's information; fixed in tests so the bytes are reproducible. */
  createdAt: Date;
  projectReference: string;
  projectName: string;
  customerName: string;
  partnerName: string | null;
  engineerName: string | null;
  documentVersion: number;
}

export interface TrainingLine {
  kind: string;
  date: string;
  durationMinutes: number;
  attendees: string[];
  topics: string;
}

/** The labels, in the document's language (src/domain/text/locales/<language>/pdf.json, `deliveryDocument`). */
const labelsIn = (language: Language) => resourceOf(language, 'pdf').deliveryDocument;

export interface DeliveryDocument {
  writer: PdfWriter;
  /** Numbers the pages ("<title> · <reference> — Page 1 of 3") and ends the document. */
  finish: () => Promise<Buffer>;
}

/** An A4 document with the delivery documents' header already written (and `extraFields` after its own). */
export async function openDeliveryDocument(
  header: DocumentHeader,
  title: string,
  extraFields: [string, string][] = [],
): Promise<DeliveryDocument> {
  const text = labelsIn(header.language);
  const writer = await openPdfWriter({
    language: header.language,
    title,
    author: header.vendorName,
    createdAt: header.createdAt,
    margins: { top: 56, bottom: 72, left: 56, right: 56 },
    noneText: text.none,
  });
  writer.block(header.vendorName, 'small');
  writer.moveDown(0.5);
  writer.block(title, 'title');
  writer.moveDown(0.5);
  writer.fields([
    [text.project, `${header.projectReference} — ${header.projectName}`],
    [text.customer, header.customerName],
    ...(header.partnerName === null ? [] : [[text.partner, header.partnerName] as [string, string]]),
    ...(header.engineerName === null ? [] : [[text.engineer, header.engineerName] as [string, string]]),
    [text.version, String(header.documentVersion)],
    [text.date, formatDate(header.createdAt, header.language)],
    ...extraFields,
  ]);
  const reference = writer.printable(`${title} · ${header.projectReference}`);
  return {
    writer,
    finish: () =>
      writer.finish(
        (page, pages) =>
          `${reference} — ${translate(header.language, 'pdf', 'deliveryDocument.page', { page, pages })}`,
      ),
  };
}

/** The trainings given, as the activity report and the dossier print them. */
export function writeTrainings(writer: PdfWriter, trainings: TrainingLine[], language: Language): void {
  const text = labelsIn(language);
  writer.heading(text.trainings);
  writer.table(
    [
      { label: text.kind, width: 2 },
      { label: text.date, width: 1.6 },
      { label: text.duration, width: 1.1, align: 'right' },
      { label: text.attendees, width: 2.5 },
      { label: text.topics, width: 2.8 },
    ],
    trainings.map((training) => [
      training.kind,
      formatDay(training.date, language),
      formatMinutes(training.durationMinutes),
      training.attendees.join(', '),
      training.topics,
    ]),
  );
}
