/*
 * The HTTP contract of the portal's sessions page: the dates offered to a contact, accepting one or asking for others,
 * and a booked session as a calendar file. Each handler parses, calls sessions.service.ts, and answers.
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { ServiceContext } from '../../context';
import { commonErrorResponses, idParams } from '../../http/common.schemas';
import { portalContact } from '../../http/identity';
import {
  acceptBody,
  askOthersBody,
  portalSessionsSchema,
  projectProposalParams,
  projectSessionParams,
} from './sessions.schemas';
import { calendarFileResponse, sendCalendar } from './sessions.routes';
import { acceptProposedSlot, askForOtherSlots, getPortalSessions, sessionCalendarFile } from './sessions.service';

/** The portal's sessions: a contact chooses a date, asks for others, or takes a session into their calendar. */
export function portalSessionsRoutes(context: ServiceContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/api/portal/projects/:id/sessions',
      {
        config: { access: 'contact' },
        schema: {
          tags: ['portal'],
          summary: 'The dates offered to choose from, and the coming and past sessions',
          params: idParams,
          response: { 200: portalSessionsSchema, ...commonErrorResponses },
        },
      },
      async (request) => getPortalSessions(context, portalContact(request), request.params.id),
    );

    app.post(
      '/api/portal/projects/:id/proposals/:proposalId/accept',
      {
        config: { access: 'contact' },
        schema: {
          tags: ['portal'],
          summary: 'Accepts one of the dates offered (409 when it was just taken: the next free dates replace it)',
          params: projectProposalParams,
          body: acceptBody,
          response: { 200: portalSessionsSchema, ...commonErrorResponses },
        },
      },
      async (request) =>
        acceptProposedSlot(
          context,
          portalContact(request),
          request.ip,
          request.params.id,
          request.params.proposalId,
          request.body.sessionId,
        ),
    );

    app.post(
      '/api/portal/projects/:id/proposals/:proposalId/ask-for-others',
      {
        config: { access: 'contact' },
        schema: {
          tags: ['portal'],
          summary: 'Asks the engineer for other dates, with a note',
          params: projectProposalParams,
          body: askOthersBody,
          response: { 200: portalSessionsSchema, ...commonErrorResponses },
        },
      },
      async (request) =>
        askForOtherSlots(
          context,
          portalContact(request),
          request.ip,
          request.params.id,
          request.params.proposalId,
          request.body.note,
        ),
    );

    app.get(
      '/api/portal/projects/:id/sessions/:sessionId/calendar.ics',
      {
        config: { access: 'contact' },
        schema: {
          tags: ['portal'],
          summary: 'A booked session as a calendar file (add to calendar)',
          params: projectSessionParams,
          response: calendarFileResponse,
        },
      },
      async (request, reply) =>
        sendCalendar(
          reply,
          await sessionCalendarFile(
            context,
            { contact: portalContact(request) },
            request.params.id,
            request.params.sessionId,
          ),
        ),
    );
  };
}
