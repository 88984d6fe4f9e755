/**
 * A document of the content library sent with the presentation (terms and conditions, workflow overview) as a PDF:
 * title, version, sections with flowing paragraphs and bullets, page numbers; its labels in English and Italian.
 * Laid out with the PDF writer (../../pdf/pdf-writer.ts).
 */
import type { Language } from '../../../domain/text/languages';
import { resourceOf, translate } from '../../../domain/text/i18n';
import type { ContentDocument } from '../../../domain/content';
import { openPdfWriter } from '../../pdf/pdf-writer';

export interface DocumentPdfOptions {
  vendorName: string;
  language: Language;
  /** Printed in the document's information and footer; fixed in tests so the bytes are reproducible. */
  createdAt: Date;
}

/** The labels, in the document's language (src/domain/text/locales/<language>/pdf.json, `presentation`). */
const labelsIn = (language: Language) => resourceOf(language, 'pdf').presentation;

/** A document of the content library as a PDF, in the embedded document fonts (see ../../pdf/fonts.ts). */
export async function renderDocumentPdf(document: ContentDocument, options: DocumentPdfOptions): Promise<Buffer> {
  const text = labelsIn(options.language);
  const writer = await openPdfWriter({
    language: options.language,
    title: document.title,
    author: options.vendorName,
    createdAt: options.createdAt,
    margins: { top: 64, bottom: 72, left: 64, right: 64 },
  });
  writer.text(options.vendorName, 'small');
  writer.moveDown(0.5);
  writer.text(document.title, 'title');
  writer.text(`${text.version} ${document.version}`, 'small');
  writer.moveDown(1);
  for (const section of document.sections) {
    writer.text(section.heading, 'heading');
    writer.moveDown(0.3);
    for (const paragraph of section.paragraphs) {
      writer.text(paragraph, 'body', { align: 'left', lineGap: 2 });
      writer.moveDown(0.5);
    }
    if (section.bullets !== undefined) {
      writer.bullets(section.bullets);
      writer.moveDown(0.5);
    }
    writer.moveDown(0.5);
  }
  const title = writer.printable(document.title);
  return writer.finish(
    (page, pages) => `${title} — ${translate(options.language, 'pdf', 'presentation.page', { page, pages })}`,
  );
}
