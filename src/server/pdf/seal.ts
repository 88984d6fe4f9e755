/**
 * The seal of a signed document: the sealing certificate (self-signed by node-forge, or read from a PKCS#12), the audit
 * page laid out by pdfkit in the document fonts and appended with pdf-lib, and the PKCS#7 detached signature over the
 * whole file. pdf-lib is used here only, to append pages and to sign.
 */
import {
  X509Certificate,
  constants,
  createPrivateKey,
  generateKeyPairSync,
  privateEncrypt,
  randomBytes,
} from 'node:crypto';
import { createRequire } from 'node:module';
import type * as Forge from 'node-forge';
import type { PDFDocument, PDFPage } from 'pdf-lib';
import type { DocumentLanguage } from './fonts';
import { createPdfDocument } from './pdf-document';

/** A private key and its certificate, PEM-encoded; `certificatePem` may continue with the issuing chain after the signer's own certificate. */
export interface SealCertificate {
  keyPem: string;
  certificatePem: string;
}

export interface AuditPage {
  /** The language of the notice printed for a value the document fonts cannot print; English when absent. */
  language?: DocumentLanguage;
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
    if (/password|MAC|decrypt/i.test(detail))
      throw new Error('The certificate file could not be opened: the password is wrong.', { cause: error });
    throw new Error(`The certificate file could not be read as PKCS#12: ${detail}`, { cause: error });
  }
  const keyBags = [
    ...(pfx.getBags({ bagType: forge.pki.oids.pkcs8ShroudedKeyBag! })[forge.pki.oids.pkcs8ShroudedKeyBag!] ?? []),
    ...(pfx.getBags({ bagType: forge.pki.oids.keyBag! })[forge.pki.oids.keyBag!] ?? []),
  ];
  if (keyBags.length === 0) throw new Error('The certificate file holds no private key.');
  const privateKey = keyBags[0]!.key;
  if (privateKey === undefined || privateKey === null)
    throw new Error('The certificate file holds a private key that is not RSA; only RSA keys are supported.');
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
 * Appends the audit page to `pdf` (in the embedded document fonts, see fonts.ts), writes `marker` into
 * the document information (readSealMarker finds it) and signs the whole file with the certificate (adbe.pkcs7.detached).
 * Throws when `pdf` is already signed, since the file is rewritten and that signature would break.
 */
