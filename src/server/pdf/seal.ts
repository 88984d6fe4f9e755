import { X509Certificate, constants, createPrivateKey, generateKeyPairSync, privateEncrypt, randomBytes } from 'node:crypto';
import { createRequire } from 'node:module';
import type * as Forge from 'node-forge';
import type { PDFDocument, PDFFont, PDFPage } from 'pdf-lib';

/** A private key and its certificate, PEM-encoded; `certificatePem` may continue with the issuing chain after the signer's own certificate. */
export interface SealCertificate {
  keyPem: string;
  certificatePem: string;
}

export interface AuditPage {
  title: string;
  facts: { label: string; value: string }[];
  /** Times already formatted by the caller. */
  events: { at: string; text: string }[];
  /** The signature as drawn by the signer (PNG), shown under the facts with this caption. */
  signatureImage?: { png: Uint8Array; caption: string };
  /** Heading above the events; "Events" when absent. */
  eventsHeading?: string;
  footer?: string;
}

export interface SealPdfInput {
  certificate: SealCertificate;
  /** Printable ASCII without parentheses or backslashes, e.g. "engage-seal:<uuid>". */
  marker: string;
  auditPage: AuditPage;
  signerName: string;
  reason: string;
  location: string;
  signedAt: Date;
}

// node-forge takes ~60 ms to load: required on first use, synchronously, so that the certificate functions stay sync.
const require = createRequire(import.meta.url);
let forgeModule: typeof Forge | undefined;
function loadForge(): typeof Forge {
  forgeModule ??= require('node-forge') as typeof Forge;
  return forgeModule;
}

const markerKey = 'EngageSeal';
// Printable ASCII except space, parentheses and backslash: a PDF literal string holds it as is.
const markerPattern = /^[\x21-\x27\x2a-\x5b\x5d-\x7e]+$/;
const certificateBlockPattern = /-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g;
// Room for a 4096-bit signature and a chain of a few certificates; the unused part stays zero-filled.
const signatureLength = 16_384;

/** A self-signed certificate for sealing, valid 10 years from `now`, subject CN=commonName, O=organisation. */
export function createSealCertificate(input: { commonName: string; organisation: string; now: Date }): SealCertificate {
  const forge = loadForge();
  // node:crypto generates the key in native code; node-forge's pure-JS generation takes seconds.
  const { privateKey: keyPem, publicKey: publicKeyPem } = generateKeyPairSync('rsa', {
    modulusLength: 2048,
    publicKeyEncoding: { type: 'spki', format: 'pem' },
    privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
  });
  const certificate = forge.pki.createCertificate();
  certificate.publicKey = forge.pki.publicKeyFromPem(publicKeyPem);
  const serial = randomBytes(16);
  serial[0] = (serial[0]! & 0x7f) | 0x01; // positive and without a leading zero byte, as DER wants
  certificate.serialNumber = serial.toString('hex');
  certificate.validity.notBefore = new Date(input.now);
  const notAfter = new Date(input.now);
  notAfter.setUTCFullYear(notAfter.getUTCFullYear() + 10);
  certificate.validity.notAfter = notAfter;
  const name: Forge.pki.CertificateField[] = [
    { shortName: 'CN', value: input.commonName, valueTagClass: utf8Tag(forge) },
    { shortName: 'O', value: input.organisation, valueTagClass: utf8Tag(forge) },
  ];
  certificate.setSubject(name);
  certificate.setIssuer(name);
  certificate.setExtensions([
    { name: 'basicConstraints', cA: false },
    { name: 'keyUsage', digitalSignature: true, nonRepudiation: true },
    { name: 'subjectKeyIdentifier' },
  ]);
  certificate.sign(nativeRsaKey(keyPem) as unknown as Forge.pki.rsa.PrivateKey, forge.md.sha256.create());
  return { keyPem, certificatePem: forge.pki.certificateToPem(certificate) };
}

