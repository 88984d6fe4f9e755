import { renderEmailTemplate } from '../../../domain/content';
import { duration, longDate } from '../../../domain/text/format';
import { translate } from '../../../domain/text/i18n';
import type { ServiceContext } from '../../context';
import type { Database } from '../../db/database';
import type { Actor } from '../audit/actor';
import { getContentLibrary } from '../content/content.service';
import { queueMail } from '../mail/mail.service';
import { personalLinkUrl } from '../mail/personal-links';
import { passwordLinkExpiresAt } from './password-tokens';
import type { UserRow } from '../users/users.service';
import { passwordTokenTtlMs } from './password-tokens';

/*
 * The accounts' emails. Their link is a personal link slot: the stored message keeps a redacted placeholder and the
 * token is minted when the message is delivered (mail/personal-links.ts), so no password link is ever readable from
 * Engage. The link's token goes after '#': browsers never send it to a server, so no access log, proxy or Referer holds
 * it; the page reads it and posts it.
 */
const passwordPagePath = '/set-password#';
const slot = 'password';

/**
 * Writes the password-reset email to a user inside the caller's transaction: asked for on the sign-in page (`admin`
 * null) or forced by an administrator.
 */
export async function queuePasswordResetEmail(
  context: ServiceContext,
  db: Database,
  actor: Actor,
  user: UserRow,
  admin: { name: string } | null,
): Promise<void> {
  const library = await getContentLibrary(db);
  const rendered = renderEmailTemplate(library.emailTemplates['password-reset'][user.language], {
    recipient: { name: user.name, email: user.email },
    vendor: { name: library.vendor.name },
    link: personalLinkUrl(context, passwordPagePath, slot),
    validFor: duration(Math.round(passwordTokenTtlMs.reset / 60_000), user.language),
    admin: { name: admin?.name ?? '' },
    loginLink: new URL('/login', context.publicUrl).href,
  });
  await queueMail(context, db, actor, {
    projectId: null,
    kind: 'password-reset',
    language: user.language,
    to: [{ name: user.name, email: user.email }],
    replyTo: null,
    ...rendered,
    personalLinks: [{ kind: 'password', slot, userId: user.id, purpose: 'reset' }],
  });
}

/** Writes the invitation to choose a password to a new user inside the caller's transaction. */
export async function queueInvitationEmail(
  context: ServiceContext,
  db: Database,
  actor: Actor,
  user: UserRow,
  inviter: { name: string; email: string },
): Promise<void> {
  const library = await getContentLibrary(db);
  const rendered = renderEmailTemplate(library.emailTemplates['staff-invitation'][user.language], {
    recipient: { name: user.name, email: user.email },
    vendor: { name: library.vendor.name },
    link: personalLinkUrl(context, passwordPagePath, slot),
    expiresDate: longDate(passwordLinkExpiresAt(context, 'invitation'), user.language, user.timeZone),
    inviter: { name: inviter.name },
    role: translate(user.language, 'words', `roles.${user.role}`),
    loginLink: new URL('/login', context.publicUrl).href,
  });
  await queueMail(context, db, actor, {
    projectId: null,
    kind: 'staff-invitation',
    language: user.language,
    to: [{ name: user.name, email: user.email }],
    // Questions about the invitation go to the administrator who sent it.
    replyTo: { name: inviter.name, email: inviter.email },
    ...rendered,
    personalLinks: [{ kind: 'password', slot, userId: user.id, purpose: 'invitation' }],
  });
}
