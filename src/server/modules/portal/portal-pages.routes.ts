import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { translatorFor } from '../../../domain/text/i18n';
import { isLanguage, languageOfHeader, languages, type Language } from '../../../domain/text/languages';
import type { ServiceContext } from '../../context';
import { AppError } from '../../errors';
import { handleError } from '../../http/error-handler';
import { rateLimitOf } from '../../http/rate-limit';
import { readPortalToken, setPortalCookie, type SessionCookieOptions } from '../../http/session-cookie';
import { getContentLibrary } from '../content/content.service';
import { isTrialMailbox } from '../mail/mail.service';
import {
  readLinkPage,
  requestFreshLink,
  resolvePortalSession,
  spendLink,
  type LinkPage,
} from './portal-access.service';

/** The texts of these pages, in the reader's language (src/domain/text/locales/<language>/portal-pages.json). */
const textsIn = (language: Language) => translatorFor(language, 'portal-pages');

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (character) => `&#${character.charCodeAt(0)};`);
}

function languageOf(request: FastifyRequest, known: Language | null): Language {
  return known ?? languageOfHeader(request.headers['accept-language']);
}

function page(language: Language, vendorName: string | null, body: string): string {
  return `<!doctype html>
<html lang="${language}">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><meta name="robots" content="noindex">
<title>${escapeHtml(vendorName === null ? textsIn(language)('title') : `${textsIn(language)('title')} · ${vendorName}`)}</title>
<style>
body{font-family:system-ui,Segoe UI,Arial,sans-serif;color:#1f2933;background:#f5f7fa;margin:0;line-height:1.5}
main{max-width:34rem;margin:3rem auto;padding:2rem 1.5rem;background:#fff;border-radius:12px;box-shadow:0 1px 3px rgba(0,0,0,.08)}
h1{font-size:1.4rem;margin-top:0}h2{font-size:1.1rem;margin-top:2rem}.vendor{color:#52606d;font-size:.9rem;margin-bottom:1.5rem}
button,.button{display:inline-block;font:inherit;font-weight:600;background:#1c7ed6;color:#fff;border:0;border-radius:8px;padding:.7rem 1.4rem;cursor:pointer;text-decoration:none}
button:focus-visible,.button:focus-visible,input:focus-visible{outline:3px solid #74c0fc;outline-offset:2px}
label{display:block;font-weight:600;margin:.75rem 0 .25rem}input{font:inherit;width:100%;box-sizing:border-box;padding:.6rem;border:1px solid #9aa5b1;border-radius:8px;margin-bottom:1rem}
.project{background:#f0f4f8;border-radius:8px;padding:.6rem .9rem;margin:1rem 0}
.trial{background:#fff3bf;border-left:4px solid #fab005;border-radius:6px;padding:.4rem .8rem;margin:0 0 1rem;font-weight:600;font-size:.9rem}
</style></head>
<body><main>${vendorName === null ? '' : `<div class="vendor">${escapeHtml(vendorName)}</div>`}${body}</main></body>
</html>`;
}

function requestForm(language: Language): string {
  const text = textsIn(language);
  return `<h2>${escapeHtml(text('askHeading'))}</h2><p>${escapeHtml(text('askBody'))}</p>
<form method="post" action="/portal/link-request"><input type="hidden" name="lang" value="${language}">
<label for="email">${escapeHtml(text('email'))}</label><input id="email" name="email" type="email" autocomplete="email" required maxlength="320">
<button type="submit">${escapeHtml(text('send'))}</button></form>`;
}

/** Said on every link page while no SMTP server is configured: the person came from the trial mailbox, not an inbox. */
function trialNotice(language: Language, isTrialMailbox: boolean): string {
  return isTrialMailbox ? `<p class="trial" role="note">${escapeHtml(textsIn(language)('trialNotice'))}</p>` : '';
}

function linkPageHtml(
  token: string,
  to: string | undefined,
  view: LinkPage,
  language: Language,
  isTrialMailbox: boolean,
): string {
  const text = textsIn(language);
  if (view.state === 'valid') {
    return page(
      language,
      view.vendorName,
      `${trialNotice(language, isTrialMailbox)}<h1>${escapeHtml(text('validHeading'))}</h1>${view.contactName === null ? '' : `<p>${escapeHtml(text('hello', { name: view.contactName }))}</p>`}
${view.projectLabel === null ? '' : `<div class="project">${escapeHtml(text('project'))}: <strong>${escapeHtml(view.projectLabel)}</strong></div>`}
<p>${escapeHtml(text('validBody'))}</p>
<form method="post" action="/portal/link/${encodeURIComponent(token)}${to === undefined ? '' : `?to=${encodeURIComponent(to)}`}"><button type="submit" autofocus>${escapeHtml(text('continue'))}</button></form>`,
    );
  }
  const signedIn = view.isSignedIn
    ? `<p>${escapeHtml(text('signedIn'))}</p><p><a class="button" href="${escapeHtml(view.next)}">${escapeHtml(text('openPortal'))}</a></p>`
    : '';
  return page(
    language,
    view.vendorName,
    `${trialNotice(language, isTrialMailbox)}<h1>${escapeHtml(text('spentHeading'))}</h1><p>${escapeHtml(text('spentBody'))}</p>${signedIn}${requestForm(language)}`,
  );
}

function sendPage(reply: FastifyReply, html: string, status = 200) {
  return reply.code(status).type('text/html; charset=utf-8').header('cache-control', 'no-store').send(html);
}

/** The forms of these pages send an email address or nothing; whatever the content type, a few KB is plenty. */
const formBodyLimit = 4096;

