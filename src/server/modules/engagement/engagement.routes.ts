import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { ServiceContext } from '../../context';
import { projectWorkers } from '../../http/access';
import { commonErrorResponses, idParams } from '../../http/common.schemas';
import { staffActor } from '../../http/identity';
import { projectDetailSchema } from '../projects/projects.schemas';
import {
  assignEngineerBody,
  contactSelectionBody,
  draftMessagesResponse,
  engineerSuggestionsResponse,
} from './engagement.schemas';
import {
  assignEngineer,
  draftContactEmail,
  draftPresentation,
  sendContactEmail,
  sendPresentation,
  suggestEngineers,
} from './engagement.service';

const managers = ['admin', 'manager'] as const;
const detailResponse = { 200: projectDetailSchema, ...commonErrorResponses };
const draftResponse = { 200: draftMessagesResponse, ...commonErrorResponses };

export function engagementRoutes(context: ServiceContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.post(
      '/api/projects/:id/presentation/draft',
      {
        config: { access: managers },
        schema: {
          tags: ['engagement'],
          summary: 'E2: the presentation email as each chosen contact would receive it (nothing is sent)',
          params: idParams,
          body: contactSelectionBody,
          response: draftResponse,
        },
      },
      async (request) => ({
        items: await draftPresentation(context, staffActor(request), request.params.id, request.body.contactIds),
      }),
    );

    app.post(
      '/api/projects/:id/presentation',
      {
        config: { access: managers },
        schema: {
          tags: ['engagement'],
          summary:
            'E2: sends the presentation email, with the workflow overview and the terms attached, to each chosen contact',
          params: idParams,
          body: contactSelectionBody,
          response: detailResponse,
        },
      },
      async (request) => sendPresentation(context, staffActor(request), request.params.id, request.body.contactIds),
    );

    app.get(
      '/api/projects/:id/engineer-suggestions',
      {
        config: { access: managers },
        schema: {
          tags: ['engagement'],
          summary: 'E3: engineers of the competence teams of the project’s applications, least loaded first',
          params: idParams,
          response: { 200: engineerSuggestionsResponse, ...commonErrorResponses },
        },
      },
      async (request) => suggestEngineers(context, staffActor(request), request.params.id),
    );

    app.post(
      '/api/projects/:id/engineer',
      {
        config: { access: managers },
        schema: {
          tags: ['engagement'],
          summary: 'E3: assigns the project’s engineer (of a competence team of its applications)',
          params: idParams,
          body: assignEngineerBody,
          response: detailResponse,
        },
      },
      async (request) => assignEngineer(context, staffActor(request), request.params.id, request.body.engineerId),
    );

    app.post(
      '/api/projects/:id/contact-email/draft',
      {
        config: { access: projectWorkers },
        schema: {
          tags: ['engagement'],
          summary: 'E3: the engineer’s contact email as each chosen contact would receive it (nothing is sent)',
          params: idParams,
          body: contactSelectionBody,
          response: draftResponse,
        },
      },
      async (request) => ({
        items: await draftContactEmail(context, staffActor(request), request.params.id, request.body.contactIds),
      }),
    );

    app.post(
      '/api/projects/:id/contact-email',
      {
        config: { access: projectWorkers },
        schema: {
          tags: ['engagement'],
          summary: 'E3: sends the engineer’s contact email (service descriptions, one link per design questionnaire)',
          params: idParams,
          body: contactSelectionBody,
          response: detailResponse,
        },
      },
      async (request) => sendContactEmail(context, staffActor(request), request.params.id, request.body.contactIds),
    );
  };
}
