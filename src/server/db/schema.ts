import { sql } from 'drizzle-orm';
import {
  bigserial,
  customType,
  date,
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
import { requirementCategories, requirementOwners } from '../../domain/content/content.schemas';
import { languages } from '../../domain/text/languages';

const bytea = customType<{ data: Buffer; driverData: Buffer | Uint8Array }>({
  dataType: () => 'bytea',
  fromDriver: (value) => (Buffer.isBuffer(value) ? value : Buffer.from(value)),
});

const createdAt = () => timestamp('created_at', { withTimezone: true }).notNull().defaultNow();
const updatedAt = () => timestamp('updated_at', { withTimezone: true }).notNull().defaultNow();

export const staffRoles = ['admin', 'manager', 'engineer', 'support'] as const;
export { languages };
export const organisationKinds = ['customer', 'partner'] as const;
export const paymentTerms = ['engage-on-po', 'prepayment-required'] as const;
export const contactRoles = ['technical-reference', 'approver', 'partner-technician'] as const;
export const priorities = ['low', 'normal', 'high', 'urgent'] as const;
export const deployments = ['virtual-appliance', 'windows-vms', 'vendor-cloud'] as const;
export const projectStates = ['current', 'blocked', 'complete'] as const;
/**
 * queued → sending → sent; a failed attempt goes to retrying (then sending again) until the last one, which ends in
 * failed. not-configured: no SMTP server was configured, the message was kept exactly as it would have been sent (rows
 * written before the trial mailbox). trial: no SMTP server is configured, the message was delivered to the trial
 * mailbox (trial_mail) instead, and counts as accepted; it is never sent later by itself.
 */
export const purchaseOrderStatuses = ['draft', 'approved'] as const;
export const mailStatuses = ['queued', 'sending', 'retrying', 'sent', 'failed', 'not-configured', 'trial'] as const;

const inList = (column: string, values: readonly string[]) =>
  sql.raw(`${column} in (${values.map((value) => `'${value}'`).join(', ')})`);

export const users = pgTable(
  'users',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    email: text('email').notNull(),
    name: text('name').notNull(),
    role: text('role', { enum: staffRoles }).notNull(),
    language: text('language', { enum: languages }).notNull().default('en'),
    /** Null until an invited user sets their own password (password_tokens, purpose invitation). */
    passwordHash: text('password_hash'),
    passwordChangedAt: timestamp('password_changed_at', { withTimezone: true }),
    isDisabled: boolean('is_disabled').notNull().default(false),
    /** Competence teams (keys of the content library's teams.yaml) an engineer belongs to. */
    teams: jsonb('teams').$type<string[]>().notNull().default([]),
    phone: text('phone'),
    // The working calendar (scheduling): an IANA zone, ISO weekdays (1 = Monday … 7 = Sunday), wall-clock hours,
    // and the country (and region) whose public holidays are days off.
    timeZone: text('time_zone').notNull().default('Europe/Rome'),
    workingDays: jsonb('working_days').$type<number[]>().notNull().default([1, 2, 3, 4, 5]),
    workingHours: jsonb('working_hours')
      .$type<WallClockHours[]>()
      .notNull()
      .default([
        { start: '09:00', end: '13:00' },
        { start: '14:00', end: '18:00' },
      ]),
    holidayCountry: text('holiday_country').notNull().default('IT'),
    holidayRegion: text('holiday_region'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (table) => [
    uniqueIndex('users_email_key').on(table.email),
    check('users_role_check', inList('role', staffRoles)),
    check('users_language_check', inList('language', languages)),
    check('users_email_lowercase_check', sql`email = lower(email)`),
  ],
);

/** Wall-clock hours of a working day, 'HH:mm' to 'HH:mm'. */
export interface WallClockHours {
  start: string;
  end: string;
}

export const sessions = pgTable(
  'sessions',
  {
    tokenHash: text('token_hash').primaryKey(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    createdAt: createdAt(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    ip: text('ip'),
    userAgent: text('user_agent'),
  },
  (table) => [index('sessions_user_id_idx').on(table.userId)],
);

/** Log-in attempts not known to have succeeded, counted per account and per address for rate limiting; old rows are pruned. */
export const loginFailures = pgTable(
  'login_failures',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    key: text('key').notNull(),
    failedAt: timestamp('failed_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [index('login_failures_key_failed_at_idx').on(table.key, table.failedAt)],
);

export const organisations = pgTable(
  'organisations',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    kind: text('kind', { enum: organisationKinds }).notNull(),
    name: text('name').notNull(),
    paymentTerms: text('payment_terms', { enum: paymentTerms }),
    // Where the organisation works (a customer's business hours bound the sessions proposed to it).
    timeZone: text('time_zone').notNull().default('Europe/Rome'),
    businessDays: jsonb('business_days').$type<number[]>().notNull().default([1, 2, 3, 4, 5]),
    businessHours: jsonb('business_hours')
      .$type<WallClockHours[]>()
      .notNull()
      .default([{ start: '09:00', end: '18:00' }]),
    holidayCountry: text('holiday_country').notNull().default('IT'),
    holidayRegion: text('holiday_region'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (table) => [
    uniqueIndex('organisations_kind_name_key').on(table.kind, sql`lower(${table.name})`),
    check('organisations_kind_check', inList('kind', organisationKinds)),
    check(
      'organisations_payment_terms_check',
      sql`(kind = 'partner' and payment_terms in ('engage-on-po', 'prepayment-required')) or (kind = 'customer' and payment_terms is null)`,
    ),
  ],
);

export const contacts = pgTable(
  'contacts',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organisationId: uuid('organisation_id')
      .notNull()
      .references(() => organisations.id, { onDelete: 'restrict' }),
    name: text('name').notNull(),
    email: text('email').notNull(),
    phone: text('phone'),
    language: text('language', { enum: languages }).notNull(),
    role: text('role', { enum: contactRoles }).notNull(),
    /** A disabled contact has no portal session and no valid link, and is never sent a fresh one. */
    isDisabled: boolean('is_disabled').notNull().default(false),
    disabledAt: timestamp('disabled_at', { withTimezone: true }),
    disabledBy: uuid('disabled_by').references(() => users.id, { onDelete: 'restrict' }),
    /** Who added the contact (null for contacts added before this was recorded). */
    createdBy: uuid('created_by').references(() => users.id, { onDelete: 'restrict' }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (table) => [
    uniqueIndex('contacts_organisation_email_key').on(table.organisationId, table.email),
    check('contacts_role_check', inList('role', contactRoles)),
    check('contacts_language_check', inList('language', languages)),
  ],
);

/** Process templates are data, versioned; a project points at the version it started with. */
export const processTemplates = pgTable(
  'process_templates',
  {
    key: text('key').notNull(),
    version: integer('version').notNull(),
    definition: jsonb('definition').notNull(),
    createdAt: createdAt(),
  },
  (table) => [primaryKey({ columns: [table.key, table.version] })],
);

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
    processState: jsonb('process_state').notNull(),
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

export interface MailAddress {
  name: string | null;
  email: string;
}

/**
 * The outbox: every email, written in the transaction of the change that causes it, then sent by the mail job.
 * A row is never deleted: it is the record of what was sent, to whom, and what the SMTP server answered.
 */
export const mailMessages = pgTable(
  'mail_messages',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    projectId: uuid('project_id').references(() => projects.id, { onDelete: 'restrict' }),
    /** What the message is (an email template key such as service-presentation). */
    kind: text('kind').notNull(),
    language: text('language', { enum: languages }).notNull(),
    /** `<random@PUBLIC_URL host>`, the Message-ID header. */
    messageId: text('message_id').notNull(),
    /** The Message-ID of the project's first message, for In-Reply-To and References; null on that first message. */
    threadMessageId: text('thread_message_id'),
    from: jsonb('from_address').$type<MailAddress>().notNull(),
    replyTo: jsonb('reply_to').$type<MailAddress | null>(),
    to: jsonb('to_addresses').$type<MailAddress[]>().notNull(),
    cc: jsonb('cc_addresses').$type<MailAddress[]>().notNull(),
    subject: text('subject').notNull(),
    text: text('text_body').notNull(),
    html: text('html_body').notNull(),
    // A calendar invitation (iCalendar text) sent as the text/calendar part with its method (REQUEST, CANCEL) and as invite.ics.
    calendarMethod: text('calendar_method'),
    calendarContent: text('calendar_content'),
    /**
     * The personal links the message carries, minted only when it is delivered (each delivery, a fresh token): the
     * stored text and HTML hold a redacted placeholder for each, so no token is ever readable from Engage.
     */
    personalLinks: jsonb('personal_links').$type<PersonalLinkSlot[]>().notNull().default([]),
    status: text('status', { enum: mailStatuses }).notNull(),
    attempts: integer('attempts').notNull().default(0),
    /** The SMTP server's answer to the last attempt: its acceptance, or why it failed. */
    lastResponse: text('last_response'),
    /** While a worker sends, the row is its own until then; an expired claim may be taken again. */
    claimedUntil: timestamp('claimed_until', { withTimezone: true }),
    createdBy: uuid('created_by').references(() => users.id, { onDelete: 'restrict' }),
    createdAt: createdAt(),
    sentAt: timestamp('sent_at', { withTimezone: true }),
    updatedAt: updatedAt(),
  },
  (table) => [
    uniqueIndex('mail_messages_message_id_key').on(table.messageId),
    index('mail_messages_project_idx').on(table.projectId, table.createdAt),
    check('mail_messages_status_check', inList('status', mailStatuses)),
    check('mail_messages_language_check', inList('language', languages)),
  ],
);

/** A personal link in a stored message: what the token minted at delivery opens, and for whom. */
export type PersonalLinkSlot =
  | { kind: 'portal'; slot: string; contactId: string; projectId: string | null; target: string; reason: string }
  | { kind: 'password'; slot: string; userId: string; purpose: (typeof passwordTokenPurposes)[number] };

/**
 * The trial mailbox: with no SMTP server configured, every message is delivered here, whole (MIME, with its real
 * personal links), for an admin to open as its recipients would. Emptied by an admin, removed with its project.
 */
export const trialMail = pgTable(
  'trial_mail',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    mailId: uuid('mail_id')
      .notNull()
      .references(() => mailMessages.id, { onDelete: 'cascade' }),
    projectId: uuid('project_id').references(() => projects.id, { onDelete: 'cascade' }),
    /** Every recipient (to and cc), for the list by recipient. */
    recipients: jsonb('recipients').$type<MailAddress[]>().notNull(),
    subject: text('subject').notNull(),
    /** The message exactly as an SMTP server would have received it (RFC 5322). */
    raw: bytea('raw').notNull(),
    deliveredAt: timestamp('delivered_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [index('trial_mail_delivered_idx').on(table.deliveredAt), index('trial_mail_mail_idx').on(table.mailId)],
);

export const passwordTokenPurposes = ['reset', 'invitation'] as const;

/**
 * Single-use password links (forgotten password, invitation to set one): 256 random bits, only their HMAC stored,
 * valid until expires_at, spent (used_at) once.
 */
export const passwordTokens = pgTable(
  'password_tokens',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tokenHash: text('token_hash').notNull(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    purpose: text('purpose', { enum: passwordTokenPurposes }).notNull(),
    /** The admin who invited or forced the reset; null when the user asked for it themselves. */
    createdBy: uuid('created_by').references(() => users.id, { onDelete: 'restrict' }),
    createdAt: createdAt(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    usedAt: timestamp('used_at', { withTimezone: true }),
  },
  (table) => [
    uniqueIndex('password_tokens_token_hash_key').on(table.tokenHash),
    index('password_tokens_user_idx').on(table.userId, table.createdAt),
    check('password_tokens_purpose_check', inList('purpose', passwordTokenPurposes)),
  ],
);

/**
 * Rate-limit windows shared by every process on one PostgreSQL database (the embedded database, one process, counts in
 * memory): hits per key in the window ending at reset_at, and the refusals not yet written to the audit trail.
 */
export const rateLimitWindows = pgTable(
  'rate_limit_windows',
  {
    key: text('key').primaryKey(),
    hits: integer('hits').notNull(),
    refused: integer('refused').notNull().default(0),
    resetAt: timestamp('reset_at', { withTimezone: true }).notNull(),
  },
  (table) => [index('rate_limit_windows_reset_idx').on(table.resetAt)],
);

/** The files a message carries, stored with it so that what was sent can always be shown again. */
export const mailAttachments = pgTable(
  'mail_attachments',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    mailId: uuid('mail_id')
      .notNull()
      .references(() => mailMessages.id, { onDelete: 'restrict' }),
    position: integer('position').notNull(),
    filename: text('filename').notNull(),
    contentType: text('content_type').notNull(),
    size: integer('size').notNull(),
    content: bytea('content').notNull(),
  },
  (table) => [uniqueIndex('mail_attachments_position_key').on(table.mailId, table.position)],
);

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

/**
 * The content library (catalog, questionnaires, rules, email templates, documents), one row per version of each item.
 * `path` names the item as in content/ (applications/call-recording.yaml); the highest version is the current one.
 * Rows are never changed: an edit, or a newer default shipped with Engage, adds a version.
 */
export const contentItems = pgTable(
  'content_items',
  {
    path: text('path').notNull(),
    version: integer('version').notNull(),
    body: jsonb('body').notNull(),
    /** Copied from Engage's shipped defaults (content/), not written by an admin. */
    isDefault: boolean('is_default').notNull(),
    createdBy: uuid('created_by').references(() => users.id, { onDelete: 'restrict' }),
    createdAt: createdAt(),
  },
  (table) => [
    primaryKey({ columns: [table.path, table.version] }),
    check('content_items_version_check', sql`version > 0`),
  ],
);

/** Small facts Engage keeps about itself (such as the fingerprint of the content defaults it last installed). */
export const engageSettings = pgTable('engage_settings', {
  key: text('key').primaryKey(),
  value: jsonb('value').notNull(),
  updatedAt: updatedAt(),
});

/** Append-only (a trigger in the migrations refuses UPDATE and DELETE). */
export const auditEvents = pgTable(
  'audit_events',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
    actorUserId: uuid('actor_user_id'),
    actorRole: text('actor_role'),
    actorName: text('actor_name'),
    action: text('action').notNull(),
    projectId: uuid('project_id'),
    subjectType: text('subject_type'),
    subjectId: text('subject_id'),
    ip: text('ip'),
    before: jsonb('before'),
    after: jsonb('after'),
  },
  (table) => [
    index('audit_events_project_idx').on(table.projectId, table.id),
    index('audit_events_at_idx').on(table.at),
  ],
);

// ---------------------------------------------------------------------------------------------------------------------
// The portal: external contacts, design questionnaires, requirements (steps E4–E6)

export const portalLinkReasons = ['contact-email', 'issued', 'resend', 'reminder'] as const;

/**
 * A personal link emailed to an external contact. The token itself is never stored: `token_hash` is its HMAC under the
 * session secret. Opening the link only shows a page; the token is spent (used_at) by that page's Continue button.
 */
export const portalLinks = pgTable(
  'portal_links',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tokenHash: text('token_hash').notNull(),
    contactId: uuid('contact_id')
      .notNull()
      .references(() => contacts.id, { onDelete: 'cascade' }),
    /** The project the email was about (the page the contact lands on); null for the portal's home. */
    projectId: uuid('project_id').references(() => projects.id, { onDelete: 'restrict' }),
    /** Where Continue leads inside the portal, relative to the project (questionnaires/call-recording) or empty. */
    target: text('target').notNull().default(''),
    reason: text('reason', { enum: portalLinkReasons }).notNull(),
    createdBy: uuid('created_by').references(() => users.id, { onDelete: 'restrict' }),
    createdAt: createdAt(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    usedAt: timestamp('used_at', { withTimezone: true }),
    usedIp: text('used_ip'),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
    revokedBy: uuid('revoked_by').references(() => users.id, { onDelete: 'restrict' }),
  },
  (table) => [
    uniqueIndex('portal_links_token_hash_key').on(table.tokenHash),
    index('portal_links_project_idx').on(table.projectId, table.createdAt),
    index('portal_links_contact_idx').on(table.contactId, table.createdAt),
    check('portal_links_reason_check', inList('reason', portalLinkReasons)),
  ],
);

/** The session a spent link opens: scoped to the contact's organisation's projects, ended by log-out or revocation. */
export const portalSessions = pgTable(
  'portal_sessions',
  {
    tokenHash: text('token_hash').primaryKey(),
    contactId: uuid('contact_id')
      .notNull()
      .references(() => contacts.id, { onDelete: 'cascade' }),
    linkId: uuid('link_id')
      .notNull()
      .references(() => portalLinks.id, { onDelete: 'cascade' }),
    createdAt: createdAt(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    ip: text('ip'),
    userAgent: text('user_agent'),
  },
  (table) => [
    index('portal_sessions_contact_idx').on(table.contactId),
    index('portal_sessions_link_idx').on(table.linkId),
  ],
);

/** Who wrote something: a staff user or an external contact, with the name shown next to it. */
export interface Author {
  kind: 'staff' | 'contact';
  id: string;
  name: string;
}

/** One field's answer: the last write wins, and the form shows who wrote it and when. */
export interface StoredAnswer {
  value: unknown;
  by: Author;
  at: string;
  /** Written by the engineer during a call with the customer ("filled with the engineer"). */
  withEngineer: boolean;
}

export const questionnaireStatuses = ['open', 'submitted'] as const;

/** The answers of a project to one application's design questionnaire (E4). */
export const questionnaireResponses = pgTable(
  'questionnaire_responses',
  {
    projectId: uuid('project_id')
      .notNull()
      .references(() => projects.id, { onDelete: 'restrict' }),
    applicationKey: text('application_key').notNull(),
    questionnaireKey: text('questionnaire_key').notNull(),
    questionnaireVersion: integer('questionnaire_version').notNull(),
    status: text('status', { enum: questionnaireStatuses }).notNull(),
    /** The draft: one entry per field key, each written on its own (a save never replaces the whole form). */
    answers: jsonb('answers').$type<Record<string, StoredAnswer>>().notNull().default({}),
    /** The answers as last submitted: the requirement rules read these, not the draft. */
    submittedAnswers: jsonb('submitted_answers').$type<Record<string, unknown> | null>(),
    submittedAt: timestamp('submitted_at', { withTimezone: true }),
    submittedBy: jsonb('submitted_by').$type<Author | null>(),
    dueAt: timestamp('due_at', { withTimezone: true }).notNull(),
    lastReminderAt: timestamp('last_reminder_at', { withTimezone: true }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (table) => [
    primaryKey({ columns: [table.projectId, table.applicationKey] }),
    index('questionnaire_responses_due_idx').on(table.status, table.dueAt),
    check('questionnaire_responses_status_check', inList('status', questionnaireStatuses)),
  ],
);

export const storedFilePurposes = [
  'questionnaire',
  'evidence',
  'document',
  'sealed-document',
  'signed-scan',
  'handover',
  'uat-evidence',
] as const;

/** Files people uploaded: kept in the database (backed up with it), under a server-generated id, never by their name. */
export const storedFiles = pgTable(
  'stored_files',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    projectId: uuid('project_id')
      .notNull()
      .references(() => projects.id, { onDelete: 'restrict' }),
    purpose: text('purpose', { enum: storedFilePurposes }).notNull(),
    /** The questionnaire (application key) or the requirement the file belongs to. */
    applicationKey: text('application_key'),
    requirementId: uuid('requirement_id'),
    /** The name the uploader's computer gave it, shown and offered on download; never used as a path. */
    originalName: text('original_name').notNull(),
    /** Detected from the content, not taken from the upload. */
    contentType: text('content_type').notNull(),
    size: integer('size').notNull(),
    sha256: text('sha256').notNull(),
    content: bytea('content').notNull(),
    uploadedBy: jsonb('uploaded_by').$type<Author>().notNull(),
    createdAt: createdAt(),
    removedAt: timestamp('removed_at', { withTimezone: true }),
  },
  (table) => [
    index('stored_files_project_idx').on(table.projectId, table.purpose),
    check('stored_files_purpose_check', inList('purpose', storedFilePurposes)),
    check('stored_files_size_check', sql`size > 0`),
  ],
);

export const requirementStatuses = ['open', 'fulfilled', 'sent-back', 'verified', 'waived'] as const;
// The content library's own lists: a requirement rule can only name these.
export const requirementCategoryValues = requirementCategories;
export const requirementOwnerValues = requirementOwners;

export interface LocalizedText {
  en: string;
  it: string;
  /** Absent from texts written before German joined: read English then (see pick in src/domain/text/languages.ts). */
  de?: string;
}

/**
 * A requirement of a project (E5, E6): generated by a rule of the content library from submitted answers (rule_key
 * set), or added by the engineer. Removed requirements stay, with removed_at, so the history is kept.
 */
export const requirements = pgTable(
  'requirements',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    projectId: uuid('project_id')
      .notNull()
      .references(() => projects.id, { onDelete: 'restrict' }),
    applicationKey: text('application_key'),
    ruleKey: text('rule_key'),
    category: text('category', { enum: requirementCategoryValues }).notNull(),
    title: jsonb('title').$type<LocalizedText>().notNull(),
    description: jsonb('description').$type<LocalizedText>().notNull(),
    owner: text('owner', { enum: requirementOwnerValues }).notNull(),
    /** Why it was generated (the answers that raised it), or null when the engineer added it. */
    reason: jsonb('reason').$type<LocalizedText | null>(),
    leadTimeDays: integer('lead_time_days'),
    status: text('status', { enum: requirementStatuses }).notNull().default('open'),
    fulfilmentNote: text('fulfilment_note'),
    fulfilledBy: jsonb('fulfilled_by').$type<Author | null>(),
    fulfilledAt: timestamp('fulfilled_at', { withTimezone: true }),
    reviewComment: text('review_comment'),
    reviewedBy: jsonb('reviewed_by').$type<Author | null>(),
    reviewedAt: timestamp('reviewed_at', { withTimezone: true }),
    waiveReason: text('waive_reason'),
    createdBy: jsonb('created_by').$type<Author | null>(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    removedAt: timestamp('removed_at', { withTimezone: true }),
    /** 'engineer' (removed by hand; a rule does not raise it again) or 'answers' (the answers no longer raise it). */
    removedCause: text('removed_cause'),
  },
  (table) => [
    index('requirements_project_idx').on(table.projectId, table.createdAt),
    check('requirements_status_check', inList('status', requirementStatuses)),
    check('requirements_category_check', inList('category', requirementCategoryValues)),
    check('requirements_owner_check', inList('owner', requirementOwnerValues)),
    check('requirements_removed_check', sql`(removed_at is null) = (removed_cause is null)`),
    check('requirements_waive_check', sql`(status = 'waived') = (waive_reason is not null)`),
  ],
);

export const designNoteKinds = ['constraint', 'limitation', 'further-requirement'] as const;

/** The engineer's design review (E5): constraints, limitations and further requirements, each dated. */
export const designNotes = pgTable(
  'design_notes',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    projectId: uuid('project_id')
      .notNull()
      .references(() => projects.id, { onDelete: 'restrict' }),
    kind: text('kind', { enum: designNoteKinds }).notNull(),
    text: text('text').notNull(),
    notedOn: date('noted_on', { mode: 'string' }).notNull(),
    /** The meeting it came from, when it did (e.g. "design call with Ferretti IT"). */
    meeting: text('meeting'),
    createdBy: uuid('created_by').references(() => users.id, { onDelete: 'restrict' }),
    createdAt: createdAt(),
    removedAt: timestamp('removed_at', { withTimezone: true }),
  },
  (table) => [
    index('design_notes_project_idx').on(table.projectId, table.createdAt),
    check('design_notes_kind_check', inList('kind', designNoteKinds)),
  ],
);

/** Where a project's design review stands (E5), and when its open requirements were last reminded of (E6). */
export const requirementReviews = pgTable('requirement_reviews', {
  projectId: uuid('project_id')
    .primaryKey()
    .references(() => projects.id, { onDelete: 'restrict' }),
  designReviewedAt: timestamp('design_reviewed_at', { withTimezone: true }),
  designReviewedBy: uuid('design_reviewed_by').references(() => users.id, { onDelete: 'restrict' }),
  /** The engineer stated there are no constraints, limitations or further requirements to record. */
  hasNoConstraints: boolean('has_no_constraints').notNull().default(false),
  confirmedAt: timestamp('confirmed_at', { withTimezone: true }),
  confirmedBy: uuid('confirmed_by').references(() => users.id, { onDelete: 'restrict' }),
  lastReminderAt: timestamp('last_reminder_at', { withTimezone: true }),
  updatedAt: updatedAt(),
});

export const timeOffKinds = ['interval', 'days'] as const;

/** A staff member's time off: a stretch of UTC time, or whole days of their own calendar (first and last included). */
export const timeOff = pgTable(
  'time_off',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'restrict' }),
    kind: text('kind', { enum: timeOffKinds }).notNull(),
    startsAt: timestamp('starts_at', { withTimezone: true }),
    endsAt: timestamp('ends_at', { withTimezone: true }),
    firstDay: date('first_day', { mode: 'string' }),
    lastDay: date('last_day', { mode: 'string' }),
    note: text('note'),
    createdBy: uuid('created_by').references(() => users.id, { onDelete: 'restrict' }),
    createdAt: createdAt(),
  },
  (table) => [
    index('time_off_user_idx').on(table.userId, table.startsAt),
    check('time_off_kind_check', inList('kind', timeOffKinds)),
    check(
      'time_off_shape_check',
      sql`(kind = 'interval' and starts_at is not null and ends_at > starts_at and first_day is null and last_day is null)
       or (kind = 'days' and first_day is not null and last_day >= first_day and starts_at is null and ends_at is null)`,
    ),
  ],
);

export const sessionStates = ['proposed', 'confirmed', 'rescheduled', 'cancelled', 'held'] as const;
export type SessionState = (typeof sessionStates)[number];
/** The states in which a session holds the engineer's time: two of these never overlap (an exclusion constraint). */
export const bookedSessionStates = ['confirmed', 'rescheduled', 'held'] as const;
export const sessionModes = ['remote', 'on-site'] as const;
export const proposalStates = ['open', 'accepted', 'declined', 'withdrawn'] as const;

/** Who a session invites: a contact of the project's organisations, or anyone by address. */
export interface SessionAttendee {
  contactId: string | null;
  name: string;
  email: string;
}

/**
 * Dates an engineer offered a customer (up to three): each is a `project_sessions` row in state 'proposed' pointing
 * here; the contact accepts one or asks for others with a note.
 */
export const sessionProposals = pgTable(
  'session_proposals',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    projectId: uuid('project_id')
      .notNull()
      .references(() => projects.id, { onDelete: 'restrict' }),
    state: text('state', { enum: proposalStates }).notNull(),
    note: text('note'),
    decidedByContactId: uuid('decided_by_contact_id').references(() => contacts.id, { onDelete: 'restrict' }),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
    createdBy: uuid('created_by').references(() => users.id, { onDelete: 'restrict' }),
    createdAt: createdAt(),
  },
  (table) => [
    index('session_proposals_project_idx').on(table.projectId, table.createdAt),
    check('session_proposals_state_check', inList('state', proposalStates)),
  ],
);

/**
 * A working session of a project's step (remote or on site). Times are UTC. `ical_uid` never changes and `sequence`
 * rises with every change the attendees are told of, so calendars update the event instead of adding one.
 * Migration 0011 adds `project_sessions_no_overlap`: an engineer's booked sessions never overlap.
 */
export const projectSessions = pgTable(
  'project_sessions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    projectId: uuid('project_id')
      .notNull()
      .references(() => projects.id, { onDelete: 'restrict' }),
    stepKey: text('step_key').notNull(),
    engineerId: uuid('engineer_id')
      .notNull()
      .references(() => users.id, { onDelete: 'restrict' }),
    proposalId: uuid('proposal_id').references(() => sessionProposals.id, { onDelete: 'restrict' }),
    state: text('state', { enum: sessionStates }).notNull(),
    startsAt: timestamp('starts_at', { withTimezone: true }).notNull(),
    endsAt: timestamp('ends_at', { withTimezone: true }).notNull(),
    mode: text('mode', { enum: sessionModes }).notNull(),
    location: text('location').notNull(),
    title: text('title').notNull(),
    description: text('description'),
    attendees: jsonb('attendees').$type<SessionAttendee[]>().notNull(),
    icalUid: text('ical_uid').notNull(),
    sequence: integer('sequence').notNull().default(0),
    reminderDueAt: timestamp('reminder_due_at', { withTimezone: true }),
    reminderSentAt: timestamp('reminder_sent_at', { withTimezone: true }),
    confirmedAt: timestamp('confirmed_at', { withTimezone: true }),
    heldAt: timestamp('held_at', { withTimezone: true }),
    heldNote: text('held_note'),
    cancelledAt: timestamp('cancelled_at', { withTimezone: true }),
    cancellationReason: text('cancellation_reason'),
    createdBy: uuid('created_by').references(() => users.id, { onDelete: 'restrict' }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (table) => [
    uniqueIndex('project_sessions_ical_uid_key').on(table.icalUid),
    index('project_sessions_project_idx').on(table.projectId, table.startsAt),
    index('project_sessions_engineer_idx').on(table.engineerId, table.startsAt),
    index('project_sessions_proposal_idx').on(table.proposalId),
    index('project_sessions_reminder_idx')
      .on(table.reminderDueAt)
      .where(sql`reminder_sent_at is null`),
    check('project_sessions_state_check', inList('state', sessionStates)),
    check('project_sessions_mode_check', inList('mode', sessionModes)),
    check('project_sessions_time_check', sql`ends_at > starts_at`),
  ],
);

/** A staff member's calendar subscription: the feed's secret is kept only as its HMAC; deleting the row revokes it. */
export const calendarFeeds = pgTable('calendar_feeds', {
  userId: uuid('user_id')
    .primaryKey()
    .references(() => users.id, { onDelete: 'cascade' }),
  tokenHash: text('token_hash').notNull().unique(),
  createdAt: createdAt(),
  lastReadAt: timestamp('last_read_at', { withTimezone: true }),
});

export const workPerformerKinds = ['staff', 'contact'] as const;

/**
 * An activity performed on a project's step (issue 6): by whom (an engineer, or a partner technician among the
 * contacts), on which day, for how long, and what was done; from a held session or entered by hand. It is charged to
 * one line of the purchase order (its index), or to the project's purchased effort when it has no order.
 */
export const workLogEntries = pgTable(
  'work_log_entries',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    projectId: uuid('project_id')
      .notNull()
      .references(() => projects.id, { onDelete: 'restrict' }),
    stepKey: text('step_key').notNull(),
    sessionId: uuid('session_id').references(() => projectSessions.id, { onDelete: 'restrict' }),
    performerKind: text('performer_kind', { enum: workPerformerKinds }).notNull(),
    performerUserId: uuid('performer_user_id').references(() => users.id, { onDelete: 'restrict' }),
    performerContactId: uuid('performer_contact_id').references(() => contacts.id, { onDelete: 'restrict' }),
    performerName: text('performer_name').notNull(),
    workDate: date('work_date', { mode: 'string' }).notNull(),
    durationMinutes: integer('duration_minutes').notNull(),
    description: text('description').notNull(),
    lineIndex: integer('line_index'),
    createdBy: uuid('created_by').references(() => users.id, { onDelete: 'restrict' }),
    createdAt: createdAt(),
    removedAt: timestamp('removed_at', { withTimezone: true }),
    removedBy: uuid('removed_by').references(() => users.id, { onDelete: 'restrict' }),
  },
  (table) => [
    index('work_log_entries_project_idx').on(table.projectId, table.workDate),
    uniqueIndex('work_log_entries_session_key').on(table.sessionId),
    check(
      'work_log_entries_performer_check',
      sql`(performer_kind = 'staff' and performer_user_id is not null and performer_contact_id is null) or (performer_kind = 'contact' and performer_contact_id is not null and performer_user_id is null)`,
    ),
    check('work_log_entries_duration_check', sql`duration_minutes > 0 and duration_minutes <= 1440`),
  ],
);

// ---------------------------------------------------------------------------------------------------------------------
// Delivery (P1–P8)

export const checklistKinds = ['environment', 'pbx'] as const;

/**
 * A ticked item of a project's P1 environment checklist or P3 PBX checklist. The items themselves come from the content
 * library (by deployment option, by application and calling platform); a row exists once someone ticked the item.
 * `application_key` is '' for the environment checklist.
 */
export const checklistTicks = pgTable(
  'checklist_ticks',
  {
    projectId: uuid('project_id')
      .notNull()
      .references(() => projects.id, { onDelete: 'restrict' }),
    checklist: text('checklist', { enum: checklistKinds }).notNull(),
    applicationKey: text('application_key').notNull().default(''),
    itemKey: text('item_key').notNull(),
    tickedAt: timestamp('ticked_at', { withTimezone: true }),
    tickedBy: jsonb('ticked_by').$type<Author>(),
    note: text('note'),
    verifiedAt: timestamp('verified_at', { withTimezone: true }),
    verifiedBy: uuid('verified_by').references(() => users.id, { onDelete: 'restrict' }),
    updatedAt: updatedAt(),
  },
  (table) => [
    primaryKey({ columns: [table.projectId, table.checklist, table.applicationKey, table.itemKey] }),
    check('checklist_ticks_checklist_check', inList('checklist', checklistKinds)),
    check('checklist_ticks_verified_check', sql`verified_at is null or ticked_at is not null`),
  ],
);

/** P2 and P4: one record per application in scope — installed (with its version), then its configuration fields, then configured. */
export const configurationRecords = pgTable(
  'configuration_records',
  {
    projectId: uuid('project_id')
      .notNull()
      .references(() => projects.id, { onDelete: 'restrict' }),
    applicationKey: text('application_key').notNull(),
    /** Field key → value, the fields of the application's content-library entry. */
    values: jsonb('values').$type<Record<string, string | number | boolean>>().notNull().default({}),
    installedVersion: text('installed_version'),
    installedAt: timestamp('installed_at', { withTimezone: true }),
    installedBy: uuid('installed_by').references(() => users.id, { onDelete: 'restrict' }),
    configuredAt: timestamp('configured_at', { withTimezone: true }),
    configuredBy: uuid('configured_by').references(() => users.id, { onDelete: 'restrict' }),
    updatedAt: updatedAt(),
    updatedBy: uuid('updated_by').references(() => users.id, { onDelete: 'restrict' }),
  },
  (table) => [primaryKey({ columns: [table.projectId, table.applicationKey] })],
);

export const uatResults = ['pass', 'pass-with-remark', 'fail', 'not-applicable'] as const;

/** P5: the result of one item of the UAT checklist (the items come from the applications' content-library entries). */
export const uatItemResults = pgTable(
  'uat_item_results',
  {
    projectId: uuid('project_id')
      .notNull()
      .references(() => projects.id, { onDelete: 'restrict' }),
    applicationKey: text('application_key').notNull(),
    itemKey: text('item_key').notNull(),
    result: text('result', { enum: uatResults }),
    /** The tester's comment; for a pass with a remark, the remark (the minor defect), which the signed document prints. */
    comment: text('comment'),
    /** A failed item accepted as an exception: listed in the document with this reason. */
    exceptionReason: text('exception_reason'),
    /** A file that shows the result (a screenshot, a call or recording id), checked by its content like other uploads. */
    evidenceFileId: uuid('evidence_file_id').references(() => storedFiles.id, { onDelete: 'restrict' }),
    updatedAt: updatedAt(),
    updatedBy: uuid('updated_by').references(() => users.id, { onDelete: 'restrict' }),
  },
  (table) => [
    primaryKey({ columns: [table.projectId, table.applicationKey, table.itemKey] }),
    check(
      'uat_item_results_result_check',
      sql`result is null or result in ('pass', 'pass-with-remark', 'fail', 'not-applicable')`,
    ),
    check('uat_item_results_exception_check', sql`exception_reason is null or result = 'fail'`),
    check(
      'uat_item_results_remark_check',
      sql`result is distinct from 'pass-with-remark' or (comment is not null and btrim(comment) <> '')`,
    ),
  ],
);

export const trainingKinds = ['admin', 'end-user', 'on-the-job'] as const;

/** P6: a training given (administrators', end users', or on the job), with who attended. */
export const trainingRecords = pgTable(
  'training_records',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    projectId: uuid('project_id')
      .notNull()
      .references(() => projects.id, { onDelete: 'restrict' }),
    kind: text('kind', { enum: trainingKinds }).notNull(),
    trainingDate: date('training_date', { mode: 'string' }).notNull(),
    durationMinutes: integer('duration_minutes').notNull(),
    attendees: jsonb('attendees').$type<string[]>().notNull(),
    topics: text('topics').notNull(),
    createdBy: uuid('created_by').references(() => users.id, { onDelete: 'restrict' }),
    createdAt: createdAt(),
    removedAt: timestamp('removed_at', { withTimezone: true }),
    removedBy: uuid('removed_by').references(() => users.id, { onDelete: 'restrict' }),
  },
  (table) => [
    index('training_records_project_idx').on(table.projectId, table.trainingDate),
    check('training_records_kind_check', inList('kind', trainingKinds)),
    check('training_records_duration_check', sql`duration_minutes > 0 and duration_minutes <= 1440`),
  ],
);

/**
 * P7: the activity report's notes for the customer, and the internal maintenance notes (particular configurations,
 * customizations) that only staff ever read: never in the portal, never in an email to a customer or partner.
 */
export const deliveryNotes = pgTable('delivery_notes', {
  projectId: uuid('project_id')
    .primaryKey()
    .references(() => projects.id, { onDelete: 'restrict' }),
  reportNotes: text('report_notes').notNull().default(''),
  maintenanceNotes: text('maintenance_notes').notNull().default(''),
  updatedAt: updatedAt(),
  updatedBy: uuid('updated_by').references(() => users.id, { onDelete: 'restrict' }),
});

export const signableDocumentKinds = ['uat', 'activity-report'] as const;
export const signableDocumentStates = ['awaiting-signature', 'signed', 'superseded'] as const;

/**
 * A version of a document put up for signature (the UAT document, the activity report): the PDF exactly as the signer
 * is shown it, and its SHA-256. A change to what it shows supersedes it; at most one version per kind is not superseded.
 */
export const signableDocuments = pgTable(
  'signable_documents',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    projectId: uuid('project_id')
      .notNull()
      .references(() => projects.id, { onDelete: 'restrict' }),
    kind: text('kind', { enum: signableDocumentKinds }).notNull(),
    version: integer('version').notNull(),
    state: text('state', { enum: signableDocumentStates }).notNull(),
    fileId: uuid('file_id')
      .notNull()
      .references(() => storedFiles.id, { onDelete: 'restrict' }),
    sha256: text('sha256').notNull(),
    /** The contacts asked to sign this version: only they may. */
    signerContactIds: jsonb('signer_contact_ids').$type<string[]>().notNull().default([]),
    createdAt: createdAt(),
    createdBy: uuid('created_by').references(() => users.id, { onDelete: 'restrict' }),
    supersededAt: timestamp('superseded_at', { withTimezone: true }),
    supersededReason: text('superseded_reason'),
  },
  (table) => [
    uniqueIndex('signable_documents_version_key').on(table.projectId, table.kind, table.version),
    uniqueIndex('signable_documents_live_key')
      .on(table.projectId, table.kind)
      .where(sql`state <> 'superseded'`),
    check('signable_documents_kind_check', inList('kind', signableDocumentKinds)),
    check('signable_documents_state_check', inList('state', signableDocumentStates)),
  ],
);

/** The evidence of a signature, and the sealed PDF (audit page appended, signed by the instance's certificate). */
export const documentSignatures = pgTable(
  'document_signatures',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    documentId: uuid('document_id')
      .notNull()
      .references(() => signableDocuments.id, { onDelete: 'restrict' }),
    projectId: uuid('project_id')
      .notNull()
      .references(() => projects.id, { onDelete: 'restrict' }),
    contactId: uuid('contact_id')
      .notNull()
      .references(() => contacts.id, { onDelete: 'restrict' }),
    signerName: text('signer_name').notNull(),
    signerEmail: text('signer_email').notNull(),
    signerOrganisation: text('signer_organisation').notNull(),
    consentText: text('consent_text').notNull(),
    signatureKind: text('signature_kind', { enum: ['typed', 'drawn'] }).notNull(),
    signatureText: text('signature_text'),
    signatureImage: bytea('signature_image'),
    /** The SHA-256 of the document as the signer was shown it (sent back by the signer's page, checked against ours). */
    documentSha256: text('document_sha256').notNull(),
    ip: text('ip'),
    userAgent: text('user_agent'),
    /** The personal link whose Continue opened the signer's portal session (identity evidence). */
    portalLinkId: uuid('portal_link_id').references(() => portalLinks.id, { onDelete: 'restrict' }),
    signedAt: timestamp('signed_at', { withTimezone: true }).notNull(),
    sealedFileId: uuid('sealed_file_id')
      .notNull()
      .references(() => storedFiles.id, { onDelete: 'restrict' }),
    sealedSha256: text('sealed_sha256').notNull(),
    certificateFingerprint: text('certificate_fingerprint').notNull(),
  },
  (table) => [
    uniqueIndex('document_signatures_document_key').on(table.documentId),
    index('document_signatures_sealed_idx').on(table.sealedSha256),
  ],
);

