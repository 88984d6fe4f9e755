import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { ServiceContext } from '../../context';
import { allStaff, projectWorkers } from '../../http/access';
import { commonErrorResponses, idParams } from '../../http/common.schemas';
import { staffActor } from '../../http/identity';
import { newWorkLogEntryBody, workLogEntryParams, workLogSchema } from './work-log.schemas';
import { addWorkLogEntry, getWorkLog, removeWorkLogEntry } from './work-log.service';

const tags = ['work-log'];
const response = { 200: workLogSchema, ...commonErrorResponses };

/** The work log of a project (every activity of P1–P8 with who, when and how long) and its effort against the order. */
export function workLogRoutes(context: ServiceContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/api/projects/:id/work-log',
      {
        config: { access: allStaff },
        schema: {
          tags,
          summary: 'The work log and the effort used against what each purchase order line bought',
          params: idParams,
          response,
        },
      },
      async (request) => getWorkLog(context, staffActor(request), request.params.id),
    );

    app.post(
      '/api/projects/:id/work-log',
      {
        config: { access: projectWorkers },
        schema: { tags, summary: 'Logs an activity by hand', params: idParams, body: newWorkLogEntryBody, response },
      },
      async (request) => addWorkLogEntry(context, staffActor(request), request.params.id, request.body),
    );

    app.delete(
      '/api/projects/:id/work-log/:entryId',
      {
        config: { access: projectWorkers },
        schema: { tags, summary: 'Takes an entry out of the work log', params: workLogEntryParams, response },
      },
      async (request) => removeWorkLogEntry(context, staffActor(request), request.params.id, request.params.entryId),
    );
  };
}
