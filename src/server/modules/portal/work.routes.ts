import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod, ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { ServiceContext } from '../../context';
import { translate } from '../../../domain/text/i18n';
import { refuse } from '../../errors';
import type { AccessRule } from '../../http/access';
import { allStaff, projectWorkers } from '../../http/access';
import { commonErrorResponses, idParams } from '../../http/common.schemas';
import { attachmentDisposition } from '../../http/content-disposition';
import { portalContact, staffActor } from '../../http/identity';
import { rawRequestBody } from '../../http/raw-body';
import { describeAcceptedFiles, formatBytes } from '../files/file-check';
import { readFile } from '../files/files.service';
import {
  attachToQuestionnaire,
  getQuestionnaire,
  listQuestionnaires,
  removeQuestionnaireFile,
  reopenQuestionnaire,
  saveAnswers,
  submitQuestionnaire,
} from '../questionnaires/questionnaires.service';
import {
  attachEvidence,
  fulfilRequirement,
  getRequirementsForContact,
  removeEvidence,
} from '../requirements/requirements.service';
import type { Participant } from '../projects/participant';
import { fileSchema, uploadQuery } from '../files/files.schemas';
import {
  contactRequirementsSchema,
  requirementFileParams,
  requirementParams,
  requirementSchema,
} from '../requirements/requirements.schemas';
import {
  fulfilBody,
  projectFileParams,
  projectKeyFileParams,
  projectKeyParams,
  questionnaireDetailSchema,
  questionnaireSummarySchema,
  saveAnswersBody,
  savedAnswersSchema,
} from './portal.schemas';

interface Side {
  /** `/api/projects` for staff, `/api/portal/projects` for contacts. */
  prefix: string;
  tag: string;
  read: AccessRule;
  write: AccessRule;
  participant: (request: FastifyRequest) => Participant;
}

export const staffSide: Side = {
  prefix: '/api/projects',
  tag: 'questionnaires',
  read: allStaff,
  write: projectWorkers,
  participant: (request) => ({ kind: 'staff', actor: staffActor(request) }),
};

export const contactSide: Side = {
  prefix: '/api/portal/projects',
  tag: 'portal',
  read: 'contact',
  write: 'contact',
  participant: (request) => ({ kind: 'contact', contact: portalContact(request), ip: request.ip }),
};

const noContent = { 204: z.null().meta({ description: 'Done' }), ...commonErrorResponses };
const fileResponse = { 200: z.any().meta({ description: 'The file' }), ...commonErrorResponses };

/**
 * The work staff and contacts share on a project — questionnaires, attachments, fulfilling requirements — registered
 * once per side: the same use cases, with the side's access rule and its participant.
 */
