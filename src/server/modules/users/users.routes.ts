import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { ServiceContext } from '../../context';
import { allStaff } from '../../http/access';
import { commonErrorResponses } from '../../http/common.schemas';
import { staffActor } from '../../http/identity';
import {
  createUserBody,
  directoryResponse,
  inviteUserBody,
  updateUserBody,
  userAccountSchema,
  userIdParams,
  userListResponse,
} from './users.schemas';
import {
  createStaffUser,
  forcePasswordReset,
  inviteStaffUser,
  listStaffDirectory,
  listStaffUsers,
  resendInvitation,
  updateStaffUser,
} from './users.service';

export function usersRoutes(context: ServiceContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/api/users',
      {
        config: { access: ['admin'] },
        schema: {
          tags: ['users'],
          summary: 'List staff users',
          response: { 200: userListResponse, ...commonErrorResponses },
        },
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
          summary: 'Create a staff user with a password chosen by the admin (inviting them lets them choose their own)',
          body: createUserBody,
          response: { 201: userAccountSchema, ...commonErrorResponses },
        },
      },
      async (request, reply) =>
        reply.status(201).send(await createStaffUser(context, staffActor(request), request.body)),
    );

    app.post(
      '/api/users/invitations',
      {
        config: { access: ['admin'] },
        schema: {
          tags: ['users'],
          summary: 'Invite a member of staff: the user is created without a password and emailed a link to choose one',
          body: inviteUserBody,
          response: { 201: userAccountSchema, ...commonErrorResponses },
        },
      },
      async (request, reply) =>
        reply.status(201).send(await inviteStaffUser(context, staffActor(request), request.body)),
    );

    app.post(
      '/api/users/:id/invitation',
      {
        config: { access: ['admin'] },
        schema: {
          tags: ['users'],
          summary: 'Send an invited user a fresh invitation (the links sent before stop working)',
          params: userIdParams,
          response: { 200: userAccountSchema, ...commonErrorResponses },
        },
      },
      async (request) => resendInvitation(context, staffActor(request), request.params.id),
    );

    app.post(
      '/api/users/:id/password-reset',
      {
        config: { access: ['admin'] },
        schema: {
          tags: ['users'],
          summary: "Clear a user's password, end their sessions at once and email them a link to choose a new one",
          params: userIdParams,
          response: { 200: userAccountSchema, ...commonErrorResponses },
        },
      },
      async (request) => forcePasswordReset(context, staffActor(request), request.params.id),
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
          response: { 200: userAccountSchema, ...commonErrorResponses },
        },
      },
      async (request) => updateStaffUser(context, staffActor(request), request.params.id, request.body),
    );
  };
}
