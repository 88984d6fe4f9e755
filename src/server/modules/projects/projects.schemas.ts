import { z } from 'zod';
import { criterionSources } from '../../../domain/process';
import { deployments, priorities, projectStates } from '../../db/schema';
import { localizedTextSchema, readableText } from '../../http/common.schemas';
import { auditEventSchema } from '../audit/audit.schemas';
import { translatorFor } from '../../../domain/text/i18n';

const en = translatorFor('en', 'errors');

const partySchema = z.enum(['vendor', 'customer', 'partner']);
export const prioritySchema = z.enum(priorities);
export const deploymentSchema = z.enum(deployments);
const actionTypeSchema = z.enum(['complete', 'waive', 'reopen', 'skip']);

export const createProjectBody = z.object({
  name: readableText()
    .trim()
    .min(1, en('projects.input.enter_project_name'))
    .max(200, en('common.at_most_characters', { maximum: '200' })),
  customerId: z.uuid({ error: en('projects.input.choose_customer') }),
  partnerId: z.uuid({ error: en('projects.input.invalid_partner_id') }).nullish(),
  // Which keys exist is the content library's business: the service checks them.
  applications: z
    .array(z.string().regex(/^[a-z0-9-]{1,100}$/, en('projects.input.invalid_application_key')))
    .min(1, en('projects.input.choose_application'))
    .max(50)
    .refine((values) => new Set(values).size === values.length, en('projects.input.each_application_once')),
  priority: prioritySchema.default('normal'),
  deployment: deploymentSchema,
  purchasedEffortDays: z
    .number({ error: en('projects.input.enter_effort') })
    .positive(en('projects.input.effort_positive'))
    .max(10_000, en('projects.input.effort_at_most'))
    .refine((value) => Number.isInteger(value * 2), en('projects.input.whole_or_half_days')),
  trainingPurchased: z.boolean().default(false),
  engineerId: z.uuid({ error: en('projects.input.invalid_engineer_id') }).nullish(),
});
export type CreateProjectBody = z.infer<typeof createProjectBody>;

export const listProjectsQuery = z.object({
  step: z.string().max(100).optional(),
  engineerId: z.uuid({ error: en('projects.input.invalid_engineer_id') }).optional(),
  customerId: z.uuid({ error: en('projects.input.invalid_customer_id') }).optional(),
  priority: prioritySchema.optional(),
  state: z.enum(projectStates).optional(),
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export type ListProjectsQuery = z.infer<typeof listProjectsQuery>;

const reference = z.object({ id: z.uuid(), name: z.string() });

export const projectSummarySchema = z
  .object({
    id: z.uuid(),
    reference: z.string(),
    name: z.string(),
    customer: reference,
    partner: reference.nullable(),
    engineer: reference.nullable(),
    priority: prioritySchema,
    currentStep: z.object({ key: z.string(), code: z.string(), title: localizedTextSchema }).nullable(),
    state: z.enum(projectStates),
    waitingOn: z.array(partySchema),
    /** The first session is (or would now be) beyond the scheduling target (SCHEDULING_TARGET_BUSINESS_DAYS after E7 became current). */
    scheduleLate: z.boolean(),
    updatedAt: z.iso.datetime(),
  })
  .meta({ id: 'ProjectSummary' });
export type ProjectSummary = z.infer<typeof projectSummarySchema>;

const criterionSchema = z.object({
  key: z.string(),
  label: localizedTextSchema,
  owner: partySchema,
  holds: z.boolean(),
  source: z.enum(criterionSources),
});

export const timelineEntrySchema = z
  .object({
    key: z.string(),
    code: z.string(),
    phase: z.enum(['engagement', 'performing']),
    title: localizedTextSchema,
    ballWith: z.array(partySchema),
    display: z.enum(['done', 'current', 'blocked', 'waived', 'skipped', 'upcoming']),
    reason: z.string().optional(),
    criteria: z.array(criterionSchema),
  })
  .meta({ id: 'TimelineEntry' });

export const projectDetailSchema = projectSummarySchema
  .extend({
    applications: z.array(z.string()),
    deployment: deploymentSchema,
    purchasedEffortDays: z.number(),
    trainingPurchased: z.boolean(),
    templateKey: z.string(),
    templateVersion: z.number().int(),
    purchaseOrder: z.object({ number: z.string(), approvedAt: z.iso.datetime() }).nullable(),
    payment: z.object({ isRequired: z.boolean(), receivedAt: z.iso.datetime().nullable() }),
    process: z.object({
      isComplete: z.boolean(),
      waitingOn: z.array(partySchema),
      blockers: z.array(
        z.object({ criterionKey: z.string(), label: localizedTextSchema, owner: partySchema, isGate: z.boolean() }),
      ),
      timeline: z.array(timelineEntrySchema),
    }),
    allowedActions: z.array(z.object({ type: actionTypeSchema, stepKey: z.string() })),
    createdAt: z.iso.datetime(),
  })
  .meta({ id: 'ProjectDetail' });
export type ProjectDetail = z.infer<typeof projectDetailSchema>;

export const projectListResponse = z.object({
  items: z.array(projectSummarySchema),
  nextCursor: z.string().nullable(),
});

export const processActionBody = z.object({
  type: actionTypeSchema,
  stepKey: z.string().min(1).max(100),
  reason: z
    .string()
    .max(2000, en('common.at_most_characters', { maximum: '2000' }))
    .optional(),
});
export type ProcessActionBody = z.infer<typeof processActionBody>;

export const approvePurchaseOrderBody = z.object({
  number: z
    .string()
    .trim()
    .min(1, en('projects.input.enter_po_number'))
    .max(100, en('common.at_most_characters', { maximum: '100' })),
});

export const confirmCriterionParams = z.object({
  id: z.uuid({ error: en('common.invalid_id') }),
  criterionKey: z.string().min(1).max(100),
});
export const confirmCriterionBody = z.object({
  note: z
    .string()
    .trim()
    .max(2000, en('common.at_most_characters', { maximum: '2000' }))
    .optional(),
});

export const auditListQuery = z.object({
  cursor: z.coerce.number().int().positive().optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});
export const auditListResponse = z.object({
  items: z.array(auditEventSchema),
  nextCursor: z.number().int().nullable(),
});

export const pipelineStepsQuery = listProjectsQuery.pick({ engineerId: true, customerId: true, priority: true });
export const pipelineStepsResponse = z.object({
  items: z.array(
    z.object({
      stepKey: z.string(),
      code: z.string(),
      title: localizedTextSchema,
      projects: z.number().int(),
      blocked: z.number().int(),
    }),
  ),
});
