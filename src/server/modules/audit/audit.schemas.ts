import { z } from 'zod';
import { languages } from '../../../domain/text/languages';

/** Words in every language (src/domain/audit/sentence.ts, AuditWords). */
const auditWordsSchema = z.object(Object.fromEntries(languages.map((language) => [language, z.string()])));

/** A value a sentence names: as recorded, in words, or a moment or a day the reader's app writes. */
const auditValueSchema = z.union([
  z.string(),
  z.number(),
  z.object({ instant: z.string() }),
  z.object({ day: z.string() }),
  auditWordsSchema,
]);

const auditPhraseSchema = z.object({
  key: z.string(),
  values: z.record(z.string(), auditValueSchema),
});

/** One event of a project's audit trail: as recorded, and in words. */
export const auditEventSchema = z.object({
  id: z.number().int(),
  at: z.iso.datetime(),
  actorName: z.string().nullable(),
  actorRole: z.string().nullable(),
  action: z.string(),
  ip: z.string().nullable(),
  before: z.unknown(),
  after: z.unknown(),
  label: z.string(),
  sentence: auditPhraseSchema.extend({ clauses: z.array(auditPhraseSchema) }),
});
