import type { AccountCredentials } from '../users/account-credentials';
import { queueInvitationEmail } from './account-mail';
import { checkNewPassword } from './password-policy';
import { withdrawPasswordTokens } from './password-tokens.repository';
import { clearPasswordAndEmailLink } from './password.service';
import { generatePassword, hashPassword } from './passwords';
import { deleteUserSessions } from './sessions.repository';

/** Auth's side of administering staff accounts, handed to the users module at start (modules/register-providers.ts). */
export const authAccountCredentials: AccountCredentials = {
  checkNewPassword,
  hashPassword,
  generatePassword,
  withdrawPasswordTokens,
  clearPasswordAndEmailLink,
  deleteUserSessions,
  queueInvitationEmail,
};
