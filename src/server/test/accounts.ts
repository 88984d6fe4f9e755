import type { ParsedMail } from 'mailparser';
import type { TestEngage } from './harness';
import { latestMailTo } from './portal';

/** A password link as delivered: the page, then the 256-bit token in base64url after '#'. */
const passwordLinkPattern = /(https?:\/\/[^\s#]+\/set-password)#([A-Za-z0-9_-]{43})/;

/** The newest email to an address and the password link it carries (the delivered copy: the outbox keeps it redacted). */
export async function latestPasswordLinkTo(
  engage: TestEngage,
  email: string,
): Promise<{ mail: ParsedMail; page: string; token: string }> {
  const mail = await latestMailTo(engage, null, email);
  const match = passwordLinkPattern.exec(mail.text ?? '');
  if (match === null)
    throw new Error(`no password link in the latest email to ${email}: ${(mail.text ?? '').slice(0, 300)}`);
  return { mail, page: match[1] ?? '', token: match[2] ?? '' };
}

/** How many messages the outbox holds for an address, of a kind. */
export async function countMailTo(engage: TestEngage, email: string, kind: string): Promise<number> {
  const { sql } = await import('drizzle-orm');
  const result: unknown = await engage.context.db.execute(
    sql`select count(*)::int as count from mail_messages where kind = ${kind}
          and exists (select 1 from jsonb_array_elements(to_addresses) as recipient where lower(recipient ->> 'email') = ${email.toLowerCase()})`,
  );
  return (result as { rows: { count: number }[] }).rows[0]?.count ?? 0;
}
