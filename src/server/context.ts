import type { PortalSettings, SchedulingSettings } from './config';
import type { Database } from './db/database';
import type { MailAddress } from './db/schema';
import { runInTransaction } from './db/transaction';
import type { SessionCache } from './modules/auth/session-cache';
import type { SealCertificate } from './pdf/seal';

/** What services depend on, handed in by the app (tests hand in their own clock and database). */
export interface ServiceContext {
  db: Database;
  now: () => Date;
  sessionSecret: string;
  sessionTtlMs: number;
  /** Sessions resolved recently; services that change users or sessions invalidate it after commit. */
  sessionCache: SessionCache;
  mail: MailSettings;
  /** The address people reach Engage at: links in emails start with it. */
  publicUrl: URL;
  portal: PortalSettings;
  scheduling: SchedulingSettings;
  delivery: DeliverySettings;
}

export interface DeliverySettings {
  /** Where hand-over packages go. */
  supportMailbox: MailAddress;
  /** The configured sealing certificate; null: the one kept in the database (generated at first start). */
  sealCertificate: SealCertificate | null;
}

export interface MailSettings {
  from: MailAddress;
  /** The right-hand side of every Message-ID: PUBLIC_URL's host. */
  messageIdDomain: string;
  /** Hands a written message to the sending job inside the caller's transaction; null when no SMTP server is configured. */
  enqueue: ((db: Database, mailId: string) => Promise<void>) | null;
}

/** Runs work in one transaction of the context's database. */
export async function inTransaction<T>(context: ServiceContext, work: (db: Database) => Promise<T>): Promise<T> {
  return runInTransaction(context.db, work);
}
