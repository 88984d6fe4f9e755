/**
 * The layout kit of Engage's PDFs: an A4 page in the document fonts, text styles, flowing and wrapped text, headings,
 * label–value fields, tables whose header row repeats on every page, bullets and numbered page footers. Every string
 * goes through the fonts' `printable`. It knows no module: what a document says (its labels included) lives with
 * the module that makes it.
 */
import type { DocumentLanguage } from './fonts';
import { createPdfDocument, type PdfDocumentSetup } from './pdf-document';

export interface PdfWriterSetup {
  language: DocumentLanguage;
  /** Document information: the title, the vendor as author, the creation date (fixed for reproducible bytes). */
  title: string;
  author: string;
  createdAt: Date;
  margins: PdfDocumentSetup['margins'];
  /** What an empty table or paragraph prints, in the document's language. */
  noneText?: string;
}

export interface Column {
  label: string;
  /** Relative to the other columns' widths. */
  width: number;
  align?: 'left' | 'right';
  bold?: boolean;
}

export type TextStyle = 'small' | 'body' | 'subheading' | 'heading' | 'title';

export const colour = { text: '#1f2933', muted: '#52606d', faint: '#7b8794', rule: '#cbd2d9', shade: '#f0f4f8' };

const styles: Record<TextStyle, { font: 'regular' | 'bold'; size: number; colour: string }> = {
  small: { font: 'regular', size: 9, colour: colour.muted },
  body: { font: 'regular', size: 10, colour: colour.text },
  subheading: { font: 'bold', size: 10, colour: colour.text },
  heading: { font: 'bold', size: 12, colour: colour.text },
  title: { font: 'bold', size: 18, colour: colour.text },
};

const cellPadding = 3;

export type PdfWriter = Awaited<ReturnType<typeof openPdfWriter>>;

