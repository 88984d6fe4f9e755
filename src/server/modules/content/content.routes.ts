import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { PlaceholderSpec } from '../../../domain/content';
import { placeholderSpecs } from '../../../domain/content';
import type { ServiceContext } from '../../context';
import { commonErrorResponses } from '../../http/common.schemas';
import { staffActor } from '../../http/identity';
import {
  contentItemListResponse,
  contentItemQuery,
  contentItemResponse,
  emailTemplateDraft,
  emailTemplateKeyParams,
  emailTemplatePreviewResponse,
  placeholderListResponse,
  updateContentItemBody,
} from './content.schemas';
import { getContentItem, listContentItems, previewEmailTemplate, updateContentItem } from './content.service';

const admins = ['admin'] as const;

function flattenPlaceholders(spec: PlaceholderSpec, prefix: string, inside: string | null) {
  const items: {
    name: string;
    kind: 'value' | 'text-list' | 'list';
    description: { en: string; it: string; de?: string };
    inside: string | null;
    example: string;
  }[] = [];
  for (const [name, node] of Object.entries(spec)) {
    const fullName = `${prefix}${name}`;
    if (node.kind === 'object') items.push(...flattenPlaceholders(node.children, `${fullName}.`, inside));
    else if (node.kind === 'value')
      items.push({ name: fullName, kind: 'value', description: node.description, inside, example: node.example });
    else if (node.kind === 'text-list')
      items.push({
        name: fullName,
        kind: 'text-list',
        description: node.description,
        inside,
        example: node.example.join(', '),
      });
    else {
      items.push({
        name: fullName,
        kind: 'list',
        description: node.description,
        inside,
        example: `${node.example.length} items`,
      });
      items.push(...flattenPlaceholders(node.item, '', fullName));
    }
  }
  return items;
}

export function contentRoutes(context: ServiceContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/api/admin/content',
      {
        config: { access: admins },
        schema: {
          tags: ['content'],
          summary: 'Every item of the content library with its current version',
          response: { 200: contentItemListResponse, ...commonErrorResponses },
        },
      },
      async () => ({ items: await listContentItems(context) }),
    );

    app.get(
      '/api/admin/content/item',
      {
        config: { access: admins },
        schema: {
          tags: ['content'],
          summary: 'One item of the content library (current version)',
          querystring: contentItemQuery,
          response: { 200: contentItemResponse, ...commonErrorResponses },
        },
      },
      async (request) => getContentItem(context, request.query.path),
    );

    app.put(
      '/api/admin/content/item',
      {
        config: { access: admins },
        schema: {
          tags: ['content'],
          summary: 'Saves a new version of an item, checked with the whole library (409 when someone saved in between)',
          querystring: contentItemQuery,
          body: updateContentItemBody,
          response: { 200: contentItemResponse, ...commonErrorResponses },
        },
      },
      async (request) => updateContentItem(context, staffActor(request), request.query.path, request.body),
    );

    app.get(
      '/api/admin/email-templates/:key/placeholders',
      {
        config: { access: admins },
        schema: {
          tags: ['content'],
          summary: 'The placeholders an email template may use, with what each one holds',
          params: emailTemplateKeyParams,
          response: { 200: placeholderListResponse, ...commonErrorResponses },
        },
      },
      async (request) => ({ items: flattenPlaceholders(placeholderSpecs[request.params.key], '', null) }),
    );

    app.post(
      '/api/admin/email-templates/:key/preview',
      {
        config: { access: admins },
        schema: {
          tags: ['content'],
          summary: 'Renders a template being edited with example values and lists its problems (nothing is saved)',
          params: emailTemplateKeyParams,
          body: emailTemplateDraft,
          response: { 200: emailTemplatePreviewResponse, ...commonErrorResponses },
        },
      },
      async (request) => previewEmailTemplate(request.params.key, request.body),
    );
  };
}
