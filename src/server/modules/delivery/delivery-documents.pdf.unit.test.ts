import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findWordsWithoutInk } from '../../pdf/pdf-tools';
import { type ActivityReportInput, renderActivityReportPdf } from './activity-report.pdf';
import type { DocumentHeader } from './delivery-document.pdf';
import { type DossierInput, renderDossierPdf } from './dossier.pdf';
import { type UatDocumentInput, renderUatPdf } from './uat-document.pdf';

const header: DocumentHeader = {
  vendorName: 'Acme Telecom Software',
  language: 'en',
  createdAt: new Date('2026-03-14T10:00:00Z'),
  projectReference: 'PRJ-2026-0042',
  projectName: 'Contact centre for Città Nuova',
  customerName: 'Comune di Città Nuova',
  partnerName: 'Rossi Impianti',
  engineerName: 'Giulia Bianchi',
  documentVersion: 2,
};

const sha256 = 'a3f1c9e07b5d2e4f6a8c0b1d3e5f7a9c2b4d6e8f0a1c3e5b7d9f1a3c5e7b9d1f';
const longUrl = `https://portal.example.com/${'configuration-path-segment-'.repeat(12)}end`;

const uat: UatDocumentInput = {
  ...header,
  applications: [
    {
      name: 'Voice portal',
      items: [
        {
          title: 'Inbound call reaches the IVR',
          expectedResult: 'The welcome message plays',
          result: 'pass',
          comment: 'Tried from a mobile',
          exceptionReason: null,
        },
        {
          title: 'Call recording starts',
          expectedResult: 'A recording is stored',
          result: 'fail',
          comment: 'Storage not mounted',
          exceptionReason: 'Storage arrives in April; accepted by the customer',
        },
      ],
    },
    {
      name: 'Agent desktop',
      items: [
        {
          title: 'Agent logs in',
          expectedResult: 'The agent sees the queue',
          result: 'not-applicable',
          comment: null,
          exceptionReason: null,
        },
        {
          title: 'Supervisor dashboard',
          expectedResult: `Opens at ${longUrl}`,
          result: null,
          comment: null,
          exceptionReason: null,
        },
      ],
    },
  ],
};

const trainings: ActivityReportInput['trainings'] = [
  {
    kind: 'Administrator training',
    date: '2026-03-10',
    durationMinutes: 180,
    attendees: ['Marco Verdi', 'Anna Neri'],
    topics: 'Queues, users, reports',
  },
];

const report: ActivityReportInput = {
  ...header,
  deployment: 'Virtual appliance',
  applications: ['Voice portal', 'Agent desktop'],
  activities: [
    {
      date: '2026-03-02',
      step: 'P2 Package installation',
      performer: 'Giulia Bianchi',
      durationMinutes: 150,
      description: 'Installed the voice portal packages',
    },
    {
      date: '2026-03-03',
      step: 'P3 Configuration',
      performer: 'Luca Rossi',
      durationMinutes: 45,
      description: 'Configured the queues',
    },
  ],
  effort: [
    { label: 'Installation days', unit: 'days', purchased: 5, used: 2.5 },
    { label: 'Remote sessions', unit: 'sessions', purchased: 10, used: 3 },
  ],
  trainings,
  notes: 'The customer will provide the storage in April.',
};

const dossier: DossierInput = {
  ...header,
  closedAt: new Date('2026-03-20T16:00:00Z'),
  deployment: 'Virtual appliance',
  contacts: [
    {
      name: 'Marco Verdi',
      email: 'marco.verdi@comune.example.it',
      phone: null,
      role: 'IT manager',
      organisation: 'Comune di Città Nuova',
    },
  ],
  applications: [
    {
      name: 'Voice portal',
      installedVersion: '7.2.1',
      configuration: [
        { label: 'SIP trunk', value: 'trunk-primary.comune.example.it:5061' },
        { label: 'Portal address', value: longUrl },
      ],
    },
  ],
  environment: [{ title: 'Virtual machine sized as required', state: 'Verified' }],
  pbxTasks: [{ application: 'Voice portal', title: 'Create the SIP trunk', state: 'Ticked' }],
  requirements: [{ title: 'TLS certificate', category: 'Network', status: 'Waived', note: 'Internal CA only' }],
  uat: [
    {
      application: 'Voice portal',
      item: 'Call recording starts',
      result: 'Failed',
      comment: null,
      exceptionReason: 'Storage arrives in April',
    },
  ],
  trainings,
  totalMinutes: 375,
  reportNotes: 'The customer will provide the storage in April.',
  maintenanceNotes: 'Root password kept in the vendor vault, entry CN-42.',
  signedDocuments: [
    {
      title: 'User acceptance tests',
      version: 2,
      signerName: 'Marco Verdi',
      signedAt: '2026-03-15 09:12 UTC',
      sealedSha256: sha256,
    },
  ],
};

