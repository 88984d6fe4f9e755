import { type DocumentLanguage, loadDocumentFonts, registerDocumentFonts } from './fonts';

export type Language = DocumentLanguage;

export interface DocumentHeader {
  vendorName: string;
  language: Language;
  /** Printed in the header and the document's information; fixed in tests so the bytes are reproducible. */
  createdAt: Date;
  projectReference: string;
  projectName: string;
  customerName: string;
  partnerName: string | null;
  engineerName: string | null;
  documentVersion: number;
}

export type UatResult = 'pass' | 'pass-with-remark' | 'fail' | 'not-applicable';

export interface UatDocumentInput extends DocumentHeader {
  applications: {
    name: string;
    /** `comment` is the remark of a pass with a remark; `evidence` the name of the file attached as evidence. */
    items: {
      title: string;
      expectedResult: string;
      result: UatResult | null;
      comment: string | null;
      exceptionReason: string | null;
      evidence?: string | null;
    }[];
  }[];
}

export interface ActivityReportInput extends DocumentHeader {
  /** Already a label, e.g. "Virtual appliance". */
  deployment: string;
  applications: string[];
  /** `date` is YYYY-MM-DD; `step` a label such as "P2 Package installation". */
  activities: { date: string; step: string; performer: string; durationMinutes: number; description: string }[];
  effort: { label: string; unit: 'days' | 'sessions'; purchased: number; used: number }[];
  trainings: { kind: string; date: string; durationMinutes: number; attendees: string[]; topics: string }[];
  /** The report's notes for the customer; may be empty. */
  notes: string;
}

export interface DossierInput extends DocumentHeader {
  closedAt: Date;
  deployment: string;
  contacts: { name: string; email: string; phone: string | null; role: string; organisation: string }[];
  applications: { name: string; installedVersion: string | null; configuration: { label: string; value: string }[] }[];
  /** `state` already a label ("Verified", "Ticked", "Open"). */
  environment: { title: string; state: string }[];
  pbxTasks: { application: string; title: string; state: string }[];
  /** `note` is a waiver reason or similar. */
  requirements: { title: string; category: string; status: string; note: string | null }[];
  uat: { application: string; item: string; result: string; comment: string | null; exceptionReason: string | null }[];
  trainings: ActivityReportInput['trainings'];
  totalMinutes: number;
  reportNotes: string;
  /** Internal: printed only in the dossier, for the support team. */
  maintenanceNotes: string;
  /** `sealedSha256` is the sealed copy's, or for a document signed outside Engage the uploaded scan's. */
  signedDocuments: {
    title: string;
    version: number;
    signerName: string;
    signedAt: string;
    sealedSha256: string;
    /** Signed on paper or in another tool: the scan was uploaded by a staff member, kept as is, never sealed. */
    outsideEngage?: { uploadedBy: string; uploadedAt: string; scanSha256: string } | null;
  }[];
  /** The activity report was never signed: the project was closed anyway, for this reason, by this decision. */
  unsignedReport?: { reason: string; decidedBy: string; decidedAt: string } | null;
}

