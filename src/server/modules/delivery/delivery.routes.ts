import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod, ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { ServiceContext } from '../../context';
import { translate } from '../../../domain/text/i18n';
import { refuse } from '../../errors';
import { allStaff, projectWorkers } from '../../http/access';
import { commonErrorResponses, idParams } from '../../http/common.schemas';
import { attachmentDisposition } from '../../http/content-disposition';
import { portalContact, staffActor } from '../../http/identity';
import { publicRateLimits, rateLimitOf } from '../../http/rate-limit';
import { rawRequestBody } from '../../http/raw-body';
import { describeAcceptedFiles, formatBytes } from '../files/file-check';
import type { Participant } from '../projects/participant';
import { uploadQuery } from '../files/files.schemas';
import {
  applicationParams,
  checklistParams,
  closeWithoutSignedReportBody,
  configurationBody,
  configuredBody,
  deliverySchema,
  documentParams,
  dossierSearchQuery,
  dossierSearchSchema,
  handoverFileParams,
  installationBody,
  notesBody,
  outsideSignatureQuery,
  portalDeliverySchema,
  prepareDocumentBody,
  signBody,
  tickBody,
  trainingBody,
  trainingParams,
  uatItemParams,
  uatResultBody,
  verificationSchema,
  verifyBody,
} from './delivery.schemas';
import {
  addTraining,
  attachUatEvidence,
  getDelivery,
  markConfigured,
  presentDelivery,
  presentPortalDelivery,
  recordInstallation,
  removeTraining,
  removeUatEvidence,
  saveConfiguration,
  saveNotes,
  setUatResult,
  tickChecklistItem,
  verifyChecklistItem,
} from './delivery.service';
import {
  consentTextFor,
  getDocumentPdf,
  prepareDocument,
  recordOutsideSignature,
  signDocument,
  verifyPdf,
} from './documents.service';
import { closeProject, closeProjectWithoutSignedReport, getHandoverFile, searchDossiers } from './handover.service';

const tags = ['delivery'];
const staffView = { 200: deliverySchema, ...commonErrorResponses };
const portalView = { 200: portalDeliverySchema.extend({ consentText: z.string() }), ...commonErrorResponses };
const fileResponse = { 200: z.any().meta({ description: 'The file' }), ...commonErrorResponses };
/**
 * The largest file the public verification takes: a document Engage sealed is well under 1 MB (2 MB leaves room for a
 * long report), and a scan recorded as signed outside Engage was accepted up to the upload limit, so it must verify too.
 */
function verifyLimitBytes(context: ServiceContext): number {
  return Math.max(2 * 1024 * 1024, context.portal.uploadMaxBytes);
}

function sendFile(reply: FastifyReply, file: { name: string; contentType?: string; content: Buffer }) {
  return reply
    .type(file.contentType ?? 'application/pdf')
    .header('content-disposition', attachmentDisposition(file.name))
    .header('content-security-policy', "default-src 'none'; sandbox")
    .header('cache-control', 'private, no-store')
    .send(file.content);
}

const staff = (request: FastifyRequest): Participant => ({ kind: 'staff', actor: staffActor(request) });
const contact = (request: FastifyRequest) => ({
  kind: 'contact' as const,
  contact: portalContact(request),
  ip: request.ip,
});