/** Names from the four alphabets the document fonts cover: Latin of Central Europe and Turkey, Greek, Cyrillic. */
const names = ['Łukasz Dvořák', 'Şahin Öztürk', 'Αλέξανδρος Παπαδόπουλος', 'Дмитрий Иванов'] as const;

function countPages(pdf: Buffer): number {
  // pdfkit leaves page dictionaries uncompressed; "/Type /Pages" (the page tree) does not match.
  return pdf.toString('latin1').match(/\/Type \/Page\b(?!s)/g)?.length ?? 0;
}

describe('delivery PDFs', () => {
  it.each([
    ['UAT document', () => renderUatPdf(uat)],
    ['activity report', () => renderActivityReportPdf(report)],
    ['installation dossier', () => renderDossierPdf(dossier)],
  ])('renders the %s as a PDF, the same bytes for the same input', async (_name, render) => {
    const first = await render();
    const second = await render();
    expect(first.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(first.equals(second)).toBe(true);
  });

  it.each([
    ['UAT document', () => renderUatPdf(uat)],
    ['activity report', () => renderActivityReportPdf(report)],
    ['installation dossier', () => renderDossierPdf(dossier)],
  ])('embeds its fonts in the %s as subsets and uses none of the standard 14', async (_name, render) => {
    // pdfkit writes font dictionaries uncompressed; only their font files are compressed streams.
    const pdf = (await render()).toString('latin1');
    const fonts = [...pdf.matchAll(/\/BaseFont \/([^\s/>]+)/g)].map((match) => match[1]);
    expect(fonts.length).toBeGreaterThan(0);
    for (const font of fonts) expect(font).toMatch(/^[A-Z]{6}\+NotoSans-(Regular|Bold|Italic)$/);
    expect(pdf).toContain('/FontFile2');
  });

  it('spreads a 300-item UAT over several pages', async () => {
    const items = Array.from({ length: 300 }, (_, index) => ({
      title: `Test number ${index + 1}`,
      expectedResult: 'It works as described in the design',
      result: 'pass' as const,
      comment: null,
      exceptionReason: null,
    }));
    const pdf = await renderUatPdf({ ...uat, applications: [{ name: 'Voice portal', items }] });
    expect(countPages(pdf)).toBeGreaterThan(5);
  });

  it('renders a comment longer than a page', async () => {
    const comment = 'A very long comment. '.repeat(1500);
    const pdf = await renderUatPdf({
      ...uat,
      applications: [{ name: 'Voice portal', items: [{ ...uat.applications[0]!.items[0]!, comment }] }],
    });
    expect(countPages(pdf)).toBeGreaterThan(2);
  });
});

// pdftotext comes from poppler-utils. With ENGAGE_PDF_TOOLS=1 (meant for CI) a missing tool fails the text checks
// instead of skipping them.
const isPdfToolRequired = process.env.ENGAGE_PDF_TOOLS === '1';
const hasPdfToText = (() => {
  try {
    execFileSync('pdftotext', ['-v'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();
if (!hasPdfToText && !isPdfToolRequired) {
  console.warn(
    '\n!!! pdftotext (poppler-utils) is not on PATH: the text checks of the delivery PDFs were SKIPPED. Set ENGAGE_PDF_TOOLS=1 to make this a failure.\n',
  );
}

function pdfToText(file: string, options: string[]): string {
  if (!hasPdfToText) throw new Error('pdftotext (poppler-utils) is not on PATH, and ENGAGE_PDF_TOOLS=1 requires it');
  return execFileSync('pdftotext', [...options, file, '-'], { encoding: 'utf8' });
}

describe('delivery PDFs read back as text', () => {
  let folder = '';
  beforeAll(() => {
    folder = mkdtempSync(join(tmpdir(), 'engage-delivery-pdf-'));
  });
  afterAll(() => rmSync(folder, { recursive: true, force: true }));

  /** The PDF's text with runs of white space collapsed, so that wrapped lines still match. */
  function readText(pdf: Buffer, name: string, mode: 'reading-order' | 'layout' = 'reading-order'): string {
    const file = join(folder, `${name}.pdf`);
    writeFileSync(file, pdf);
    return pdfToText(file, [...(mode === 'layout' ? ['-layout'] : []), '-enc', 'UTF-8']).replace(/\s+/g, ' ');
  }

  const runText = it.runIf(hasPdfToText || isPdfToolRequired);

  runText('the UAT shows every item, its result and the accepted exception', async () => {
    const text = readText(await renderUatPdf(uat), 'uat');
    for (const title of [
      'Inbound call reaches the IVR',
      'Call recording starts',
      'Agent logs in',
      'Supervisor dashboard',
    ])
      expect(text).toContain(title);
    for (const word of ['Passed', 'Failed', 'Not applicable', 'Not run']) expect(text).toContain(word);
    expect(text).toContain('Exceptions accepted');
    expect(text).toContain('Storage arrives in April; accepted by the customer');
    expect(text).toContain('signature audit page follows');
    expect(text).toContain('Page 1 of');
  });

  runText('the activity report shows what was done and the total time', async () => {
    // In reading order pdftotext puts the label of the total after the table's headings, so keep the page's layout.
    const text = readText(await renderActivityReportPdf(report), 'report', 'layout');
    expect(text).toContain('Installed the voice portal packages');
    expect(text).toContain('2:30');
    expect(text).toMatch(/Total\s+3:15/);
    expect(text).toContain('2.5 / 5 days');
  });

  runText('the dossier shows the configuration, the internal notes and the whole hash', async () => {
    const text = readText(await renderDossierPdf(dossier), 'dossier');
    expect(text).toContain('trunk-primary.comune.example.it:5061');
    expect(text).toContain('Internal maintenance notes');
    expect(text).toContain('Root password kept in the vendor vault, entry CN-42.');
    expect(text.replace(/ /g, '')).toContain(sha256);
  });

  runText('an Italian rendering has Italian headings', async () => {
    const text = readText(await renderDossierPdf({ ...dossier, language: 'it' }), 'dossier-it');
    expect(text).toContain('Dossier di installazione');
    expect(text).toContain('Note interne di manutenzione');
    expect(text).toContain('Pagina 1 di');
  });

  runText('empty lists say so', async () => {
    const text = readText(
      await renderActivityReportPdf({ ...report, activities: [], effort: [], trainings: [], notes: '' }),
      'empty-report',
    );
    expect(text).toContain('None recorded');
  });

  runText(
    'names in Latin, Greek and Cyrillic print exactly in the UAT, the activity report and the dossier',
    async () => {
      const [latin, turkish, greek, cyrillic] = names;
      const people = { customerName: `Città Nuova — ${turkish}`, partnerName: greek, engineerName: latin };
      // One word per letter in the expected result, so that a letter whose glyph is missing is a word without ink.
      const letters = [...names.join('')].filter((letter) => letter !== ' ').join(' ');
      const uatPdf = await renderUatPdf({
        ...uat,
        ...people,
        applications: [
          {
            name: 'Voice portal',
            items: [{ ...uat.applications[0]!.items[0]!, expectedResult: letters, comment: `Tried by ${cyrillic}` }],
          },
        ],
      });
      const uatText = readText(uatPdf, 'uat-names');
      expect(await findWordsWithoutInk(uatPdf, 1)).toEqual([]);
      const reportText = readText(
        await renderActivityReportPdf({
          ...report,
          ...people,
          activities: [{ ...report.activities[0]!, performer: cyrillic }],
          trainings: [{ ...trainings[0]!, attendees: [greek, latin] }],
        }),
        'report-names',
      );
      const dossierText = readText(
        await renderDossierPdf({
          ...dossier,
          ...people,
          contacts: [{ ...dossier.contacts[0]!, name: cyrillic, organisation: `${turkish} Ltd.` }],
          signedDocuments: [{ ...dossier.signedDocuments[0]!, signerName: latin }],
        }),
        'dossier-names',
      );
      for (const text of [uatText, reportText, dossierText]) for (const name of names) expect(text).toContain(name);
      for (const text of [uatText, reportText, dossierText]) expect(text).not.toContain('?');
    },
  );

  runText('a name outside the fonts is printed as a notice in the document’s language, never as ?', async () => {
    const english = readText(
      await renderUatPdf({ ...uat, customerName: '王小明', engineerName: 'Giulia 😀 Bianchi' }),
      'uat-unprintable',
    );
    expect(english.match(/\[could not be printed: characters outside the document font\]/g)).toHaveLength(2);
    expect(english).not.toContain('?');
    expect(english).not.toContain('Giulia');
    const italian = readText(
      await renderDossierPdf({ ...dossier, language: 'it', contacts: [{ ...dossier.contacts[0]!, name: '王小明' }] }),
      'dossier-unprintable',
    );
    expect(italian).toContain('[non stampabile: caratteri assenti dal font del documento]');
    expect(italian).not.toContain('?');
  });

  runText('long values wrap inside the page', async () => {
    const pdf = await renderDossierPdf(dossier);
    const file = join(folder, 'bbox.pdf');
    writeFileSync(file, pdf);
    const boxes = pdfToText(file, ['-bbox']);
    const pageWidth = Number(/<page width="([\d.]+)"/.exec(boxes)?.[1]);
    const rightEdges = [...boxes.matchAll(/xMax="([\d.]+)"/g)].map((match) => Number(match[1]));
    expect(rightEdges.length).toBeGreaterThan(0);
    expect(Math.max(...rightEdges)).toBeLessThanOrEqual(pageWidth - 50);
  });
});
