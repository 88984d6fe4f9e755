import path from 'node:path';
import { z } from 'zod';
import type { MailAddress } from './db/schema';
import { parseMailbox } from './email/addresses';

/** How Engage is configured: every setting, its default and its meaning (the README table is written from this list). */
export const settings = [
  ['PORT', '3000', 'TCP port the web app and API listen on.'],
  ['HOST', '0.0.0.0', 'Address to listen on.'],
  [
    'PUBLIC_URL',
    'http://localhost:PORT',
    'The address people use to reach Engage; https turns on Secure cookies, the __Host- cookie prefix and HSTS.',
  ],
  ['DATA_DIR', './data', 'Folder of the embedded database, its lock and the generated session secret.'],
  [
    'DATABASE_URL',
    '(unset)',
    'postgres://… URL of a PostgreSQL 15–18 server; when unset the embedded database in DATA_DIR is used.',
  ],
  ['DATABASE_POOL_SIZE', '10', 'Connections in the PostgreSQL pool (server mode only).'],
  [
    'SESSION_SECRET',
    '(generated)',
    'At least 32 characters; keys the hash under which session tokens are stored. Generated once and kept in DATA_DIR when unset.',
  ],
  [
    'SESSION_TTL_HOURS',
    '12',
    'Hours a staff session, or a customer’s or partner’s portal session, stays valid without activity.',
  ],
  [
    'SESSION_CACHE_SECONDS',
    '30',
    'Seconds a process may reuse a session it has checked; every change to users or sessions empties the cache of every process at once (database notifications). 0 checks the database on every request.',
  ],
  ['ENGAGE_ADMIN_EMAIL', '(unset)', 'Email of the first admin, created at first start when no staff user exists.'],
  [
    'ENGAGE_ADMIN_PASSWORD',
    '(unset)',
    'Password of that first admin (min. 12 characters, and not a common or easily guessed one: such a password stops the first start); when unset a one-time password is printed once.',
  ],
  [
    'SMTP_URL',
    '(unset)',
    'smtp://user:password@host:587 (STARTTLS when the server offers it) or smtps://…:465 of the server that sends Engage’s email; when unset, Engage runs in trial mode: every email is delivered to its own trial mailbox (admins: Trial mailbox in the menu), counts as sent, and none leaves the server.',
  ],
  [
    'MAIL_FROM',
    'Engage <engage@PUBLIC_URL host>',
    'Sender of Engage’s email, as `Name <address>` or an address; replies go to the staff member who sent the message.',
  ],
  [
    'PORTAL_LINK_DAYS',
    '14',
    'Days an emailed portal link for customers and partners stays valid (it is spent once used; the portal offers a fresh one).',
  ],
  ['QUESTIONNAIRE_DUE_DAYS', '10', 'Days after the engineer’s contact email that the design questionnaires are due.'],
  [
    'REMINDER_EVERY_DAYS',
    '3',
    'Days between reminder emails while a questionnaire is overdue or requirements are open.',
  ],
  [
    'TURN_EMAIL_QUIET_MINUTES',
    '2',
    'Minutes a project stays quiet before its customer or partner is told it is their turn: changes made within them (twelve requirements sent back) make one email, sent at the latest after five times as long.',
  ],
  [
    'SCHEDULING_NOTICE_BUSINESS_DAYS',
    '2',
    'Business days of notice (on the engineer’s calendar) before the earliest session Engage suggests.',
  ],
  [
    'SCHEDULING_TARGET_BUSINESS_DAYS',
    '10',
    'Business days from “ready to schedule” (E7) to the first session; the pipeline flags projects beyond it.',
  ],
  ['SESSION_REMINDER_BUSINESS_DAYS', '1', 'Business days before a session that its attendees get a reminder email.'],
  [
    'SUPPORT_MAILBOX',
    'Support <support@PUBLIC_URL host>',
    'Where the hand-over package of a closed project is emailed (the support team’s mailbox), as `Name <address>` or an address.',
  ],
  [
    'SEAL_CERTIFICATE_FILE',
    '(generated)',
    'A PKCS#12 (.p12/.pfx) file with the key and certificate that seal signed documents; when unset, a self-signed certificate is generated at first start and kept in the database.',
  ],
  ['SEAL_CERTIFICATE_PASSWORD', '(unset)', 'Password of SEAL_CERTIFICATE_FILE.'],
  ['UPLOAD_MAX_MB', '10', 'Largest file customers, partners and staff may attach, in megabytes.'],
  ['LOG_LEVEL', 'info', 'fatal, error, warn, info, debug, trace or silent.'],
  [
    'TRUST_PROXY',
    'false',
    'Behind a reverse proxy: the number of proxies in front of Engage, or their addresses (comma-separated IPs or CIDRs), whose X-Forwarded-For is believed.',
  ],
] as const;

