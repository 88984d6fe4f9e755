import { portalLinkReasons, type PersonalLinkSlot } from '../../db/schema';
import { systemActor } from '../audit/actor';
import type { PersonalLinkMinter } from '../mail/personal-links';
import { isPortalLinkTarget, issuePortalLink } from './portal-access.service';

/** The portal's personal links in emails: a contact's link, minted by the mail delivery (registered at start). */

function isPortalLinkReason(reason: string): reason is (typeof portalLinkReasons)[number] {
  return (portalLinkReasons as readonly string[]).includes(reason);
}

export const portalLinkMinter: PersonalLinkMinter<Extract<PersonalLinkSlot, { kind: 'portal' }>> = {
  check(slot) {
    if (!isPortalLinkTarget(slot.target)) throw new Error(`not a portal link target: ${slot.target}`);
    if (!isPortalLinkReason(slot.reason)) throw new Error(`not a portal link reason: ${slot.reason}`);
  },
  async mint(context, db, slot, message) {
    if (!isPortalLinkReason(slot.reason)) throw new Error(`not a portal link reason: ${slot.reason}`);
    const link = await issuePortalLink(context, db, systemActor, {
      contactId: slot.contactId,
      projectId: slot.projectId,
      target: slot.target,
      reason: slot.reason,
      createdBy: message.createdBy,
      mailId: message.id,
    });
    return link.token;
  },
};