/** Reads a PKCS#12 file (the configured certificate) into PEMs; throws an Error whose message says what is wrong (bad password, no key, no certificate). */
export function sealCertificateFromP12(p12: Buffer, password: string): SealCertificate {
  const forge = loadForge();
  let asn1: Forge.asn1.Asn1;
  try {
    asn1 = forge.asn1.fromDer(forge.util.createBuffer(p12.toString('binary')));
  } catch (error) {
    throw new Error('The certificate file is not a PKCS#12 (.p12/.pfx) file.', { cause: error });
  }
  let pfx: Forge.pkcs12.Pkcs12Pfx;
  try {
    pfx = forge.pkcs12.pkcs12FromAsn1(asn1, false, password);
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    // node-forge says "PKCS#12 MAC could not be verified. Invalid password?" or fails to decrypt a bag.
    if (/password|MAC|decrypt/i.test(detail)) throw new Error('The certificate file could not be opened: the password is wrong.', { cause: error });
    throw new Error(`The certificate file could not be read as PKCS#12: ${detail}`, { cause: error });
  }
  const keyBags = [
    ...(pfx.getBags({ bagType: forge.pki.oids.pkcs8ShroudedKeyBag! })[forge.pki.oids.pkcs8ShroudedKeyBag!] ?? []),
    ...(pfx.getBags({ bagType: forge.pki.oids.keyBag! })[forge.pki.oids.keyBag!] ?? []),
  ];
  if (keyBags.length === 0) throw new Error('The certificate file holds no private key.');
  const privateKey = keyBags[0]!.key;
  if (privateKey === undefined || privateKey === null) throw new Error('The certificate file holds a private key that is not RSA; only RSA keys are supported.');
  const certificates = (pfx.getBags({ bagType: forge.pki.oids.certBag! })[forge.pki.oids.certBag!] ?? [])
    .map((bag) => bag.cert)
    .filter((certificate): certificate is Forge.pki.Certificate => certificate !== undefined && certificate !== null);
  if (certificates.length === 0) throw new Error('The certificate file holds no certificate.');
  const signer = certificates.find((certificate) => {
    const publicKey = certificate.publicKey as Forge.pki.rsa.PublicKey;
    return publicKey.n !== undefined && publicKey.n.equals(privateKey.n) && publicKey.e.equals(privateKey.e);
  });
  if (signer === undefined) throw new Error('The certificate file holds no certificate for its private key.');
  const keyPem = forge.pki.privateKeyInfoToPem(forge.pki.wrapRsaPrivateKey(forge.pki.privateKeyToAsn1(privateKey)));
  const chain = [signer, ...certificates.filter((certificate) => certificate !== signer)];
  return { keyPem, certificatePem: chain.map((certificate) => forge.pki.certificateToPem(certificate)).join('') };
}

/** SHA-256 fingerprint of the (first) certificate, upper-case hex pairs joined by ':'. */
export function certificateFingerprint(certificatePem: string): string {
  return new X509Certificate(certificatePem).fingerprint256;
}

/**
 * Appends the audit page to `pdf` (standard Helvetica; characters outside WinAnsi become '?'), writes `marker` into
 * the document information (readSealMarker finds it) and signs the whole file with the certificate (adbe.pkcs7.detached).
 * Throws when `pdf` is already signed, since the file is rewritten and that signature would break.
 */
