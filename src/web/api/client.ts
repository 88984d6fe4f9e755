import createClient, { type Middleware } from 'openapi-fetch';
import i18n from '../i18n';
import { toApiError } from './errors';
import type { paths } from './schema';

export const api = createClient<paths>({ baseUrl: '', credentials: 'same-origin' });

let onUnauthorized: (() => void) | undefined;

/** Registers what to do when a staff call other than login / me answers 401 (the staff session is gone). */
export function setUnauthorizedHandler(handler: (() => void) | undefined): void {
  onUnauthorized = handler;
}

const sessionPaths = new Set(['/api/auth/login', '/api/auth/me', '/api/auth/logout']);

const middleware: Middleware = {
  onRequest({ request }) {
    request.headers.set('Accept-Language', i18n.language || 'en');
    return request;
  },
  onResponse({ request, response }) {
    const path = new URL(request.url).pathname;
    // The portal's 401 means no contact session: it says nothing about a staff session in the same browser.
    if (response.status === 401 && !sessionPaths.has(path) && !path.startsWith('/api/portal/')) {
      onUnauthorized?.();
    }
    return response;
  },
};

api.use(middleware);

interface FetchResult<T> {
  data?: T;
  error?: unknown;
  response: Response;
}

/** Awaits an openapi-fetch call and returns its data, or throws an ApiError. */
export async function call<T>(pending: Promise<FetchResult<T>>): Promise<T> {
  const { data, error, response } = await pending;
  if (!response.ok) throw toApiError(response, error);
  return data as T;
}
