import { and, desc, eq, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Database } from '../../db/database';
import { organisations, projects } from '../../db/schema';
import { purchaseOrders, type PurchaseOrderRow } from './purchase-orders.tables';

export type { PurchaseOrderRow };

const partners = alias(organisations, 'partners');

export interface PurchaseOrderWithNames {
  order: PurchaseOrderRow;
  customerName: string;
  partnerName: string | null;
  partnerTerms: (typeof organisations.$inferSelect)['paymentTerms'];
  projectReference: string | null;
}

function selectWithNames(db: Database) {
  return db
    .select({
      order: purchaseOrders,
      customerName: organisations.name,
      partnerName: partners.name,
      partnerTerms: partners.paymentTerms,
      projectReference: projects.reference,
    })
    .from(purchaseOrders)
    .innerJoin(organisations, eq(organisations.id, purchaseOrders.customerId))
    .leftJoin(partners, eq(partners.id, purchaseOrders.partnerId))
    .leftJoin(projects, eq(projects.id, purchaseOrders.projectId));
}

export async function listPurchaseOrderRows(
  db: Database,
  status?: PurchaseOrderRow['status'],
): Promise<PurchaseOrderWithNames[]> {
  return selectWithNames(db)
    .where(status === undefined ? undefined : eq(purchaseOrders.status, status))
    .orderBy(desc(purchaseOrders.createdAt), desc(purchaseOrders.id))
    .limit(500);
}

export async function findPurchaseOrderRow(db: Database, id: string): Promise<PurchaseOrderWithNames | null> {
  const [row] = await selectWithNames(db).where(eq(purchaseOrders.id, id)).limit(1);
  return row ?? null;
}

export async function lockPurchaseOrder(db: Database, id: string): Promise<PurchaseOrderRow | null> {
  const [row] = await db.select().from(purchaseOrders).where(eq(purchaseOrders.id, id)).for('update').limit(1);
  return row ?? null;
}

/** The order date (YYYY-MM-DD) of the purchase order a project was created from; null for a project without one. */
export async function findOrderDateOfProject(db: Database, projectId: string): Promise<string | null> {
  const [row] = await db
    .select({ orderDate: purchaseOrders.orderDate })
    .from(purchaseOrders)
    .where(eq(purchaseOrders.projectId, projectId))
    .limit(1);
  return row?.orderDate ?? null;
}

/** The lines of the purchase order a project was created from; null for a project without one. */
export async function findOrderLinesOfProject(
  db: Database,
  projectId: string,
): Promise<PurchaseOrderRow['lines'] | null> {
  const [row] = await db
    .select({ lines: purchaseOrders.lines })
    .from(purchaseOrders)
    .where(eq(purchaseOrders.projectId, projectId))
    .limit(1);
  return row?.lines ?? null;
}

/** Inserts a purchase order; null when one with that number exists (case-insensitive). */
export async function insertPurchaseOrder(
  db: Database,
  values: typeof purchaseOrders.$inferInsert,
): Promise<PurchaseOrderRow | null> {
  const rows = await db
    .insert(purchaseOrders)
    .values(values)
    // The only unique value of a new row is its number (project_id is null until approval).
    .onConflictDoNothing()
    .returning();
  return rows[0] ?? null;
}

export async function findPurchaseOrderNumbers(db: Database, numbers: readonly string[]): Promise<Set<string>> {
  if (numbers.length === 0) return new Set();
  const rows = await db
    .select({ number: purchaseOrders.number })
    .from(purchaseOrders)
    .where(
      sql`lower(${purchaseOrders.number}) in (${sql.join(
        numbers.map((number) => sql`${number.toLowerCase()}`),
        sql`, `,
      )})`,
    );
  return new Set(rows.map((row) => row.number.toLowerCase()));
}

export async function markPurchaseOrderApproved(
  db: Database,
  id: string,
  values: { projectId: string; approvedBy: string; approvedAt: Date },
): Promise<void> {
  await db
    .update(purchaseOrders)
    .set({ status: 'approved', ...values })
    .where(and(eq(purchaseOrders.id, id), eq(purchaseOrders.status, 'draft')));
}

export async function deleteDraftPurchaseOrder(db: Database, id: string): Promise<boolean> {
  const rows = await db
    .delete(purchaseOrders)
    .where(and(eq(purchaseOrders.id, id), eq(purchaseOrders.status, 'draft')))
    .returning({ id: purchaseOrders.id });
  return rows.length > 0;
}
