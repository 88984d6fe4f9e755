import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';

const pageText = {
  en: {
    lang: 'en',
    title: 'Design questionnaire',
    heading: 'Your design questionnaire opens soon',
    body: 'This is the right link: keep the email. The questionnaire will open here in the coming days; your engineer will let you know. If you have questions meanwhile, reply to the engineer’s email.',
  },
  it: {
    lang: 'it',
    title: 'Questionario di progettazione',
    heading: 'Il vostro questionario di progettazione sarà disponibile a breve',
    body: 'Il link è corretto: conservate l’email. Il questionario si aprirà qui nei prossimi giorni; il vostro tecnico vi avviserà. Per qualsiasi domanda nel frattempo, rispondete all’email del tecnico.',
  },
} as const;

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (character) => `&#${character.charCodeAt(0)};`);
}

/**
 * The links of the engineer's contact email lead here until the external portal exists: a page that says the
 * questionnaire opens soon (no dead link), in the reader's language, showing nothing of the project.
 */
export const portalRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/portal/questionnaires/:projectId/:questionnaireKey',
    {
      config: { access: 'public' },
      schema: {
        hide: true,
        params: z.object({ projectId: z.string().max(100), questionnaireKey: z.string().max(100) }),
        querystring: z.object({ lang: z.enum(['en', 'it']).optional() }),
      },
    },
    async (request, reply) => {
      const accepted = request.query.lang ?? (/^\s*it\b/i.test(request.headers['accept-language'] ?? '') ? 'it' : 'en');
      const text = pageText[accepted];
      const html = `<!doctype html>
<html lang="${text.lang}">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><meta name="robots" content="noindex">
<title>${escapeHtml(text.title)}</title>
<style>body{font-family:system-ui,Segoe UI,Arial,sans-serif;color:#1f2933;max-width:36rem;margin:4rem auto;padding:0 1.25rem;line-height:1.5}h1{font-size:1.5rem}</style></head>
<body><main><h1>${escapeHtml(text.heading)}</h1><p>${escapeHtml(text.body)}</p></main></body>
</html>`;
      return reply.type('text/html; charset=utf-8').header('cache-control', 'no-store').send(html);
    },
  );
};
