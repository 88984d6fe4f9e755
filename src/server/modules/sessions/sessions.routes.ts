/*
 * The HTTP contract of the sessions module: the project's sessions for staff (suggestions, proposals, bookings,
 * changes, calendar files), the staff calendar, capacity and subscription feed, and the portal's sessions page. Each
 * handler parses, calls sessions.service.ts or calendar-views.service.ts, and answers.
 */
import type { FastifyReply } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { ServiceContext } from '../../context';
import { allStaff, projectWorkers } from '../../http/access';
import { commonErrorResponses, idParams } from '../../http/common.schemas';
import { attachmentDisposition } from '../../http/content-disposition';
import { portalContact, staffActor } from '../../http/identity';
import { rateLimitOf } from '../../http/rate-limit';
import {
  createFeed,
  getEngineerCalendar,
  getFeedStatus,
  getTeamCapacity,
  readFeed,
  revokeFeed,
} from './calendar-views.service';
import {
  acceptBody,
  askOthersBody,
  bookBody,
  cancelBody,
  capacityQuery,
  capacitySchema,
  engineerCalendarSchema,
  feedCreatedSchema,
  feedParams,
  feedStatusSchema,
  heldBody,
  overrideBody,
  portalSessionsSchema,
  projectProposalParams,
  projectSessionParams,
  projectSessionsSchema,
  proposeBody,
  rangeQuery,
  recordPastBody,
  rescheduleBody,
  suggestionsQuery,
  suggestionsSchema,
} from './sessions.schemas';
import {
  acceptProposedSlot,
  askForOtherSlots,
  bookSession,
  cancelSession,
  getPortalSessions,
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
const tags = ['sessions'];
const sessionsResponse = { 200: projectSessionsSchema, ...commonErrorResponses };
const noContent = { 204: z.null().meta({ description: 'Done' }), ...commonErrorResponses };
const calendarFileResponse = {
  200: z.any().meta({ description: 'An iCalendar file (text/calendar)' }),
  ...commonErrorResponses,
};

function sendCalendar(reply: FastifyReply, file: { filename: string; content: string }) {
  return reply
    .type('text/calendar; charset=utf-8')
    .header('content-disposition', attachmentDisposition(file.filename))
    .header('cache-control', 'private, no-store')
    .send(file.content);
}

/** Sessions (E7, E8 and every session after): suggestions, proposals, bookings, changes; calendars, capacity and the feed. */
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

    app.get(
      '/api/users/:id/sessions',
      // Not support: the sessions name running projects and their customers, which support does not see.
      {
        config: { access: projectWorkers },
        schema: {
          tags,
          summary: 'A staff member’s sessions, working time and holidays in a range (a week or month view)',
          params: idParams,
          querystring: rangeQuery,
          response: { 200: engineerCalendarSchema, ...commonErrorResponses },
        },
      },
      async (request) => getEngineerCalendar(context, request.params.id, request.query, request.staff?.language),
    );

    app.get(
      '/api/capacity',
      {
        config: { access: allStaff },
        schema: {
          tags,
          summary: 'Available and booked hours per engineer and week',
          querystring: capacityQuery,
          response: { 200: capacitySchema, ...commonErrorResponses },
        },
      },
      async (request) => getTeamCapacity(context, request.query),
    );

    app.get(
      '/api/me/calendar-feed',
      {
        config: { access: allStaff },
        schema: {
          tags,
          summary: 'Whether the caller has a calendar subscription address',
          response: { 200: feedStatusSchema, ...commonErrorResponses },
        },
      },
      async (request) => getFeedStatus(context, staffActor(request)),
    );

    app.post(
      '/api/me/calendar-feed',
      {
        config: { access: allStaff },
        schema: {
          tags,
          summary: 'Creates the caller’s subscription address (shown once), replacing any earlier one',
          response: { 200: feedCreatedSchema, ...commonErrorResponses },
        },
      },
      async (request) => createFeed(context, staffActor(request)),
    );

    app.delete(
      '/api/me/calendar-feed',
      {
        config: { access: allStaff },
        schema: { tags, summary: 'Revokes the caller’s subscription address', response: noContent },
      },
      async (request, reply) => {
        await revokeFeed(context, staffActor(request));
        return reply.code(204).send(null);
      },
    );

    // Calendar applications fetch this without cookies: the secret in the address is the credential.
    app.get(
      '/calendar-feed/:token',
      {
        config: { access: 'public', rateLimit: rateLimitOf('calendar-feed') },
        schema: {
          tags,
          summary: 'A staff member’s booked sessions as a calendar to subscribe to',
          params: feedParams,
          response: { ...calendarFileResponse, 429: commonErrorResponses[400] },
        },
      },
      async (request, reply) => {
        const content = await readFeed(context, request.params.token.replace(/\.ics$/, ''));
        return reply.type('text/calendar; charset=utf-8').header('cache-control', 'private, max-age=300').send(content);
      },
    );

    // ——— the portal ———

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
