/*
 * A small reader for the MIME messages Engage itself composes with nodemailer (email/message.ts), for the trial
 * mailbox's views: the text and HTML parts, the calendar part, and the attachments. It is not a general email parser
 * (no S/MIME, no charsets other than UTF-8 and ASCII, no message/rfc822 parts): only ever handed messages we built,
 * which is why it can stay small instead of bringing a parsing dependency into production. mime-parse.unit.test.ts
 * checks it against mailparser on messages nodemailer composed.
 */

export interface MimeAttachment {
  filename: string;
  contentType: string;
  content: Buffer;
}

export interface ParsedMime {
  text: string | null;
  html: string | null;
  /** The text/calendar alternative (an invitation), with its method. */
  calendar: { method: string | null; content: string } | null;
  attachments: MimeAttachment[];
}

interface Part {
  headers: Map<string, string>;
  body: Buffer;
}

function splitHeaders(raw: Buffer): Part {
  const text = raw.toString('latin1');
  const match = /\r?\n\r?\n/.exec(text);
  const headerEnd = match === null ? text.length : match.index;
  const bodyStart = match === null ? text.length : match.index + match[0].length;
  const headers = new Map<string, string>();
  // Folded lines (starting with white space) continue the previous header.
  const lines = text.slice(0, headerEnd).split(/\r?\n(?![ \t])/);
  for (const line of lines) {
    const colon = line.indexOf(':');
    if (colon <= 0) continue;
    const name = line.slice(0, colon).trim().toLowerCase();
    if (!headers.has(name))
      headers.set(
        name,
        line
          .slice(colon + 1)
          .replace(/\r?\n[ \t]+/g, ' ')
          .trim(),
      );
  }
  return { headers, body: raw.subarray(bodyStart) };
}