const secretSettings = new Set([
  'SESSION_SECRET',
  'ENGAGE_ADMIN_PASSWORD',
  'DATABASE_URL',
  'SMTP_URL',
  'SEAL_CERTIFICATE_PASSWORD',
]);

const environmentSchema = z.object({
  PORT: z.coerce.number({ error: 'must be a number' }).int().min(1).max(65535).default(3000),
  HOST: z.string().min(1).default('0.0.0.0'),
  PUBLIC_URL: z
    .url({ error: 'must be an absolute http(s) URL such as https://engage.example.com' })
    .refine((value) => /^https?:\/\//.test(value), 'must start with http:// or https://')
    .optional(),
  DATA_DIR: z.string().min(1).default('./data'),
  DATABASE_URL: z
    .string()
    .refine((value) => /^postgres(ql)?:\/\//.test(value), 'must be a postgres:// or postgresql:// URL')
    .optional(),
  DATABASE_POOL_SIZE: z.coerce.number({ error: 'must be a number' }).int().min(1).max(200).default(10),
  SESSION_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
  SESSION_TTL_HOURS: z.coerce
    .number({ error: 'must be a number' })
    .positive()
    .max(24 * 30)
    .default(12),
  SESSION_CACHE_SECONDS: z.coerce.number({ error: 'must be a number' }).int().min(0).max(3600).default(30),
  ENGAGE_ADMIN_EMAIL: z.email({ error: 'must be an email address' }).optional(),
  ENGAGE_ADMIN_PASSWORD: z.string().min(12, 'must be at least 12 characters').optional(),
  SMTP_URL: z
    .string()
    .refine(
      (value) => /^smtps?:\/\/[^/]/.test(value),
      'must be an smtp:// or smtps:// URL such as smtp://user:password@mail.example.com:587',
    )
    .optional(),
  MAIL_FROM: z
    .string()
    .trim()
    .refine(
      (value) => parseMailbox(value) !== null,
      'must be an address or `Name <address>`, such as Engage <engage@example.com>',
    )
    .optional(),
  PORTAL_LINK_DAYS: z.coerce.number({ error: 'must be a number' }).positive().max(90).default(14),
  QUESTIONNAIRE_DUE_DAYS: z.coerce.number({ error: 'must be a number' }).int().min(1).max(90).default(10),
  REMINDER_EVERY_DAYS: z.coerce.number({ error: 'must be a number' }).int().min(1).max(60).default(3),
  TURN_EMAIL_QUIET_MINUTES: z.coerce.number({ error: 'must be a number' }).min(0.05).max(1440).default(2),
  SCHEDULING_NOTICE_BUSINESS_DAYS: z.coerce.number({ error: 'must be a number' }).int().min(0).max(30).default(2),
  SCHEDULING_TARGET_BUSINESS_DAYS: z.coerce.number({ error: 'must be a number' }).int().min(1).max(120).default(10),
  SESSION_REMINDER_BUSINESS_DAYS: z.coerce.number({ error: 'must be a number' }).int().min(1).max(10).default(1),
  SUPPORT_MAILBOX: z
    .string()
    .trim()
    .refine(
      (value) => parseMailbox(value) !== null,
      'must be an address or `Name <address>`, such as Support <support@example.com>',
    )
    .optional(),
  SEAL_CERTIFICATE_FILE: z.string().min(1).optional(),
  SEAL_CERTIFICATE_PASSWORD: z.string().optional(),
  UPLOAD_MAX_MB: z.coerce.number({ error: 'must be a number' }).positive().max(100).default(10),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  TRUST_PROXY: z
    .string()
    .trim()
    .refine(
      (value) =>
        value === 'false' ||
        /^\d{1,2}$/.test(value) ||
        value.split(',').every((part) => /^[0-9a-fA-F:.]+(\/\d{1,3})?$/.test(part.trim())),
      'must be false, a number of proxies, or comma-separated proxy addresses (true would believe any client)',
    )
    .default('false')
    .transform((value): false | number | string[] =>
      value === 'false' ? false : /^\d+$/.test(value) ? Number(value) : value.split(',').map((part) => part.trim()),
    ),
});

/** The portal's links, questionnaire deadlines, reminders and uploads. */
export interface PortalSettings {
  linkTtlMs: number;
  questionnaireDueDays: number;
  reminderEveryDays: number;
  /** How long a project stays quiet before a turn email goes out (at the latest after five times as long). */
  turnQuietMs: number;
  uploadMaxBytes: number;
}

export const defaultPortalSettings: PortalSettings = {
  linkTtlMs: 14 * 24 * 3600 * 1000,
  questionnaireDueDays: 10,
  reminderEveryDays: 3,
  turnQuietMs: 2 * 60_000,
  uploadMaxBytes: 10 * 1024 * 1024,
};

/** Where sessions may be suggested, the scheduling target, and when attendees are reminded. */
export interface SchedulingSettings {
  noticeBusinessDays: number;
  targetBusinessDays: number;
  reminderBusinessDays: number;
}

export const defaultSchedulingSettings: SchedulingSettings = {
  noticeBusinessDays: 2,
  targetBusinessDays: 10,
  reminderBusinessDays: 1,
};

export interface Config {
  port: number;
  host: string;
  publicUrl: URL;
  isHttps: boolean;
  dataDir: string;
  databaseUrl: string | undefined;
  databasePoolSize: number;
  sessionSecret: string | undefined;
  sessionTtlHours: number;
  sessionCacheSeconds: number;
  admin: { email: string | undefined; password: string | undefined };
  /** smtpUrl undefined: email is kept, not sent. */
  mail: { smtpUrl: string | undefined; from: MailAddress };
  portal: PortalSettings;
  scheduling: SchedulingSettings;
  delivery: { supportMailbox: MailAddress; sealCertificateFile: string | undefined; sealCertificatePassword: string };
  logLevel: string;
  /** false, a hop count, or the proxies' addresses (Fastify's trustProxy). */
  trustProxy: false | number | string[];
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(
      `Engage cannot start: the configuration is wrong.\n${problems.map((problem) => `  - ${problem}`).join('\n')}`,
    );
    this.name = 'ConfigError';
  }
}

/** Parses the environment (process.env by default) into a Config, or throws ConfigError naming each wrong variable. */
export function loadConfig(environment: Record<string, string | undefined> = process.env): Config {
  const relevant = Object.fromEntries(
    settings.map(([name]) => [name, environment[name] === '' ? undefined : environment[name]]),
  );
  const parsed = environmentSchema.safeParse(relevant);
  if (!parsed.success) {
    throw new ConfigError(
      parsed.error.issues.map((issue) => {
        const name = String(issue.path[0]);
        // Never echo a secret, even a wrong one: start-up errors end up in logs.
        const shown = secretSettings.has(name) ? 'the value is not shown' : `got ${JSON.stringify(relevant[name])}`;
        return `${issue.path.join('.')}: ${issue.message} (${shown})`;
      }),
    );
  }
  const value = parsed.data;
  if ((value.ENGAGE_ADMIN_EMAIL === undefined) !== (value.ENGAGE_ADMIN_PASSWORD === undefined)) {
    throw new ConfigError(['ENGAGE_ADMIN_EMAIL and ENGAGE_ADMIN_PASSWORD: set both or neither']);
  }
  const publicUrl = new URL(value.PUBLIC_URL ?? `http://localhost:${value.PORT}`);
  return {
    port: value.PORT,
    host: value.HOST,
    publicUrl,
    isHttps: publicUrl.protocol === 'https:',
    dataDir: path.resolve(value.DATA_DIR),
    databaseUrl: value.DATABASE_URL,
    databasePoolSize: value.DATABASE_POOL_SIZE,
    sessionSecret: value.SESSION_SECRET,
    sessionTtlHours: value.SESSION_TTL_HOURS,
    sessionCacheSeconds: value.SESSION_CACHE_SECONDS,
    admin: { email: value.ENGAGE_ADMIN_EMAIL?.toLowerCase(), password: value.ENGAGE_ADMIN_PASSWORD },
    mail: {
      smtpUrl: value.SMTP_URL,
      from: (value.MAIL_FROM === undefined ? null : parseMailbox(value.MAIL_FROM)) ?? {
        name: 'Engage',
        email: `engage@${publicUrl.hostname}`,
      },
    },
    portal: {
      linkTtlMs: value.PORTAL_LINK_DAYS * 24 * 3600 * 1000,
      questionnaireDueDays: value.QUESTIONNAIRE_DUE_DAYS,
      reminderEveryDays: value.REMINDER_EVERY_DAYS,
      turnQuietMs: Math.round(value.TURN_EMAIL_QUIET_MINUTES * 60_000),
      uploadMaxBytes: Math.round(value.UPLOAD_MAX_MB * 1024 * 1024),
    },
    scheduling: {
      noticeBusinessDays: value.SCHEDULING_NOTICE_BUSINESS_DAYS,
      targetBusinessDays: value.SCHEDULING_TARGET_BUSINESS_DAYS,
      reminderBusinessDays: value.SESSION_REMINDER_BUSINESS_DAYS,
    },
    delivery: {
      supportMailbox: (value.SUPPORT_MAILBOX === undefined ? null : parseMailbox(value.SUPPORT_MAILBOX)) ?? {
        name: 'Support',
        email: `support@${publicUrl.hostname}`,
      },
      sealCertificateFile:
        value.SEAL_CERTIFICATE_FILE === undefined ? undefined : path.resolve(value.SEAL_CERTIFICATE_FILE),
      sealCertificatePassword: value.SEAL_CERTIFICATE_PASSWORD ?? '',
    },
    logLevel: value.LOG_LEVEL,
    trustProxy: value.TRUST_PROXY,
  };
}
