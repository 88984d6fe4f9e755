import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { ServiceContext } from '../../context';
import { allStaff, projectWorkers } from '../../http/access';
import { commonErrorResponses, idParams } from '../../http/common.schemas';
import { staffActor } from '../../http/identity';
import {
  approvePurchaseOrderBody,
  auditListQuery,
  auditListResponse,
  confirmCriterionBody,
  confirmCriterionParams,
  createProjectBody,
  listProjectsQuery,
  pipelineStepsQuery,
  pipelineStepsResponse,
  processActionBody,
  projectDetailSchema,
  projectListResponse,
} from './projects.schemas';
import {
  applyProcessAction,
  countPipelineByStep,
  approvePurchaseOrder,
  confirmCriterion,
  createProject,
  getProjectAuditTrail,
  getProjectDetail,
  listPipeline,
  recordPaymentReceived,
} from './projects.service';

const detailResponse = { 200: projectDetailSchema, ...commonErrorResponses };
const managers = ['admin', 'manager'] as const;

export function projectsRoutes(context: ServiceContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/api/projects',
      {
        config: { access: allStaff },
        schema: {
          tags: ['projects'],
          summary: 'The pipeline: projects by most recent change, with filters (support sees closed projects only)',
          querystring: listProjectsQuery,
          response: { 200: projectListResponse, ...commonErrorResponses },
        },
      },
      async (request) => listPipeline(context, staffActor(request), request.query),
    );

    app.get(
      '/api/pipeline/steps',
      {
        config: { access: allStaff },
        schema: {
          tags: ['projects'],
          summary: 'How many running projects stand at each step, within the other pipeline filters',
          querystring: pipelineStepsQuery,
          response: { 200: pipelineStepsResponse, ...commonErrorResponses },
        },
      },
      async (request) => countPipelineByStep(context, staffActor(request), request.query),
    );

    app.post(
      '/api/projects',
      {
        config: { access: managers },
        schema: {
          tags: ['projects'],
          summary: 'Create a project at the first step of the current process template',
          body: createProjectBody,
          response: { 201: projectDetailSchema, ...commonErrorResponses },
        },
      },
      async (request, reply) => reply.status(201).send(await createProject(context, staffActor(request), request.body)),
    );

    app.get(
      '/api/projects/:id',
      {
        config: { access: allStaff },
        schema: {
          tags: ['projects'],
          summary: 'A project with its timeline and allowed actions',
          params: idParams,
          response: detailResponse,
        },
      },
      async (request) => getProjectDetail(context, staffActor(request), request.params.id),
    );

    app.post(
      '/api/projects/:id/purchase-order',
      {
        config: { access: managers },
        schema: {
          tags: ['projects'],
          summary: 'Record the purchase order as approved',
          params: idParams,
          body: approvePurchaseOrderBody,
          response: detailResponse,
        },
      },
      async (request) => approvePurchaseOrder(context, staffActor(request), request.params.id, request.body.number),
    );

    app.post(
      '/api/projects/:id/payment',
      {
        config: { access: managers },
        schema: {
          tags: ['projects'],
          summary: 'Record the prepayment as received',
          params: idParams,
          response: detailResponse,
        },
      },
      async (request) => recordPaymentReceived(context, staffActor(request), request.params.id),
    );

    app.post(
      '/api/projects/:id/criteria/:criterionKey/confirm',
      {
        config: { access: projectWorkers },
        schema: {
          tags: ['projects'],
          summary: 'Confirm by hand an exit criterion that Engage does not record by itself yet',
          params: confirmCriterionParams,
          body: confirmCriterionBody,
          response: detailResponse,
        },
      },
      async (request) =>
        confirmCriterion(
          context,
          staffActor(request),
          request.params.id,
          request.params.criterionKey,
          request.body.note,
        ),
    );

    app.post(
      '/api/projects/:id/actions',
      {
        config: { access: projectWorkers },
        schema: {
          tags: ['projects'],
          summary: 'Complete, waive (managers, with a reason), skip or re-open a step',
          params: idParams,
          body: processActionBody,
          response: detailResponse,
        },
      },
      async (request) => applyProcessAction(context, staffActor(request), request.params.id, request.body),
    );

    app.get(
      '/api/projects/:id/audit',
      {
        config: { access: allStaff },
        schema: {
          tags: ['projects'],
          summary: "A project's audit trail, newest first",
          params: idParams,
          querystring: auditListQuery,
          response: { 200: auditListResponse, ...commonErrorResponses },
        },
      },
      async (request) =>
        getProjectAuditTrail(context, staffActor(request), request.params.id, {
          beforeId: request.query.cursor,
          limit: request.query.limit,
        }),
    );
  };
}
