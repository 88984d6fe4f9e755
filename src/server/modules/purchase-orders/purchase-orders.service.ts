import type { ContentLibrary } from '../../../domain/content';
import { summarizeLines } from '../../../domain/purchase-orders/effort';
import { inTransaction, type ServiceContext } from '../../context';
import type { Database } from '../../db/database';
import { translatorFor } from '../../../domain/text/i18n';
import { refuse, type ErrorDetail } from '../../errors';
import type { StaffActor } from '../audit/actor';
import { recordAuditEvent } from '../audit/audit.service';
import { getContentLibrary } from '../content/content.service';
import { findOrganisationRow, listOrganisationRows } from '../organisations/organisations.service';
import { insertNewProject } from '../projects/projects.service';
import { parsePurchaseOrderCsv } from './purchase-orders.csv';
import {
  deleteDraftPurchaseOrder,
  findOrderDateOfProject,
  findOrderLinesOfProject,
  findPurchaseOrderNumbers,
  findPurchaseOrderRow,
  insertPurchaseOrder,
  listPurchaseOrderRows,
  lockPurchaseOrder,
  markPurchaseOrderApproved,
  type PurchaseOrderRow,
  type PurchaseOrderWithNames,
} from './purchase-orders.repository';
import {
  createPurchaseOrderBody,
  type CreatePurchaseOrderBody,
  type ImportReport,
  type PurchaseOrder,
} from './purchase-orders.schemas';

const en = translatorFor('en', 'errors');

function present(row: PurchaseOrderWithNames, library: ContentLibrary): PurchaseOrder {
  const { order } = row;
  const services = new Map(library.services.map((service) => [service.key, service]));
  const summary = summarizeLines(order.lines, library.services);
  return {
    id: order.id,
    number: order.number,
    orderDate: order.orderDate,
    customer: { id: order.customerId, name: row.customerName },
    partner:
      order.partnerId === null
        ? null
        : { id: order.partnerId, name: row.partnerName ?? '', paymentTerms: row.partnerTerms ?? 'engage-on-po' },
    currency: order.currency,
    amount: order.amount,
    lines: order.lines.map((line) => {
      const service = services.get(line.serviceKey);
      return {
        serviceKey: line.serviceKey,
        serviceName: service?.name ?? { en: line.serviceKey, it: line.serviceKey },
        unit: service?.unit ?? 'days',
        quantity: line.quantity,
      };
    }),
    applications: order.applications,
    deployment: order.deployment,
    priority: order.priority,
    projectName: order.projectName,
    effortDays: summary.effortDays,
    isTrainingPurchased: summary.isTrainingPurchased,
    isPaymentRequired: row.partnerTerms === 'prepayment-required',
    status: order.status,
    project: order.projectId === null ? null : { id: order.projectId, reference: row.projectReference ?? '' },
    createdAt: order.createdAt.toISOString(),
    approvedAt: order.approvedAt?.toISOString() ?? null,
  };
}

/** Checks an order against the organisations and the catalog; every problem, located as in the request body. */
async function findOrderProblems(
  db: Database,
  body: CreatePurchaseOrderBody,
  library: ContentLibrary,
): Promise<ErrorDetail[]> {
  const problems: ErrorDetail[] = [];
  const customer = await findOrganisationRow(db, body.customerId);
  if (customer === null || customer.kind !== 'customer')
    problems.push({ path: 'body.customerId', message: en('purchaseOrders.choose_existing_customer') });
  if (body.partnerId != null) {
    const partner = await findOrganisationRow(db, body.partnerId);
    if (partner === null || partner.kind !== 'partner')
      problems.push({ path: 'body.partnerId', message: en('purchaseOrders.choose_existing_partner') });
  }
  const services = new Set(library.services.map((service) => service.key));
  body.lines.forEach((line, index) => {
    if (!services.has(line.serviceKey)) {
      problems.push({
        path: `body.lines.${index}.serviceKey`,
        message: en('purchaseOrders.not_a_service', { services: [...services].join(', ') }),
      });
    }
  });
  const applications = new Set(library.applications.map((application) => application.key));
  body.applications.forEach((key, index) => {
    if (!applications.has(key))
      problems.push({
        path: `body.applications.${index}`,
        message: en('purchaseOrders.not_an_application', { applications: [...applications].join(', ') }),
      });
  });
  if (problems.length === 0 && summarizeLines(body.lines, library.services).effortDays <= 0) {
    problems.push({
      path: 'body.lines',
      message: en('purchaseOrders.days_of_work_needed'),
    });
  }
  return problems;
}

