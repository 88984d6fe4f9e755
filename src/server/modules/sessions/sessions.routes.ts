/*
 * The HTTP contract of the project's sessions for staff: the Sessions tab, slot suggestions, the scheduling override,
 * proposals, bookings and their changes, and a session's calendar file. Each handler parses, calls sessions.service.ts,
 * and answers. The staff calendar, capacity and feed are in calendar-views.routes.ts, the portal's in
 * portal-sessions.routes.ts.
 */
import type { FastifyReply } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { ServiceContext } from '../../context';
import { allStaff, projectWorkers } from '../../http/access';
import { commonErrorResponses, idParams } from '../../http/common.schemas';
import { attachmentDisposition } from '../../http/content-disposition';
import { staffActor } from '../../http/identity';
import {
  bookBody,
  cancelBody,
  heldBody,
  overrideBody,
  projectProposalParams,
  projectSessionParams,
  projectSessionsSchema,
  proposeBody,
  recordPastBody,
  rescheduleBody,
  suggestionsQuery,
  suggestionsSchema,
} from './sessions.schemas';
import {
  bookSession,
  cancelSession,
  getProjectSessions,
  markSessionHeld,
  overrideSchedulingGate,
  proposeSessions,
  recordPastSession,
  rescheduleSession,
  sessionCalendarFile,
  suggestSlots,
  withdrawProposal,
} from './sessions.service';

const managers = ['admin', 'manager'] as const;
export const tags = ['sessions'];
const sessionsResponse = { 200: projectSessionsSchema, ...commonErrorResponses };
export const calendarFileResponse = {
  200: z.any().meta({ description: 'An iCalendar file (text/calendar)' }),
  ...commonErrorResponses,
};

/** Answers a calendar file as an attachment, never cached by a shared cache. */
export function sendCalendar(reply: FastifyReply, file: { filename: string; content: string }) {
  return reply
    .type('text/calendar; charset=utf-8')
    .header('content-disposition', attachmentDisposition(file.filename))
    .header('cache-control', 'private, no-store')
    .send(file.content);
}

/** Sessions (E7, E8 and every session after): suggestions, proposals, bookings, changes. */
export function sessionsRoutes(context: ServiceContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/api/projects/:id/sessions',
      {
        config: { access: allStaff },
        schema: {
          tags,
          summary: 'The project’s sessions and proposals, whether it may be scheduled, and its scheduling target',
          params: idParams,
          response: sessionsResponse,
        },
      },
      async (request) => getProjectSessions(context, staffActor(request), request.params.id),
    );

    app.get(
      '/api/projects/:id/slot-suggestions',
      {
        config: { access: projectWorkers },
        schema: {
          tags,
          summary:
            'The earliest free slots of the engineer, and of the other engineers of the project’s competence teams',
          params: idParams,
          querystring: suggestionsQuery,
          response: { 200: suggestionsSchema, ...commonErrorResponses },
        },
      },
      async (request) => suggestSlots(context, staffActor(request), request.params.id, request.query),
    );

    app.post(
      '/api/projects/:id/scheduling-override',
      {
        config: { access: managers },
        schema: {
          tags,
          summary: 'Allows scheduling before the requirements are verified (a manager, with a reason)',
          params: idParams,
          body: overrideBody,
          response: sessionsResponse,
        },
      },
      async (request) => overrideSchedulingGate(context, staffActor(request), request.params.id, request.body.reason),
    );

    app.post(
      '/api/projects/:id/proposals',
      {
        config: { access: projectWorkers },
        schema: {
          tags,
          summary: 'Proposes up to three dates; the contacts choose one in the portal',
          params: idParams,
          body: proposeBody,
          response: sessionsResponse,
        },
      },
      async (request) => proposeSessions(context, staffActor(request), request.params.id, request.body),
    );

    app.post(
      '/api/projects/:id/proposals/:proposalId/withdraw',
      {
        config: { access: projectWorkers },
        schema: {
          tags,
          summary: 'Withdraws an open proposal',
          params: projectProposalParams,
          response: sessionsResponse,
        },
      },
      async (request) => withdrawProposal(context, staffActor(request), request.params.id, request.params.proposalId),
    );

    app.post(
      '/api/projects/:id/sessions',
      {
        config: { access: projectWorkers },
        schema: {
          tags,
          summary: 'Books a session agreed outside Engage: confirmed at once, invitations sent',
          params: idParams,
          body: bookBody,
          response: sessionsResponse,
        },
      },
      async (request) => bookSession(context, staffActor(request), request.params.id, request.body),
    );

    app.post(
      '/api/projects/:id/sessions/:sessionId/reschedule',
      {
        config: { access: projectWorkers },
        schema: {
          tags,
          summary: 'Moves a confirmed session; the invitation is updated (same UID, higher SEQUENCE)',
          params: projectSessionParams,
          body: rescheduleBody,
          response: sessionsResponse,
        },
      },
      async (request) =>
        rescheduleSession(context, staffActor(request), request.params.id, request.params.sessionId, request.body),
    );

    app.post(
      '/api/projects/:id/sessions/:sessionId/cancel',
      {
        config: { access: projectWorkers },
        schema: {
          tags,
          summary: 'Cancels a confirmed session; the attendees get a cancellation (METHOD:CANCEL)',
          params: projectSessionParams,
          body: cancelBody,
          response: sessionsResponse,
        },
      },
      async (request) =>
        cancelSession(context, staffActor(request), request.params.id, request.params.sessionId, request.body.reason),
    );

    app.post(
      '/api/projects/:id/sessions/:sessionId/held',
      {
        config: { access: projectWorkers },
        schema: {
          tags,
          summary: 'Marks a session held (the first completes E8)',
          params: projectSessionParams,
          body: heldBody,
          response: sessionsResponse,
        },
      },
      async (request) =>
        markSessionHeld(context, staffActor(request), request.params.id, request.params.sessionId, request.body.note),
    );

    app.post(
      '/api/projects/:id/past-sessions',
      {
        config: { access: projectWorkers },
        schema: {
          tags,
          summary:
            'Records a session that already took place, as held at once (the first completes E7 and E8); nobody is emailed',
          params: idParams,
          body: recordPastBody,
          response: sessionsResponse,
        },
      },
      async (request) => recordPastSession(context, staffActor(request), request.params.id, request.body),
    );

    app.get(
      '/api/projects/:id/sessions/:sessionId/calendar.ics',
      {
        config: { access: allStaff },
        schema: {
          tags,
          summary: 'A booked session as a calendar file',
          params: projectSessionParams,
          response: calendarFileResponse,
        },
      },
      async (request, reply) =>
        sendCalendar(
          reply,
          await sessionCalendarFile(
            context,
            { staff: staffActor(request) },
            request.params.id,
            request.params.sessionId,
          ),
        ),
    );
  };
}