/** A new A4 document and the building blocks Engage's documents are made of; `finish` numbers the pages. */
export async function openPdfWriter(setup: PdfWriterSetup) {
  const document = await createPdfDocument({
    size: 'A4',
    margins: setup.margins,
    info: { Title: setup.title, Author: setup.author, Creator: 'Engage', CreationDate: setup.createdAt },
    lang: setup.language,
    printLanguage: setup.language,
  });
  const { pdf, printable } = document;
  const left = pdf.page.margins.left;
  const contentWidth = pdf.page.width - pdf.page.margins.left - pdf.page.margins.right;
  const bottom = () => pdf.page.height - pdf.page.margins.bottom;
  const ensureSpace = (height: number) => {
    if (pdf.y + height > bottom()) pdf.addPage();
  };
  const styled = (style: TextStyle) => {
    const { font, size, colour: fill } = styles[style];
    return pdf.font(font).fontSize(size).fillColor(fill);
  };

  const writer = {
    pdf,
    printable,
    /** Text in a style where the previous text ended, wrapped at the right margin. */
    text(value: string, style: TextStyle, options: PDFKit.Mixins.TextOptions = {}) {
      styled(style).text(printable(value), options);
    },
    /** Text in a style from the left margin, across the whole width. */
    block(value: string, style: TextStyle) {
      styled(style).text(printable(value), left, pdf.y, { width: contentWidth });
    },
    moveDown(lines: number) {
      pdf.moveDown(lines);
    },
    heading(value: string) {
      // Keeps a heading on the same page as at least a couple of lines of what follows it.
      pdf.moveDown(0.8);
      ensureSpace(60);
      writer.block(value, 'heading');
      pdf.moveDown(0.3);
    },
    subheading(value: string) {
      pdf.moveDown(0.4);
      ensureSpace(40);
      writer.block(value, 'subheading');
      pdf.moveDown(0.2);
    },
    paragraph(value: string) {
      if (value.trim() === '') {
        writer.none();
        return;
      }
      styled('body').text(printable(value.trim()), left, pdf.y, { width: contentWidth, lineGap: 2 });
    },
    notice(value: string) {
      pdf.font('italic').fontSize(9).fillColor('#9b2c2c').text(printable(value), left, pdf.y, { width: contentWidth });
      pdf.moveDown(0.3);
    },
    none() {
      pdf
        .font('italic')
        .fontSize(9)
        .fillColor(colour.muted)
        .text(setup.noneText ?? '', left, pdf.y, { width: contentWidth });
    },
    /** Bulleted lines in the body style, flowing where the previous text ended. */
    bullets(values: string[]) {
      styled('body').list(
        values.map((value) => printable(value)),
        { bulletRadius: 1.5, textIndent: 12, lineGap: 2 },
      );
    },
    /** Label and value pairs, the value beside its label; an empty value shows as a dash. */
    fields(pairs: [string, string][]) {
      const labelWidth = 130;
      for (const [label, value] of pairs) {
        const shown = printable(value.trim() === '' ? '—' : value);
        pdf.font('regular').fontSize(10);
        const height = Math.max(
          pdf.heightOfString(shown, { width: contentWidth - labelWidth }),
          pdf.currentLineHeight(true),
        );
        ensureSpace(Math.min(height, 60));
        const y = pdf.y;
        const page = pdf.page;
        pdf.fillColor(colour.muted).text(printable(label), left, y, { width: labelWidth - 8 });
        pdf.fillColor(colour.text).text(shown, left + labelWidth, y, { width: contentWidth - labelWidth });
        // A value longer than the page flows on to the next one, where the height measured above means nothing.
        pdf.y = (pdf.page === page ? Math.max(pdf.y, y + height) : pdf.y) + 2;
        pdf.x = left;
      }
    },
    /**
     * Rows under a shaded header row that is repeated on every page, and an optional bold total row after them. A row
     * never splits across pages, except one taller than a whole page, which is written as labelled paragraphs instead.
     */
    table(columns: Column[], rows: string[][], totalRow?: string[]) {
      if (rows.length === 0) {
        writer.none();
        return;
      }
      const totalWeight = sum(columns.map((column) => column.width));
      const widths = columns.map((column) => (column.width / totalWeight) * contentWidth);
      const fontSize = 9;
      const measure = (cells: string[], bold: (index: number) => boolean) =>
        Math.max(
          ...cells.map((cell, index) =>
            pdf
              .font(bold(index) ? 'bold' : 'regular')
              .fontSize(fontSize)
              .heightOfString(cell === '' ? ' ' : cell, { width: (widths[index] ?? 0) - 2 * cellPadding }),
          ),
        ) +
        2 * cellPadding;
      const drawRow = (cells: string[], height: number, kind: 'header' | 'body' | 'total') => {
        const y = pdf.y;
        if (kind === 'header') pdf.rect(left, y, contentWidth, height).fill(colour.shade);
        let x = left;
        cells.forEach((cell, index) => {
          const column = columns[index];
          const width = widths[index] ?? 0;
          pdf
            .font(kind !== 'body' || column?.bold === true ? 'bold' : 'regular')
            .fontSize(fontSize)
            .fillColor(kind === 'header' ? colour.muted : colour.text)
            .text(cell, x + cellPadding, y + cellPadding, {
              width: width - 2 * cellPadding,
              align: column?.align ?? 'left',
            });
          x += width;
        });
        pdf
          .moveTo(left, y + height)
          .lineTo(left + contentWidth, y + height)
          .lineWidth(0.5)
          .strokeColor(colour.rule)
          .stroke();
        pdf.x = left;
        pdf.y = y + height;
      };
      const headerCells = columns.map((column) => printable(column.label));
      const headerHeight = measure(headerCells, () => true);
      const pageRoom = bottom() - pdf.page.margins.top - headerHeight;
      ensureSpace(headerHeight * 2);
      drawRow(headerCells, headerHeight, 'header');
      const bodyRows = rows.map((row) => ({ row, kind: 'body' as const }));
      for (const { row, kind } of totalRow === undefined
        ? bodyRows
        : [...bodyRows, { row: totalRow, kind: 'total' as const }]) {
        const cells = row.map((cell) => printable(cell));
        const height = measure(cells, (index) => kind === 'total' || columns[index]?.bold === true);
        if (height > pageRoom) {
          pdf.moveDown(0.3);
          writer.fields(cells.map((cell, index) => [headerCells[index] ?? '', cell]));
          pdf.moveDown(0.3);
          continue;
        }
        if (pdf.y + height > bottom()) {
          pdf.addPage();
          drawRow(headerCells, headerHeight, 'header');
        }
        drawRow(cells, height, kind);
      }
      pdf.moveDown(0.3);
    },
    closingLine(value: string) {
      pdf.moveDown(2);
      ensureSpace(80);
      pdf
        .font('italic')
        .fontSize(9)
        .fillColor(colour.muted)
        .text(printable(value), left, pdf.y, { width: contentWidth });
    },
    /** Writes each page's footer (centred in the bottom margin, e.g. "Title — Page 1 of 3") and ends the document. */
    finish(footer: (page: number, pages: number) => string): Promise<Buffer> {
      const range = pdf.bufferedPageRange();
      for (let index = range.start; index < range.start + range.count; index += 1) {
        pdf.switchToPage(index);
        // Writing inside the bottom margin would otherwise make pdfkit start a new page.
        const margin = pdf.page.margins.bottom;
        pdf.page.margins.bottom = 0;
        pdf
          .font('regular')
          .fontSize(8)
          .fillColor(colour.faint)
          .text(footer(index + 1, range.count), left, pdf.page.height - 48, {
            width: contentWidth,
            align: 'center',
            lineBreak: false,
          });
        pdf.page.margins.bottom = margin;
      }
      return document.end();
    },
  };
  return writer;
}

export function sum(values: number[]): number {
  return values.reduce((total, value) => total + value, 0);
}