async function insertCheckedOrder(
  db: Database,
  actor: StaffActor,
  body: CreatePurchaseOrderBody,
  now: Date,
): Promise<PurchaseOrderRow> {
  const order = await insertPurchaseOrder(db, {
    number: body.number,
    orderDate: body.orderDate,
    customerId: body.customerId,
    partnerId: body.partnerId ?? null,
    currency: body.currency,
    amount: body.amount.toFixed(2),
    lines: body.lines,
    applications: body.applications,
    deployment: body.deployment,
    priority: body.priority,
    projectName: body.projectName ?? null,
    status: 'draft',
    createdBy: actor.userId,
    createdAt: now,
  });
  if (order === null) {
    throw refuse('conflict', 'purchaseOrders.recorded_already', {
      values: { number: body.number },
      details: [{ path: 'body.number', message: en('purchaseOrders.number_taken') }],
    });
  }
  await recordAuditEvent(db, actor, {
    action: 'purchase-order.recorded',
    subjectType: 'purchase-order',
    subjectId: order.id,
    after: {
      number: order.number,
      customerId: order.customerId,
      partnerId: order.partnerId,
      amount: order.amount,
      currency: order.currency,
      lines: order.lines,
    },
  });
  return order;
}

/** Records a purchase order as a draft; throws validation_failed (every problem) or conflict (number taken). */
export async function createPurchaseOrder(
  context: ServiceContext,
  actor: StaffActor,
  body: CreatePurchaseOrderBody,
): Promise<PurchaseOrder> {
  const id = await inTransaction(context, async (db) => {
    const library = await getContentLibrary(db);
    const problems = await findOrderProblems(db, body, library);
    if (problems.length > 0) {
      throw refuse('validation_failed', problems.length === 1 ? 'common.one_problem' : 'purchaseOrders.problems', {
        values: problems.length === 1 ? { problem: problems[0]?.message ?? '' } : { count: problems.length },
        details: problems,
      });
    }
    return (await insertCheckedOrder(db, actor, body, context.now())).id;
  });
  return getPurchaseOrder(context, id);
}

/** Purchase orders, newest first, optionally only drafts or only approved ones. */
/** The day the customer ordered the work of a project (its purchase order's date), or null for a project without one. */
export async function getOrderDateOfProject(
  context: Pick<ServiceContext, 'db'>,
  projectId: string,
): Promise<string | null> {
  return findOrderDateOfProject(context.db, projectId);
}

export async function listPurchaseOrders(
  context: ServiceContext,
  status?: PurchaseOrderRow['status'],
): Promise<PurchaseOrder[]> {
  const library = await getContentLibrary(context.db);
  return (await listPurchaseOrderRows(context.db, status)).map((row) => present(row, library));
}

/** One purchase order; throws not_found. */
export async function getPurchaseOrder(context: ServiceContext, id: string): Promise<PurchaseOrder> {
  const row = await findPurchaseOrderRow(context.db, id);
  if (row === null) throw refuse('not_found', 'purchaseOrders.no_such_order');
  return present(row, await getContentLibrary(context.db));
}

/**
 * Approves a draft order and creates the project it pays for (E1): its applications, the effort its lines bought,
 * training when a line bought it, and the partner's payment terms (prepayment keeps E1 blocked until a payment is
 * recorded). Throws not_found, or conflict when the order is approved already.
 */
export async function approvePurchaseOrder(
  context: ServiceContext,
  actor: StaffActor,
  id: string,
): Promise<PurchaseOrder> {
  await inTransaction(context, async (db) => {
    const order = await lockPurchaseOrder(db, id);
    if (order === null) throw refuse('not_found', 'purchaseOrders.no_such_order');
    if (order.status !== 'draft')
      throw refuse('conflict', 'purchaseOrders.approved_already', { values: { number: order.number } });
    const library = await getContentLibrary(db);
    const summary = summarizeLines(order.lines, library.services);
    const customer = await findOrganisationRow(db, order.customerId);
    const approvedAt = context.now();
    const projectId = await insertNewProject(context, db, actor, {
      name: order.projectName ?? `${customer?.name ?? 'Customer'} — ${order.number}`,
      customerId: order.customerId,
      partnerId: order.partnerId,
      applications: order.applications,
      priority: order.priority,
      deployment: order.deployment,
      purchasedEffortDays: summary.effortDays,
      trainingPurchased: summary.isTrainingPurchased,
      purchaseOrder: { number: order.number, approvedAt },
    });
    await markPurchaseOrderApproved(db, id, { projectId, approvedBy: actor.userId, approvedAt });
    await recordAuditEvent(db, actor, {
      action: 'purchase-order.approved',
      projectId,
      subjectType: 'purchase-order',
      subjectId: id,
      after: { number: order.number, projectId },
    });
  });
  return getPurchaseOrder(context, id);
}

/** Deletes a draft order (a mistaken entry or import); throws not_found, or conflict once it is approved. */
export async function deletePurchaseOrder(context: ServiceContext, actor: StaffActor, id: string): Promise<void> {
  await inTransaction(context, async (db) => {
    const order = await lockPurchaseOrder(db, id);
    if (order === null) throw refuse('not_found', 'purchaseOrders.no_such_order');
    if (order.status !== 'draft')
      throw refuse('conflict', 'purchaseOrders.approved_cannot_delete', { values: { number: order.number } });
    await deleteDraftPurchaseOrder(db, id);
    await recordAuditEvent(db, actor, {
      action: 'purchase-order.deleted',
      subjectType: 'purchase-order',
      subjectId: id,
      before: { number: order.number },
    });
  });
}

