/** How the documents' fingerprints, instants and days are written (in files, emails, audit pages and messages). */
import { createHash } from 'node:crypto';

export const sha256Of = (content: Buffer): string => createHash('sha256').update(content).digest('hex');

/** An instant to the second, in UTC: "2026-03-02 10:15:00 UTC". */
export const utc = (instant: Date) => `${instant.toISOString().slice(0, 19).replace('T', ' ')} UTC`;

/** The calendar day (YYYY-MM-DD, UTC) an instant falls on. */
export const dayOf = (instant: Date) => instant.toISOString().slice(0, 10);

/** A YYYY-MM-DD day as a long English date: "2 March 2026". */
export const longDay = (day: string) =>
  new Intl.DateTimeFormat('en-GB', { dateStyle: 'long', timeZone: 'UTC' }).format(new Date(`${day}T00:00:00Z`));
