/*
 * The HTTP contract of the delivery records staff keep for P1–P5: the checklists' ticks and their verification, each
 * application's configuration record, installation and completion, and the UAT items' results (an evidence file is
 * taken off here; it is attached in delivery-uploads.routes.ts). Each answers with the staff's delivery view.
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { ServiceContext } from '../../context';
import { projectWorkers } from '../../http/access';
import { staffActor } from '../../http/identity';
import { staff, staffDelivery, staffView, tags } from './delivery-http';
import {
  applicationParams,
  checklistParams,
  configurationBody,
  configuredBody,
  installationBody,
  tickBody,
  uatItemParams,
  uatResultBody,
  verifyBody,
} from './delivery.schemas';
import {
  markConfigured,
  recordInstallation,
  removeUatEvidence,
  saveConfiguration,
  setUatResult,
  tickChecklistItem,
  verifyChecklistItem,
} from './delivery.service';

/** P1–P5: checklists, configuration records, installations and UAT results. */
export function deliveryRecordsRoutes(context: ServiceContext): FastifyPluginAsyncZod {
  return async (app) => {
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
        return staffDelivery(context, request, request.params.id);
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
        return staffDelivery(context, request, request.params.id);
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
        return staffDelivery(context, request, request.params.id);
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
        return staffDelivery(context, request, request.params.id);
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
        return staffDelivery(context, request, request.params.id);
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
        return staffDelivery(context, request, request.params.id);
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
        return staffDelivery(context, request, request.params.id);
      },
    );
  };
}