export async function sealPdf(pdf: Buffer, input: SealPdfInput): Promise<Buffer> {
  if (!markerPattern.test(input.marker)) {
    throw new Error('A seal marker is printable ASCII without spaces, parentheses or backslashes.');
  }
  const [{ PDFDocument: Document, PDFName, PDFString, PDFDict, PDFAcroSignature }, { pdflibAddPlaceholder }, { SignPdf }, { Signer, SUBFILTER_ADOBE_PKCS7_DETACHED }] =
    await Promise.all([import('pdf-lib'), import('@signpdf/placeholder-pdf-lib'), import('@signpdf/signpdf'), import('@signpdf/utils')]);

  const document = await Document.load(pdf, { updateMetadata: false });
  // pdf-lib writes the whole file anew, not as an incremental update: a signature already in it would no longer verify.
  const fields = document.catalog.getAcroForm()?.getAllFields() ?? [];
  if (fields.some(([field]) => field instanceof PDFAcroSignature && field.V() !== undefined)) {
    throw new Error('The PDF is already signed; sealing it would invalidate that signature.');
  }
  const firstAuditPage = await drawAuditPages(document, input.auditPage);

  const context = document.context;
  let info = context.trailerInfo.Info === undefined ? undefined : context.lookupMaybe(context.trailerInfo.Info, PDFDict);
  if (info === undefined) {
    info = context.obj({});
    context.trailerInfo.Info = context.register(info);
  }
  // Literal strings, not pdf-lib's UTF-16 hex, so that the marker can be found in the bytes.
  info.set(PDFName.of('Keywords'), PDFString.of(input.marker));
  info.set(PDFName.of(markerKey), PDFString.of(input.marker));
  info.set(PDFName.of('ModDate'), PDFString.fromDate(input.signedAt));

  pdflibAddPlaceholder({
    pdfDoc: document,
    pdfPage: firstAuditPage,
    // pdf-lib writes these strings verbatim: escaped here.
    reason: pdfTextString(input.reason),
    contactInfo: '',
    name: pdfTextString(input.signerName),
    location: pdfTextString(input.location),
    signingTime: input.signedAt,
    signatureLength,
    subFilter: SUBFILTER_ADOBE_PKCS7_DETACHED,
    appName: 'Engage',
  });
  const unsigned = Buffer.from(await document.save({ useObjectStreams: false }));
  const certificate = input.certificate;
  class SealSigner extends Signer {
    override async sign(content: Buffer, signingTime?: Date): Promise<Buffer> {
      return signDetached(content, certificate, signingTime ?? input.signedAt);
    }
  }
  return new SignPdf().sign(unsigned, new SealSigner(), input.signedAt);
}

const pngMagic = Buffer.from('89504e470d0a1a0a', 'hex');
/** Larger than any signature pad at any pixel ratio, small enough to decode: a few kilobytes of PNG can declare gigapixels. */
const maxSignaturePixels = 4_000_000;

/**
 * Whether `png` is a PNG image the audit page can show: its header names at most 4096 pixels across, 2048 down and
 * 4 million in all (read before anything is decoded), and pdf-lib decodes it as sealing will. False for anything else.
 */
export async function isDrawablePng(png: Uint8Array): Promise<boolean> {
  const bytes = Buffer.from(png.buffer, png.byteOffset, png.byteLength);
  if (bytes.length < 33 || !bytes.subarray(0, 8).equals(pngMagic) || bytes.toString('latin1', 12, 16) !== 'IHDR') return false;
  const [width, height] = [bytes.readUInt32BE(16), bytes.readUInt32BE(20)];
  if (width === 0 || height === 0 || width > 4096 || height > 2048 || width * height > maxSignaturePixels) return false;
  const { PDFDocument: Document } = await import('pdf-lib');
  try {
    await (await Document.create()).embedPng(png);
    return true;
  } catch {
    return false;
  }
}

/** The marker written by sealPdf, or null; the last one when the file was updated incrementally. */
export function readSealMarker(pdf: Buffer): string | null {
  const text = pdf.toString('latin1');
  let marker: string | null = null;
  for (const match of text.matchAll(/\/EngageSeal\s*\(([\x21-\x27\x2a-\x5b\x5d-\x7e]+)\)/g)) marker = match[1] ?? null;
  return marker;
}

/**
 * A detached PKCS#7 SignedData over `content`, as @signpdf's P12Signer builds it (SHA-256; content type, signing time
 * and message digest as signed attributes, in the order EU validators expect), from PEMs instead of a PKCS#12 file.
 */
