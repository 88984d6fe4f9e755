import type { FastifyReply, FastifyRequest } from 'fastify';
import { refuse } from '../errors';

const safeMethods = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Refuses state-changing requests sent by another site: Fetch metadata first (Sec-Fetch-Site), then Origin.
 * Requests carrying neither header do not come from a browser page and cannot ride on a victim's cookie.
 */
export function refuseCrossOriginWrites(publicOrigin: string) {
  return async (request: FastifyRequest): Promise<void> => {
    if (safeMethods.has(request.method)) return;
    const fetchSite = request.headers['sec-fetch-site'];
    if (typeof fetchSite === 'string') {
      if (fetchSite === 'same-origin' || fetchSite === 'none') return;
      throw refuse('cross_origin_refused', 'http.cross_origin');
    }
    const origin = request.headers.origin;
    if (typeof origin !== 'string') return;
    const host = request.headers.host;
    let originHost: string | null;
    try {
      originHost = new URL(origin).host;
    } catch {
      originHost = null;
    }
    if (origin === publicOrigin || (originHost !== null && originHost === host)) return;
    throw refuse('cross_origin_refused', 'http.cross_origin');
  };
}

const contentSecurityPolicy = [
  "default-src 'self'",
  "script-src 'self'",
  // Mantine sets inline style attributes and injects its CSS variables in <style> elements.
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

// A download opened in the browser (a PDF, an HTML file renamed .pdf that the browser sniffs anyway) runs in an opaque
// origin with nothing allowed: it cannot read the session nor call the API.
const downloadContentSecurityPolicy = "default-src 'none'; sandbox";

/**
 * Sets the security headers of every response, keeping those a route set itself: a download carries the sandbox
 * policy (its route's, or this one when its content-disposition says attachment), and every API answer, errors
 * included, is `no-store` unless its route chose its own caching.
 */
export function securityHeaders(isHttps: boolean) {
  return async (request: FastifyRequest, reply: FastifyReply): Promise<void> => {
    if (!reply.hasHeader('content-security-policy')) {
      const disposition = reply.getHeader('content-disposition');
      const isDownload = typeof disposition === 'string' && /^attachment\b/i.test(disposition);
      reply.header('content-security-policy', isDownload ? downloadContentSecurityPolicy : contentSecurityPolicy);
    }
    // An API answer holds one person's data: no browser or proxy cache may keep it (nor show it after a log-out).
    if (isApiPath(request.url) && !reply.hasHeader('cache-control')) reply.header('cache-control', 'no-store');
    reply.header('x-content-type-options', 'nosniff');
    reply.header('referrer-policy', 'no-referrer');
    reply.header('x-frame-options', 'DENY');
    reply.header('cross-origin-opener-policy', 'same-origin');
    reply.header('cross-origin-resource-policy', 'same-origin');
    reply.header('permissions-policy', 'camera=(), microphone=(), geolocation=(), payment=()');
    if (isHttps) reply.header('strict-transport-security', 'max-age=31536000; includeSubDomains');
  };
}

function isApiPath(url: string): boolean {
  return url === '/api' || url.startsWith('/api/') || url.startsWith('/api?');
}
