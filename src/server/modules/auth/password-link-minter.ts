import type { PersonalLinkSlot } from '../../db/schema';
import type { PersonalLinkMinter } from '../mail/personal-links';
import { issuePasswordToken } from './password-tokens';

/** Auth's personal links in emails: a password token, minted by the mail delivery (registered at start). */
export const passwordLinkMinter: PersonalLinkMinter<Extract<PersonalLinkSlot, { kind: 'password' }>> = {
  // A password slot names a user and a purpose the type already narrows: nothing to refuse ahead of delivery.
  check() {},
  async mint(context, db, slot, message) {
    const issued = await issuePasswordToken(context, db, {
      userId: slot.userId,
      purpose: slot.purpose,
      createdBy: message.createdBy,
      mailId: message.id,
    });
    return issued.token;
  },
};
