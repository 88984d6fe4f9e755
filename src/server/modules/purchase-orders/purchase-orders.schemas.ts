import { z } from 'zod';
import { paymentTerms, purchaseOrderStatuses } from '../../db/schema';
import { localizedTextSchema, readableText } from '../../http/common.schemas';
import { deploymentSchema, prioritySchema } from '../projects/projects.schemas';

const serviceKey = z.string().regex(/^[a-z0-9-]{1,100}$/, 'Not a service key of the catalog.');
const applicationKey = z.string().regex(/^[a-z0-9-]{1,100}$/, 'Not an application key.');

export const purchaseOrderLineSchema = z.object({
  serviceKey,
  quantity: z
    .number({ error: 'Enter a quantity.' })
    .positive('The quantity must be more than 0.')
    .max(1000, 'At most 1,000.')
    .refine((value) => Number.isInteger(value * 2), 'Use whole or half units (such as 2 or 2.5).'),
});

export const createPurchaseOrderBody = z.object({
  number: z.string().trim().min(1, 'Enter the purchase order number.').max(50, 'At most 50 characters.'),
  orderDate: z.iso.date({ error: 'Enter the order date as YYYY-MM-DD.' }),
  customerId: z.uuid({ error: 'Choose a customer.' }),
  partnerId: z.uuid({ error: 'Not a valid partner id.' }).nullish(),
  currency: z
    .string()
    .trim()
    .toUpperCase()
    .regex(/^[A-Z]{3}$/, 'A three-letter currency code such as EUR.'),
  amount: z
    .number({ error: 'Enter the amount.' })
    .min(0, 'The amount cannot be negative.')
    // numeric(14, 2): twelve digits before the decimal point.
    .max(999_999_999_999.99, 'The amount is too large.')
    .refine(
      (value) => Number.isInteger(Math.round(value * 100)) && Math.abs(value * 100 - Math.round(value * 100)) < 1e-6,
      'At most two decimals.',
    ),
  lines: z
    .array(purchaseOrderLineSchema)
    .min(1, 'A purchase order needs at least one line: what did the customer buy?')
    .max(50, 'At most 50 lines.'),
  applications: z
    .array(applicationKey)
    .min(1, 'Choose at least one application.')
    .max(50)
    .refine((values) => new Set(values).size === values.length, 'Each application once.'),
  deployment: deploymentSchema,
  priority: prioritySchema.default('normal'),
  projectName: readableText().trim().min(1).max(200, 'At most 200 characters.').nullish(),
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
  csv: z.string().min(1, 'The file is empty.').max(2_000_000, 'The file is larger than 2 MB: split it.'),
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
