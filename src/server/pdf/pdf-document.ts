/**
 * The PDF document every document of Engage starts from: pdfkit with the embedded Noto Sans (see fonts.ts) as its
 * only fonts, the text made printable in the document's language, the bytes collected when it ends. What a document
 * says and how it is laid out lives with its module (see pdf-writer.ts for the layout kit).
 */
import { type DocumentFonts, type DocumentLanguage, loadDocumentFonts, registerDocumentFonts } from './fonts';

export interface PdfDocumentSetup {
  size: 'A4' | [number, number];
  margins: { top: number; bottom: number; left: number; right: number };
  /** The document information; `CreationDate` is fixed by callers that need reproducible bytes. */
  info: { Title?: string; Author?: string; Creator?: string; CreationDate: Date };
  /** Written as the document's language when set. */
  lang?: DocumentLanguage;
  /** The language of the notice printed for a text the fonts cannot print. */
  printLanguage: DocumentLanguage;
}

export interface PdfDocument {
  pdf: PDFKit.PDFDocument;
  fonts: DocumentFonts;
  /** The text as the document prints it (see DocumentFonts#printable). */
  printable: (value: string) => string;
  /** Ends the document and resolves to its bytes. */
  end: () => Promise<Buffer>;
}

/** A new pdfkit document in the document fonts, registered as 'regular', 'bold' and 'italic'. */
export async function createPdfDocument(setup: PdfDocumentSetup): Promise<PdfDocument> {
  const [{ default: PDFDocument }, fonts] = await Promise.all([import('pdfkit'), loadDocumentFonts()]);
  const pdf = new PDFDocument({
    size: setup.size,
    margins: setup.margins,
    bufferPages: true,
    info: setup.info,
    ...(setup.lang === undefined ? {} : { lang: setup.lang }),
    // No default font: pdfkit would otherwise write Helvetica into the file, and any text before a font is chosen
    // fails here instead of printing in a font that lacks most names.
    font: '',
  });
  registerDocumentFonts(pdf, fonts);
  const chunks: Buffer[] = [];
  pdf.on('data', (chunk: Buffer) => chunks.push(chunk));
  const finished = new Promise<Buffer>((resolve, reject) => {
    pdf.on('end', () => resolve(Buffer.concat(chunks)));
    pdf.on('error', reject);
  });
  return {
    pdf,
    fonts,
    printable: (value) => fonts.printable(value, setup.printLanguage),
    end: () => {
      pdf.end();
      return finished;
    },
  };
}
