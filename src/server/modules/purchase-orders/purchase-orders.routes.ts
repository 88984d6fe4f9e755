import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { ServiceContext } from '../../context';
import { commonErrorResponses, idParams } from '../../http/common.schemas';
import { staffActor } from '../../http/identity';
import {
  createPurchaseOrderBody,
  importPurchaseOrdersBody,
  importReportSchema,
  listPurchaseOrdersQuery,
  purchaseOrderListResponse,
  purchaseOrderSchema,
} from './purchase-orders.schemas';
import {
  approvePurchaseOrder,
  createPurchaseOrder,
  deletePurchaseOrder,
  getPurchaseOrder,
  importPurchaseOrders,
  listPurchaseOrders,
} from './purchase-orders.service';

const managers = ['admin', 'manager'] as const;

export function purchaseOrdersRoutes(context: ServiceContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/api/purchase-orders',
      {
        config: { access: managers },
        schema: {
          tags: ['purchase orders'],
          summary: 'Purchase orders, newest first (drafts waiting for approval, or approved ones)',
          querystring: listPurchaseOrdersQuery,
          response: { 200: purchaseOrderListResponse, ...commonErrorResponses },
        },
      },
      async (request) => ({ items: await listPurchaseOrders(context, request.query.status) }),
    );

    app.post(
      '/api/purchase-orders',
      {
        config: { access: managers },
        schema: {
          tags: ['purchase orders'],
          summary: 'Records a purchase order as a draft',
          body: createPurchaseOrderBody,
          response: { 201: purchaseOrderSchema, ...commonErrorResponses },
        },
      },
      async (request, reply) =>
        reply.code(201).send(await createPurchaseOrder(context, staffActor(request), request.body)),
    );

    app.post(
      '/api/purchase-orders/import',
      {
        config: { access: managers },
        bodyLimit: 3 * 1024 * 1024,
        schema: {
          tags: ['purchase orders'],
          summary: 'Imports purchase orders from CSV as drafts, with a row-by-row report (dryRun: check only)',
          body: importPurchaseOrdersBody,
          response: { 200: importReportSchema, ...commonErrorResponses },
        },
      },
      async (request) => importPurchaseOrders(context, staffActor(request), request.body),
    );

    app.get(
      '/api/purchase-orders/:id',
      {
        config: { access: managers },
        schema: {
          tags: ['purchase orders'],
          summary: 'One purchase order',
          params: idParams,
          response: { 200: purchaseOrderSchema, ...commonErrorResponses },
        },
      },
      async (request) => getPurchaseOrder(context, request.params.id),
    );

    app.post(
      '/api/purchase-orders/:id/approve',
      {
        config: { access: managers },
        schema: {
          tags: ['purchase orders'],
          summary: 'Approves a draft purchase order and creates its project (E1)',
          params: idParams,
          response: { 200: purchaseOrderSchema, ...commonErrorResponses },
        },
      },
      async (request) => approvePurchaseOrder(context, staffActor(request), request.params.id),
    );

    app.delete(
      '/api/purchase-orders/:id',
      {
        config: { access: managers },
        schema: {
          tags: ['purchase orders'],
          summary: 'Deletes a draft purchase order (an approved one has its project and stays)',
          params: idParams,
          response: { 204: z.null().meta({ description: 'Deleted' }), ...commonErrorResponses },
        },
      },
      async (request, reply) => {
        await deletePurchaseOrder(context, staffActor(request), request.params.id);
        return reply.code(204).send(null);
      },
    );
  };
}
