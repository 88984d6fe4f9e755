import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { ServiceContext } from '../../context';
import { allStaff, projectWorkers } from '../../http/access';
import { attachmentDisposition } from '../../http/content-disposition';
import { commonErrorResponses, idParams } from '../../http/common.schemas';
import { staffActor } from '../../http/identity';
import { attachmentParams, mailMessageDetailSchema, projectMailResponse } from './mail.schemas';
import { getMailAttachment, getMailMessage, getMailMessageSource, listProjectMail, resendMail } from './mail.service';
import { trialMailRoutes } from './trial-mail.routes';

const fileResponse = { 200: z.any().meta({ description: 'The file' }), ...commonErrorResponses };

export function mailRoutes(context: ServiceContext): FastifyPluginAsyncZod {
  return async (app) => {
    await app.register(trialMailRoutes(context));

    app.get(
      '/api/projects/:id/mail',
      {
        config: { access: allStaff },
        schema: {
          tags: ['mail'],
          summary:
            "The project's Mail tab: every message, oldest first, with its delivery status (its engineer, managers, admins; support once it is complete)",
          params: idParams,
          response: { 200: projectMailResponse, ...commonErrorResponses },
        },
      },
      async (request) => ({ items: await listProjectMail(context, staffActor(request), request.params.id) }),
    );

    app.get(
      '/api/mail/:id',
      {
        config: { access: allStaff },
        schema: {
          tags: ['mail'],
          summary:
            'One message with its text and HTML parts as stored: each personal link redacted, since only its recipient received it',
          params: idParams,
          response: { 200: mailMessageDetailSchema, ...commonErrorResponses },
        },
      },
      async (request) => getMailMessage(context, staffActor(request), request.params.id),
    );

    app.post(
      '/api/mail/:id/resend',
      {
        config: { access: projectWorkers },
        schema: {
          tags: ['mail'],
          summary:
            'Sends again a message that failed, was kept while no SMTP server was configured, or went only to the trial mailbox; its personal links are minted afresh',
          params: idParams,
          response: { 200: mailMessageDetailSchema, ...commonErrorResponses },
        },
      },
      async (request) => resendMail(context, staffActor(request), request.params.id),
    );

    app.get(
      '/api/mail/:id/source',
      {
        config: { access: allStaff },
        schema: {
          tags: ['mail'],
          summary: 'The whole message as an .eml file (RFC 5322), for an email client',
          params: idParams,
          response: fileResponse,
        },
      },
      async (request, reply) => {
        const source = await getMailMessageSource(context, staffActor(request), request.params.id);
        return reply
          .type('message/rfc822')
          .header('content-disposition', attachmentDisposition(`message-${request.params.id}.eml`))
          .send(source);
      },
    );

    app.get(
      '/api/mail/:id/attachments/:attachmentId',
      {
        config: { access: allStaff },
        schema: {
          tags: ['mail'],
          summary: 'One attachment of a message, as a download',
          params: attachmentParams,
          response: fileResponse,
        },
      },
      async (request, reply) => {
        const attachment = await getMailAttachment(
          context,
          staffActor(request),
          request.params.id,
          request.params.attachmentId,
        );
        return reply
          .type(attachment.contentType)
          .header('content-disposition', attachmentDisposition(attachment.filename))
          .header('x-content-type-options', 'nosniff')
          .send(attachment.content);
      },
    );
  };
}
