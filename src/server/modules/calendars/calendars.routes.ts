import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { ServiceContext } from '../../context';
import { allStaff } from '../../http/access';
import { commonErrorResponses, idParams } from '../../http/common.schemas';
import { staffActor } from '../../http/identity';
import {
  customerCalendarBody,
  customerCalendarSchema,
  staffCalendarBody,
  staffCalendarSchema,
  timeOffBody,
  timeOffParams,
} from './calendars.schemas';
import {
  addTimeOff,
  getCustomerCalendar,
  getStaffCalendar,
  removeTimeOff,
  updateCustomerCalendar,
  updateStaffCalendar,
} from './calendars.service';

const managers = ['admin', 'manager'] as const;
const tags = ['calendars'];
const staffResponse = { 200: staffCalendarSchema, ...commonErrorResponses };
const customerResponse = { 200: customerCalendarSchema, ...commonErrorResponses };

/** Working calendars (scheduling): each staff member's week, hours, holidays and time off; each organisation's business hours. */
export function calendarsRoutes(context: ServiceContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/api/users/:id/calendar',
      {
        config: { access: allStaff },
        schema: {
          tags,
          summary: 'A staff member’s working calendar, with the coming public holidays and their time off',
          params: idParams,
          response: staffResponse,
        },
      },
      async (request) => getStaffCalendar(context, request.params.id, request.staff?.language),
    );

    app.put(
      '/api/users/:id/calendar',
      {
        config: { access: allStaff },
        schema: {
          tags,
          summary: 'Sets a working calendar (the person themselves, an admin or a manager)',
          params: idParams,
          body: staffCalendarBody,
          response: staffResponse,
        },
      },
      async (request) =>
        updateStaffCalendar(context, staffActor(request), request.params.id, request.body, request.staff?.language),
    );

    app.post(
      '/api/users/:id/time-off',
      {
        config: { access: allStaff },
        schema: {
          tags,
          summary: 'Adds time off: a stretch of time, or whole days',
          params: idParams,
          body: timeOffBody,
          response: staffResponse,
        },
      },
      async (request) =>
        addTimeOff(context, staffActor(request), request.params.id, request.body, request.staff?.language),
    );

    app.delete(
      '/api/users/:id/time-off/:timeOffId',
      {
        config: { access: allStaff },
        schema: { tags, summary: 'Removes time off', params: timeOffParams, response: staffResponse },
      },
      async (request) =>
        removeTimeOff(
          context,
          staffActor(request),
          request.params.id,
          request.params.timeOffId,
          request.staff?.language,
        ),
    );

    app.get(
      '/api/organisations/:id/calendar',
      {
        config: { access: allStaff },
        schema: {
          tags,
          summary: 'An organisation’s business calendar, with the coming public holidays',
          params: idParams,
          response: customerResponse,
        },
      },
      async (request) => getCustomerCalendar(context, request.params.id, request.staff?.language),
    );

    app.put(
      '/api/organisations/:id/calendar',
      {
        config: { access: managers },
        schema: {
          tags,
          summary: 'Sets an organisation’s business calendar',
          params: idParams,
          body: customerCalendarBody,
          response: customerResponse,
        },
      },
      async (request) =>
        updateCustomerCalendar(context, staffActor(request), request.params.id, request.body, request.staff?.language),
    );
  };
}
