import { create } from 'content-disposition';

/**
 * `attachment; filename="…"; filename*=UTF-8''…` for a download: the name is quoted and encoded by the library,
 * path separators and control characters are dropped first, so a stored name cannot break the header or the path.
 */
export function attachmentDisposition(filename: string): string {
  // eslint-disable-next-line no-control-regex
  const safe = filename.replace(/[\u0000-\u001f\u007f/\\]+/g, '_').trim() || 'download';
  return create(safe, { type: 'attachment' });
}
