import type { ContentDocument } from '../../domain/content';
import { loadDocumentFonts, registerDocumentFonts } from './fonts';

export interface DocumentPdfOptions {
  vendorName: string;
  language: 'en' | 'it';
  /** Printed in the document's information and footer; fixed in tests so the bytes are reproducible. */
  createdAt: Date;
}

const footerText = {
  en: (page: number, pages: number) => `Page ${page} of ${pages}`,
  it: (page: number, pages: number) => `Pagina ${page} di ${pages}`,
};
const versionText = { en: 'Version', it: 'Versione' };

/**
 * A document of the content library (terms and conditions, workflow overview) as a PDF: title, version, sections with
 * flowing paragraphs and bullets, page numbers, in the embedded document fonts (see fonts.ts).
 */
export async function renderDocumentPdf(document: ContentDocument, options: DocumentPdfOptions): Promise<Buffer> {
  const [{ default: PDFDocument }, fonts] = await Promise.all([import('pdfkit'), loadDocumentFonts()]);
  const printable = (value: string) => fonts.printable(value, options.language);
  const pdf = new PDFDocument({
    size: 'A4',
    margins: { top: 64, bottom: 72, left: 64, right: 64 },
    bufferPages: true,
    info: { Title: document.title, Author: options.vendorName, Creator: 'Engage', CreationDate: options.createdAt },
    lang: options.language,
    // No default font: pdfkit would otherwise write Helvetica into the file.
    font: '',
  });
  registerDocumentFonts(pdf, fonts);
  const chunks: Buffer[] = [];
  pdf.on('data', (chunk: Buffer) => chunks.push(chunk));
  const finished = new Promise<Buffer>((resolve, reject) => {
    pdf.on('end', () => resolve(Buffer.concat(chunks)));
    pdf.on('error', reject);
  });

  pdf.font('regular').fontSize(9).fillColor('#52606d').text(printable(options.vendorName));
  pdf.moveDown(0.5);
  pdf.font('bold').fontSize(18).fillColor('#1f2933').text(printable(document.title));
  pdf
    .font('regular')
    .fontSize(9)
    .fillColor('#52606d')
    .text(printable(`${versionText[options.language]} ${document.version}`));
  pdf.moveDown(1);
  for (const section of document.sections) {
    pdf.font('bold').fontSize(12).fillColor('#1f2933').text(printable(section.heading));
    pdf.moveDown(0.3);
    pdf.font('regular').fontSize(10).fillColor('#1f2933');
    for (const paragraph of section.paragraphs) {
      pdf.text(printable(paragraph), { align: 'left', lineGap: 2 });
      pdf.moveDown(0.5);
    }
    if (section.bullets !== undefined) {
      pdf.list(
        section.bullets.map((bullet) => printable(bullet)),
        { bulletRadius: 1.5, textIndent: 12, lineGap: 2 },
      );
      pdf.moveDown(0.5);
    }
    pdf.moveDown(0.5);
  }

  const range = pdf.bufferedPageRange();
  for (let index = range.start; index < range.start + range.count; index += 1) {
    pdf.switchToPage(index);
    // Writing inside the bottom margin would otherwise make pdfkit start a new page.
    const margin = pdf.page.margins.bottom;
    pdf.page.margins.bottom = 0;
    const bottom = pdf.page.height - 48;
    pdf
      .font('regular')
      .fontSize(8)
      .fillColor('#7b8794')
      .text(
        `${printable(document.title)} — ${footerText[options.language](index + 1, range.count)}`,
        pdf.page.margins.left,
        bottom,
        {
          width: pdf.page.width - pdf.page.margins.left - pdf.page.margins.right,
          align: 'center',
          lineBreak: false,
        },
      );
    pdf.page.margins.bottom = margin;
  }
  pdf.end();
  return finished;
}