export function projectWorkRoutes(context: ServiceContext, side: Side): FastifyPluginAsyncZod {
  const { prefix, tag } = side;
  return async (app) => {
    app.get(
      `${prefix}/:id/questionnaires`,
      {
        config: { access: side.read },
        schema: {
          tags: [tag],
          summary: 'E4: the project’s design questionnaires and where each stands',
          params: idParams,
          response: { 200: z.object({ items: z.array(questionnaireSummarySchema) }), ...commonErrorResponses },
        },
      },
      async (request) => ({ items: await listQuestionnaires(context, side.participant(request), request.params.id) }),
    );

    app.get(
      `${prefix}/:id/questionnaires/:applicationKey`,
      {
        config: { access: side.read },
        schema: {
          tags: [tag],
          summary: 'E4: one questionnaire: its form, every answer with who wrote it and when, its attachments',
          params: projectKeyParams,
          response: { 200: questionnaireDetailSchema, ...commonErrorResponses },
        },
      },
      async (request) =>
        getQuestionnaire(context, side.participant(request), request.params.id, request.params.applicationKey),
    );

    app.patch(
      `${prefix}/:id/questionnaires/:applicationKey/answers`,
      {
        config: { access: side.write },
        schema: {
          tags: [tag],
          summary: 'E4: saves some answers of the draft (each field on its own: the last write of a field wins)',
          params: projectKeyParams,
          body: saveAnswersBody,
          response: { 200: savedAnswersSchema, ...commonErrorResponses },
        },
      },
      async (request) =>
        saveAnswers(
          context,
          side.participant(request),
          request.params.id,
          request.params.applicationKey,
          request.body.answers,
        ),
    );

    app.post(
      `${prefix}/:id/questionnaires/:applicationKey/submit`,
      {
        config: { access: side.write },
        schema: {
          tags: [tag],
          summary: 'E4: submits the questionnaire; refused with the list of missing required answers',
          params: projectKeyParams,
          response: noContent,
        },
      },
      async (request, reply) => {
        await submitQuestionnaire(context, side.participant(request), request.params.id, request.params.applicationKey);
        return reply.code(204).send(null);
      },
    );

    app.post(
      `${prefix}/:id/questionnaires/:applicationKey/reopen`,
      {
        config: { access: side.write },
        schema: {
          tags: [tag],
          summary: 'E4: opens a submitted questionnaire again to change answers',
          params: projectKeyParams,
          response: noContent,
        },
      },
      async (request, reply) => {
        await reopenQuestionnaire(context, side.participant(request), request.params.id, request.params.applicationKey);
        return reply.code(204).send(null);
      },
    );

    app.delete(
      `${prefix}/:id/questionnaires/:applicationKey/files/:fileId`,
      {
        config: { access: side.write },
        schema: {
          tags: [tag],
          summary: 'E4: takes an attachment off an open questionnaire',
          params: projectKeyFileParams,
          response: noContent,
        },
      },
      async (request, reply) => {
        await removeQuestionnaireFile(
          context,
          side.participant(request),
          request.params.id,
          request.params.applicationKey,
          request.params.fileId,
        );
        return reply.code(204).send(null);
      },
    );

    app.get(
      `${prefix}/:id/files/:fileId`,
      {
        config: { access: side.read },
        schema: {
          tags: [tag],
          summary: 'Downloads a file attached to the project',
          params: projectFileParams,
          response: fileResponse,
        },
      },
      async (request, reply) => {
        const file = await readFile(context, side.participant(request), request.params.id, request.params.fileId);
        return reply
          .type(file.contentType)
          .header('content-disposition', attachmentDisposition(file.name))
          .header('content-security-policy', "default-src 'none'; sandbox")
          .header('cache-control', 'private, no-store')
          .send(file.content);
      },
    );

    if (side === contactSide) {
      app.get(
        `${prefix}/:id/requirements`,
        {
          config: { access: side.read },
          schema: {
            tags: [tag],
            summary: 'E6: the requirement list and where each item stands',
            params: idParams,
            response: { 200: contactRequirementsSchema, ...commonErrorResponses },
          },
        },
        async (request) => getRequirementsForContact(context, side.participant(request), request.params.id),
      );
    }

    app.post(
      `${prefix}/:id/requirements/:requirementId/fulfil`,
      {
        config: { access: side.write },
        schema: {
          tags: [tag],
          summary: 'E6: marks a requirement fulfilled, with a note and/or evidence attached before',
          params: requirementParams,
          body: fulfilBody,
          response: { 200: requirementSchema, ...commonErrorResponses },
        },
      },
      async (request) =>
        fulfilRequirement(
          context,
          side.participant(request),
          request.params.id,
          request.params.requirementId,
          request.body.note,
        ),
    );

    app.delete(
      `${prefix}/:id/requirements/:requirementId/files/:fileId`,
      {
        config: { access: side.write },
        schema: {
          tags: [tag],
          summary: 'E6: takes an evidence file off an open requirement',
          params: requirementFileParams,
          response: noContent,
        },
      },
      async (request, reply) => {
        await removeEvidence(
          context,
          side.participant(request),
          request.params.id,
          request.params.requirementId,
          request.params.fileId,
        );
        return reply.code(204).send(null);
      },
    );

    // Uploads: the file is the raw request body (any content type), its name in ?name=; checked by content.
    await app.register(async (plain) => {
      const uploads = plain.withTypeProvider<ZodTypeProvider>();
      const limit = context.portal.uploadMaxBytes;
      const tooLargeMessage = translate('en', 'errors', 'files.upload_too_large', { limit: formatBytes(limit) });
      const fileBody = rawRequestBody(limit, describeAcceptedFiles());
      uploads.removeAllContentTypeParsers();
      uploads.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit: limit }, (_request, body, done) =>
        done(null, body),
      );
      const uploadBody = (request: FastifyRequest): Buffer => {
        const body = request.body;
        if (body === undefined || body === null) return Buffer.alloc(0);
        if (!Buffer.isBuffer(body)) throw refuse('validation_failed', 'files.send_the_file');
        return body;
      };

      uploads.post(
        `${prefix}/:id/questionnaires/:applicationKey/files`,
        {
          bodyLimit: limit,
          config: { access: side.write, tooLargeMessage },
          schema: {
            tags: [tag],
            summary: 'E4: attaches a file (the raw body; its name in ?name=) to an open questionnaire',
            params: projectKeyParams,
            querystring: uploadQuery,
            ...fileBody,
            response: {
              201: fileSchema,
              ...commonErrorResponses,
              413: commonErrorResponses[400],
              415: commonErrorResponses[400],
            },
          },
        },
        async (request, reply) => {
          const file = await attachToQuestionnaire(
            context,
            side.participant(request),
            request.params.id,
            request.params.applicationKey,
            request.query.name,
            uploadBody(request),
          );
          return reply.code(201).send(file);
        },
      );

      uploads.post(
        `${prefix}/:id/requirements/:requirementId/files`,
        {
          bodyLimit: limit,
          config: { access: side.write, tooLargeMessage },
          schema: {
            tags: [tag],
            summary: 'E6: attaches evidence (the raw body; its name in ?name=) to a requirement',
            params: requirementParams,
            querystring: uploadQuery,
            ...fileBody,
            response: {
              201: fileSchema,
              ...commonErrorResponses,
              413: commonErrorResponses[400],
              415: commonErrorResponses[400],
            },
          },
        },
        async (request, reply) => {
          const file = await attachEvidence(
            context,
            side.participant(request),
            request.params.id,
            request.params.requirementId,
            request.query.name,
            uploadBody(request),
          );
          return reply.code(201).send(file);
        },
      );
    });
  };
}
