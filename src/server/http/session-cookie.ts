import type { FastifyReply, FastifyRequest } from 'fastify';

export interface SessionCookieOptions {
  isHttps: boolean;
}

/** `__Host-` requires Secure and Path=/ and forbids Domain, so a sibling subdomain cannot plant or read it. */
export function sessionCookieName(options: SessionCookieOptions): string {
  return options.isHttps ? '__Host-engage_session' : 'engage_session';
}

export function readSessionToken(request: FastifyRequest, options: SessionCookieOptions): string | null {
  const value = request.cookies[sessionCookieName(options)];
  return typeof value === 'string' && value.length > 0 && value.length < 200 ? value : null;
}

export function setSessionCookie(reply: FastifyReply, options: SessionCookieOptions, token: string): void {
  reply.setCookie(sessionCookieName(options), token, {
    path: '/',
    httpOnly: true,
    sameSite: 'lax',
    secure: options.isHttps,
  });
}

export function clearSessionCookie(reply: FastifyReply, options: SessionCookieOptions): void {
  reply.clearCookie(sessionCookieName(options), {
    path: '/',
    httpOnly: true,
    sameSite: 'lax',
    secure: options.isHttps,
  });
}

/** The portal's session cookie (external contacts): separate from staff sessions, same protections. */
export function portalCookieName(options: SessionCookieOptions): string {
  return options.isHttps ? '__Host-engage_portal' : 'engage_portal';
}

export function readPortalToken(request: FastifyRequest, options: SessionCookieOptions): string | null {
  const value = request.cookies[portalCookieName(options)];
  return typeof value === 'string' && value.length > 0 && value.length < 200 ? value : null;
}

export function setPortalCookie(reply: FastifyReply, options: SessionCookieOptions, token: string): void {
  reply.setCookie(portalCookieName(options), token, {
    path: '/',
    httpOnly: true,
    sameSite: 'lax',
    secure: options.isHttps,
  });
}

export function clearPortalCookie(reply: FastifyReply, options: SessionCookieOptions): void {
  reply.clearCookie(portalCookieName(options), { path: '/', httpOnly: true, sameSite: 'lax', secure: options.isHttps });
}
