import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { refuse } from '../../errors';
import { errorResponseSchema } from '../../http/common.schemas';
import { rateLimitOf } from '../../http/rate-limit';

export function healthRoutes(ping: () => Promise<void>): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/healthz',
      {
        config: { access: 'public', rateLimit: rateLimitOf('health') },
        schema: {
          tags: ['health'],
          summary: 'The process is alive',
          response: { 200: z.object({ status: z.literal('ok') }), 429: errorResponseSchema },
        },
        logLevel: 'warn',
      },
      async () => ({ status: 'ok' as const }),
    );

    app.get(
      '/readyz',
      {
        config: { access: 'public', rateLimit: rateLimitOf('health') },
        schema: {
          tags: ['health'],
          summary: 'The database answers',
          response: {
            200: z.object({ status: z.literal('ready') }),
            429: errorResponseSchema,
            503: errorResponseSchema,
          },
        },
        logLevel: 'warn',
      },
      async () => {
        try {
          await ping();
        } catch {
          throw refuse('unavailable', 'health.database_silent');
        }
        return { status: 'ready' as const };
      },
    );
  };
}