export async function sealPdf(pdf: Buffer, input: SealPdfInput): Promise<Buffer> {
  if (!markerPattern.test(input.marker)) {
    throw new Error('A seal marker is printable ASCII without spaces, parentheses or backslashes.');
  }
  const [
    { PDFDocument: Document, PDFName, PDFString, PDFDict, PDFAcroSignature },
    { pdflibAddPlaceholder },
    { SignPdf },
    { Signer, SUBFILTER_ADOBE_PKCS7_DETACHED },
  ] = await Promise.all([
    import('pdf-lib'),
    import('@signpdf/placeholder-pdf-lib'),
    import('@signpdf/signpdf'),
    import('@signpdf/utils'),
  ]);

  const document = await Document.load(pdf, { updateMetadata: false });
  // pdf-lib writes the whole file anew, not as an incremental update: a signature already in it would no longer verify.
  const fields = document.catalog.getAcroForm()?.getAllFields() ?? [];
  if (fields.some(([field]) => field instanceof PDFAcroSignature && field.V() !== undefined)) {
    throw new Error('The PDF is already signed; sealing it would invalidate that signature.');
  }
  const firstAuditPage = await drawAuditPages(document, input.auditPage, input.signedAt);

  const context = document.context;
  let info =
    context.trailerInfo.Info === undefined ? undefined : context.lookupMaybe(context.trailerInfo.Info, PDFDict);
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
  if (bytes.length < 33 || !bytes.subarray(0, 8).equals(pngMagic) || bytes.toString('latin1', 12, 16) !== 'IHDR')
    return false;
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
  const chain = (certificate.certificatePem.match(certificateBlockPattern) ?? []).map((pem) =>
    forge.pki.certificateFromPem(pem),
  );
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
          attribute.valueTagClass === utf8Tag(forge) && typeof attribute.value === 'string'
            ? { ...attribute, value: forge.util.decodeUtf8(attribute.value) }
            : attribute,
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
const colours = { text: '#1f2933', muted: '#52606d' };

/** Where the drawn signature goes on the audit pages: pdfkit's coordinates, from the top left of the page. */
interface ImageBox {
  pageIndex: number;
  x: number;
  y: number;
  width: number;
  height: number;
}

/**
 * Draws the audit trail on new pages at the end of `document`; returns the first of them. The pages are laid out by
 * pdfkit in the document fonts, like every other PDF of Engage (pdf-lib's own font subsetting drops glyphs of Noto
 * Sans: the text extracts, but letters are missing on screen), and placed here as embedded pages. The drawn signature
 * is placed by pdf-lib, whose PNG decoder isDrawablePng checks; pdfkit's would throw outside any promise on a bad file.
 */
async function drawAuditPages(document: PDFDocument, audit: AuditPage, createdAt: Date): Promise<PDFPage> {
  const image = audit.signatureImage === undefined ? null : await document.embedPng(audit.signatureImage.png);
  const layout = await layOutAuditPages(audit, image, createdAt);
  const { PDFDocument: Document } = await import('pdf-lib');
  const laidOut = await Document.load(layout.pdf, { updateMetadata: false });
  await renameFontSubsets(laidOut, document);
  const embedded = await document.embedPdf(laidOut, layout.pageIndices);
  const pages = embedded.map((content) => {
    const page = document.addPage(pageSize);
    page.drawPage(content);
    return page;
  });
  if (image !== null && layout.imageBox !== null) {
    const box = layout.imageBox;
    pages[box.pageIndex]!.drawImage(image, {
      x: box.x,
      y: pageSize[1] - box.y - box.height,
      width: box.width,
      height: box.height,
    });
  }
  return pages[0]!;
}

// A subset font's name: six capital letters, a plus sign, the font's own name (ISO 32000-1, 9.6.4).
const subsetNamePattern = /^([A-Z]{6})\+(.+)$/s;
const fontNameKeys = ['BaseFont', 'FontName'] as const;

/**
 * Gives every subset font of `laidOut` (the audit pages) a subset tag that no font of `document` has, nor any other
 * font of `laidOut`. pdfkit derives the tag from its per-document font id (F1 is always "BZZZZZ"), so the audit page's
 * Noto Sans would carry the very names of the original's Noto Sans (two different subsets, `pdffonts` listing the name
 * twice), and a reader that takes two fonts of the same name for one extracts the text of a page through the other's
 * ToUnicode map: letters go missing or change.
 * The Type0 font, its CIDFont and its font descriptor keep one name between them. The tags are chosen in order, so
 * that the same input gives the same file.
 */
async function renameFontSubsets(laidOut: PDFDocument, document: PDFDocument): Promise<void> {
  const { PDFArray, PDFDict, PDFName, PDFStream } = await import('pdf-lib');
  /** Every dictionary of `context`, direct ones inside others included, with its subset-tagged font names. */
  const fontNames = (context: PDFDocument['context']) => {
    const found: { tag: string; name: string; rename: (tag: string) => void }[] = [];
    const visit = (object: unknown): void => {
      if (object instanceof PDFStream) visit(object.dict);
      else if (object instanceof PDFArray) for (const each of object.asArray()) visit(each);
      else if (object instanceof PDFDict) {
        for (const key of fontNameKeys) {
          const value = object.get(PDFName.of(key));
          const match = value instanceof PDFName ? subsetNamePattern.exec(value.decodeText()) : null;
          if (match === null) continue;
          const name = match[2]!;
          found.push({
            tag: match[1]!,
            name,
            rename: (tag) => object.set(PDFName.of(key), PDFName.of(`${tag}+${name}`)),
          });
        }
        for (const value of object.values()) visit(value);
      }
    };
    for (const [, object] of context.enumerateIndirectObjects()) visit(object);
    return found;
  };
  const renamed = fontNames(laidOut.context);
  const used = new Set([...fontNames(document.context), ...renamed].map((entry) => entry.tag));
  const tags = new Map<string, string>();
  let counter = 0;
  const freshTag = () => {
    for (;;) {
      let tag = '';
      for (let rest = counter, digit = 0; digit < 6; digit += 1, rest = Math.floor(rest / 26))
        tag = String.fromCharCode(65 + (rest % 26)) + tag;
      counter += 1;
      if (!used.has(tag)) {
        used.add(tag);
        return tag;
      }
    }
  };
  for (const entry of renamed) {
    const old = `${entry.tag}+${entry.name}`;
    let tag = tags.get(old);
    if (tag === undefined) {
      tag = freshTag();
      tags.set(old, tag);
    }
    entry.rename(tag);
  }
}

/** The audit pages as a PDF of their own, and the box the drawn signature is to fill. */
async function layOutAuditPages(audit: AuditPage, image: { width: number; height: number } | null, createdAt: Date) {
  const document = await createPdfDocument({
    size: pageSize,
    margins: { top: margin, left: margin, right: margin, bottom: margin },
    info: { CreationDate: createdAt },
    printLanguage: audit.language ?? 'en',
  });
  const { pdf, printable } = document;
  const footer = audit.footer === undefined ? null : printable(audit.footer);
  const width = pageSize[0] - 2 * margin;
  const footerBaseline = 28;
  // Content stops above the footer, which sits in the bottom margin unless it is long; pages that pdfkit starts itself,
  // when a long value flows on, take the same margin.
  const footerHeight = footer === null ? 0 : pdf.font('regular').fontSize(8).heightOfString(footer, { width });
  const bottomMargin = Math.max(margin, footerBaseline + footerHeight + 12);
  pdf.page.margins.bottom = bottomMargin;
  pdf.on('pageAdded', () => {
    pdf.page.margins.bottom = bottomMargin;
  });
  const ensureSpace = (height: number) => {
    if (pdf.y + height > pdf.page.height - pdf.page.margins.bottom) pdf.addPage();
  };
  const currentPageIndex = () => pdf.bufferedPageRange().count - 1;
  /** A label and its value side by side; a value longer than the page continues on the next one. */
  const row = (label: string, value: string, labelWidth: number) => {
    const shownLabel = printable(label);
    // The label stays on one page; its value may go on to the next.
    ensureSpace(
      Math.max(
        pdf
          .font('bold')
          .fontSize(9)
          .heightOfString(shownLabel, { width: labelWidth - 8 }),
        pdf.font('regular').currentLineHeight(true),
      ),
    );
    const y = pdf.y;
    const page = currentPageIndex();
    pdf
      .font('bold')
      .fillColor(colours.muted)
      .text(shownLabel, margin, y, { width: labelWidth - 8 });
    const labelBottom = pdf.y;
    pdf
      .font('regular')
      .fillColor(colours.text)
      .text(printable(value), margin + labelWidth, y, { width: width - labelWidth });
    pdf.y = (currentPageIndex() === page ? Math.max(pdf.y, labelBottom) : pdf.y) + 9 * 0.6;
    pdf.x = margin;
  };

  pdf.font('bold').fontSize(16).fillColor(colours.text).text(printable(audit.title), margin, pdf.y, { width });
  pdf.y += 12;
  for (const fact of audit.facts) row(fact.label, fact.value, 170);
  let imageBox: ImageBox | null = null;
  if (audit.signatureImage !== undefined && image !== null) {
    // As drawn, at most 240 × 90 points, never enlarged; a thin frame shows where the drawing area ended.
    const scale = Math.min(1, 240 / image.width, 90 / image.height);
    const [boxWidth, boxHeight] = [image.width * scale, image.height * scale];
    ensureSpace(boxHeight + 30);
    const top = pdf.y + 4;
    pdf
      .font('bold')
      .fontSize(9)
      .fillColor(colours.muted)
      .text(printable(audit.signatureImage.caption), margin, top, { width: 170 - 8 });
    const captionBottom = pdf.y;
    pdf
      .rect(margin + 170, top, boxWidth + 8, boxHeight + 8)
      .lineWidth(0.5)
      .strokeColor(colours.muted)
      .stroke();
    imageBox = { pageIndex: currentPageIndex(), x: margin + 174, y: top + 4, width: boxWidth, height: boxHeight };
    pdf.x = margin;
    pdf.y = Math.max(captionBottom, top + boxHeight + 8) + 14;
  }
  if (audit.events.length > 0) {
    pdf.y += 10;
    ensureSpace(40);
    pdf
      .font('bold')
      .fontSize(12)
      .fillColor(colours.text)
      .text(printable(audit.eventsHeading ?? 'Events'), margin, pdf.y, { width });
    pdf.y += 6;
    for (const event of audit.events) row(event.at, event.text, 130);
  }
  const range = pdf.bufferedPageRange();
  if (footer !== null) {
    for (let index = range.start; index < range.start + range.count; index += 1) {
      pdf.switchToPage(index);
      // Writing inside the bottom margin would otherwise make pdfkit start a new page.
      pdf.page.margins.bottom = 0;
      pdf
        .font('regular')
        .fontSize(8)
        .fillColor(colours.muted)
        .text(footer, margin, pdf.page.height - footerBaseline - footerHeight, { width });
    }
  }
  return { pdf: await document.end(), pageIndices: Array.from({ length: range.count }, (_, index) => index), imageBox };
}
