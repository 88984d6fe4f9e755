import { createHmac, randomBytes } from 'node:crypto';
import type { ServiceContext } from '../../context';
import type { Database } from '../../db/database';
import type { passwordTokenPurposes } from '../../db/schema';
import { systemActor } from '../audit/actor';
import { recordAuditEvent } from '../audit/audit.service';
import { insertPasswordToken } from './password-tokens.repository';

export type PasswordTokenPurpose = (typeof passwordTokenPurposes)[number];

/**
 * How long a password link works: a forgotten password is reset at once; an invitation may wait a week, so that one
 * sent before a weekend or a holiday still works when the new colleague starts.
 */
export const passwordTokenTtlMs: Readonly<Record<PasswordTokenPurpose, number>> = {
  reset: 30 * 60 * 1000,
  invitation: 7 * 24 * 3600 * 1000,
};

/** When a password link of this purpose minted now would expire (it is minted at delivery: then or later). */
export function passwordLinkExpiresAt(context: ServiceContext, purpose: keyof typeof passwordTokenTtlMs): Date {
  return new Date(context.now().getTime() + passwordTokenTtlMs[purpose]);
}

/** The stored form of a password token: its HMAC under the session secret, prefixed so it never passes for another kind. */
export function hashPasswordToken(context: ServiceContext, token: string): string {
  return createHmac('sha256', context.sessionSecret).update(`password:${token}`).digest('base64url');
}

/**
 * Mints a password token (256 random bits) for a user inside the caller's transaction, keeping only its HMAC, and
 * answers the token: the mail delivery writes it into the email it delivers and nowhere else.
 */
export async function issuePasswordToken(
  context: ServiceContext,
  db: Database,
  input: { userId: string; purpose: PasswordTokenPurpose; createdBy: string | null; mailId: string | null },
): Promise<{ id: string; token: string; expiresAt: Date }> {
  const token = randomBytes(32).toString('base64url');
  const now = context.now();
  const expiresAt = new Date(now.getTime() + passwordTokenTtlMs[input.purpose]);
  const row = await insertPasswordToken(db, {
    tokenHash: hashPasswordToken(context, token),
    userId: input.userId,
    purpose: input.purpose,
    createdBy: input.createdBy,
    createdAt: now,
    expiresAt,
  });
  await recordAuditEvent(db, systemActor, {
    action: 'password.token-issued',
    subjectType: 'user',
    subjectId: input.userId,
    after: { tokenId: row.id, purpose: input.purpose, expiresAt: expiresAt.toISOString(), mailId: input.mailId },
  });
  return { id: row.id, token, expiresAt };
}