/** A structured header's value and its parameters (RFC 2045), continuations and charsets of RFC 2231 included. */
export function parseHeaderParameters(value: string): { value: string; parameters: Map<string, string> } {
  const [first = '', ...rest] = splitOutsideQuotes(value, ';');
  const parameters = new Map<string, string>();
  const continued = new Map<string, { index: number; text: string; isEncoded: boolean }[]>();
  for (const item of rest) {
    const equals = item.indexOf('=');
    if (equals <= 0) continue;
    let name = item.slice(0, equals).trim().toLowerCase();
    let text = item.slice(equals + 1).trim();
    if (text.startsWith('"') && text.endsWith('"') && text.length >= 2)
      text = text.slice(1, -1).replace(/\\(.)/g, '$1');
    const isEncoded = name.endsWith('*');
    if (isEncoded) name = name.slice(0, -1);
    const section = /^(.*)\*(\d+)$/.exec(name);
    if (section !== null || isEncoded) {
      const base = section?.[1] ?? name;
      const list = continued.get(base) ?? [];
      list.push({ index: Number(section?.[2] ?? 0), text, isEncoded });
      continued.set(base, list);
    } else {
      parameters.set(name, decodeEncodedWords(text));
    }
  }
  for (const [name, sections] of continued) {
    sections.sort((a, b) => a.index - b.index);
    let bytes = '';
    let charset = 'utf-8';
    for (const [position, section] of sections.entries()) {
      let text = section.text;
      if (section.isEncoded && position === 0) {
        const parts = /^([^']*)'[^']*'(.*)$/.exec(text);
        if (parts !== null) {
          charset = parts[1] === '' ? charset : (parts[1] ?? charset).toLowerCase();
          text = parts[2] ?? '';
        }
      }
      bytes += section.isEncoded
        ? text.replace(/%([0-9A-Fa-f]{2})/g, (_match, hex: string) => String.fromCharCode(parseInt(hex, 16)))
        : text;
    }
    parameters.set(
      name,
      Buffer.from(bytes, 'latin1').toString(charset === 'utf-8' || charset === 'utf8' ? 'utf8' : 'latin1'),
    );
  }
  return { value: first.trim().toLowerCase(), parameters };
}

function splitOutsideQuotes(value: string, separator: string): string[] {
  const items: string[] = [];
  let current = '';
  let isQuoted = false;
  for (let index = 0; index < value.length; index += 1) {
    const character = value[index] ?? '';
    if (character === '\\' && isQuoted) {
      current += character + (value[index + 1] ?? '');
      index += 1;
      continue;
    }
    if (character === '"') isQuoted = !isQuoted;
    if (character === separator && !isQuoted) {
      items.push(current);
      current = '';
    } else {
      current += character;
    }
  }
  items.push(current);
  return items;
}

/** Decodes RFC 2047 encoded words (=?UTF-8?Q?…?= and =?UTF-8?B?…?=), joining adjacent ones. */
export function decodeEncodedWords(value: string): string {
  return value
    .replace(/(=\?[^?]+\?[QqBb]\?[^?]*\?=)\s+(?==\?[^?]+\?[QqBb]\?[^?]*\?=)/g, '$1')
    .replace(/=\?([^?]+)\?([QqBb])\?([^?]*)\?=/g, (_word, charset: string, encoding: string, text: string) => {
      const bytes =
        encoding.toUpperCase() === 'B'
          ? Buffer.from(text, 'base64')
          : Buffer.from(
              text
                .replace(/_/g, ' ')
                .replace(/=([0-9A-Fa-f]{2})/g, (_match, hex: string) => String.fromCharCode(parseInt(hex, 16))),
              'latin1',
            );
      return bytes.toString(/^utf-?8$/i.test(charset) ? 'utf8' : 'latin1');
    });
}

function decodeQuotedPrintable(body: Buffer): Buffer {
  const text = body.toString('latin1').replace(/=\r?\n/g, '');
  return Buffer.from(
    text.replace(/=([0-9A-Fa-f]{2})/g, (_match, hex: string) => String.fromCharCode(parseInt(hex, 16))),
    'latin1',
  );
}

function decodeBody(part: Part): Buffer {
  const encoding = (part.headers.get('content-transfer-encoding') ?? '7bit').trim().toLowerCase();
  if (encoding === 'base64') return Buffer.from(part.body.toString('latin1').replace(/[^A-Za-z0-9+/=]/g, ''), 'base64');
  if (encoding === 'quoted-printable') return decodeQuotedPrintable(part.body);
  return part.body;
}

function splitMultipart(body: Buffer, boundary: string): Buffer[] {
  const text = body.toString('latin1');
  const delimiter = `--${boundary}`;
  const parts: Buffer[] = [];
  let position = text.indexOf(delimiter);
  while (position !== -1) {
    const afterDelimiter = position + delimiter.length;
    if (text.startsWith('--', afterDelimiter)) break;
    const start = text.indexOf('\n', afterDelimiter) + 1;
    const next = text.indexOf(delimiter, start);
    if (start === 0 || next === -1) break;
    // The line break before the next delimiter belongs to the delimiter.
    const end = text[next - 2] === '\r' ? next - 2 : next - 1;
    parts.push(body.subarray(start, Math.max(start, end)));
    position = next;
  }
  return parts;
}

function textOf(part: Part): string {
  return decodeBody(part).toString('utf8');
}

function walk(part: Part, into: ParsedMime): void {
  const type = parseHeaderParameters(part.headers.get('content-type') ?? 'text/plain');
  const disposition = parseHeaderParameters(part.headers.get('content-disposition') ?? 'inline');
  if (type.value.startsWith('multipart/')) {
    const boundary = type.parameters.get('boundary');
    if (boundary === undefined) return;
    for (const child of splitMultipart(part.body, boundary)) walk(splitHeaders(child), into);
    return;
  }
  const filename = disposition.parameters.get('filename') ?? type.parameters.get('name');
  if (disposition.value === 'attachment' || (filename !== undefined && !type.value.startsWith('text/'))) {
    into.attachments.push({ filename: filename ?? 'attachment', contentType: type.value, content: decodeBody(part) });
    return;
  }
  if (type.value === 'text/plain' && into.text === null) into.text = textOf(part);
  else if (type.value === 'text/html' && into.html === null) into.html = textOf(part);
  else if (type.value === 'text/calendar' && into.calendar === null)
    into.calendar = { method: type.parameters.get('method') ?? null, content: textOf(part) };
  else
    into.attachments.push({ filename: filename ?? 'attachment', contentType: type.value, content: decodeBody(part) });
}

/** The parts of a message Engage composed: text, HTML, calendar invitation and attachments, decoded. */
export function parseComposedMime(raw: Buffer): ParsedMime {
  const parsed: ParsedMime = { text: null, html: null, calendar: null, attachments: [] };
  const root = splitHeaders(raw);
  // The composer ends a message with a line break; inside a multipart it belongs to the delimiter, here to nothing.
  const end =
    root.body.length -
    (root.body.subarray(-2).toString('latin1') === '\r\n'
      ? 2
      : root.body.subarray(-1).toString('latin1') === '\n'
        ? 1
        : 0);
  walk({ headers: root.headers, body: root.body.subarray(0, end) }, parsed);
  return parsed;
}
