import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { ServiceContext } from '../../context';
import { attachmentDisposition } from '../../http/content-disposition';
import { commonErrorResponses, idParams } from '../../http/common.schemas';
import { staffActor } from '../../http/identity';
import { rateLimitOf } from '../../http/rate-limit';
import { isTrialMailbox } from './mail.service';
import {
  mailModeResponse,
  trialAttachmentParams,
  trialMailDetailSchema,
  trialMailListResponse,
  trialMailQuery,
} from './trial-mail.schemas';
import {
  emptyTrialMailbox,
  getTrialAttachment,
  getTrialCalendar,
  getTrialMessage,
  getTrialSource,
  listTrialMailbox,
} from './trial-mail.service';

const admins = ['admin'] as const;
const fileResponse = { 200: z.any().meta({ description: 'The file' }), ...commonErrorResponses };

/** The trial mailbox (admins, only while no SMTP server is configured) and the mail mode every page reads. */
export function trialMailRoutes(context: ServiceContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/api/mail/mode',
      {
        // Public: the portal's pages (a contact without a session yet) say it too, and it discloses nothing else. Read
        // once by each page load of the web app, so it has the web app's limit.
        config: { access: 'public', rateLimit: rateLimitOf('web-app') },
        schema: {
          tags: ['mail'],
          summary: 'Whether email goes to the trial mailbox (no SMTP server configured)',
          response: { 200: mailModeResponse },
        },
      },
      async () => ({ isTrialMailbox: isTrialMailbox(context) }),
    );

    // With an SMTP server the trial mailbox does not exist: its routes are not even registered (404 for everyone).
    if (!isTrialMailbox(context)) return;

    app.get(
      '/api/admin/trial-mail',
      {
        config: { access: admins },
        schema: {
          tags: ['mail'],
          summary: 'The trial mailbox, newest first, optionally only the messages to one recipient',
          querystring: trialMailQuery,
          response: { 200: trialMailListResponse, ...commonErrorResponses },
        },
      },
      async (request) => listTrialMailbox(context, staffActor(request), request.query),
    );

    app.delete(
      '/api/admin/trial-mail',
      {
        config: { access: admins },
        schema: {
          tags: ['mail'],
          summary: 'Empties the trial mailbox (the projects’ Mail tabs keep every message)',
          response: { 200: z.object({ removed: z.number().int() }), ...commonErrorResponses },
        },
      },
      async (request) => emptyTrialMailbox(context, staffActor(request)),
    );

    app.get(
      '/api/admin/trial-mail/:id',
      {
        config: { access: admins },
        schema: {
          tags: ['mail'],
          summary: 'One message of the trial mailbox as its recipients received it, personal links included',
          params: idParams,
          response: { 200: trialMailDetailSchema, ...commonErrorResponses },
        },
      },
      async (request) => getTrialMessage(context, staffActor(request), request.params.id),
    );

    app.get(
      '/api/admin/trial-mail/:id/source',
      {
        config: { access: admins },
        schema: {
          tags: ['mail'],
          summary: 'One message of the trial mailbox as delivered (.eml)',
          params: idParams,
          response: fileResponse,
        },
      },
      async (request, reply) => {
        const raw = await getTrialSource(context, staffActor(request), request.params.id);
        return reply
          .type('message/rfc822')
          .header('content-disposition', attachmentDisposition(`trial-message-${request.params.id}.eml`))
          .send(raw);
      },
    );

    app.get(
      '/api/admin/trial-mail/:id/calendar.ics',
      {
        config: { access: admins },
        schema: {
          tags: ['mail'],
          summary: 'The calendar invitation a message of the trial mailbox carries',
          params: idParams,
          response: fileResponse,
        },
      },
      async (request, reply) => {
        const calendar = await getTrialCalendar(context, staffActor(request), request.params.id);
        return reply
          .type('text/calendar; charset=utf-8')
          .header('content-disposition', attachmentDisposition('invite.ics'))
          .send(calendar);
      },
    );

    app.get(
      '/api/admin/trial-mail/:id/attachments/:index',
      {
        config: { access: admins },
        schema: {
          tags: ['mail'],
          summary: 'One attachment of a message of the trial mailbox, by its position',
          params: trialAttachmentParams,
          response: fileResponse,
        },
      },
      async (request, reply) => {
        const attachment = await getTrialAttachment(
          context,
          staffActor(request),
          request.params.id,
          request.params.index,
        );
        return reply
          .type(attachment.contentType)
          .header('content-disposition', attachmentDisposition(attachment.filename))
          .header('x-content-type-options', 'nosniff')
          .header('content-security-policy', "default-src 'none'; sandbox")
          .send(attachment.content);
      },
    );
  };
}
