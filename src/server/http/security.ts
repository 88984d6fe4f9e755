import type { FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from '../errors';

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
      throw new AppError('cross_origin_refused', 'Requests that change data must come from Engage itself.');
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
    throw new AppError('cross_origin_refused', 'Requests that change data must come from Engage itself.');
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

/** Sets the security headers of every response. */
export function securityHeaders(isHttps: boolean) {
  return async (_request: FastifyRequest, reply: FastifyReply): Promise<void> => {
    reply.header('content-security-policy', contentSecurityPolicy);
    reply.header('x-content-type-options', 'nosniff');
    reply.header('referrer-policy', 'no-referrer');
    reply.header('x-frame-options', 'DENY');
    reply.header('cross-origin-opener-policy', 'same-origin');
    reply.header('cross-origin-resource-policy', 'same-origin');
    reply.header('permissions-policy', 'camera=(), microphone=(), geolocation=(), payment=()');
    if (isHttps) reply.header('strict-transport-security', 'max-age=31536000; includeSubDomains');
  };
}