const labels = {
  en: {
    uatTitle: 'User acceptance tests',
    reportTitle: 'Activity report',
    dossierTitle: 'Installation dossier',
    project: 'Project',
    customer: 'Customer',
    partner: 'Partner',
    engineer: 'Engineer',
    version: 'Version',
    date: 'Date',
    closedOn: 'Closed on',
    page: (page: number, pages: number) => `Page ${page} of ${pages}`,
    none: 'None recorded',
    summary: 'Summary',
    passed: 'Passed',
    passedWithRemark: 'Passed with a remark',
    remarks: 'Remarks (minor defects accepted)',
    remark: 'Remark',
    evidence: 'Evidence',
    failed: 'Failed',
    notApplicable: 'Not applicable',
    notRun: 'Not run',
    acceptedExceptions: 'Accepted exceptions',
    test: 'Test',
    expectedResult: 'Expected result',
    result: 'Result',
    comment: 'Comment',
    exceptionsAccepted: 'Exceptions accepted',
    reason: 'Reason',
    application: 'Application',
    signedElectronically: 'This document is signed electronically. The signature audit page follows.',
    scope: 'Scope',
    deployment: 'Deployment',
    applications: 'Applications',
    activities: 'Activities',
    step: 'Step',
    performedBy: 'Performed by',
    duration: 'Duration',
    description: 'Work done',
    total: 'Total',
    effort: 'Effort by purchase order line',
    line: 'Line',
    used: 'Used',
    purchased: 'Purchased',
    days: 'days',
    sessions: 'sessions',
    trainings: 'Trainings',
    kind: 'Training',
    attendees: 'Attendees',
    topics: 'Topics',
    notes: 'Notes',
    contacts: 'Contacts',
    name: 'Name',
    role: 'Role',
    organisation: 'Organisation',
    email: 'Email',
    phone: 'Phone',
    installedVersion: 'Installed version',
    configuration: 'Configuration',
    setting: 'Setting',
    value: 'Value',
    environment: 'Environment checks',
    item: 'Item',
    state: 'State',
    pbxTasks: 'PBX tasks',
    task: 'Task',
    requirements: 'Requirements',
    requirement: 'Requirement',
    category: 'Category',
    status: 'Status',
    note: 'Note',
    uatResults: 'User acceptance test results',
    exception: 'Accepted exception',
    timeSpent: 'Time spent',
    totalTime: 'Total time recorded',
    reportNotes: 'Notes for the customer',
    maintenanceNotes: 'Internal maintenance notes',
    internalWarning: 'Internal: for the support team only. Not part of the documents shared with the customer.',
    signedDocuments: 'Signed documents',
    document: 'Document',
    signedBy: 'Signed by',
    signedAt: 'Signed at',
    signedHow: 'How',
    signedElectronicallyInEngage: 'Electronically in Engage, sealed by Engage',
    signedOutsideEngage:
      'Outside Engage (on paper or in another tool): the scan is kept as uploaded, not sealed by Engage',
    scanUploadedBy: 'Scan uploaded by',
    unsignedReport: 'Activity report not signed',
    unsignedReportNotice:
      'The customer or partner never signed the activity report; the project was closed without it.',
    decidedBy: 'Decided by',
    decidedAt: 'Decided on',
  },
  it: {
    uatTitle: 'Test di accettazione (collaudo)',
    reportTitle: 'Rapporto delle attività',
    dossierTitle: 'Dossier di installazione',
    project: 'Progetto',
    customer: 'Cliente',
    partner: 'Partner',
    engineer: 'Tecnico',
    version: 'Versione',
    date: 'Data',
    closedOn: 'Chiuso il',
    page: (page: number, pages: number) => `Pagina ${page} di ${pages}`,
    none: 'Nessuna registrazione',
    summary: 'Riepilogo',
    passed: 'Superato',
    passedWithRemark: 'Superato con osservazione',
    remarks: 'Osservazioni (difetti minori accettati)',
    remark: 'Osservazione',
    evidence: 'Prova',
    failed: 'Non superato',
    notApplicable: 'Non applicabile',
    notRun: 'Non eseguito',
    acceptedExceptions: 'Eccezioni accettate',
    test: 'Test',
    expectedResult: 'Risultato atteso',
    result: 'Esito',
    comment: 'Commento',
    exceptionsAccepted: 'Eccezioni accettate',
    reason: 'Motivazione',
    application: 'Applicazione',
    signedElectronically: 'Questo documento è firmato elettronicamente. Segue la pagina di verifica delle firme.',
    scope: 'Perimetro',
    deployment: 'Modalità di installazione',
    applications: 'Applicazioni',
    activities: 'Attività',
    step: 'Fase',
    performedBy: 'Eseguita da',
    duration: 'Durata',
    description: 'Lavoro svolto',
    total: 'Totale',
    effort: 'Impegno per riga d’ordine',
    line: 'Riga',
    used: 'Utilizzato',
    purchased: 'Acquistato',
    days: 'giorni',
    sessions: 'sessioni',
    trainings: 'Formazione',
    kind: 'Sessione',
    attendees: 'Partecipanti',
    topics: 'Argomenti',
    notes: 'Note',
    contacts: 'Contatti',
    name: 'Nome',
    role: 'Ruolo',
    organisation: 'Organizzazione',
    email: 'Email',
    phone: 'Telefono',
    installedVersion: 'Versione installata',
    configuration: 'Configurazione',
    setting: 'Parametro',
    value: 'Valore',
    environment: 'Verifiche dell’ambiente',
    item: 'Voce',
    state: 'Stato',
    pbxTasks: 'Attività sul centralino',
    task: 'Attività',
    requirements: 'Requisiti',
    requirement: 'Requisito',
    category: 'Categoria',
    status: 'Stato',
    note: 'Nota',
    uatResults: 'Esiti dei test di accettazione',
    exception: 'Eccezione accettata',
    timeSpent: 'Tempo impiegato',
    totalTime: 'Tempo totale registrato',
    reportNotes: 'Note per il cliente',
    maintenanceNotes: 'Note interne di manutenzione',
    internalWarning:
      'Uso interno: solo per il team di assistenza. Non fa parte dei documenti condivisi con il cliente.',
    signedDocuments: 'Documenti firmati',
    document: 'Documento',
    signedBy: 'Firmato da',
    signedAt: 'Firmato il',
    signedHow: 'Modalità',
    signedElectronicallyInEngage: 'Elettronicamente in Engage, sigillato da Engage',
    signedOutsideEngage:
      'Fuori da Engage (su carta o con un altro strumento): la scansione è conservata come caricata, non sigillata da Engage',
    scanUploadedBy: 'Scansione caricata da',
    unsignedReport: 'Rapporto delle attività non firmato',
    unsignedReportNotice:
      'Il cliente o il partner non ha mai firmato il rapporto delle attività; il progetto è stato chiuso senza la firma.',
    decidedBy: 'Deciso da',
    decidedAt: 'Deciso il',
  },
} satisfies Record<Language, Record<string, string | ((page: number, pages: number) => string)>>;

