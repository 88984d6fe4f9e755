import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { translate, translatorFor } from '../../../domain/text/i18n';
import type { ServiceContext } from '../../context';
import { allStaff } from '../../http/access';
import { staffActor } from '../../http/identity';
import { commonErrorResponses, errorResponseSchema } from '../../http/common.schemas';
import { rateLimitOf } from '../../http/rate-limit';
import {
  clearSessionCookie,
  readSessionToken,
  setSessionCookie,
  type SessionCookieOptions,
} from '../../http/session-cookie';
import { passwordSchema, userSchema } from '../users/users.schemas';
import { presentUser } from '../users/users.service';
import { login, logout } from './auth.service';
import { changeOwnPassword, inspectPasswordLink, requestPasswordReset, setPasswordWithLink } from './password.service';
import { passwordTokenTtlMs } from './password-tokens';

const en = translatorFor('en', 'errors');

const loginBody = z.object({
  email: z.string().trim().min(1, en('auth.enter_email')).max(254),
  password: z.string().min(1, en('auth.enter_password')).max(256),
});

const changePasswordBody = z.object({
  currentPassword: z.string().min(1, en('auth.enter_current_password')).max(256),
  newPassword: passwordSchema,
});

const forgotPasswordBody = z.object({
  email: z
    .string()
    .trim()
    .min(1, en('auth.enter_email'))
    .max(254, en('common.at_most_characters', { maximum: 254 })),
});

// 256 random bits in base64url; anything else cannot be a link Engage sent.
const passwordLinkToken = z.string().regex(/^[A-Za-z0-9_-]{43}$/, en('auth.not_an_engage_link'));

const passwordLinkInfo = z
  .object({
    purpose: z.enum(['reset', 'invitation']),
    email: z.string(),
    name: z.string(),
    expiresAt: z.iso.datetime(),
  })
  .meta({ id: 'PasswordLinkInfo' });

/** Said after every "Forgot your password?" request, whatever happened: whether an address has an account must not show. */
export const passwordResetRequestedMessage = translate('en', 'words', 'auth.resetRequested', {
  minutes: passwordTokenTtlMs.reset / 60_000,
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
        schema: {
          tags: ['auth'],
          summary: 'End the current session',
          response: { 204: z.null(), 429: errorResponseSchema, ...commonErrorResponses },
        },
      },
      async (request, reply) => {
        const token = readSessionToken(request, cookie);
        if (token !== null) await logout(context, token, request.ip);
        clearSessionCookie(reply, cookie);
        return reply.status(204).send(null);
      },
    );

    app.post(
      '/api/auth/password',
      {
        config: { access: allStaff },
        bodyLimit: 4096,
        schema: {
          tags: ['auth'],
          summary:
            'Change my password: needs the current one; every other session of mine ends at once, this one stays',
          body: changePasswordBody,
          response: {
            200: z.object({ otherSessionsEnded: z.number().int() }),
            429: errorResponseSchema,
            ...commonErrorResponses,
          },
        },
      },
      async (request) => {
        // The route is for signed-in staff: the access rule has already refused a request without this cookie.
        const sessionToken = readSessionToken(request, cookie) ?? '';
        const { sessionsEnded } = await changeOwnPassword(context, staffActor(request), {
          sessionToken,
          ...request.body,
        });
        return { otherSessionsEnded: sessionsEnded };
      },
    );

    app.post(
      '/api/auth/forgot-password',
      {
        config: { access: 'public', rateLimit: rateLimitOf('password-reset-request') },
        bodyLimit: 4096,
        schema: {
          tags: ['auth'],
          summary:
            'Email a link to choose a new password to the account with this address, if there is one (the answer is the same either way)',
          body: forgotPasswordBody,
          response: { 202: z.object({ message: z.string() }), 429: errorResponseSchema, ...commonErrorResponses },
        },
      },
      async (request, reply) => {
        await requestPasswordReset(context, request.body.email, request.ip);
        return reply.status(202).send({ message: passwordResetRequestedMessage });
      },
    );

    app.post(
      '/api/auth/password-link',
      {
        config: { access: 'public', rateLimit: rateLimitOf('password-link') },
        bodyLimit: 4096,
        schema: {
          tags: ['auth'],
          summary:
            "Whose password link this is and what for, changing nothing (the link's page asks before the password is chosen)",
          body: z.object({ token: passwordLinkToken }),
          response: {
            200: passwordLinkInfo,
            410: errorResponseSchema,
            429: errorResponseSchema,
            ...commonErrorResponses,
          },
        },
      },
      async (request) => {
        const info = await inspectPasswordLink(context, request.body.token);
        return { ...info, expiresAt: info.expiresAt.toISOString() };
      },
    );

    app.post(
      '/api/auth/set-password',
      {
        config: { access: 'public', rateLimit: rateLimitOf('password-link') },
        bodyLimit: 4096,
        schema: {
          tags: ['auth'],
          summary:
            'Choose a password with a link from an email: spends the link, ends every session of the user and signs this browser in',
          body: z.object({ token: passwordLinkToken, password: passwordSchema }),
          response: {
            200: z.object({ user: userSchema }),
            410: errorResponseSchema,
            429: errorResponseSchema,
            ...commonErrorResponses,
          },
        },
      },
      async (request, reply) => {
        const result = await setPasswordWithLink(context, {
          token: request.body.token,
          password: request.body.password,
          ip: request.ip,
          userAgent: request.headers['user-agent'] ?? null,
        });
        setSessionCookie(reply, cookie, result.token);
        return { user: presentUser(result.user) };
      },
    );

    app.get(
      '/api/auth/me',
      {
        config: { access: allStaff },
        schema: {
          tags: ['auth'],
          summary: 'The logged-in staff user',
          response: { 200: z.object({ user: userSchema }), ...commonErrorResponses },
        },
      },
      async (request) => ({ user: presentUser(request.staff as NonNullable<typeof request.staff>) }),
    );
  };
}
