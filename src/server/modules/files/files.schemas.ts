import { z } from 'zod';
import { readableText } from '../../http/common.schemas';

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
export const uploadQuery = z.object({ name: readableText().trim().min(1, 'Give the file’s name (?name=…).').max(255) });
