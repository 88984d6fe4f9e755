/** The activity report of a project as a PDF: what was done, by whom and for how long, against what was purchased; its labels in English and Italian. */
import { resourceOf } from '../../../domain/text/i18n';
import { formatDay, formatMinutes, formatNumber } from '../../pdf/pdf-format';
import { sum } from '../../pdf/pdf-writer';
import {
  openDeliveryDocument,
  writeTrainings,
  type DocumentHeader,
  type Language,
  type TrainingLine,
} from './delivery-document.pdf';

export interface ActivityReportInput extends DocumentHeader {
  /** Already a label, e.g. "Virtual appliance". */
  deployment: string;
  applications: string[];
  /** `date` is YYYY-MM-DD; `step` a label such as "P2 Package installation". */
  activities: { date: string; step: string; performer: string; durationMinutes: number; description: string }[];
  effort: { label: string; unit: 'days' | 'sessions'; purchased: number; used: number }[];
  trainings: TrainingLine[];
  /** The report's notes for the customer; may be empty. */
  notes: string;
}

/** The labels, in the document's language (src/domain/text/locales/<language>/pdf.json, `activityReport`). */
const labelsIn = (language: Language) => resourceOf(language, 'pdf').activityReport;

/** Renders the activity report of a project: what was done, by whom and for how long, against what was purchased. */
export async function renderActivityReportPdf(input: ActivityReportInput): Promise<Buffer> {
  const text = labelsIn(input.language);
  const { writer, finish } = await openDeliveryDocument(input, text.reportTitle);

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

  writeTrainings(writer, input.trainings, input.language);

  writer.heading(text.notes);
  writer.paragraph(input.notes);

  writer.closingLine(text.signedElectronically);
  return finish();
}
