import i18n from '../i18n';
import { toApiError } from '../api/errors';

/**
 * Sends a file as the raw request body (the API takes its name in `?name=`, and what else the route asks for in
 * `query`), reporting progress from 0 to 1. openapi-fetch has no upload progress, hence XMLHttpRequest; a refusal
 * becomes an ApiError with the server's words.
 */
export function uploadFile<Result>(
  url: string,
  file: File,
  onProgress?: (fraction: number) => void,
  query: Record<string, string> = {},
): Promise<Result> {
  return new Promise((resolve, reject) => {
    const request = new XMLHttpRequest();
    request.open('POST', `${url}?${new URLSearchParams({ ...query, name: file.name }).toString()}`);
    request.withCredentials = true;
    request.responseType = 'text';
    request.setRequestHeader('Content-Type', 'application/octet-stream');
    request.setRequestHeader('Accept', 'application/json');
    request.setRequestHeader('Accept-Language', i18n.language || 'en');
    request.upload.onprogress = (event) => {
      if (event.lengthComputable && event.total > 0) onProgress?.(event.loaded / event.total);
    };
    request.onload = () => {
      const body = parseJson(request.responseText);
      if (request.status >= 200 && request.status < 300) {
        resolve(body as Result);
        return;
      }
      if (request.status < 200 || request.status > 599) {
        reject(new TypeError(`Unexpected HTTP status ${request.status}`));
        return;
      }
      const headers = new Headers();
      const retryAfter = request.getResponseHeader('Retry-After');
      if (retryAfter) headers.set('Retry-After', retryAfter);
      reject(toApiError(new Response(null, { status: request.status, statusText: request.statusText, headers }), body));
    };
    request.onerror = () => reject(new TypeError('Network error'));
    request.send(file);
  });
}

function parseJson(text: string): unknown {
  if (!text) return null;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return null;
  }
}
