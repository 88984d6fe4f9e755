import { toApiError } from '../api/errors';
import type { components } from '../api/schema';
import i18n from '../i18n';

export type SealVerification = components['schemas']['SealVerification'];

/** The largest file the server takes (25 MB); a larger one is refused before it is sent. */
export const verifyLimitBytes = 25 * 1024 * 1024;

async function readJson(response: Response): Promise<unknown> {
  try {
    return (await response.json()) as unknown;
  } catch {
    return null;
  }
}

/**
 * Sends the file (a PDF, or the scan of a copy signed outside Engage) as the raw request body to the public
 * verification API and returns what it says about it; rejects with the server's ApiError (validation_failed for an
 * empty file, payload_too_large past 25 MB).
 */
export async function verifyPdf(file: File): Promise<SealVerification> {
  const response = await fetch('/api/verify', {
    method: 'POST',
    credentials: 'same-origin',
    headers: {
      'content-type': file.type || 'application/octet-stream',
      accept: 'application/json',
      'accept-language': i18n.language || 'en',
    },
    body: file,
  });
  const body = await readJson(response);
  if (!response.ok) throw toApiError(response, body);
  return body as SealVerification;
}