/**
 * A document version signed outside Engage (on paper, or in the customer's own signing tool): the scan uploaded by
 * staff as its signed copy, kept exactly as uploaded (never sealed: Engage seals only what it produced), with its
 * SHA-256, the signer's name and the day they signed. A version has one signature: this or a document_signatures row.
 */
export const outsideSignatures = pgTable(
  'outside_signatures',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    documentId: uuid('document_id')
      .notNull()
      .references(() => signableDocuments.id, { onDelete: 'restrict' }),
    projectId: uuid('project_id')
      .notNull()
      .references(() => projects.id, { onDelete: 'restrict' }),
    signerName: text('signer_name').notNull(),
    signedOn: date('signed_on', { mode: 'string' }).notNull(),
    fileId: uuid('file_id')
      .notNull()
      .references(() => storedFiles.id, { onDelete: 'restrict' }),
    sha256: text('sha256').notNull(),
    recordedBy: uuid('recorded_by')
      .notNull()
      .references(() => users.id, { onDelete: 'restrict' }),
    recordedAt: timestamp('recorded_at', { withTimezone: true }).notNull(),
  },
  (table) => [
    uniqueIndex('outside_signatures_document_key').on(table.documentId),
    index('outside_signatures_sha256_idx').on(table.sha256),
    check('outside_signatures_signer_check', sql`length(btrim(signer_name)) > 0`),
  ],
);

/** P8: the hand-over package of a closed project (the dossier as JSON and PDF), searchable by support. */
export const handoverPackages = pgTable('handover_packages', {
  projectId: uuid('project_id')
    .primaryKey()
    .references(() => projects.id, { onDelete: 'restrict' }),
  dossier: jsonb('dossier').$type<Record<string, unknown>>().notNull(),
  searchText: text('search_text').notNull(),
  pdfFileId: uuid('pdf_file_id')
    .notNull()
    .references(() => storedFiles.id, { onDelete: 'restrict' }),
  jsonFileId: uuid('json_file_id')
    .notNull()
    .references(() => storedFiles.id, { onDelete: 'restrict' }),
  createdAt: createdAt(),
  createdBy: uuid('created_by').references(() => users.id, { onDelete: 'restrict' }),
});
