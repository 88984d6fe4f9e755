import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { ServiceContext } from '../../context';
import { allStaff } from '../../http/access';
import { localizedTextSchema } from '../../http/common.schemas';
import { getCurrentTemplate } from './process.service';

export function processRoutes(context: ServiceContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/api/process/steps',
      {
        config: { access: allStaff },
        schema: {
          tags: ['process'],
          summary: 'Steps of the process template new projects start on',
          response: {
            200: z.object({
              templateKey: z.string(),
              templateVersion: z.number().int(),
              items: z.array(
                z.object({ key: z.string(), code: z.string(), phase: z.string(), title: localizedTextSchema }),
              ),
            }),
          },
        },
      },
      async () => {
        const template = await getCurrentTemplate(context);
        return {
          templateKey: template.key,
          templateVersion: template.version,
          items: template.steps.map((step) => ({
            key: step.key,
            code: step.code,
            phase: step.phase,
            title: step.title,
          })),
        };
      },
    );
  };
}
