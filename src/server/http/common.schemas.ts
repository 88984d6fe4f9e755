import { z } from 'zod';
import { errorCodes } from '../errors';

export const localizedTextSchema = z.object({ en: z.string(), it: z.string() }).meta({ id: 'LocalizedText' });

export const errorResponseSchema = z
  .object({
    code: z.enum(errorCodes),
    message: z.string(),
    details: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
    requestId: z.string(),
  })
  .meta({ id: 'Error' });

export const idParams = z.object({ id: z.uuid({ error: 'Not a valid id.' }) });

/** The error answers every route may give, for the OpenAPI document. */
export const commonErrorResponses = {
  400: errorResponseSchema,
  401: errorResponseSchema,
  403: errorResponseSchema,
  404: errorResponseSchema,
  409: errorResponseSchema,
};
