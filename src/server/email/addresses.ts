import addressparser from 'nodemailer/lib/addressparser';
import { z } from 'zod';
import type { MailAddress } from '../db/schema';

const emailAddress = z.email();

/** One mailbox, `Name <address>` or a bare address; null when the text is not exactly one valid mailbox. */
export function parseMailbox(value: string): MailAddress | null {
  const parsed = addressparser(value, { flatten: true });
  const [first] = parsed;
  if (parsed.length !== 1 || first === undefined || !emailAddress.safeParse(first.address).success) return null;
  return { name: first.name === '' ? null : first.name, email: first.address };
}

/** The header form of a mailbox, for nodemailer (which quotes and encodes the name). */
export function toNodemailerAddress(address: MailAddress): { name: string; address: string } | string {
  return address.name === null ? address.email : { name: address.name, address: address.email };
}
