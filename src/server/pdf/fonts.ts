import { translate } from '../../domain/text/i18n';
import fs from 'node:fs/promises';
import type { Language } from '../../domain/text/languages';
import { createRequire } from 'node:module';
import type { Font } from 'fontkit';

export type FontStyle = 'regular' | 'bold' | 'italic';
export type DocumentLanguage = Language;

/** The font files every PDF embeds and what they can print; read once per process, on the first PDF. */
export interface DocumentFonts {
  /** The TrueType files, for pdf-lib's embedFont. */
  files: Record<FontStyle, Buffer>;
  /** The same, parsed once by fontkit for every pdfkit document: parsing and shaping afresh per document doubled its time. */
  faces: Record<FontStyle, Font>;
  /**
   * The text as the document prints it: accents composed (NFC), line breaks kept, other control characters and
   * white space as a space, invisible format characters left out. A text with any character the fonts lack is printed
   * as a notice that it could not be printed, in the document's language, never with a character guessed or dropped.
   */
  printable(text: string, language: DocumentLanguage): string;
}

// Noto Sans as Google Fonts ships it: Latin (every European language and Vietnamese), Greek and Cyrillic in one file
// per style. Resolved through node's resolution so that it is found from src/ (vitest, tsx) and from the bundle alike.
const fontFiles: Record<FontStyle, string> = {
  regular: '@expo-google-fonts/noto-sans/400Regular/NotoSans_400Regular.ttf',
  bold: '@expo-google-fonts/noto-sans/700Bold/NotoSans_700Bold.ttf',
  italic: '@expo-google-fonts/noto-sans/400Regular_Italic/NotoSans_400Regular_Italic.ttf',
};

let loading: Promise<DocumentFonts> | undefined;

/** The document fonts, read from their package on the first call and kept for the process. */
export function loadDocumentFonts(): Promise<DocumentFonts> {
  loading ??= readDocumentFonts().catch((error: unknown) => {
    // A failed read is not kept: the next PDF tries again.
    loading = undefined;
    throw error;
  });
  return loading;
}

async function readDocumentFonts(): Promise<DocumentFonts> {
  const require = createRequire(import.meta.url);
  const [regular, bold, italic] = await Promise.all(
    [fontFiles.regular, fontFiles.bold, fontFiles.italic].map((file) => fs.readFile(require.resolve(file))),
  );
  const files = { regular: regular!, bold: bold!, italic: italic! };
  // The fontkit pdfkit itself imports (an ES module with named exports), so the two share one copy.
  const { create } = await import('fontkit');
  const face = (file: Buffer): Font => {
    const font = create(file);
    if (!('characterSet' in font)) throw new Error('A document font file is a font collection, not one font.');
    return font;
  };
  const faces = { regular: face(files.regular), bold: face(files.bold), italic: face(files.italic) };
  // A character prints only when every style has it, so that a bold label or an italic note never lacks it.
  const [first, ...others] = Object.values(faces).map((font) => new Set(font.characterSet));
  const covered = new Set([...first!].filter((codePoint) => others.every((set) => set.has(codePoint))));
  return { files, faces, printable: (text, language) => toPrintableText(text, language, covered) };
}

const invisible = /^\p{Default_Ignorable_Code_Point}$/u;
const spaceLike = /^[\s\p{Cc}]$/u;

/** `text` as printed with fonts that have the code points in `covered` (see DocumentFonts#printable). */
function toPrintableText(text: string, language: DocumentLanguage, covered: ReadonlySet<number>): string {
  let result = '';
  for (const character of text.normalize('NFC').replace(/\r\n?|[\u2028\u2029]/g, '\n')) {
    if (character === '\n') result += character;
    // Before white space: JavaScript counts the byte order mark as a space.
    else if (invisible.test(character)) continue;
    else if (spaceLike.test(character)) result += ' ';
    else if (covered.has(character.codePointAt(0)!)) result += character;
    else return translate(language, 'pdf', 'unprintable');
  }
  return result;
}

/** Registers the document fonts in a pdfkit document, as the fonts named 'regular', 'bold' and 'italic'. */
export function registerDocumentFonts(pdf: PDFKit.PDFDocument, fonts: DocumentFonts): void {
  // pdfkit takes a parsed fontkit font (anything with `layout`), which @types/pdfkit does not list.
  for (const style of ['regular', 'bold', 'italic'] as const)
    pdf.registerFont(style, fonts.faces[style] as unknown as Buffer);
}
