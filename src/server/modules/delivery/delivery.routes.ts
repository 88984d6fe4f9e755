/*
 * The HTTP contract of delivery (P1–P8): the staff's delivery view here, and the routes of each use case in their own
 * files, registered in this order (which is the order of the OpenAPI document): the records of P1–P5, the documents
 * and the closing (P5–P8 and support's dossier search), the portal's checklists and signatures, and the uploads (a UAT
 * result's evidence, a scan signed outside Engage, the public verification of a sealed PDF).
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { ServiceContext } from '../../context';
import { allStaff } from '../../http/access';
import { idParams } from '../../http/common.schemas';
import { staffDelivery, staffView, tags } from './delivery-http';
import { deliveryRecordsRoutes } from './delivery-records.routes';
import { deliveryUploadsRoutes } from './delivery-uploads.routes';
import { documentsAndHandoverRoutes } from './documents-handover.routes';
import { portalDeliveryRoutes } from './portal-delivery.routes';

/** P1–P8 for staff, the portal's checklists and signatures for contacts, the public verification of sealed PDFs, support's dossier search. */
export function deliveryRoutes(context: ServiceContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/api/projects/:id/delivery',
      {
        config: { access: allStaff },
        schema: {
          tags,
          summary: 'P1–P8: checklists, configuration records, UAT, training, notes, documents and hand-over',
          params: idParams,
          response: staffView,
        },
      },
      async (request) => staffDelivery(context, request, request.params.id),
    );

    await app.register(deliveryRecordsRoutes(context));
    await app.register(documentsAndHandoverRoutes(context));
    await app.register(portalDeliveryRoutes(context));
    await app.register(deliveryUploadsRoutes(context));
  };
}
