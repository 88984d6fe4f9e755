/*
 * The HTTP contract of the delivery routes whose body is a raw file, checked by its content: a UAT result's evidence
 * (P5), the scan of a version signed outside Engage (P5/P7), and the public verification of a PDF sealed by Engage,
 * each with its own size limit and the words it is refused with past that limit.
 */
import type { FastifyPluginAsyncZod, ZodTypeProvider } from 'fastify-type-provider-zod';
import { translate } from '../../../domain/text/i18n';
import type { ServiceContext } from '../../context';
import { refuse } from '../../errors';
import { projectWorkers } from '../../http/access';
import { commonErrorResponses } from '../../http/common.schemas';
import { staffActor } from '../../http/identity';
import { publicRateLimits, rateLimitOf } from '../../http/rate-limit';
import { rawRequestBody } from '../../http/raw-body';
import { describeAcceptedFiles, formatBytes } from '../files/file-check';
import { uploadQuery } from '../files/files.schemas';
import { staffDelivery, staffView, tags } from './delivery-http';
import { documentParams, outsideSignatureQuery, uatItemParams, verificationSchema } from './delivery.schemas';
import { attachUatEvidence } from './delivery.service';
import { recordOutsideSignature, verifyPdf } from './documents.service';

/**
 * The largest file the public verification takes: a document Engage sealed is well under 1 MB (2 MB leaves room for a
 * long report), and a scan recorded as signed outside Engage was accepted up to the upload limit, so it must verify too.
 */
function verifyLimitBytes(context: ServiceContext): number {
  return Math.max(2 * 1024 * 1024, context.portal.uploadMaxBytes);
}

/** The uploads of delivery and the public verification. */
export function deliveryUploadsRoutes(context: ServiceContext): FastifyPluginAsyncZod {
  return async (app) => {
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
            tooLargeMessage: translate('en', 'errors', 'files.upload_too_large', { limit: formatBytes(limit) }),
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
          return staffDelivery(context, request, request.params.id);
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
          return staffDelivery(context, request, request.params.id);
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