type Labels = (typeof labels)['en'];

/** Renders the user acceptance test document of a project, to be signed by the customer. */
export async function renderUatPdf(input: UatDocumentInput): Promise<Buffer> {
  const text = labels[input.language];
  const writer = await openDocument(input, text.uatTitle);
  const resultLabel = (result: UatResult | null): string =>
    result === 'pass'
      ? text.passed
      : result === 'pass-with-remark'
        ? text.passedWithRemark
        : result === 'fail'
          ? text.failed
          : result === 'not-applicable'
            ? text.notApplicable
            : text.notRun;
  const items = input.applications.flatMap((application) =>
    application.items.map((item) => ({ application: application.name, ...item })),
  );
  const exceptions = items.filter((item) => item.result === 'fail' && (item.exceptionReason ?? '').trim() !== '');
  const remarks = items.filter((item) => item.result === 'pass-with-remark');

  writer.heading(text.summary);
  writer.fields([
    [text.passed, String(items.filter((item) => item.result === 'pass').length)],
    [text.passedWithRemark, String(remarks.length)],
    [text.failed, String(items.filter((item) => item.result === 'fail').length)],
    [text.notApplicable, String(items.filter((item) => item.result === 'not-applicable').length)],
    [text.notRun, String(items.filter((item) => item.result === null).length)],
    [text.acceptedExceptions, String(exceptions.length)],
  ]);

  if (input.applications.length === 0) {
    writer.heading(text.applications);
    writer.none();
  }
  for (const application of input.applications) {
    writer.heading(application.name);
    writer.table(
      [
        { label: text.test, width: 2.7 },
        { label: text.expectedResult, width: 2.7 },
        { label: text.result, width: 1.6, bold: true },
        { label: text.comment, width: 2 },
        { label: text.evidence, width: 1.4 },
      ],
      application.items.map((item) => [
        item.title,
        item.expectedResult,
        resultLabel(item.result),
        item.comment ?? '',
        item.evidence ?? '',
      ]),
    );
  }

  // A customer signs these remarks as accepted minor defects (terms, "Acceptance"): they are listed apart, like exceptions.
  writer.heading(text.remarks);
  writer.table(
    [
      { label: text.application, width: 2 },
      { label: text.test, width: 3 },
      { label: text.remark, width: 5 },
    ],
    remarks.map((item) => [item.application, item.title, item.comment ?? '']),
  );

  writer.heading(text.exceptionsAccepted);
  writer.table(
    [
      { label: text.application, width: 2 },
      { label: text.test, width: 3 },
      { label: text.reason, width: 5 },
    ],
    exceptions.map((item) => [item.application, item.title, item.exceptionReason ?? '']),
  );

  writer.closingLine(text.signedElectronically);
  return writer.finish();
}

