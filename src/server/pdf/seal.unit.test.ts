import { execFileSync } from 'node:child_process';
import { X509Certificate, createPrivateKey, randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import forge from 'node-forge';
import PDFKitDocument from 'pdfkit';
import { PDFDocument } from 'pdf-lib';
import { beforeAll, describe, expect, it } from 'vitest';
import { createPdfDocument } from './pdf-document';
import {
  assertPdfToolsAvailable,
  findWordsWithoutInk,
  runPdfsig,
  runPdftotext,
  shouldSkipPdfToolTests,
} from './pdf-tools';
import {
  type AuditPage,
  type SealCertificate,
  certificateFingerprint,
  createSealCertificate,
  isDrawablePng,
  readSealMarker,
  sealCertificateFromP12,
  sealPdf,
} from './seal';

const now = new Date('2026-03-02T09:30:00Z');
const signedAt = new Date('2026-03-02T10:15:00Z');

// One key pair for the file: generating a 2048-bit key takes up to a second on a busy machine.
const certificate = createSealCertificate({ commonName: 'Engage Città', organisation: 'Acme Servizi Srl', now });

/** A one-page PDF from pdfkit, uncompressed so that a test can find and change a byte of its text. */
function renderOriginal(): Promise<Buffer> {
  const pdf = new PDFKitDocument({ size: 'A4', compress: false });
  const chunks: Buffer[] = [];
  pdf.on('data', (chunk: Buffer) => chunks.push(chunk));
  const finished = new Promise<Buffer>((resolve) => pdf.on('end', () => resolve(Buffer.concat(chunks))));
  pdf.font('Helvetica').fontSize(14).text('Città àèìòù');
  pdf.end();
  return finished;
}

const onePixelPng = Buffer.from(
  '89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63f8ffff3f0005fe02fea7d6a4a80000000049454e44ae426082',
  'hex',
);

const auditPage: AuditPage = {
  language: 'en',
  title: 'Signature audit trail',
  facts: [
    { label: 'Document', value: 'Terms and conditions' },
    { label: 'Version', value: '3' },
    { label: 'Signer', value: 'Łukasz 日本 Rossi' },
    { label: 'SHA-256 of the document as signed', value: 'a'.repeat(200) },
  ],
  events: [
    { at: '2026-03-02 10:14:58 UTC', text: 'Consent given by the signer' },
    { at: '2026-03-02 10:15:00 UTC', text: 'Document sealed' },
  ],
  footer: 'Sealed by Engage for Acme Servizi Srl',
};

function seal(pdf: Buffer, overrides: Partial<Parameters<typeof sealPdf>[1]> = {}): Promise<Buffer> {
  return sealPdf(pdf, {
    certificate,
    marker: `engage-seal:${randomUUID()}`,
    auditPage,
    signerName: 'Mario Rossi',
    reason: 'Accepted (terms and conditions)',
    location: 'Milano',
    signedAt,
    ...overrides,
  });
}

function signedRange(pdf: Buffer): [number, number, number, number] {
  const match = /\/ByteRange\s*\[\s*(\d+)\s+(\d+)\s+(\d+)\s+(\d+)\s*\]/.exec(pdf.toString('latin1'));
  if (match === null) throw new Error('No /ByteRange in the sealed PDF.');
  return [Number(match[1]), Number(match[2]), Number(match[3]), Number(match[4])];
}

describe('the seal certificate', () => {
  it('is self-signed for ten years with the instance as its subject', () => {
    const x509 = new X509Certificate(certificate.certificatePem);
    expect(x509.subject).toBe('CN=Engage Città\nO=Acme Servizi Srl');
    expect(x509.issuer).toBe(x509.subject);
    expect(new Date(x509.validFrom).toISOString()).toBe('2026-03-02T09:30:00.000Z');
    expect(new Date(x509.validTo).toISOString()).toBe('2036-03-02T09:30:00.000Z');
    expect(x509.checkPrivateKey(createPrivateKey(certificate.keyPem))).toBe(true);
    expect(certificateFingerprint(certificate.certificatePem)).toMatch(/^([0-9A-F]{2}:){31}[0-9A-F]{2}$/);
  });

  describe('from a PKCS#12 file', () => {
    const toP12 = (key: forge.pki.rsa.PrivateKey | null, password: string) =>
      Buffer.from(
        forge.asn1
          .toDer(
            forge.pkcs12.toPkcs12Asn1(key, [forge.pki.certificateFromPem(certificate.certificatePem)], password, {
              algorithm: '3des',
            }),
          )
          .getBytes(),
        'binary',
      );
    const privateKey = () => forge.pki.privateKeyFromPem(certificate.keyPem);

    it('reads back the key and the certificate it was made from', () => {
      const read: SealCertificate = sealCertificateFromP12(toP12(privateKey(), 'correct horse'), 'correct horse');
      expect(certificateFingerprint(read.certificatePem)).toBe(certificateFingerprint(certificate.certificatePem));
      expect(createPrivateKey(read.keyPem).export({ type: 'pkcs8', format: 'pem' })).toBe(
        createPrivateKey(certificate.keyPem).export({ type: 'pkcs8', format: 'pem' }),
      );
    });

    it('says so when the password is wrong', () => {
      expect(() => sealCertificateFromP12(toP12(privateKey(), 'correct horse'), 'battery staple')).toThrow(
        'The certificate file could not be opened: the password is wrong.',
      );
    });

    it('says so when the file holds no key', () => {
      expect(() => sealCertificateFromP12(toP12(null, 'correct horse'), 'correct horse')).toThrow(
        'The certificate file holds no private key.',
      );
    });

    it('says so when the file is not PKCS#12', () => {
      expect(() => sealCertificateFromP12(Buffer.from('-----BEGIN CERTIFICATE-----\n'), 'x')).toThrow(
        'The certificate file is not a PKCS#12 (.p12/.pfx) file.',
      );
    });
  });
});

describe('the seal marker', () => {
  it('is found in a sealed PDF and nowhere else', async () => {
    const original = await renderOriginal();
    const marker = `engage-seal:${randomUUID()}`;
    expect(readSealMarker(await seal(original, { marker }))).toBe(marker);
    expect(readSealMarker(original)).toBeNull();
    expect(readSealMarker(randomBytes(4096))).toBeNull();
    expect(readSealMarker(Buffer.alloc(0))).toBeNull();
  });

  it('is not added to a PDF that is already signed, whose signature rewriting would break', async () => {
    await expect(seal(await seal(await renderOriginal()))).rejects.toThrow(
      'The PDF is already signed; sealing it would invalidate that signature.',
    );
  });

  it('must be printable ASCII that a PDF string holds as is', async () => {
    await expect(seal(await renderOriginal(), { marker: 'engage-seal:(1)' })).rejects.toThrow(
      'A seal marker is printable ASCII',
    );
  });
});

describe('sealing', () => {
  it('gives the same bytes for the same input', async () => {
    const original = await renderOriginal();
    const marker = `engage-seal:${randomUUID()}`;
    expect((await seal(original, { marker })).equals(await seal(original, { marker }))).toBe(true);
  });
});

describe('the audit page', () => {
  it('takes characters outside the fonts and unbroken long values, and continues on further pages', async () => {
    const events = Array.from({ length: 150 }, (_, index) => ({
      at: `2026-03-02 10:${String(index % 60).padStart(2, '0')} UTC`,
      text: `Event ${index} 日本 ${'b'.repeat(index)}`,
    }));
    const sealed = await seal(await renderOriginal(), {
      signerName: 'Łukasz 日本',
      auditPage: { ...auditPage, events },
    });
    expect((await PDFDocument.load(sealed)).getPageCount()).toBeGreaterThan(3);
  });

  it('shows the drawn signature as an image, and no image when the signature was typed', async () => {
    const images = (pdf: Buffer) => [...pdf.toString('latin1').matchAll(/\/Subtype\s*\/Image\b/g)].length;
    const original = await renderOriginal();
    expect(images(await seal(original))).toBe(0);
    const drawn = await seal(original, {
      auditPage: { ...auditPage, signatureImage: { png: onePixelPng, caption: 'Drawn signature' } },
    });
    // The image and its transparency (a soft mask, itself an image): the pad draws on a transparent background.
    expect(images(drawn)).toBe(2);
    expect(drawn.toString('latin1')).toMatch(/\/Width 1\b[\s\S]*?\/Height 1\b|\/Height 1\b[\s\S]*?\/Width 1\b/);
  });
});

describe('a drawn signature', () => {
  it('is accepted only when it decodes as a PNG image', async () => {
    expect(await isDrawablePng(onePixelPng)).toBe(true);
    expect(await isDrawablePng(Buffer.from('not an image at all'))).toBe(false);
    expect(await isDrawablePng(onePixelPng.subarray(0, 40))).toBe(false);
    expect(await isDrawablePng(Buffer.alloc(0))).toBe(false);
  });

  it('is refused, before anything is decoded, when its header declares more pixels than any pad draws', async () => {
    // The one-pixel PNG's header claiming 30,000 × 30,000: decoded, that would be 3.6 GB of pixels.
    const bomb = Buffer.from(onePixelPng);
    bomb.writeUInt32BE(30_000, 16);
    bomb.writeUInt32BE(30_000, 20);
    expect(await isDrawablePng(bomb)).toBe(false);
  });
});

const skipPdfTools = shouldSkipPdfToolTests({
  required: process.env.ENGAGE_PDF_TOOLS === '1' || process.env.CI === 'true',
  suite: 'the seal checks with poppler (src/server/pdf/seal.unit.test.ts)',
});

describe.skipIf(skipPdfTools)('a sealed PDF, checked with poppler', { timeout: 30_000 }, () => {
  let sealed: Buffer;
  beforeAll(async () => {
    assertPdfToolsAvailable();
    sealed = await seal(await renderOriginal());
  }, 30_000);

  it('carries one valid signature over the whole file', async () => {
    const report = await runPdfsig(sealed);
    expect(report).toContain('Signature #1:');
    expect(report).not.toContain('Signature #2:');
    expect(report).toContain('  - Signer Certificate Common Name: Engage Città\n');
    expect(report).toContain('  - Signing Hash Algorithm: SHA-256\n');
    expect(report).toContain('  - Signature Type: adbe.pkcs7.detached\n');
    expect(report).toContain('  - Total document signed\n');
    expect(report).toContain('  - Signature Validation: Signature is Valid.\n');
    const [start, firstLength, secondStart, secondLength] = signedRange(sealed);
    expect(start).toBe(0);
    expect(secondStart + secondLength).toBe(sealed.length);
    expect(report).toContain(`  - Signed Ranges: [0 - ${firstLength}], [${secondStart} - ${sealed.length}]\n`);
  });

  it('shows the original text and then the audit page', async () => {
    const text = await runPdftotext(sealed);
    expect(text).toContain('Città àèìòù');
    for (const expected of [
      'Signature audit trail',
      'Terms and conditions',
      'Consent given by the signer',
      '2026-03-02 10:15:00 UTC',
      'Sealed by Engage for Acme Servizi Srl',
    ]) {
      expect(text).toContain(expected);
    }
    // 'Łukasz 日本 Rossi': the Chinese characters are outside the document fonts, so the name is not printed in part.
    expect(text).toMatch(/Signer\s+\[could not be printed: characters outside the document font\]/);
    expect(text).not.toContain('?');
    expect(text.indexOf('Città àèìòù')).toBeLessThan(text.indexOf('Signature audit trail'));
    // The 200-character value wraps over several lines, all of it there.
    expect(text.replace(/\s+/g, '')).toContain('a'.repeat(200));
  });

  it('prints Latin, Greek and Cyrillic names exactly on the audit page, and stays valid over the whole file', async () => {
    const names = ['Łukasz Dvořák', 'Şahin Öztürk', 'Αλέξανδρος Παπαδόπουλος', 'Дмитрий Иванов'];
    const signed = await seal(await renderOriginal(), {
      signerName: names[2],
      auditPage: {
        ...auditPage,
        facts: [
          ...names.map((name) => ({ label: 'Signer', value: name })),
          { label: 'Organisation', value: 'Şahin Öztürk İnşaat A.Ş.' },
          // One word per letter, so that a letter whose glyph is missing from the embedded font is a word without ink.
          { label: 'Letters', value: [...names.join('')].filter((letter) => letter !== ' ').join(' ') },
        ],
        events: names.map((name) => ({ at: '2026-03-02 10:15:00 UTC', text: `Signed electronically: ${name}` })),
      },
    });
    // Runs of white space collapsed: pdftotext puts a label and its value on lines of their own.
    const text = (await runPdftotext(signed)).replace(/\s+/g, ' ');
    for (const name of names) {
      expect(text).toContain(`Signer ${name}`);
      expect(text).toContain(`Signed electronically: ${name}`);
    }
    expect(text).toContain('Şahin Öztürk İnşaat A.Ş.');
    expect(text).not.toContain('?');
    // The original is one page: the audit page is the second.
    expect(await findWordsWithoutInk(signed, 2)).toEqual([]);
    const report = await runPdfsig(signed);
    expect(report).toContain('  - Total document signed\n');
    expect(report).toContain('  - Signature Validation: Signature is Valid.\n');
  });

  it('says in the document’s language that a name outside the fonts could not be printed', async () => {
    const text = await runPdftotext(
      await seal(await renderOriginal(), {
        auditPage: { ...auditPage, language: 'it', facts: [{ label: 'Firmatario', value: '王小明 😀' }] },
      }),
    );
    expect(text).toMatch(/Firmatario\s+\[non stampabile: caratteri assenti dal font del documento\]/);
    expect(text).not.toContain('?');
  });

  it('is no longer valid once a byte of the original content changes', async () => {
    const tampered = Buffer.from(sealed);
    // The hex string pdfkit wrote for "Città àèìòù": change its last digit, so the file still parses.
    const textEnd = tampered.indexOf('> 0] TJ', 0, 'latin1');
    expect(textEnd).toBeGreaterThan(0);
    expect(textEnd).toBeLessThan(signedRange(sealed)[1]);
    tampered[textEnd - 1] = tampered[textEnd - 1] === 0x30 ? 0x31 : 0x30;
    const report = await runPdfsig(tampered);
    expect(report).toContain('  - Signature Validation: Digest Mismatch.\n');
    expect(report).not.toContain('Signature is Valid.');
  });

  it('takes the certificate read from a PKCS#12 file', async () => {
    const p12 = Buffer.from(
      forge.asn1
        .toDer(
          forge.pkcs12.toPkcs12Asn1(
            forge.pki.privateKeyFromPem(certificate.keyPem),
            [forge.pki.certificateFromPem(certificate.certificatePem)],
            'secret',
            { algorithm: '3des' },
          ),
        )
        .getBytes(),
      'binary',
    );
    const report = await runPdfsig(
      await seal(await renderOriginal(), { certificate: sealCertificateFromP12(p12, 'secret') }),
    );
    expect(report).toContain('  - Signature Validation: Signature is Valid.\n');
  });
});

/** The font names `pdffonts` lists for a file, one per font object. */
function fontNames(pdf: Buffer): string[] {
  const directory = mkdtempSync(join(tmpdir(), 'engage-seal-fonts-'));
  try {
    const file = join(directory, 'document.pdf');
    writeFileSync(file, pdf);
    // Two header lines, then one font a line, its name first.
    return execFileSync('pdffonts', [file], { encoding: 'utf8' })
      .split('\n')
      .slice(2)
      .map((line) => line.split(/\s+/)[0]!)
      .filter((name) => name !== '');
  } finally {
    rmSync(directory, { recursive: true, force: true });
  }
}

describe.skipIf(skipPdfTools)('a sealed PDF whose original is in the document fonts too', { timeout: 30_000 }, () => {
  const words = ['Prüfseite der Unterschrift', 'Unterschrift Übergabe UAT Ursula', 'Umfang', 'ÄÖÜ QXYZ JVW'];
  let sealed: Buffer;
  beforeAll(async () => {
    assertPdfToolsAvailable();
    // Laid out as Engage's documents are, in Noto Sans: pdfkit names its first font's subset "BZZZZZ+…" in the
    // original as on the audit page, regular first here as there.
    const original = await createPdfDocument({
      size: 'A4',
      margins: { top: 56, bottom: 56, left: 56, right: 56 },
      info: { CreationDate: now },
      lang: 'de',
      printLanguage: 'de',
    });
    original.pdf
      .font('regular')
      .fontSize(11)
      .text(`Abnahme: ${words.join(' · ')}`);
    original.pdf.font('bold').fontSize(16).text(words.join(' · '));
    sealed = await seal(await original.end(), {
      signerName: 'Ursula Übel',
      auditPage: {
        language: 'de',
        title: words[0]!,
        facts: words.map((value) => ({ label: 'Umfang', value })),
        eventsHeading: 'Ereignisse',
        events: [{ at: '2026-03-02 10:15:00 UTC', text: `Unterschrieben: ${words[1]}` }],
        footer: `Versiegelt: ${words.join(' · ')}`,
      },
    });
  }, 30_000);

  it('gives the audit page’s fonts names of their own', () => {
    const names = fontNames(sealed);
    // Regular and bold in the original, and again on the audit page.
    expect(names).toHaveLength(4);
    expect(names.filter((name, index) => names.indexOf(name) !== index)).toEqual([]);
    for (const name of names) expect(name).toMatch(/^[A-Z]{6}\+NotoSans-(Regular|Bold)$/);
  });

  it('extracts every capital letter of the original and of the audit page', async () => {
    // pdftotext ends each page with a form feed: the original, the audit page, nothing after.
    const pages = (await runPdftotext(sealed)).split('\f').map((page) => page.replace(/\s+/g, ' '));
    expect(pages).toHaveLength(3);
    for (const page of pages.slice(0, 2)) for (const word of words) expect(page).toContain(word);
    expect(pages[1]).toContain('Unterschrieben: Unterschrift Übergabe UAT Ursula');
    expect(pages[1]).toContain('Versiegelt: Prüfseite der Unterschrift');
    const report = await runPdfsig(sealed);
    expect(report).toContain('  - Total document signed\n');
    expect(report).toContain('  - Signature Validation: Signature is Valid.\n');
  });
});
