import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { ServiceContext } from '../../context';
import { allStaff } from '../../http/access';
import { commonErrorResponses, idParams } from '../../http/common.schemas';
import { staffActor } from '../../http/identity';
import {
  contactParams,
  contactSchema,
  createContactBody,
  createOrganisationBody,
  listOrganisationsQuery,
  organisationDetailSchema,
  organisationSchema,
  updateContactBody,
} from './organisations.schemas';
import {
  createContact,
  createOrganisation,
  disableContact,
  enableContact,
  getOrganisation,
  listOrganisations,
  updateContact,
} from './organisations.service';

/** Who may call the contact routes: the services then narrow engineers to organisations of their own projects. */
const contactManagers = ['admin', 'manager', 'engineer'] as const;

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
      async (request, reply) =>
        reply.status(201).send(await createOrganisation(context, staffActor(request), request.body)),
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
      async (request) => getOrganisation(context, staffActor(request), request.params.id),
    );

    app.post(
      '/api/organisations/:id/contacts',
      {
        config: { access: contactManagers },
        schema: {
          tags: ['organisations'],
          summary: 'Add a contact to an organisation (a manager, or the engineer of one of its projects)',
          params: idParams,
          body: createContactBody,
          response: { 201: contactSchema, ...commonErrorResponses },
        },
      },
      async (request, reply) =>
        reply.status(201).send(await createContact(context, staffActor(request), request.params.id, request.body)),
    );

    app.patch(
      '/api/organisations/:id/contacts/:contactId',
      {
        config: { access: contactManagers },
        schema: {
          tags: ['organisations'],
          summary:
            'Change a contact’s name, email, phone, language or role (a new email revokes the unused links sent to the old one)',
          params: contactParams,
          body: updateContactBody,
          response: { 200: contactSchema, ...commonErrorResponses },
        },
      },
      async (request) =>
        updateContact(context, staffActor(request), request.params.id, request.params.contactId, request.body),
    );

    app.post(
      '/api/organisations/:id/contacts/:contactId/disable',
      {
        config: { access: contactManagers },
        schema: {
          tags: ['organisations'],
          summary:
            'Disable a contact: their portal sessions end, their unused links are revoked, and they are sent no link until enabled',
          params: contactParams,
          response: { 200: contactSchema, ...commonErrorResponses },
        },
      },
      async (request) => disableContact(context, staffActor(request), request.params.id, request.params.contactId),
    );

    app.post(
      '/api/organisations/:id/contacts/:contactId/enable',
      {
        config: { access: contactManagers },
        schema: {
          tags: ['organisations'],
          summary: 'Enable a disabled contact again: they may be sent links again (nothing revoked is restored)',
          params: contactParams,
          response: { 200: contactSchema, ...commonErrorResponses },
        },
      },
      async (request) => enableContact(context, staffActor(request), request.params.id, request.params.contactId),
    );
  };
}
