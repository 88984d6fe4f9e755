import { z } from 'zod';
import { translatorFor } from '../../../domain/text/i18n';
import { emailTemplateKeys } from '../../../domain/content';
import { localizedTextSchema } from '../../http/common.schemas';

const en = translatorFor('en', 'errors');

const contentPath = z
  .string()
  .min(1)
  .max(200)
  .regex(/^[a-z0-9-]+(\/[a-z0-9-]+)*\.yaml$/, { error: en('content.path_format') });

export const contentItemQuery = z.object({ path: contentPath });

const contentItemSummary = z.object({
  path: z.string(),
  version: z.number().int(),
  /** Still Engage's shipped default (no admin has changed it). */
  isDefault: z.boolean(),
  updatedAt: z.iso.datetime(),
  updatedBy: z.string().nullable(),
});

export const contentItemListResponse = z.object({ items: z.array(contentItemSummary) });

export const contentItemResponse = contentItemSummary.extend({ body: z.unknown() }).meta({ id: 'ContentItem' });

export const updateContentItemBody = z.object({
  body: z.unknown().refine((value) => value !== undefined, en('content.body_missing')),
  /** The version the change was made on: saving over someone else’s newer version is refused. */
  baseVersion: z.number().int().positive(),
});

export const emailTemplateKeyParams = z.object({
  key: z.enum(emailTemplateKeys, { error: en('common.one_of', { values: emailTemplateKeys.join(', ') }) }),
});

export const emailTemplateDraft = z.object({
  subject: z.string().max(1000),
  text: z.string().max(100_000),
  html: z.string().max(200_000),
});

export const emailTemplatePreviewResponse = z.object({
  problems: z.array(
    z.object({
      part: z.enum(['subject', 'text', 'html']),
      line: z.number().int(),
      column: z.number().int(),
      message: z.string(),
    }),
  ),
  /** The template with example values, when it has no problem. */
  rendered: z.object({ subject: z.string(), text: z.string(), html: z.string() }).nullable(),
});

export const placeholderListResponse = z.object({
  items: z.array(
    z.object({
      /** As written in a template: `recipient.name`, or `applications` for a list used as `{{#applications}}…{{/applications}}`. */
      name: z.string(),
      kind: z.enum(['value', 'text-list', 'list']),
      description: localizedTextSchema,
      /** The list this name is used inside, for the names of a list's items. */
      inside: z.string().nullable(),
      example: z.string(),
    }),
  ),
});