function signDetached(content: Buffer, certificate: SealCertificate, signingTime: Date): Buffer {
  const forge = loadForge();
  const chain = (certificate.certificatePem.match(certificateBlockPattern) ?? []).map((pem) => forge.pki.certificateFromPem(pem));
  const signer = chain[0];
  if (signer === undefined) throw new Error('The seal certificate holds no PEM certificate.');
  const signedData = forge.pkcs7.createSignedData();
  signedData.content = forge.util.createBuffer(content.toString('binary'));
  for (const each of chain) signedData.addCertificate(each);
  signedData.addSigner({
    key: nativeRsaKey(certificate.keyPem) as unknown as Forge.pki.rsa.PrivateKey,
    // node-forge keeps a parsed UTF8String name as UTF-8 bytes and encodes them again when it writes the signer's
    // issuer: "Città" would no longer match the certificate and verifiers would not find the signer's certificate.
    // addSigner reads only the issuer and the serial number of the certificate it is given.
    certificate: {
      ...signer,
      issuer: {
        ...signer.issuer,
        attributes: signer.issuer.attributes.map((attribute) =>
          attribute.valueTagClass === utf8Tag(forge) && typeof attribute.value === 'string' ? { ...attribute, value: forge.util.decodeUtf8(attribute.value) } : attribute,
        ),
      },
    },
    digestAlgorithm: forge.pki.oids.sha256!,
    authenticatedAttributes: [
      { type: forge.pki.oids.contentType!, value: forge.pki.oids.data! },
      { type: forge.pki.oids.signingTime!, value: signingTime as unknown as string },
      { type: forge.pki.oids.messageDigest! },
    ],
  });
  signedData.sign({ detached: true });
  return Buffer.from(forge.asn1.toDer(signedData.toAsn1()).getBytes(), 'binary');
}

/** UTF8String's tag, which @types/node-forge types as a class where node-forge takes a tag. */
function utf8Tag(forge: typeof Forge): Forge.asn1.Class {
  return forge.asn1.Type.UTF8 as number;
}

// DER prefix of a PKCS#1 v1.5 DigestInfo for SHA-256 (RFC 8017, section 9.2, note 1).
const sha256DigestInfoPrefix = Buffer.from('3031300d060960864801650304020105000420', 'hex');

/**
 * A stand-in for node-forge's RSA private key that signs with node:crypto: node-forge calls `sign(md)` with a SHA-256
 * digest and expects the PKCS#1 v1.5 signature as a binary string. Pure-JS RSA would block the event loop for ~150 ms.
 */
function nativeRsaKey(keyPem: string): { sign(md: Forge.md.MessageDigest): string } {
  const key = createPrivateKey(keyPem);
  return {
    sign(md) {
      if (md.algorithm !== 'sha256') throw new Error(`Only SHA-256 signatures are made, not ${md.algorithm}.`);
      const digestInfo = Buffer.concat([sha256DigestInfoPrefix, Buffer.from(md.digest().getBytes(), 'binary')]);
      return privateEncrypt({ key, padding: constants.RSA_PKCS1_PADDING }, digestInfo).toString('binary');
    },
  };
}

/** The inside of a PDF literal text string: escaped ASCII, or UTF-16BE with a byte-order mark written as octal escapes. */
function pdfTextString(text: string): string {
  if (/^[\x20-\x7e]*$/.test(text)) return text.replace(/[()\\]/g, (character) => `\\${character}`);
  const bytes = Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(text, 'utf16le').swap16()]);
  return [...bytes].map((byte) => `\\${byte.toString(8).padStart(3, '0')}`).join('');
}

const pageSize: [number, number] = [595.28, 841.89];
const margin = 56;
const colours = { text: [0.12, 0.16, 0.2], muted: [0.32, 0.38, 0.43] } as const;

