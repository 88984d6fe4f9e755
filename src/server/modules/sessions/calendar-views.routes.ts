/*
 * The HTTP contract of the staff's views of sessions across projects: a staff member's calendar, the team's capacity,
 * and the personal subscription feed (its address, and the feed calendar applications read without cookies).
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { ServiceContext } from '../../context';
import { allStaff, projectWorkers } from '../../http/access';
import { commonErrorResponses, idParams } from '../../http/common.schemas';
import { staffActor } from '../../http/identity';
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
  capacityQuery,
  capacitySchema,
  engineerCalendarSchema,
  feedCreatedSchema,
  feedParams,
  feedStatusSchema,
  rangeQuery,
} from './sessions.schemas';
import { calendarFileResponse, tags } from './sessions.routes';

const noContent = { 204: z.null().meta({ description: 'Done' }), ...commonErrorResponses };

/** The staff calendar, the team's capacity and the subscription feed. */
export function calendarViewsRoutes(context: ServiceContext): FastifyPluginAsyncZod {
  return async (app) => {
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
  };
}
