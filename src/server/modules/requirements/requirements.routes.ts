import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { ServiceContext } from '../../context';
import { allStaff, projectWorkers } from '../../http/access';
import { commonErrorResponses, idParams } from '../../http/common.schemas';
import { staffActor } from '../../http/identity';
import {
  applyChangesBody,
  commentBody,
  confirmBody,
  designNoteBody,
  designNoteSchema,
  noteParams,
  reasonBody,
  removeRequirementBody,
  requirementBody,
  requirementParams,
  requirementPatchBody,
  requirementSchema,
  staffRequirementsSchema,
} from './requirements.schemas';
import {
  addDesignNote,
  addRequirement,
  applyAnswerChanges,
  confirmRequirements,
  deleteDesignNote,
  editRequirement,
  getRequirementsForStaff,
  markDesignReviewed,
  removeRequirement,
  sendBackRequirement,
  verifyRequirement,
  waiveRequirement,
} from './requirements.service';

const managers = ['admin', 'manager'] as const;
const noContent = { 204: z.null().meta({ description: 'Done' }), ...commonErrorResponses };
const tags = ['requirements'];

/** E5 and E6 for staff: the engineer's review of the design and the requirement list, verification, waivers. */
export function requirementsRoutes(context: ServiceContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/api/projects/:id/requirements',
      {
        config: { access: allStaff },
        schema: {
          tags,
          summary: 'E5/E6: requirements, design notes, the review, and the changes the latest answers would make',
          params: idParams,
          response: { 200: staffRequirementsSchema, ...commonErrorResponses },
        },
      },
      async (request) => getRequirementsForStaff(context, staffActor(request), request.params.id),
    );

    app.post(
      '/api/projects/:id/requirements',
      {
        config: { access: projectWorkers },
        schema: {
          tags,
          summary: 'E5: adds a requirement',
          params: idParams,
          body: requirementBody,
          response: { 201: requirementSchema, ...commonErrorResponses },
        },
      },
      async (request, reply) =>
        reply.code(201).send(await addRequirement(context, staffActor(request), request.params.id, request.body)),
    );

    app.patch(
      '/api/projects/:id/requirements/:requirementId',
      {
        config: { access: projectWorkers },
        schema: {
          tags,
          summary: 'E5: edits a requirement',
          params: requirementParams,
          body: requirementPatchBody,
          response: { 200: requirementSchema, ...commonErrorResponses },
        },
      },
      async (request) =>
        editRequirement(context, staffActor(request), request.params.id, request.params.requirementId, request.body),
    );

    app.post(
      '/api/projects/:id/requirements/:requirementId/remove',
      {
        config: { access: projectWorkers },
        schema: {
          tags,
          summary: 'E5: removes a requirement (kept in the history; rules do not raise it again)',
          params: requirementParams,
          body: removeRequirementBody,
          response: noContent,
        },
      },
      async (request, reply) => {
        await removeRequirement(
          context,
          staffActor(request),
          request.params.id,
          request.params.requirementId,
          request.body.reason,
        );
        return reply.code(204).send(null);
      },
    );

    app.post(
      '/api/projects/:id/requirements/apply-answer-changes',
      {
        config: { access: projectWorkers },
        schema: {
          tags,
          summary: 'E5: applies the changes the latest answers make, exactly as previewed',
          params: idParams,
          body: applyChangesBody,
          response: noContent,
        },
      },
      async (request, reply) => {
        await applyAnswerChanges(context, staffActor(request), request.params.id, request.body);
        return reply.code(204).send(null);
      },
    );

    app.post(
      '/api/projects/:id/design-review',
      {
        config: { access: projectWorkers },
        schema: { tags, summary: 'E5: marks the design reviewed', params: idParams, response: noContent },
      },
      async (request, reply) => {
        await markDesignReviewed(context, staffActor(request), request.params.id);
        return reply.code(204).send(null);
      },
    );

    app.post(
      '/api/projects/:id/design-notes',
      {
        config: { access: projectWorkers },
        schema: {
          tags,
          summary: 'E5: records a constraint, limitation or further requirement',
          params: idParams,
          body: designNoteBody,
          response: { 201: designNoteSchema, ...commonErrorResponses },
        },
      },
      async (request, reply) =>
        reply.code(201).send(await addDesignNote(context, staffActor(request), request.params.id, request.body)),
    );

    app.delete(
      '/api/projects/:id/design-notes/:noteId',
      {
        config: { access: projectWorkers },
        schema: { tags, summary: 'E5: removes a design note', params: noteParams, response: noContent },
      },
      async (request, reply) => {
        await deleteDesignNote(context, staffActor(request), request.params.id, request.params.noteId);
        return reply.code(204).send(null);
      },
    );

    app.post(
      '/api/projects/:id/requirements/confirm',
      {
        config: { access: projectWorkers },
        schema: {
          tags,
          summary: 'E5: confirms the requirement list',
          params: idParams,
          body: confirmBody,
          response: noContent,
        },
      },
      async (request, reply) => {
        await confirmRequirements(context, staffActor(request), request.params.id, request.body.noConstraints);
        return reply.code(204).send(null);
      },
    );

    app.post(
      '/api/projects/:id/requirements/:requirementId/verify',
      {
        config: { access: projectWorkers },
        schema: {
          tags,
          summary: 'E6: verifies a fulfilled requirement',
          params: requirementParams,
          response: noContent,
        },
      },
      async (request, reply) => {
        await verifyRequirement(context, staffActor(request), request.params.id, request.params.requirementId);
        return reply.code(204).send(null);
      },
    );

    app.post(
      '/api/projects/:id/requirements/:requirementId/send-back',
      {
        config: { access: projectWorkers },
        schema: {
          tags,
          summary: 'E6: sends a fulfilled requirement back with a comment',
          params: requirementParams,
          body: commentBody,
          response: noContent,
        },
      },
      async (request, reply) => {
        await sendBackRequirement(
          context,
          staffActor(request),
          request.params.id,
          request.params.requirementId,
          request.body.comment,
        );
        return reply.code(204).send(null);
      },
    );

    app.post(
      '/api/projects/:id/requirements/:requirementId/waive',
      {
        config: { access: managers },
        schema: {
          tags,
          summary: 'E6: waives a requirement, with a reason (managers)',
          params: requirementParams,
          body: reasonBody,
          response: noContent,
        },
      },
      async (request, reply) => {
        await waiveRequirement(
          context,
          staffActor(request),
          request.params.id,
          request.params.requirementId,
          request.body.reason,
        );
        return reply.code(204).send(null);
      },
    );
  };
}
