/** The purchase-orders module's tables: the purchase orders as the vendor received them. */

import { sql } from 'drizzle-orm';
import { check, date, index, jsonb, numeric, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { organisations } from '../organisations/organisations.tables';
import { deployments, priorities, projects } from '../projects/projects.tables';
import { users } from '../users/users.tables';
import { createdAt, inList } from '../../db/columns';

export const purchaseOrderStatuses = ['draft', 'approved'] as const;

export interface PurchaseOrderLine {
  /** A service of the content library's catalog (services.yaml). */
  serviceKey: string;
  quantity: number;
}

/**
 * A purchase order as the vendor received it. Approving it creates the project it pays for (project_id), with the
 * applications, effort and training its lines bought.
 */
export const purchaseOrders = pgTable(
  'purchase_orders',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    number: text('number').notNull(),
    orderDate: date('order_date', { mode: 'string' }).notNull(),
    customerId: uuid('customer_id')
      .notNull()
      .references(() => organisations.id, { onDelete: 'restrict' }),
    partnerId: uuid('partner_id').references(() => organisations.id, { onDelete: 'restrict' }),
    currency: text('currency').notNull(),
    amount: numeric('amount', { precision: 14, scale: 2, mode: 'string' }).notNull(),
    lines: jsonb('lines').$type<PurchaseOrderLine[]>().notNull(),
    applications: jsonb('applications').$type<string[]>().notNull(),
    deployment: text('deployment', { enum: deployments }).notNull(),
    priority: text('priority', { enum: priorities }).notNull(),
    projectName: text('project_name'),
    status: text('status', { enum: purchaseOrderStatuses }).notNull(),
    projectId: uuid('project_id').references(() => projects.id, { onDelete: 'restrict' }),
    createdBy: uuid('created_by').references(() => users.id, { onDelete: 'restrict' }),
    createdAt: createdAt(),
    approvedBy: uuid('approved_by').references(() => users.id, { onDelete: 'restrict' }),
    approvedAt: timestamp('approved_at', { withTimezone: true }),
  },
  (table) => [
    uniqueIndex('purchase_orders_number_key').on(sql`lower(${table.number})`),
    uniqueIndex('purchase_orders_project_key').on(table.projectId),
    index('purchase_orders_status_idx').on(table.status, table.createdAt),
    check('purchase_orders_status_check', inList('status', purchaseOrderStatuses)),
    check('purchase_orders_deployment_check', inList('deployment', deployments)),
    check('purchase_orders_priority_check', inList('priority', priorities)),
    check('purchase_orders_amount_check', sql`amount >= 0`),
    check('purchase_orders_currency_check', sql`currency ~ '^[A-Z]{3}$'`),
    check(
      'purchase_orders_approval_check',
      sql`(status = 'approved') = (project_id is not null and approved_at is not null)`,
    ),
  ],
);

export type PurchaseOrderRow = typeof purchaseOrders.$inferSelect;