/** Renders the activity report of a project: what was done, by whom and for how long, against what was purchased. */
export async function renderActivityReportPdf(input: ActivityReportInput): Promise<Buffer> {
  const text = labels[input.language];
  const writer = await openDocument(input, text.reportTitle);

  writer.heading(text.scope);
  writer.fields([
    [text.deployment, input.deployment],
    [text.applications, input.applications.join(', ')],
  ]);

  writer.heading(text.activities);
  writer.table(
    [
      { label: text.date, width: 1.6 },
      { label: text.step, width: 2.2 },
      { label: text.performedBy, width: 1.8 },
      { label: text.duration, width: 1.1, align: 'right' },
      { label: text.description, width: 4.3 },
    ],
    input.activities.map((activity) => [
      formatDay(activity.date, input.language),
      activity.step,
      activity.performer,
      formatMinutes(activity.durationMinutes),
      activity.description,
    ]),
    [text.total, '', '', formatMinutes(sum(input.activities.map((activity) => activity.durationMinutes))), ''],
  );

  writer.heading(text.effort);
  writer.table(
    [
      { label: text.line, width: 5 },
      { label: `${text.used} / ${text.purchased}`, width: 3, align: 'right' },
    ],
    input.effort.map((line) => [
      line.label,
      `${formatNumber(line.used, input.language)} / ${formatNumber(line.purchased, input.language)} ${line.unit === 'days' ? text.days : text.sessions}`,
    ]),
  );

  writeTrainings(writer, text, input.trainings, input.language);

  writer.heading(text.notes);
  writer.paragraph(input.notes);

  writer.closingLine(text.signedElectronically);
  return writer.finish();
}

/** Renders the installation dossier handed to the support team when a project closes, internal notes included. */
export async function renderDossierPdf(input: DossierInput): Promise<Buffer> {
  const text = labels[input.language];
  const writer = await openDocument(input, text.dossierTitle, [
    [text.closedOn, formatDate(input.closedAt, input.language)],
  ]);

  writer.heading(text.deployment);
  writer.paragraph(input.deployment);

  writer.heading(text.contacts);
  writer.table(
    [
      { label: text.name, width: 2 },
      { label: text.role, width: 1.6 },
      { label: text.organisation, width: 1.8 },
      { label: text.email, width: 2.6 },
      { label: text.phone, width: 1.6 },
    ],
    input.contacts.map((contact) => [
      contact.name,
      contact.role,
      contact.organisation,
      contact.email,
      contact.phone ?? '',
    ]),
  );

  writer.heading(text.applications);
  if (input.applications.length === 0) writer.none();
  for (const application of input.applications) {
    writer.subheading(application.name);
    writer.fields([[text.installedVersion, application.installedVersion ?? '']]);
    writer.table(
      [
        { label: text.setting, width: 4 },
        { label: text.value, width: 6 },
      ],
      application.configuration.map((setting) => [setting.label, setting.value]),
    );
  }

  writer.heading(text.environment);
  writer.table(
    [
      { label: text.item, width: 7 },
      { label: text.state, width: 3 },
    ],
    input.environment.map((check) => [check.title, check.state]),
  );

  writer.heading(text.pbxTasks);
  writer.table(
    [
      { label: text.application, width: 2.5 },
      { label: text.task, width: 5 },
      { label: text.state, width: 2.5 },
    ],
    input.pbxTasks.map((task) => [task.application, task.title, task.state]),
  );

  writer.heading(text.requirements);
  writer.table(
    [
      { label: text.requirement, width: 3.5 },
      { label: text.category, width: 1.8 },
      { label: text.status, width: 1.7 },
      { label: text.note, width: 3 },
    ],
    input.requirements.map((requirement) => [
      requirement.title,
      requirement.category,
      requirement.status,
      requirement.note ?? '',
    ]),
  );

  writer.heading(text.uatResults);
  writer.table(
    [
      { label: text.application, width: 1.8 },
      { label: text.test, width: 2.8 },
      { label: text.result, width: 1.4 },
      { label: text.comment, width: 2 },
      { label: text.exception, width: 2 },
    ],
    input.uat.map((item) => [item.application, item.item, item.result, item.comment ?? '', item.exceptionReason ?? '']),
  );

  writeTrainings(writer, text, input.trainings, input.language);

  writer.heading(text.timeSpent);
  writer.fields([[text.totalTime, formatMinutes(input.totalMinutes)]]);

  writer.heading(text.reportNotes);
  writer.paragraph(input.reportNotes);

  writer.heading(text.maintenanceNotes);
  writer.notice(text.internalWarning);
  writer.paragraph(input.maintenanceNotes);

  writer.heading(text.signedDocuments);
  if (input.signedDocuments.length === 0) writer.none();
  for (const signed of input.signedDocuments) {
    writer.subheading(`${signed.title} (${text.version} ${signed.version})`);
    const outside = signed.outsideEngage ?? null;
    writer.fields([
      [text.signedBy, signed.signerName],
      [text.signedAt, signed.signedAt],
      [text.signedHow, outside === null ? text.signedElectronicallyInEngage : text.signedOutsideEngage],
      ...(outside === null
        ? []
        : ([[text.scanUploadedBy, `${outside.uploadedBy}, ${outside.uploadedAt}`]] as [string, string][])),
      ['SHA-256', signed.sealedSha256],
    ]);
  }

  if (input.unsignedReport != null) {
    writer.heading(text.unsignedReport);
    writer.notice(text.unsignedReportNotice);
    writer.fields([
      [text.reason, input.unsignedReport.reason],
      [text.decidedBy, input.unsignedReport.decidedBy],
      [text.decidedAt, input.unsignedReport.decidedAt],
    ]);
  }

  return writer.finish();
}