/** Draws the audit trail on new pages at the end of `document`; returns the first of them. */
async function drawAuditPages(document: PDFDocument, audit: AuditPage): Promise<PDFPage> {
  const { StandardFonts, rgb } = await import('pdf-lib');
  const regular = await document.embedFont(StandardFonts.Helvetica);
  const bold = await document.embedFont(StandardFonts.HelveticaBold);
  const text = rgb(...colours.text);
  const muted = rgb(...colours.muted);
  const width = pageSize[0] - 2 * margin;
  const footerLines = audit.footer === undefined ? [] : wrapText(audit.footer, regular, 8, width);
  const footerBaseline = 28;
  // Content stops above the footer, which sits in the bottom margin unless it is long.
  const bottom = Math.max(margin, footerBaseline + footerLines.length * 10 + 12);

  const pages: PDFPage[] = [];
  let page: PDFPage = document.addPage(pageSize);
  pages.push(page);
  let y = pageSize[1] - margin;
  const ensureRoom = (height: number) => {
    if (y - height >= bottom) return;
    page = document.addPage(pageSize);
    pages.push(page);
    y = pageSize[1] - margin;
  };
  /** Two columns, line by line, so that a value longer than a page continues on the next one. */
  const drawRow = (left: string, right: string, leftWidth: number, size: number) => {
    const leftLines = wrapText(left, bold, size, leftWidth - 8);
    const rightLines = wrapText(right, regular, size, width - leftWidth);
    const lineHeight = size * 1.35;
    for (let index = 0; index < Math.max(leftLines.length, rightLines.length); index += 1) {
      ensureRoom(lineHeight);
      y -= lineHeight;
      const leftLine = leftLines[index];
      const rightLine = rightLines[index];
      if (leftLine !== undefined) page.drawText(leftLine, { x: margin, y, size, font: bold, color: muted });
      if (rightLine !== undefined) page.drawText(rightLine, { x: margin + leftWidth, y, size, font: regular, color: text });
    }
    y -= size * 0.6;
  };

  for (const line of wrapText(audit.title, bold, 16, width)) {
    ensureRoom(22);
    y -= 22;
    page.drawText(line, { x: margin, y, size: 16, font: bold, color: text });
  }
  y -= 12;
  for (const fact of audit.facts) drawRow(fact.label, fact.value, 170, 9);
  if (audit.signatureImage !== undefined) {
    const image = await document.embedPng(audit.signatureImage.png);
    // As drawn, at most 240 × 90 points, never enlarged; a thin frame shows where the drawing area ended.
    const scale = Math.min(1, 240 / image.width, 90 / image.height);
    const [boxWidth, boxHeight] = [image.width * scale, image.height * scale];
    ensureRoom(boxHeight + 30);
    y -= 13;
    page.drawText(wrapText(audit.signatureImage.caption, bold, 9, width)[0] ?? '', { x: margin, y, size: 9, font: bold, color: muted });
    y -= boxHeight + 8;
    page.drawRectangle({ x: margin + 170, y: y - 4, width: boxWidth + 8, height: boxHeight + 8, borderColor: muted, borderWidth: 0.5 });
    page.drawImage(image, { x: margin + 174, y, width: boxWidth, height: boxHeight });
    y -= 14;
  }
  if (audit.events.length > 0) {
    y -= 10;
    ensureRoom(40);
    y -= 16;
    page.drawText(wrapText(audit.eventsHeading ?? 'Events', bold, 12, width)[0] ?? '', { x: margin, y, size: 12, font: bold, color: text });
    y -= 6;
    for (const event of audit.events) drawRow(event.at, event.text, 130, 9);
  }
  for (const each of pages) {
    footerLines.forEach((line, index) => {
      each.drawText(line, { x: margin, y: footerBaseline + (footerLines.length - 1 - index) * 10, size: 8, font: regular, color: muted });
    });
  }
  return pages[0]!;
}

/** Lines of at most `width` points; paragraphs break at newlines, words longer than a line break anywhere. */
function wrapText(value: string, font: PDFFont, size: number, width: number): string[] {
  const supported = new Set(font.getCharacterSet());
  const lines: string[] = [];
  for (const paragraph of value.split(/\r\n|\r|\n/)) {
    const clean = [...paragraph]
      .map((character) => (/\s/.test(character) ? ' ' : supported.has(character.codePointAt(0)!) ? character : '?'))
      .join('');
    let line = '';
    for (const word of clean.split(' ')) {
      const candidate = line === '' ? word : `${line} ${word}`;
      if (font.widthOfTextAtSize(candidate, size) <= width) {
        line = candidate;
        continue;
      }
      if (line !== '') lines.push(line);
      line = '';
      for (const character of word) {
        if (line !== '' && font.widthOfTextAtSize(line + character, size) > width) {
          lines.push(line);
          line = '';
        }
        line += character;
      }
    }
    lines.push(line);
  }
  return lines;
}
