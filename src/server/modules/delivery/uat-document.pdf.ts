/** The user acceptance test document of a project as a PDF, to be signed by the customer; its labels in English and Italian. */
import { resourceOf } from '../../../domain/text/i18n';
import { openDeliveryDocument, type DocumentHeader, type Language } from './delivery-document.pdf';

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

/** The labels, in the document's language (src/domain/text/locales/<language>/pdf.json, `uat`). */
const labelsIn = (language: Language) => resourceOf(language, 'pdf').uat;

/** Renders the user acceptance test document of a project, to be signed by the customer. */
export async function renderUatPdf(input: UatDocumentInput): Promise<Buffer> {
  const text = labelsIn(input.language);
  const { writer, finish } = await openDeliveryDocument(input, text.uatTitle);
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
  return finish();
}
