import { z } from 'zod';
import { translatorFor } from '../../../domain/text/i18n';
import { paymentTerms, purchaseOrderStatuses } from '../../db/schema';
import { localizedTextSchema, readableText } from '../../http/common.schemas';
import { deploymentSchema, prioritySchema } from '../projects/projects.schemas';

const en = translatorFor('en', 'errors');

const serviceKey = z.string().regex(/^[a-z0-9-]{1,100}$/, en('purchaseOrders.not_a_service_key'));
const applicationKey = z.string().regex(/^[a-z0-9-]{1,100}$/, en('purchaseOrders.not_an_application_key'));

export const purchaseOrderLineSchema = z.object({
  serviceKey,
  quantity: z
    .number({ error: en('purchaseOrders.enter_quantity') })
    .positive(en('purchaseOrders.quantity_positive'))
    .max(1000, en('purchaseOrders.at_most_thousand'))
    .refine((value) => Number.isInteger(value * 2), en('purchaseOrders.half_units')),
});

export const createPurchaseOrderBody = z.object({
  number: z
    .string()
    .trim()
    .min(1, en('purchaseOrders.enter_number'))
    .max(50, en('common.at_most_characters', { maximum: 50 })),
  orderDate: z.iso.date({ error: en('purchaseOrders.order_date_format') }),
  customerId: z.uuid({ error: en('purchaseOrders.choose_customer') }),
  partnerId: z.uuid({ error: en('purchaseOrders.invalid_partner_id') }).nullish(),
  currency: z
    .string()
    .trim()
    .toUpperCase()
    .regex(/^[A-Z]{3}$/, en('purchaseOrders.currency_code')),
  amount: z
    .number({ error: en('purchaseOrders.enter_amount') })
    .min(0, en('purchaseOrders.amount_negative'))
    // numeric(14, 2): twelve digits before the decimal point.
    .max(999_999_999_999.99, en('purchaseOrders.amount_too_large'))
    .refine(
      (value) => Number.isInteger(Math.round(value * 100)) && Math.abs(value * 100 - Math.round(value * 100)) < 1e-6,
      en('purchaseOrders.two_decimals'),
    ),
  lines: z
    .array(purchaseOrderLineSchema)
    .min(1, en('purchaseOrders.needs_a_line'))
    .max(50, en('purchaseOrders.at_most_lines')),
  applications: z
    .array(applicationKey)
    .min(1, en('purchaseOrders.choose_application'))
    .max(50)
    .refine((values) => new Set(values).size === values.length, en('purchaseOrders.each_application_once')),
  deployment: deploymentSchema,
  priority: prioritySchema.default('normal'),
  projectName: readableText()
    .trim()
    .min(1)
    .max(200, en('common.at_most_characters', { maximum: 200 }))
    .nullish(),
});
export type CreatePurchaseOrderBody = z.infer<typeof createPurchaseOrderBody>;

const party = z.object({ id: z.uuid(), name: z.string() });

export const purchaseOrderSchema = z
  .object({
    id: z.uuid(),
    number: z.string(),
    orderDate: z.iso.date(),
    customer: party,
    partner: party.extend({ paymentTerms: z.enum(paymentTerms) }).nullable(),
    currency: z.string(),
    /** Decimal text with two decimals, so no amount is rounded through a float. */
    amount: z.string(),
    lines: z.array(
      z.object({
        serviceKey: z.string(),
        serviceName: localizedTextSchema,
        unit: z.enum(['days', 'sessions']),
        quantity: z.number(),
      }),
    ),
    applications: z.array(z.string()),
    deployment: deploymentSchema,
    priority: prioritySchema,
    projectName: z.string().nullable(),
    /** Days of effort the lines bought (the lines measured in days). */
    effortDays: z.number(),
    isTrainingPurchased: z.boolean(),
    /** The partner's terms require a payment before the work starts. */
    isPaymentRequired: z.boolean(),
    status: z.enum(purchaseOrderStatuses),
    project: z.object({ id: z.uuid(), reference: z.string() }).nullable(),
    createdAt: z.iso.datetime(),
    approvedAt: z.iso.datetime().nullable(),
  })
  .meta({ id: 'PurchaseOrder' });
export type PurchaseOrder = z.infer<typeof purchaseOrderSchema>;

export const listPurchaseOrdersQuery = z.object({ status: z.enum(purchaseOrderStatuses).optional() });
export const purchaseOrderListResponse = z.object({ items: z.array(purchaseOrderSchema) });

export const importPurchaseOrdersBody = z.object({
  csv: z.string().min(1, en('purchaseOrders.file_empty')).max(2_000_000, en('purchaseOrders.file_too_large')),
  /** Check every row and report, without creating anything. */
  dryRun: z.boolean().default(false),
});

export const importReportSchema = z.object({
  created: z.number().int(),
  refused: z.number().int(),
  rows: z.array(
    z.object({
      /** The line of the file (the header is line 1). */
      line: z.number().int(),
      number: z.string().nullable(),
      status: z.enum(['created', 'valid', 'refused']),
      purchaseOrderId: z.uuid().nullable(),
      problems: z.array(z.object({ column: z.string(), message: z.string() })),
    }),
  ),
});
export type ImportReport = z.infer<typeof importReportSchema>;
