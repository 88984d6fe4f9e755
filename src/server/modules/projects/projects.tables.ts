/** The projects module's tables: projects and the exit criteria recorded by hand. */

import { sql } from 'drizzle-orm';
import {
  boolean,
  check,
  index,
  integer,
  jsonb,
  numeric,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import type { ProcessState } from '../../../domain/process/state';
import { organisations } from '../organisations/organisations.tables';
import { users } from '../users/users.tables';
import { createdAt, updatedAt, inList } from '../../db/columns';

export const priorities = ['low', 'normal', 'high', 'urgent'] as const;
export const deployments = ['virtual-appliance', 'windows-vms', 'vendor-cloud'] as const;
export const projectStates = ['current', 'blocked', 'complete'] as const;

export const projects = pgTable(
  'projects',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    reference: text('reference').notNull(),
    name: text('name').notNull(),
    customerId: uuid('customer_id')
      .notNull()
      .references(() => organisations.id, { onDelete: 'restrict' }),
    partnerId: uuid('partner_id').references(() => organisations.id, { onDelete: 'restrict' }),
    engineerId: uuid('engineer_id').references(() => users.id, { onDelete: 'restrict' }),
    priority: text('priority', { enum: priorities }).notNull(),
    deployment: text('deployment', { enum: deployments }).notNull(),
    applications: jsonb('applications').$type<string[]>().notNull(),
    purchasedEffortDays: numeric('purchased_effort_days', { precision: 7, scale: 2, mode: 'number' }).notNull(),
    isTrainingPurchased: boolean('is_training_purchased').notNull(),
    isPaymentRequired: boolean('is_payment_required').notNull(),
    // Whether E4 waits for the project questionnaire: false for the projects whose design questionnaires had started
    // before it existed (migration 0018), so that they are not held back by a questionnaire nobody was sent.
    asksProjectQuestionnaire: boolean('asks_project_questionnaire').notNull().default(true),
    templateKey: text('template_key').notNull(),
    templateVersion: integer('template_version').notNull(),
    processState: jsonb('process_state').$type<ProcessState>().notNull(),
    // Derived from processState by the engine at every change, kept as columns so the pipeline can filter and index them.
    currentStepKey: text('current_step_key'),
    state: text('state', { enum: projectStates }).notNull(),
    waitingOn: jsonb('waiting_on').$type<string[]>().notNull(),
    purchaseOrderNumber: text('purchase_order_number'),
    purchaseOrderApprovedAt: timestamp('purchase_order_approved_at', { withTimezone: true }),
    paymentReceivedAt: timestamp('payment_received_at', { withTimezone: true }),
    // Scheduling (E7): a manager may let the engineer book before the requirements are verified.
    schedulingOverrideAt: timestamp('scheduling_override_at', { withTimezone: true }),
    schedulingOverrideReason: text('scheduling_override_reason'),
    // The scheduling target: when the project became ready to schedule (E7 current), and the business day by which
    // its first session should take place (SCHEDULING_TARGET_BUSINESS_DAYS later on the engineer's calendar).
    readyToScheduleAt: timestamp('ready_to_schedule_at', { withTimezone: true }),
    scheduleDueAt: timestamp('schedule_due_at', { withTimezone: true }),
    // Business days from ready to schedule to the first booked session, recorded when that session is confirmed.
    firstSessionBusinessDays: integer('first_session_business_days'),
    firstSessionAt: timestamp('first_session_at', { withTimezone: true }),
    createdBy: uuid('created_by').references(() => users.id, { onDelete: 'restrict' }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (table) => [
    uniqueIndex('projects_reference_key').on(table.reference),
    // Ascending on purpose: the pipeline orders by `updated_at desc, id desc` (nulls first), which a backward scan
    // of these serves; drizzle's `.desc()` writes `desc nulls last`, an order that query cannot use.
    index('projects_pipeline_idx').on(table.updatedAt, table.id),
    index('projects_pipeline_step_idx').on(table.currentStepKey, table.updatedAt, table.id),
    index('projects_pipeline_engineer_idx').on(table.engineerId, table.updatedAt, table.id),
    // An engineer's projects at one step, the pipeline's most common pair of filters: read in order, without combining
    // the two indexes above and sorting (bench/: 1,370 → 1,900 requests/s on PostgreSQL).
    index('projects_pipeline_engineer_step_idx').on(table.engineerId, table.currentStepKey, table.updatedAt, table.id),
    index('projects_pipeline_customer_idx').on(table.customerId, table.updatedAt, table.id),
    index('projects_partner_idx').on(table.partnerId),
    check('projects_priority_check', inList('priority', priorities)),
    check('projects_deployment_check', inList('deployment', deployments)),
    check('projects_state_check', inList('state', projectStates)),
    check('projects_effort_check', sql`purchased_effort_days > 0`),
  ],
);

/** Exit criteria recorded by hand (criteria whose feature does not record them itself yet). */
export const projectFacts = pgTable(
  'project_facts',
  {
    projectId: uuid('project_id')
      .notNull()
      .references(() => projects.id, { onDelete: 'cascade' }),
    criterionKey: text('criterion_key').notNull(),
    confirmedBy: uuid('confirmed_by').references(() => users.id, { onDelete: 'restrict' }),
    note: text('note'),
    confirmedAt: timestamp('confirmed_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [primaryKey({ columns: [table.projectId, table.criterionKey] })],
);

/** Who wrote something: a staff user or an external contact, with the name shown next to it. */
export interface Author {
  kind: 'staff' | 'contact';
  id: string;
  name: string;
}

export type ProjectRow = typeof projects.$inferSelect;
export type ProjectFactRow = typeof projectFacts.$inferSelect;
