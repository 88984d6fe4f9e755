import { translate } from '../../../domain/text/i18n';
import { fileTypeFromBuffer } from 'file-type';
import type { Language } from '../../../domain/text/languages';
import { refusal } from '../../errors';
import { formatBytes } from '../../../domain/text/file-size';
import { withoutMisleadingCharacters } from '../../../domain/text/misleading-characters';

/** The document types people may attach, by the type their content shows (never by their name). */
const allowedDetected: Readonly<Record<string, string>> = {
  pdf: 'PDF',
  png: 'PNG image',
  jpg: 'JPEG image',
  gif: 'GIF image',
  webp: 'WebP image',
  docx: 'Word document',
  xlsx: 'Excel workbook',
  pptx: 'PowerPoint presentation',
  vsdx: 'Visio drawing',
  odt: 'OpenDocument text',
  ods: 'OpenDocument spreadsheet',
};

/** Files without a signature are accepted as text only under these names, and only if they are UTF-8 text. */
const textExtensions: Readonly<Record<string, string>> = { txt: 'text/plain', csv: 'text/csv', log: 'text/plain' };

/** The accepted types in words for the API document, made from the two lists above so that it follows them. */
export function describeAcceptedFiles(): string {
  const documents = Object.entries(allowedDetected).map(([extension, label]) => `${label} (.${extension})`);
  const texts = Object.keys(textExtensions).map((extension) => `.${extension}`);
  return (
    'The type that counts is the one detected from the content; the name matters only to text, which has no signature. ' +
    `Accepted: ${documents.join(', ')}; or UTF-8 text named ${texts.slice(0, -1).join(', ')} or ${texts.slice(-1).join('')}. ` +
    'Anything else (a program renamed to .pdf included) is refused with 415 file_type_refused; an empty file with 400.'
  );
}

const programTypes = new Set([
  'exe',
  'elf',
  'mach',
  'dll',
  'msi',
  'class',
  'dex',
  'wasm',
  'swf',
  'apk',
  'deb',
  'rpm',
  'dmg',
  'macho',
  'lnk',
  'cab',
]);

export interface CheckedFile {
  contentType: string;
  /** The name to offer on download: the uploader's name, with the extension of what the file really is. */
  downloadName: string;
}

function extensionOf(name: string): string {
  const match = /\.([A-Za-z0-9]{1,10})$/.exec(name);
  return match?.[1]?.toLowerCase() ?? '';
}

function isUtf8Text(content: Buffer): boolean {
  if (content.includes(0)) return false;
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(content);
    return true;
  } catch {
    return false;
  }
}

// Kept under its old address for the routes that describe upload limits.
export { formatBytes };

/** A name safe to show and to offer: no path, no control characters, nothing that reads otherwise, at most 200 characters. */
export function cleanFileName(name: string): string {
  const base = withoutMisleadingCharacters(name.split(/[\\/]/).pop() ?? '')
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u001f\u007f]+/g, '')
    .trim();
  return (base.length > 200 ? base.slice(base.length - 200) : base) || 'file';
}

/**
 * Checks an upload by its content: empty, too large, or not one of the allowed document types (a program renamed
 * to .pdf is found out by its signature). Throws validation_failed, payload_too_large or file_type_refused with a
 * message that says what to do.
 */
export async function checkUpload(
  name: string,
  content: Buffer,
  maxBytes: number,
  language: Language = 'en',
): Promise<CheckedFile> {
  const shownName = cleanFileName(name);
  const allowed = translate(language, 'errors', 'files.allowed');
  if (content.length === 0) {
    throw refusal(language, 'validation_failed', 'files.empty', { values: { name: shownName } });
  }
  if (content.length > maxBytes) {
    throw refusal(language, 'payload_too_large', 'files.too_large', {
      values: { name: shownName, size: formatBytes(content.length), limit: formatBytes(maxBytes) },
    });
  }
  const detected = await fileTypeFromBuffer(content);
  const extension = extensionOf(shownName);
  if (detected === undefined) {
    const textType = textExtensions[extension];
    if (textType !== undefined && isUtf8Text(content))
      return { contentType: `${textType}; charset=utf-8`, downloadName: shownName };
    throw refusal(language, 'file_type_refused', 'files.unknown_type', { values: { name: shownName, allowed } });
  }
  if (allowedDetected[detected.ext] === undefined) {
    const isProgram = programTypes.has(detected.ext);
    const isRenamed = extension !== '' && extension !== detected.ext;
    const renamed = isRenamed ? translate(language, 'errors', 'files.renamed', { extension }) : '';
    throw refusal(language, 'file_type_refused', isProgram ? 'files.refused_program' : 'files.refused_type', {
      values: { name: shownName, type: detected.ext, renamed, allowed },
    });
  }
  const sameExtension = extension === detected.ext || (detected.ext === 'jpg' && extension === 'jpeg');
  return { contentType: detected.mime, downloadName: sameExtension ? shownName : `${shownName}.${detected.ext}` };
}