/** P1–P8 for staff, the portal's checklists and signatures for contacts, the public verification of sealed PDFs, support's dossier search. */
export function deliveryRoutes(context: ServiceContext): FastifyPluginAsyncZod {
  return async (app) => {
    const staffDelivery = async (request: FastifyRequest, projectId: string) => {
      const { library, project, state } = await getDelivery(context, staff(request), projectId);
      return presentDelivery(library, project, state);
    };

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
      async (request) => staffDelivery(request, request.params.id),
    );

    app.put(
      '/api/projects/:id/delivery/checklists/:checklist/ticks',
      {
        config: { access: projectWorkers },
        schema: {
          tags,
          summary: 'P1/P3: ticks an item as done (or takes the tick back)',
          params: checklistParams,
          body: tickBody,
          response: staffView,
        },
      },
      async (request) => {
        await tickChecklistItem(context, staff(request), request.params.id, request.params.checklist, request.body);
        return staffDelivery(request, request.params.id);
      },
    );

    app.put(
      '/api/projects/:id/delivery/checklists/:checklist/verifications',
      {
        config: { access: projectWorkers },
        schema: {
          tags,
          summary: 'P1/P3: the engineer verifies a ticked item (or takes that back)',
          params: checklistParams,
          body: verifyBody,
          response: staffView,
        },
      },
      async (request) => {
        await verifyChecklistItem(
          context,
          staffActor(request),
          request.params.id,
          request.params.checklist,
          request.body,
        );
        return staffDelivery(request, request.params.id);
      },
    );

    app.patch(
      '/api/projects/:id/delivery/configurations/:applicationKey',
      {
        config: { access: projectWorkers },
        schema: {
          tags,
          summary: 'P2/P4: writes fields of an application’s configuration record',
          params: applicationParams,
          body: configurationBody,
          response: staffView,
        },
      },
      async (request) => {
        await saveConfiguration(
          context,
          staffActor(request),
          request.params.id,
          request.params.applicationKey,
          request.body,
        );
        return staffDelivery(request, request.params.id);
      },
    );

    app.put(
      '/api/projects/:id/delivery/configurations/:applicationKey/installation',
      {
        config: { access: projectWorkers },
        schema: {
          tags,
          summary: 'P2: records the application installed with its version (null takes it back)',
          params: applicationParams,
          body: installationBody,
          response: staffView,
        },
      },
      async (request) => {
        await recordInstallation(
          context,
          staffActor(request),
          request.params.id,
          request.params.applicationKey,
          request.body.installedVersion,
        );
        return staffDelivery(request, request.params.id);
      },
    );

    app.put(
      '/api/projects/:id/delivery/configurations/:applicationKey/completion',
      {
        config: { access: projectWorkers },
        schema: {
          tags,
          summary: 'P4: marks the application’s configuration complete against the design',
          params: applicationParams,
          body: configuredBody,
          response: staffView,
        },
      },
      async (request) => {
        await markConfigured(
          context,
          staffActor(request),
          request.params.id,
          request.params.applicationKey,
          request.body.configured,
        );
        return staffDelivery(request, request.params.id);
      },
    );

    app.put(
      '/api/projects/:id/delivery/uat/:applicationKey/:itemKey',
      {
        config: { access: projectWorkers },
        schema: {
          tags,
          summary:
            'P5: records an item’s result (passed, passed with a remark, failed, not applicable), its comment or remark, and an accepted exception',
          params: uatItemParams,
          body: uatResultBody,
          response: staffView,
        },
      },
      async (request) => {
        await setUatResult(
          context,
          staffActor(request),
          request.params.id,
          request.params.applicationKey,
          request.params.itemKey,
          request.body,
        );
        return staffDelivery(request, request.params.id);
      },
    );

    app.delete(
      '/api/projects/:id/delivery/uat/:applicationKey/:itemKey/evidence',
      {
        config: { access: projectWorkers },
        schema: {
          tags,
          summary: 'P5: takes the evidence file off an item’s result (kept for the record)',
          params: uatItemParams,
          response: staffView,
        },
      },
      async (request) => {
        await removeUatEvidence(
          context,
          staffActor(request),
          request.params.id,
          request.params.applicationKey,
          request.params.itemKey,
        );
        return staffDelivery(request, request.params.id);
      },
    );

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
        return staffDelivery(request, request.params.id);
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
        return staffDelivery(request, request.params.id);
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
        return staffDelivery(request, request.params.id);
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
        return staffDelivery(request, request.params.id);
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
        return staffDelivery(request, request.params.id);
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
        return staffDelivery(request, request.params.id);
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

    // The portal: what a customer or partner contact ticks and signs. Never the internal notes.
    const portalDelivery = async (request: FastifyRequest, projectId: string) => {
      const participant = contact(request);
      const { library, project, state } = await getDelivery(context, participant, projectId);
      return {
        ...presentPortalDelivery(library, project, state),
        consentText: consentTextFor(participant.contact.language),
      };
    };

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
      async (request) => portalDelivery(request, request.params.id),
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
        return portalDelivery(request, request.params.id);
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
        return portalDelivery(request, request.params.id);
      },
    );

    // Uploads (a UAT result's evidence, the scan of a document signed outside Engage): the raw request body, checked by its content.
    await app.register(async (plain) => {
      const uploads = plain.withTypeProvider<ZodTypeProvider>();
      const limit = context.portal.uploadMaxBytes;
      uploads.removeAllContentTypeParsers();
      uploads.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit: limit }, (_request, body, done) =>
        done(null, body),
      );
      uploads.post(
        '/api/projects/:id/delivery/uat/:applicationKey/:itemKey/evidence',
        {
          bodyLimit: limit,
          config: {
            access: projectWorkers,
            tooLargeMessage: translate('en', 'errors', 'delivery.file_too_large', { limit: formatBytes(limit) }),
          },
          schema: {
            tags,
            summary:
              'P5: attaches a file (the raw body; its name in ?name=) as the evidence of an item’s result, in place of the one it had',
            description:
              'The signed UAT document names the file. Refused with 409 once the UAT is signed or the project is closed.',
            params: uatItemParams,
            querystring: uploadQuery,
            ...rawRequestBody(limit, describeAcceptedFiles()),
            response: { ...staffView, 413: commonErrorResponses[400], 415: commonErrorResponses[400] },
          },
        },
        async (request) => {
          const body = request.body;
          await attachUatEvidence(
            context,
            staffActor(request),
            request.params.id,
            request.params.applicationKey,
            request.params.itemKey,
            request.query.name,
            Buffer.isBuffer(body) ? body : Buffer.alloc(0),
          );
          return staffDelivery(request, request.params.id);
        },
      );
      uploads.post(
        '/api/projects/:id/delivery/documents/:documentId/outside-signature',
        {
          bodyLimit: limit,
          config: {
            access: projectWorkers,
            tooLargeMessage: translate('en', 'errors', 'delivery.scan_too_large', { limit: formatBytes(limit) }),
          },
          schema: {
            tags,
            summary:
              'P5/P7: records the version as signed outside Engage (on paper or in another tool), with the scan as its signed copy',
            description:
              'The signer’s name and the day they signed go in the query. The scan is stored exactly as uploaded with its SHA-256 (never sealed) and the step completes as with an electronic signature. Refused with 409 when the project is closed, the version is signed already or was replaced, or the file is the unsigned original; with 400 for a day in the future or before the version was put up for signature.',
            params: documentParams,
            querystring: outsideSignatureQuery,
            ...rawRequestBody(
              limit,
              'The scan of the signed pages: a PDF or an image (PNG, JPEG, GIF, WebP), detected from the content; anything else is refused with 415 file_type_refused, an empty file with 400.',
            ),
            response: { ...staffView, 413: commonErrorResponses[400], 415: commonErrorResponses[400] },
          },
        },
        async (request) => {
          const body = request.body;
          await recordOutsideSignature(
            context,
            staffActor(request),
            request.params.id,
            request.params.documentId,
            request.query,
            Buffer.isBuffer(body) ? body : Buffer.alloc(0),
          );
          return staffDelivery(request, request.params.id);
        },
      );
    });

    // The public verification page's API: the PDF is the raw request body.
    await app.register(async (plain) => {
      const uploads = plain.withTypeProvider<ZodTypeProvider>();
      const limit = verifyLimitBytes(context);
      uploads.removeAllContentTypeParsers();
      uploads.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit: limit }, (_request, body, done) =>
        done(null, body),
      );
      uploads.post(
        '/api/verify',
        {
          bodyLimit: limit,
          config: {
            access: 'public',
            rateLimit: rateLimitOf('verify'),
            tooLargeMessage: translate('en', 'errors', 'delivery.checked_file_too_large', {
              limit: formatBytes(limit),
            }),
          },
          schema: {
            tags: ['verification'],
            summary:
              'Says whether an uploaded file is a document sealed by Engage (unchanged or not) or a scan recorded as signed outside Engage, and whose it is',
            ...rawRequestBody(
              limit,
              'Send the PDF (or the scan) to check: its SHA-256 is looked up among the copies Engage sealed and the scans recorded as signed outside Engage, then its seal marker; any other file is answered as not sealed by Engage, not refused. An empty body is refused with 400. ' +
                'The limit fits both: documents Engage seals are well under 1 MB, and a scan was accepted up to the upload limit (UPLOAD_MAX_MB). ' +
                `Anyone may call this route, so past ${publicRateLimits.verify.max} checks a minute from one address it answers 429 with Retry-After.`,
            ),
            response: {
              200: verificationSchema,
              ...commonErrorResponses,
              413: commonErrorResponses[400],
              429: commonErrorResponses[400],
            },
          },
        },
        async (request) => {
          const body = request.body;
          if (!Buffer.isBuffer(body) || body.length === 0)
            throw refuse('validation_failed', 'delivery.choose_pdf_to_check');
          return verifyPdf(context, body);
        },
      );
    });
  };
}