const tokenParams = z.object({ token: z.string().min(1).max(200) });
const linkQuery = z.object({ to: z.string().max(200).optional() });

/**
 * The pages an emailed link opens, rendered by the server so they work in any mail client's browser: GET only shows
 * the page (mail scanners open every link); the Continue button's POST spends the token, opens the portal session and
 * redirects, so the token leaves the address bar. A used or expired link offers a fresh one by email.
 */
export function portalPagesRoutes(context: ServiceContext, cookie: SessionCookieOptions): FastifyPluginAsyncZod {
  return async (app) => {
    // The forms of these pages post urlencoded bodies; nothing else in the API accepts them.
    app.addContentTypeParser(
      'application/x-www-form-urlencoded',
      { parseAs: 'string', bodyLimit: formBodyLimit },
      (_request, body, done) => {
        done(null, Object.fromEntries(new URLSearchParams(String(body))));
      },
    );

    // A person refused for going too fast reads it as a page in their language, like the rest of these pages. The page
    // reads nothing from the database (not even the vendor's name): a flood of refusals must cost nothing.
    app.setErrorHandler((error, request, reply) => {
      if (!(error instanceof AppError) || error.code !== 'rate_limited')
        return handleError(error as Error, request, reply);
      const seconds = error.headers?.['retry-after'] ?? '60';
      const asked = (request.query as { lang?: unknown } | undefined)?.lang;
      const language = isLanguage(asked) ? asked : languageOf(request, null);
      const text = textsIn(language);
      return sendPage(
        reply.header('retry-after', seconds),
        page(
          language,
          null,
          `<h1>${escapeHtml(text('limitedHeading'))}</h1><p>${escapeHtml(text('limitedBody', { seconds }))}</p>`,
        ),
        429,
      );
    });

    async function signedInContact(request: FastifyRequest) {
      const token = readPortalToken(request, cookie);
      return token === null ? null : resolvePortalSession(context, token);
    }

    app.get(
      '/portal/link/:token',
      {
        config: { access: 'public', rateLimit: rateLimitOf('portal-link') },
        schema: { hide: true, params: tokenParams, querystring: linkQuery },
      },
      async (request, reply) => {
        const { token } = request.params;
        const view = await readLinkPage(context, token, await signedInContact(request), request.query.to);
        if (view.redirect !== null)
          return reply.code(303).header('cache-control', 'no-store').redirect(view.redirect, 303);
        return sendPage(
          reply,
          linkPageHtml(token, request.query.to, view, languageOf(request, view.language), isTrialMailbox(context)),
        );
      },
    );

    app.post(
      '/portal/link/:token',
      {
        config: { access: 'public', rateLimit: rateLimitOf('portal-link') },
        bodyLimit: formBodyLimit,
        schema: { hide: true, params: tokenParams, querystring: linkQuery },
      },
      async (request, reply) => {
        const { token } = request.params;
        const spent = await spendLink(
          context,
          token,
          { ip: request.ip, userAgent: request.headers['user-agent'] ?? null },
          request.query.to,
        );
        if (spent === null) {
          const view = await readLinkPage(context, token, await signedInContact(request), request.query.to);
          if (view.redirect !== null)
            return reply.code(303).header('cache-control', 'no-store').redirect(view.redirect, 303);
          return sendPage(
            reply,
            linkPageHtml(token, request.query.to, view, languageOf(request, view.language), isTrialMailbox(context)),
            410,
          );
        }
        setPortalCookie(reply, cookie, spent.sessionToken);
        return reply.code(303).header('cache-control', 'no-store').redirect(spent.next, 303);
      },
    );

    app.post(
      '/portal/link-request',
      {
        config: { access: 'public', rateLimit: rateLimitOf('link-request') },
        bodyLimit: formBodyLimit,
        schema: {
          hide: true,
          body: z.object({ email: z.string().max(320).default(''), lang: z.enum(languages).optional() }),
        },
      },
      async (request, reply) => {
        // Not awaited: the answer comes as fast for an unknown address as for a known one, whose link is being written.
        requestFreshLink(context, request.body.email, request.ip).catch((error: unknown) =>
          request.log.error({ err: error }, 'a requested portal link could not be sent'),
        );
        const language = request.body.lang ?? languageOf(request, null);
        const library = await getContentLibrary(context.db);
        const days = Math.round(context.portal.linkTtlMs / (24 * 3600 * 1000));
        return sendPage(
          reply,
          page(
            language,
            library.vendor.name,
            `${trialNotice(language, isTrialMailbox(context))}<h1>${escapeHtml(textsIn(language)('sentHeading'))}</h1><p>${escapeHtml(textsIn(language)('sentBody', { days }))}</p>`,
          ),
        );
      },
    );

    // The links of contact emails sent before the portal existed: they lead to the request form.
    app.get(
      '/portal/questionnaires/:projectId/:questionnaireKey',
      {
        config: { access: 'public', rateLimit: rateLimitOf('portal-link') },
        schema: {
          hide: true,
          params: z.object({ projectId: z.string().max(100), questionnaireKey: z.string().max(100) }),
          querystring: z.object({ lang: z.enum(languages).optional() }),
        },
      },
      async (request, reply) => {
        const language = request.query.lang ?? languageOf(request, null);
        const library = await getContentLibrary(context.db);
        const text = textsIn(language);
        return sendPage(
          reply,
          page(
            language,
            library.vendor.name,
            `<h1>${escapeHtml(text('oldLinkHeading'))}</h1><p>${escapeHtml(text('oldLinkBody'))}</p>${requestForm(language)}`,
          ),
        );
      },
    );
  };
}
