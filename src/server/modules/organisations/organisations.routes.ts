import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { ServiceContext } from '../../context';
import { allStaff } from '../../http/access';
import { commonErrorResponses, idParams } from '../../http/common.schemas';
import { staffActor } from '../../http/identity';
import {
  contactSchema,
  createContactBody,
  createOrganisationBody,
  listOrganisationsQuery,
  organisationDetailSchema,
  organisationSchema,
} from './organisations.schemas';
import { createContact, createOrganisation, getOrganisation, listOrganisations } from './organisations.service';

export function organisationsRoutes(context: ServiceContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/api/organisations',
      {
        config: { access: allStaff },
        schema: {
          tags: ['organisations'],
          summary: 'List customers and partners',
          querystring: listOrganisationsQuery,
          response: { 200: z.object({ items: z.array(organisationSchema) }), ...commonErrorResponses },
        },
      },
      async (request) => ({ items: await listOrganisations(context, request.query.kind) }),
    );

    app.post(
      '/api/organisations',
      {
        config: { access: ['admin', 'manager'] },
        schema: {
          tags: ['organisations'],
          summary: 'Create a customer or a partner',
          body: createOrganisationBody,
          response: { 201: organisationSchema, ...commonErrorResponses },
        },
      },
      async (request, reply) => reply.status(201).send(await createOrganisation(context, staffActor(request), request.body)),
    );

    app.get(
      '/api/organisations/:id',
      {
        config: { access: allStaff },
        schema: {
          tags: ['organisations'],
          summary: 'An organisation with its contacts',
          params: idParams,
          response: { 200: organisationDetailSchema, ...commonErrorResponses },
        },
      },
      async (request) => getOrganisation(context, request.params.id),
    );

    app.post(
      '/api/organisations/:id/contacts',
      {
        config: { access: ['admin', 'manager', 'engineer'] },
        schema: {
          tags: ['organisations'],
          summary: 'Add a contact to an organisation',
          params: idParams,
          body: createContactBody,
          response: { 201: contactSchema, ...commonErrorResponses },
        },
      },
      async (request, reply) =>
        reply.status(201).send(await createContact(context, staffActor(request), request.params.id, request.body)),
    );
  };
}
