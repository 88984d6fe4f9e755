import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { ServiceContext } from '../../context';
import { commonErrorResponses, idParams } from '../../http/common.schemas';
import { portalContact, staffActor } from '../../http/identity';
import { clearPortalCookie, readPortalToken, type SessionCookieOptions } from '../../http/session-cookie';
import { listProjectLinks, logoutPortal, revokeLink, sendLinkToContact } from './portal-access.service';
import { linkParams, portalHomeSchema, portalLinkSchema, portalProjectSchema, sendLinkBody } from './portal.schemas';
import { getPortalHome, getPortalProject } from './portal.service';
import { projectWorkers } from '../../http/access';

const noContent = { 204: z.null().meta({ description: 'Done' }), ...commonErrorResponses };

/** The portal's own API (the signed-in contact, their projects, log-out) and the staff's view of the links sent. */
export function portalRoutes(context: ServiceContext, cookie: SessionCookieOptions): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/api/portal/me',
      {
        config: { access: 'contact' },
        schema: {
          tags: ['portal'],
          summary: 'The signed-in contact and the projects they may open',
          response: { 200: portalHomeSchema, ...commonErrorResponses },
        },
      },
      async (request) => getPortalHome(context, portalContact(request)),
    );

    app.post(
      '/api/portal/logout',
      {
        config: { access: 'contact' },
        schema: { tags: ['portal'], summary: 'Ends the portal session of this browser', response: noContent },
      },
      async (request, reply) => {
        const token = readPortalToken(request, cookie);
        if (token !== null) await logoutPortal(context, token, portalContact(request), request.ip);
        clearPortalCookie(reply, cookie);
        return reply.code(204).send(null);
      },
    );

    app.get(
      '/api/portal/projects/:id',
      {
        config: { access: 'contact' },
        schema: {
          tags: ['portal'],
          summary: 'A project in plain words: done, now (and from whom), next; questionnaires and requirements',
          params: idParams,
          response: { 200: portalProjectSchema, ...commonErrorResponses },
        },
      },
      async (request) => getPortalProject(context, portalContact(request), request.params.id, request.ip),
    );

    app.get(
      '/api/projects/:id/portal-links',
      {
        config: { access: projectWorkers },
        schema: {
          tags: ['portal'],
          summary: 'The personal links sent to the project’s contacts, newest first',
          params: idParams,
          response: { 200: z.object({ items: z.array(portalLinkSchema) }), ...commonErrorResponses },
        },
      },
      async (request) => ({ items: await listProjectLinks(context, staffActor(request), request.params.id) }),
    );

    app.post(
      '/api/projects/:id/portal-links',
      {
        config: { access: projectWorkers },
        schema: {
          tags: ['portal'],
          summary: 'Emails a contact of the project a fresh personal link',
          params: idParams,
          body: sendLinkBody,
          response: noContent,
        },
      },
      async (request, reply) => {
        await sendLinkToContact(context, staffActor(request), request.params.id, request.body.contactId);
        return reply.code(204).send(null);
      },
    );

    app.post(
      '/api/projects/:id/portal-links/:linkId/revoke',
      {
        config: { access: projectWorkers },
        schema: {
          tags: ['portal'],
          summary: 'Revokes a link: it can no longer be used, and the sessions it opened end',
          params: linkParams,
          response: noContent,
        },
      },
      async (request, reply) => {
        await revokeLink(context, staffActor(request), request.params.id, request.params.linkId);
        return reply.code(204).send(null);
      },
    );
  };
}
