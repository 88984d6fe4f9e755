import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { allStaff } from '../../http/access';
import { localizedTextSchema } from '../../http/common.schemas';
import { applicationCatalog } from './applications';

export const catalogRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/api/catalog/applications',
    {
      config: { access: allStaff },
      schema: {
        tags: ['catalog'],
        summary: 'Applications that a project can have in scope',
        response: { 200: z.object({ items: z.array(z.object({ key: z.string(), name: localizedTextSchema })) }) },
      },
    },
    async () => ({ items: [...applicationCatalog] }),
  );
};
