import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { serviceDeliveries, serviceKinds, serviceUnits } from '../../../domain/content';
import type { ServiceContext } from '../../context';
import { allStaff } from '../../http/access';
import { commonErrorResponses, localizedTextSchema } from '../../http/common.schemas';
import { getContentLibrary } from '../content/content.service';

export function catalogRoutes(context: ServiceContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/api/catalog/applications',
      {
        config: { access: allStaff },
        schema: {
          tags: ['catalog'],
          summary: 'Applications that a project can have in scope, from the content library',
          response: {
            200: z.object({
              items: z.array(
                z.object({
                  key: z.string(),
                  name: localizedTextSchema,
                  competenceTeam: z.string(),
                  summary: localizedTextSchema,
                }),
              ),
            }),
            ...commonErrorResponses,
          },
        },
      },
      async () => ({
        items: (await getContentLibrary(context.db)).applications.map((application) => ({
          key: application.key,
          name: application.name,
          competenceTeam: application.competenceTeam,
          summary: application.serviceDescription.summary,
        })),
      }),
    );

    app.get(
      '/api/catalog/services',
      {
        config: { access: allStaff },
        schema: {
          tags: ['catalog'],
          summary: 'What a purchase order line can buy, from the content library',
          response: {
            200: z.object({
              items: z.array(
                z.object({
                  key: z.string(),
                  name: localizedTextSchema,
                  description: localizedTextSchema,
                  kind: z.enum(serviceKinds),
                  delivery: z.enum(serviceDeliveries).nullable(),
                  unit: z.enum(serviceUnits),
                  defaultQuantity: z.number(),
                  steps: z.array(z.string()),
                }),
              ),
            }),
            ...commonErrorResponses,
          },
        },
      },
      async () => ({
        items: (await getContentLibrary(context.db)).services.map((service) => ({
          ...service,
          delivery: service.delivery ?? null,
          steps: [...service.steps],
        })),
      }),
    );
  };
}
