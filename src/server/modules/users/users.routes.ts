import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { ServiceContext } from '../../context';
import { allStaff } from '../../http/access';
import { commonErrorResponses } from '../../http/common.schemas';
import { staffActor } from '../../http/identity';
import { createUserBody, directoryResponse, updateUserBody, userIdParams, userListResponse, userSchema } from './users.schemas';
import { createStaffUser, listStaffDirectory, listStaffUsers, updateStaffUser } from './users.service';

export function usersRoutes(context: ServiceContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/api/users',
      {
        config: { access: ['admin'] },
        schema: { tags: ['users'], summary: 'List staff users', response: { 200: userListResponse, ...commonErrorResponses } },
      },
      async () => ({ items: await listStaffUsers(context) }),
    );

    app.get(
      '/api/users/directory',
      {
        config: { access: allStaff },
        schema: {
          tags: ['users'],
          summary: 'Active staff by name and role, for pickers and filters',
          response: { 200: directoryResponse, ...commonErrorResponses },
        },
      },
      async () => ({ items: await listStaffDirectory(context) }),
    );

    app.post(
      '/api/users',
      {
        config: { access: ['admin'] },
        schema: {
          tags: ['users'],
          summary: 'Create a staff user',
          body: createUserBody,
          response: { 201: userSchema, ...commonErrorResponses },
        },
      },
      async (request, reply) => reply.status(201).send(await createStaffUser(context, staffActor(request), request.body)),
    );

    app.patch(
      '/api/users/:id',
      {
        config: { access: ['admin'] },
        schema: {
          tags: ['users'],
          summary: "Change a staff user's name, role, language, or disable them (their sessions end at once)",
          params: userIdParams,
          body: updateUserBody,
          response: { 200: userSchema, ...commonErrorResponses },
        },
      },
      async (request) => updateStaffUser(context, staffActor(request), request.params.id, request.body),
    );
  };
}
