/**
 * What the delivery routes share: the views they answer with (the staff's delivery, the portal's), the reply that sends
 * a file, and who the caller is (a staff participant or a portal contact).
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { ServiceContext } from '../../context';
import { commonErrorResponses } from '../../http/common.schemas';
import { attachmentDisposition } from '../../http/content-disposition';
import { portalContact, staffActor } from '../../http/identity';
import type { Participant } from '../projects/participant';
import { deliverySchema, portalDeliverySchema } from './delivery.schemas';
import { getDelivery, presentDelivery, presentPortalDelivery } from './delivery.service';
import { consentTextFor } from './documents.service';

export const tags = ['delivery'];
export const staffView = { 200: deliverySchema, ...commonErrorResponses };
export const portalView = { 200: portalDeliverySchema.extend({ consentText: z.string() }), ...commonErrorResponses };
export const fileResponse = { 200: z.any().meta({ description: 'The file' }), ...commonErrorResponses };

export function sendFile(reply: FastifyReply, file: { name: string; contentType?: string; content: Buffer }) {
  return reply
    .type(file.contentType ?? 'application/pdf')
    .header('content-disposition', attachmentDisposition(file.name))
    .header('content-security-policy', "default-src 'none'; sandbox")
    .header('cache-control', 'private, no-store')
    .send(file.content);
}

export const staff = (request: FastifyRequest): Participant => ({ kind: 'staff', actor: staffActor(request) });
export const contact = (request: FastifyRequest) => ({
  kind: 'contact' as const,
  contact: portalContact(request),
  ip: request.ip,
});

/** The project's delivery as staff read it: what every staff route answers with after its change. */
export async function staffDelivery(context: ServiceContext, request: FastifyRequest, projectId: string) {
  const { library, project, state } = await getDelivery(context, staff(request), projectId);
  return presentDelivery(library, project, state);
}

/** The project's delivery as a portal contact reads it, with the consent they sign under. Never the internal notes. */
export async function portalDelivery(context: ServiceContext, request: FastifyRequest, projectId: string) {
  const participant = contact(request);
  const { library, project, state } = await getDelivery(context, participant, projectId);
  return {
    ...presentPortalDelivery(library, project, state),
    consentText: consentTextFor(participant.contact.language),
  };
}