/**
 * Imports purchase orders from CSV as drafts. Every row is checked first (columns, organisations by name, catalog,
 * numbers already recorded or repeated in the file); then the valid rows are created in one transaction, each one
 * whole. The report says, row by row, what was created and why a row was refused. With dryRun nothing is created.
 */
export async function importPurchaseOrders(
  context: ServiceContext,
  actor: StaffActor,
  input: { csv: string; dryRun: boolean },
): Promise<ImportReport> {
  const parsed = parsePurchaseOrderCsv(input.csv);
  if (parsed.fileProblem !== null && parsed.fileProblemReason !== null)
    throw refuse('validation_failed', parsed.fileProblemReason.key, {
      values: parsed.fileProblemReason.values,
      details: [{ path: 'body.csv', message: parsed.fileProblem }],
    });
  return inTransaction(context, async (db) => {
    const library = await getContentLibrary(db);
    const byName = (kind: 'customer' | 'partner') =>
      listOrganisationRows(db, kind).then((rows) => new Map(rows.map((row) => [row.name.trim().toLowerCase(), row])));
    const [customers, partners] = await Promise.all([byName('customer'), byName('partner')]);
    const taken = await findPurchaseOrderNumbers(
      db,
      parsed.rows.flatMap((row) => (row.values.number === undefined ? [] : [row.values.number])),
    );
    const seen = new Map<string, number>();
    const report: ImportReport = { created: 0, refused: 0, rows: [] };

    for (const row of parsed.rows) {
      const problems = [...row.problems];
      const number = row.values.number ?? null;
      const customer = row.values.customer === undefined ? undefined : customers.get(row.values.customer.toLowerCase());
      if (row.values.customer !== undefined && customer === undefined) {
        problems.push({
          column: 'customer',
          message: en('purchaseOrders.csv_no_customer', { name: row.values.customer }),
        });
      }
      const partner =
        row.values.partner === undefined ? null : (partners.get(row.values.partner.toLowerCase()) ?? undefined);
      if (partner === undefined)
        problems.push({
          column: 'partner',
          message: en('purchaseOrders.csv_no_partner', { name: row.values.partner ?? '' }),
        });
      if (number !== null) {
        const key = number.toLowerCase();
        if (taken.has(key))
          problems.push({ column: 'number', message: en('purchaseOrders.recorded_already', { number }) });
        const earlier = seen.get(key);
        if (earlier !== undefined)
          problems.push({ column: 'number', message: en('purchaseOrders.csv_repeated_number', { line: earlier }) });
        else seen.set(key, row.line);
      }
      let body: CreatePurchaseOrderBody | null = null;
      if (problems.length === 0 && customer !== undefined && partner !== undefined) {
        const candidate = createPurchaseOrderBody.safeParse({
          ...row.order,
          customerId: customer.id,
          partnerId: partner?.id ?? null,
        });
        if (!candidate.success) {
          for (const issue of candidate.error.issues)
            problems.push({ column: columnOf(issue.path), message: issue.message });
        } else {
          for (const problem of await findOrderProblems(db, candidate.data, library)) {
            problems.push({
              column: columnOf(problem.path.replace(/^body\./, '').split('.')),
              message: problem.message,
            });
          }
          body = candidate.data;
        }
      }
      if (problems.length > 0 || body === null) {
        report.refused += 1;
        report.rows.push({ line: row.line, number, status: 'refused', purchaseOrderId: null, problems });
        continue;
      }
      if (input.dryRun) {
        report.rows.push({ line: row.line, number, status: 'valid', purchaseOrderId: null, problems: [] });
        continue;
      }
      const order = await insertCheckedOrder(db, actor, body, context.now());
      report.created += 1;
      report.rows.push({ line: row.line, number, status: 'created', purchaseOrderId: order.id, problems: [] });
    }
    if (!input.dryRun) {
      await recordAuditEvent(db, actor, {
        action: 'purchase-order.imported',
        subjectType: 'purchase-order',
        after: { created: report.created, refused: report.refused },
      });
    }
    return report;
  });
}

/** The CSV column a body field came from. */
function columnOf(path: readonly PropertyKey[]): string {
  const [first] = path;
  const columns: Record<string, string> = {
    number: 'number',
    orderDate: 'order_date',
    currency: 'currency',
    amount: 'amount',
    lines: 'lines',
    applications: 'applications',
    deployment: 'deployment',
    priority: 'priority',
    projectName: 'project_name',
  };
  return columns[String(first)] ?? String(first ?? 'row');
}

/** The lines of a project's purchase order, in the caller's transaction or database; null for a project without one. */
export async function findOrderLinesOfProjectOrder(
  db: Database,
  projectId: string,
): Promise<PurchaseOrderRow['lines'] | null> {
  return findOrderLinesOfProject(db, projectId);
}
