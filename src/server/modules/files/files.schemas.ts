import { z } from 'zod';
import { translatorFor } from '../../../domain/text/i18n';
import { readableText } from '../../http/common.schemas';

const en = translatorFor('en', 'errors');

/** A stored file as the API shows it (questionnaire attachments, requirement evidence, delivery files). */
export const fileSchema = z
  .object({
    id: z.uuid(),
    name: z.string(),
    contentType: z.string(),
    size: z.number().int(),
    uploadedBy: z.object({ kind: z.enum(['staff', 'contact']), name: z.string() }),
    createdAt: z.date(),
  })
  .meta({ id: 'StoredFile' });

/** The name of a file uploaded as the raw request body. */
export const uploadQuery = z.object({ name: readableText().trim().min(1, en('files.give_name')).max(255) });
