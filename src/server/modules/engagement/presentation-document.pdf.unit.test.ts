import { beforeAll, describe, expect, it } from 'vitest';
import type { ContentDocument } from '../../../domain/content';
import {
  assertPdfToolsAvailable,
  findWordsWithoutInk,
  runPdftotext,
  shouldSkipPdfToolTests,
} from '../../pdf/pdf-tools';
import { renderDocumentPdf } from './presentation-document.pdf';

/** Names from the four alphabets the document fonts cover: Latin of Central Europe and Turkey, Greek, Cyrillic. */
const names = ['Łukasz Dvořák', 'Şahin Öztürk', 'Αλέξανδρος Παπαδόπουλος', 'Дмитрий Иванов'];

const terms: ContentDocument = {
  title: 'Terms and conditions — Dvořák & Öztürk',
  version: 3,
  sections: [
    {
      heading: 'Parties',
      paragraphs: [`These terms bind ${names[0]} and ${names[1]}.`, 'Signed in Ελλάδα and in Россия.'],
      bullets: [names[2]!, names[3]!],
    },
    { heading: 'Contacts outside the fonts', paragraphs: ['Contact: 王小明'], bullets: ['Signed off 😀'] },
  ],
};
const options = {
  vendorName: 'Acme Servizi Srl',
  language: 'en' as const,
  createdAt: new Date('2026-03-02T09:30:00Z'),
};

describe('a document of the content library as a PDF', () => {
  it('gives the same bytes for the same input and embeds only subsets of the document fonts', async () => {
    const pdf = await renderDocumentPdf(terms, options);
    expect(pdf.equals(await renderDocumentPdf(terms, options))).toBe(true);
    // pdfkit writes font dictionaries uncompressed; only their font files are compressed streams.
    const fonts = [...pdf.toString('latin1').matchAll(/\/BaseFont \/([^\s/>]+)/g)].map((match) => match[1]);
    expect(fonts.length).toBeGreaterThan(0);
    for (const font of fonts) expect(font).toMatch(/^[A-Z]{6}\+NotoSans-(Regular|Bold)$/);
  });
});

const skipPdfTools = shouldSkipPdfToolTests({
  required: process.env.ENGAGE_PDF_TOOLS === '1' || process.env.CI === 'true',
  suite: 'the text checks of the content library PDFs (src/server/pdf/document-pdf.unit.test.ts)',
});

describe.skipIf(skipPdfTools)('a document of the content library, read back with poppler', () => {
  beforeAll(() => assertPdfToolsAvailable());

  it('prints Latin, Greek and Cyrillic names exactly, in glyphs that are drawn', async () => {
    const pdf = await renderDocumentPdf(terms, options);
    const text = (await runPdftotext(pdf)).replace(/\s+/g, ' ');
    for (const name of names) expect(text).toContain(name);
    expect(text).toContain('Terms and conditions — Dvořák & Öztürk');
    expect(text).toContain('Signed in Ελλάδα and in Россия.');
    expect(await findWordsWithoutInk(pdf, 1)).toEqual([]);
  });

  it('says that a text outside the fonts could not be printed, in the document’s language, and never prints ?', async () => {
    const english = (await runPdftotext(await renderDocumentPdf(terms, options))).replace(/\s+/g, ' ');
    expect(english.match(/\[could not be printed: characters outside the document font\]/g)).toHaveLength(2);
    expect(english).not.toContain('?');
    const italian = (await runPdftotext(await renderDocumentPdf(terms, { ...options, language: 'it' }))).replace(
      /\s+/g,
      ' ',
    );
    expect(italian.match(/\[non stampabile: caratteri assenti dal font del documento\]/g)).toHaveLength(2);
    expect(italian).toContain('Pagina 1 di 1');
  });
});
