/**
 * An audit event said in words: the key of its sentence in the `audit` resources (src/domain/text/locales/<language>/
 * audit.json), the values the sentence names, and the clauses said after it (a reason, a note). The server works the
 * sentence out (src/domain/audit/audit-actions.ts); whoever shows it writes it in the reader's language with their own
 * translator: the web app with its i18n, which holds the same resources. Pure, without i18n, so the web app imports it.
 */
import { pick, type Language } from '../text/languages';

/** Words in every language (a step's title, a role, a state), picked in the reader's. */
export type AuditWords = Readonly<Record<Language, string>>;

/**
 * A value a sentence names: as recorded (a person's name, a file name, a number), in words, or a moment or a day, which
 * the reader's app writes in the reader's language and time zone.
 */
export type AuditValue = string | number | AuditWords | { readonly instant: string } | { readonly day: string };

export interface AuditPhrase {
  /** A key of the audit resources: `sentences.<kind>` or `clauses.<name>`. */
  readonly key: string;
  readonly values: Readonly<Record<string, AuditValue>>;
}

export interface AuditSentence extends AuditPhrase {
  /** Phrases said after the sentence, in order (a reason given, a note, the steps Engage completed then). */
  readonly clauses: AuditPhrase[];
}

/** How a reader's app writes: its translator of the audit resources, and its way with moments and days. */
export interface AuditWriter {
  readonly language: Language;
  /** The text of a key of the audit resources (`sentences.…`, `clauses.…`), its placeholders filled. */
  text(key: string, values: Readonly<Record<string, string | number>>): string;
  /** A moment (ISO 8601 instant) as the reader reads one. */
  instant(iso: string): string;
  /** A calendar day (YYYY-MM-DD) as the reader reads one. */
  day(isoDay: string): string;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

/** One value in the reader's words. */
export function writeValue(value: AuditValue, writer: AuditWriter): string | number {
  if (typeof value === 'string' || typeof value === 'number') return value;
  if ('instant' in value && typeof value.instant === 'string') return writer.instant(value.instant);
  if ('day' in value && typeof value.day === 'string') return writer.day(value.day);
  const words: Readonly<Record<string, unknown>> = isRecord(value) ? value : {};
  return typeof words['en'] === 'string' ? pick(value as AuditWords, writer.language) : '';
}

/** A phrase's values in the reader's words, ready for the translator. */
export function writeValues(
  values: Readonly<Record<string, AuditValue>>,
  writer: AuditWriter,
): Record<string, string | number> {
  return Object.fromEntries(Object.entries(values).map(([name, value]) => [name, writeValue(value, writer)]));
}

/** The sentence, then its clauses, in the reader's language. */
export function writeAuditSentence(sentence: AuditSentence, writer: AuditWriter): string {
  return [sentence, ...sentence.clauses]
    .map((phrase) => writer.text(phrase.key, writeValues(phrase.values, writer)))
    .join(' ');
}
