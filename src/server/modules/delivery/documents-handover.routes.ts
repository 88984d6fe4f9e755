/*
 * The HTTP contract of the documents and the closing: a UAT document or activity report put up for signature and its
 * PDF (P5/P7), the trainings (P6), the report's and the maintenance notes (P7), closing and the hand-over package (P8,
 * also without a signed report), and support's search of the dossiers. Each change answers with the staff's view.
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { ServiceContext } from '../../context';
import { allStaff, projectWorkers } from '../../http/access';
import { commonErrorResponses, idParams } from '../../http/common.schemas';
import { staffActor } from '../../http/identity';
import { fileResponse, sendFile, staff, staffDelivery, staffView, tags } from './delivery-http';
import {
  closeWithoutSignedReportBody,
  documentParams,
  dossierSearchQuery,
  dossierSearchSchema,
  handoverFileParams,
  notesBody,
  prepareDocumentBody,
  trainingBody,
  trainingParams,
} from './delivery.schemas';
import { addTraining, removeTraining, saveNotes } from './delivery.service';
import { getDocumentPdf, prepareDocument } from './documents.service';
import { closeProject, closeProjectWithoutSignedReport, getHandoverFile, searchDossiers } from './handover.service';

/** P5–P8 for staff: documents to sign, trainings, notes, closing and hand-over; support's dossier search. */
export function documentsAndHandoverRoutes(context: ServiceContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.post(
      '/api/projects/:id/delivery/documents',
      {
        config: { access: projectWorkers },
        schema: {
          tags,
          summary: 'P5/P7: puts a new version of the UAT document or the activity report up for signature',
          params: idParams,
          body: prepareDocumentBody,
          response: staffView,
        },
      },
      async (request) => {
        await prepareDocument(context, staffActor(request), request.params.id, request.body);
        return staffDelivery(context, request, request.params.id);
      },
    );

    app.get(
      '/api/projects/:id/delivery/documents/:documentId/pdf',
      {
        config: { access: allStaff },
        schema: {
          tags,
          summary: 'The document’s PDF: the sealed copy once signed',
          params: documentParams,
          response: fileResponse,
        },
      },
      async (request, reply) =>
        sendFile(reply, await getDocumentPdf(context, staff(request), request.params.id, request.params.documentId)),
    );

    app.post(
      '/api/projects/:id/delivery/trainings',
      {
        config: { access: projectWorkers },
        schema: {
          tags,
          summary: 'P6: records a training given',
          params: idParams,
          body: trainingBody,
          response: staffView,
        },
      },
      async (request) => {
        await addTraining(context, staffActor(request), request.params.id, request.body);
        return staffDelivery(context, request, request.params.id);
      },
    );

    app.delete(
      '/api/projects/:id/delivery/trainings/:trainingId',
      {
        config: { access: projectWorkers },
        schema: { tags, summary: 'P6: takes a training record out', params: trainingParams, response: staffView },
      },
      async (request) => {
        await removeTraining(context, staffActor(request), request.params.id, request.params.trainingId);
        return staffDelivery(context, request, request.params.id);
      },
    );

    app.put(
      '/api/projects/:id/delivery/notes',
      {
        config: { access: projectWorkers },
        schema: {
          tags,
          summary: 'P7: the report’s notes and the internal maintenance notes (staff only)',
          params: idParams,
          body: notesBody,
          response: staffView,
        },
      },
      async (request) => {
        await saveNotes(context, staffActor(request), request.params.id, request.body);
        return staffDelivery(context, request, request.params.id);
      },
    );

    app.post(
      '/api/projects/:id/delivery/handover',
      {
        config: { access: projectWorkers },
        schema: {
          tags,
          summary:
            'P8: closes the project (the activity report must be signed) and sends the hand-over package to support',
          params: idParams,
          response: staffView,
        },
      },
      async (request) => {
        await closeProject(context, staffActor(request), request.params.id);
        return staffDelivery(context, request, request.params.id);
      },
    );

    app.post(
      '/api/projects/:id/delivery/handover/without-signed-report',
      {
        config: { access: projectWorkers },
        schema: {
          tags,
          summary: 'P7–P8: a manager closes the project although the activity report stays unsigned, with a reason',
          description:
            'For a customer who never signs the activity report. P7 is waived with the reason, then the project closes as with the ordinary close: the installation dossier records that the report was not signed, why and who decided, and the hand-over package goes to support; the project completes once the SMTP server accepts that email. Only a manager or an admin may (an engineer is refused with 403); refused with 409 when the report is signed, P7 is waived already, an earlier step is open, or the maintenance notes are empty.',
          params: idParams,
          body: closeWithoutSignedReportBody,
          response: staffView,
        },
      },
      async (request) => {
        await closeProjectWithoutSignedReport(context, staffActor(request), request.params.id, request.body.reason);
        return staffDelivery(context, request, request.params.id);
      },
    );

    app.get(
      '/api/projects/:id/delivery/handover/:format',
      {
        config: { access: allStaff },
        schema: {
          tags,
          summary: 'P8: the installation dossier as PDF or JSON',
          params: handoverFileParams,
          response: fileResponse,
        },
      },
      async (request, reply) =>
        sendFile(reply, await getHandoverFile(context, staffActor(request), request.params.id, request.params.format)),
    );

    app.get(
      '/api/dossiers',
      {
        config: { access: allStaff },
        schema: {
          tags,
          summary: 'Searches the installation dossiers of closed projects by any text',
          querystring: dossierSearchQuery,
          response: { 200: dossierSearchSchema, ...commonErrorResponses },
        },
      },
      async (request) => searchDossiers(context, staffActor(request), request.query.q),
    );
  };
}