function writeTrainings(
  writer: Writer,
  text: Labels,
  trainings: ActivityReportInput['trainings'],
  language: Language,
): void {
  writer.heading(text.trainings);
  writer.table(
    [
      { label: text.kind, width: 2 },
      { label: text.date, width: 1.6 },
      { label: text.duration, width: 1.1, align: 'right' },
      { label: text.attendees, width: 2.5 },
      { label: text.topics, width: 2.8 },
    ],
    trainings.map((training) => [
      training.kind,
      formatDay(training.date, language),
      formatMinutes(training.durationMinutes),
      training.attendees.join(', '),
      training.topics,
    ]),
  );
}

interface Column {
  label: string;
  /** Relative to the other columns' widths. */
  width: number;
  align?: 'left' | 'right';
  bold?: boolean;
}

type Writer = Awaited<ReturnType<typeof openDocument>>;

const colour = { text: '#1f2933', muted: '#52606d', faint: '#7b8794', rule: '#cbd2d9', shade: '#f0f4f8' };
const cellPadding = 3;

/**
 * An A4 document with the delivery documents' header already written, and the few building blocks they are made of.
 * Every string goes through the fonts' `printable`, and `finish` numbers the pages in the footer.
 */
async function openDocument(header: DocumentHeader, title: string, extraFields: [string, string][] = []) {
  const [{ default: PDFDocument }, fonts] = await Promise.all([import('pdfkit'), loadDocumentFonts()]);
  const text = labels[header.language];
  const printable = (value: string) => fonts.printable(value, header.language);
  const pdf = new PDFDocument({
    size: 'A4',
    margins: { top: 56, bottom: 72, left: 56, right: 56 },
    bufferPages: true,
    info: { Title: title, Author: header.vendorName, Creator: 'Engage', CreationDate: header.createdAt },
    lang: header.language,
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
  const left = pdf.page.margins.left;
  const contentWidth = pdf.page.width - pdf.page.margins.left - pdf.page.margins.right;
  const bottom = () => pdf.page.height - pdf.page.margins.bottom;
  const ensureSpace = (height: number) => {
    if (pdf.y + height > bottom()) pdf.addPage();
  };

  const writer = {
    heading(value: string) {
      // Keeps a heading on the same page as at least a couple of lines of what follows it.
      pdf.moveDown(0.8);
      ensureSpace(60);
      pdf.font('bold').fontSize(12).fillColor(colour.text).text(printable(value), left, pdf.y, { width: contentWidth });
      pdf.moveDown(0.3);
    },
    subheading(value: string) {
      pdf.moveDown(0.4);
      ensureSpace(40);
      pdf.font('bold').fontSize(10).fillColor(colour.text).text(printable(value), left, pdf.y, { width: contentWidth });
      pdf.moveDown(0.2);
    },
    paragraph(value: string) {
      if (value.trim() === '') {
        writer.none();
        return;
      }
      pdf
        .font('regular')
        .fontSize(10)
        .fillColor(colour.text)
        .text(printable(value.trim()), left, pdf.y, { width: contentWidth, lineGap: 2 });
    },
    notice(value: string) {
      pdf.font('italic').fontSize(9).fillColor('#9b2c2c').text(printable(value), left, pdf.y, { width: contentWidth });
      pdf.moveDown(0.3);
    },
    none() {
      pdf.font('italic').fontSize(9).fillColor(colour.muted).text(text.none, left, pdf.y, { width: contentWidth });
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
    finish(): Promise<Buffer> {
      const range = pdf.bufferedPageRange();
      const reference = printable(`${title} · ${header.projectReference}`);
      for (let index = range.start; index < range.start + range.count; index += 1) {
        pdf.switchToPage(index);
        // Writing inside the bottom margin would otherwise make pdfkit start a new page.
        const margin = pdf.page.margins.bottom;
        pdf.page.margins.bottom = 0;
        pdf
          .font('regular')
          .fontSize(8)
          .fillColor(colour.faint)
          .text(`${reference} — ${text.page(index + 1, range.count)}`, left, pdf.page.height - 48, {
            width: contentWidth,
            align: 'center',
            lineBreak: false,
          });
        pdf.page.margins.bottom = margin;
      }
      pdf.end();
      return finished;
    },
  };

  pdf
    .font('regular')
    .fontSize(9)
    .fillColor(colour.muted)
    .text(printable(header.vendorName), left, pdf.y, { width: contentWidth });
  pdf.moveDown(0.5);
  pdf.font('bold').fontSize(18).fillColor(colour.text).text(printable(title), left, pdf.y, { width: contentWidth });
  pdf.moveDown(0.5);
  writer.fields([
    [text.project, `${header.projectReference} — ${header.projectName}`],
    [text.customer, header.customerName],
    ...(header.partnerName === null ? [] : [[text.partner, header.partnerName] as [string, string]]),
    ...(header.engineerName === null ? [] : [[text.engineer, header.engineerName] as [string, string]]),
    [text.version, String(header.documentVersion)],
    [text.date, formatDate(header.createdAt, header.language)],
    ...extraFields,
  ]);
  return writer;
}

function sum(values: number[]): number {
  return values.reduce((total, value) => total + value, 0);
}

/** Minutes as "h:mm", e.g. 90 → "1:30". */
function formatMinutes(minutes: number): string {
  const rounded = Math.max(0, Math.round(minutes));
  return `${Math.floor(rounded / 60)}:${String(rounded % 60).padStart(2, '0')}`;
}

function formatNumber(value: number, language: Language): string {
  return new Intl.NumberFormat(language === 'it' ? 'it-IT' : 'en-GB', { maximumFractionDigits: 2 }).format(value);
}

// Dates are printed as calendar days in UTC, so that the same input renders the same bytes on any machine.
function formatDate(date: Date, language: Language): string {
  return new Intl.DateTimeFormat(language === 'it' ? 'it-IT' : 'en-GB', {
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    timeZone: 'UTC',
  }).format(date);
}

/** A YYYY-MM-DD day as a short written date ("14 Mar 2026"); anything else is printed as it is. */
function formatDay(day: string, language: Language): string {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day)) return day;
  return new Intl.DateTimeFormat(language === 'it' ? 'it-IT' : 'en-GB', {
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    timeZone: 'UTC',
  }).format(new Date(`${day}T00:00:00Z`));
}
