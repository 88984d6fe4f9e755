import { z } from 'zod';
import { translatorFor } from '../../domain/text/i18n';
import { withoutMisleadingCharacters } from '../../domain/text/misleading-characters';
import { errorCodes } from '../errors';

const en = translatorFor('en', 'errors');

/** A text in every language Engage speaks; German is absent from texts written before it joined (read English then). */
export const localizedTextSchema = z
  .object({ en: z.string(), it: z.string(), de: z.string().optional() })
  .meta({ id: 'LocalizedText' });

/**
 * A text people read (a name, a title, a file name) without the invisible characters that could make it read otherwise
 * than it is, removed before the trim and length checks that follow, so an empty-looking name stays refused and what is
 * stored is what every reader sees (screens, emails, PDFs).
 */
export function readableText(params?: Parameters<typeof z.string>[0]) {
  return z.string(params).overwrite(withoutMisleadingCharacters);
}

/**
 * A text written in English and Italian, and German when given, in the shape localizedTextSchema reads: each language
 * trimmed, English and Italian required, so a missing one is refused with its path (`body.title.it`) and a message that
 * says what to write; a German text left out is read in English. `what` names the text in the messages ("the title").
 */
export function localizedTextInput(maxLength: number, what: string) {
  const inLanguage = (language: 'english' | 'italian' | 'german') => {
    const write = en(`http.write_in_${language}`, { what });
    return readableText({ error: write })
      .trim()
      .min(1, write)
      .max(maxLength, en(`http.keep_in_${language}`, { what, maximum: maxLength }));
  };
  return z.object(
    { en: inLanguage('english'), it: inLanguage('italian'), de: inLanguage('german').optional() },
    { error: en('http.both_languages', { what }) },
  );
}

export const errorResponseSchema = z
  .object({
    code: z.enum(errorCodes),
    message: z.string(),
    reason: z.string().optional(),
    values: z.record(z.string(), z.union([z.string(), z.number()])).optional(),
    details: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
    requestId: z.string(),
  })
  .meta({ id: 'Error' });

export const idParams = z.object({ id: z.uuid({ error: en('common.invalid_id') }) });

/** The error answers every route may give, for the OpenAPI document. */
export const commonErrorResponses = {
  400: errorResponseSchema,
  401: errorResponseSchema,
  403: errorResponseSchema,
  404: errorResponseSchema,
  409: errorResponseSchema,
};
