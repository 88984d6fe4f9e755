/*
 * The HTTP contract of the portal's delivery page: what a customer or partner contact ticks (the P1/P3 checklists) and
 * signs (the P5/P7 documents, after reviewing their PDF). Each answers with the portal's view, never the internal notes.
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { ServiceContext } from '../../context';
import { idParams } from '../../http/common.schemas';
import { contact, fileResponse, portalDelivery, portalView, sendFile } from './delivery-http';
import { checklistParams, documentParams, signBody, tickBody } from './delivery.schemas';
import { tickChecklistItem } from './delivery.service';
import { getDocumentPdf, signDocument } from './documents.service';

/** The portal: a contact's checklists to tick and documents to sign. */
export function portalDeliveryRoutes(context: ServiceContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/api/portal/projects/:id/delivery',
      {
        config: { access: 'contact' },
        schema: {
          tags: ['portal'],
          summary: 'P1/P3 checklists to tick and P5/P7 documents to sign',
          params: idParams,
          response: portalView,
        },
      },
      async (request) => portalDelivery(context, request, request.params.id),
    );

    app.put(
      '/api/portal/projects/:id/delivery/checklists/:checklist/ticks',
      {
        config: { access: 'contact' },
        schema: {
          tags: ['portal'],
          summary: 'P1/P3: ticks an item as done (or takes the tick back)',
          params: checklistParams,
          body: tickBody,
          response: portalView,
        },
      },
      async (request) => {
        await tickChecklistItem(context, contact(request), request.params.id, request.params.checklist, request.body);
        return portalDelivery(context, request, request.params.id);
      },
    );

    app.get(
      '/api/portal/projects/:id/delivery/documents/:documentId/pdf',
      {
        config: { access: 'contact' },
        schema: {
          tags: ['portal'],
          summary: 'The document to review (the sealed copy once signed)',
          params: documentParams,
          response: fileResponse,
        },
      },
      async (request, reply) =>
        sendFile(reply, await getDocumentPdf(context, contact(request), request.params.id, request.params.documentId)),
    );

    app.post(
      '/api/portal/projects/:id/delivery/documents/:documentId/signature',
      {
        config: { access: 'contact' },
        schema: {
          tags: ['portal'],
          summary: 'Signs the document: typed name, consent, drawn or typed signature',
          params: documentParams,
          body: signBody,
          response: portalView,
        },
      },
      async (request) => {
        await signDocument(context, contact(request), request.params.id, request.params.documentId, request.body, {
          userAgent: request.headers['user-agent'] ?? null,
        });
        return portalDelivery(context, request, request.params.id);
      },
    );
  };
}
