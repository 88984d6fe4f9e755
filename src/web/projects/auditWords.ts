import type { TFunction } from 'i18next';
import { writeAuditSentence, writeValue, type AuditSentence, type AuditWriter } from '../../domain/audit/sentence';
import { formatCalendarDate, formatDateTime, languageOf } from '../lib/format';

/**
 * How the Audit tab writes an event the server said in words (src/domain/audit): with the web app's translator, whose
 * `auditEvents.` resources are the server's own audit resources, moments in the reader's time zone, days as days.
 */
export function auditWriter(t: TFunction, language: string): AuditWriter {
  const translate = t as unknown as (key: string, values: object) => string;
  return {
    language: languageOf(language),
    text: (key, values) => translate(`auditEvents.${key}`, values),
    instant: (iso) => formatDateTime(iso, language),
    day: (isoDay) => formatCalendarDate(isoDay, language),
  };
}

/** The event's sentence, then its clauses (a reason, a note), in the reader's language. */
export function auditSentenceText(sentence: AuditSentence, writer: AuditWriter): string {
  return writeAuditSentence(sentence, writer);
}

/** Who acted, in words (`Anna Neri (customer)`, `Engage`), as the sentence names them. */
export function auditActorText(sentence: AuditSentence, writer: AuditWriter): string {
  const actor = sentence.values['actor'];
  return actor === undefined ? '' : String(writeValue(actor, writer));
}

/** The recorded before or after of an event, indented, for its details; null when there is none. */
export function auditJson(value: unknown): string | null {
  return value === null || value === undefined ? null : JSON.stringify(value, null, 2);
}
