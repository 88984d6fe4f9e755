import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { ServiceContext } from '../../context';
import { allStaff } from '../../http/access';
import { commonErrorResponses, errorResponseSchema } from '../../http/common.schemas';
import { rateLimitOf } from '../../http/rate-limit';
import { clearSessionCookie, readSessionToken, setSessionCookie, type SessionCookieOptions } from '../../http/session-cookie';
import { userSchema } from '../users/users.schemas';
import { presentUser } from '../users/users.service';
import { login, logout } from './auth.service';

const loginBody = z.object({
  email: z.string().trim().min(1, 'Enter your email.').max(254),
  password: z.string().min(1, 'Enter your password.').max(256),
});

export function authRoutes(context: ServiceContext, cookie: SessionCookieOptions): FastifyPluginAsyncZod {
  return async (app) => {
    app.post(
      '/api/auth/login',
      {
        config: { access: 'public', rateLimit: rateLimitOf('login') },
        // An email and a password: a few hundred bytes.
        bodyLimit: 4096,
        schema: {
          tags: ['auth'],
          summary: 'Log in with email and password; opens a new session (cookie)',
          body: loginBody,
          response: { 200: z.object({ user: userSchema }), 429: errorResponseSchema, ...commonErrorResponses },
        },
      },
      async (request, reply) => {
        const result = await login(context, {
          email: request.body.email,
          password: request.body.password,
          previousToken: readSessionToken(request, cookie),
          ip: request.ip,
          userAgent: request.headers['user-agent'] ?? null,
        });
        setSessionCookie(reply, cookie, result.token);
        return { user: presentUser(result.user) };
      },
    );

    app.post(
      '/api/auth/logout',
      {
        config: { access: 'public', rateLimit: rateLimitOf('logout') },
        bodyLimit: 1024,
        schema: { tags: ['auth'], summary: 'End the current session', response: { 204: z.null(), 429: errorResponseSchema, ...commonErrorResponses } },
      },
      async (request, reply) => {
        const token = readSessionToken(request, cookie);
        if (token !== null) await logout(context, token, request.ip);
        clearSessionCookie(reply, cookie);
        return reply.status(204).send(null);
      },
    );

    app.get(
      '/api/auth/me',
      {
        config: { access: allStaff },
        schema: { tags: ['auth'], summary: 'The logged-in staff user', response: { 200: z.object({ user: userSchema }), ...commonErrorResponses } },
      },
      async (request) => ({ user: presentUser(request.staff as NonNullable<typeof request.staff>) }),
    );
  };
}
